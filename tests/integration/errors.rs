//! Bad input: every kind of content error is reported as
//! `path:line:col: error: message` at the line of the offending key or link in
//! the file (not in the front-matter block), with a `help:` line where a near
//! match exists; one run reports them all; a failed build leaves the previous
//! output as it was.

use std::fs;

use tempfile::TempDir;

use crate::common::*;

/// The mini handbook with `files` added or replaced, built with `build`.
fn broken(files: &[(&str, &str)]) -> (TempDir, Run) {
    let dir = mini_handbook();
    for (rel, text) in files {
        write(dir.path(), rel, text);
    }
    let run = build_in(dir.path(), &[]);
    (dir, run)
}

/// Asserts a failed run (exit 1, nothing written) with an error at the line
/// of `marker` in `text` (the content of `path`) whose message names `name`.
#[track_caller]
fn assert_error_at(run: &Run, path: &str, text: &str, marker: &str, name: &str) -> Diag {
    run.expect_code(1);
    expect_error(run, path, line_of(text, marker), name)
}

#[track_caller]
fn assert_help(d: &Diag, needle: &str) {
    assert!(
        d.help.iter().any(|h| h.contains(needle)),
        "`{d}` should have a help line mentioning {needle:?}, has {:?}",
        d.help
    );
}

#[test]
fn the_mini_handbook_is_valid() {
    let dir = mini_handbook();
    build_in(dir.path(), &["--strict"]).success();
}

#[test]
fn unknown_key_names_the_nearest_known_key() {
    let text = "---\ntitle: Rådgiver\norganisation: kommune\ntypical_holdr: En konsulent\n---\n\nRådgiveren.\n";
    let (_dir, run) = broken(&[("content/roller/raadgiver.md", text)]);
    let d = assert_error_at(
        &run,
        "content/roller/raadgiver.md",
        text,
        "typical_holdr",
        "typical_holdr",
    );
    assert_eq!(d.col, 1, "the column of the key");
    assert_help(&d, "typical_holder");
}

#[test]
fn unknown_key_in_a_nested_mapping() {
    let text = "---\ntitle: Drift\nphase: 2\nweeks: { from: 0, to: 4 }\nactivities:\n  - title: Følg op\n    week: 2\n    responsibel: projektleder\n---\n\nDrift.\n";
    let (_dir, run) = broken(&[("content/faser/drift.md", text)]);
    let d = assert_error_at(
        &run,
        "content/faser/drift.md",
        text,
        "responsibel",
        "responsibel",
    );
    assert_eq!(d.col, 5, "the column of the key");
    assert_help(&d, "responsible");
}

#[test]
fn unknown_key_in_handbook_yaml() {
    let config = format!("{MINI_CONFIG}numberd: true\n");
    let (_dir, run) = broken(&[("handbook.yaml", &config)]);
    let d = assert_error_at(&run, "handbook.yaml", &config, "numberd", "numberd");
    assert_help(&d, "numbered");
}

#[test]
fn missing_title_is_an_error_in_the_front_matter() {
    let text = "---\nsummary: Ingen titel her.\norder: 3\n---\n\nTekst.\n";
    let (_dir, run) = broken(&[("content/uden-titel.md", text)]);
    run.expect_code(1);
    let d = run
        .diags()
        .into_iter()
        .find(|d| d.path == "content/uden-titel.md" && d.message.contains("title"))
        .unwrap_or_else(|| panic!("no error about the title:\n{}", run.stderr));
    assert_eq!(d.level, "error");
    assert!((1..=4).contains(&d.line), "a line of the front matter: {d}");
}

#[test]
fn page_without_front_matter_is_an_error() {
    let text = "# Bare en overskrift\n\nIngen front matter.\n";
    let (_dir, run) = broken(&[("content/bar.md", text)]);
    run.expect_code(1);
    expect_error(&run, "content/bar.md", 1, "");
}

#[test]
fn wrong_type_order_not_a_number() {
    let text = "---\ntitle: Side\nsummary: Om noget.\norder: abc\n---\n\nTekst.\n";
    let (_dir, run) = broken(&[("content/side.md", text)]);
    assert_error_at(&run, "content/side.md", text, "order: abc", "order");
}

