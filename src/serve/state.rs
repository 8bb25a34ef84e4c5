//! The preview's state: the last good site, the current errors, and a cache of
//! pages rendered from it. Rebuilds re-read only changed files; pages are
//! rendered when a browser asks for them, always from the current site, so a
//! one-page edit costs a resolve and one render.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::load::{self, PageCache};
use crate::render::manifest::Entry;
use crate::render::theme::Theme;
use crate::render::{Output, Renderer};
use crate::resolve::{BuildOptions, Site};

/// A built site that can answer requests.
pub struct Snapshot {
    pub site: Site,
    pub theme: Theme,
    /// Output path → what makes it.
    pub manifest: HashMap<String, Entry>,
    /// Rendered pages of this snapshot, filled on demand.
    rendered: Mutex<HashMap<String, Arc<Rendered>>>,
    /// The search index files, built when a browser first asks for one.
    search: std::sync::OnceLock<std::collections::BTreeMap<String, Vec<u8>>>,
}

/// A rendered response body, or the template errors that prevented it.
pub enum Rendered {
    Bytes(Vec<u8>),
    File(PathBuf),
    Failed(Vec<Diagnostic>),
}

impl Snapshot {
    fn new(site: Site, theme: Theme, diags: &Diagnostics) -> Snapshot {
        let mut renderer = Renderer::new(&site, &theme, diags);
        renderer.lazy_search = true;
        let manifest = renderer.manifest().into_iter().collect();
        Snapshot {
            site,
            theme,
            manifest,
            rendered: Mutex::new(HashMap::new()),
            search: std::sync::OnceLock::new(),
        }
    }

    /// The response for an output path, rendered once per snapshot.
    pub fn render(&self, path: &str) -> Option<Arc<Rendered>> {
        if let Some(hit) = self.rendered.lock().expect("render cache").get(path) {
            return Some(hit.clone());
        }
        if let Some(name) = path.strip_prefix("soeg/").filter(|n| n.ends_with(".js")) {
            let files = self.search.get_or_init(|| {
                Renderer::new(&self.site, &self.theme, &Diagnostics::new())
                    .search_files()
                    .clone()
            });
            return files
                .get(name)
                .map(|b| Arc::new(Rendered::Bytes(b.clone())));
        }
        let entry = self.manifest.get(path)?;
        let diags = Diagnostics::new();
        let result = match Renderer::new(&self.site, &self.theme, &diags).render_entry(entry) {
            Some(Output::Bytes(b)) if !diags.has_errors(false) => Rendered::Bytes(b),
            Some(Output::Copy(src)) => Rendered::File(src),
            _ => Rendered::Failed(diags.sorted()),
        };
        let result = Arc::new(result);
        self.rendered
            .lock()
            .expect("render cache")
            .insert(path.to_string(), result.clone());
        Some(result)
    }
}

/// What every request handler and the rebuild thread share.
pub struct Preview {
    pub root: PathBuf,
    options: BuildOptions,
    cache: Mutex<PageCache>,
    current: Mutex<Current>,
    /// Signalled after every rebuild (for the reload event streams).
    pub changed: Condvar,
}

/// The snapshot being served and the state of the last rebuild.
pub struct Current {
    pub snapshot: Option<Arc<Snapshot>>,
    /// Errors of the last rebuild (empty when it succeeded): shown as an overlay.
    pub errors: Vec<Diagnostic>,
    /// Counts rebuilds; a reload event goes out when it changes.
    pub generation: u64,
}

impl Preview {
    pub fn new(root: &Path, options: BuildOptions) -> Preview {
        Preview {
            root: root.to_path_buf(),
            options,
            cache: Mutex::new(PageCache::default()),
            current: Mutex::new(Current {
                snapshot: None,
                errors: Vec::new(),
                generation: 0,
            }),
            changed: Condvar::new(),
        }
    }

    /// The snapshot, errors and generation being served now.
    pub fn current(&self) -> (Option<Arc<Snapshot>>, Vec<Diagnostic>, u64) {
        let c = self.current.lock().expect("preview state");
        (c.snapshot.clone(), c.errors.clone(), c.generation)
    }

    /// Blocks until the generation differs from `seen` or `timeout` passes.
    pub fn wait_for_change(&self, seen: u64, timeout: std::time::Duration) -> u64 {
        let guard = self.current.lock().expect("preview state");
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |c| c.generation == seen)
            .expect("preview state");
        guard.generation
    }

    /// Rebuilds from disk; `changed` are content-relative paths known to have changed.
    /// Keeps the last good site when the new one has errors. Returns the diagnostics.
    pub fn rebuild(&self, changed: &[String]) -> Result<Vec<Diagnostic>, String> {
        let started = Instant::now();
        let diags = Diagnostics::new();
        let loaded = {
            let mut cache = self.cache.lock().expect("page cache");
            let content = self.root.join("content");
            for rel in changed {
                cache.invalidate(&content.join(rel));
            }
            load::load_cached(&self.root, &mut cache, &diags).map_err(|e| e.to_string())?
        };
        let theme = Theme::load(
            &self.root,
            &loaded.config.theme,
            &loaded.config.language,
            &diags,
        );
        let site = Site::resolve(loaded, self.options.clone(), &diags);
        let snapshot = theme.map(|theme| Snapshot::new(site, theme, &diags));
        let all = diags.sorted();
        let errors: Vec<Diagnostic> = all
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        let mut current = self.current.lock().expect("preview state");
        if let Some(snapshot) = snapshot
            && (errors.is_empty() || current.snapshot.is_none())
        {
            current.snapshot = Some(Arc::new(snapshot));
        }
        current.errors = errors;
        current.generation += 1;
        drop(current);
        self.changed.notify_all();
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        eprintln!(
            "rebuilt in {ms:.0} ms ({} changed file{})",
            changed.len(),
            if changed.len() == 1 { "" } else { "s" }
        );
        Ok(all)
    }
}
