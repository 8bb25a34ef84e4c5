//! Releases: `handbook release`, every version built side by side, the
//! switcher and banner, what changed and the diff pages, the feed.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::common::{assert_no_broken_links, build_in, links_leaving_version, read, run, write};

/// A new handbook from `init` in `<tmp>/hb`.
fn new_handbook() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("hb");
    run(dir.path(), &["init", "hb"]).success();
    (dir, root)
}

/// `init` a handbook, release 1.0, edit it the ways readers care about, release 1.1.
fn two_releases() -> TempDir {
    let (dir, root) = new_handbook();
    run(
        &root,
        &[
            "release",
            "1.0",
            "--date",
            "2024-01-15",
            "--notes",
            "Første udgave.",
        ],
    )
    .success();
    edit(
        &root,
        "content/om-haandbogen.md",
        "Håndbogen samler alt",
        "Håndbogen samler nu alt",
    );
    edit(
        &root,
        "content/faser/forberedelse.md",
        "responsibility: Planlægger forløbet.",
        "responsibility: Planlægger og leder forløbet.",
    );
    edit(
        &root,
        "content/faser/forberedelse.md",
        "    week: -8\n    category",
        "    week: -7\n    category",
    );
    write(
        &root,
        "content/nyt-kapitel.md",
        "---\ntitle: Nyt kapitel\norder: 2\n---\n\nHelt nyt i 1.1.\n",
    );
    std::fs::remove_file(root.join("content/uddannelsesplaner/projektledere.md")).unwrap();
    // The role gets a new id; its alias keeps the old URL.
    let role = read(root.join("content/roller/projektleder.md"));
    std::fs::remove_file(root.join("content/roller/projektleder.md")).unwrap();
    write(
        &root,
        "content/roller/projektchef.md",
        role.replacen(
            "title: Projektleder\n",
            "title: Projektleder\nid: projektchef\naliases: [/roller/projektleder/]\n",
            1,
        ),
    );
    for file in [
        "content/faser/forberedelse.md",
        "content/vejledninger/opstartsworkshop.md",
        "handbook.yaml",
    ] {
        let text = read(root.join(file));
        write(
            &root,
            file,
            text.replace("role: projektleder", "role: projektchef")
                .replace("responsible: projektleder", "responsible: projektchef"),
        );
    }
    edit(
        &root,
        "content/om-haandbogen.md",
        "(rolle:projektleder)",
        "(rolle:projektchef)",
    );
    run(
        &root,
        &[
            "release",
            "1.1",
            "--date",
            "2024-06-01",
            "--notes",
            "Rettelser.",
        ],
    )
    .success();
    build_in(&root, &["--strict"]).success();
    dir
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let text = read(root.join(rel));
    assert!(text.contains(from), "{rel} lacks {from:?}:\n{text}");
    write(root, rel, text.replacen(from, to, 1));
}

fn site(dir: &TempDir) -> std::path::PathBuf {
    dir.path().join("hb/public")
}

#[test]
fn every_version_is_served_at_its_url_and_the_root_is_the_newest() {
    let dir = two_releases();
    let public = site(&dir);
    assert!(read(public.join("1.0/om-haandbogen/index.html")).contains("Håndbogen samler alt"));
    assert!(read(public.join("1.1/om-haandbogen/index.html")).contains("Håndbogen samler nu alt"));
    assert!(
        read(public.join("om-haandbogen/index.html")).contains("Håndbogen samler nu alt"),
        "/ is 1.1"
    );
    assert!(
        public
            .join("1.0/uddannelsesplaner/projektledere/index.html")
            .exists()
    );
    assert!(
        !public
            .join("1.1/uddannelsesplaner/projektledere/index.html")
            .exists()
    );
    assert!(public.join("1.1/nyt-kapitel/index.html").exists());
    assert!(!public.join("1.0/nyt-kapitel/index.html").exists());
    assert!(
        !public.join("udkast").exists(),
        "the working copy only with --drafts"
    );
    assert_no_broken_links(&public);
}

