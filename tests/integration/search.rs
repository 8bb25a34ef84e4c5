//! Search, measured with the site's own search script run in node
//! (`tests/search/`): the KY example and the spec fixture find the page a
//! reader wants among the first three results, and Danish queries
//! (compounds, typos, phrases, inflections, spellings) behave as documented
//! on a handbook made for it. Node is required, as for the browser tests.
//! (That the script analyses words exactly as the index does is a unit test
//! of `search::text`.)

use std::path::{Path, PathBuf};
use std::process::Command;

use super::common::*;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `node args...` in the repository; panics with its output on failure.
fn node(args: &[&str]) -> String {
    let out = Command::new("node")
        .args(args)
        .current_dir(repo())
        .output()
        .expect("node is needed for the search tests (as for scripts/browser-test.sh)");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "node {args:?} failed\n--- stdout\n{stdout}\n--- stderr\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Builds the handbook at `root` into a temporary folder.
fn built(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    run(
        repo(),
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            site.to_str().unwrap(),
        ],
    )
    .success();
    (out, site)
}

/// The figures of the first measurement with this search (see the closing
/// note of issue 13): hit@3 95.5 %, MRR 0.84 on the KY example.
#[test]
fn relevance_on_the_example() {
    let (_keep, site) = built(repo());
    let report = node(&[
        "tests/search/eval.mjs",
        site.to_str().unwrap(),
        "tests/search/queries.tsv",
        "--min-hit3",
        "0.95",
        "--min-mrr",
        "0.84",
        "--quiet",
    ]);
    println!("{report}");
}

#[test]
fn relevance_on_the_spec_fixture() {
    let (_keep, site) = built(&fixtures_dir().join("kommune"));
    node(&[
        "tests/search/eval.mjs",
        site.to_str().unwrap(),
        "tests/search/kommune.tsv",
        "--min-hit3",
        "1",
        "--quiet",
    ]);
}

#[test]
fn danish_queries_behave_as_documented() {
    node(&["tests/search/behaviour.mjs", env!("CARGO_BIN_EXE_handbook")]);
}
