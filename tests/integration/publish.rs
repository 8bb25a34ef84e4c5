//! Publishing (`build --pdf --zip`): what happens without a browser, the
//! offline copy as a reader unpacks it, and the downloads each version offers.
//! The PDF itself is printed by Chromium and checked in the browser tests
//! (`tests/browser/publish.mjs`).

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::{
    Run, assert_no_broken_links, attr_values, build_in, fixture, html_files, read, resolve_href,
    run, snapshot, write,
};

/// `handbook build` in `root` with `env` set (and `HANDBOOK_CHROMIUM` unset
/// unless `env` names it).
fn build_with_env(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_handbook"));
    command
        .args(["build", "--root", "."])
        .args(args)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .env_remove("HANDBOOK_CHROMIUM");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().expect("run the handbook binary");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn pdf_without_a_browser_stops_with_how_to_install_one_and_writes_nothing() {
    let hb = fixture("kommune");
    let root = hb.path();
    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().to_str().unwrap();
    let run = build_with_env(root, &["--pdf"], &[("PATH", path)]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("--pdf needs Chromium")
            && run.stderr.contains("sudo apt-get install chromium")
            && run.stderr.contains("HANDBOOK_CHROMIUM"),
        "{}",
        run.stderr
    );
    assert!(!root.join("public").exists(), "something was written");

    // A previous build stays as it was.
    build_in(root, &[]).success();
    let before = snapshot(&root.join("public"));
    build_with_env(root, &["--pdf", "--zip"], &[("PATH", path)]).expect_code(2);
    let run = build_with_env(
        root,
        &["--pdf"],
        &[("HANDBOOK_CHROMIUM", "/no/such/chromium")],
    );
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("HANDBOOK_CHROMIUM is set to '/no/such/chromium', which is not a program"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&root.join("public")), before);
}

#[cfg(unix)]
#[test]
fn a_browser_that_fails_to_print_fails_the_build_and_keeps_the_output() {
    use std::os::unix::fs::PermissionsExt;
    let hb = fixture("kommune");
    let root = hb.path();
    build_in(root, &[]).success();
    let before = snapshot(&root.join("public"));
    let fake = root.join("fake-chromium");
    fs::write(&fake, "#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n").unwrap();
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    let run = build_with_env(
        root,
        &["--pdf"],
        &[("HANDBOOK_CHROMIUM", fake.to_str().unwrap())],
    );
    run.expect_code(2);
    assert!(
        run.stderr.contains("could not print the handbook")
            && run.stderr.contains("cannot open display"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&root.join("public")), before);
}

/// Unpacks a zip file into `dir`.
fn unzip(zip_file: &Path, dir: &Path) {
    let mut archive = zip::ZipArchive::new(fs::File::open(zip_file).unwrap()).unwrap();
    archive.extract(dir).unwrap();
}

