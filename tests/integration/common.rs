//! Helpers shared by the integration tests: running the binary, fixture
//! handbooks, parsing diagnostics, and a small HTML toolbox (attribute
//! extraction, text of an element, a link checker). No HTML parser: the
//! output is plain enough for string searches.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use tempfile::TempDir;

// ---------------------------------------------------------------- running

/// The result of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with the whole output unless the exit code is `code`.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "expected exit code {code}, got {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn success(&self) -> &Run {
        self.expect_code(0)
    }

    pub fn diags(&self) -> Vec<Diag> {
        parse_diags(&self.stderr)
    }

    /// The diagnostics that are errors.
    pub fn errors(&self) -> Vec<Diag> {
        self.diags()
            .into_iter()
            .filter(|d| d.level == "error")
            .collect()
    }
}

/// Runs `handbook args...` with `dir` as the working directory.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run the handbook binary");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `handbook build` in the handbook folder itself, so diagnostics print
/// paths relative to it (`content/roller/x.md`).
pub fn build_in(root: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["build", "--root", "."];
    args.extend_from_slice(extra);
    run(root, &args)
}

pub fn check_in(root: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--root", "."];
    args.extend_from_slice(extra);
    run(root, &args)
}

/// Held by the test that loads every core for a minute (the mutation test)
/// and by tests that time a burst of file events, so the two never overlap.
pub fn cpu_heavy_lock() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

// ---------------------------------------------------------------- files

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies `src` into `dst` recursively (creating `dst`).
pub fn copy_dir(src: &Path, dst: &Path) {
    fs::create_dir_all(dst).unwrap();
    for entry in fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let to = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
}

/// A temporary copy of a fixture handbook.
pub fn fixture(name: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures_dir().join(name), dir.path());
    dir
}

/// Writes `content` at `root/rel`, creating folders.
pub fn write(root: &Path, rel: &str, content: impl AsRef<[u8]>) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, content).unwrap();
}

#[track_caller]
pub fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every file below `dir` with its bytes, by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    fn walk(base: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(base, &path, files);
            } else {
                let rel = path.strip_prefix(base).unwrap().to_path_buf();
                files.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    walk(dir, dir, &mut files);
    files
}

/// Hidden entries beside an output folder in `dir` (a staging folder left behind).
pub fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

/// The `.html` files below `dir`, sorted.
pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    snapshot_paths(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

fn snapshot_paths(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), out);
            } else {
                out.push(entry.path());
            }
        }
    }
    walk(dir, &mut out);
    out.sort();
    out
}

/// 1-based line of the first line of `text` that contains `needle`.
#[track_caller]
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("'{needle}' not in:\n{text}"))
        + 1
}

/// 1-based (line, column in characters) of the first occurrence of `needle`.
#[track_caller]
pub fn pos_of(text: &str, needle: &str) -> (usize, usize) {
    let line = line_of(text, needle);
    let l = text.lines().nth(line - 1).unwrap();
    let byte = l.find(needle).unwrap();
    (line, l[..byte].chars().count() + 1)
}

// ---------------------------------------------------------------- fixtures

/// A small valid handbook that the error tests break one file at a time.
pub const MINI_CONFIG: &str = "\
title: Testhåndbog
version: \"1.0\"
organisations:
  - { id: kommune, title: Kommunale roller }
workstreams:
  - { id: drift, title: Drift }
audiences:
  - { id: leder, title: Leder }
";

