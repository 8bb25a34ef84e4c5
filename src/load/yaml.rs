//! The one place that knows the YAML library (serde-saphyr): YAML text in,
//! a tree of [`Node`]s out, each carrying its position in the file.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostics::Pos;
use crate::model::{Node, Value};

/// A YAML syntax error at a file position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// How deeply YAML collections may nest (front matter needs four or five levels).
pub(crate) const MAX_DEPTH: usize = 16;

/// Parses YAML whose first line is line `first_line` of its file.
pub fn parse(text: &str, first_line: usize) -> Result<Node, SyntaxError> {
    let options = serde_saphyr::options! {
        // Front matter is a few levels deep; the limit keeps the recursive
        // reading of a damaged file (`[[[[...`) far from the stack's end.
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
        },
        strict_booleans: true,
        with_snippet: false,
        leading_zero_numbers_as_strings: true,
    };
    match serde_saphyr::from_str_with_options::<RawNode>(text, options) {
        Ok(raw) => Ok(raw.into_node(first_line)),
        Err(e) => {
            let (line, col) = e
                .location()
                .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
            Err(SyntaxError {
                pos: Pos::new(line.max(1) + first_line - 1, col.max(1)),
                message: clean_message(&e.to_string()),
            })
        }
    }
}

/// Strips the library's own location prefix, which we print in our format.
fn clean_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let rest = match first.strip_prefix("line ") {
        Some(r) => r.split_once(": ").map_or(first, |(_, msg)| msg),
        None => first,
    };
    let rest = rest
        .split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(rest);
    if rest.contains("Depth {") || rest.contains("recursion limit") {
        return format!("invalid YAML: nested more than {MAX_DEPTH} levels deep");
    }
    let rest = match rest.rfind(" at line ") {
        Some(i) if rest[i..].contains(", column ") => &rest[..i],
        _ => rest,
    };
    format!("invalid YAML: {rest}")
}

/// The node as read, with positions relative to the YAML text.
struct RawNode {
    value: RawValue,
    line: u64,
    col: u64,
    len: u64,
}

enum RawValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<RawNode>),
    Map(Vec<(RawNode, RawNode)>),
}

impl RawNode {
    fn into_node(self, first_line: usize) -> Node {
        let pos = Pos::new(
            self.line.max(1) as usize + first_line - 1,
            self.col.max(1) as usize,
        )
        .with_len(self.len as usize);
        let value = match self.value {
            RawValue::Null => Value::Null,
            RawValue::Bool(b) => Value::Bool(b),
            RawValue::Int(i) => Value::Int(i),
            RawValue::Float(f) => Value::Float(f),
            RawValue::Str(s) => Value::Str(s),
            RawValue::Seq(items) => {
                Value::Seq(items.into_iter().map(|n| n.into_node(first_line)).collect())
            }
            RawValue::Map(pairs) => Value::Map(
                pairs
                    .into_iter()
                    .map(|(k, v)| (k.into_node(first_line), v.into_node(first_line)))
                    .collect(),
            ),
        };
        Node { value, pos }
    }
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned: Spanned<RawValue> = Spanned::deserialize(d)?;
        Ok(RawNode {
            line: spanned.referenced.line(),
            col: spanned.referenced.column(),
            len: spanned.referenced.span().len(),
            value: spanned.value,
        })
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_none<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        RawValue::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawValue, E> {
        Ok(i64::try_from(v).map_or(RawValue::Float(v as f64), RawValue::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<RawValue, E> {
        Ok(i64::try_from(v).map_or(RawValue::Float(v as f64), RawValue::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<RawValue, E> {
        Ok(i64::try_from(v).map_or(RawValue::Float(v as f64), RawValue::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawValue, E> {
        Ok(RawValue::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<RawValue, E> {
        Ok(RawValue::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = access.next_element::<RawNode>()? {
            items.push(item);
        }
        Ok(RawValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<RawValue, A::Error> {
        let mut pairs = Vec::new();
        while let Some(key) = access.next_key::<RawNode>()? {
            let value = access.next_value::<RawNode>()?;
            pairs.push((key, value));
        }
        Ok(RawValue::Map(pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(node: &Node) -> &Vec<(Node, Node)> {
        match &node.value {
            Value::Map(m) => m,
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn positions_are_file_positions() {
        let node = parse("title: Hej\nweeks: { from: -13, to: -1 }\n", 2).unwrap();
        let m = map(&node);
        assert_eq!(
            m[0].0.pos,
            Pos::new(2, 1).with_len(5),
            "the key spans 'title'"
        );
        assert_eq!(m[0].1.pos, Pos::new(2, 8).with_len(3));
        let weeks = map(&m[1].1);
        assert_eq!(weeks[0].1.value, Value::Int(-13));
        assert_eq!(weeks[0].1.pos, Pos::new(3, 16).with_len(3));
    }

    #[test]
    fn scalars_follow_yaml_1_2() {
        let node = parse(
            "a: yes\nb: true\nc: 1.0\nd: \"1.0\"\ne:\nf: 2016-09-21\ng: 99999999999999999999999\n",
            1,
        )
        .unwrap();
        let values: Vec<_> = map(&node).iter().map(|(_, v)| v.value.clone()).collect();
        assert_eq!(values[0], Value::Str("yes".into()));
        assert_eq!(values[1], Value::Bool(true));
        assert_eq!(values[2], Value::Float(1.0));
        assert_eq!(values[3], Value::Str("1.0".into()));
        assert_eq!(values[4], Value::Null);
        assert_eq!(values[5], Value::Str("2016-09-21".into()));
        assert!(matches!(values[6], Value::Float(_)));
    }

    #[test]
    fn deep_nesting_is_an_error_even_on_a_small_stack() {
        for depth in [MAX_DEPTH + 1, 81, 5000] {
            let text = format!("dyb: {}{}\n", "[".repeat(depth), "]".repeat(depth));
            let result = std::thread::Builder::new()
                .stack_size(2 << 20)
                .spawn(move || parse(&text, 1).map(|_| ()).map_err(|e| e.message))
                .unwrap()
                .join()
                .expect("no crash");
            assert_eq!(
                result,
                Err(format!(
                    "invalid YAML: nested more than {MAX_DEPTH} levels deep"
                ))
            );
        }
        assert!(parse(&format!("a: {}{}", "[".repeat(10), "]".repeat(10)), 1).is_ok());
    }

    #[test]
    fn syntax_errors_carry_file_positions() {
        let err = parse("title: x\nroles: [a, b\n", 2).unwrap_err();
        assert_eq!(err.pos.line, 3);
        assert!(err.message.starts_with("invalid YAML: "), "{}", err.message);
        let dup = parse("a: 1\na: 2\n", 2).unwrap_err();
        assert_eq!(dup.pos, Pos::new(3, 1));
        assert_eq!(dup.message, "invalid YAML: duplicate mapping key: a");
    }
}
