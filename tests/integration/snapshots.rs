//! The exact standard error of `handbook check` for every kind of content
//! error and warning, as insta snapshots (`tests/integration/snapshots/`), so
//! the wording, the positions and the underlined source lines cannot get
//! worse unnoticed. Each case breaks the mini handbook in one way.
//! After an intended change: `INSTA_UPDATE=always cargo test --test integration snapshots`
//! (or `cargo insta review`), then read the diff.

use crate::common::{MINI_CONFIG, check_in, mini_handbook, write};

/// A page of the mini handbook's typed folders with the given front matter lines.
fn page(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n\n{body}\n")
}

/// Files written into the mini handbook: path and bytes.
type Files = Vec<(&'static str, Vec<u8>)>;

/// The cases: a name and the files that break the mini handbook.
fn cases() -> Vec<(&'static str, Files)> {
    let text = |s: &str| s.as_bytes().to_vec();
    let side = |front: &str, body: &str| text(&page(front, body));
    let config = |extra: &str| text(&format!("{MINI_CONFIG}{extra}"));
    vec![
        (
            "yaml_syntax",
            vec![(
                "content/side.md",
                side("title: Side\nsummary: Det er: forkert", "Tekst."),
            )],
        ),
        (
            "yaml_too_deep",
            vec![(
                "content/side.md",
                side(
                    &format!("title: Side\nextra: {}{}", "[".repeat(20), "]".repeat(20)),
                    "Tekst.",
                ),
            )],
        ),
        (
            "not_utf8",
            vec![(
                "content/side.md",
                b"---\ntitle: Side\nsummary: caf\xe9\n---\n\nTekst.\n".to_vec(),
            )],
        ),
        (
            "front_matter_not_closed",
            vec![("content/side.md", text("---\ntitle: Side\n\nTekst.\n"))],
        ),
        (
            "no_front_matter",
            vec![("content/side.md", text("# Side\n\nTekst.\n"))],
        ),
        (
            "front_matter_not_a_mapping",
            vec![("content/side.md", side("- title\n- order", "Tekst."))],
        ),
        (
            "missing_key",
            vec![("content/side.md", side("summary: Ingen titel.", "Tekst."))],
        ),
        (
            "empty_value",
            vec![("content/side.md", side("title: \"\"", "Tekst."))],
        ),
        (
            "string_found_number",
            vec![(
                "content/side.md",
                side("title: Side\nplanned_for: 2.0", "Tekst."),
            )],
        ),
        (
            "string_found_list",
            vec![("content/side.md", side("title: [Side]", "Tekst."))],
        ),
        (
            "number_found_string",
            vec![(
                "content/side.md",
                side("title: Side\norder: først", "Tekst."),
            )],
        ),
        (
            "number_too_big",
            vec![(
                "content/side.md",
                side("title: Side\norder: 99999999999999999999999", "Tekst."),
            )],
        ),
        (
            "bool_found_string",
            vec![("handbook.yaml", config("numbered: ja\n"))],
        ),
        (
            "list_found_mapping",
            vec![(
                "content/side.md",
                side("title: Side\naudiences: { leder: ja }", "Tekst."),
            )],
        ),
        (
            "value_not_allowed",
            vec![(
                "content/side.md",
                side("title: Side\nstatus: udgivet", "Tekst."),
            )],
        ),
        (
            "unknown_key",
            vec![(
                "content/roller/raadgiver.md",
                side(
                    "title: Rådgiver\norganisation: kommune\ntypical_holdr: En konsulent",
                    "Tekst.",
                ),
            )],
        ),
        (
            "unknown_key_extra",
            vec![("content/side.md", side("title: Side\nfarve: blå", "Tekst."))],
        ),
        (
            "unknown_key_cut_at_comma",
            vec![(
                "content/faser/start.md",
                side(
                    "title: Start\nphase: 1\nmilestones:\n  - { title: Kickoff, første møde, week: -4 }",
                    "Tekst.",
                ),
            )],
        ),
        (
            "id_not_a_slug",
            vec![(
                "content/roller/raadgiver.md",
                side(
                    "title: Rådgiver\nid: Rådgiver KY\norganisation: kommune",
                    "Tekst.",
                ),
            )],
        ),
        (
            "duplicate_config_id",
            vec![(
                "handbook.yaml",
                text(&MINI_CONFIG.replace(
                    "  - { id: drift, title: Drift }\n",
                    "  - { id: drift, title: Drift }\n  - { id: drift, title: Drift igen }\n",
                )),
            )],
        ),
        (
            "config_id_not_a_slug",
            vec![(
                "handbook.yaml",
                text(
                    &MINI_CONFIG
                        .replace("{ id: drift, title: Drift }", "{ id: Drift, title: Drift }"),
                ),
            )],
        ),
        (
            "release_date",
            vec![(
                "handbook.yaml",
                config("releases:\n  - { version: \"1.0\", date: 21.09.2016 }\n"),
            )],
        ),
        (
            "release_date_not_in_calendar",
            vec![(
                "handbook.yaml",
                config("releases:\n  - { version: \"1.0\", date: 2016-02-31 }\n"),
            )],
        ),
        (
            "release_without_snapshot",
            vec![(
                "handbook.yaml",
                config("releases:\n  - { version: \"1.0\", date: 2016-09-21 }\n"),
            )],
        ),
        (
            "snapshot_without_release",
            vec![
                ("versions/1.0/handbook.yaml", text(MINI_CONFIG)),
                (
                    "versions/1.0/content/index.md",
                    side("title: Forside", "Velkommen."),
                ),
            ],
        ),
        (
            "agenda_minutes",
            vec![(
                "content/vejledninger/moede.md",
                side(
                    "title: Møde\nagenda:\n  - { minutes: 2000, item: Velkomst }",
                    "Tekst.",
                ),
            )],
        ),
        (
            "week_out_of_range",
            vec![(
                "content/faser/start.md",
                side(
                    "title: Start\nphase: 1\nweeks: { from: -600, to: -1 }",
                    "Tekst.",
                ),
            )],
        ),
        (
            "week_and_weeks",
            vec![(
                "content/faser/start.md",
                side(
                    "title: Start\nphase: 1\nweeks: { from: -4, to: -1 }\nactivities:\n  - title: Hold møde\n    week: -4\n    weeks: { from: -4, to: -3 }",
                    "Tekst.",
                ),
            )],
        ),
        (
            "weeks_without_ends",
            vec![(
                "content/faser/start.md",
                side("title: Start\nphase: 1\nweeks: {}", "Tekst."),
            )],
        ),
        (
            "weeks_backwards",
            vec![(
                "content/faser/start.md",
                side(
                    "title: Start\nphase: 1\nweeks: { from: -1, to: -4 }",
                    "Tekst.",
                ),
            )],
        ),
        (
            "unknown_role",
            vec![(
                "content/side.md",
                side("title: Side", "Se [](rolle:projektleer)."),
            )],
        ),
        (
            "unknown_phase",
            vec![(
                "content/vejledninger/moede.md",
                side(
                    "title: Møde\nphases: [strat]\nroles:\n  - { role: projektleder, part: Mødeleder }\ntemplates: [plan]",
                    "Tekst.",
                ),
            )],
        ),
        (
            "unknown_guide_and_template",
            vec![(
                "content/side.md",
                side(
                    "title: Side",
                    "Se [](vejledning:moedet) og [](skabelon:planen).",
                ),
            )],
        ),
        (
            "unknown_training_plan",
            vec![(
                "content/side.md",
                side("title: Side", "Se [](uddannelse:kursus)."),
            )],
        ),
        (
            "unknown_page",
            vec![(
                "content/side.md",
                side("title: Side", "Se [](side:forsid)."),
            )],
        ),
        (
            "unknown_reading_guide",
            vec![(
                "content/side.md",
                side("title: Side", "Se [](laesevejledning:ledr)."),
            )],
        ),
        (
            "unknown_link_type",
            vec![(
                "content/side.md",
                side("title: Side", "Se [](roller:projektleder)."),
            )],
        ),
        (
            "ambiguous_page",
            vec![
                ("content/a/om.md", side("title: Om A", "A.")),
                ("content/b/om.md", side("title: Om B", "B.")),
                ("content/side.md", side("title: Side", "Se [](side:om).")),
            ],
        ),
        (
            "draft_link",
            vec![
                (
                    "content/udkast.md",
                    side("title: Udkast\nstatus: draft", "Udkast."),
                ),
                (
                    "content/side.md",
                    side("title: Side", "Se [](side:udkast)."),
                ),
            ],
        ),
        (
            "missing_anchor",
            vec![(
                "content/side.md",
                side(
                    "title: Side",
                    "## Findes\n\nSe [x](rolle:projektleder#findes-ikke).",
                ),
            )],
        ),
        (
            "link_without_destination",
            vec![("content/side.md", side("title: Side", "Se [x](<>)."))],
        ),
        (
            "link_leaves_content",
            vec![(
                "content/side.md",
                side("title: Side", "Se [x](../../hemmelig.txt)."),
            )],
        ),
        (
            "link_to_missing_markdown",
            vec![(
                "content/side.md",
                side("title: Side", "Se [x](mangler.md)."),
            )],
        ),
        (
            "link_to_nothing",
            vec![(
                "content/side.md",
                side("title: Side", "Se [x](billeder/kort.png) og [y](a%1é.md)."),
            )],
        ),
        (
            "image_without_alt",
            vec![
                ("content/side.md", side("title: Side", "![](plan.png)")),
                ("content/plan.png", vec![0x89, b'P', b'N', b'G']),
            ],
        ),
        (
            "read_not_typed",
            vec![(
                "content/laesevejledninger/leder.md",
                side("title: For ledere\nread: [projektleder]", "Intro."),
            )],
        ),
        (
            "reading_guide_not_audience",
            vec![(
                "content/laesevejledninger/chef.md",
                side("title: For chefer", "Intro."),
            )],
        ),
        (
            "alias_of_existing_page",
            vec![(
                "content/side.md",
                side("title: Side\naliases: [/roller/projektleder/]", "Tekst."),
            )],
        ),
        (
            "alias_twice",
            vec![
                ("content/a.md", side("title: A\naliases: [/gammel/]", "A.")),
                ("content/b.md", side("title: B\naliases: [/gammel/]", "B.")),
            ],
        ),
        (
            "parent_cycle",
            vec![(
                "content/faser/start.md",
                side(
                    "title: Start\nphase: 1\nparent: start\nweeks: { from: -4, to: -1 }",
                    "Tekst.",
                ),
            )],
        ),
        (
            "duplicate_activity",
            vec![(
                "content/faser/start.md",
                side(
                    "title: Start\nphase: 1\nweeks: { from: -4, to: -1 }\nactivities:\n  - { title: Møde, week: -4 }\n  - { title: Møde, week: -3 }",
                    "Tekst.",
                ),
            )],
        ),
        (
            "duration_mismatch",
            vec![(
                "content/vejledninger/moede.md",
                side(
                    "title: Møde\nduration_minutes: 45\nagenda:\n  - { minutes: 10, item: Velkomst }",
                    "Tekst.",
                ),
            )],
        ),
        (
            "template_file_missing",
            vec![(
                "content/skabeloner/plan.md",
                side("title: Plan\nfile: plan.xlsx", "Tekst."),
            )],
        ),
        (
            "duplicate_page_id",
            vec![(
                "content/roller/a.md",
                side("title: A\nid: projektleder\norganisation: kommune", "A."),
            )],
        ),
        (
            "file_over_generated_page",
            vec![("content/sitemap.xml", text("<urlset/>"))],
        ),
        (
            "unknown_organisation_workstream_audience",
            vec![
                (
                    "content/roller/raadgiver.md",
                    side(
                        "title: Rådgiver\norganisation: komune\naudiences: [ledr]",
                        "Tekst.",
                    ),
                ),
                (
                    "content/skabeloner/plan.md",
                    side("title: Plan\nfile: plan.csv\nworkstream: drfit", "Tekst."),
                ),
            ],
        ),
        (
            "theme_not_found",
            vec![("handbook.yaml", config("theme: mit-tema\n"))],
        ),
        (
            "template_error",
            vec![(
                "themes/default/templates/page.html",
                text(
                    "{% extends \"base.html\" %}\n{% block main %}{{ page.title | ukendt_filter }}{% endblock %}\n",
                ),
            )],
        ),
        (
            "string_table_not_a_mapping",
            vec![("themes/default/strings/da.yaml", text("- en\n- liste\n"))],
        ),
        (
            "config_not_utf8",
            vec![(
                "handbook.yaml",
                [MINI_CONFIG.as_bytes(), b"publisher: K\xf8benhavn\n"].concat(),
            )],
        ),
        (
            "broken_role_is_reported_once",
            vec![(
                "content/roller/projektleder.md",
                side(
                    "title: Projektleder\norganisation: kommune\nresponsibilities: [Leder projektet",
                    "Leder.",
                ),
            )],
        ),
    ]
}

/// Snapshots named by their case only, without the expression.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

#[test]
fn stderr_of_every_error_kind() {
    settings().bind(|| {
        for (name, files) in cases() {
            let dir = mini_handbook();
            for (rel, bytes) in &files {
                write(dir.path(), rel, bytes);
            }
            let run = check_in(dir.path(), &[]);
            let described = format!("exit code {}\n{}", run.code, run.stderr);
            insta::assert_snapshot!(name, described);
        }
    });
}

#[test]
fn github_actions_get_annotations() {
    let dir = mini_handbook();
    write(
        dir.path(),
        "content/side.md",
        page("title: Side\norganisation: x", "Se [](rolle:projektleer)."),
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["check", "--root", "."])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("GITHUB_ACTIONS", "true")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    settings().bind(|| insta::assert_snapshot!("github_actions", stderr));
}

#[test]
fn stderr_of_unreadable_folders() {
    // No content folder at all.
    let dir = mini_handbook();
    std::fs::remove_dir_all(dir.path().join("content")).unwrap();
    let run = check_in(dir.path(), &[]);
    let no_content = format!("exit code {}\n{}", run.code, run.stderr);
    settings().bind(|| insta::assert_snapshot!("no_content_folder", no_content));
    // A folder that contains itself through a symbolic link.
    #[cfg(unix)]
    {
        let dir = mini_handbook();
        std::os::unix::fs::symlink("..", dir.path().join("content/roller/sløjfe")).unwrap();
        let run = check_in(dir.path(), &[]);
        let walk_loop = format!("exit code {}\n{}", run.code, run.stderr);
        settings().bind(|| insta::assert_snapshot!("folder_loop", walk_loop));
    }
}