pub fn mini_handbook() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "handbook.yaml", MINI_CONFIG);
    write(
        root,
        "content/index.md",
        "---\ntitle: Forside\n---\n\nVelkommen.\n",
    );
    write(
        root,
        "content/roller/projektleder.md",
        "---\ntitle: Projektleder\norganisation: kommune\nresponsibilities: [Leder projektet.]\n---\n\nLeder projektet.\n",
    );
    write(
        root,
        "content/faser/start.md",
        "---\ntitle: Start\nphase: 1\nweeks: { from: -4, to: -1 }\nworkstreams: [drift]\nroles:\n  - role: projektleder\n    responsibility: Starter projektet.\nactivities:\n  - title: Hold møde\n    week: -4\n    category: obligatorisk\n    responsible: projektleder\n    guide: moede\n---\n\nStarten.\n",
    );
    write(
        root,
        "content/vejledninger/moede.md",
        "---\ntitle: Møde\nphases: [start]\nroles:\n  - { role: projektleder, part: Mødeleder }\ntemplates: [plan]\nagenda:\n  - { minutes: 10, item: Velkomst }\n---\n\nEt møde.\n",
    );
    write(
        root,
        "content/skabeloner/plan.md",
        "---\ntitle: Plan\nfile: plan.csv\n---\n\nEn plan.\n",
    );
    write(root, "content/skabeloner/plan.csv", "a;b\n1;2\n");
    dir
}

/// The kommune fixture built once (read-only for the tests that share it).
pub fn kommune_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        // Builds of earlier runs (statics are never dropped) are removed once stale.
        for entry in fs::read_dir(tmp).into_iter().flatten().flatten() {
            let stale = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600);
            if stale
                && entry
                    .file_name()
                    .to_string_lossy()
                    .starts_with("handbook-kommune-")
            {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        let dir = tempfile::Builder::new()
            .prefix("handbook-kommune-")
            .tempdir_in(tmp)
            .unwrap()
            .keep();
        copy_dir(&fixtures_dir().join("kommune"), &dir);
        build_in(&dir, &[]).success();
        dir.join("public")
    })
}

// ---------------------------------------------------------------- diagnostics

/// One `path:line:col: level: message` diagnostic with its `help:` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub level: String,
    pub message: String,
    pub help: Vec<String>,
}

impl std::fmt::Display for Diag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path, self.line, self.col, self.level, self.message
        )
    }
}

/// Parses every located diagnostic of a run's stderr.
pub fn parse_diags(stderr: &str) -> Vec<Diag> {
    let mut out: Vec<Diag> = Vec::new();
    for line in stderr.lines() {
        let unmarked = line.trim_start().trim_start_matches("= ");
        if let Some(help) = unmarked.strip_prefix("help:") {
            if let Some(last) = out.last_mut() {
                last.help.push(help.trim().to_string());
            }
            continue;
        }
        if let Some(d) = parse_diag_line(line) {
            out.push(d);
        }
    }
    out
}

fn parse_diag_line(line: &str) -> Option<Diag> {
    for level in ["error", "warning"] {
        let marker = format!(": {level}: ");
        let Some(at) = line.find(&marker) else {
            continue;
        };
        let location = &line[..at];
        let message = line[at + marker.len()..].to_string();
        let mut parts = location.rsplitn(3, ':');
        let col = parts.next()?.parse().ok()?;
        let ln = parts.next()?.parse().ok()?;
        let path = parts.next()?.to_string();
        return Some(Diag {
            path,
            line: ln,
            col,
            level: level.to_string(),
            message,
            help: Vec::new(),
        });
    }
    None
}

/// The error at `path:line` whose message contains `needle`; panics with the
/// whole stderr otherwise.
#[track_caller]
pub fn expect_error(run: &Run, path: &str, line: usize, needle: &str) -> Diag {
    expect_diag(run, "error", path, line, needle)
}

#[track_caller]
pub fn expect_diag(run: &Run, level: &str, path: &str, line: usize, needle: &str) -> Diag {
    let diags = run.diags();
    diags
        .iter()
        .find(|d| d.level == level && d.path == path && d.line == line && d.message.contains(needle))
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "expected `{path}:{line}:<col>: {level}: ...{needle}...` in stderr (exit code {}):\n{}",
                run.code, run.stderr
            )
        })
}

// ---------------------------------------------------------------- HTML

