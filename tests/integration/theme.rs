//! A site's own theme folder overrides single templates and strings of the
//! built-in theme by name; a broken override is reported like content errors.

use crate::common::{build_in, mini_handbook, read, write};

#[test]
fn a_site_template_overrides_the_built_in_one_by_name() {
    let dir = mini_handbook();
    write(
        dir.path(),
        "themes/default/templates/redirect.html",
        "<!DOCTYPE html><title>Flyttet</title><p>EGEN-OMDIRIGERING {{ href }}</p>\n",
    );
    write(
        dir.path(),
        "themes/default/strings/da.yaml",
        "skip_link: Spring til indholdet\n",
    );
    write(
        dir.path(),
        "content/gammel.md",
        "---\ntitle: Ny side\naliases: [/gammel-adresse/]\n---\n\nTekst.\n",
    );
    build_in(dir.path(), &["--strict"]).success();
    let public = dir.path().join("public");
    assert!(
        read(public.join("gammel-adresse/index.html")).contains("EGEN-OMDIRIGERING ../gammel/")
    );
    let page = read(public.join("gammel/index.html"));
    assert!(
        page.contains("Spring til indholdet"),
        "the site's string wins"
    );
    assert!(
        page.contains("<main"),
        "templates not overridden stay built in"
    );
}

#[test]
fn a_broken_site_template_is_reported_with_its_path_and_line() {
    let dir = mini_handbook();
    write(
        dir.path(),
        "themes/default/templates/redirect.html",
        "<p>\n{% if %}\n</p>\n",
    );
    let run = build_in(dir.path(), &[]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("themes/default/templates/redirect.html:2:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_template_asking_for_a_missing_string_key_fails_the_build() {
    let dir = mini_handbook();
    write(
        dir.path(),
        "themes/default/templates/redirect.html",
        "<!DOCTYPE html><title>{{ href }}</title>\n<p>{{ strings.redirct_text }}</p>\n",
    );
    let run = build_in(dir.path(), &[]);
    run.expect_code(1);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0]
            .path
            .ends_with("themes/default/templates/redirect.html"),
        "{}",
        run.stderr
    );
    assert_eq!((errors[0].line, errors[0].col), (2, 7), "{}", run.stderr);
    assert!(errors[0].message.contains("no key 'redirct_text'"));
    assert!(run.stderr.contains("help: did you mean 'redirect_text'?"));
    assert!(!dir.path().join("public").exists(), "nothing is written");
}

#[test]
fn an_unknown_key_in_a_site_string_table_is_reported() {
    let dir = mini_handbook();
    write(
        dir.path(),
        "themes/default/strings/da.yaml",
        "skip_link: Spring til indholdet\nmilestons: Milepæle\n",
    );
    let run = build_in(dir.path(), &[]);
    run.success();
    let diags = run.diags();
    assert_eq!(diags.len(), 1, "{}", run.stderr);
    assert_eq!(diags[0].level, "warning");
    assert_eq!((diags[0].line, diags[0].col), (2, 1));
    assert!(diags[0].message.contains("unknown string key 'milestons'"));
    assert!(
        run.stderr.contains("did you mean 'milestone"),
        "{}",
        run.stderr
    );
    let page = read(dir.path().join("public/index.html"));
    assert!(
        page.contains("Spring til indholdet"),
        "the override still wins"
    );
}

#[test]
fn a_print_template_without_the_sections_slot_fails_the_build() {
    let dir = mini_handbook();
    let built_in = read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/print.html"),
    );
    let slot = "{% for section in sections %}{{ section | safe }}{% endfor %}";
    assert!(built_in.contains(slot));
    for (broken, why) in [
        (built_in.replace(slot, ""), "left out"),
        (
            built_in.replace(slot, &format!("{slot}{slot}")),
            "shown twice",
        ),
    ] {
        write(dir.path(), "themes/default/templates/print.html", broken);
        let run = build_in(dir.path(), &[]);
        run.expect_code(1);
        let errors = run.errors();
        assert_eq!(errors.len(), 1, "{why}: {}", run.stderr);
        assert!(
            errors[0]
                .path
                .ends_with("themes/default/templates/print.html")
        );
        assert!(
            errors[0].message.contains("`sections`"),
            "{why}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("help: write {% for section in sections %}")
        );
    }
}

