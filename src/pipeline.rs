//! One run of the pipeline: load → resolve → render → write, with every
//! diagnostic collected. Used by `build` and `check`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::load::{self, LoadError, PageCache};
use crate::publish::{Published, Publisher};
use crate::render::manifest::Entry;
use crate::render::versions::{VersionSite, Versions};
use crate::render::{Output, Renderer, nav, theme::Theme};
use crate::resolve::{BuildOptions, Site};
use crate::timings::{Stage, Timings};
use crate::versions::release::{ReleaseError, ReleaseOptions};
use crate::versions::{self, diff, diff::Labels};
use crate::write::{self, state};

/// What a run found and made.
#[derive(Debug)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    pub attachments: usize,
    pub elapsed: Duration,
    /// Where the time went, stage by stage.
    pub timings: Timings,
    /// What the build did to the output folder (None for `check` and failed builds).
    pub written: Option<write::Written>,
    /// True when the run failed on content errors (or warnings under `--strict`).
    pub failed: bool,
}

impl Outcome {
    /// A build that stopped because the output was made from these inputs.
    fn up_to_date(record: &state::Record, started: Instant, timings: Timings) -> Outcome {
        timings.finish();
        Outcome {
            diagnostics: Vec::new(),
            pages: record.pages,
            attachments: record.attachments,
            elapsed: started.elapsed(),
            timings,
            written: Some(write::Written::default()),
            failed: false,
        }
    }

    /// A build that stopped because the theme could not be loaded.
    fn without_theme(diags: Diagnostics, started: Instant, timings: Timings) -> Outcome {
        timings.finish();
        Outcome {
            diagnostics: diags.sorted(),
            pages: 0,
            attachments: 0,
            elapsed: started.elapsed(),
            timings,
            written: None,
            failed: true,
        }
    }

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

/// The exit code of a `build` or `check`: 0 success, 1 content errors (or
/// warnings under `--strict`), 2 usage or I/O errors.
pub fn exit_code(result: &Result<Outcome, Fatal>) -> u8 {
    match result {
        Ok(outcome) if outcome.failed => 1,
        Ok(_) => 0,
        Err(_) => 2,
    }
}

/// Problems that stop a run before any content is judged (exit code 2).
#[derive(Debug)]
pub enum Fatal {
    Load(LoadError),
    Output(String),
    Io(std::io::Error),
    /// The PDF or the offline copy could not be made (`--pdf`, `--zip`).
    Publish(String),
}

impl std::fmt::Display for Fatal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fatal::Load(e) => write!(f, "{e}"),
            Fatal::Output(e) => write!(f, "{e}"),
            Fatal::Io(e) => write!(f, "cannot write the site: {e}"),
            Fatal::Publish(e) => write!(f, "{e}"),
        }
    }
}