/// Undoes the entity escaping templates apply to attribute values and text.
pub fn unescape(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every value of attribute `name` (`href`, `src`, `id`) in `html`, unescaped.
pub fn attr_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(unescape(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

/// The text of `html` with tags removed and entities undone, whitespace collapsed.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The part of `html` between `<article` and `</article>` (the page's own content).
#[track_caller]
pub fn article(html: &str) -> &str {
    let start = html.find("<article").expect("page has an <article>");
    let end = html.rfind("</article>").expect("page has </article>");
    &html[start..end]
}

/// The element with `id="id"`, from its start tag to the matching close tag
/// of the same name (no nesting of the same tag expected).
pub fn element_by_id<'a>(html: &'a str, id: &str) -> Option<&'a str> {
    let at = html.find(&format!(" id=\"{id}\""))?;
    let start = html[..at].rfind('<')?;
    let name: String = html[start + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let close = format!("</{name}>");
    let end = html[start..].find(&close)? + start + close.len();
    Some(&html[start..end])
}

/// The smallest `<tr>` or `<li>` element around the first occurrence of `needle`.
#[track_caller]
pub fn row_with<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html
        .find(needle)
        .unwrap_or_else(|| panic!("'{needle}' not found"));
    let before = &html[..at];
    let open_tr = before.rfind("<tr");
    let open_li = before.rfind("<li");
    let (start, close) = match (open_tr, open_li) {
        (Some(t), Some(l)) if l > t => (l, "</li>"),
        (Some(t), _) => (t, "</tr>"),
        (None, Some(l)) => (l, "</li>"),
        (None, None) => panic!("'{needle}' is not in a row or list item"),
    };
    let end = html[at..]
        .find(close)
        .map_or(html.len(), |e| at + e + close.len());
    &html[start..end]
}

/// The text of every `<a href="href">...</a>` in `html`.
pub fn link_texts(html: &str, href: &str) -> Vec<String> {
    let needle = format!("<a href=\"{href}\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i..];
        let open_end = rest.find('>').unwrap() + 1;
        let close = rest.find("</a>").unwrap();
        out.push(strip_tags(&rest[open_end..close]));
        rest = &rest[close..];
    }
    out
}

/// Hrefs in `html` in document order, without repeats next to each other.
pub fn hrefs_in_order(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for h in attr_values(html, "href") {
        if out.last() != Some(&h) {
            out.push(h);
        }
    }
    out
}

/// Normalises `base/rel` without touching the disk; `None` if it leaves `root`.
pub fn join_inside(root: &Path, base: &Path, rel: &str) -> Option<PathBuf> {
    let mut parts: Vec<String> = if rel.starts_with('/') {
        Vec::new()
    } else {
        base.strip_prefix(root)
            .ok()?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect()
    };
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(handbook::decode_percent(s).unwrap_or_else(|| s.to_string())),
        }
    }
    let mut path = root.to_path_buf();
    for p in parts {
        path.push(p);
    }
    debug_assert!(path.components().all(|c| c != Component::ParentDir));
    Some(path)
}

/// Where a link of page `file` leads in the output folder `root`:
/// the file it names (a folder URL means its `index.html`) and the fragment.
/// `Ok(None)` for links that leave the site (`https:`, `mailto:`).
pub fn resolve_href(
    root: &Path,
    file: &Path,
    href: &str,
) -> Result<Option<(PathBuf, String)>, String> {
    let lower = href.to_ascii_lowercase();
    if ["http://", "https://", "mailto:", "tel:", "data:", "//"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return Ok(None);
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, f.to_string()),
        None => (href, String::new()),
    };
    let path = path.split('?').next().unwrap_or(path);
    if let Some((scheme, _)) = path.split_once(':')
        && !scheme.contains('/')
    {
        return Err(format!(
            "'{href}' has a scheme the site does not serve (an unresolved typed link?)"
        ));
    }
    let target = if path.is_empty() {
        file.to_path_buf()
    } else {
        let base = file.parent().unwrap();
        let mut t =
            join_inside(root, base, path).ok_or_else(|| format!("'{href}' leaves the site"))?;
        if path.ends_with('/') || t.is_dir() {
            t = t.join("index.html");
        }
        t
    };
    Ok(Some((target, fragment)))
}

/// Checks every `href` and `src` of every HTML file below `root` (and the
/// URL of meta refreshes): relative links must name an existing file (a folder
/// URL its `index.html`) inside the site, fragments an existing `id`.
/// Absolute paths (`/x/`) are allowed only in `404.html`, which is served at
/// any depth. Returns the problems, one line each.
pub fn broken_links(root: &Path) -> Vec<String> {
    broken_links_below(root, "/")
}

