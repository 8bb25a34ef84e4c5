//! The go-live planner: `/opgaver/` with every dated item, the role plans,
//! week inheritance, `build --go-live` / `go_live.date` with dates printed in
//! the HTML and the calendar files and task lists written beside the plans.

use std::fs;
use std::path::Path;

use icalendar::{Component, DatePerhapsTime};

use crate::common::*;

/// The konsulent's plan in the kommune fixture, in week order: the activities
/// it is responsible for or involved in, the courses it holds, the meetings
/// it takes part in (no milestone: its phases have none).
const KONSULENT_PLAN: [&str; 7] = [
    "Afhold opstartsmøde",
    "Møde: Opstart af projektet",
    "Introduktion til Borgerportalen",
    "Superbrugerkursus",
    "Gennemfør superbrugeruddannelse",
    "Workshop: Superbrugere",
    "Evaluer de første uger",
];

/// The row of the plan table that holds `title` (the table, not the page's
/// navigation or reading-guide bars, which may name the same page).
fn plan_row<'a>(html: &'a str, title: &str) -> &'a str {
    let table = &html[html.find("<tr class=\"plan__raekke").expect("a plan table")..];
    row_with(table, &format!(">{title}</a>"))
}

/// The kommune fixture built with `--go-live 2017-06-12` (a Monday, ISO week 24).
fn dated_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = fixture("kommune");
    let out = dir.path().join("public");
    build_in(dir.path(), &["--go-live", "2017-06-12"]).success();
    (dir, out)
}

