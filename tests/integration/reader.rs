//! The reader experience of the default theme, as HTML: reading-guide bars,
//! the heading outline of `/print/`, the timelines, the on-page contents,
//! "Senest ændret", `/was/`, the responsibility matrix and planned pages in
//! the navigation. The browser tests (`scripts/browser-test.sh`) check the
//! same pages in Chromium.

use crate::common::*;

#[track_caller]
fn page(rel: &str) -> String {
    let path = kommune_site().join(rel);
    assert!(path.is_file(), "{rel} was not generated");
    read(path)
}

/// The levels of the `<h1>`…`<h6>` elements in document order.
fn heading_levels(html: &str) -> Vec<u8> {
    let mut levels = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(at) = html[i..].find("<h") {
        let k = i + at + 2;
        if let Some(d) = bytes.get(k).filter(|b| (b'1'..=b'6').contains(*b))
            && matches!(bytes.get(k + 1), Some(b' ' | b'>'))
        {
            levels.push(d - b'0');
        }
        i = k;
    }
    levels
}

#[test]
fn reading_guide_pages_carry_a_bar_with_previous_and_next_along_the_guide() {
    // The projektleder guide: om-haandbogen, kom-godt-i-gang/organisering and
    // faser/planlaegning are its steps; its role and guide are to look up.
    let html = page("kom-godt-i-gang/organisering/index.html");
    let bar = element_by_id(&html, "laesevejledning-projektleder").expect("the bar");
    assert!(bar.starts_with("<nav"), "{bar}");
    assert!(bar.contains("Del af:"), "{bar}");
    assert!(
        bar.contains("Læsevejledning for kommunal projektleder"),
        "{bar}"
    );
    assert!(bar.contains("Trin 2 af 3"), "{bar}");
    let hrefs = attr_values(bar, "href");
    assert_eq!(
        hrefs,
        [
            "../../laesevejledninger/projektleder/",
            "../../om-haandbogen/#laesevejledning-projektleder",
            "../../faser/planlaegning/#laesevejledning-projektleder",
        ]
    );
    // The bar comes right after the skip link, before the header.
    let skip = html.find("class=\"skip-link\"").unwrap();
    let at = html.find("id=\"laesevejledning-projektleder\"").unwrap();
    assert!(skip < at && at < html.find("<header").unwrap());
    // Its pager at the end, and the handbook's own pager that gives way to it.
    assert!(html.contains("<nav class=\"laese-pager\" data-laes=\"laesevejledning-projektleder\""));
    assert!(html.contains("class=\"pager pager--side\""));

    // The last page leads back to the guide; the first starts from it.
    let last = page("faser/planlaegning/index.html");
    let bar = element_by_id(&last, "laesevejledning-projektleder").unwrap();
    assert!(bar.contains("Tilbage til læsevejledningen"), "{bar}");
    let first = page("om-haandbogen/index.html");
    let bar = element_by_id(&first, "laesevejledning-projektleder").unwrap();
    assert!(bar.contains("Til læsevejledningen"), "{bar}");

    // Pages to look up and pages outside every guide have no bar.
    assert!(!page("roller/projektleder/index.html").contains("laesebjaelke\" id="));
    assert!(!page("skabeloner/projektplan/index.html").contains("laesebjaelke\" id="));
}

