//! Incremental output: a build into an existing output folder writes only the
//! files whose bytes change, keeps every other file as it was (same inode,
//! same modification time), removes what is no longer produced, and a failed
//! build leaves the previous output exactly as it was.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::*;

/// The marker file of an output folder; its fingerprints change with the inputs.
const MARKER: &str = ".handbook-output";

/// One output file as a deploy tool sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    inode: u64,
    mtime_ns: i128,
    ctime_ns: i128,
    bytes: Vec<u8>,
}

/// Every file of the output folder but the marker, by path.
fn look(out: &Path) -> BTreeMap<PathBuf, Seen> {
    snapshot(out)
        .into_iter()
        .filter(|(rel, _)| rel != Path::new(MARKER))
        .map(|(rel, bytes)| {
            let meta = fs::symlink_metadata(out.join(&rel)).unwrap();
            let seen = Seen {
                inode: meta.ino(),
                mtime_ns: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
                ctime_ns: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                bytes,
            };
            (rel, seen)
        })
        .collect()
}

/// Paths whose inode or modification time differ between two looks.
fn touched(before: &BTreeMap<PathBuf, Seen>, after: &BTreeMap<PathBuf, Seen>) -> Vec<PathBuf> {
    after
        .iter()
        .filter(|(rel, now)| {
            before
                .get(*rel)
                .is_none_or(|then| then.inode != now.inode || then.mtime_ns != now.mtime_ns)
        })
        .map(|(rel, _)| rel.clone())
        .collect()
}

/// Paths whose bytes differ between two looks (or that are new).
fn changed(before: &BTreeMap<PathBuf, Seen>, after: &BTreeMap<PathBuf, Seen>) -> Vec<PathBuf> {
    after
        .iter()
        .filter(|(rel, now)| before.get(*rel).is_none_or(|then| then.bytes != now.bytes))
        .map(|(rel, _)| rel.clone())
        .collect()
}

/// Moves a file's modification time by a nanosecond: its inputs change, its
/// "Senest ændret" date does not.
fn nudge_mtime(path: &Path) {
    let modified = fs::metadata(path).unwrap().modified().unwrap();
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(modified + Duration::from_nanos(1))
        .unwrap();
}

#[test]
fn an_unchanged_rebuild_touches_no_file() {
    let dir = fixture("kommune");
    let out = dir.path().join("public");
    build_in(dir.path(), &[]).success();
    let first = look(&out);
    let marker = fs::read(out.join(MARKER)).unwrap();
    let run = build_in(dir.path(), &[]);
    run.success();
    assert!(
        run.stdout.contains("the output was up to date"),
        "{}",
        run.stdout
    );
    assert_eq!(first, look(&out), "nothing may change, not even ctime");
    assert_eq!(marker, fs::read(out.join(MARKER)).unwrap());
}

#[test]
fn a_rebuild_with_changed_inputs_and_the_same_output_keeps_every_file() {
    let dir = fixture("kommune");
    let out = dir.path().join("public");
    build_in(dir.path(), &[]).success();
    let first = look(&out);
    // Every input is read again, and every output file compared.
    nudge_mtime(&dir.path().join("content/roller/projektleder.md"));
    let run = build_in(dir.path(), &[]);
    run.success();
    assert!(
        run.stdout.contains(&format!(
            "0 files written, {} unchanged, 0 removed",
            first.len()
        )),
        "{}",
        run.stdout
    );
    let second = look(&out);
    assert_eq!(touched(&first, &second), Vec::<PathBuf>::new());
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    // The marker now holds the new inputs: the next build does nothing.
    assert!(build_in(dir.path(), &[]).stdout.contains("up to date"));
}