#[test]
fn the_switcher_maps_page_to_page_and_the_banner_links_the_newest() {
    let dir = two_releases();
    let public = site(&dir);
    let old = read(public.join("1.0/om-haandbogen/index.html"));
    assert!(
        old.contains("href=\"../../1.1/om-haandbogen/\""),
        "switcher to the same page in 1.1"
    );
    assert!(
        old.contains("Du læser version 1.0 fra 15.01.2024. Den nyeste version er 1.1."),
        "banner"
    );
    let new = read(public.join("1.1/om-haandbogen/index.html"));
    assert!(
        !new.contains("notice--old-version"),
        "no banner on the newest"
    );
    assert!(new.contains("href=\"../../1.0/om-haandbogen/\""));
    // A page that 1.1 does not have leads to 1.1's front page with a notice.
    let gone = read(public.join("1.0/uddannelsesplaner/projektledere/index.html"));
    assert!(
        gone.contains("href=\"../../../1.1/#side-findes-ikke\""),
        "missing page → front page notice"
    );
    assert!(read(public.join("1.1/index.html")).contains("id=\"side-findes-ikke\""));
    // The renamed role: its old URL in 1.1 maps by alias.
    let role = read(public.join("1.0/roller/projektleder/index.html"));
    assert!(
        role.contains("href=\"../../../1.1/roller/projektchef/\""),
        "moved page found by its alias"
    );
}

#[test]
fn what_changed_and_the_diffs_are_exact() {
    let dir = two_releases();
    let public = site(&dir);
    let versions = read(public.join("versioner/index.html"));
    let changes = versions
        .split("id=\"aendringer-1-1\"")
        .nth(1)
        .expect("changes of 1.1");
    for (kind, href) in [
        ("Ændret", "versioner/1.1/aendringer/side/om-haandbogen/"),
        ("Ændret", "versioner/1.1/aendringer/fase/forberedelse/"),
        ("Tilføjet", "versioner/1.1/aendringer/side/nyt-kapitel/"),
        (
            "Fjernet",
            "versioner/1.1/aendringer/uddannelse/projektledere/",
        ),
        ("Flyttet", "versioner/1.1/aendringer/rolle/projektchef/"),
    ] {
        let row = changes
            .lines()
            .find(|l| l.contains(href))
            .unwrap_or_else(|| panic!("{href} missing:\n{changes}"));
        assert!(row.contains(kind), "{href} should be {kind}: {row}");
    }
    let diff = read(public.join("versioner/1.1/aendringer/fase/forberedelse/index.html"));
    assert!(diff.contains("<del><span class=\"sr-only\">Slettet: </span>Rolle projektleder: Planlægger forløbet.</del>"), "{diff}");
    assert!(diff.contains("<ins><span class=\"sr-only\">Tilføjet: </span>Rolle projektchef: Planlægger og leder forløbet.</ins>"));
    assert!(
        diff.contains("Uge -8") && diff.contains("Uge -7"),
        "the activity's week change is shown"
    );
    let para = read(public.join("versioner/1.1/aendringer/side/om-haandbogen/index.html"));
    assert!(para.contains("<ins><span class=\"sr-only\">Tilføjet: </span>Håndbogen samler nu alt"));
    // Pages that changed in 1.1 say so and link their diff.
    let page = read(public.join("1.1/faser/forberedelse/index.html"));
    assert!(page.contains(
        "href=\"../../../versioner/1.1/aendringer/fase/forberedelse/\">Ændret i version 1.1"
    ));
    // The old URL of the moved role redirects at the root.
    assert!(
        read(public.join("roller/projektleder/index.html"))
            .contains("url=../../roller/projektchef/")
    );
}

#[test]
fn the_feed_lists_both_releases_with_their_changes() {
    let dir = two_releases();
    let feed = read(site(&dir).join("feed.xml"));
    assert_eq!(feed.matches("<entry>").count(), 2, "{feed}");
    assert!(
        feed.contains("<title>Version 1.1</title>") && feed.contains("<title>Version 1.0</title>")
    );
    assert!(
        feed.contains("Rettelser. Sider tilføjet: 1, ændret: 4, fjernet: 1."),
        "{feed}"
    );
}

#[test]
fn releasing_twice_or_with_errors_is_refused_and_writes_nothing() {
    let dir = two_releases();
    let root = dir.path().join("hb");
    let before = read(root.join("handbook.yaml"));
    let again = run(&root, &["release", "1.1"]);
    again.expect_code(2);
    assert!(
        again.stderr.contains("already released"),
        "{}",
        again.stderr
    );
    write(
        &root,
        "content/brudt.md",
        "---\ntitle: Brudt\n---\n\nSe [](rolle:findes-ikke).\n",
    );
    let broken = run(&root, &["release", "1.2"]);
    broken.expect_code(1);
    assert!(
        broken
            .stderr
            .contains("content/brudt.md:5:4: error: unknown role 'findes-ikke'"),
        "{}",
        broken.stderr
    );
    assert!(!root.join("versions/1.2").exists(), "no snapshot");
    assert_eq!(
        read(root.join("handbook.yaml")),
        before,
        "handbook.yaml untouched"
    );
}