#[test]
fn print_has_one_heading_outline_and_a_nested_contents() {
    let html = page("print/index.html");
    let levels = heading_levels(&html);
    assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1, "one h1");
    assert_eq!(levels[0], 1);
    for w in levels.windows(2) {
        assert!(w[1] <= w[0] + 1, "a heading level is skipped: {levels:?}");
    }
    // A chapter is an h2, its section an h3, the section's own headings h4.
    let chapter = element_by_id(&html, "s-om-haandbogen").unwrap();
    assert!(
        chapter.contains("<h2 class=\"artikel__titel\">"),
        "{chapter}"
    );
    assert!(
        chapter.contains("<h3 id=\"s-om-haandbogen--formaal\">"),
        "body headings one below the title"
    );
    let section = element_by_id(&html, "s-kom-godt-i-gang-organisering").unwrap();
    assert!(
        section.contains("<h3 class=\"artikel__titel\">"),
        "{section}"
    );
    // Generated sections follow the same outline.
    let phase = element_by_id(&html, "s-faser-forberedelse").unwrap();
    assert!(phase.contains("<h3 class=\"artikel__titel\">"), "{phase}");
    assert!(
        phase.contains("<h4 id=\"s-faser-forberedelse--roller\">"),
        "{phase}"
    );
    let sub = element_by_id(&html, "s-faser-planlaegning").unwrap();
    assert!(sub.contains("<h4 class=\"artikel__titel\">"), "{sub}");
    assert!(
        sub.contains("<h5 id=\"s-faser-planlaegning--roller\">"),
        "{sub}"
    );
    // Page breaks before chapters only.
    assert!(chapter.contains("artikel--kapitel"));
    assert!(!section.contains("artikel--kapitel"));
    // The contents nests sections under their chapters.
    let toc = element_by_id(&html, "print-toc-title").unwrap();
    assert!(toc.contains("Indholdsfortegnelse"));
    let nav = &html[html.find("class=\"print-toc\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    let chapter_link = nav.find("href=\"#s-kom-godt-i-gang\"").unwrap();
    let section_link = nav
        .find("href=\"#s-kom-godt-i-gang-organisering\"")
        .unwrap();
    assert!(
        nav[chapter_link..section_link].contains("<ol>"),
        "nested list"
    );
}

#[test]
fn the_model_and_the_training_plans_are_drawn_as_svg_with_text_alternatives() {
    let html = page("faser/index.html");
    let body = article(&html);
    let svg = &body[body.find("<svg").expect("timeline")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("<title id=\"model-tidslinje-titel\">"));
    assert!(
        svg.contains(
            "aria-describedby=\"model-tidslinje-beskrivelse faser-liste milepaele-liste\""
        )
    );
    assert!(body.contains("id=\"faser-liste\"") && body.contains("id=\"milepaele-liste\""));
    assert!(svg.contains("class=\"tl-uge0\""), "week 0 is marked");
    assert!(svg.contains("Go-live for Borgerportalen"));
    assert_eq!(
        svg.matches("class=\"tl-milepael\"").count(),
        3,
        "one marker per milestone"
    );
    for label in [
        "Fase 1 Forberedelse",
        "1.1 Planlægning",
        "1.2 Klargøring",
        "Fase 2 Drift",
    ] {
        assert!(svg.contains(&format!(">{label}<")), "{label}");
    }
    // Milestones are numbered by week in the list as in the chart.
    let ms = element_by_id(&html, "milepaele-liste").unwrap();
    assert!(
        ms.contains("<span class=\"milepael-nr\">1</span> <span class=\"uge\" data-week=\"-12\">"),
        "{ms}"
    );

    let html = page("uddannelsesplaner/index.html");
    let body = article(&html);
    let svg = &body[body.find("<svg").expect("training timeline")..];
    assert!(svg.contains("aria-describedby=\"uddannelse-tidslinje-beskrivelse tidslinje-tabel\""));
    assert!(body.contains("<table id=\"tidslinje-tabel\" class=\"stak\">"));
    assert!(
        svg.contains(">Uddannelse af superbrugere<"),
        "the plan heads its courses"
    );
}

#[test]
fn open_week_ranges_are_drawn_to_the_edge() {
    let dir = mini_handbook();
    write(
        dir.path(),
        "content/faser/start.md",
        "---\ntitle: Start\nphase: 1\nweeks: { to: -4 }\n---\n",
    );
    write(
        dir.path(),
        "content/faser/drift.md",
        "---\ntitle: Drift\nphase: 2\nweeks: { from: 2 }\n---\n",
    );
    build_in(dir.path(), &[]).success();
    let html = read(dir.path().join("public/faser/index.html"));
    assert!(html.contains(">Til og med uge -4<"), "open start");
    assert!(html.contains(">Fra uge 2<"), "open end");
    // An open start begins at the chart's left edge (x = label width + 12).
    assert!(html.contains("d=\"M222.0 "), "{html}");
}

