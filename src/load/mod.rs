//! Stage 1, load: walk a content tree, read `handbook.yaml` and every page
//! into typed values. Nothing here knows about other pages.

pub(crate) mod config;
pub(crate) mod fields;
pub(crate) mod frontmatter;
pub(crate) mod page;
pub(crate) mod scan;
pub(crate) mod yaml;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use walkdir::WalkDir;

use crate::diagnostics::internal::for_file;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::{Attachment, Config, Page};
use crate::slug::slugify;
use fields::Reader;

/// A content tree as read from disk: configuration, pages and attachments.
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    /// The handbook root as the user named it (diagnostics paths start with it).
    pub root: PathBuf,
    pub config: Config,
    pub pages: Vec<Page>,
    pub attachments: Vec<Attachment>,
    /// The files of the handbook's own `static/` folder (paths relative to
    /// it, forward slashes), copied to the output as they are.
    pub statics: Vec<String>,
}

/// Why a tree could not be loaded at all (as opposed to content errors).
#[derive(Debug)]
pub enum LoadError {
    NoConfig(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NoConfig(root) => write!(
                f,
                "no handbook.yaml in '{}'\n  help: run the command in a handbook folder, pass --root DIR, or create one with 'handbook init DIR'",
                root.display()
            ),
            LoadError::Io(path, e) => write!(f, "cannot read '{}': {e}", path.display()),
        }
    }
}

/// Files an editor or the OS leaves behind, never part of the content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name == "Thumbs.db"
}

/// A fingerprint of a file's bytes, for sharing identical pages between versions.
fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The URL path of a page under `content/`: each segment slugged, `index.md` dropped.
pub(crate) fn slug_of_path(rel: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    let stem = if stem == "index" {
        ""
    } else {
        stem.strip_suffix("/index").unwrap_or(stem)
    };
    stem.split('/')
        .filter(|s| !s.is_empty())
        .map(slugify)
        .collect::<Vec<_>>()
        .join("/")
}

/// Parsed pages, reused by the next load: by source path while the file's size
/// and modification time are unchanged (the preview re-reads only what
/// changed), and by content, so identical files of several versions are
/// parsed once.
#[derive(Debug)]
pub(crate) struct PageCache {
    /// By source path (hashed fast: the preview looks every file up on each save).
    entries: FxHashMap<PathBuf, CachedPage>,
    by_content: FxHashMap<(String, u64), CachedPage>,
    /// Whether a load leaves its pages in the cache for the next load (the
    /// preview) or hands them out without a copy (a build loads each file once).
    keep: bool,
    /// Whether parses are kept by content, for the versions of a build.
    share: bool,
}

impl Default for PageCache {
    /// The preview's cache: every parse kept for the next load.
    fn default() -> PageCache {
        PageCache {
            entries: FxHashMap::default(),
            by_content: FxHashMap::default(),
            keep: true,
            share: true,
        }
    }
}

#[derive(Debug, Clone)]
struct CachedPage {
    stamp: Stamp,
    page: Page,
    diagnostics: Vec<Diagnostic>,
}

impl CachedPage {
    /// This parse, as if made from a file at `source`.
    fn moved_to(&self, source: &Path, stamp: Stamp) -> CachedPage {
        let mut copy = self.clone();
        copy.stamp = stamp;
        copy.page.source = source.to_path_buf();
        for d in &mut copy.diagnostics {
            d.path = source.to_path_buf();
        }
        copy
    }
}

impl PageCache {
    /// A build's cache: each load hands its pages out, and with `versions`
    /// identical files of the releases are parsed once.
    pub(crate) fn for_build(versions: bool) -> PageCache {
        PageCache {
            keep: false,
            share: versions,
            ..PageCache::default()
        }
    }

    /// Forgets a file (by its source path) so the next load reads it again.
    pub(crate) fn invalidate(&mut self, source: &Path) {
        self.entries.remove(source);
    }

    /// Forgets everything.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
        self.by_content.clear();
    }
}

/// Loads the handbook at `root`: `root/handbook.yaml` and `root/content/`.
pub(crate) fn load(root: &Path, diags: &Diagnostics) -> Result<Loaded, LoadError> {
    load_cached(root, &mut PageCache::default(), diags)
}