#[test]
fn a_one_page_edit_rewrites_only_the_files_whose_bytes_change() {
    let dir = fixture("kommune");
    let out = dir.path().join("public");
    build_in(dir.path(), &[]).success();
    let before = look(&out);
    let page = dir.path().join("content/kom-godt-i-gang/organisering.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(
        &page,
        format!("{text}\nEt nyt afsnit om styregruppens møder.\n"),
    )
    .unwrap();
    build_in(dir.path(), &[]).success();
    let after = look(&out);
    let rewritten = touched(&before, &after);
    assert_eq!(
        rewritten,
        changed(&before, &after),
        "rewritten but the same bytes"
    );
    assert!(rewritten.contains(&PathBuf::from("kom-godt-i-gang/organisering/index.html")));
    assert!(rewritten.contains(&PathBuf::from("print/index.html")));
    assert!(
        rewritten.len() < 15,
        "a one-paragraph edit rewrote {} files: {rewritten:?}",
        rewritten.len()
    );
    for (rel, seen) in &after {
        if !rewritten.contains(rel) {
            assert_eq!(seen.inode, before[rel].inode, "{}", rel.display());
        }
    }
}

#[test]
fn a_page_no_longer_produced_disappears_and_the_rest_stays() {
    let dir = fixture("kommune");
    let out = dir.path().join("public");
    build_in(dir.path(), &[]).success();
    let before = look(&out);
    fs::remove_file(dir.path().join("content/kom-godt-i-gang/gevinster.md")).unwrap();
    let run = build_in(dir.path(), &[]);
    run.success();
    let after = look(&out);
    let gone = Path::new("kom-godt-i-gang/gevinster/index.html");
    assert!(before.contains_key(gone));
    assert!(!after.contains_key(gone));
    assert!(
        !out.join("kom-godt-i-gang/gevinster").exists(),
        "its folder is gone too"
    );
    assert!(!run.stdout.contains(" 0 removed"), "{}", run.stdout);
    // The files whose bytes stayed the same were kept, the others rewritten.
    assert_eq!(touched(&before, &after), changed(&before, &after));
    assert!(
        changed(&before, &after).len() < after.len(),
        "nothing was kept"
    );
    // Nothing is left beside the output.
    let leftovers = leftovers(dir.path());
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_exactly_as_it_was() {
    let dir = fixture("kommune");
    let out = dir.path().join("public");
    build_in(dir.path(), &[]).success();
    let before = look(&out);
    let marker = fs::read(out.join(MARKER)).unwrap();
    // A content error: a link to a role that does not exist.
    let page = dir.path().join("content/kom-godt-i-gang/organisering.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, format!("{text}\nSe [](rolle:findes-ikke).\n")).unwrap();
    let run = build_in(dir.path(), &[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("previous output was left as it was"),
        "{}",
        run.stderr
    );
    assert_eq!(before, look(&out), "bytes, inodes, mtimes and ctimes");
    assert_eq!(marker, fs::read(out.join(MARKER)).unwrap());
    // Under --strict a warning fails the build the same way.
    fs::write(&page, &text).unwrap();
    write(
        dir.path(),
        "content/kladde.md",
        "---\ntitle: Kladde\nstatus: draft\n---\n\nUdkast.\n",
    );
    write(
        dir.path(),
        "content/om-kladden.md",
        "---\ntitle: Om kladden\n---\n\nSe [](side:kladde).\n",
    );
    build_in(dir.path(), &["--strict"]).expect_code(1);
    assert_eq!(before, look(&out));
}

#[test]
fn a_reader_of_the_output_always_finds_a_whole_site() {
    let dir = fixture("kommune");
    let out = dir.path().join("public");
    build_in(dir.path(), &[]).success();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let page = dir.path().join("content/om-haandbogen.md");
    let text = fs::read_to_string(&page).unwrap();
    std::thread::scope(|s| {
        let reader = s.spawn(|| {
            let mut looks = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let front = fs::read_to_string(out.join("index.html")).expect("front page");
                assert!(
                    front.trim_end().ends_with("</html>"),
                    "a half-written front page"
                );
                assert!(out.join("om-haandbogen/index.html").is_file());
                looks += 1;
            }
            looks
        });
        for k in 0..6 {
            fs::write(&page, format!("{text}\nÆndring {k}.\n")).unwrap();
            build_in(dir.path(), &[]).success();
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(reader.join().unwrap() > 0);
    });
}