/// Builds the handbook at `root`; writes to `out` only when the build succeeds.
/// Pages are written as they are rendered, into a staging folder that is
/// swapped in at the end, so memory does not grow with the output; files
/// whose bytes did not change are kept as they were, and when no input
/// changed since the last build into `out`, nothing is done at all. With
/// released versions in `versions/`, every release is rendered at
/// `/<version>/`, the newest also at `/`, and with `--drafts` the working copy
/// at `/udkast/`.
pub fn run(
    root: &Path,
    out: Option<&Path>,
    options: BuildOptions,
    strict: bool,
) -> Result<Outcome, Fatal> {
    let started = Instant::now();
    let timings = Timings::new();
    if let Some(out) = out {
        write::check_output_dir(root, out).map_err(Fatal::Output)?;
    }
    // Nothing to do when the output was built from exactly these inputs.
    let inputs = out.map(|_| timings.time(Stage::Load, || state::inputs(root, &options, strict)));
    if let (Some(out), Some(inputs)) = (out, inputs)
        && let Some(record) = timings.time(Stage::Write, || state::up_to_date(out, inputs))
    {
        return Ok(Outcome::up_to_date(&record, started, timings));
    }
    let publisher = match out {
        Some(_) => Publisher::prepare(options.publish).map_err(Fatal::Publish)?,
        None => None,
    };
    let diags = Diagnostics::new();
    let snapshots = versions::discover(root);
    let mut cache = PageCache::for_build(!snapshots.is_empty());
    let (working, theme) =
        timings.time(Stage::Load, || load_with_theme(root, &mut cache, &diags))?;
    let Some(theme) = theme else {
        return Ok(Outcome::without_theme(diags, started, timings));
    };
    let labels = |key: &str| theme.strings.get(key);
    let sites = timings.time(Stage::Resolve, || {
        resolve_sites(
            root, working, &snapshots, &mut cache, options, &theme, &diags,
        )
    })?;
    // With releases, the cache holds a copy of every page: not needed from here on.
    drop(cache);
    let all = timings.time(Stage::Resolve, || {
        (!snapshots.is_empty()).then(|| version_list(&sites, &snapshots, &labels))
    });

    // Content errors so far: render anyway (to find template errors), but write nothing.
    let out = out.filter(|_| !diags.has_errors(strict));
    let (staging, published) = stage(out, publisher.as_ref(), &sites, all.as_ref(), &theme)?;
    let placed = Placed {
        sites: &sites,
        snapshots: &snapshots,
        versions: all.as_ref(),
        downloads: published.as_ref().map(|p| &p.downloads),
        theme: &theme,
        diags: &diags,
    };
    let (pages, attachments) = placed.render(staging.as_ref(), &timings)?;
    let failed = diags.has_errors(strict);
    let diagnostics = diags.sorted();
    // Only a build without diagnostics may be skipped next time: one with
    // warnings shows them on every run.
    let record = inputs
        .filter(|_| diagnostics.is_empty())
        .map(|inputs| state::Record {
            inputs,
            pages,
            attachments,
        });
    let written = match staging {
        Some(staging) if !failed => Some(
            timings
                .time(Stage::Write, || staging.commit(record.as_ref()))
                .map_err(Fatal::Io)?,
        ),
        _ => None,
    };
    timings.finish();
    Ok(Outcome {
        diagnostics,
        pages,
        attachments,
        elapsed: started.elapsed(),
        timings,
        written,
        failed,
    })
}

/// The working copy and the theme it names (None when the theme is missing
/// or broken; the reason is reported), the theme loaded while the pages are.
fn load_with_theme(
    root: &Path,
    cache: &mut PageCache,
    diags: &Diagnostics,
) -> Result<(load::Loaded, Option<Theme>), Fatal> {
    let config = load::read_config(root, diags).map_err(Fatal::Load)?;
    let (name, language) = (config.theme.clone(), config.language.clone());
    let (working, theme) = rayon::join(
        || load::load_pages(root, config, cache, diags),
        || Theme::load(root, &name, &language, diags),
    );
    Ok((working, theme))
}

/// The staging folder of the output, and the PDFs and offline copies, made
/// first so the pages can link them (None without an output to write).
fn stage(
    out: Option<&Path>,
    publisher: Option<&Publisher>,
    sites: &[Site],
    versions: Option<&Versions>,
    theme: &Theme,
) -> Result<(Option<write::Staging>, Option<Published>), Fatal> {
    let Some(out) = out else {
        return Ok((None, None));
    };
    let staging = write::Staging::new(out).map_err(Fatal::Io)?;
    let published = match publisher {
        Some(p) => Some(p.publish(sites, versions, theme).map_err(Fatal::Publish)?),
        None => None,
    };
    Ok((Some(staging), published))
}

/// The sites of a build: the working copy alone, or every release, the
/// working copy with drafts and the newest release again at the root.
fn resolve_sites(
    root: &Path,
    working: load::Loaded,
    snapshots: &[versions::Snapshot],
    cache: &mut PageCache,
    options: BuildOptions,
    theme: &Theme,
    diags: &Diagnostics,
) -> Result<Vec<Site>, Fatal> {
    versions::check_releases(root, &working.config, snapshots, diags);
    if snapshots.is_empty() {
        let site = Site::resolve(working, options, diags);
        nav::check_titles(&site, &theme.strings, diags);
        Ok(vec![site])
    } else {
        release_sites(working, snapshots, cache, &options, theme, diags)
    }
}

/// Everything the sites of a build are rendered with.
struct Placed<'a> {
    sites: &'a [Site],
    snapshots: &'a [versions::Snapshot],
    versions: Option<&'a Versions<'a>>,
    downloads: Option<&'a crate::render::downloads::Downloads>,
    theme: &'a Theme,
    diags: &'a Diagnostics,
}