#[test]
fn wrong_type_weeks_not_a_range() {
    let text = "---\ntitle: Drift\nphase: 2\nsummary: Efter go-live.\nweeks: 5\n---\n\nDrift.\n";
    let (_dir, run) = broken(&[("content/faser/drift.md", text)]);
    assert_error_at(&run, "content/faser/drift.md", text, "weeks: 5", "weeks");
}

#[test]
fn wrong_type_phase_number_and_list() {
    let text = "---\ntitle: Drift\nphase: anden\nweeks: { from: 0, to: 4 }\nmilestones: Go-live\n---\n\nDrift.\n";
    let (_dir, run) = broken(&[("content/faser/drift.md", text)]);
    assert_error_at(
        &run,
        "content/faser/drift.md",
        text,
        "phase: anden",
        "phase",
    );
    expect_error(
        &run,
        "content/faser/drift.md",
        line_of(text, "milestones"),
        "milestones",
    );
}

#[test]
fn huge_number_is_an_error_not_a_crash() {
    let text =
        "---\ntitle: Stor\nsummary: Et stort tal.\norder: 99999999999999999999999\n---\n\nTekst.\n";
    let (_dir, run) = broken(&[("content/stor.md", text)]);
    assert_error_at(&run, "content/stor.md", text, "order:", "order");
    let text = "---\ntitle: Lang\nphase: 3\nweeks: { from: -99999999999999999999999, to: 1 }\n---\n\nTekst.\n";
    let (_dir, run) = broken(&[("content/faser/lang.md", text)]);
    assert_error_at(&run, "content/faser/lang.md", text, "weeks:", "from");
}

#[test]
fn value_outside_its_allowed_set() {
    let text = "---\ntitle: Drift\nphase: 2\nweeks: { from: 0, to: 4 }\nstatus: udgivet\nactivities:\n  - title: Følg op\n    week: 2\n    category: kritsk\n---\n\nDrift.\n";
    let (_dir, run) = broken(&[("content/faser/drift.md", text)]);
    assert_error_at(&run, "content/faser/drift.md", text, "status:", "udgivet");
    let d = expect_error(
        &run,
        "content/faser/drift.md",
        line_of(text, "kritsk"),
        "kritsk",
    );
    assert_help(&d, "kritisk");
}

#[test]
fn unknown_role_in_a_phase_role_table() {
    let text = "---\ntitle: Drift\nphase: 2\nweeks: { from: 0, to: 4 }\nroles:\n  - role: projektleer\n    responsibility: Følger op.\n---\n\nDrift.\n";
    let (_dir, run) = broken(&[("content/faser/drift.md", text)]);
    let d = assert_error_at(
        &run,
        "content/faser/drift.md",
        text,
        "projektleer",
        "projektleer",
    );
    assert_help(&d, "did you mean 'projektleder'");
}

#[test]
fn unknown_roles_of_an_activity() {
    let text = "---\ntitle: Drift\nphase: 2\nweeks: { from: 0, to: 4 }\nactivities:\n  - title: Følg op\n    week: 2\n    responsible: projektlder\n    involved: [superbruger]\n---\n\nDrift.\n";
    let (_dir, run) = broken(&[("content/faser/drift.md", text)]);
    let d = assert_error_at(
        &run,
        "content/faser/drift.md",
        text,
        "projektlder",
        "projektlder",
    );
    assert_help(&d, "projektleder");
    expect_error(
        &run,
        "content/faser/drift.md",
        line_of(text, "superbruger"),
        "superbruger",
    );
}

#[test]
fn unknown_phase_in_a_guide() {
    let text = "---\ntitle: Workshop\nkind: workshop\nsummary: En workshop.\nphases: [strat]\n---\n\nWorkshop.\n";
    let (_dir, run) = broken(&[("content/vejledninger/workshop.md", text)]);
    let d = assert_error_at(
        &run,
        "content/vejledninger/workshop.md",
        text,
        "strat",
        "strat",
    );
    assert_help(&d, "start");
}

#[test]
fn unknown_template_in_a_guide() {
    let text = "---\ntitle: Workshop\nsummary: En workshop.\nphases: [start]\ntemplates:\n  - plan\n  - plna\n---\n\nWorkshop.\n";
    let (_dir, run) = broken(&[("content/vejledninger/workshop.md", text)]);
    let d = assert_error_at(
        &run,
        "content/vejledninger/workshop.md",
        text,
        "plna",
        "plna",
    );
    assert_help(&d, "plan");
}

