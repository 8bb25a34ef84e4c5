//! The parts around a page's content: navigation tree (only the current
//! branch is opened, so output stays linear in the handbook's size),
//! breadcrumbs, previous/next and the site header.

use serde::Serialize;

use super::links::{Link, Linker};
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
        href: Some(linker.relative("")),
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
    pub accessibility_statement: Option<String>,
}

pub fn site_view(linker: &Linker) -> SiteView {
    let config = &linker.site.config;
    let root = linker.relative("");
    SiteView {
        title: config.title.clone(),
        short_title: config.short_title.clone(),
        publisher: config.publisher.clone(),
        version: config.version.clone(),
        language: config.language.clone(),
        assets: format!("{}assets/", if root == "./" { "" } else { &root }),
        print_href: linker.relative("print/"),
        versions_href: linker.relative("versioner/"),
        accessibility_statement: config.accessibility_statement.clone(),
        root,
    }
}
