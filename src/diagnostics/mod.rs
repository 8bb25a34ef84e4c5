//! Content diagnostics: `path:line:col: error: message` plus an optional `help:` line.
//!
//! Every stage pushes into one [`Diagnostics`] collector so that a run reports
//! every problem it finds, sorted by file and position; [`report`] prints them
//! with their source line, as a compiler does.

pub(crate) mod internal;
pub(crate) mod report;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How serious a diagnostic is; warnings become errors under `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a source file, 1-based, with the length of what starts there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    /// The column in characters.
    pub col: usize,
    /// How many characters the span covers (0: a point); reports underline it.
    pub len: usize,
}

impl Pos {
    /// The position used for problems of a whole file: its start.
    pub const FILE: Pos = Pos {
        line: 1,
        col: 1,
        len: 0,
    };

    /// A point at `line`, `col`.
    pub fn new(line: usize, col: usize) -> Pos {
        Pos { line, col, len: 0 }
    }

    /// The same start, spanning `len` characters.
    pub fn with_len(self, len: usize) -> Pos {
        Pos { len, ..self }
    }
}

/// One problem in the content, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub pos: Pos,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(path: &Path, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.to_path_buf(),
            pos,
            severity: Severity::Error,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(path: &Path, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, pos, message)
        }
    }

    pub fn with_help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        self
    }
}

/// The short form: the first line and the help, without the source line
/// (see [`report`] for the full form).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = display_path(&self.path);
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{path}:{}:{}: {level}: {}",
            self.pos.line, self.pos.col, self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// A path as diagnostics print it: forward slashes, no leading `./`.
pub fn display_path(path: &Path) -> String {
    let shown = path.strip_prefix(".").unwrap_or(path);
    shown.display().to_string().replace('\\', "/")
}

/// Collects the diagnostics of one run; safe to share between threads.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub(crate) fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub(crate) fn push(&self, d: Diagnostic) {
        self.items.lock().expect("diagnostics lock").push(d);
    }

    pub(crate) fn error(&self, path: &Path, pos: Pos, message: impl Into<String>) {
        self.push(Diagnostic::error(path, pos, message));
    }

    pub(crate) fn error_help(
        &self,
        path: &Path,
        pos: Pos,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.push(Diagnostic::error(path, pos, message).with_help(help));
    }

    /// How many diagnostics were reported so far.
    pub(crate) fn len(&self) -> usize {
        self.items.lock().expect("diagnostics lock").len()
    }

    /// All diagnostics, deduplicated and sorted by file, line, column.
    pub(crate) fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.lock().expect("diagnostics lock").clone();
        items.sort_by(|a, b| {
            (&a.path, a.pos, a.severity, &a.message).cmp(&(&b.path, b.pos, b.severity, &b.message))
        });
        items.dedup();
        items
    }

    pub(crate) fn has_errors(&self, strict: bool) -> bool {
        self.items
            .lock()
            .expect("diagnostics lock")
            .iter()
            .any(|d| strict || d.severity == Severity::Error)
    }
}

/// The known name closest to `name`, if it is close enough to be a plausible typo.
pub(crate) fn nearest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, &k.to_lowercase()), k))
        .filter(|(dist, k)| {
            let limit = (k.chars().count().max(name.chars().count()) / 3).max(1);
            *dist <= limit || k.starts_with(&lower) || lower.starts_with(*k)
        })
        .min_by_key(|(dist, k)| (*dist, *k))
        .map(|(_, k)| k)
}

/// A `did you mean 'x'?` help line for the nearest known name.
pub(crate) fn did_you_mean<'a>(
    name: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    nearest(name, known).map(|k| format!("did you mean '{k}'?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_position_and_help() {
        let d = Diagnostic::error(
            Path::new("content/roller/a.md"),
            Pos::new(3, 7),
            "unknown role 'x'",
        )
        .with_help(Some("did you mean 'y'?".into()));
        assert_eq!(
            d.to_string(),
            "content/roller/a.md:3:7: error: unknown role 'x'\n  help: did you mean 'y'?"
        );
    }

    #[test]
    fn nearest_finds_typos_but_not_strangers() {
        let known = ["gevinstejer", "projektleder-ky", "styregruppe"];
        assert_eq!(nearest("gevinstejr", known), Some("gevinstejer"));
        assert_eq!(nearest("projektleder", known), Some("projektleder-ky"));
        assert_eq!(nearest("zzz", known), None);
    }

    #[test]
    fn sorted_orders_by_file_then_line() {
        let d = Diagnostics::new();
        d.error(Path::new("b.md"), Pos::new(1, 1), "x");
        d.error(Path::new("a.md"), Pos::new(9, 1), "y");
        d.error(Path::new("a.md"), Pos::new(2, 1), "z");
        let lines: Vec<_> = d.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            [
                "a.md:2:1: error: z",
                "a.md:9:1: error: y",
                "b.md:1:1: error: x"
            ]
        );
    }
}
