//! The preview's state: the last good site, the current errors, and a cache of
//! pages rendered from it. Rebuilds re-read only changed files; pages are
//! rendered when a browser asks for them, always from the current site, so a
//! one-page edit costs a resolve and one render.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use crate::diagnostics::internal::InternalError;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos, Severity};
use crate::load::{self, PageCache};
use crate::render::manifest::Entry;
use crate::render::theme::Theme;
use crate::render::{Output, Renderer};
use crate::resolve::{BuildOptions, Site};

/// A built site that can answer requests.
pub(crate) struct Snapshot {
    pub site: Site,
    pub theme: Arc<Theme>,
    /// Output path → what makes it.
    pub manifest: HashMap<String, Entry>,
    /// Rendered pages of this snapshot, filled on demand.
    rendered: Mutex<HashMap<String, Arc<Rendered>>>,
    /// Worked out once for every page rendered from this snapshot.
    prepared: Arc<crate::render::Prepared>,
    /// The search index files, built when a browser first asks for one.
    search: std::sync::OnceLock<std::collections::BTreeMap<String, Vec<u8>>>,
}

/// A rendered response body, or the template errors that prevented it.
pub(crate) enum Rendered {
    Bytes(Vec<u8>),
    File(PathBuf),
    Failed(Vec<Diagnostic>),
}

impl Snapshot {
    fn new(site: Site, theme: Arc<Theme>, diags: &Diagnostics) -> Snapshot {
        let mut renderer = Renderer::new(&site, &theme, diags);
        renderer.lazy_search = true;
        let manifest = renderer.manifest().into_iter().collect();
        let prepared = renderer.prepared();
        Snapshot {
            prepared,
            site,
            theme,
            manifest,
            rendered: Mutex::new(HashMap::new()),
            search: std::sync::OnceLock::new(),
        }
    }