#[test]
fn pages_list_their_generated_sections_in_the_contents() {
    let html = page("faser/planlaegning/index.html");
    let toc = &html[html.find("class=\"toc\"").expect("Indhold på siden")..];
    let toc = &toc[..toc.find("</nav>").unwrap()];
    assert!(toc.contains("Indhold på siden"));
    for (href, title) in [("#roller", "Roller"), ("#aktiviteter", "Aktiviteter")] {
        assert!(
            toc.contains(&format!("<a href=\"{href}\">{title}</a>")),
            "{toc}"
        );
    }
}

#[test]
fn footer_shows_version_and_last_change() {
    let html = page("faser/planlaegning/index.html");
    let footer = &html[html.find("<footer").unwrap()..];
    assert!(footer.contains("Kommunernes Portalfællesskab"));
    assert!(footer.contains("Version 2.0"));
    assert!(
        !footer.contains("Seneste udgave"),
        "nothing released yet: {footer}"
    );
    assert!(
        footer.contains("Senest ændret: <time datetime=\""),
        "{footer}"
    );
    assert!(
        !footer.contains("Tilgængelighedserklæring"),
        "only when configured"
    );
    assert!(!kommune_site().join("was/index.html").exists());
}

#[test]
fn accessibility_statement_is_linked_and_was_redirects_to_it() {
    let dir = fixture("kommune");
    let yaml = read(dir.path().join("handbook.yaml"));
    write(
        dir.path(),
        "handbook.yaml",
        format!("{yaml}accessibility_statement: https://www.was.digst.dk/borgerportalen\n"),
    );
    build_in(dir.path(), &["--strict"]).success();
    let public = dir.path().join("public");
    let html = read(public.join("roller/index.html"));
    assert!(html.contains(
        "<a href=\"https://www.was.digst.dk/borgerportalen\">Tilgængelighedserklæring</a>"
    ));
    let was = read(public.join("was/index.html"));
    assert!(
        was.contains("content=\"0; url=https://www.was.digst.dk/borgerportalen\""),
        "{was}"
    );
}

#[test]
fn responsibility_matrix_groups_roles_by_organisation_with_headers() {
    let html = page("ansvarsmatrix/index.html");
    let body = article(&html);
    assert!(body.contains("<caption>"));
    assert!(body.contains("<th scope=\"rowgroup\" colspan=\""));
    let kommune = body.find(">Kommunale roller<").unwrap();
    let leverandoer = body.find(">Leverandørens roller<").unwrap();
    assert!(kommune < leverandoer);
    // Sub-phases are labelled in the column headers.
    assert!(
        body.contains("<span class=\"fase-nr\">1.1</span>"),
        "{body}"
    );
    // An empty cell says so to screen readers.
    assert!(
        body.contains("<td class=\"tom\"><span class=\"sr-only\">Intet ansvar i fasen</span></td>")
    );
}

#[test]
fn navigation_marks_planned_pages_and_the_menu_works_without_javascript() {
    let html = page("kom-godt-i-gang/index.html");
    let nav = element_by_id(&html, "navigation").unwrap();
    assert!(!nav.contains("class=\"\""), "no empty class attributes");
    assert!(
        nav.contains("<span class=\"tag tag--planned\">Planlagt</span>"),
        "{nav}"
    );
    assert!(html.contains("<a class=\"menu-link\" href=\"#navigation\">Menu</a>"));
    assert!(html.contains("aria-controls=\"navigation\""));
    assert!(html.contains("role=\"search\""), "the search slot");
}

