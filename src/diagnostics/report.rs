//! Diagnostics as a compiler prints them: the `path:line:col: error: message`
//! line that editors and CI match, the source line with the culprit
//! underlined (annotate-snippets, the renderer rustc uses), then the help.
//! Colour only on a terminal without `NO_COLOR`; on GitHub Actions also the
//! `::error file=...,line=...,col=...::message` lines that annotate a pull request.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use annotate_snippets::renderer::{
    DEFAULT_ERROR_STYLE, DEFAULT_HELP_STYLE, DEFAULT_WARNING_STYLE, DecorStyle,
};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Diagnostic, Severity, display_path};

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// A GitHub Actions workflow command after each diagnostic.
    pub github: bool,
}

impl Style {
    /// Plain text, as written into files, pages and tests.
    pub const PLAIN: Style = Style {
        color: false,
        github: false,
    };

    /// The style for standard error: colour when it is a terminal and
    /// `NO_COLOR` is unset or empty; annotations when `GITHUB_ACTIONS=true`.
    pub fn for_stderr() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !no_color && std::io::stderr().is_terminal(),
            github: std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"),
        }
    }
}

/// Renders diagnostics, reading each source file once for its lines.
#[derive(Debug, Default)]
pub struct Reporter {
    style: Style,
    file: Option<(PathBuf, Option<Vec<String>>)>,
}

impl Reporter {
    pub fn new(style: Style) -> Reporter {
        Reporter { style, file: None }
    }

    /// One diagnostic: its first line, the annotated source line, the help
    /// (and the workflow command on GitHub Actions); no trailing newline.
    pub fn render(&mut self, d: &Diagnostic) -> String {
        let (word, level, style) = match d.severity {
            Severity::Error => ("error", Level::ERROR, DEFAULT_ERROR_STYLE),
            Severity::Warning => ("warning", Level::WARNING, DEFAULT_WARNING_STYLE),
        };
        let location = format!("{}:{}:{}", display_path(&d.path), d.pos.line, d.pos.col);
        let mut out = if self.style.color {
            format!(
                "{location}: {}{word}{}: {}",
                style.render(),
                style.render_reset(),
                d.message
            )
        } else {
            format!("{location}: {word}: {}", d.message)
        };
        let line = self.line(&d.path, d.pos.line);
        let mut group = Group::with_level(level.clone());
        if let Some(text) = &line {
            let (start, end) = span_bytes(text, d.pos.col, d.pos.len);
            group = group.element(
                Snippet::source(text.as_str())
                    .line_start(d.pos.line)
                    .annotation(AnnotationKind::Primary.span(start..end)),
            );
        }
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        if line.is_some() || d.help.is_some() {
            let renderer = if self.style.color {
                Renderer::styled().help(DEFAULT_HELP_STYLE)
            } else {
                Renderer::plain()
            };
            let body = renderer.decor_style(DecorStyle::Ascii).render(&[group]);
            out.push('\n');
            out.push_str(body.trim_end());
        }
        if self.style.github {
            out.push('\n');
            out.push_str(&github_command(d, word));
        }
        out
    }

    /// Line `n` (1-based) of a file, as the loader decodes it; `None` when the
    /// file or the line cannot be read.
    fn line(&mut self, path: &Path, n: usize) -> Option<String> {
        if self.file.as_ref().is_none_or(|(p, _)| p != path) {
            let lines = std::fs::read(path).ok().map(|bytes| {
                let text = String::from_utf8_lossy(&bytes);
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                text.split('\n')
                    .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
                    .collect()
            });
            self.file = Some((path.to_path_buf(), lines));
        }
        let lines = self.file.as_ref()?.1.as_ref()?;
        let line = lines.get(n.checked_sub(1)?)?;
        // A blank line underlines nothing worth showing.
        (!line.trim().is_empty()).then(|| line.clone())
    }
}

