//! The side navigation: the tools readers use most ("Værktøjer") first, then
//! the handbook in its order, with only the current branch opened (so the
//! output stays linear in the handbook's size). On a role page the roles
//! shown are those of the role's own group. [`check_titles`] warns when two
//! links of one navigation would read the same.

use serde::Serialize;
use std::collections::{HashMap, HashSet};
use tera::Value;

use super::links::Linker;
use super::made::Made;
use super::theme::{Strings, Theme};
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

/// The navigation of a page without one (404).
pub(crate) fn none() -> Value {
    view(Vec::new(), Vec::new())
}

fn view(tools: Vec<Value>, items: Vec<Value>) -> Value {
    object([("tools", Value::from(tools)), ("items", Value::from(items))])
}

/// A template object of these fields.
fn object<const N: usize>(fields: [(&'static str, Value); N]) -> Value {
    let map: tera::value::Map = fields
        .into_iter()
        .map(|(name, value)| (tera::value::Key::from(name), value))
        .collect();
    Value::from(map)
}

#[derive(Serialize)]
pub(crate) struct More {
    pub href: String,
    pub count: usize,
}

/// The entries of a navigation that are neither open nor current, by target
/// and by the folder depth of the page that links them: every page of that
/// depth shows them alike, so each is made, and its markup rendered, once per
/// rendering of a site (most of a navigation is such entries).
pub(crate) type ClosedEntries = Made<(Target, usize)>;

/// The theme's component that renders one entry of the navigation.
const ITEM_COMPONENT: &str = "navitem";

/// A closed entry with its markup in `html`, rendered once by the theme's
/// [`ITEM_COMPONENT`] for every page that shows it; as it was when the theme
/// has no such component (a list template of its own renders it). A broken
/// component is reported where a page renders it (the open entries).
fn with_markup(theme: &Theme, item: Value) -> Value {
    let mut args = tera::Context::new();
    args.insert_value("item", item.clone());
    match (
        theme
            .tera
            .render_component(ITEM_COMPONENT, &args, None, true),
        item.as_map(),
    ) {
        (Ok(html), Some(fields)) => {
            let mut fields = fields.clone();
            fields.insert("html".into(), Value::safe_string(&html));
            Value::from(fields)
        }
        _ => item,
    }
}

/// What sets an entry apart from its closed form.
#[derive(Default)]
struct Entry {
    current: bool,
    open: bool,
    group: Option<String>,
    children: Vec<Value>,
    more: Option<More>,
}

/// One entry of the navigation (see [`none`] for its fields).
fn entry(linker: &Linker, node: &NavNode, e: Entry) -> Value {
    let target = node.target;
    let status = linker
        .site
        .page_of(target)
        .map(|p| p.meta.status)
        .filter(|s| *s != Status::Published);
    object([
        ("title", Value::from(linker.title(target))),
        ("number", Value::from_serializable(&linker.number(target))),
        ("href", Value::from(linker.href(target, None))),
        ("current", Value::from(e.current)),
        ("open", Value::from(e.open)),
        ("has_children", Value::from(!node.children.is_empty())),
        ("status", Value::from_serializable(&status)),
        ("group", Value::from_serializable(&e.group)),
        ("children", Value::from(e.children)),
        ("more", Value::from_serializable(&e.more)),
    ])
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

/// The navigation for the page `current` as the templates see it:
/// `nav.tools` ("Værktøjer", in the order of [`TOOLS`]) and `nav.items` (the
/// handbook's chapters and sections). Each entry has `title`, `number`,
/// `href`, `current`, `open`, `has_children`, `status` (`planned` or `draft`
/// for pages that are not published yet), `group` (the label of the children
/// shown when they are one group of several: "Kommunale roller" on a role
/// page), `children` and `more` (when children were left out: `href` of the
/// parent's full list and their `count`). Built as template values, so the
/// closed entries, taken from `closed`, are shared and not serialised or
/// rendered again: each carries its markup in `html` (see [`with_markup`]).
pub(crate) fn nav(
    linker: &Linker,
    current: Target,
    closed: &ClosedEntries,
    theme: &Theme,
) -> Value {
    let path = linker.site.ancestors(current);
    let (tools, rest) = top_level(linker.site);
    let list = |nodes: &[&NavNode]| {
        List {
            linker,
            current,
            path: &path,
            closed,
            theme,
            depth: linker.depth(),
        }
        .items(nodes, None, None)
    };
    view(list(&tools), list(&rest))
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

/// What every list of one page's navigation is made with.
struct List<'l> {
    linker: &'l Linker<'l>,
    current: Target,
    path: &'l [Target],
    closed: &'l ClosedEntries,
    theme: &'l Theme,
    /// The folder depth of the page (the closed entries' key).
    depth: usize,
}

impl List<'_> {
    /// The entries of `nodes`, children of `parent`; `more` (the link to a
    /// group's full list) goes on the last entry shown.
    fn items(&self, nodes: &[&NavNode], parent: Option<Target>, more: Option<More>) -> Vec<Value> {
        let linker = self.linker;
        let (shown, windowed) = if nodes.len() > MAX_CHILDREN {
            let at = nodes
                .iter()
                .position(|n| n.target == self.current || self.path.contains(&n.target))
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
        let mut last_more = more.or(windowed);
        let last = shown.len().saturating_sub(1);
        shown
            .iter()
            .enumerate()
            .map(|(k, node)| {
                let current = node.target == self.current;
                let open = current || self.path.contains(&node.target);
                let more = if k == last { last_more.take() } else { None };
                if !open && more.is_none() {
                    let key = (node.target, self.depth);
                    return self.closed.get(key, || {
                        with_markup(self.theme, entry(linker, node, Entry::default()))
                    });
                }
                let (children, group) = if open {
                    let (kids, more, group) = shown_children(linker, node, self.current);
                    (self.items(&kids, Some(node.target), more), group)
                } else {
                    (Vec::new(), None)
                };
                let e = Entry {
                    current,
                    open,
                    group,
                    children,
                    more,
                };
                entry(linker, node, e)
            })
            .collect()
    }
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