#[test]
fn unknown_guide_and_template_of_an_activity() {
    let text = "---\ntitle: Drift\nphase: 2\nweeks: { from: 0, to: 4 }\nactivities:\n  - title: Følg op\n    week: 2\n    responsible: projektleder\n    guide: moedet\n    templates: [planen]\n---\n\nDrift.\n";
    let (_dir, run) = broken(&[("content/faser/drift.md", text)]);
    let d = assert_error_at(&run, "content/faser/drift.md", text, "moedet", "moedet");
    assert_help(&d, "moede");
    expect_error(
        &run,
        "content/faser/drift.md",
        line_of(text, "planen"),
        "planen",
    );
}

#[test]
fn unknown_workstream() {
    let text = "---\ntitle: Drift\nphase: 2\nweeks: { from: 0, to: 4 }\nworkstreams: [drfit]\n---\n\nDrift.\n";
    let (_dir, run) = broken(&[("content/faser/drift.md", text)]);
    let d = assert_error_at(&run, "content/faser/drift.md", text, "drfit", "drfit");
    assert_help(&d, "drift");
}

#[test]
fn unknown_audience() {
    let text = "---\ntitle: Side\nsummary: Til lederne.\naudiences: [ledr]\n---\n\nTekst.\n";
    let (_dir, run) = broken(&[("content/side.md", text)]);
    let d = assert_error_at(&run, "content/side.md", text, "ledr", "ledr");
    assert_help(&d, "leder");
}

#[test]
fn unknown_organisation() {
    let text = "---\ntitle: Rådgiver\nsummary: Rådgiver kommunen.\norganisation: komune\n---\n\nRådgiveren.\n";
    let (_dir, run) = broken(&[("content/roller/raadgiver.md", text)]);
    let d = assert_error_at(
        &run,
        "content/roller/raadgiver.md",
        text,
        "komune",
        "komune",
    );
    assert_help(&d, "kommune");
}

#[test]
fn unknown_parent_phase() {
    let text = "---\ntitle: Underfase\nsummary: En del af starten.\nparent: strt\nweeks: { from: -4, to: -3 }\n---\n\nTekst.\n";
    let (_dir, run) = broken(&[("content/faser/underfase.md", text)]);
    let d = assert_error_at(&run, "content/faser/underfase.md", text, "strt", "strt");
    assert_help(&d, "start");
}

#[test]
fn unknown_roles_of_a_training_plan() {
    let text = "---\ntitle: Kursus\ntarget: lederen\ncourses:\n  - title: Intro\n    week: -2\n    held_by: underviser\n---\n\nKursus.\n";
    let (_dir, run) = broken(&[("content/uddannelsesplaner/kursus.md", text)]);
    assert_error_at(
        &run,
        "content/uddannelsesplaner/kursus.md",
        text,
        "lederen",
        "lederen",
    );
    expect_error(
        &run,
        "content/uddannelsesplaner/kursus.md",
        line_of(text, "underviser"),
        "underviser",
    );
}

#[test]
fn unknown_role_of_an_audience_in_handbook_yaml() {
    let config = MINI_CONFIG.replace(
        "  - { id: leder, title: Leder }\n",
        "  - id: leder\n    title: Leder\n    role: projektleer\n",
    );
    let (_dir, run) = broken(&[("handbook.yaml", &config)]);
    let d = assert_error_at(&run, "handbook.yaml", &config, "projektleer", "projektleer");
    assert_help(&d, "projektleder");
}

#[test]
fn duplicate_id_of_two_pages() {
    let a = "---\ntitle: Leder A\nid: leder\norganisation: kommune\n---\n\nA.\n";
    let b = "---\ntitle: Leder B\nid: leder\norganisation: kommune\n---\n\nB.\n";
    let (_dir, run) = broken(&[("content/roller/a.md", a), ("content/roller/b.md", b)]);
    run.expect_code(1);
    let d = run
        .diags()
        .into_iter()
        .find(|d| d.level == "error" && d.message.contains("leder"))
        .unwrap_or_else(|| panic!("no duplicate-id error:\n{}", run.stderr));
    assert!(
        d.path == "content/roller/a.md" || d.path == "content/roller/b.md",
        "{d}"
    );
    assert_eq!(d.line, 3, "the line of `id:`: {d}");
    let other = if d.path.ends_with("a.md") {
        "roller/b.md"
    } else {
        "roller/a.md"
    };
    assert!(
        run.stderr.contains(other),
        "names the other file:\n{}",
        run.stderr
    );
}

