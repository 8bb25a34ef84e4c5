//! One run of the pipeline: load → resolve → render → write, with every
//! diagnostic collected. Used by `build` and `check`.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::load::{self, LoadError};
use crate::render::{Output, Renderer, theme::Theme};
use crate::resolve::{BuildOptions, Site};
use crate::write;

/// What a run found and made.
#[derive(Debug)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    pub attachments: usize,
    pub elapsed: Duration,
    /// True when the run failed on content errors (or warnings under `--strict`).
    pub failed: bool,
}

impl Outcome {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
}

/// Problems that stop a run before any content is judged (exit code 2).
#[derive(Debug)]
pub enum Fatal {
    Load(LoadError),
    Output(String),
    Io(std::io::Error),
}

impl std::fmt::Display for Fatal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fatal::Load(e) => write!(f, "{e}"),
            Fatal::Output(e) => write!(f, "{e}"),
            Fatal::Io(e) => write!(f, "cannot write the site: {e}"),
        }
    }
}

/// Builds the handbook at `root`; writes to `out` only when the build succeeds.
pub fn run(
    root: &Path,
    out: Option<&Path>,
    options: BuildOptions,
    strict: bool,
) -> Result<Outcome, Fatal> {
    let started = Instant::now();
    if let Some(out) = out {
        write::check_output_dir(root, out).map_err(Fatal::Output)?;
    }
    let diags = Diagnostics::new();
    let loaded = load::load(root, &diags).map_err(Fatal::Load)?;
    let theme = Theme::load(root, &loaded.config.theme, &loaded.config.language, &diags);
    let site = Site::resolve(loaded, options, &diags);
    let files = theme
        .as_ref()
        .map(|theme| Renderer::new(&site, theme, &diags).render_all())
        .unwrap_or_default();
    let failed = diags.has_errors(strict) || theme.is_none();
    if !failed && let Some(out) = out {
        write::write_site(out, &files).map_err(Fatal::Io)?;
    }
    let attachments = files
        .iter()
        .filter(|f| matches!(f.content, Output::Copy(_)))
        .count();
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    Ok(Outcome {
        diagnostics: diags.sorted(),
        pages,
        attachments,
        elapsed: started.elapsed(),
        failed,
    })
}