impl Placed<'_> {
    /// Renders every site at its place and stages its files; returns the
    /// number of pages and attachments.
    fn render(
        &self,
        staging: Option<&write::Staging>,
        timings: &Timings,
    ) -> Result<(usize, usize), Fatal> {
        let (mut pages, mut attachments) = (0, 0);
        for (k, prefix) in placements(self.sites, self.snapshots) {
            let mut renderer = Renderer::new(&self.sites[k], self.theme, self.diags)
                .at(&prefix)
                .with_downloads(self.downloads);
            if let Some(all) = self.versions {
                renderer = renderer.with_versions(all, k);
            }
            let manifest = render_site(renderer, staging, timings).map_err(Fatal::Io)?;
            attachments += manifest
                .iter()
                .filter(|(_, e)| matches!(e, Entry::Copy(_)))
                .count();
            pages += manifest
                .iter()
                .filter(|(p, _)| p.ends_with(".html"))
                .count();
        }
        Ok((pages, attachments))
    }
}

/// Renders one placed site and stages its files: the pages while the search
/// index is built (its files are named only once it is done), then the
/// search's files, then the print views one at a time, then the rest.
/// Returns the site's manifest.
fn render_site(
    mut renderer: Renderer,
    staging: Option<&write::Staging>,
    timings: &Timings,
) -> std::io::Result<Vec<(String, Entry)>> {
    let io_error: Mutex<Option<std::io::Error>> = Mutex::new(None);
    let put = |path: &str, content: &Output| {
        if let Some(staging) = staging
            && let Err(e) = timings.time(Stage::Write, || staging.write(path, content))
        {
            io_error.lock().expect("io error slot").get_or_insert(e);
        }
    };
    let render_all = |renderer: &Renderer, entries: &[(String, Entry)]| {
        entries.par_iter().for_each(|(path, entry)| {
            if let Some(content) = timings.time(Stage::Render, || renderer.render_entry(entry)) {
                put(path, &content);
            }
        });
    };
    let manifest = timings.parallel_phase(|| {
        let pages = renderer.page_entries();
        rayon::join(
            || timings.time(Stage::Search, || renderer.search_files().len()),
            || render_all(&renderer, &pages),
        );
        let manifest = renderer.manifest();
        let (prints, rest): (Vec<_>, Vec<_>) = manifest
            .iter()
            .filter(|(_, e)| !matches!(e, Entry::Page(_)))
            .partition(|(_, e)| matches!(e, Entry::Print(_)));
        let (search, rest): (Vec<_>, Vec<_>) = rest
            .into_iter()
            .cloned()
            .partition(|(_, e)| matches!(e, Entry::Search(_)));
        render_all(&renderer, &search);
        // Written now: their memory is better spent on the print views.
        renderer.forget_search_files();
        // A print view holds a chapter, a guide or the whole handbook and
        // renders its sections in parallel itself: one at a time keeps
        // the peak memory down at no cost in time. A chapter's sections
        // are rendered once for its own view and the whole handbook's.
        // Each view is written by a thread of its own while the next one
        // renders, and the last (`/print/`, the site's largest file) while
        // the rest of the site renders.
        let scopes = prints.iter().filter_map(|(_, e)| match e {
            Entry::Print(scope) => Some(*scope),
            _ => None,
        });
        std::thread::scope(|threads| {
            let (send, views_done) = std::sync::mpsc::sync_channel::<(&str, String)>(1);
            let put = &put;
            threads.spawn(move || {
                for (path, html) in views_done {
                    put(path, &Output::Bytes(html.into_bytes()));
                }
            });
            let mut views = renderer.print_pages(scopes);
            while let Some((scope, html)) = timings.time(Stage::Render, || views.next()) {
                let path = prints.iter().find(|(_, e)| *e == Entry::Print(scope));
                if let (Some((path, _)), Some(html)) = (path, html) {
                    // The writer ends only when this loop does.
                    let _ = send.send((path.as_str(), html));
                }
            }
            drop(send);
            render_all(&renderer, &rest);
        });
        manifest
    });
    match io_error.into_inner().expect("io error slot") {
        Some(e) => Err(e),
        None => Ok(manifest),
    }
}