#[test]
fn same_id_in_two_types_is_fine() {
    // Ids are unique within their type: a role and a phase may share one.
    let (_dir, run) = broken(&[(
        "content/roller/start.md",
        "---\ntitle: Starter\norganisation: kommune\n---\n\nTekst.\n",
    )]);
    run.success();
}

#[test]
fn duplicate_id_in_handbook_yaml() {
    let config = MINI_CONFIG.replace(
        "  - { id: drift, title: Drift }\n",
        "  - { id: drift, title: Drift }\n  - { id: drift, title: Drift igen }\n",
    );
    let (_dir, run) = broken(&[("handbook.yaml", &config)]);
    run.expect_code(1);
    expect_error(
        &run,
        "handbook.yaml",
        line_of(&config, "Drift igen"),
        "drift",
    );
}

#[test]
fn missing_template_file() {
    let text =
        "---\ntitle: Tjekliste\nsummary: En tjekliste.\nfile: tjekliste.xlsx\n---\n\nTekst.\n";
    let (_dir, run) = broken(&[("content/skabeloner/tjekliste.md", text)]);
    assert_error_at(
        &run,
        "content/skabeloner/tjekliste.md",
        text,
        "file:",
        "tjekliste.xlsx",
    );
}

#[test]
fn typed_links_to_nothing_are_errors_at_the_link() {
    let text = "---\ntitle: Links\nsummary: Links til intet.\norder: 1\n---\n\nIndledning.\n\nSe [rollen](rolle:findes-ikke) her.\nOg [](fase:ukendt-fase).\nOg [x](vejledning:ukendt-vejledning).\nOg [x](skabelon:ukendt-skabelon).\nOg [x](uddannelse:ukendt-plan).\nOg [x](laesevejledning:ukendt-maalgruppe).\nOg [x](side:ukendt-side).\nOg [x](rolle:projektledr).\n";
    let (_dir, run) = broken(&[("content/links.md", text)]);
    run.expect_code(1);
    for name in [
        "findes-ikke",
        "ukendt-fase",
        "ukendt-vejledning",
        "ukendt-skabelon",
        "ukendt-plan",
        "ukendt-maalgruppe",
        "ukendt-side",
        "projektledr",
    ] {
        let (line, _) = pos_of(text, name);
        let d = expect_error(&run, "content/links.md", line, name);
        let link_start = text.lines().nth(line - 1).unwrap().find('[').unwrap() + 1;
        assert_eq!(d.col, link_start, "the column of the link: {d}");
    }
    let d = expect_error(
        &run,
        "content/links.md",
        line_of(text, "projektledr"),
        "projektledr",
    );
    assert_help(&d, "projektleder");
    let errors = run.diags().iter().filter(|d| d.level == "error").count();
    assert_eq!(errors, 8, "one error per link:\n{}", run.stderr);
}

#[test]
fn relative_md_link_to_nothing() {
    let text = "---\ntitle: Links\nsummary: Relative links.\n---\n\nSe [mangler](mangler.md).\n\nOg [rolle](roller/ingen.md) og [ok](roller/projektleder.md).\n";
    let (_dir, run) = broken(&[("content/links.md", text)]);
    run.expect_code(1);
    expect_error(
        &run,
        "content/links.md",
        line_of(text, "mangler.md"),
        "mangler.md",
    );
    expect_error(
        &run,
        "content/links.md",
        line_of(text, "ingen.md"),
        "ingen.md",
    );
    assert_eq!(
        run.diags().len(),
        2,
        "the good link is fine:\n{}",
        run.stderr
    );
}

#[test]
fn link_to_a_missing_anchor() {
    let text = "---\ntitle: Ankre\nsummary: Links med ankre.\n---\n\n## Findes\n\nSe [x](rolle:projektleder#findes-ikke).\n\nSe [y](#ingen-overskrift) og [z](#findes).\n\nSe [w](index.md#nope).\n";
    let (_dir, run) = broken(&[("content/ankre.md", text)]);
    run.expect_code(1);
    expect_error(
        &run,
        "content/ankre.md",
        line_of(text, "#findes-ikke"),
        "findes-ikke",
    );
    expect_error(
        &run,
        "content/ankre.md",
        line_of(text, "#ingen-overskrift"),
        "ingen-overskrift",
    );
    expect_error(&run, "content/ankre.md", line_of(text, "#nope"), "nope");
    assert_eq!(run.diags().len(), 3, "#findes exists:\n{}", run.stderr);
}

