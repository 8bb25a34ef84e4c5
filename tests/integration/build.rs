//! Successful builds of the kommune fixture (`tests/fixtures/kommune`), a
//! handbook written only against the content contract: every generated page,
//! cross-links both ways, reading guides, agenda times, attachments, planned
//! and draft pages, numbering, and a link check of the whole site.

use std::fs;
use std::path::Path;

use crate::common::*;

/// `public/<rel>` of the shared kommune build, as text.
#[track_caller]
fn page(rel: &str) -> String {
    let path = kommune_site().join(rel);
    assert!(path.is_file(), "{rel} was not generated");
    read(path)
}

#[test]
fn build_reports_success_without_diagnostics() {
    let dir = fixture("kommune");
    let run = build_in(dir.path(), &["--strict"]);
    run.success();
    assert!(
        run.diags().is_empty(),
        "a clean handbook gives no diagnostics:\n{}",
        run.stderr
    );
    assert!(dir.path().join("public/index.html").is_file());
}

#[test]
fn every_generated_page_of_the_spec_exists() {
    let site = kommune_site();
    for rel in [
        "index.html",
        "faser/index.html",
        "roller/index.html",
        "vejledninger/index.html",
        "skabeloner/index.html",
        "uddannelsesplaner/index.html",
        "laesevejledninger/index.html",
        "laesevejledninger/projektleder/index.html",
        "laesevejledninger/ledelse/index.html",
        "opgaver/index.html",
        "ansvarsmatrix/index.html",
        "versioner/index.html",
        "print/index.html",
        "404.html",
        "sitemap.xml",
        "feed.xml",
        // Written pages at their pretty URLs.
        "om-haandbogen/index.html",
        "kom-godt-i-gang/index.html",
        "kom-godt-i-gang/organisering/index.html",
        "kom-godt-i-gang/gevinster/index.html",
        "faser/forberedelse/index.html",
        "faser/planlaegning/index.html",
        "faser/klargoering/index.html",
        "faser/drift/index.html",
        "roller/projektleder/index.html",
        "roller/superbruger/index.html",
        "roller/konsulent/index.html",
        "vejledninger/opstartsmoede/index.html",
        "vejledninger/superbrugerworkshop/index.html",
        "skabeloner/projektplan/index.html",
        "skabeloner/deltagerliste/index.html",
        "uddannelsesplaner/superbrugere/index.html",
        // Aliases.
        "om/index.html",
        "gammel/introduktion.html",
        // Attachments at the same relative path.
        "skabeloner/projektplan.docx",
        "skabeloner/deltagerliste.csv",
        "kom-godt-i-gang/billeder/tidslinje.png",
    ] {
        assert!(site.join(rel).is_file(), "missing {rel}");
    }
    // Sources are not copied as attachments.
    assert!(!site.join("om-haandbogen.md").exists());
    assert!(!site.join("roller/projektleder.md").exists());
}