/// `handbook release`: releases the working copy when it checks without
/// errors (they are printed); returns the snapshot folder.
pub fn release(options: &ReleaseOptions) -> Result<PathBuf, ReleaseError> {
    versions::release::release(options, |root| {
        let outcome = run(root, None, BuildOptions::default(), false)
            .map_err(|e| ReleaseError::Usage(e.to_string()))?;
        if outcome.failed {
            crate::diagnostics::report::eprint_all(&outcome.diagnostics);
            return Err(ReleaseError::Content(outcome.errors()));
        }
        Ok(())
    })
}

/// Where each site is rendered: every release at `<version>/`, the working
/// copy at `udkast/` (with drafts), and the newest release also at the root;
/// without releases, the one site at the root. (site index, prefix)
fn placements(sites: &[Site], snapshots: &[versions::Snapshot]) -> Vec<(usize, String)> {
    if snapshots.is_empty() {
        return vec![(0, String::new())];
    }
    (0..sites.len())
        .map(|k| (k, version_prefix(snapshots, k)))
        .chain([(snapshots.len() - 1, String::new())])
        .collect()
}

/// The folder of site `k` of a build with releases: `1.0/`, or `udkast/`
/// for the working copy after them.
fn version_prefix(snapshots: &[versions::Snapshot], k: usize) -> String {
    snapshots
        .get(k)
        .map_or_else(|| "udkast/".into(), |s| format!("{}/", s.version))
}

/// Every release, and the working copy with drafts, each resolved once.
fn release_sites(
    working: load::Loaded,
    snapshots: &[versions::Snapshot],
    cache: &mut PageCache,
    options: &BuildOptions,
    theme: &Theme,
    diags: &Diagnostics,
) -> Result<Vec<Site>, Fatal> {
    // Every version counts from the same go-live date: the flag's, else the working copy's.
    let go_live = options.go_live.or_else(|| {
        working
            .config
            .go_live_date
            .as_deref()
            .and_then(crate::calendar::GoLive::parse)
    });
    let release_options = BuildOptions {
        drafts: false,
        base_url: options.base_url.clone(),
        go_live,
        ..BuildOptions::default()
    };
    let mut sites = Vec::new();
    for snapshot in snapshots {
        let mut loaded = load::load_cached(&snapshot.root, cache, diags).map_err(Fatal::Load)?;
        // A release is that version, whatever its config said it was preparing.
        loaded.config.version = Some(snapshot.version.clone());
        sites.push(Site::resolve(loaded, release_options.clone(), diags));
    }
    // The working copy is always checked; it is rendered (at udkast/) only with drafts.
    let working = Site::resolve(working, options.clone(), diags);
    nav::check_titles(&working, &theme.strings, diags);
    if options.drafts {
        sites.push(working);
    }
    Ok(sites)
}

/// The versions of a build with releases: one entry per site.
fn version_list<'a>(
    sites: &'a [Site],
    snapshots: &[versions::Snapshot],
    labels: Labels,
) -> Versions<'a> {
    // The newest release's handbook.yaml lists the releases.
    let release_of = |v: &str| {
        sites[snapshots.len() - 1]
            .config
            .releases
            .iter()
            .find(|r| r.version == v)
    };
    let entries: Vec<VersionSite> = sites
        .iter()
        .enumerate()
        .map(|(k, site)| match snapshots.get(k) {
            Some(snapshot) => VersionSite {
                prefix: version_prefix(snapshots, k),
                version: snapshot.version.clone(),
                date: release_of(&snapshot.version)
                    .and_then(|r| r.date)
                    .map(|d| d.to_string()),
                site,
                draft: false,
            },
            None => VersionSite {
                prefix: version_prefix(snapshots, k),
                version: site.config.version.clone().unwrap_or_default(),
                date: None,
                site,
                draft: true,
            },
        })
        .collect();
    let newest = (!snapshots.is_empty()).then(|| snapshots.len() - 1);
    let changes = (0..entries.len())
        .map(|k| {
            let prev = if entries[k].draft {
                newest
            } else {
                k.checked_sub(1)
            };
            prev.map(|p| diff::compare(entries[p].site, entries[k].site, labels))
        })
        .collect();
    Versions {
        entries,
        newest,
        changes,
    }
}