#[test]
fn read_list_of_a_reading_guide_is_checked() {
    let text = "---\ntitle: For ledere\nread:\n  - rolle:projektleder\n  - side:findes-ikke\n---\n\nIntro.\n";
    let (_dir, run) = broken(&[("content/laesevejledninger/leder.md", text)]);
    assert_error_at(
        &run,
        "content/laesevejledninger/leder.md",
        text,
        "side:findes-ikke",
        "findes-ikke",
    );
}

#[test]
fn reading_guide_for_an_unknown_audience() {
    let text = "---\ntitle: For chefer\n---\n\nIntro.\n";
    let (_dir, run) = broken(&[("content/laesevejledninger/chef.md", text)]);
    run.expect_code(1);
    assert!(
        run.diags()
            .iter()
            .any(|d| d.path == "content/laesevejledninger/chef.md" && d.message.contains("chef")),
        "{}",
        run.stderr
    );
}

#[test]
fn duration_minutes_that_disagrees_with_the_agenda() {
    let text = "---\ntitle: Møde 2\nsummary: Et møde.\nduration_minutes: 45\nagenda:\n  - { minutes: 10, item: Velkomst }\n  - { minutes: 20, item: Drøftelse }\n---\n\nMøde.\n";
    let (_dir, run) = broken(&[("content/vejledninger/moede-2.md", text)]);
    assert_error_at(
        &run,
        "content/vejledninger/moede-2.md",
        text,
        "duration_minutes",
        "duration_minutes",
    );
}

#[test]
fn image_without_alt_text_warns_and_fails_only_with_strict() {
    let text = "---\ntitle: Billeder\nsummary: Et billede.\n---\n\nTekst.\n\n![](billede.png)\n";
    let dir = mini_handbook();
    write(dir.path(), "content/billeder.md", text);
    write(dir.path(), "content/billede.png", [0x89, b'P', b'N', b'G']);
    let (line, col) = pos_of(text, "![](");

    let run = build_in(dir.path(), &[]);
    run.success();
    let d = expect_diag(&run, "warning", "content/billeder.md", line, "billede.png");
    assert_eq!(d.col, col);
    assert!(dir.path().join("public/billeder/index.html").is_file());

    let strict = build_in(dir.path(), &["--strict"]);
    strict.expect_code(1);
    expect_diag(
        &strict,
        "warning",
        "content/billeder.md",
        line,
        "billede.png",
    );
    check_in(dir.path(), &["--strict"]).expect_code(1);
    check_in(dir.path(), &[]).success();
}

#[test]
fn invalid_yaml_is_reported_at_its_file_line() {
    let text = "---\ntitle: Side\norder: 2\nsummary: Det er: forkert\n---\n\nTekst.\n";
    let (_dir, run) = broken(&[("content/side.md", text)]);
    run.expect_code(1);
    let d = expect_error(
        &run,
        "content/side.md",
        line_of(text, "Det er: forkert"),
        "",
    );
    assert!(d.message.to_lowercase().contains("yaml"), "{d}");

    let text = "---\ntitle: Side\naudiences: [leder\norder: 2\n---\n\nTekst.\n";
    let (_dir, run) = broken(&[("content/side.md", text)]);
    run.expect_code(1);
    let d = run
        .diags()
        .into_iter()
        .find(|d| d.path == "content/side.md")
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!((3..=5).contains(&d.line), "a line of the front matter: {d}");
}

#[test]
fn invalid_yaml_in_handbook_yaml() {
    let config = format!("{MINI_CONFIG}releases:\n  - {{ version: \"1.0\", date: 2023-01-01\n");
    let (_dir, run) = broken(&[("handbook.yaml", &config)]);
    run.expect_code(1);
    let d = run
        .diags()
        .into_iter()
        .find(|d| d.path == "handbook.yaml")
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(d.line >= line_of(&config, "releases:"), "{d}");
}

#[test]
fn non_utf8_file_is_reported_at_the_bad_byte() {
    let dir = mini_handbook();
    write(
        dir.path(),
        "content/latin1.md",
        b"---\ntitle: Side\nsummary: caf\xe9 au lait\n---\n\nTekst.\n",
    );
    let run = build_in(dir.path(), &[]);
    run.expect_code(1);
    let d = expect_error(&run, "content/latin1.md", 3, "UTF-8");
    assert_eq!(d.col, 13, "the column of the bad byte");
}