/// The links of the unpacked copy that name a folder: from `file://` a
/// folder opens as a listing, not as its page.
fn folder_links(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for file in html_files(root) {
        let html = read(&file);
        for href in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            let path = href.split(['#', '?']).next().unwrap_or_default();
            if path.is_empty() {
                continue;
            }
            let Ok(Some((_, _))) = resolve_href(root, &file, &href) else {
                continue;
            };
            let named = file.parent().unwrap().join(path);
            if path.ends_with('/') || named.is_dir() {
                problems.push(format!(
                    "{}: '{href}'",
                    file.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    problems
}

/// The `<a>` element around the first `href="<href>"` of a page.
fn link_with_href<'a>(html: &'a str, href: &str) -> &'a str {
    let at = html
        .find(&format!("href=\"{href}\""))
        .unwrap_or_else(|| panic!("no link to {href}"));
    let start = html[..at].rfind("<a ").unwrap();
    let end = at + html[at..].find("</a>").unwrap();
    &html[start..end]
}

#[test]
fn zip_is_an_offline_copy_that_works_from_file_urls() {
    let hb = fixture("kommune");
    let root = hb.path();
    // Without the flags, nothing is offered and nothing extra is written.
    build_in(root, &[]).success();
    let public = root.join("public");
    assert!(!public.join("haandbog-2.0.zip").exists() && !public.join("haandbog.pdf").exists());
    assert!(!read(public.join("index.html")).contains("forside-hent"));

    build_in(root, &["--zip"]).success();
    let zip_file = public.join("haandbog-2.0.zip");
    let bytes = fs::read(&zip_file).unwrap();
    // Linked from the front page and /print/ with its size and a readable name.
    let size = handbook::format_size(bytes.len() as u64);
    let front = read(public.join("index.html"));
    let link = link_with_href(&front, "haandbog-2.0.zip");
    assert!(
        link.contains("download=\"Portalhåndbogen 2.0.zip\"")
            && link.contains(&format!("(Zip, {size})")),
        "{link}"
    );
    let print = read(public.join("print/index.html"));
    assert!(link_with_href(&print, "../haandbog-2.0.zip").contains(&size));
    // No PDF without --pdf.
    assert!(!public.join("haandbog.pdf").exists() && !front.contains("haandbog.pdf"));

    let unpacked = tempfile::tempdir().unwrap();
    unzip(&zip_file, unpacked.path());
    let copy = unpacked.path().join("haandbog-2.0");
    for file in [
        "index.html",
        "assets/handbook.css",
        "assets/search.js",
        "soeg/meta.js",
        "soeg/index.html",
        "skabeloner/projektplan.docx",
        "laesevejledninger/projektleder/index.html",
    ] {
        assert!(copy.join(file).is_file(), "{file} is not in the zip");
    }
    assert!(!copy.join("404.html").exists() && !copy.join("sitemap.xml").exists());
    assert_no_broken_links(&copy);
    let folders = folder_links(&copy);
    assert!(
        folders.is_empty(),
        "links to folders:\n{}",
        folders.join("\n")
    );
    // The site itself keeps its pretty URLs.
    assert!(read(public.join("roller/index.html")).contains("href=\"../roller/projektleder/\""));

    // The same content packs to the same bytes.
    build_in(root, &["--zip"]).success();
    assert_eq!(
        fs::read(&zip_file).unwrap(),
        bytes,
        "a rebuild changed the zip"
    );
}

#[test]
fn every_version_offers_its_own_files_and_the_root_the_newest() {
    let hb = fixture("kommune");
    let root = hb.path();
    run(
        root,
        &[
            "release",
            "1.0",
            "--date",
            "2026-01-15",
            "--notes",
            "Første udgave.",
        ],
    )
    .success();
    build_in(root, &["--zip"]).success();
    let public = root.join("public");
    let file = |rel: &str| -> Vec<u8> {
        fs::read(public.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    assert_eq!(file("haandbog-1.0.zip"), file("1.0/haandbog-1.0.zip"));
    assert_no_broken_links(&public);
    // /versioner/ offers each release's file beside it, on every version's page.
    for (page, href) in [
        ("versioner/index.html", "../1.0/haandbog-1.0.zip"),
        ("1.0/versioner/index.html", "../../1.0/haandbog-1.0.zip"),
    ] {
        let html = read(public.join(page));
        let link = link_with_href(&html, href);
        assert!(
            link.contains("download=\"Portalhåndbogen 1.0.zip\"") && link.contains(">Zip, "),
            "{page}: {link}"
        );
    }
    // With --drafts, the working copy at /udkast/ offers its own copy.
    build_in(root, &["--zip", "--drafts"]).success();
    assert_eq!(file("haandbog-1.0.zip"), file("1.0/haandbog-1.0.zip"));
    let draft = read(public.join("udkast/index.html"));
    assert!(
        link_with_href(&draft, "../udkast/haandbog-2.0.zip").contains("Portalhåndbogen 2.0.zip")
    );
    assert!(
        read(public.join("udkast/versioner/index.html"))
            .contains("href=\"../../1.0/haandbog-1.0.zip\"")
    );

    // A release's copy is that version alone: at the zip's top, dated by its release.
    let unpacked = tempfile::tempdir().unwrap();
    unzip(&public.join("1.0/haandbog-1.0.zip"), unpacked.path());
    let copy = unpacked.path().join("haandbog-1.0");
    let front = read(copy.join("index.html"));
    assert!(
        !front.contains("versionsbar") && !front.contains("udkast/"),
        "{front}"
    );
    assert_no_broken_links(&copy);
    let mut archive =
        zip::ZipArchive::new(fs::File::open(public.join("haandbog-1.0.zip")).unwrap()).unwrap();
    let entry = archive.by_name("haandbog-1.0/index.html").unwrap();
    let time = entry.last_modified().unwrap();
    assert_eq!((time.year(), time.month(), time.day()), (2026, 1, 15));
}

#[test]
fn a_content_file_cannot_take_the_place_of_a_download() {
    let hb = fixture("kommune");
    let root = hb.path();
    write(root, "content/haandbog-2.0.zip", "not a zip");
    let run = build_in(root, &["--zip"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("content/haandbog-2.0.zip:1:1: error: this file would overwrite the generated /haandbog-2.0.zip"),
        "{}",
        run.stderr
    );
    assert!(!root.join("public").exists());
}
