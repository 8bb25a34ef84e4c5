//! Typed, strict reading of YAML mappings: every wrong type, missing key and
//! unknown key becomes a diagnostic at the offending position, and reading
//! goes on so one run reports them all.

use std::path::Path;

use serde::Serialize;

use super::yaml::{Node, Value};
use crate::diagnostics::{Diagnostics, Pos, did_you_mean};

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

/// Where diagnostics of the file being read go.
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    pub path: &'a Path,
    pub diags: &'a Diagnostics,
}

impl<'a> Reader<'a> {
    pub fn error(&self, pos: Pos, message: impl Into<String>) {
        self.diags.error(self.path, pos, message);
    }

    pub fn error_help(&self, pos: Pos, message: impl Into<String>, help: Option<String>) {
        self.diags.error_help(self.path, pos, message, help);
    }

    /// Opens `node` as a mapping of the keys listed in `known` (for the unknown-key check).
    pub fn fields(
        self,
        node: &'a Node,
        what: &str,
        known: &'static [&'static str],
    ) -> Option<Fields<'a>> {
        match &node.value {
            Value::Map(pairs) => Some(Fields {
                reader: self,
                pairs,
                pos: node.pos,
                known,
                what: what.to_string(),
            }),
            Value::Null => Some(Fields {
                reader: self,
                pairs: &[],
                pos: node.pos,
                known,
                what: what.to_string(),
            }),
            _ => {
                self.error(
                    node.pos,
                    format!(
                        "{what} must be a mapping of keys, found {}",
                        node.kind_name()
                    ),
                );
                None
            }
        }
    }

    /// A string scalar; numbers written without quotes are accepted when they are whole.
    pub fn string(&self, node: &Node, key: &str) -> Option<Sp<String>> {
        match &node.value {
            Value::Str(s) => Some(Sp::new(s.trim().to_string(), node.pos)),
            Value::Int(i) => Some(Sp::new(i.to_string(), node.pos)),
            Value::Float(_) => {
                self.error_help(
                    node.pos,
                    format!("'{key}' must be a string, found a number"),
                    Some("put the value in quotes, e.g. \"1.0\", so it is read as text".into()),
                );
                None
            }
            _ => {
                self.error(
                    node.pos,
                    format!("'{key}' must be a string, found {}", node.kind_name()),
                );
                None
            }
        }
    }

    pub fn int(&self, node: &Node, key: &str) -> Option<Sp<i64>> {
        match &node.value {
            Value::Int(i) => Some(Sp::new(*i, node.pos)),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                Some(Sp::new(*f as i64, node.pos))
            }
            Value::Float(_) => {
                self.error(
                    node.pos,
                    format!("'{key}' must be a whole number that fits in 64 bits"),
                );
                None
            }
            _ => {
                self.error(
                    node.pos,
                    format!("'{key}' must be a whole number, found {}", node.kind_name()),
                );
                None
            }
        }
    }

    /// A week relative to go-live, within [`MAX_WEEK`] weeks of it.
    pub fn week(&self, node: &Node, key: &str) -> Option<Sp<i64>> {
        let week = self.int(node, key)?;
        if !(-MAX_WEEK..=MAX_WEEK).contains(&week.value) {
            self.error_help(
                week.pos,
                format!(
                    "'{key}' must be a week between -{MAX_WEEK} and {MAX_WEEK}, found {}",
                    week.value
                ),
                Some("weeks count from go-live (week 0): -13 is thirteen weeks before it".into()),
            );
            return None;
        }
        Some(week)
    }

    /// A list of strings; a single string is accepted as a list of one.
    pub fn string_list(&self, node: &Node, key: &str) -> Vec<Sp<String>> {
        match &node.value {
            Value::Seq(items) => items.iter().filter_map(|n| self.string(n, key)).collect(),
            Value::Null => Vec::new(),
            Value::Str(_) | Value::Int(_) => self.string(node, key).into_iter().collect(),
            _ => {
                self.error(
                    node.pos,
                    format!("'{key}' must be a list, found {}", node.kind_name()),
                );
                Vec::new()
            }
        }
    }

    /// The items of a list of mappings, each read by `read`.
    pub fn list_of<T>(
        &self,
        node: &Node,
        key: &str,
        mut read: impl FnMut(&Node) -> Option<T>,
    ) -> Vec<T> {
        match &node.value {
            Value::Seq(items) => items.iter().filter_map(&mut read).collect(),
            Value::Null => Vec::new(),
            _ => {
                self.error(
                    node.pos,
                    format!("'{key}' must be a list, found {}", node.kind_name()),
                );
                Vec::new()
            }
        }
    }
}

/// An open YAML mapping that is read key by key and then checked for unknown keys.
pub struct Fields<'a> {
    pub reader: Reader<'a>,
    pairs: &'a [(Node, Node)],
    /// The position of the mapping itself (for "missing key" errors).
    pub pos: Pos,
    known: &'static [&'static str],
    what: String,
}