#[test]
fn crlf_does_not_shift_line_numbers() {
    let text = "---\r\ntitle: Windows\r\nsummary: Gemt i Windows.\r\nsumary: tastefejl\r\n---\r\n\r\nTekst.\r\n\r\nSe [x](rolle:ingen).\r\n";
    let (_dir, run) = broken(&[("content/windows.md", text)]);
    run.expect_code(1);
    let d = expect_error(&run, "content/windows.md", 4, "sumary");
    assert_help(&d, "summary");
    expect_error(&run, "content/windows.md", 9, "ingen");
    let bom = format!("\u{feff}{text}");
    let (_dir, run) = broken(&[("content/windows.md", &bom)]);
    expect_error(&run, "content/windows.md", 4, "sumary");
}

#[test]
fn empty_file_is_an_error() {
    let (_dir, run) = broken(&[("content/tom.md", "")]);
    run.expect_code(1);
    assert!(
        run.diags()
            .iter()
            .any(|d| d.path == "content/tom.md" && d.level == "error"),
        "{}",
        run.stderr
    );
}

#[test]
fn file_that_is_only_a_fence_is_an_error() {
    for text in ["---", "---\n", "---\ntitle: Uden slut\n\nTekst.\n"] {
        let (_dir, run) = broken(&[("content/streg.md", text)]);
        run.expect_code(1);
        let d = run
            .diags()
            .into_iter()
            .find(|d| d.path == "content/streg.md" && d.level == "error")
            .unwrap_or_else(|| panic!("{text:?}:\n{}", run.stderr));
        assert_eq!(d.line, 1, "{text:?}: {d}");
    }
}

#[test]
fn front_matter_that_is_a_list_is_an_error() {
    let text = "---\n- title\n- order\n---\n\nTekst.\n";
    let (_dir, run) = broken(&[("content/liste.md", text)]);
    run.expect_code(1);
    let d = expect_error(&run, "content/liste.md", 2, "");
    assert!(d.message.contains("mapping"), "{d}");
}

#[test]
fn every_error_of_a_run_is_reported_sorted_with_a_count() {
    let a = "---\ntitle: A\norganisation: komune\naka: [Anden]\ntypical_holdr: Nogen\n---\n\nA.\n";
    let b =
        "---\ntitle: B\nphase: 3\nweeks: { from: -2, to: -1 }\nworkstreams: [drfit]\n---\n\nB.\n";
    let (_dir, run) = broken(&[("content/roller/a.md", a), ("content/faser/b.md", b)]);
    run.expect_code(1);
    let found: Vec<(String, usize)> = run
        .diags()
        .into_iter()
        .filter(|d| d.level == "error")
        .map(|d| (d.path, d.line))
        .collect();
    assert_eq!(
        found,
        [
            ("content/faser/b.md".to_string(), 5),
            ("content/roller/a.md".to_string(), 3),
            ("content/roller/a.md".to_string(), 5),
        ],
        "all three, sorted by file then line:\n{}",
        run.stderr
    );
    let last = run.stderr.trim_end().lines().last().unwrap();
    assert!(last.contains("3 errors"), "a final count line: {last:?}");
}

#[test]
fn check_fails_the_same_way_and_writes_nothing() {
    let a =
        "---\ntitle: A\norganisation: komune\ntypical_holdr: Nogen\n---\n\nSe [x](rolle:ingen).\n";
    let (dir, build) = broken(&[("content/roller/a.md", a)]);
    build.expect_code(1);
    let check = check_in(dir.path(), &[]);
    check.expect_code(1);
    assert_eq!(check.diags(), build.diags(), "same diagnostics");
    assert_eq!(check.diags().len(), 3, "{}", check.stderr);
    assert!(check.stderr.contains("3 errors"));
    assert!(!dir.path().join("public").exists(), "nothing written");
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let dir = mini_handbook();
    build_in(dir.path(), &[]).success();
    let public = dir.path().join("public");
    let before = snapshot(&public);
    assert!(before.len() > 10);

    // Change a good page and break another: nothing of this run may land.
    write(
        dir.path(),
        "content/index.md",
        "---\ntitle: Ny forside\n---\n\nÆndret.\n",
    );
    write(
        dir.path(),
        "content/roller/projektleder.md",
        "---\ntitle: Projektleder\norganisation: komune\n---\n\nLeder.\n",
    );
    let run = build_in(dir.path(), &[]);
    run.expect_code(1);
    expect_error(&run, "content/roller/projektleder.md", 3, "komune");
    let after = snapshot(&public);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "same files"
    );
    for (path, bytes) in &before {
        assert!(after[path] == *bytes, "{} changed", path.display());
    }
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folders left: {leftovers:?}"
    );
}

