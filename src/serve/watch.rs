//! Watching the sources: native file events (or polling), editor temp files
//! ignored, bursts (a `git checkout`, a save by rename) folded into one rebuild.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use super::state::Preview;
use crate::load::is_ignored_name;

/// The folders of a handbook root that are watched recursively.
const WATCHED_DIRS: [&str; 4] = ["content", "themes", "static", "versions"];
/// A burst ends when no event came for this long...
const QUIET: Duration = Duration::from_millis(15);
/// ...or when it has lasted this long.
const MAX_BURST: Duration = Duration::from_millis(1500);

/// Starts watching `root` and rebuilding on changes, on a thread of its own.
pub(crate) fn spawn(preview: Arc<Preview>, poll: bool) -> Result<(), String> {
    let (tx, rx) = channel::<notify::Result<Event>>();
    let mut watcher: Box<dyn Watcher + Send> = if poll {
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(250));
        Box::new(PollWatcher::new(tx, config).map_err(|e| format!("cannot poll for changes: {e}"))?)
    } else {
        Box::new(
            RecommendedWatcher::new(tx, notify::Config::default()).map_err(|e| {
                format!("cannot watch for changes: {e}\n  help: try 'handbook serve --poll'")
            })?,
        )
    };
    // Events carry the watched path as prefix: watch the canonical root.
    let root = preview
        .root
        .canonicalize()
        .unwrap_or_else(|_| preview.root.clone());
    watch_all(watcher.as_mut(), &root)?;
    std::thread::spawn(move || run(preview, watcher, rx, root));
    Ok(())
}

/// Watches the root (for handbook.yaml and folders that appear) and each source folder.
fn watch_all(watcher: &mut dyn Watcher, root: &Path) -> Result<(), String> {
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch '{}': {e}", root.display()))?;
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            let _ = watcher.watch(&path, RecursiveMode::Recursive);
        }
    }
    Ok(())
}

/// The rebuild loop: wait for a relevant event, gather the burst, rebuild once.
fn run(
    preview: Arc<Preview>,
    mut watcher: Box<dyn Watcher + Send>,
    rx: Receiver<notify::Result<Event>>,
    root: PathBuf,
) {
    let root_abs = root.clone();
    while let Ok(first) = rx.recv() {
        let mut changed = Vec::new();
        let mut others = false;
        let mut relevant = collect(&root_abs, first, &mut changed, &mut others);
        let started = Instant::now();
        loop {
            match rx.recv_timeout(QUIET) {
                Ok(event) => relevant |= collect(&root_abs, event, &mut changed, &mut others),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if started.elapsed() > MAX_BURST {
                break;
            }
        }
        if !relevant {
            continue;
        }
        // A source folder may have been replaced (checkout, rename): watch it again.
        let _ = watch_all(watcher.as_mut(), &root);
        changed.sort();
        changed.dedup();
        match preview.rebuild_safely(&changed, !others) {
            Ok(diagnostics) => crate::diagnostics::report::eprint_all(&diagnostics),
            Err(e) => eprintln!("error: {e}"),
        }
    }
}

/// Notes the content pages an event touches, and in `others` whether it
/// touches another source (theme, static files, handbook.yaml, versions);
/// true when it concerns the sources at all.
fn collect(
    root: &Path,
    event: notify::Result<Event>,
    changed: &mut Vec<String>,
    others: &mut bool,
) -> bool {
    let Ok(event) = event else {
        *others = true;
        return true;
    };
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    let mut relevant = false;
    for path in &event.paths {
        if let Some(rel) = source_path(root, path) {
            relevant = true;
            match rel.strip_prefix("content/") {
                Some(page) => changed.push(page.to_string()),
                None => *others = true,
            }
        }
    }
    relevant
}

/// The path relative to the root when it is a source (not output, not an editor's temp file).
pub(crate) fn source_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let rel = rel.to_string_lossy().replace('\\', "/");
    let first = rel.split('/').next().unwrap_or_default();
    let name = rel.rsplit('/').next().unwrap_or_default();
    let source = first == "handbook.yaml" || WATCHED_DIRS.contains(&first);
    let ignored = rel.split('/').any(is_ignored_name) || name.chars().all(|c| c.is_ascii_digit());
    (source && !ignored).then_some(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_and_editor_files() {
        let root = Path::new("/hb");
        let rel = |p: &str| source_path(root, Path::new(p));
        assert_eq!(rel("/hb/content/a.md").as_deref(), Some("content/a.md"));
        assert_eq!(rel("/hb/handbook.yaml").as_deref(), Some("handbook.yaml"));
        assert_eq!(
            rel("/hb/themes/x/templates/page.html").as_deref(),
            Some("themes/x/templates/page.html")
        );
        for ignored in [
            "/hb/public/index.html",
            "/hb/content/.a.md.swp",
            "/hb/content/a.md~",
            "/hb/content/4913",
            "/hb/content/.#a.md",
            "/hb/.git/index",
            "/hb/target/x",
            "/elsewhere/content/a.md",
        ] {
            assert_eq!(rel(ignored), None, "{ignored}");
        }
    }
}
