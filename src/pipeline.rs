//! One run of the pipeline: load → resolve → render → write, with every
//! diagnostic collected. Used by `build` and `check`.

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::load::{self, LoadError};
use crate::render::manifest::Entry;
use crate::render::{Renderer, theme::Theme};
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
/// Pages are written as they are rendered, into a staging folder that is
/// swapped in at the end, so memory does not grow with the output.
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
    let Some(theme) = theme else {
        return Ok(Outcome {
            diagnostics: diags.sorted(),
            pages: 0,
            attachments: 0,
            elapsed: started.elapsed(),
            failed: true,
        });
    };
    // Content errors so far: render anyway (to find template errors), but write nothing.
    let staging = match out {
        Some(out) if !diags.has_errors(strict) => {
            Some(write::Staging::new(out).map_err(Fatal::Io)?)
        }
        _ => None,
    };
    let renderer = Renderer::new(&site, &theme, &diags);
    let manifest = renderer.manifest();
    let io_error: Mutex<Option<std::io::Error>> = Mutex::new(None);
    manifest.par_iter().for_each(|(path, entry)| {
        let Some(content) = renderer.render_entry(entry) else {
            return;
        };
        if let Some(staging) = &staging
            && let Err(e) = staging.write(path, &content)
        {
            io_error.lock().expect("io error slot").get_or_insert(e);
        }
    });
    if let Some(e) = io_error.into_inner().expect("io error slot") {
        return Err(Fatal::Io(e));
    }
    let failed = diags.has_errors(strict);
    if let Some(staging) = staging
        && !failed
    {
        staging.commit().map_err(Fatal::Io)?;
    }
    let attachments = manifest
        .iter()
        .filter(|(_, e)| matches!(e, Entry::Copy(_)))
        .count();
    let pages = manifest
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .count();
    Ok(Outcome {
        diagnostics: diags.sorted(),
        pages,
        attachments,
        elapsed: started.elapsed(),
        failed,
    })
}