/// Pages link each asset with a fingerprint of its bytes, so a CDN or browser
/// may keep `assets/` for good: a site's own style sheet changes the link.
#[test]
fn asset_links_carry_the_fingerprint_of_the_asset() {
    let dir = mini_handbook();
    let link = |dir: &std::path::Path| {
        build_in(dir, &["--strict"]).success();
        let public = dir.join("public");
        let page = read(public.join("index.html"));
        let at = page
            .find("assets/handbook.css?v=")
            .expect("the style sheet's link");
        let print = page[at..].split(['=', '"']).nth(1).unwrap().to_string();
        let css = std::fs::read(public.join("assets/handbook.css")).unwrap();
        assert_eq!(print, format!("{:08x}", crc32fast::hash(&css)));
        for script in [
            "handbook.js",
            "search.js",
            "planner-labels.js",
            "planner.js",
        ] {
            assert!(
                page.contains(&format!("assets/{script}?v=")),
                "{script} without a fingerprint"
            );
        }
        print
    };
    let built_in = link(dir.path());
    write(
        dir.path(),
        "themes/default/static/handbook.css",
        "body { color: #111; }\n",
    );
    assert_ne!(
        link(dir.path()),
        built_in,
        "a changed style sheet, a new link"
    );
}

/// The navigation's closed entries are rendered once by the theme's
/// `navitem` component and shared between pages: a site's own component is
/// the one used for them, and a site theme from before the component (its
/// own `navlist` only) still gets every entry, in its own markup.
#[test]
fn closed_navigation_entries_take_the_site_s_own_markup() {
    let built_in = read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/components.html"),
    );
    let item_start = built_in
        .find("{% component navitem(")
        .expect("the built-in navitem component");
    let nav_of = |dir: &std::path::Path| {
        build_in(dir, &["--strict"]).success();
        let page = read(dir.join("public/roller/projektleder/index.html"));
        let start = page
            .find("<nav class=\"side-nav\"")
            .expect("the navigation");
        let end = start + page[start..].find("</nav>").unwrap();
        page[start..end].to_string()
    };

    let dir = mini_handbook();
    let own_item = format!(
        "{}{}",
        &built_in[..item_start],
        built_in[item_start..].replacen("<li", "<li data-egen", 1)
    );
    write(
        dir.path(),
        "themes/default/templates/components.html",
        &own_item,
    );
    let nav = nav_of(dir.path());
    assert!(nav.contains("Ansvarsmatrix</a>"), "{nav}");
    assert_eq!(
        nav.matches("<li").count(),
        nav.matches("<li data-egen").count(),
        "closed, open and current entries alike: {nav}"
    );

    let dir = mini_handbook();
    let list_start = built_in.find("{% component navlist(").unwrap();
    let list_end = built_in[item_start..]
        .find("{% endcomponent navitem %}")
        .map(|e| item_start + e + "{% endcomponent navitem %}".len())
        .unwrap();
    let older = format!(
        "{}{}{}",
        &built_in[..list_start],
        "{% component navlist(items, @strings) %}<ul>{% for item in items %}<li class=\"gammel\"><a href=\"{{ item.href }}\">{{ item.title }}</a>{% if item.children %}{{ <navlist items={item.children}/> }}{% endif %}</li>{% endfor %}</ul>{% endcomponent navlist %}",
        &built_in[list_end..]
    );
    write(
        dir.path(),
        "themes/default/templates/components.html",
        &older,
    );
    let nav = nav_of(dir.path());
    assert!(
        nav.contains(
            "<li class=\"gammel\"><a href=\"../../ansvarsmatrix/\">Ansvarsmatrix</a></li>"
        ),
        "{nav}"
    );
    assert_eq!(
        nav.matches("<li").count(),
        nav.matches("<li class=\"gammel\">").count(),
        "{nav}"
    );
}