/// The events of a calendar file, parsed by a calendar library: (uid, start, end exclusive, summary).
fn events(path: &Path) -> Vec<(String, String, String, String)> {
    let text = read(path);
    let calendar: icalendar::Calendar = text.parse().expect("a valid calendar file");
    let day = |d: Option<DatePerhapsTime>| match d {
        Some(DatePerhapsTime::Date(d)) => d.to_string(),
        other => panic!("not an all-day date: {other:?}"),
    };
    calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .map(|e| {
            (
                e.get_uid().unwrap_or_default().to_string(),
                day(e.get_start()),
                day(e.get_end()),
                e.get_summary().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn task_list_has_every_activity_course_milestone_and_meeting_in_week_order() {
    let html = read(kommune_site().join("opgaver/index.html"));
    let rows: Vec<&str> = html.split("<tr class=\"plan__raekke").skip(1).collect();
    // 5 activities, 3 courses, 3 milestones (2 in Forberedelse, 1 in Drift), 2 guide meetings.
    assert_eq!(rows.len(), 13, "{}", strip_tags(article(&html)));
    for (kind, n) in [
        ("aktivitet", 5),
        ("kursus", 3),
        ("milepael", 3),
        ("moede", 2),
    ] {
        assert_eq!(
            rows.iter()
                .filter(|r| r.starts_with(&format!(" plan__raekke--{kind}\"")))
                .count(),
            n,
            "{kind}"
        );
    }
    // Sorted by first week, then by length.
    let firsts: Vec<i64> = rows
        .iter()
        .map(|r| attr_values(r, "data-week")[0].parse().unwrap())
        .collect();
    let mut sorted = firsts.clone();
    sorted.sort();
    assert_eq!(firsts, sorted);
    let milestone = plan_row(&html, "Projektstart");
    let meeting = plan_row(&html, "Møde: Opstart af projektet");
    assert!(
        html.find(milestone).unwrap() < html.find(meeting).unwrap(),
        "the one-week milestone before the meeting that spans Planlægning"
    );
    // A meeting spans its phases, marked as taken from them.
    assert!(
        meeting.contains("data-week=\"-12\" data-week-to=\"-7\""),
        "{meeting}"
    );
    assert!(meeting.contains("fasernes uger"), "{meeting}");
    // Filters name every role, workstream, category and phase; the count is a live region.
    for option in [
        "value=\"konsulent\"",
        "value=\"teknik\"",
        "value=\"kritisk\"",
        "value=\"klargoering\"",
    ] {
        assert!(html.contains(option), "{option}");
    }
    assert!(html.contains("role=\"status\">13 opgaver</p>"));
    // Every role's plan is linked.
    for role in ["projektleder", "konsulent", "superbruger"] {
        assert!(
            html.contains(&format!("href=\"../opgaver/{role}/\"")),
            "{role}"
        );
    }
}

#[test]
fn every_role_has_a_plan_linked_from_its_page_and_the_role_tables() {
    let site = kommune_site();
    let plan = read(site.join("opgaver/konsulent/index.html"));
    assert!(plan.contains("<title>Plan for Leverandørkonsulent – Portalhåndbogen</title>"));
    assert!(plan.contains(">Plan for Leverandørkonsulent</h1>"));
    let titles: Vec<String> = plan
        .split("<tr class=\"plan__raekke")
        .skip(1)
        .map(|r| {
            let th = &r[r.find("<th scope=\"row\">").unwrap()..];
            strip_tags(&th[..th.find("</th>").unwrap()])
        })
        .collect();
    assert_eq!(titles.len(), KONSULENT_PLAN.len(), "{titles:?}");
    for (title, want) in titles.iter().zip(KONSULENT_PLAN) {
        assert!(title.contains(want), "{title} / {want}");
    }
    // How the role takes part.
    assert!(plan_row(&plan, "Superbrugerkursus").contains(">Underviser</td>"));
    assert!(plan_row(&plan, "Workshop: Superbrugere").contains(">Deltager: Facilitator</td>"));
    assert!(plan_row(&plan, "Evaluer de første uger").contains(">Involveret</td>"));
    // The projektleder has the milestones of Forberedelse, where it has a responsibility.
    let leader = read(site.join("opgaver/projektleder/index.html"));
    assert!(plan_row(&leader, "Klar til idriftsættelse").contains("Ansvar i fasen: Ejer planen"));
    // Linked from the role page and from the role table of a phase.
    let role = read(site.join("roller/konsulent/index.html"));
    assert!(role.contains("href=\"../../opgaver/konsulent/\">Plan for Leverandørkonsulent</a>"));
    let phase = read(site.join("faser/klargoering/index.html"));
    assert!(phase.contains(
        "href=\"../../opgaver/konsulent/\" aria-label=\"Plan for Leverandørkonsulent\">Plan</a>"
    ));
    assert!(broken_links(site).is_empty(), "{:?}", broken_links(site));
    // Without a go-live date no calendar file is written.
    assert!(!site.join("opgaver/plan.ics").exists());
    assert!(!site.join("opgaver/konsulent/plan.ics").exists());
}

#[test]
fn activities_without_weeks_take_their_phase_s_and_phases_their_parent_s() {
    let dir = mini_handbook();
    let root = dir.path();
    write(
        root,
        "content/faser/start.md",
        "---\ntitle: Start\nphase: 1\nweeks: { from: -4, to: -1 }\nactivities:\n  - title: Hold møde\n    responsible: projektleder\n---\n\nStarten.\n",
    );
    write(
        root,
        "content/faser/del.md",
        "---\ntitle: Del\nparent: start\nactivities:\n  - title: Lav delen\n    responsible: projektleder\n  - title: Med egen uge\n    week: -9\n    responsible: projektleder\n---\n\nEn underfase uden uger.\n",
    );
    write(
        root,
        "content/faser/slut.md",
        "---\ntitle: Slut\nphase: 2\n---\n\nIngen uger.\n",
    );
    write(
        root,
        "content/faser/slut-a.md",
        "---\ntitle: Slut A\nparent: slut\nweeks: { from: 0, to: 2 }\n---\n\nA.\n",
    );
    write(
        root,
        "content/faser/slut-b.md",
        "---\ntitle: Slut B\nparent: slut\nweeks: { from: 5 }\nactivities:\n  - title: Følg op\n    responsible: projektleder\n---\n\nB.\n",
    );
    write(
        root,
        "content/faser/slut-c.md",
        "---\ntitle: Slut C\nparent: slut\nactivities:\n  - title: Afslut\n    responsible: projektleder\n---\n\nC.\n",
    );
    build_in(root, &["--strict"]).success();
    let html = read(root.join("public/opgaver/index.html"));
    let weeks = |title: &str| {
        let row = plan_row(&html, title);
        let span = &row[row.find("<span class=\"uge\"").expect(row)..];
        span[..span.find('>').unwrap()].to_string()
    };
    assert!(weeks("Hold møde").contains("data-week=\"-4\" data-week-to=\"-1\""));
    // A sub-phase without weeks takes its parent's.
    assert!(weeks("Lav delen").contains("data-week=\"-4\" data-week-to=\"-1\""));
    assert!(weeks("Med egen uge").contains("data-week=\"-9\""));
    assert!(!plan_row(&html, "Med egen uge").contains("fasens uger"));
    assert!(plan_row(&html, "Lav delen").contains("fasens uger"));
    // A phase without weeks or parent spans its sub-phases; open at the end here.
    assert!(weeks("Afslut").contains("data-week=\"0\" data-week-open=\"end\""));
    assert!(weeks("Følg op").contains("data-week=\"5\" data-week-open=\"end\""));
    // Sorted by first week: -9, -4 (length 3) ..., then 0, 5.
    let order: Vec<usize> = ["Med egen uge", "Hold møde", "Afslut", "Følg op"]
        .iter()
        .map(|t| html.find(&format!(">{t}</a>")).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // The phase page shows the inherited weeks too.
    let phase = read(root.join("public/faser/del/index.html"));
    assert!(row_with(&phase, "Lav delen").contains("data-week=\"-4\" data-week-to=\"-1\""));
}

#[test]
fn go_live_prints_dates_and_writes_calendar_files() {
    let (_dir, out) = dated_site();
    let plan = read(out.join("opgaver/index.html"));
    // "uge -9 · 10.–14. april 2017": Monday to Friday with the ISO week.
    let row = plan_row(&plan, "Gennemfør superbrugeruddannelse");
    assert!(
        row.contains(
            "Uge -6 til -4<span class=\"uge__dato\"> · 1.–19. maj 2017 (uge 18–20)</span>"
        ),
        "{row}"
    );
    assert!(
        plan.contains("Datoerne regner fra Go-live for Borgerportalen 12. juni 2017 (uge 24).")
    );
    // Every week on every page carries its dates (SVG charts aside, described by lists that do).
    for file in html_files(&out) {
        let html = read(&file);
        for (k, _) in html.match_indices("<span class=\"uge\" data-week=") {
            // The first end tag closes the dates inside the week's span.
            let span = &html[k..k + html[k..].find("</span>").unwrap()];
            assert!(span.contains("uge__dato"), "{}: {span}", file.display());
        }
    }
    let klargoering = read(out.join("faser/klargoering/index.html"));
    assert!(
        klargoering
            .contains("Uge -2<span class=\"uge__dato\"> · 29. maj – 2. juni 2017 (uge 22)</span>")
    );
    let phases = read(out.join("faser/index.html"));
    assert!(phases.contains("Uge 0<span class=\"uge__dato\"> · 12.–16. juni 2017 (uge 24)</span>"));

    // The whole plan as a calendar: one all-day event per dated item.
    let all = events(&out.join("opgaver/plan.ics"));
    assert_eq!(all.len(), 13);
    let course = all
        .iter()
        .find(|e| e.3 == "Superbrugerkursus")
        .expect("the course");
    assert_eq!(
        (course.1.as_str(), course.2.as_str()),
        ("2017-05-01", "2017-05-13")
    );
    assert_eq!(
        course.0,
        "kursus-superbrugere-superbrugerkursus@portalhaandbogen"
    );
    let drift = all
        .iter()
        .find(|e| e.3 == "Evaluer de første uger")
        .unwrap();
    assert_eq!(
        (drift.1.as_str(), drift.2.as_str()),
        ("2017-07-10", "2017-07-15")
    );

    // A role's plan: exactly its items, on the right dates.
    let konsulent = events(&out.join("opgaver/konsulent/plan.ics"));
    let summaries: Vec<&str> = konsulent.iter().map(|e| e.3.as_str()).collect();
    assert_eq!(summaries, KONSULENT_PLAN);
    let meeting = &konsulent[1];
    assert_eq!(
        (meeting.1.as_str(), meeting.2.as_str()),
        ("2017-03-20", "2017-04-29")
    );
    let raw = read(out.join("opgaver/konsulent/plan.ics"));
    assert!(raw.contains("X-WR-CALNAME:Leverandørkonsulent – Portalhåndbogen\r\n"));
    assert!(
        raw.contains("DESCRIPTION:Aktivitet · Uge -12\\nAnsvarlig: Projektleder\\nInvolveret:")
    );

    // The task list: BOM, semicolons, the columns, dates of the week range.
    let csv = read(out.join("opgaver/konsulent/plan.csv"));
    assert!(csv.starts_with(
        "\u{feff}Uge;Fra;Til;Titel;Type;Kategori;Ansvarlig;Involveret;Fase;Tema;Opgave-id;Adresse\r\n"
    ));
    assert!(csv.contains(
        "Uge -12;2017-03-20;2017-03-24;Afhold opstartsmøde;Aktivitet;Kritisk vej;Projektleder;Leverandørkonsulent;Planlægning;Organisation og ledelse;P-01;\r\n"
    ), "{csv}");
    // The static files are linked for readers without JavaScript.
    assert!(plan.contains("<a href=\"../opgaver/plan.ics\" download>Hent kalender (.ics)</a>"));
}

/// The kommune fixture with `go_live.date` in its handbook.yaml; returns the new config.
fn with_go_live_date(root: &Path, date: &str) -> String {
    let config = read(root.join("handbook.yaml")).replace(
        "  title: Go-live for Borgerportalen\n",
        &format!("  title: Go-live for Borgerportalen\n  date: {date}\n"),
    );
    write(root, "handbook.yaml", &config);
    config
}

#[test]
fn go_live_date_in_handbook_yaml_and_the_flag_override() {
    let dir = fixture("kommune");
    let root = dir.path();
    with_go_live_date(root, "2021-01-06");
    build_in(root, &["--base-url", "https://example.org/portal/"]).success();
    let html = read(root.join("public/faser/forberedelse/index.html"));
    // Week -1 of a go-live on Wednesday 6 January 2021: ISO week 53 of 2020.
    assert!(
        html.contains(
            "Uge -1<span class=\"uge__dato\"> · 28. december 2020 – 1. januar 2021 (uge 53)</span>"
        ),
        "{}",
        strip_tags(article(&html))
    );
    let ics = read(root.join("public/opgaver/plan.ics"));
    assert!(
        ics.replace("\r\n ", "").contains(
            "URL:https://example.org/portal/faser/klargoering/#superbrugeruddannelse\r\n"
        )
    );
    fs::remove_dir_all(root.join("public")).unwrap();
    build_in(root, &["--go-live", "2017-06-12"]).success();
    let html = read(root.join("public/faser/forberedelse/index.html"));
    assert!(html.contains("Uge -1<span class=\"uge__dato\"> · 5.–9. juni 2017 (uge 23)</span>"));
}

#[test]
fn a_bad_go_live_date_is_an_error() {
    let dir = fixture("kommune");
    let root = dir.path();
    let config = with_go_live_date(root, "2017-02-30");
    let failed = build_in(root, &[]);
    failed.expect_code(1);
    let d = expect_error(
        &failed,
        "handbook.yaml",
        line_of(&config, "date: 2017"),
        "'date' in 'go_live' must be a date like 2017-06-12, found '2017-02-30'",
    );
    assert_eq!(d.help, ["write the go-live date as YYYY-MM-DD"]);
    let usage = run(root, &["build", "--go-live", "12.06.2017"]);
    usage.expect_code(2);
    assert!(
        usage
            .stderr
            .contains("'12.06.2017' is not a date like 2017-06-12"),
        "{}",
        usage.stderr
    );
}
