//! Typed, strict reading of YAML mappings: every wrong type, missing key and
//! unknown key becomes a diagnostic at the offending position, and reading
//! goes on so one run reports them all.

use std::path::Path;

use std::cell::Cell;

use crate::diagnostics::{Diagnostics, Pos, did_you_mean};
use crate::model::{Date, MAX_WEEK, Node, Sp, Value, Weeks};
use crate::schema::{Key, Table, Ty, WEEKS};

/// Where diagnostics of the file being read go.
#[derive(Clone, Copy)]
pub(crate) struct Reader<'a> {
    pub path: &'a Path,
    pub diags: &'a Diagnostics,
}

impl<'a> Reader<'a> {
    pub(crate) fn error(&self, pos: Pos, message: impl Into<String>) {
        self.diags.error(self.path, pos, message);
    }

    pub(crate) fn error_help(&self, pos: Pos, message: impl Into<String>, help: Option<String>) {
        self.diags.error_help(self.path, pos, message, help);
    }

    /// Opens `node` as a mapping read with `table`: its keys, which of them
    /// are required and the words of its enums come from the table.
    pub(crate) fn fields(self, node: &'a Node, table: &'static Table) -> Option<Fields<'a>> {
        let pairs: &'a [(Node, Node)] = match &node.value {
            Value::Map(pairs) => pairs,
            Value::Null => &[],
            _ => {
                self.error(
                    node.pos,
                    format!(
                        "{} must be a mapping of keys, found {}",
                        table.what,
                        node.kind_name()
                    ),
                );
                return None;
            }
        };
        Some(Fields {
            reader: self,
            pairs,
            pos: node.pos,
            table,
            asked: Cell::new(0),
            errors_before: self.diags.len(),
        })
    }

    /// A string scalar; numbers written without quotes are accepted when they are whole.
    pub(crate) fn string(&self, node: &Node, key: &str) -> Option<Sp<String>> {
        if let Some(text) = node.text() {
            return Some(Sp::new(text, node.pos));
        }
        match &node.value {
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

    pub(crate) fn int(&self, node: &Node, key: &str) -> Option<Sp<i64>> {
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
    pub(crate) fn week(&self, node: &Node, key: &str) -> Option<Sp<i64>> {
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
    pub(crate) fn string_list(&self, node: &Node, key: &str) -> Vec<Sp<String>> {
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
    pub(crate) fn list_of<T>(
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
pub(crate) struct Fields<'a> {
    pub reader: Reader<'a>,
    pairs: &'a [(Node, Node)],
    /// The position of the mapping itself (for "missing key" errors).
    pub pos: Pos,
    table: &'static Table,
    /// The keys of the table asked for so far, one bit each (debug check).
    asked: Cell<u64>,
    /// The number of diagnostics of the file when the mapping was opened.
    errors_before: usize,
}

impl<'a> Fields<'a> {
    /// The table's row for `key`; asking for a key the table does not have is a bug.
    fn row(&self, key: &str) -> &'static Key {
        let index = self.table.keys.iter().position(|k| k.name == key);
        let Some(index) = index else {
            panic!("key '{key}' is not in the table of {}", self.table.what);
        };
        self.asked.set(self.asked.get() | 1 << index);
        &self.table.keys[index]
    }

    /// The value of `key`, if present and not null.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Node> {
        self.row(key);
        self.pairs
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
            .map(|(_, v)| v)
            .filter(|v| v.value != Value::Null)
    }

    /// The value of `key`; a required key that is absent is reported.
    fn value(&self, key: &str) -> Option<&'a Node> {
        let row = self.row(key);
        let node = self.get(key);
        if node.is_none() && row.required {
            self.missing(key);
        }
        node
    }

    /// The position of `key` itself (or of the mapping when it is absent).
    pub(crate) fn key_pos(&self, key: &str) -> Pos {
        self.pairs
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
            .map_or(self.pos, |(k, _)| k.pos)
    }

    /// A string; a required one must be present and not empty.
    pub(crate) fn string(&self, key: &str) -> Option<Sp<String>> {
        let value = self.value(key).and_then(|n| self.reader.string(n, key))?;
        if value.value.is_empty() && self.row(key).required {
            self.reader
                .error(value.pos, format!("'{key}' must not be empty"));
            return None;
        }
        Some(value)
    }

    /// Reports a required key as missing, unless a misspelling of it is there
    /// (that unknown key is reported, with the right name as help).
    fn missing(&self, key: &str) {
        let misspelt = self.pairs.iter().any(|(k, _)| {
            k.scalar_text().is_some_and(|name| {
                self.table.key(&name).is_none() && did_you_mean(&name, [key]).is_some()
            })
        });
        if misspelt {
            return;
        }
        self.reader.error_help(
            self.pos,
            format!("{} is missing the required key '{key}'", self.table.what),
            Some(format!("add a line '{key}: ...'")),
        );
    }

    /// A calendar date `YYYY-MM-DD`; a day the calendar does not have is reported.
    pub(crate) fn date(&self, key: &str) -> Option<Sp<Date>> {
        let text = self.string(key)?;
        let date = Date::parse(&text.value);
        if date.is_none() {
            self.reader.error_help(
                text.pos,
                format!(
                    "'{key}' must be a date like 2016-09-21, found '{}'",
                    text.value
                ),
                Some("write a day of the calendar as YYYY-MM-DD".into()),
            );
        }
        Some(Sp::new(date?, text.pos))
    }

    pub(crate) fn int(&self, key: &str) -> Option<Sp<i64>> {
        self.value(key).and_then(|n| self.reader.int(n, key))
    }

    /// A week relative to go-live (see [`Reader::week`]).
    pub(crate) fn week(&self, key: &str) -> Option<Sp<i64>> {
        self.value(key).and_then(|n| self.reader.week(n, key))
    }

    pub(crate) fn bool(&self, key: &str) -> Option<bool> {
        let node = self.value(key)?;
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

    pub(crate) fn string_list(&self, key: &str) -> Vec<Sp<String>> {
        self.value(key)
            .map_or_else(Vec::new, |n| self.reader.string_list(n, key))
    }

    /// The items of a list of mappings, each opened with the key's item table
    /// and read by `read`, then checked for unknown keys.
    pub(crate) fn items<T>(&self, key: &str, mut read: impl FnMut(&Fields) -> Option<T>) -> Vec<T> {
        let Ty::Items(table) = self.row(key).ty else {
            panic!("'{key}' is not a list of mappings in {}", self.table.what);
        };
        let reader = self.reader;
        self.value(key).map_or_else(Vec::new, |n| {
            reader.list_of(n, key, |node| {
                let item = reader.fields(node, table)?;
                let value = read(&item);
                item.finish();
                value
            })
        })
    }

    /// A list of raw nodes (for lists whose items are read by hand).
    pub(crate) fn list_of<T>(&self, key: &str, read: impl FnMut(&Node) -> Option<T>) -> Vec<T> {
        self.value(key)
            .map_or_else(Vec::new, |n| self.reader.list_of(n, key, read))
    }

    /// The table of a mapping-valued key.
    pub(crate) fn table_of(&self, key: &str) -> &'static Table {
        match self.row(key).ty {
            Ty::Items(table) | Ty::Map(table) => table,
            _ => panic!("'{key}' is not a mapping in {}", self.table.what),
        }
    }

    /// A value that must be one of the words of the key's enum.
    pub(crate) fn choice<T>(&self, key: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        let Ty::Choice(choice) = self.row(key).ty else {
            panic!("'{key}' is not a choice in {}", self.table.what);
        };
        let value = self.string(key)?;
        if let Some(parsed) = parse(&value.value) {
            return Some(parsed);
        }
        self.reader.error_help(
            value.pos,
            format!(
                "'{key}' must be one of {}, found '{}'",
                choice.names.join(", "),
                value.value
            ),
            did_you_mean(&value.value, choice.names.iter().copied()),
        );
        None
    }

    /// Reports every key that is not in the table, with the nearest known key
    /// as help, and keys that exclude each other. In debug builds, a key of the
    /// table that the mapping has but nobody asked for is a bug (it would be
    /// silently ignored), unless reading stopped at an error.
    pub(crate) fn finish(self) {
        for (a, b) in self.table.exclusive {
            if self.get(a).is_some() && self.get(b).is_some() {
                self.reader.error(
                    self.key_pos(b),
                    format!("give either '{a}' or '{b}', not both"),
                );
            }
        }
        for (key, _) in self.pairs {
            let name = key.scalar_text().unwrap_or_default();
            match self.table.keys.iter().position(|k| k.name == name) {
                Some(index) => debug_assert!(
                    self.asked.get() & 1 << index != 0
                        || self.reader.diags.len() > self.errors_before,
                    "key '{name}' of {} was never read",
                    self.table.what
                ),
                None => self.unknown(key, &name),
            }
        }
    }

    fn unknown(&self, key: &Node, name: &str) {
        let help = if name.contains(' ') {
            Some("a text with a comma inside '{ ... }' or '[ ... ]' is cut at the comma: put the whole text in quotes".to_string())
        } else {
            did_you_mean(name, self.table.names()).or_else(|| {
                self.table
                    .has_extra()
                    .then(|| "free-form data goes under 'extra:'".to_string())
            })
        };
        self.reader.error_help(
            key.pos,
            format!("unknown key '{name}' in {}", self.table.what),
            help,
        );
    }
}

/// Reads `week: N` or `weeks: { from, to }` from a mapping (the table says
/// the two exclude each other).
pub(crate) fn read_weeks(f: &Fields) -> Option<Sp<Weeks>> {
    if let Some(week) = f.week("week") {
        return Some(Sp::new(Weeks::single(week.value), week.pos));
    }
    let node = f.get("weeks")?;
    read_week_range(f.reader, node)
}

/// Reads `{ from, to }`; one of the two may be left out for an open range.
pub(crate) fn read_week_range(reader: Reader, node: &Node) -> Option<Sp<Weeks>> {
    let wf = reader.fields(node, &WEEKS)?;
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
    if let (Some(f), Some(t)) = (&from, &to)
        && f.value > t.value
    {
        reader.error(
            t.pos,
            format!(
                "'weeks' ends (week {}) before it starts (week {})",
                t.value, f.value
            ),
        );
        return None;
    }
    // An end given but unreadable (reported) leaves no range.
    if (from.is_none() && from_given) || (to.is_none() && to_given) {
        return None;
    }
    let weeks = Weeks::new(from.map(|f| f.value), to.map(|t| t.value))?;
    Some(Sp::new(weeks, node.pos))
}