/// Fails with the list of broken links when [`broken_links`] finds any.
#[track_caller]
pub fn assert_no_broken_links(root: &Path) {
    let broken = broken_links(root);
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

/// [`broken_links`] for a site served at the path `base_path` (`/kommune/`),
/// which absolute links in `404.html` start with.
pub fn broken_links_below(root: &Path, base_path: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ids_cache: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for file in html_files(root) {
        let html = read(&file);
        let rel_file = file.strip_prefix(root).unwrap().display().to_string();
        let mut links: Vec<String> = attr_values(&html, "href");
        links.extend(attr_values(&html, "src"));
        for content in attr_values(&html, "content") {
            if let Some((_, url)) = content.split_once("url=") {
                links.push(url.trim().to_string());
            }
        }
        for mut href in links {
            if href.starts_with('/') && !href.starts_with("//") {
                if rel_file != "404.html" {
                    problems.push(format!(
                        "{rel_file}: '{href}' is an absolute path; links must be relative"
                    ));
                    continue;
                }
                match href.strip_prefix(base_path) {
                    Some(rest) => href = format!("/{rest}"),
                    None => {
                        problems.push(format!("{rel_file}: '{href}' is not below {base_path}"));
                        continue;
                    }
                }
            }
            let (target, fragment) = match resolve_href(root, &file, &href) {
                Ok(Some(t)) => t,
                Ok(None) => continue,
                Err(e) => {
                    problems.push(format!("{rel_file}: {e}"));
                    continue;
                }
            };
            if !target.is_file() {
                problems.push(format!(
                    "{rel_file}: '{href}' -> {} does not exist",
                    target.strip_prefix(root).unwrap_or(&target).display()
                ));
                continue;
            }
            if fragment.is_empty() || target.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let ids = ids_cache
                .entry(target.clone())
                .or_insert_with(|| attr_values(&read(&target), "id"));
            if !ids.contains(&fragment) {
                problems.push(format!(
                    "{rel_file}: '{href}' -> no id=\"{fragment}\" in {}",
                    target.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    problems
}

/// True for the redirect pages written for `aliases` (not reader pages).
pub fn is_redirect(html: &str) -> bool {
    html.contains("http-equiv=\"refresh\"")
}

/// The links of the pages of one version (`<root>/<folder>/`, or the root copy
/// of the newest release with `folder` empty) that lead out of it. Shared
/// files may be: the theme's assets, the feed and the version history; the
/// version switcher and the old-version banner link other versions on purpose.
pub fn links_leaving_version(root: &Path, folder: &str, others: &[&str]) -> Vec<String> {
    let base = root.join(folder);
    let shared = ["assets", "feed.xml", "versioner", "404.html", "sitemap.xml"];
    let mut problems = Vec::new();
    for file in html_files(&base) {
        let rel_file = file.strip_prefix(root).unwrap().display().to_string();
        let inside_other = file
            .strip_prefix(root)
            .unwrap()
            .components()
            .next()
            .is_some_and(|c| others.iter().any(|o| c.as_os_str() == *o));
        if inside_other || rel_file.starts_with("versioner/") || rel_file == "404.html" {
            continue;
        }
        let mut html = read(&file);
        for start in [
            "<div class=\"versionsbar\">",
            "<div class=\"notice notice--old-version\"",
        ] {
            if let Some(at) = html.find(start)
                && let Some(end) = html[at..].find("</div>")
            {
                html.replace_range(at..at + end, "");
            }
        }
        for href in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            let Ok(Some((target, _))) = resolve_href(root, &file, &href) else {
                continue;
            };
            let Ok(rel) = target.strip_prefix(root) else {
                continue;
            };
            let first = rel
                .components()
                .next()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .unwrap_or_default();
            let in_version = target.starts_with(&base)
                && !(folder.is_empty() && others.contains(&first.as_str()));
            if !in_version && !shared.contains(&first.as_str()) {
                problems.push(format!("{rel_file}: '{href}' -> {}", rel.display()));
            }
        }
    }
    problems
}