/// The key acceptance check: every relative link of every page leads to a
/// file of the site, and every fragment to an id on that page.
#[test]
fn every_internal_link_resolves() {
    let problems = broken_links(kommune_site());
    assert!(
        problems.is_empty(),
        "{} broken links:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_internal_link_resolves_with_drafts_and_base_url() {
    let dir = fixture("kommune");
    build_in(
        dir.path(),
        &["--drafts", "--base-url", "https://example.org/kommune/"],
    )
    .success();
    let problems = broken_links_below(&dir.path().join("public"), "/kommune/");
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn pages_are_accessible_html() {
    for file in html_files(kommune_site()) {
        let html = read(&file);
        let name = file
            .strip_prefix(kommune_site())
            .unwrap()
            .display()
            .to_string();
        assert!(html.starts_with("<!DOCTYPE html>"), "{name}: no doctype");
        assert!(html.contains("<html lang=\"da\""), "{name}: no lang=\"da\"");
        if is_redirect(&html) {
            continue;
        }
        let h1 = html.matches("<h1>").count() + html.matches("<h1 ").count();
        assert_eq!(h1, 1, "{name}: {h1} <h1> elements");
        // Every table header cell has a scope.
        let mut rest = html.as_str();
        while let Some(i) = rest.find("<th") {
            rest = &rest[i + 3..];
            if rest.starts_with('>') || rest.starts_with(' ') {
                let tag = &rest[..rest.find('>').unwrap()];
                assert!(tag.contains("scope="), "{name}: <th{tag}> without scope");
            }
        }
        // The first link of the body skips to the content, which exists.
        let body = &html[html.find("<body").expect("body")..];
        let first_link = &body[body.find("<a ").expect("a link")..];
        let href = attr_values(first_link, "href").remove(0);
        let target = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{name}: first link is not a skip link: {href}"));
        assert!(
            attr_values(&html, "id").iter().any(|i| i == target),
            "{name}: skip link target #{target} missing"
        );
    }
}

#[test]
fn element_ids_are_unique_on_every_page() {
    for file in html_files(kommune_site()) {
        let html = read(&file);
        let mut ids = attr_values(&html, "id");
        ids.sort();
        let dupes: Vec<_> = ids
            .windows(2)
            .filter(|w| w[0] == w[1])
            .map(|w| w[0].clone())
            .collect();
        assert!(
            dupes.is_empty(),
            "{}: duplicate ids {dupes:?}",
            file.strip_prefix(kommune_site()).unwrap().display()
        );
    }
}

#[test]
fn tables_have_table_headers_with_scope() {
    let html = page("faser/planlaegning/index.html");
    assert!(html.contains("<th scope=\"col\""), "column headers");
    assert!(html.contains("<th scope=\"row\""), "row headers");
}

#[test]
fn phase_page_shows_roles_activities_and_links_them() {
    let html = page("faser/planlaegning/index.html");
    let body = article(&html);
    // The role table links the role, with its responsibility.
    let row = row_with(body, "Leder planlægningen og indkalder til opstartsmødet.");
    assert!(row.contains("href=\"../../roller/projektleder/\""), "{row}");
    let row = row_with(body, "Rådgiver om tidsplanen.");
    assert!(row.contains("href=\"../../roller/konsulent/\""), "{row}");
    // Activities: week, category, responsible, involved, guide, templates.
    let row = row_with(body, "Afhold opstartsmøde");
    assert!(row.contains("data-week=\"-12\""), "{row}");
    assert!(row.to_lowercase().contains("kritisk"), "{row}");
    assert!(row.contains("P-01"), "task_ref: {row}");
    assert!(row.contains("href=\"../../roller/projektleder/\""), "{row}");
    assert!(row.contains("href=\"../../roller/konsulent/\""), "{row}");
    assert!(
        row.contains("href=\"../../vejledninger/opstartsmoede/\""),
        "{row}"
    );
    assert!(
        row.contains("href=\"../../skabeloner/projektplan/\""),
        "{row}"
    );
    let row = row_with(body, "Udpeg superbrugere");
    assert!(row.contains("data-week=\"-11\""), "{row}");
    assert!(row.contains("-9"), "{row}");
    assert!(row.to_lowercase().contains("obligatorisk"), "{row}");
    assert!(row.contains("href=\"../../roller/superbruger/\""), "{row}");
    // The phase's weeks, its parent, and the guides that belong to it.
    assert!(body.contains("data-week=\"-12\""));
    assert!(
        body.contains("href=\"../../faser/forberedelse/\""),
        "parent link"
    );
    assert!(body.contains("href=\"../../vejledninger/opstartsmoede/\""));
    // Activities carry an anchor (used by /opgaver/ and the matrix).
    assert!(html.contains("id=\"afhold-opstartsmoede\""));
    assert!(html.contains("id=\"udpeg-superbrugere\""));
}

#[test]
fn parent_phase_lists_its_sub_phases_and_milestones() {
    let html = page("faser/forberedelse/index.html");
    let body = article(&html);
    assert!(body.contains("href=\"../../faser/planlaegning/\""));
    assert!(body.contains("href=\"../../faser/klargoering/\""));
    let ms = row_with(body, "Projektstart");
    assert!(ms.contains("data-week=\"-12\""), "{ms}");
    let ms = row_with(body, "Klar til idriftsættelse");
    assert!(ms.contains("data-week=\"-1\""), "{ms}");
    // The sub-phases come in week order.
    let p = body.find("faser/planlaegning/").unwrap();
    let k = body.find("faser/klargoering/").unwrap();
    assert!(p < k, "Planlægning (week -12) before Klargøring (week -6)");
}

#[test]
fn role_page_lists_everything_the_role_takes_part_in() {
    let html = page("roller/projektleder/index.html");
    let body = article(&html);
    // Own front matter.
    assert!(body.contains("Kommunale roller"), "organisation title");
    assert!(body.contains("En erfaren projektleder fra fagområdet"));
    assert!(body.contains("Implementeringsansvarlig"), "aka");
    assert!(body.contains("Portalansvarlig"), "aka");
    assert!(body.contains("Rapporterer til styregruppen."));
    // Phases with the responsibility in each.
    let row = row_with(body, "Leder planlægningen og indkalder til opstartsmødet.");
    assert!(row.contains("href=\"../../faser/planlaegning/\""), "{row}");
    let row = row_with(body, "Ejer planen for hele forberedelsen.");
    assert!(row.contains("href=\"../../faser/forberedelse/\""), "{row}");
    // Activities responsible for or involved in, with week and category.
    let row = row_with(body, "Afhold opstartsmøde");
    assert!(row.contains("data-week=\"-12\""), "{row}");
    assert!(row.to_lowercase().contains("kritisk"), "{row}");
    assert!(
        row.contains("href=\"../../faser/planlaegning/#afhold-opstartsmoede\""),
        "{row}"
    );
    let row = row_with(body, "Evaluer de første uger");
    assert!(row.contains("data-week=\"4\""), "{row}");
    assert!(row.to_lowercase().contains("valgfri"), "{row}");
    // Guides with the part the role plays.
    let row = row_with(body, ">Møde: Opstart af projektet<");
    assert!(
        row.contains("href=\"../../vejledninger/opstartsmoede/\""),
        "{row}"
    );
    assert!(row.contains("Mødeleder"), "{row}");
    // Templates of those guides, and the reading guide of its audience.
    assert!(body.contains("href=\"../../skabeloner/projektplan/\""));
    assert!(body.contains("href=\"../../laesevejledninger/projektleder/\""));
}

#[test]
fn role_pages_list_training_plans_as_target_and_as_teacher() {
    let target = page("roller/superbruger/index.html");
    let body = article(&target);
    assert!(
        body.contains("href=\"../../uddannelsesplaner/superbrugere/\""),
        "the target group's page lists the plan"
    );
    let row = row_with(body, ">Workshop: Superbrugere<");
    assert!(row.contains("Deltager"), "{row}");
    assert!(body.contains("href=\"../../skabeloner/deltagerliste/\""));
    let row = row_with(body, "Udpeg superbrugere");
    assert!(
        row.contains("data-week=\"-11\""),
        "involved activity: {row}"
    );

    let teacher = page("roller/konsulent/index.html");
    let body = article(&teacher);
    assert!(
        body.contains("href=\"../../uddannelsesplaner/superbrugere/\""),
        "the teacher's page lists the plan"
    );
    assert!(body.contains("Leverandørens roller"));
    assert!(body.contains("Implementeringskonsulent"), "aka");
    // A role without a matching audience gets no reading-guide link.
    assert!(!body.contains("laesevejledninger/"));
}

#[test]
fn guide_agenda_has_running_start_times_and_total() {
    let html = page("vejledninger/opstartsmoede/index.html");
    let body = article(&html);
    let times: Vec<usize> = ["0:00", "0:15", "0:45"]
        .iter()
        .map(|t| {
            body.find(&format!(">{t}<"))
                .unwrap_or_else(|| panic!("start time {t} missing"))
        })
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] < w[1]),
        "start times in order"
    );
    assert!(body.contains(">1:05<"), "total of 15 + 30 + 20 minutes");
    let row = row_with(body, "Gennemgang af projektplanen");
    assert!(row.contains("0:15"), "{row}");
    assert!(row.contains("Godkendt projektplan"), "outcome: {row}");
    assert!(row.contains("Projektplan"), "materials: {row}");
    // Participants with their part, before and after, location, template download.
    let row = row_with(body, "Præsenterer tidsplanen");
    assert!(row.contains("href=\"../../roller/konsulent/\""), "{row}");
    assert!(body.contains("Projektlederen har udfyldt projektplanen."));
    assert!(body.contains("Projektlederen sender referat til styregruppen."));
    assert!(body.contains("Rådhuset, mødelokale 2"));
    assert!(body.contains("href=\"../../skabeloner/projektplan.docx\""));
    assert!(
        body.contains("href=\"../../faser/planlaegning/\""),
        "phase link"
    );

    let html = page("vejledninger/superbrugerworkshop/index.html");
    let body = article(&html);
    for t in ["0:00", "0:30", "1:30", "2:00"] {
        assert!(body.contains(&format!(">{t}<")), "{t} missing");
    }
}