#[test]
fn the_phone_matrix_is_one_list_per_role() {
    let html = page("ansvarsmatrix/index.html");
    let body = article(&html);
    let list = &body[body.find("class=\"matrix-liste\"").expect("the list")..];
    // Each role a heading with its phases and responsibilities, grouped by organisation.
    assert!(list.contains("class=\"matrix-liste__gruppe\""), "{list}");
    assert!(
        list.contains("<h3 class=\"matrix-liste__titel\"><a href=\"../roller/projektleder/\">"),
        "{list}"
    );
    assert!(
        list.contains("<dl class=\"matrix-liste__faser\"><dt>"),
        "{list}"
    );
}

#[test]
fn navigation_puts_the_tools_first_and_a_role_page_shows_its_own_group() {
    let html = page("kom-godt-i-gang/index.html");
    let nav = element_by_id(&html, "navigation").unwrap();
    let tools = nav.find("Værktøjer").expect("the tools group");
    let chapters = nav.find("Håndbogen").expect("the handbook group");
    assert!(tools < chapters);
    let group = &nav[tools..chapters];
    let hrefs = attr_values(group, "href");
    assert_eq!(
        hrefs,
        [
            "../opgaver/",
            "../roller/",
            "../ansvarsmatrix/",
            "../skabeloner/",
            "../laesevejledninger/",
        ]
    );
    // No tool twice: the handbook group does not list them again.
    assert!(!nav[chapters..].contains("href=\"../roller/\""));

    // A role page: the roles of its organisation, and the way to all of them.
    let role = page("roller/projektleder/index.html");
    let nav = element_by_id(&role, "navigation").unwrap();
    assert!(
        nav.contains("<p class=\"side-nav__under\">Kommunale roller</p>"),
        "{nav}"
    );
    assert!(
        nav.contains("href=\"../../roller/superbruger/\""),
        "same organisation"
    );
    assert!(
        !nav.contains("href=\"../../roller/konsulent/\""),
        "another organisation"
    );
    assert!(nav.contains("Vis alle 3"), "{nav}");
    // The roles overview lists every role.
    let all = page("roller/index.html");
    let nav = element_by_id(&all, "navigation").unwrap();
    assert!(nav.contains("href=\"../roller/konsulent/\""), "{nav}");
}

#[test]
fn sub_phases_are_labelled_underfase() {
    let html = page("faser/planlaegning/index.html");
    assert!(
        html.contains("<p class=\"artikel__type\">Underfase</p>"),
        "{html}"
    );
    assert!(html.contains("<dt>Underfase</dt><dd>1.1</dd>"));
    let top = page("faser/forberedelse/index.html");
    assert!(top.contains("<p class=\"artikel__type\">Fase</p>"));
}

#[test]
fn narrow_tables_carry_labels_and_wide_ones_a_scroll_hint() {
    // A phase's role table (two columns) stacks on a phone: label: value.
    let html = page("faser/planlaegning/index.html");
    assert!(html.contains("<table class=\"stak rolletabel\">"), "{html}");
    assert!(html.contains("<td data-label=\"Ansvar\">"));
    // The activities table is wide: it scrolls, with a hint and its first column kept.
    let at = html
        .find("<table class=\"bred aktiviteter\">")
        .expect("wide table");
    assert!(html[..at].contains(
        "<p class=\"rul-hint\" aria-hidden=\"true\">Rul vandret for at se hele tabellen.</p>"
    ));
    // A markdown table of at most four columns is labelled too.
    let chapter = page("om-haandbogen/index.html");
    if chapter.contains("<table") {
        assert!(chapter.contains("data-label="), "{chapter}");
    }
}

