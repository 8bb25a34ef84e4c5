//! The side navigation: the tools readers use most ("Værktøjer") first, then
//! the handbook in its order, with only the current branch opened (so the
//! output stays linear in the handbook's size). On a role page the roles
//! shown are those of the role's own group. [`check_titles`] warns when two
//! links of one navigation would read the same.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::links::Linker;
use super::theme::Strings;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Generated, OrganisationRef, PageKind, Status};
use crate::resolve::{NavNode, Site, Target};

/// The overviews readers look things up in most, in the order of the
/// navigation's and the front page's "Værktøjer".
pub(crate) const TOOLS: [Generated; 5] = [
    Generated::Tasks,
    Generated::Roles,
    Generated::Matrix,
    Generated::Templates,
    Generated::ReadingGuides,
];

/// At most this many children of one node are listed; beyond it a window
/// around the current page and a link to the full list.
const MAX_CHILDREN: usize = 60;
const WINDOW: usize = 12;

/// The navigation of one page.
#[derive(Serialize)]
pub(crate) struct NavView {
    /// "Værktøjer": the tools, in the order of [`TOOLS`].
    pub tools: Vec<NavItem>,
    /// The handbook's chapters and sections.
    pub items: Vec<NavItem>,
}

impl NavView {
    /// A page without navigation (404).
    pub(crate) fn none() -> NavView {
        NavView {
            tools: Vec::new(),
            items: Vec::new(),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct NavItem {
    pub title: String,
    pub number: Option<String>,
    pub href: String,
    pub current: bool,
    pub open: bool,
    pub has_children: bool,
    /// `planned` or `draft` for pages that are not (yet) published.
    pub status: Option<Status>,
    /// The label of the children shown when they are one group of several
    /// ("Kommunale roller" on a role page).
    pub group: Option<String>,
    pub children: Vec<NavItem>,
    /// When children were left out: a link to the parent's full list and their count.
    pub more: Option<More>,
}

#[derive(Serialize)]
pub(crate) struct More {
    pub href: String,
    pub count: usize,
}

/// The top level of the navigation: the tools, then everything else in handbook order.
fn top_level(site: &Site) -> (Vec<&NavNode>, Vec<&NavNode>) {
    let tool = |t: Target| matches!(t, Target::Generated(g) if TOOLS.contains(&g));
    let tools = TOOLS
        .iter()
        .filter_map(|g| site.nav.iter().find(|n| n.target == Target::Generated(*g)))
        .collect();
    let rest = site.nav.iter().filter(|n| !tool(n.target)).collect();
    (tools, rest)
}

/// The navigation for the page `current`.
pub(crate) fn nav(linker: &Linker, current: Target) -> NavView {
    let path = linker.site.ancestors(current);
    let (tools, rest) = top_level(linker.site);
    NavView {
        tools: items(linker, &tools, current, &path, None),
        items: items(linker, &rest, current, &path, None),
    }
}

/// The organisation of a role page.
fn organisation(site: &Site, t: Target) -> Option<&OrganisationRef> {
    match site.page_of(t).map(|p| &p.kind) {
        Some(PageKind::Role(r)) => r.organisation.as_ref(),
        _ => None,
    }
}

/// The organisation id of a role page, as written.
fn organisation_id(site: &Site, t: Target) -> Option<&str> {
    organisation(site, t).map(|o| o.as_str())
}

/// The children of an open node as shown: on a role page, the roles of its
/// organisation (with a link to every role and the group's title).
fn shown_children<'n>(
    linker: &Linker,
    node: &'n NavNode,
    current: Target,
) -> (Vec<&'n NavNode>, Option<More>, Option<String>) {
    let site = linker.site;
    let all: Vec<&NavNode> = node.children.iter().collect();
    let is_role_page = node.target == Target::Generated(Generated::Roles)
        && node.children.iter().any(|c| c.target == current);
    if is_role_page {
        let org = organisation_id(site, current);
        let same: Vec<&NavNode> = all
            .iter()
            .copied()
            .filter(|c| organisation_id(site, c.target) == org)
            .collect();
        if same.len() < all.len() {
            let title = organisation(site, current)
                .and_then(|o| site.config.entry(o))
                .map(|x| x.title.clone());
            let more = More {
                href: linker.href(node.target, None),
                count: all.len(),
            };
            return (same, Some(more), title);
        }
    }
    (all, None, None)
}

fn items(
    linker: &Linker,
    nodes: &[&NavNode],
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
            let (children, more, group) = if open {
                let (kids, more, group) = shown_children(linker, node, current);
                (
                    items(linker, &kids, current, path, Some(node.target)),
                    more,
                    group,
                )
            } else {
                (Vec::new(), None, None)
            };
            let mut item = NavItem {
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
                group,
                children,
                more: None,
            };
            if let (Some(more), Some(last)) = (more, item.children.last_mut()) {
                last.more = Some(more);
            }
            item
        })
        .collect();
    if let (Some(more), Some(last)) = (more, list.last_mut()) {
        last.more = Some(more);
    }
    list
}

/// Warns when two links of one navigation (the top level and the branch open
/// on some page) carry the same title, which leaves a reader guessing.
pub(crate) fn check_titles(site: &Site, strings: &Strings, diags: &Diagnostics) {
    let linker = Linker::new(site, strings, "", String::new());
    let (tools, rest) = top_level(site);
    let top: Vec<Target> = tools.iter().chain(&rest).map(|n| n.target).collect();
    let mut reported: HashSet<(Target, Target)> = HashSet::new();
    let mut check = |visible: &[Target]| {
        let mut seen: HashMap<String, Target> = HashMap::new();
        for t in visible {
            let key = linker.title(*t).trim().to_lowercase();
            match seen.get(&key) {
                Some(first) if reported.insert((*first, *t)) => warn(&linker, *first, *t, diags),
                Some(_) => {}
                None => {
                    seen.insert(key, *t);
                }
            }
        }
    };
    check(&top);
    fn walk(nodes: &[NavNode], visible: &mut Vec<Target>, check: &mut dyn FnMut(&[Target])) {
        for node in nodes.iter().filter(|n| !n.children.is_empty()) {
            let before = visible.len();
            visible.extend(node.children.iter().map(|c| c.target));
            check(visible);
            walk(&node.children, visible, check);
            visible.truncate(before);
        }
    }
    let mut visible = top;
    walk(&site.nav, &mut visible, &mut check);
}

fn warn(linker: &Linker, first: Target, second: Target, diags: &Diagnostics) {
    let site = linker.site;
    // The warning goes to a page an editor wrote, the later one when both are.
    let (at, other) = match (site.page_of(second), site.page_of(first)) {
        (Some(page), _) => (page, first),
        (None, Some(page)) => (page, second),
        (None, None) => return,
    };
    let other_name = match site.page_of(other) {
        Some(p) => crate::diagnostics::display_path(&p.source),
        None => format!("the generated page /{}", site.local_url(other)),
    };
    diags.push(
        Diagnostic::warning(
            &at.source,
            at.meta.title.pos,
            format!(
                "two links of the navigation read '{}': this page and {other_name}",
                linker.title(second)
            ),
        )
        .with_help(Some("give one of the pages a title of its own".into())),
    );
}