/// The byte range of a span of `len` characters at 1-based character column
/// `col` of `line`, kept inside the line; at least one character wide.
fn span_bytes(line: &str, col: usize, len: usize) -> (usize, usize) {
    let byte_at = |chars: usize| {
        line.char_indices()
            .nth(chars)
            .map_or(line.len(), |(i, _)| i)
    };
    let count = line.chars().count();
    let first = col.saturating_sub(1).min(count.saturating_sub(1));
    let last = (first + len.max(1)).min(count.max(1));
    (byte_at(first), byte_at(last))
}

/// A GitHub Actions workflow command: `::error file=...,line=...,col=...::message`.
fn github_command(d: &Diagnostic, word: &str) -> String {
    let escape_data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let escape_property = |s: &str| escape_data(s).replace(':', "%3A").replace(',', "%2C");
    let mut message = escape_data(&d.message);
    if let Some(help) = &d.help {
        message.push_str("%0Ahelp: ");
        message.push_str(&escape_data(help));
    }
    format!(
        "::{word} file={},line={},col={}::{message}",
        escape_property(&display_path(&d.path)),
        d.pos.line,
        d.pos.col
    )
}

/// Prints the diagnostics of a run to standard error, in the style of the terminal.
pub fn eprint_all(diagnostics: &[Diagnostic]) {
    let mut reporter = Reporter::new(Style::for_stderr());
    for d in diagnostics {
        eprintln!("{}", reporter.render(d));
    }
}

/// The diagnostics as plain text, one block each (for the preview's overlay).
pub(crate) fn plain(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut reporter = Reporter::new(Style::PLAIN);
    diagnostics.iter().map(|d| reporter.render(d)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Pos;

    #[test]
    fn spans_stay_inside_the_line() {
        assert_eq!(span_bytes("abc", 2, 1), (1, 2));
        assert_eq!(span_bytes("abc", 2, 0), (1, 2), "a point is one character");
        assert_eq!(
            span_bytes("abc", 9, 4),
            (2, 3),
            "past the end: the last character"
        );
        assert_eq!(
            span_bytes("æøå x", 2, 2),
            (2, 6),
            "columns count characters"
        );
        assert_eq!(span_bytes("", 1, 3), (0, 0));
    }

    #[test]
    fn source_line_caret_and_help() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "---\ntitle: Å\norganisation: komune\n---\n").unwrap();
        let d = Diagnostic::error(
            &path,
            Pos::new(3, 15).with_len(6),
            "unknown organisation 'komune'",
        )
        .with_help(Some("did you mean 'kommune'?".into()));
        let text = Reporter::new(Style::PLAIN).render(&d);
        let shown = text.replace(&display_path(&path), "a.md");
        assert_eq!(
            shown,
            "a.md:3:15: error: unknown organisation 'komune'\n  |\n3 | organisation: komune\n  |               ^^^^^^\n  |\n  = help: did you mean 'kommune'?"
        );
    }

    #[test]
    fn colour_only_decorates() {
        let d = Diagnostic::error(Path::new("findes-ikke.md"), Pos::new(2, 3), "x")
            .with_help(Some("y".into()));
        let coloured = Reporter::new(Style {
            color: true,
            github: false,
        })
        .render(&d);
        assert!(coloured.contains("\u{1b}["), "{coloured:?}");
        let mut plain = String::new();
        let mut in_escape = false;
        for c in coloured.chars() {
            match c {
                '\u{1b}' => in_escape = true,
                'm' if in_escape => in_escape = false,
                c if !in_escape => plain.push(c),
                _ => {}
            }
        }
        assert_eq!(plain, Reporter::new(Style::PLAIN).render(&d));
    }

    #[test]
    fn github_annotations_escape_their_fields() {
        let d = Diagnostic::warning(
            Path::new("content/a,b.md"),
            Pos::new(2, 3),
            "50% done\nnext",
        )
        .with_help(Some("x".into()));
        let mut reporter = Reporter::new(Style {
            color: false,
            github: true,
        });
        let text = reporter.render(&d);
        assert!(
            text.ends_with(
                "\n::warning file=content/a%2Cb.md,line=2,col=3::50%25 done%0Anext%0Ahelp: x"
            ),
            "{text}"
        );
    }
}