#[test]
fn a_chapter_section_prints_alike_on_its_chapter_page_and_in_the_whole_handbook() {
    // The chapter's print page lies one folder deeper than `/print/`, and
    // only its own sections are anchors there; on `/print/` every page is.
    let chapter = page("print/kom-godt-i-gang/index.html");
    let whole = page("print/index.html");
    let id = "s-kom-godt-i-gang-organisering";
    let on_chapter = element_by_id(&chapter, id).unwrap();
    let on_whole = element_by_id(&whole, id).unwrap();
    let out_of_chapter = [
        ("om-haandbogen/#maalgruppe", "#s-om-haandbogen--maalgruppe"),
        ("roller/projektleder/", "#s-roller-projektleder"),
        ("roller/konsulent/", "#s-roller-konsulent"),
        ("faser/forberedelse/", "#s-faser-forberedelse"),
    ];
    let mut as_on_whole = on_chapter.to_string();
    for (link, anchor) in out_of_chapter {
        let (href, section) = (
            format!("href=\"../../{link}\""),
            format!("href=\"{anchor}\""),
        );
        assert!(on_chapter.contains(&href), "{href} in {on_chapter}");
        assert!(on_whole.contains(&section), "{section} in {on_whole}");
        as_on_whole = as_on_whole.replace(&href, &section);
    }
    // A link into the chapter is an anchor on both; an image climbs as deep as its page.
    assert!(on_chapter.contains("href=\"#s-kom-godt-i-gang\""));
    assert!(on_chapter.contains("src=\"../../kom-godt-i-gang/billeder/tidslinje.png\""));
    assert!(on_whole.contains("src=\"../kom-godt-i-gang/billeder/tidslinje.png\""));
    assert_eq!(as_on_whole.replace("\"../../", "\"../"), on_whole);
    // The chapter's own page starts a new sheet on `/print/` only.
    let opening = |html: &str| element_by_id(html, "s-kom-godt-i-gang").unwrap()[..80].to_string();
    assert!(opening(&whole).contains("artikel--kapitel"));
    assert!(!opening(&chapter).contains("artikel--kapitel"));
}

#[test]
fn chapters_and_reading_guides_print_on_their_own() {
    // A chapter with its sections: the chapter's page links it.
    let chapter = page("kom-godt-i-gang/organisering/index.html");
    assert!(
        chapter.contains(
            "<a class=\"udskriv\" href=\"../../print/kom-godt-i-gang/\">Udskriv dette kapitel</a>"
        ),
        "{chapter}"
    );
    let print = page("print/kom-godt-i-gang/index.html");
    let body = article(&print);
    assert!(
        body.contains("<h1><span class=\"nr\">2</span> Kom godt i gang</h1>"),
        "{body}"
    );
    assert!(body.contains("id=\"s-kom-godt-i-gang\""));
    assert!(body.contains("id=\"s-kom-godt-i-gang-organisering\""));
    assert!(!body.contains("id=\"s-om-haandbogen\""), "only the chapter");
    // Links inside the chapter are anchors; links out of it go to the pages.
    assert!(body.contains("href=\"#s-kom-godt-i-gang-organisering\""));
    assert!(body.contains("href=\"../../faser/"), "{body}");
    // A reading guide on paper: its page, then every page of its steps.
    let guide = page("print/laesevejledning/ledelse/index.html");
    let body = article(&guide);
    let order: Vec<usize> = [
        "id=\"s-laesevejledninger-ledelse\"",
        "id=\"s-om-haandbogen\"",
        "id=\"s-faser-forberedelse\"",
        "id=\"s-faser-planlaegning\"",
    ]
    .iter()
    .map(|id| body.find(id).unwrap_or_else(|| panic!("{id}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(
        !body.contains("id=\"s-roller-projektleder\""),
        "a role is to look up, not a step"
    );
    // Every print page numbers its sheets, in the words of the string table.
    assert!(
        guide.contains(
            "@bottom-right { content: \"Side \" counter(page) \" af \" counter(pages); }"
        )
    );
    // The screen-only hint is marked so.
    assert!(guide.contains("<p class=\"print-hint kun-skaerm\">"));
    // Print pages are not pages of the handbook: not in the sitemap.
    let sitemap = read(kommune_site().join("sitemap.xml"));
    assert!(!sitemap.contains("print/kom-godt-i-gang"));
}
