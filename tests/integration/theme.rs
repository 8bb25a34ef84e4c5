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