/// A markdown file's modification time and size: it is parsed again when they change.
type Stamp = (Option<SystemTime>, u64);

/// A markdown file found under `content/`: its path, its path relative to
/// `content/` and its stamp.
type MarkdownFile = (PathBuf, String, Stamp);

/// Like [`load`], parsing only the pages that changed since the cache was filled.
pub(crate) fn load_cached(
    root: &Path,
    cache: &mut PageCache,
    diags: &Diagnostics,
) -> Result<Loaded, LoadError> {
    let config = read_config(root, diags)?;
    Ok(load_pages(root, config, cache, diags))
}

/// Like [`load_cached`], with `root/handbook.yaml` read already ([`read_config`]).
pub(crate) fn load_pages(
    root: &Path,
    config: Config,
    cache: &mut PageCache,
    diags: &Diagnostics,
) -> Loaded {
    let content = root.join("content");
    let (markdown, attachments) = walk_content(&content, diags);
    let sources: Vec<PathBuf> = markdown
        .iter()
        .map(|(_, rel, _)| content.join(rel))
        .collect();
    cache.refresh(&content, &markdown, &sources);
    let mut pages = Vec::with_capacity(markdown.len());
    for source in &sources {
        let cached = if cache.keep {
            cache.entries.get(source).cloned()
        } else {
            cache.entries.remove(source)
        };
        if let Some(cached) = cached {
            for d in cached.diagnostics {
                diags.push(d);
            }
            let mut page = cached.page;
            page.modified = unix_secs(cached.stamp.0);
            pages.push(page);
        }
    }
    Loaded {
        root: root.to_path_buf(),
        config,
        pages,
        attachments,
        statics: static_files(&root.join("static")),
    }
}

/// Reads `root/handbook.yaml`; a handbook without one is no handbook.
pub(crate) fn read_config(root: &Path, diags: &Diagnostics) -> Result<Config, LoadError> {
    let config_path = root.join("handbook.yaml");
    let bytes = match std::fs::read(&config_path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LoadError::NoConfig(root.to_path_buf()));
        }
        Err(e) => return Err(LoadError::Io(config_path, e)),
    };
    let mut config = config::read_config(
        &bytes,
        Reader {
            path: &config_path,
            diags,
        },
    );
    config.modified = std::fs::metadata(&config_path)
        .ok()
        .and_then(|m| unix_secs(m.modified().ok()));
    Ok(config)
}

/// The markdown files and the attachments under `content/`, in sorted order.
fn walk_content(content: &Path, diags: &Diagnostics) -> (Vec<MarkdownFile>, Vec<Attachment>) {
    let mut markdown = Vec::new();
    let mut attachments = Vec::new();
    if !content.is_dir() {
        diags.error_help(
            content,
            Pos::FILE,
            "the handbook has no content folder",
            Some("create 'content/index.md' for the front page".into()),
        );
        return (markdown, attachments);
    }
    let walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| content.to_path_buf(), Path::to_path_buf);
                diags.error(&path, Pos::FILE, format!("cannot read: {e}"));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel_path = entry.path().strip_prefix(content).unwrap_or(entry.path());
        let rel = rel_path.to_string_lossy().replace('\\', "/");
        let meta = entry.metadata().ok();
        let size = meta.as_ref().map_or(0, |m| m.len());
        if rel.ends_with(".md") {
            let stamp = (meta.and_then(|m| m.modified().ok()), size);
            markdown.push((entry.path().to_path_buf(), rel, stamp));
        } else {
            attachments.push(Attachment { rel, size });
        }
    }
    (markdown, attachments)
}