#[test]
fn the_working_copy_is_at_udkast_with_drafts() {
    let dir = two_releases();
    let root = dir.path().join("hb");
    edit(
        &root,
        "content/om-haandbogen.md",
        "Håndbogen samler nu alt",
        "Håndbogen samler snart alt",
    );
    build_in(&root, &["--drafts"]).success();
    let public = root.join("public");
    assert!(read(public.join("udkast/om-haandbogen/index.html")).contains("samler snart alt"));
    assert!(
        read(public.join("om-haandbogen/index.html")).contains("samler nu alt"),
        "/ stays the newest release"
    );
    // The renamed role's alias redirects in each copy to that copy's page.
    let root_alias = read(public.join("roller/projektleder/index.html"));
    assert!(root_alias.contains("projektchef/"), "{root_alias}");
    assert!(!root_alias.contains("udkast"), "{root_alias}");
    let draft_alias = read(public.join("udkast/roller/projektleder/index.html"));
    assert!(draft_alias.contains("projektchef/"), "{draft_alias}");
}

#[test]
fn every_version_links_its_own_attachments() {
    // A template and its file, linked from a chapter and shown on the guide,
    // are released in 1.0, then deleted before 1.1.
    let (_dir, root) = new_handbook();
    write(
        &root,
        "content/skabeloner/praesentation.md",
        "---\ntitle: Præsentation\nfile: praesentation.pptx\n---\n\nTil styregruppen.\n",
    );
    write(&root, "content/skabeloner/praesentation.pptx", "PK 1.0");
    edit(
        &root,
        "content/vejledninger/opstartsworkshop.md",
        "templates: [risikoanalyse]",
        "templates: [risikoanalyse, praesentation]",
    );
    edit(
        &root,
        "content/om-haandbogen.md",
        "Håndbogen samler alt",
        "Hent [præsentationen](skabeloner/praesentation.pptx). Håndbogen samler alt",
    );
    run(&root, &["release", "1.0", "--date", "2024-01-15"]).success();
    std::fs::remove_file(root.join("content/skabeloner/praesentation.md")).unwrap();
    std::fs::remove_file(root.join("content/skabeloner/praesentation.pptx")).unwrap();
    edit(
        &root,
        "content/vejledninger/opstartsworkshop.md",
        "templates: [risikoanalyse, praesentation]",
        "templates: [risikoanalyse]",
    );
    edit(
        &root,
        "content/om-haandbogen.md",
        "Hent [præsentationen](skabeloner/praesentation.pptx). ",
        "",
    );
    run(&root, &["release", "1.1", "--date", "2024-06-01"]).success();
    build_in(&root, &["--strict"]).success();
    let public = root.join("public");

    assert_no_broken_links(&public);
    assert_eq!(
        read(public.join("1.0/skabeloner/praesentation.pptx")),
        "PK 1.0"
    );
    assert!(!public.join("1.1/skabeloner/praesentation.pptx").exists());
    let chapter = read(public.join("1.0/om-haandbogen/index.html"));
    assert!(
        chapter.contains("href=\"../../1.0/skabeloner/praesentation.pptx\""),
        "1.0 links its own copy"
    );
    for (folder, others) in [
        ("1.0", vec!["1.1"]),
        ("1.1", vec!["1.0"]),
        ("", vec!["1.0", "1.1"]),
    ] {
        let leaving = links_leaving_version(&public, folder, &others);
        assert!(
            leaving.is_empty(),
            "links of /{folder}/ that leave it:\n{}",
            leaving.join("\n")
        );
    }
}

/// The working copy of a handbook with releases is checked like one
/// without: its URLs do not depend on the folder it is rendered into.
#[test]
fn the_working_copy_of_a_released_handbook_is_checked_at_its_own_urls() {
    let (_dir, root) = new_handbook();
    run(&root, &["release", "1.0", "--date", "2024-01-15"]).success();
    edit(
        &root,
        "content/om-haandbogen.md",
        "---\n",
        "---\naliases: [\"/faser/\"]\n",
    );
    let run = crate::common::check_in(&root, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    crate::common::expect_error(
        &run,
        "content/om-haandbogen.md",
        2,
        "alias '/faser/' is the URL of an existing page",
    );
}