impl<'a> Fields<'a> {
    /// The value of `key`, if present and not null.
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        debug_assert!(
            self.known.contains(&key),
            "key '{key}' missing from the known list"
        );
        self.pairs
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
            .map(|(_, v)| v)
            .filter(|v| v.value != Value::Null)
    }

    /// The position of `key` itself (or of the mapping when it is absent).
    pub fn key_pos(&self, key: &str) -> Pos {
        self.pairs
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
            .map_or(self.pos, |(k, _)| k.pos)
    }

    pub fn string(&self, key: &str) -> Option<Sp<String>> {
        self.get(key).and_then(|n| self.reader.string(n, key))
    }

    /// A string that must be present and non-empty.
    pub fn required_string(&self, key: &str) -> Option<Sp<String>> {
        match self.string(key) {
            Some(s) if !s.value.is_empty() => Some(s),
            Some(s) => {
                self.reader
                    .error(s.pos, format!("'{key}' must not be empty"));
                None
            }
            None if self.get(key).is_none() => {
                self.missing(key);
                None
            }
            None => None,
        }
    }

    /// Reports a required key as missing, unless a misspelling of it is there
    /// (that unknown key is reported, with the right name as help).
    pub fn missing(&self, key: &str) {
        let misspelt = self.pairs.iter().any(|(k, _)| {
            k.scalar_text().is_some_and(|name| {
                !self.known.contains(&name.as_str()) && did_you_mean(&name, [key]).is_some()
            })
        });
        if misspelt {
            return;
        }
        self.reader.error_help(
            self.pos,
            format!("{} is missing the required key '{key}'", self.what),
            Some(format!("add a line '{key}: ...'")),
        );
    }

    pub fn int(&self, key: &str) -> Option<Sp<i64>> {
        self.get(key).and_then(|n| self.reader.int(n, key))
    }

    /// A week relative to go-live (see [`Reader::week`]).
    pub fn week(&self, key: &str) -> Option<Sp<i64>> {
        self.get(key).and_then(|n| self.reader.week(n, key))
    }

    pub fn bool(&self, key: &str) -> Option<bool> {
        let node = self.get(key)?;
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.reader.error(
                    node.pos,
                    format!("'{key}' must be true or false, found {}", node.kind_name()),
                );
                None
            }
        }
    }

    pub fn string_list(&self, key: &str) -> Vec<Sp<String>> {
        self.get(key)
            .map_or_else(Vec::new, |n| self.reader.string_list(n, key))
    }

    pub fn list_of<T>(&self, key: &str, read: impl FnMut(&Node) -> Option<T>) -> Vec<T> {
        self.get(key)
            .map_or_else(Vec::new, |n| self.reader.list_of(n, key, read))
    }

    /// A value that must be one of `allowed`.
    pub fn one_of(&self, key: &str, allowed: &[&str]) -> Option<Sp<String>> {
        let value = self.string(key)?;
        if allowed.contains(&value.as_str()) {
            return Some(value);
        }
        self.reader.error_help(
            value.pos,
            format!(
                "'{key}' must be one of {}, found '{}'",
                allowed.join(", "),
                value.value
            ),
            did_you_mean(&value.value, allowed.iter().copied()),
        );
        None
    }

    /// Reports every key that is not in the known list, with the nearest known key as help.
    pub fn finish(self) {
        for (key, _) in self.pairs {
            let name = key.scalar_text().unwrap_or_default();
            if !self.known.contains(&name.as_str()) {
                let help = if name.contains(' ') {
                    Some("a text with a comma inside '{ ... }' or '[ ... ]' is cut at the comma: put the whole text in quotes".to_string())
                } else {
                    did_you_mean(&name, self.known.iter().copied()).or_else(|| {
                        self.known
                            .contains(&"extra")
                            .then(|| "free-form data goes under 'extra:'".to_string())
                    })
                };
                self.reader.error_help(
                    key.pos,
                    format!("unknown key '{name}' in {}", self.what),
                    help,
                );
            }
        }
    }
}

/// How far from go-live a week may be: ten years either way is more than any
/// plan needs, and keeps timelines and week arithmetic finite.
pub const MAX_WEEK: i64 = 520;

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
    pub fn single(week: i64) -> Weeks {
        Weeks {
            from: week,
            to: week,
            open_start: false,
            open_end: false,
        }
    }
}

/// Reads `week: N` or `weeks: { from, to }` from a mapping (the two exclude each other).
pub fn read_weeks(f: &Fields) -> Option<Sp<Weeks>> {
    if let Some(week) = f.week("week") {
        if f.get("weeks").is_some() {
            f.reader.error(
                f.key_pos("weeks"),
                "give either 'week' or 'weeks', not both",
            );
        }
        return Some(Sp::new(Weeks::single(week.value), week.pos));
    }
    let node = f.get("weeks")?;
    read_week_range(f.reader, node)
}

/// Reads `{ from, to }`; one of the two may be left out for an open range.
pub fn read_week_range(reader: Reader, node: &Node) -> Option<Sp<Weeks>> {
    let wf = reader.fields(node, "'weeks'", &["from", "to"])?;
    let from = wf.week("from");
    let to = wf.week("to");
    let (from_given, to_given) = (wf.get("from").is_some(), wf.get("to").is_some());
    wf.finish();
    if !from_given && !to_given {
        reader.error_help(
            node.pos,
            "'weeks' needs 'from', 'to' or both",
            Some("write e.g. 'weeks: { from: -13, to: -1 }' or 'weeks: { to: -14 }'".into()),
        );
        return None;
    }
    let weeks = match (from, to) {
        (Some(f), Some(t)) if f.value > t.value => {
            reader.error(
                t.pos,
                format!(
                    "'weeks' ends (week {}) before it starts (week {})",
                    t.value, f.value
                ),
            );
            return None;
        }
        (Some(f), Some(t)) => Weeks {
            from: f.value,
            to: t.value,
            open_start: false,
            open_end: false,
        },
        (Some(f), None) if !to_given => Weeks {
            from: f.value,
            to: f.value,
            open_start: false,
            open_end: true,
        },
        (None, Some(t)) if !from_given => Weeks {
            from: t.value,
            to: t.value,
            open_start: true,
            open_end: false,
        },
        _ => return None,
    };
    Some(Sp::new(weeks, node.pos))
}