#[test]
fn paths_are_printed_as_given_by_root() {
    let dir = mini_handbook();
    let parent = tempfile::tempdir().unwrap();
    let hb = parent.path().join("hb");
    copy_dir(dir.path(), &hb);
    let text = "---\ntitle: Side\nsummary: x\norder: abc\n---\n";
    write(&hb, "content/side.md", text);
    let run = run(parent.path(), &["build", "--root", "hb"]);
    run.expect_code(1);
    expect_error(&run, "hb/content/side.md", 4, "order");
}

#[test]
fn two_pages_with_the_same_url_are_an_error() {
    let a = "---\ntitle: Om håndbogen\n---\n\nA.\n";
    let (_dir, run) = broken(&[
        ("content/om-haandbogen.md", a),
        ("content/Om håndbogen.md", a),
    ]);
    run.expect_code(1);
    assert!(
        run.diags().iter().any(|d| d.level == "error"
            && (d.path == "content/om-haandbogen.md" || d.path == "content/Om håndbogen.md")),
        "{}",
        run.stderr
    );
}

#[test]
fn attachment_at_a_generated_path_is_an_error() {
    // content/sitemap.xml would be copied to public/sitemap.xml, where the
    // generated sitemap goes: one of them would be lost.
    let dir = mini_handbook();
    write(dir.path(), "content/sitemap.xml", "<urlset/>");
    let run = build_in(dir.path(), &[]);
    run.expect_code(1);
    assert!(
        run.diags()
            .iter()
            .any(|d| d.level == "error" && d.path == "content/sitemap.xml"),
        "{}",
        run.stderr
    );
}

#[test]
fn misspelled_typed_link_scheme_is_reported() {
    // `roller:` and `fse:` are near misses of `rolle:` and `fase:`; URL schemes
    // are case-insensitive, so `Rolle:` is `rolle:`. None may silently become a
    // dead link in the output. Real schemes stay as written.
    let text = "---\ntitle: Links\n---\n\nSe [a](roller:projektleder).\n\nSe [b](fse:start).\n\nSe [c](Rolle:ingen).\n\n[Mail](mailto:x@example.org), [tlf](tel:+4512345678), [web](https://example.org/).\n";
    let dir = mini_handbook();
    write(dir.path(), "content/links.md", text);
    let run = build_in(dir.path(), &["--strict"]);
    run.expect_code(1);
    for needle in ["roller:projektleder", "fse:start", "Rolle:ingen"] {
        let line = line_of(text, needle);
        assert!(
            run.diags()
                .iter()
                .any(|d| d.path == "content/links.md" && d.line == line),
            "no diagnostic for `{needle}` at line {line}:\n{}",
            run.stderr
        );
    }
    assert!(
        !run.diags()
            .iter()
            .any(|d| d.line == line_of(text, "mailto:")),
        "{}",
        run.stderr
    );
}

#[test]
fn non_utf8_handbook_yaml() {
    let dir = mini_handbook();
    write(
        dir.path(),
        "handbook.yaml",
        [
            MINI_CONFIG.as_bytes(),
            b"publisher: K\xf8benhavns Kommune\n",
        ]
        .concat(),
    );
    let run = build_in(dir.path(), &[]);
    run.expect_code(1);
    let d = expect_error(
        &run,
        "handbook.yaml",
        line_of(MINI_CONFIG, "audiences") + 2,
        "UTF-8",
    );
    assert_eq!(d.col, 13);
}

/// The errors of a check of the kommune fixture with `files` replaced.
fn kommune_errors(files: &[(&str, &str)]) -> (Run, Vec<Diag>) {
    let dir = fixture("kommune");
    for (rel, text) in files {
        write(dir.path(), rel, text);
    }
    let run = check_in(dir.path(), &[]);
    let errors = run.errors();
    (run, errors)
}