impl PageCache {
    /// Drops what is gone from the tree under `content`, then parses what is
    /// new or changed, in parallel. `sources` are the files' source paths.
    fn refresh(&mut self, content: &Path, markdown: &[MarkdownFile], sources: &[PathBuf]) {
        let present: FxHashSet<&PathBuf> = sources.iter().collect();
        self.entries
            .retain(|source, _| !source.starts_with(content) || present.contains(source));
        let fresh: Vec<(PathBuf, (String, u64), CachedPage)> = markdown
            .par_iter()
            .zip(sources.par_iter())
            .filter(|((_, _, stamp), source)| {
                self.entries.get(*source).is_none_or(|c| c.stamp != *stamp)
            })
            .map(|(file, source)| {
                let (key, parsed) = self.parse(file, source);
                (source.clone(), key, parsed)
            })
            .collect();
        for (source, key, parsed) in fresh {
            if key.1 != 0 && self.share {
                self.by_content.entry(key).or_insert_with(|| parsed.clone());
            }
            self.entries.insert(source, parsed);
        }
        // Old contents of edited files pile up in a long preview: keep the map bounded.
        if self.by_content.len() > 4 * self.entries.len() + 64 {
            self.by_content.clear();
        }
    }

    /// Parses one file, or takes the parse of a file with the same path and
    /// content; with the key it is kept under in `by_content` (hash 0: unread,
    /// or parses are not kept by content).
    fn parse(
        &self,
        (file, rel, stamp): &MarkdownFile,
        source: &Path,
    ) -> ((String, u64), CachedPage) {
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                let own = Diagnostics::new();
                own.error(source, Pos::FILE, format!("cannot read file: {e}"));
                let failed = CachedPage {
                    stamp: *stamp,
                    page: page::unreadable_page(source.to_path_buf(), rel.clone()),
                    diagnostics: own.sorted(),
                };
                return ((rel.clone(), 0), failed);
            }
        };
        let hash = if self.share { content_hash(&bytes) } else { 0 };
        let key = (rel.clone(), hash);
        let parsed = match self.by_content.get(&key) {
            Some(hit) => hit.moved_to(source, *stamp),
            None => {
                let own = Diagnostics::new();
                let page = for_file(source, || {
                    page::parse_page(&bytes, source.to_path_buf(), rel.clone(), &own)
                });
                CachedPage {
                    stamp: *stamp,
                    page,
                    diagnostics: own.sorted(),
                }
            }
        };
        (key, parsed)
    }
}

/// A file time as seconds since 1970 (None before 1970 or when unknown).
fn unix_secs(time: Option<SystemTime>) -> Option<u64> {
    let since = time?.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    Some(since.as_secs())
}

/// The files below the site's `static/` folder, relative to it, sorted;
/// editor and system files are left out.
fn static_files(dir: &Path) -> Vec<String> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_are_slugged_per_segment() {
        assert_eq!(slug_of_path("index.md"), "");
        assert_eq!(slug_of_path("Kort om KY/index.md"), "kort-om-ky");
        assert_eq!(
            slug_of_path("kort-om-ky/Tilslutning til KY.md"),
            "kort-om-ky/tilslutning-til-ky"
        );
    }

    /// The file times and the `static/` listing are read here, once, so
    /// render never goes back to the disk for them.
    #[test]
    fn file_times_and_static_files_are_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, text: &str, secs: u64| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            let time = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs);
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(time).unwrap();
        };
        write("handbook.yaml", "title: H\n", 1_000);
        write("content/index.md", "---\ntitle: Forside\n---\n", 2_000);
        write("content/om.md", "---\ntitle: Om\n---\n", 3_000);
        write("static/robots.txt", "", 0);
        write("static/img/logo.svg", "", 0);
        write("static/img/.logo.svg.swp", "", 0);
        let diags = Diagnostics::new();
        let mut cache = PageCache::default();
        let loaded = load_cached(root, &mut cache, &diags).unwrap();
        assert_eq!(loaded.config.modified, Some(1_000));
        let times: Vec<_> = loaded
            .pages
            .iter()
            .map(|p| (p.rel.as_str(), p.modified))
            .collect();
        assert_eq!(times, [("index.md", Some(2_000)), ("om.md", Some(3_000))]);
        assert_eq!(loaded.statics, ["img/logo.svg", "robots.txt"]);
        // A page taken from the cache carries the time of the file as it is now.
        write("content/om.md", "---\ntitle: Om\n---\n", 4_000);
        let again = load_cached(root, &mut cache, &diags).unwrap();
        assert_eq!(again.pages[1].modified, Some(4_000));
    }

    #[test]
    fn editor_files_are_ignored() {
        for name in [".x.md.swp", "x.md~", "#x.md#", "4913", ".git"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("x.md"));
    }
}
