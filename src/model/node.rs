//! Values with their positions in the file: the YAML tree front matter is
//! read into, a value carrying where it came from, and week ranges.

use serde::Serialize;

use crate::diagnostics::Pos;

/// A YAML value with the file position it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

/// The value of a YAML node. Mappings keep their keys' order and positions.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// An empty mapping at `pos`.
    pub fn empty_map(pos: Pos) -> Node {
        Node {
            value: Value::Map(Vec::new()),
            pos,
        }
    }

    /// What kind of value this is, for messages: "a string", "a list", ...
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The text of a text value as content means it: trimmed, and a whole
    /// number written without quotes as its digits. None for anything else.
    pub fn text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.trim().to_string()),
            Value::Int(i) => Some(i.to_string()),
            _ => None,
        }
    }

    /// The value of `key` in a mapping, if present and not null.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(pairs) => pairs
                .iter()
                .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
                .map(|(_, v)| v)
                .filter(|v| v.value != Value::Null),
            _ => None,
        }
    }

    /// The items of a list; a single value is a list of one, null an empty list.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            _ => std::slice::from_ref(self),
        }
    }

    /// The text of a scalar (used for mapping keys).
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null => Some(String::new()),
            _ => None,
        }
    }
}

/// A value together with the file position it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sp<T> {
    pub value: T,
    #[serde(skip)]
    pub pos: Pos,
}

impl<T> Sp<T> {
    pub fn new(value: T, pos: Pos) -> Sp<T> {
        Sp { value, pos }
    }
}

impl Sp<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// How far from go-live a week may be: ten years either way is more than any
/// plan needs, and keeps timelines and week arithmetic finite.
pub(crate) const MAX_WEEK: i64 = 520;

/// A week range relative to go-live. A range may be open at one end
/// (`weeks: { to: -14 }`: until week -14); then `from == to` and the flag says which end is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Weeks {
    pub from: i64,
    pub to: i64,
    pub open_start: bool,
    pub open_end: bool,
}

impl Weeks {
    /// The range of the weeks given: both ends, or one end of an open range.
    pub fn new(from: Option<i64>, to: Option<i64>) -> Option<Weeks> {
        Some(match (from, to) {
            (Some(from), Some(to)) => Weeks {
                from,
                to,
                open_start: false,
                open_end: false,
            },
            (Some(from), None) => Weeks {
                from,
                to: from,
                open_start: false,
                open_end: true,
            },
            (None, Some(to)) => Weeks {
                from: to,
                to,
                open_start: true,
                open_end: false,
            },
            (None, None) => return None,
        })
    }

    /// The weeks of a validated `week: N` or `weeks: { from, to }` value.
    pub fn of_node(node: &Node) -> Option<Weeks> {
        match &node.value {
            Value::Int(week) => Some(Weeks::single(*week)),
            Value::Map(_) => {
                let end = |key| match node.get(key).map(|n| &n.value) {
                    Some(Value::Int(w)) => Some(*w),
                    _ => None,
                };
                Weeks::new(end("from"), end("to"))
            }
            _ => None,
        }
    }

    pub fn single(week: i64) -> Weeks {
        Weeks {
            from: week,
            to: week,
            open_start: false,
            open_end: false,
        }
    }
}