#[test]
fn template_file_is_copied_byte_for_byte_with_size_and_uses() {
    let fixture = fixtures_dir().join("kommune/content/skabeloner");
    for name in ["projektplan.docx", "deltagerliste.csv"] {
        assert_eq!(
            fs::read(kommune_site().join("skabeloner").join(name)).unwrap(),
            fs::read(fixture.join(name)).unwrap(),
            "{name} is copied unchanged"
        );
    }
    assert_eq!(
        fs::read(kommune_site().join("kom-godt-i-gang/billeder/tidslinje.png")).unwrap(),
        fs::read(fixtures_dir().join("kommune/content/kom-godt-i-gang/billeder/tidslinje.png"))
            .unwrap()
    );

    let html = page("skabeloner/projektplan/index.html");
    let body = article(&html);
    assert!(
        body.contains("href=\"../../skabeloner/projektplan.docx\""),
        "download"
    );
    assert!(body.contains("Word"), "docx is offered as Word");
    assert!(
        [
            "1,5 kB",
            "1,5 KB",
            "1.5 kB",
            "1536 B",
            "1536 bytes",
            "1.536 bytes"
        ]
        .iter()
        .any(|s| body.contains(s)),
        "the size of the 1536-byte file is shown: {body}"
    );
    // Used in: the guide that lists it (and the activity).
    assert!(
        body.contains("href=\"../../vejledninger/opstartsmoede/\""),
        "used in"
    );

    let html = page("skabeloner/deltagerliste/index.html");
    let body = article(&html);
    assert!(body.contains("href=\"../../skabeloner/deltagerliste.csv\""));
    assert!(
        body.contains("84 B") || body.contains("84 bytes"),
        "size of the 84-byte csv"
    );
    assert!(body.contains("href=\"../../vejledninger/superbrugerworkshop/\""));

    let html = page("skabeloner/index.html");
    assert!(html.contains("href=\"../skabeloner/projektplan.docx\""));
    assert!(html.contains("href=\"../skabeloner/deltagerliste.csv\""));
}

#[test]
fn training_plan_shows_courses_with_weeks_and_teachers() {
    let html = page("uddannelsesplaner/superbrugere/index.html");
    let body = article(&html);
    assert!(
        body.contains("href=\"../../roller/superbruger/\""),
        "target group"
    );
    let row = row_with(body, "Introduktion til Borgerportalen");
    assert!(row.contains("e-learning"), "{row}");
    assert!(row.contains("2 timer"), "{row}");
    assert!(row.contains("data-week=\"-8\""), "{row}");
    assert!(
        row.contains("href=\"../../roller/konsulent/\""),
        "held_by: {row}"
    );
    let row = row_with(body, "Superbrugerkursus");
    assert!(row.contains("data-week=\"-6\""), "{row}");
    for text in [
        "Øvelser i testmiljøet",
        "Årligt opfølgningskursus",
        "Floor walk på go-live-dagen",
    ] {
        assert!(body.contains(text), "{text}");
    }
    let overview = page("uddannelsesplaner/index.html");
    let body = article(&overview);
    assert!(body.contains("href=\"../uddannelsesplaner/superbrugere/\""));
    // The timeline is in week order.
    let a = body.find("Introduktion til Borgerportalen").unwrap();
    let b = body.find("Superbrugerkursus").unwrap();
    let c = body.find("Erfaringsnetværk").unwrap();
    assert!(a < b && b < c, "timeline by week");
}

/// The `href`s of the list (`<ol>`/`<ul>`) around the first link to `first`.
fn list_around(html: &str, first: &str) -> Vec<String> {
    let at = html
        .find(&format!("href=\"{first}\""))
        .unwrap_or_else(|| panic!("no link to {first}"));
    let start = html[..at]
        .rfind("<ol")
        .into_iter()
        .chain(html[..at].rfind("<ul"))
        .max()
        .expect("link in a list");
    let end = ["</ol>", "</ul>"]
        .iter()
        .filter_map(|c| html[at..].find(c))
        .min()
        .unwrap()
        + at;
    hrefs_in_order(&html[start..end])
}

