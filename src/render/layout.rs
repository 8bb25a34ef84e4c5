//! The parts around a page's content: navigation tree (only the current
//! branch is opened, so output stays linear in the handbook's size),
//! breadcrumbs, previous/next and the site header.

use std::collections::HashMap;

use serde::Serialize;

use super::links::{Link, Linker};
use super::views::format_date;
use crate::model::Status;
use crate::resolve::{NavNode, Site, Target};

/// At most this many children of one node are listed; beyond it a window
/// around the current page and a link to the full list.
const MAX_CHILDREN: usize = 60;
const WINDOW: usize = 12;

#[derive(Serialize)]
pub struct NavItem {
    pub title: String,
    pub number: Option<String>,
    pub href: String,
    pub current: bool,
    pub open: bool,
    pub has_children: bool,
    /// `planned` or `draft` for pages that are not (yet) published.
    pub status: Option<Status>,
    pub children: Vec<NavItem>,
    /// When children were cut: a link to the parent's full list and their count.
    pub more: Option<More>,
}

#[derive(Serialize)]
pub struct More {
    pub href: String,
    pub count: usize,
}

/// The ancestors of a target, outermost first.
pub fn ancestors(site: &Site, target: Target) -> Vec<Target> {
    let mut chain = Vec::new();
    let mut t = target;
    while let Some(p) = site.parents.get(&t) {
        chain.push(*p);
        t = *p;
        if chain.len() > 64 {
            break;
        }
    }
    chain.reverse();
    chain
}

/// The navigation tree for the page `current`.
pub fn nav(linker: &Linker, current: Target) -> Vec<NavItem> {
    let path = ancestors(linker.site, current);
    items(linker, &linker.site.nav, current, &path, None)
}

fn items(
    linker: &Linker,
    nodes: &[NavNode],
    current: Target,
    path: &[Target],
    parent: Option<Target>,
) -> Vec<NavItem> {
    let (shown, more) = if nodes.len() > MAX_CHILDREN {
        let at = nodes
            .iter()
            .position(|n| n.target == current || path.contains(&n.target))
            .unwrap_or(0);
        let start = at.saturating_sub(WINDOW);
        let end = (at + WINDOW + 1).min(nodes.len());
        let more = parent.map(|p| More {
            href: linker.href(p, None),
            count: nodes.len(),
        });
        (&nodes[start..end], more)
    } else {
        (nodes, None)
    };
    let mut list: Vec<NavItem> = shown
        .iter()
        .map(|node| {
            let is_current = node.target == current;
            let open = is_current || path.contains(&node.target);
            NavItem {
                title: linker.title(node.target),
                number: linker.number(node.target),
                href: linker.href(node.target, None),
                current: is_current,
                open,
                has_children: !node.children.is_empty(),
                status: linker
                    .site
                    .page_of(node.target)
                    .map(|p| p.meta.status)
                    .filter(|s| *s != Status::Published),
                children: if open {
                    items(linker, &node.children, current, path, Some(node.target))
                } else {
                    Vec::new()
                },
                more: None,
            }
        })
        .collect();
    if let (Some(more), Some(last)) = (more, list.last_mut()) {
        last.more = Some(more);
    }
    list
}

/// Front page, then the ancestors; the current page last without a link.
pub fn breadcrumbs(linker: &Linker, current: Target) -> Vec<Link> {
    let site = linker.site;
    let mut crumbs = vec![Link {
        title: linker.strings.get("front_page"),
        // This version's front page.
        href: Some(linker.relative(&site.options.prefix)),
        number: None,
    }];
    if site.front.map(Target::Page) == Some(current) {
        return Vec::new();
    }
    crumbs.extend(ancestors(site, current).into_iter().map(|t| linker.link(t)));
    crumbs.push(Link {
        title: linker.title(current),
        href: None,
        number: linker.number(current),
    });
    crumbs
}

/// The site's header and footer facts.
#[derive(Serialize)]
pub struct SiteView {
    pub title: String,
    pub short_title: Option<String>,
    pub publisher: Option<String>,
    pub version: Option<String>,
    pub language: String,
    pub root: String,
    pub assets: String,
    pub print_href: String,
    pub versions_href: String,
    pub feed_href: String,
    /// The folder of this version's search index and results page.
    pub search_href: String,
    /// The search script's labels, as JSON.
    pub search_strings: String,
    pub accessibility_statement: Option<String>,
    /// The release date of the version being read, when it is released.
    pub version_date: Option<String>,
    /// The newest release, when the version being read is not released yet.
    pub latest_release: Option<ReleaseView>,
}

#[derive(Serialize)]
pub struct ReleaseView {
    pub version: String,
    pub date: String,
}

pub fn site_view(linker: &Linker) -> SiteView {
    let config = &linker.site.config;
    let prefix = &linker.site.options.prefix;
    // Assets are shared by every version at the top; "home" is this version's front page.
    let top = linker.relative("");
    let root = linker.relative(prefix);
    SiteView {
        title: config.title.clone(),
        short_title: config.short_title.clone(),
        publisher: config.publisher.clone(),
        version: config.version.clone(),
        language: config.language.clone(),
        assets: format!("{}assets/", if top == "./" { "" } else { &top }),
        print_href: linker.relative(&format!("{prefix}print/")),
        versions_href: linker.relative(&format!("{prefix}versioner/")),
        feed_href: linker.relative("feed.xml"),
        search_href: linker.relative(&format!("{prefix}soeg/")),
        search_strings: search_strings(linker),
        accessibility_statement: config.accessibility_statement.clone(),
        version_date: config
            .releases
            .iter()
            .find(|r| Some(&r.version) == config.version.as_ref())
            .map(|r| format_date(&r.date)),
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
                date: format_date(&r.date),
            }),
        root,
    }
}

/// The id of a page's reading-guide bar for an audience; reading-guide links
/// end in `#` and this id, so the bar shows (CSS `:target`) without JavaScript.
pub fn guide_anchor(audience_id: &str) -> String {
    format!("laesevejledning-{audience_id}")
}

/// Previous and next along one reading guide, for a page in it.
#[derive(Serialize)]
pub struct GuideBar {
    /// The element id: `laesevejledning-<audience>`.
    pub id: String,
    pub audience: String,
    pub guide: Link,
    pub position: usize,
    pub total: usize,
    pub prev: Option<Link>,
    pub next: Option<Link>,
}

/// Where each target stands in the reading guides: (audience, position),
/// its first place in each guide. Built once per site.
pub fn guide_positions(site: &Site) -> HashMap<Target, Vec<(usize, usize)>> {
    let mut map: HashMap<Target, Vec<(usize, usize)>> = HashMap::new();
    for (a, list) in site.reading.iter().enumerate() {
        for (k, t) in list.iter().enumerate() {
            let places = map.entry(*t).or_default();
            if !places.iter().any(|(x, _)| *x == a) {
                places.push((a, k));
            }
        }
    }
    map
}

/// The reading-guide bars of a page from its places in the guides.
pub fn guide_bars(linker: &Linker, places: &[(usize, usize)]) -> Vec<GuideBar> {
    let site = linker.site;
    let mut bars = Vec::new();
    for (a, k) in places.iter().copied() {
        let list = &site.reading[a];
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
            audience: site.config.audiences[a].title.clone(),
            guide: linker.link(Target::ReadingGuide(a)),
            position: k + 1,
            total: list.len(),
            prev: k.checked_sub(1).map(|p| along(list[p])),
            next: list.get(k + 1).map(|t| along(*t)),
            id,
        });
    }
    bars
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
