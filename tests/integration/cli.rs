//! The command line: `init`, `new`, output-folder safety, `--help`, exit codes.

use std::fs;

use crate::common::*;

#[test]
fn init_creates_a_handbook_that_builds_strict_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["init", "hb"]).success();
    let hb = tmp.path().join("hb");
    assert!(hb.join("handbook.yaml").is_file());
    assert!(hb.join("content/index.md").is_file());
    let build = run(tmp.path(), &["build", "--root", "hb", "--strict"]);
    build.success();
    assert!(
        !build.stderr.contains("warning") && !build.stderr.contains("error"),
        "no diagnostics:\n{}",
        build.stderr
    );
    assert!(hb.join("public/index.html").is_file());
    let problems = broken_links(&hb.join("public"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // One page of each type.
    for folder in [
        "faser",
        "roller",
        "vejledninger",
        "skabeloner",
        "uddannelsesplaner",
    ] {
        let has_page = fs::read_dir(hb.join("content").join(folder))
            .unwrap()
            .any(|e| e.unwrap().path().extension().is_some_and(|x| x == "md"));
        assert!(has_page, "init writes a page in {folder}/");
    }
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "hb/notes.txt", "mine");
    run(tmp.path(), &["init", "hb"]).expect_code(2);
    assert_eq!(read(tmp.path().join("hb/notes.txt")), "mine");
    assert!(!tmp.path().join("hb/handbook.yaml").exists());
}

#[test]
fn new_creates_a_slugged_page_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["init", "hb"]).success();
    let hb = tmp.path().join("hb");
    run(&hb, &["new", "rolle", "Lokal KY-træner"]).success();
    let path = hb.join("content/roller/lokal-ky-traener.md");
    let first = read(&path);
    assert!(first.starts_with("---\n"), "{first}");
    assert!(first.contains("title: Lokal KY-træner"), "{first}");

    fs::write(&path, format!("{first}\nMin egen tekst.\n")).unwrap();
    let edited = read(&path);
    let again = run(&hb, &["new", "rolle", "Lokal KY-træner"]);
    again.expect_code(2);
    assert!(
        again.stderr.contains("lokal-ky-traener.md"),
        "{}",
        again.stderr
    );
    assert_eq!(read(&path), edited, "the existing page is untouched");

    // The new page is a valid page of its type.
    run(&hb, &["build", "--strict"]).success();
    assert!(
        hb.join("public/roller/lokal-ky-traener/index.html")
            .is_file()
    );
}

#[test]
fn new_puts_each_type_in_its_folder() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["init", "hb"]).success();
    let hb = tmp.path().join("hb");
    for (kind, title, rel) in [
        ("fase", "Klargøring", "content/faser/klargoering.md"),
        (
            "vejledning",
            "Workshop: Løsningslab",
            "content/vejledninger/workshop-loesningslab.md",
        ),
        ("skabelon", "Tjekliste", "content/skabeloner/tjekliste.md"),
        (
            "uddannelse",
            "Uddannelse af trænere",
            "content/uddannelsesplaner/uddannelse-af-traenere.md",
        ),
        ("side", "Om projektet", "content/om-projektet.md"),
    ] {
        run(&hb, &["new", kind, title, "--root", "."]).success();
        let text = read(hb.join(rel));
        assert!(text.contains("title:"), "{rel}: {text}");
        assert!(text.contains(title), "{rel}: the title is kept: {text}");
    }
}

#[test]
fn out_inside_content_is_refused_and_nothing_is_written() {
    let dir = mini_handbook();
    let before = snapshot(dir.path());
    for out in ["content/site", "content", ".", "themes/x", "static"] {
        let run = build_in(dir.path(), &["--out", out]);
        run.expect_code(2);
        assert!(run.stderr.contains("error"), "{out}: {}", run.stderr);
        assert_eq!(snapshot(dir.path()), before, "{out}: nothing written");
    }
}

#[test]
fn out_folder_with_foreign_files_is_refused() {
    let dir = mini_handbook();
    let out = tempfile::tempdir().unwrap();
    write(out.path(), "mine.txt", "keep me");
    let run = build_in(dir.path(), &["--out", out.path().to_str().unwrap()]);
    run.expect_code(2);
    assert_eq!(read(out.path().join("mine.txt")), "keep me");
    assert!(!out.path().join("index.html").exists());
}

#[test]
fn help_of_every_command_has_an_example() {
    let tmp = tempfile::tempdir().unwrap();
    for cmd in ["build", "check", "new", "init"] {
        let help = run(tmp.path(), &[cmd, "--help"]);
        help.success();
        assert!(
            help.stdout.to_lowercase().contains("example"),
            "`handbook {cmd} --help` shows an example:\n{}",
            help.stdout
        );
        assert!(
            help.stdout.contains(&format!("handbook {cmd}")),
            "{}",
            help.stdout
        );
    }
    let top = run(tmp.path(), &["--help"]);
    top.success();
    for cmd in ["build", "check", "new", "init"] {
        assert!(top.stdout.contains(cmd), "{}", top.stdout);
    }
}

#[test]
fn no_handbook_yaml_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        &["build"][..],
        &["build", "--root", "."],
        &["check"],
        &["new", "rolle", "Projektleder"],
    ] {
        let run = run(tmp.path(), args);
        run.expect_code(2);
        assert!(
            run.stderr.contains("handbook.yaml"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert!(
        fs::read_dir(tmp.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn unknown_command_or_option_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["bygg"]).expect_code(2);
    run(tmp.path(), &["build", "--strikt"]).expect_code(2);
    run(tmp.path(), &["new", "person", "X"]).expect_code(2);
}