#[test]
fn reading_guide_lists_audience_pages_in_handbook_order() {
    let html = page("laesevejledninger/projektleder/index.html");
    let body = article(&html);
    // The chapters, sections and phases naming the audience are the steps, in
    // handbook order; each link opens the page in the guide (its bar is the target).
    assert_eq!(
        list_around(
            &body[body.find("class=\"laeseliste\"").unwrap() - 4..],
            "../../om-haandbogen/#laesevejledning-projektleder"
        ),
        [
            "../../om-haandbogen/#laesevejledning-projektleder",
            "../../kom-godt-i-gang/organisering/#laesevejledning-projektleder",
            "../../faser/planlaegning/#laesevejledning-projektleder",
        ],
        "pages naming the audience, in handbook order"
    );
    assert!(body.contains("Trin 1 af 3"), "{body}");
    assert!(body.contains("Læsetid ca. 1 min."), "{body}");
    // Roles and guides are for looking up, not steps.
    let lookup = element_by_id(body, "opslag").expect("Til opslag");
    assert!(lookup.contains("Til opslag"));
    let lookup = &body[body.find("id=\"opslag\"").unwrap()..];
    assert!(
        lookup.contains("href=\"../../roller/projektleder/\""),
        "{lookup}"
    );
    assert!(
        lookup.contains("href=\"../../vejledninger/opstartsmoede/\""),
        "{lookup}"
    );
    // Summaries are shown.
    assert!(body.contains("Kommunal projektleder"));
    // The guide on paper.
    assert!(body.contains("href=\"../../print/laesevejledning/projektleder/\""));
}

#[test]
fn reading_guide_read_list_fixes_selection_and_order() {
    let html = page("laesevejledninger/ledelse/index.html");
    let body = article(&html);
    assert!(
        body.contains("Som leder behøver du kun at læse tre sider."),
        "intro"
    );
    // The `read:` order; a phase step walks its sub-phases; the role is to look up.
    let steps = &body[body.find("class=\"laeseliste\"").unwrap()..];
    let steps = &steps[..steps.find("</section>").unwrap()];
    assert_eq!(
        hrefs_in_order(steps),
        [
            "../../om-haandbogen/#laesevejledning-ledelse",
            "../../faser/forberedelse/#laesevejledning-ledelse",
            "../../faser/planlaegning/#laesevejledning-ledelse",
            "../../faser/klargoering/#laesevejledning-ledelse",
        ],
        "the `read:` order, and only those pages"
    );
    assert!(steps.contains("Trin 2 af 2"), "{steps}");
    let lookup = &body[body.find("id=\"opslag\"").unwrap()..];
    assert!(lookup.contains("href=\"../../roller/projektleder/\""));
    assert!(
        !body.contains("href=\"../../kom-godt-i-gang/\""),
        "a page naming the audience but not in `read:` is left out"
    );
    // A sub-step's bar: where the reader is in the step.
    let sub = page("faser/klargoering/index.html");
    let bar = element_by_id(&sub, "laesevejledning-ledelse").unwrap();
    assert!(bar.contains("Trin 2 af 2 · afsnit 2 af 2"), "{bar}");
    let overview = page("laesevejledninger/index.html");
    assert!(overview.contains("href=\"../laesevejledninger/projektleder/\""));
    assert!(overview.contains("href=\"../laesevejledninger/ledelse/\""));
}

#[test]
fn planned_page_has_notice_and_is_listed_on_versions() {
    let html = page("kom-godt-i-gang/gevinster/index.html");
    assert!(
        article(&html).contains("forventes i version 2.1"),
        "planned notice with planned_for"
    );
    let versions = page("versioner/index.html");
    let row = row_with(&versions, "href=\"../kom-godt-i-gang/gevinster/\"");
    assert!(row.contains("2.1"), "{row}");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = kommune_site();
    assert!(
        !site.join("udkast").exists(),
        "draft page built without --drafts"
    );
    for file in html_files(site) {
        assert!(
            !read(&file).contains("Noter til næste version"),
            "{} mentions the draft",
            file.display()
        );
    }
    assert!(!read(site.join("sitemap.xml")).contains("udkast"));

    let dir = fixture("kommune");
    build_in(dir.path(), &["--drafts"]).success();
    let html = read(dir.path().join("public/udkast/index.html"));
    assert!(html.contains("Noter til næste version"));
    assert!(read(dir.path().join("public/print/index.html")).contains("Noter til næste version"));
}

#[test]
fn chapters_sections_and_headings_are_numbered() {
    let h1 = |rel: &str| {
        let html = page(rel);
        let start = html.find("<h1").unwrap();
        let end = html[start..].find("</h1>").unwrap() + start;
        strip_tags(&html[start..end])
    };
    assert_eq!(h1("om-haandbogen/index.html"), "1 Om håndbogen");
    assert_eq!(h1("kom-godt-i-gang/index.html"), "2 Kom godt i gang");
    assert_eq!(
        h1("kom-godt-i-gang/organisering/index.html"),
        "2.1 Organisering"
    );
    assert_eq!(h1("kom-godt-i-gang/gevinster/index.html"), "2.2 Gevinster");

    let heading = |rel: &str, id: &str| {
        let html = page(rel);
        strip_tags(element_by_id(&html, id).unwrap_or_else(|| panic!("no #{id} in {rel}")))
    };
    assert!(heading("om-haandbogen/index.html", "formaal").starts_with("1.1 Formål"));
    assert!(heading("om-haandbogen/index.html", "maalgruppe").starts_with("1.2 Målgruppe"));
    assert!(
        heading(
            "kom-godt-i-gang/organisering/index.html",
            "roller-i-projektet"
        )
        .starts_with("2.1.1 Roller i projektet")
    );
    assert!(
        heading("kom-godt-i-gang/organisering/index.html", "styregruppen")
            .starts_with("2.1.2 Styregruppen")
    );
}

