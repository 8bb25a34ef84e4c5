//! The parts around a page's content: breadcrumbs, reading-guide bars and
//! the site header (the navigation is in `nav`).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::links::{Link, Linker};
use super::theme::Strings;
use crate::model::Date;
use crate::resolve::guides::Place;
use crate::resolve::{ReadingGuide, Site, Target};

/// Front page, then the ancestors; the current page last without a link.
pub(crate) fn breadcrumbs(linker: &Linker, current: Target) -> Vec<Link> {
    let site = linker.site;
    let mut crumbs = vec![Link {
        title: linker.strings.get("front_page"),
        // This version's front page.
        href: Some(linker.relative(linker.prefix)),
        number: None,
    }];
    if site.front.map(Target::Page) == Some(current) {
        return Vec::new();
    }
    crumbs.extend(site.ancestors(current).into_iter().map(|t| linker.link(t)));
    crumbs.push(Link {
        title: linker.title(current),
        href: None,
        number: linker.number(current),
    });
    crumbs
}

/// The site's header and footer facts.
#[derive(Serialize)]
pub(crate) struct SiteView {
    pub title: String,
    pub short_title: Option<String>,
    pub publisher: Option<String>,
    pub version: Option<String>,
    pub language: String,
    pub root: String,
    /// The folder of the theme's assets (`../../assets/`).
    pub assets: String,
    /// Each asset's URL with its fingerprint, by name:
    /// `site.asset["handbook.css"]` is `../../assets/handbook.css?v=1a2b3c4d`.
    pub asset: BTreeMap<String, String>,
    pub print_href: String,
    pub versions_href: String,
    pub feed_href: String,
    /// The folder of this version's search index and results page.
    pub search_href: String,
    /// The search script's labels, as JSON.
    pub search_strings: String,
    /// The page number on paper as the value of CSS `content`: `"Side " counter(page) …`.
    pub print_page_css: String,
    /// The running header on paper as a CSS string: `"KY-håndbogen · Version 1.0"`.
    pub print_running_css: String,
    pub accessibility_statement: Option<String>,
    /// The release date of the version being read, when it is released.
    pub version_date: Option<String>,
    /// The newest release, when the version being read is not released yet.
    pub latest_release: Option<ReleaseView>,
    /// The go-live date of the build (`--go-live`, `go_live.date`).
    pub go_live: Option<GoLiveView>,
    /// The planner script's settings and labels, as JSON (the same on every
    /// page of a site: the renderer fills it in once, `plan::script_settings`).
    pub planner: String,
}

/// The go-live date of a build, for the banner and the `week_dates` filter.
#[derive(Serialize)]
pub(crate) struct GoLiveView {
    /// `2017-06-12`
    pub iso: String,
    /// "Idriftsættelsesdato 12. juni 2017" as the banner says it.
    pub banner: String,
}

#[derive(Serialize)]
pub(crate) struct ReleaseView {
    pub version: String,
    pub date: String,
}

/// The URLs of the assets in the folder `assets` with their fingerprints.
pub(crate) fn asset_urls(
    assets: &str,
    fingerprints: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    fingerprints
        .iter()
        .map(|(name, print)| (name.clone(), format!("{assets}{name}?v={print}")))
        .collect()
}

/// The site facts for the pages at `linker`'s depth; `fingerprints` are the
/// theme's assets' ([`super::theme::Theme::fingerprints`]).
pub(crate) fn site_view(linker: &Linker, fingerprints: &BTreeMap<String, String>) -> SiteView {
    let config = &linker.site.config;
    let prefix = linker.prefix;
    // Assets are shared by every version at the top; "home" is this version's front page.
    let root = linker.relative(prefix);
    let assets = format!("{}assets/", linker.folder(""));
    SiteView {
        title: config.title.clone(),
        short_title: config.short_title.clone(),
        publisher: config.publisher.clone(),
        version: config.version.clone(),
        language: config.language.clone(),
        asset: asset_urls(&assets, fingerprints),
        assets,
        print_href: linker.relative(&format!("{prefix}print/")),
        versions_href: linker.relative(&format!("{prefix}versioner/")),
        feed_href: linker.relative("feed.xml"),
        search_href: linker.folder(&format!("{prefix}soeg/")),
        search_strings: search_strings(linker),
        print_page_css: page_counter_css(&linker.strings.get("print_page")),
        print_running_css: running_header_css(linker),
        accessibility_statement: config.accessibility_statement.clone(),
        version_date: config
            .releases
            .iter()
            .find(|r| Some(&r.version) == config.version.as_ref())
            .and_then(|r| r.date)
            .map(Date::danish),
        latest_release: config
            .releases
            .iter()
            .filter(|_| {
                !config
                    .releases
                    .iter()
                    .any(|r| Some(&r.version) == config.version.as_ref())
            })
            .max_by(|a, b| a.date.cmp(&b.date))
            .map(|r| ReleaseView {
                version: r.version.clone(),
                date: r.date.map(Date::danish).unwrap_or_default(),
            }),
        go_live: linker.site.options.go_live.map(|g| GoLiveView {
            iso: g.iso(),
            banner: super::plan::banner_text(linker, g, "plan_banner_static"),
        }),
        planner: String::new(),
        root,
    }
}

