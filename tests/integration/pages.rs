//! Snapshots of every rendered page of `tests/fixtures/kommune`: the
//! `<main>` element of each HTML file, plus the footer's "Senest ændret"
//! line (insta, `tests/integration/snapshots/pages/`), so a refactor shows
//! exactly what it changed in what a reader sees. The fixture is copied and
//! every file gets one fixed modification time, so the dates are the same on
//! every machine; the build reads no clock.
//! After an intended change: `INSTA_UPDATE=always cargo test --test integration pages`,
//! then read the diff.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::common::{build_in, copy_dir, fixtures_dir, html_files, is_redirect, read};

/// 2026-01-02 03:04:05 UTC: the modification time of every source file.
const FIXED_MTIME: u64 = 1_767_323_045;

/// Gives every file below `dir` the modification time [`FIXED_MTIME`].
fn fix_mtimes(dir: &Path) {
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(FIXED_MTIME);
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            fix_mtimes(&entry.path());
        } else {
            let file = fs::File::options().write(true).open(entry.path()).unwrap();
            file.set_modified(time).unwrap();
        }
    }
}

/// The `<main>` element of a page and its footer's "Senest ændret" line.
fn main_of(html: &str) -> String {
    let start = html.find("<main").map_or(0, |i| i);
    let end = html
        .find("</main>")
        .map_or(html.len(), |i| i + "</main>".len());
    let mut out = html[start..end].to_string();
    if let Some(at) = html.find("<p class=\"footer__modified\">") {
        let line_end = html[at..].find("</p>").map_or(html.len(), |i| at + i + 4);
        out.push('\n');
        out.push_str(&html[at..line_end]);
    }
    out
}

/// `roller/projektleder/index.html` → `roller__projektleder`; the front page is `forside`.
fn snapshot_name(rel: &str) -> String {
    let stem = rel.strip_suffix("index.html").unwrap_or(rel);
    let stem = stem.trim_end_matches('/');
    if stem.is_empty() {
        "forside".into()
    } else {
        stem.replace('/', "__")
    }
}

#[test]
fn every_page_of_the_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&fixtures_dir().join("kommune"), root);
    fix_mtimes(root);
    build_in(root, &[]).success();
    let public = root.join("public");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_snapshot_path("snapshots/pages");
    let mut names = Vec::new();
    settings.bind(|| {
        for file in html_files(&public) {
            let html = read(&file);
            if is_redirect(&html) {
                continue;
            }
            let rel = file.strip_prefix(&public).unwrap().to_string_lossy();
            let rel = rel.replace('\\', "/");
            let name = snapshot_name(&rel);
            insta::assert_snapshot!(name.clone(), main_of(&html));
            names.push(name);
        }
    });
    // Every kind of page is there: the test cannot pass on an empty site.
    for expected in [
        "forside",
        "faser",
        "roller__projektleder",
        "print",
        "soeg",
        "404.html",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "no snapshot '{expected}' among {names:?}"
        );
    }
}