#[test]
fn typed_links_resolve_and_empty_text_renders_the_title() {
    let html = page("om-haandbogen/index.html");
    let body = article(&html);
    let text = |href: &str| {
        let texts = link_texts(body, href);
        assert!(!texts.is_empty(), "no link to {href}");
        texts[0].clone()
    };
    assert_eq!(text("../roller/projektleder/"), "projektlederen");
    assert_eq!(text("../roller/superbruger/#ansvar"), "Superbruger");
    assert_eq!(text("../faser/planlaegning/"), "Planlægning");
    assert_eq!(
        text("../faser/klargoering/#aktiviteter"),
        "klargøringens aktiviteter"
    );
    assert_eq!(
        text("../vejledninger/opstartsmoede/#dagsorden"),
        "Møde: Opstart af projektet"
    );
    assert_eq!(
        text("../vejledninger/superbrugerworkshop/"),
        "Workshop: Superbrugere"
    );
    assert_eq!(text("../skabeloner/projektplan/"), "Projektplan");
    assert_eq!(
        text("../skabeloner/deltagerliste/#download"),
        "deltagerlisten"
    );
    assert_eq!(
        text("../uddannelsesplaner/superbrugere/#forloeb"),
        "Uddannelse af superbrugere"
    );
    assert_eq!(
        text("../laesevejledninger/ledelse/"),
        "Læsevejledning for ledelsen"
    );
    // A numbered chapter: its number and title.
    assert_eq!(text("../kom-godt-i-gang/"), "2 Kom godt i gang");
    assert_eq!(
        text("../kom-godt-i-gang/organisering/#roller-i-projektet"),
        "2.1 Organisering"
    );
    // A relative link to an attachment.
    assert_eq!(text("../skabeloner/projektplan.docx"), "projektplan.docx");
    // An in-page anchor still leads to the heading.
    assert!(body.contains("#maalgruppe\">målgruppen</a>"));

    let front = page("index.html");
    let body = article(&front);
    assert_eq!(link_texts(body, "faser/forberedelse/")[0], "Forberedelse");
    assert_eq!(link_texts(body, "faser/drift/")[0], "Drift");
    // A guide without an introduction is named after its audience, mid-sentence.
    assert_eq!(
        link_texts(body, "laesevejledninger/projektleder/")[0],
        "Læsevejledning for kommunal projektleder"
    );
    assert_eq!(link_texts(body, "om-haandbogen/")[0], "1 Om håndbogen");
}

#[test]
fn relative_md_links_and_captioned_images() {
    let html = page("kom-godt-i-gang/organisering/index.html");
    let body = article(&html);
    assert_eq!(
        link_texts(body, "../../kom-godt-i-gang/")[0],
        "kapitlets indledning"
    );
    assert_eq!(
        link_texts(body, "../../om-haandbogen/#maalgruppe")[0],
        "målgruppen"
    );
    assert!(!body.contains(".md\""), "no link to a .md source is left");
    let img = &body[body.find("<img").expect("an image")..];
    let img = &img[..img.find('>').unwrap()];
    assert_eq!(
        attr_values(img, "src"),
        ["../../kom-godt-i-gang/billeder/tidslinje.png"]
    );
    assert_eq!(attr_values(img, "alt"), ["Tidslinje for projektets faser"]);
    let figure = &body[body.find("<figure").expect("a captioned image is a figure")..];
    let caption = &figure[figure.find("<figcaption").expect("figcaption")..];
    assert!(
        strip_tags(&caption[..caption.find("</figcaption>").unwrap()])
            .contains("Figur 1: Projektets tidslinje")
    );
}

#[test]
fn aliases_redirect_to_the_page() {
    let site = kommune_site();
    for alias in ["om/index.html", "gammel/introduktion.html"] {
        let file = site.join(alias);
        let html = read(&file);
        let hrefs = attr_values(&html, "href");
        assert!(!hrefs.is_empty(), "{alias} links to the page");
        for href in hrefs {
            let (target, _) = resolve_href(site, &file, &href).unwrap().unwrap();
            assert_eq!(
                target,
                site.join("om-haandbogen/index.html"),
                "{alias}: {href}"
            );
        }
        assert!(html.contains("http-equiv=\"refresh\""), "{alias} redirects");
    }
}

#[test]
fn overview_pages_list_their_pages() {
    let phases = page("faser/index.html");
    let body = article(&phases);
    assert!(body.contains("Go-live for Borgerportalen"), "go_live title");
    for href in [
        "../faser/forberedelse/",
        "../faser/planlaegning/",
        "../faser/klargoering/",
        "../faser/drift/",
    ] {
        assert!(body.contains(&format!("href=\"{href}\"")), "{href}");
    }
    for text in [
        "Organisation og ledelse",
        "Uddannelse",
        "Teknik og data",
        "Projektstart",
        "Portalen går i luften",
    ] {
        assert!(body.contains(text), "{text}");
    }
    assert!(
        body.find("faser/forberedelse/").unwrap() < body.find("faser/drift/").unwrap(),
        "phase 1 before phase 2"
    );

    let roles = page("roller/index.html");
    let body = article(&roles);
    assert!(
        body.contains("Rollerne i projektet er grupperet efter organisation."),
        "intro"
    );
    let kommune = body.find("Kommunale roller").unwrap();
    let leverandoer = body.find("Leverandørens roller").unwrap();
    let pl = body.find("href=\"../roller/projektleder/\"").unwrap();
    let sb = body.find("href=\"../roller/superbruger/\"").unwrap();
    let ko = body.find("href=\"../roller/konsulent/\"").unwrap();
    assert!(kommune < pl && kommune < sb && pl < leverandoer && sb < leverandoer);
    assert!(
        leverandoer < ko,
        "roles grouped by organisation, in config order"
    );

    let guides = page("vejledninger/index.html");
    assert!(guides.contains("href=\"../vejledninger/opstartsmoede/\""));
    assert!(guides.contains("href=\"../vejledninger/superbrugerworkshop/\""));

    let matrix = page("ansvarsmatrix/index.html");
    let body = article(&matrix);
    let row = row_with(body, "href=\"../roller/superbruger/\"");
    assert!(
        row.contains("Tester portalen og træner kollegerne."),
        "{row}"
    );
    assert!(
        row.contains("Hjælper kollegerne i de første uger."),
        "{row}"
    );
    assert!(
        body.contains("href=\"../faser/klargoering/\""),
        "phase column"
    );
}