/// The id of a page's reading-guide bar for an audience; reading-guide links
/// end in `#` and this id, so the bar shows (CSS `:target`) without JavaScript.
pub(crate) fn guide_anchor(audience_id: &str) -> String {
    format!("laesevejledning-{audience_id}")
}

/// A page's place in one reading guide: the guide's bar at the top of the
/// page (shown when the guide is followed) and its pager at the end.
#[derive(Serialize)]
pub(crate) struct GuideBar {
    /// The element id: `laesevejledning-<audience>`.
    pub id: String,
    /// The guide's title: "Læsevejledning for lederen af Ydelseskontoret".
    pub label: String,
    pub guide: Link,
    /// "Trin 3 af 6 · afsnit 2 af 5".
    pub position: String,
    pub prev: Option<Link>,
    pub next: Option<Link>,
}

/// Where each target stands in the reading guides: (audience, place), its
/// first place in each guide. Built once per site.
pub(crate) fn guide_positions(site: &Site) -> HashMap<Target, Vec<(usize, Place)>> {
    let mut map: HashMap<Target, Vec<(usize, Place)>> = HashMap::new();
    for (a, guide) in site.reading.iter().enumerate() {
        for (t, place) in guide.places() {
            let places = map.entry(t).or_default();
            if !places.iter().any(|(x, _)| *x == a) {
                places.push((a, place));
            }
        }
    }
    map
}

/// "Trin 3 af 6 · afsnit 2 af 5": a place in a guide as the reader sees it.
pub(crate) fn position_text(strings: &Strings, guide: &ReadingGuide, place: Place) -> String {
    let step = strings.fill(
        "guide_step",
        &[
            ("step", &(place.step + 1).to_string()),
            ("steps", &guide.steps.len().to_string()),
        ],
    );
    match place.section {
        Some(k) => format!(
            "{step} · {}",
            strings.fill(
                "guide_section",
                &[
                    ("section", &k.to_string()),
                    (
                        "sections",
                        &guide.steps[place.step].sections().len().to_string()
                    ),
                ],
            )
        ),
        None => step,
    }
}

/// The reading-guide bars of a page from its places in the guides.
pub(crate) fn guide_bars(linker: &Linker, places: &[(usize, Place)]) -> Vec<GuideBar> {
    let site = linker.site;
    let mut bars = Vec::new();
    for (a, place) in places.iter().copied() {
        let guide = &site.reading[a];
        let walk: Vec<Target> = guide.walk().collect();
        let id = guide_anchor(&site.config.audiences[a].id);
        let along = |t: Target| {
            let mut l = linker.link(t);
            if let Some(h) = l.href.as_mut() {
                h.push('#');
                h.push_str(&id);
            }
            l
        };
        bars.push(GuideBar {
            label: linker.title(Target::ReadingGuide(a)),
            guide: linker.link(Target::ReadingGuide(a)),
            position: position_text(linker.strings, guide, place),
            prev: place.index.checked_sub(1).map(|p| along(walk[p])),
            next: walk.get(place.index + 1).map(|t| along(*t)),
            id,
        });
    }
    bars
}

/// "Side {page} af {pages}" as the value of CSS `content` in a page-margin
/// box: quoted text and the `page` and `pages` counters.
pub(crate) fn page_counter_css(text: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        let (token, counter) = if rest[at..].starts_with("{pages}") {
            ("{pages}", "counter(pages)")
        } else if rest[at..].starts_with("{page}") {
            ("{page}", "counter(page)")
        } else {
            parts.push(css_string(&rest[..=at]));
            rest = &rest[at + 1..];
            continue;
        };
        if at > 0 {
            parts.push(css_string(&rest[..at]));
        }
        parts.push(counter.to_string());
        rest = &rest[at + token.len()..];
    }
    if !rest.is_empty() {
        parts.push(css_string(rest));
    }
    if parts.is_empty() {
        parts.push("counter(page)".into());
    }
    parts.join(" ")
}

/// Text as a CSS string inside a page's `<style>`: quoted, with quotes,
/// backslashes and `<` escaped (no `</style>` can end the element).
pub(crate) fn css_string(text: &str) -> String {
    let mut q = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                q.push('\\');
                q.push(c);
            }
            '<' => q.push_str("\\3c "),
            '\n' | '\r' => q.push(' '),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// The running header on paper, "KY-håndbogen · Version 1.0", as a CSS string.
fn running_header_css(linker: &Linker) -> String {
    let config = &linker.site.config;
    let title = config.short_title.as_deref().unwrap_or(&config.title);
    css_string(&match &config.version {
        Some(version) => linker
            .strings
            .fill("print_running", &[("title", title), ("version", version)]),
        None => title.to_string(),
    })
}

/// The labels the search script shows, from the string table.
fn search_strings(linker: &Linker) -> String {
    let s = |k: &str| linker.strings.get(k);
    serde_json::json!({
        "label": s("search_label"),
        "button": s("search"),
        "results": s("search_results"),
        "none": s("search_none"),
        "one": s("search_one"),
        "many": s("search_many"),
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_become_css_counters() {
        assert_eq!(
            page_counter_css("Side {page} af {pages}"),
            "\"Side \" counter(page) \" af \" counter(pages)"
        );
        assert_eq!(page_counter_css("{page}"), "counter(page)");
        assert_eq!(
            page_counter_css("\"x\" {y} </style>"),
            "\"\\\"x\\\" {\" \"y} \\3c /style>\""
        );
    }
}