#[test]
fn one_broken_role_file_is_one_error() {
    // The role is named in phases, activities, guides, a training plan, links
    // and handbook.yaml; a YAML typo in its own file is still one error.
    let broken = "---\ntitle: Projektleder\norganisation: kommune\nresponsibilities: [Planlægger og følger op\n---\n\nLeder.\n";
    let (run, errors) = kommune_errors(&[("content/roller/projektleder.md", broken)]);
    run.expect_code(1);
    assert_eq!(errors.len(), 1, "one cause, one error:\n{}", run.stderr);
    assert_eq!(errors[0].path, "content/roller/projektleder.md");
    assert_eq!(errors[0].line, 4);
    // Without a title, a guide whose file name is not its id keeps the id it declares.
    let renamed = "---\nid: opstartsmoede\nsummary: [uafsluttet\n---\n\nTekst.\n";
    let (run, errors) = kommune_errors(&[
        ("content/vejledninger/opstartsmoede.md", ""),
        ("content/vejledninger/moede-om-opstart.md", renamed),
    ]);
    let ours: Vec<_> = errors
        .iter()
        .filter(|d| d.path != "content/vejledninger/opstartsmoede.md")
        .collect();
    assert_eq!(ours.len(), 1, "{}", run.stderr);
}

#[test]
fn every_kind_of_unreadable_page_is_one_error() {
    for broken in [
        "".as_bytes(),
        b"---\ntitle: Projektleder\n",
        b"# Projektleder\n",
        b"---\n- en liste\n---\n",
        b"---\norganisation: kommune\n---\n\nUden titel.\n",
        b"---\ntitle: Projektleder\nsummary: caf\xe9\n---\n",
    ] {
        let dir = fixture("kommune");
        write(dir.path(), "content/roller/projektleder.md", broken);
        let run = check_in(dir.path(), &[]);
        let errors = run.errors();
        assert_eq!(
            errors.len(),
            1,
            "{:?}: one error:\n{}",
            String::from_utf8_lossy(broken),
            run.stderr
        );
    }
}

#[test]
fn a_broken_handbook_yaml_entry_is_one_error() {
    let dir = fixture("kommune");
    let config = read(dir.path().join("handbook.yaml"));
    // An organisation without a title, a workstream that is a bare word, an
    // audience whose id is not a slug: each is reported once, and the pages
    // that use them are not reported too.
    let broken = config
        .replace(
            "  - { id: kommune, title: Kommunale roller }",
            "  - { id: kommune, titel: Kommunale roller }",
        )
        .replace(
            "  - id: organisation\n",
            "  - organisation\n  - id: organisation-x\n",
        )
        .replace("  - id: projektleder\n", "  - id: Projektleder\n");
    write(dir.path(), "handbook.yaml", &broken);
    let run = check_in(dir.path(), &[]);
    let errors = run.errors();
    assert!(
        errors.iter().all(|d| d.path == "handbook.yaml"),
        "only handbook.yaml is reported:\n{}",
        run.stderr
    );
    assert_eq!(errors.len(), 3, "{}", run.stderr);
    // handbook.yaml that cannot be read at all: one error.
    write(dir.path(), "handbook.yaml", "title: [Borgerportalen\n");
    let run = check_in(dir.path(), &[]);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
}

/// A link in a heading or in an image's alt text is checked like any other
/// (resolve finds every link of a body once; render only looks them up),
/// and a good one is rendered to its page.
#[test]
fn links_in_headings_and_alt_texts_are_checked_and_rendered() {
    let text = "---\ntitle: Om\n---\n\n## Se [lederen](rolle:projektleder)\n\n## Og [ingen](rolle:ingen)\n\n![Et [kort](mangler.md)](plan.png)\n";
    let (dir, run) = broken(&[("content/om.md", text), ("content/plan.png", "png")]);
    assert_error_at(
        &run,
        "content/om.md",
        text,
        "rolle:ingen",
        "unknown role 'ingen'",
    );
    assert_error_at(&run, "content/om.md", text, "mangler.md", "mangler.md");
    write(
        dir.path(),
        "content/om.md",
        "---\ntitle: Om\n---\n\n## Se [lederen](rolle:projektleder)\n",
    );
    build_in(dir.path(), &[]).success();
    let html = read(dir.path().join("public/om/index.html"));
    assert!(
        html.contains("<a href=\"../roller/projektleder/\">lederen</a>"),
        "{}",
        article(&html)
    );
}