#[test]
fn task_list_has_every_activity_by_week() {
    let html = page("opgaver/index.html");
    let body = article(&html);
    let order: Vec<usize> = [
        "Afhold opstartsmøde",
        "Udpeg superbrugere",
        "Gennemfør superbrugeruddannelse",
        "Test integrationerne",
        "Evaluer de første uger",
    ]
    .iter()
    .map(|t| body.find(t).unwrap_or_else(|| panic!("{t} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "sorted by week");
    let row = row_with(body, "Test integrationerne");
    assert!(row.contains("data-week=\"-2\""), "{row}");
    assert!(
        row.contains("href=\"../faser/klargoering/#test-integrationerne\""),
        "{row}"
    );
}

#[test]
fn print_page_holds_the_whole_handbook() {
    let html = page("print/index.html");
    for title in [
        "Velkommen til Portalhåndbogen",
        "Om håndbogen",
        "Organisering",
        "Planlægning",
        "Leverandørkonsulent",
        "Møde: Opstart af projektet",
        "Projektplan",
        "Uddannelse af superbrugere",
        "Læsevejledning for ledelsen",
    ] {
        assert!(html.contains(title), "{title} on /print/");
    }
    let a = html.find("Om håndbogen").unwrap();
    let b = html.find("Leverandørkonsulent").unwrap();
    assert!(a < b, "handbook order");
}

#[test]
fn sitemap_feed_and_404() {
    let sitemap = page("sitemap.xml");
    assert!(sitemap.starts_with("<?xml"));
    for url in [
        "faser/planlaegning/",
        "roller/projektleder/",
        "laesevejledninger/ledelse/",
    ] {
        assert!(sitemap.contains(url), "{url} in sitemap");
    }
    let feed = page("feed.xml");
    assert!(feed.contains("<feed"), "an Atom feed");
    assert!(
        !feed.contains("<entry>"),
        "one entry per release, and none is released"
    );
    let not_found = page("404.html");
    assert!(not_found.contains("<h1"));
}

#[test]
fn base_url_makes_sitemap_and_feed_absolute() {
    let dir = fixture("kommune");
    build_in(dir.path(), &["--base-url", "https://example.org/kommune/"]).success();
    let public = dir.path().join("public");
    let sitemap = read(public.join("sitemap.xml"));
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    assert!(locs.len() > 20, "{sitemap}");
    for loc in locs {
        let rel = loc
            .strip_prefix("https://example.org/kommune/")
            .unwrap_or_else(|| panic!("{loc} is not below the base URL"));
        let file = if rel.is_empty() || rel.ends_with('/') {
            public.join(rel).join("index.html")
        } else {
            public.join(rel)
        };
        assert!(file.is_file(), "{loc} has no page");
    }
    let feed = read(public.join("feed.xml"));
    assert!(
        feed.contains("https://example.org/kommune/versioner/"),
        "{feed}"
    );
    // Pages keep relative links, so the site works from the sub-folder.
    let problems = broken_links_below(&public, "/kommune/");
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn weeks_carry_data_week_attributes() {
    for rel in [
        "faser/planlaegning/index.html",
        "opgaver/index.html",
        "faser/index.html",
        "uddannelsesplaner/superbrugere/index.html",
    ] {
        let html = page(rel);
        assert!(html.contains("data-week=\""), "{rel}");
        for value in attr_values(&html, "data-week") {
            assert!(value.parse::<i64>().is_ok(), "{rel}: data-week=\"{value}\"");
        }
    }
}

#[test]
fn builds_are_deterministic_and_replace_the_previous_output() {
    let dir = fixture("kommune");
    build_in(dir.path(), &[]).success();
    let first = snapshot(&dir.path().join("public"));
    build_in(dir.path(), &[]).success();
    let second = snapshot(&dir.path().join("public"));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(
            second[path] == *bytes,
            "{} differs between builds",
            path.display()
        );
    }
    // A page removed from the content disappears from the next build.
    fs::remove_file(dir.path().join("content/kom-godt-i-gang/gevinster.md")).unwrap();
    build_in(dir.path(), &[]).success();
    assert!(!dir.path().join("public/kom-godt-i-gang/gevinster").exists());
    // No staging folders are left next to the output.
    let leftovers = leftovers(dir.path());
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn check_validates_without_writing() {
    let dir = fixture("kommune");
    check_in(dir.path(), &["--strict"]).success();
    assert!(!dir.path().join("public").exists(), "check writes nothing");
}

#[test]
fn out_folder_outside_the_root_works() {
    let dir = fixture("kommune");
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    run(
        dir.path(),
        &["build", "--root", ".", "--out", site.to_str().unwrap()],
    )
    .success();
    assert!(site.join("index.html").is_file());
    assert!(!dir.path().join("public").exists());
}

/// A title with markup in front matter is text, everywhere it is shown.
#[test]
fn titles_and_summaries_are_escaped() {
    let dir = mini_handbook();
    write(
        dir.path(),
        "content/farlig.md",
        "---\ntitle: \"Brug <script>alert(1)</script> med omtanke\"\nsummary: \"Om <b>fed</b> tekst & \\\"citater\\\"\"\norder: 1\n---\n\nSe [](side:farlig).\n",
    );
    build_in(dir.path(), &[]).success();
    let public = dir.path().join("public");
    for file in html_files(&public) {
        let html = read(&file);
        assert!(
            !html.contains("<script>alert(1)"),
            "{}: unescaped title",
            file.display()
        );
        assert!(
            !html.contains("<b>fed</b>"),
            "{}: unescaped summary",
            file.display()
        );
    }
    let html = read(public.join("farlig/index.html"));
    assert!(
        html.contains("&lt;script&gt;alert(1)"),
        "title shown as text"
    );
    assert!(html.contains("&lt;b&gt;fed"), "summary shown as text");
    let h1 = &html[html.find("<h1").unwrap()..];
    assert!(
        strip_tags(&h1[..h1.find("</h1>").unwrap()])
            .contains("Brug <script>alert(1)</script> med omtanke")
    );
    // In the navigation of another page too.
    assert!(read(public.join("index.html")).contains("&lt;script&gt;"));
}

#[test]
fn anchor_to_a_generated_section_exists_on_the_target() {
    // `#uddannelse` is a section of a role page, but this role has no training
    // plan: the link must either be rejected or lead to an existing id.
    let dir = mini_handbook();
    write(
        dir.path(),
        "content/om.md",
        "---\ntitle: Om\n---\n\nSe [uddannelsen](rolle:projektleder#uddannelse) og [faserne](rolle:projektleder#faser).\n",
    );
    let run = build_in(dir.path(), &[]);
    if run.code == 0 {
        let problems = broken_links(&dir.path().join("public"));
        assert!(
            problems.is_empty(),
            "the build accepted the links, so the anchors must exist:\n{}",
            problems.join("\n")
        );
    } else {
        expect_error(&run, "content/om.md", 5, "uddannelse");
    }
}

#[test]
fn bom_and_crlf_files_build() {
    let dir = mini_handbook();
    write(
        dir.path(),
        "content/windows.md",
        "\u{feff}---\r\ntitle: Fra Windows\r\norder: 1\r\nsummary: Gemt med BOM og CRLF.\r\n---\r\n\r\n## Første afsnit\r\n\r\nSe [](rolle:projektleder).\r\n",
    );
    let run = build_in(dir.path(), &["--strict"]);
    run.success();
    let html = read(dir.path().join("public/windows/index.html"));
    assert!(html.contains("<h1>Fra Windows</h1>") || strip_tags(&html).contains("Fra Windows"));
    assert!(
        !html.contains('\u{feff}'),
        "the BOM is not part of the text"
    );
    assert!(!html.contains('\r'), "no carriage returns in the output");
    assert!(html.contains("id=\"foerste-afsnit\""));
    assert_eq!(
        link_texts(&html, "../roller/projektleder/")[0],
        "Projektleder"
    );
}

#[test]
fn free_page_paths_are_slugged_and_attachments_keep_their_path() {
    let dir = mini_handbook();
    let text = "---\ntitle: Første skridt\norder: 1\n---\n\n![Kort over kommunen](kort%20over%20kommunen.png)\n\nSe [](side:foerste-skridt) og [](<side:Kom i gang/Første skridt>).\n";
    write(dir.path(), "content/Kom i gang/Første skridt.md", text);
    write(
        dir.path(),
        "content/Kom i gang/kort over kommunen.png",
        [1u8, 2, 3],
    );
    build_in(dir.path(), &["--strict"]).success();
    let public = dir.path().join("public");
    let page = public.join("kom-i-gang/foerste-skridt/index.html");
    assert!(page.is_file(), "each path segment is slugged");
    assert_eq!(
        fs::read(public.join("Kom i gang/kort over kommunen.png")).unwrap(),
        [1u8, 2, 3],
        "the attachment keeps its relative path and bytes"
    );
    let problems = broken_links(&public);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let html = read(&page);
    assert_eq!(
        link_texts(article(&html), "../../kom-i-gang/foerste-skridt/"),
        ["Første skridt", "Første skridt"]
    );
}

#[test]
fn typed_page_id_defaults_to_the_slug_of_its_file_name() {
    let dir = mini_handbook();
    write(
        dir.path(),
        "content/roller/Lokal KY-træner.md",
        "---\ntitle: Træner\norganisation: kommune\n---\n\nTræneren.\n",
    );
    write(
        dir.path(),
        "content/om.md",
        "---\ntitle: Om\n---\n\nSe [](rolle:lokal-ky-traener).\n",
    );
    build_in(dir.path(), &["--strict"]).success();
    let public = dir.path().join("public");
    assert!(public.join("roller/lokal-ky-traener/index.html").is_file());
    let html = read(public.join("om/index.html"));
    assert_eq!(link_texts(&html, "../roller/lokal-ky-traener/"), ["Træner"]);
}

#[test]
fn pages_at_generated_paths_supply_their_introduction() {
    let dir = mini_handbook();
    write(
        dir.path(),
        "content/opgaver.md",
        "---\ntitle: Alle opgaver\n---\n\nOpgaverne i ugeorden.\n",
    );
    write(
        dir.path(),
        "content/faser/index.md",
        "---\ntitle: Modellen\n---\n\nModellen har én fase.\n",
    );
    build_in(dir.path(), &["--strict"]).success();
    let public = dir.path().join("public");
    let tasks = read(public.join("opgaver/index.html"));
    assert!(tasks.contains("Opgaverne i ugeorden."));
    assert!(
        tasks.contains("Hold møde"),
        "the generated list is still there"
    );
    let phases = read(public.join("faser/index.html"));
    assert!(phases.contains("Modellen har én fase."));
    assert!(phases.contains("href=\"../faser/start/\""));
    assert!(broken_links(&public).is_empty());
}

/// "Every rendered week carries its number in a `data-week` attribute": each
/// "Uge N" of the (Danish) output sits in an element whose start tag carries
/// `data-week="N"` (the end of a range, "Uge -11 til -9", is not checked).
#[test]
fn every_rendered_week_carries_data_week() {
    let mut problems = Vec::new();
    for file in html_files(kommune_site()) {
        let html = read(&file);
        let name = file
            .strip_prefix(kommune_site())
            .unwrap()
            .display()
            .to_string();
        let mut from = 0;
        while let Some(i) = html[from..].find("Uge ") {
            let at = from + i;
            from = at + 4;
            let number: String = html[from..]
                .chars()
                .enumerate()
                .take_while(|(k, c)| c.is_ascii_digit() || (*k == 0 && *c == '-'))
                .map(|(_, c)| c)
                .collect();
            if number.is_empty() || number == "-" {
                continue;
            }
            // The innermost open tag before the text.
            let open = html[..at]
                .match_indices('<')
                .rev()
                .find(|(k, _)| !html[k + 1..].starts_with('/'))
                .map(|(k, _)| k)
                .unwrap();
            let tag = &html[open..open + html[open..].find('>').unwrap()];
            if !tag.contains(&format!("data-week=\"{number}\"")) {
                let context: String = html[at..].chars().take(40).collect();
                problems.push(format!("{name}: `{context}` in `{tag}>`"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "weeks without data-week:\n{}",
        problems.join("\n")
    );
}

#[test]
fn check_warns_when_two_links_of_the_navigation_read_the_same() {
    let dir = fixture("kommune");
    let organisering = read(dir.path().join("content/kom-godt-i-gang/organisering.md"));
    write(
        dir.path(),
        "content/kom-godt-i-gang/organisering.md",
        organisering.replacen("title: Organisering", "title: Om håndbogen", 1),
    );
    let run = check_in(dir.path(), &["--strict"]);
    run.expect_code(1);
    let diags = run.diags();
    assert!(
        diags
            .iter()
            .any(|d| d.path == "content/kom-godt-i-gang/organisering.md"
                && d.message
                    .contains("two links of the navigation read 'Om håndbogen'")
                && d.message.contains("content/om-haandbogen.md")),
        "{}",
        run.stderr
    );
}

/// Adds audiences (YAML list entries) at the top of handbook.yaml's `audiences:`.
fn add_audiences(root: &Path, entries: &str) {
    let yaml = read(root.join("handbook.yaml"));
    write(
        root,
        "handbook.yaml",
        yaml.replace("audiences:\n", &format!("audiences:\n{entries}")),
    );
}

#[test]
fn a_guide_naming_every_section_keeps_to_at_most_25_steps() {
    let dir = fixture("kommune");
    let chapters = |dir: &Path, from: usize, to: usize| {
        for c in from..to {
            write(
                dir,
                &format!("content/kapitel-{c:02}/index.md"),
                format!(
                    "---\ntitle: Kapitel {c:02}\norder: {}\n---\n\nTekst.\n",
                    10 + c
                ),
            );
            for s in 0..2 {
                write(
                    dir,
                    &format!("content/kapitel-{c:02}/afsnit-{s}.md"),
                    format!(
                        "---\ntitle: Afsnit {c:02}.{s}\norder: {s}\naudiences: [alle]\n---\n\nTekst om afsnittet.\n"
                    ),
                );
            }
        }
    };
    add_audiences(dir.path(), "  - id: alle\n    title: Alle afsnit\n");
    // Fifteen chapters; the guide names their thirty sections but not the chapters.
    chapters(dir.path(), 0, 15);
    let run = build_in(dir.path(), &["--strict"]);
    run.success();
    let html = read(dir.path().join("public/laesevejledninger/alle/index.html"));
    let steps = html.matches("class=\"laeseliste__trin\"").count();
    assert_eq!(steps, 15, "the sections of one chapter are one step");
    let bar = read(dir.path().join("public/kapitel-00/afsnit-1/index.html"));
    assert!(bar.contains("Trin 1 af 15 · afsnit 2 af 2"), "{bar}");
    // Twenty-seven chapters would be more steps than a reader follows: a warning.
    chapters(dir.path(), 15, 27);
    let run = check_in(dir.path(), &[]);
    run.success();
    assert!(
        run.stderr.contains("the reading guide 'alle' has 27 steps"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_guide_of_one_chapter_walks_its_sections_as_steps_and_one_page_is_reported() {
    let dir = fixture("kommune");
    add_audiences(
        dir.path(),
        "  - id: en\n    title: Et kapitel\n  - id: side\n    title: En side\n",
    );
    write(
        dir.path(),
        "content/kapitel/index.md",
        "---\ntitle: Kapitlet\norder: 40\naudiences: [en]\n---\n\nTekst.\n",
    );
    for s in 0..3 {
        write(
            dir.path(),
            &format!("content/kapitel/afsnit-{s}.md"),
            format!("---\ntitle: Afsnit {s}\norder: {s}\n---\n\nTekst om afsnittet.\n"),
        );
    }
    write(
        dir.path(),
        "content/enlig.md",
        "---\ntitle: En enlig side\norder: 41\naudiences: [side]\n---\n\nTekst.\n",
    );
    let run = build_in(dir.path(), &[]);
    run.success();
    // One chapter with three sections: four steps, not "Trin 1 af 1".
    let html = read(dir.path().join("public/laesevejledninger/en/index.html"));
    assert_eq!(
        html.matches("class=\"laeseliste__trin\"").count(),
        4,
        "{html}"
    );
    let bar = read(dir.path().join("public/kapitel/afsnit-1/index.html"));
    assert!(bar.contains("Trin 3 af 4"), "{bar}");
    // A single page cannot be walked: a warning at the audience, with help.
    assert!(
        run.stderr.contains(
            "the reading guide 'side' has 1 step; a guide leads a reader through at least 2 pages"
        ),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("the reading guide 'en'"),
        "{}",
        run.stderr
    );
}

#[test]
fn body_headings_never_take_the_anchor_of_a_generated_section() {
    let dir = fixture("kommune");
    let root = dir.path();
    let guide = root.join("content/vejledninger/opstartsmoede.md");
    let text = read(&guide) + "\n## Aktiviteter med vejledningen\n\nTekst.\n";
    fs::write(&guide, text).unwrap();
    write(
        root,
        "content/faser/index.md",
        "---\ntitle: Faser\n---\n\n## Milepæle\n\nTekst.\n",
    );
    build_in(root, &[]).success();
    for (rel, anchor) in [
        (
            "public/vejledninger/opstartsmoede/index.html",
            "aktiviteter-med-vejledningen",
        ),
        ("public/faser/index.html", "milepaele"),
    ] {
        let html = read(root.join(rel));
        let section = element_by_id(&html, anchor).expect(anchor);
        assert!(
            !section.contains("Tekst."),
            "{rel}: the body took #{anchor}"
        );
        let heading = element_by_id(&html, &format!("{anchor}-2")).expect("renamed heading");
        assert!(heading.starts_with("<h2"), "{rel}: {heading}");
        let ids = attr_values(&html, "id");
        assert_eq!(ids.iter().filter(|i| *i == anchor).count(), 1, "{rel}");
    }
}