    /// The response for an output path, rendered once per snapshot.
    pub(crate) fn render(&self, path: &str) -> Option<Arc<Rendered>> {
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
        let renderer =
            Renderer::with_prepared(&self.site, &self.theme, &diags, self.prepared.clone());
        let result = match renderer.render_entry(entry) {
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
pub(crate) struct Preview {
    pub root: PathBuf,
    options: BuildOptions,
    cache: Mutex<PageCache>,
    /// The theme of the last rebuild, kept while only content changes.
    theme: Mutex<Option<LoadedTheme>>,
    current: Mutex<Current>,
    /// Signalled after every rebuild (for the reload event streams).
    pub changed: Condvar,
    /// Test hook: a rebuild that sees this content path change panics while processing it.
    #[cfg(test)]
    pub panic_on: Mutex<Option<String>>,
}

/// A loaded theme, what it was loaded as, and what loading it reported.
struct LoadedTheme {
    /// The theme's name and language in handbook.yaml.
    key: (String, String),
    theme: Arc<Theme>,
    diagnostics: Vec<Diagnostic>,
}

/// The snapshot being served and the state of the last rebuild.
pub(crate) struct Current {
    pub snapshot: Option<Arc<Snapshot>>,
    /// Errors of the last rebuild (empty when it succeeded): shown as an overlay.
    pub errors: Vec<Diagnostic>,
    /// Counts rebuilds; a reload event goes out when it changes.
    pub generation: u64,
    /// The panic that stopped the last rebuild, if it did: shown as an overlay.
    pub internal: Option<InternalError>,
}

impl Preview {
    pub(crate) fn new(root: &Path, options: BuildOptions) -> Preview {
        Preview {
            root: root.to_path_buf(),
            options,
            cache: Mutex::new(PageCache::default()),
            theme: Mutex::new(None),
            current: Mutex::new(Current {
                snapshot: None,
                errors: Vec::new(),
                generation: 0,
                internal: None,
            }),
            changed: Condvar::new(),
            #[cfg(test)]
            panic_on: Mutex::new(None),
        }
    }

    /// The state being served now: its snapshot, errors, generation and internal error.
    pub(crate) fn state(&self) -> Current {
        let c = self.lock_current();
        Current {
            snapshot: c.snapshot.clone(),
            errors: c.errors.clone(),
            generation: c.generation,
            internal: c.internal.clone(),
        }
    }

    /// The snapshot, errors and generation being served now.
    pub(crate) fn current(&self) -> (Option<Arc<Snapshot>>, Vec<Diagnostic>, u64) {
        let c = self.state();
        (c.snapshot, c.errors, c.generation)
    }

    /// The shared state; a panic elsewhere never makes it unusable.
    fn lock_current(&self) -> MutexGuard<'_, Current> {
        self.current.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Blocks until the generation differs from `seen` or `timeout` passes.
    pub(crate) fn wait_for_change(&self, seen: u64, timeout: std::time::Duration) -> u64 {
        let guard = self.lock_current();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |c| c.generation == seen)
            .unwrap_or_else(PoisonError::into_inner);
        guard.generation
    }

    /// Serves a rebuild's snapshot (kept only when it has no errors, or when
    /// there is nothing better) and errors, and tells every open tab.
    fn publish(&self, snapshot: Option<Snapshot>, errors: Vec<Diagnostic>) {
        let mut current = self.lock_current();
        let mut replaced = None;
        if let Some(snapshot) = snapshot
            && (errors.is_empty() || current.snapshot.is_none())
        {
            replaced = current.snapshot.replace(Arc::new(snapshot));
        }
        current.errors = errors;
        current.internal = None;
        current.generation += 1;
        drop(current);
        self.changed.notify_all();
        // The tabs reload first; the old site is let go of after.
        drop(replaced);
    }

    /// Rebuilds like [`Preview::rebuild`], and survives a panic in handbook: the
    /// last good site stays served with an overlay naming the error and the file
    /// being processed, the error is printed, and the next save rebuilds afresh.
    pub(crate) fn rebuild_safely(
        &self,
        changed: &[String],
        only_content: bool,
    ) -> Result<Vec<Diagnostic>, String> {
        match catch_unwind(AssertUnwindSafe(|| self.rebuild(changed, only_content))) {
            Ok(result) => result,
            Err(payload) => {
                let error = InternalError::from_panic(payload);
                // The caches may hold half of the failed rebuild.
                self.cache
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clear();
                self.theme
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take();
                eprintln!(
                    "{error}\n  help: this is a bug in handbook, not in the handbook's content; the preview keeps the last good site and rebuilds on the next save"
                );
                let mut current = self.lock_current();
                current.internal = Some(error);
                current.generation += 1;
                drop(current);
                self.changed.notify_all();
                Ok(Vec::new())
            }
        }
    }

    /// The theme `key` (name, language) names: the last rebuild's when only
    /// content changed since, else loaded afresh. What loading it reported
    /// goes to `diags` either way.
    fn theme(
        &self,
        key: (String, String),
        only_content: bool,
        diags: &Diagnostics,
    ) -> Option<Arc<Theme>> {
        let mut kept = self.theme.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(t) = kept.as_ref().filter(|t| only_content && t.key == key) {
            t.diagnostics.iter().cloned().for_each(|d| diags.push(d));
            return Some(t.theme.clone());
        }
        let reported = Diagnostics::new();
        let theme = Theme::load(&self.root, &key.0, &key.1, &reported).map(Arc::new);
        let diagnostics = reported.sorted();
        diagnostics.iter().cloned().for_each(|d| diags.push(d));
        *kept = theme.clone().map(|theme| LoadedTheme {
            key,
            theme,
            diagnostics,
        });
        theme
    }

    /// Rebuilds from disk; `changed` are content-relative paths known to have
    /// changed, and `only_content` says that nothing else did (the theme of
    /// the last rebuild is then used again).
    /// Keeps the last good site when the new one has errors. Returns the diagnostics.
    pub(crate) fn rebuild(
        &self,
        changed: &[String],
        only_content: bool,
    ) -> Result<Vec<Diagnostic>, String> {
        let started = Instant::now();
        let diags = Diagnostics::new();
        let loaded = {
            let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
            let content = self.root.join("content");
            for rel in changed {
                cache.invalidate(&content.join(rel));
            }
            load::load_cached(&self.root, &mut cache, &diags)
        };
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(e) => {
                // Nothing to build (handbook.yaml gone or unreadable): say so in every tab.
                let path = self.root.join("handbook.yaml");
                self.publish(
                    None,
                    vec![Diagnostic::error(&path, Pos::FILE, e.to_string())],
                );
                return Err(e.to_string());
            }
        };
        #[cfg(test)]
        let hook = self.panic_on.lock().expect("test hook").clone();
        #[cfg(test)]
        if let Some(rel) = hook
            && changed.contains(&rel)
        {
            let path = self.root.join("content").join(&rel);
            crate::diagnostics::internal::for_file(&path, || panic!("test panic in {rel}"));
        }
        let theme = self.theme(
            (loaded.config.theme.clone(), loaded.config.language.clone()),
            only_content,
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
        self.publish(snapshot, errors);
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        eprintln!(
            "rebuilt in {ms:.0} ms ({} changed file{})",
            changed.len(),
            if changed.len() == 1 { "" } else { "s" }
        );
        Ok(all)
    }
}
