//! Handbook order: the navigation tree, the reading order and the numbers of
//! chapters, sections and headings.
//!
//! Free chapters come first (by `order`, then title), then the typed sections
//! (faser, roller, ...) and the generated overviews, which are unnumbered like
//! appendices unless an `index.md` gives them an `order`.

use std::collections::HashMap;

use super::{Site, Target};
use crate::model::{Generated, Page, PageId, PageKind, PageType};

/// A node of the navigation tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NavNode {
    pub target: Target,
    pub children: Vec<NavNode>,
}

/// Chapter, section and heading numbers (only with `numbered: true`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Numbering {
    pub pages: HashMap<PageId, String>,
    /// Per page, one entry per heading of its scan.
    pub headings: HashMap<PageId, Vec<Option<String>>>,
}

type SortKey = (i64, i64, String);

fn page_key(page: &Page) -> SortKey {
    (
        page.meta.order.unwrap_or(i64::MAX),
        0,
        page.meta.title.value.to_lowercase(),
    )
}

/// Builds the navigation tree, the handbook order, the parents and the numbering.
pub(crate) fn build(site: &mut Site) {
    let mut top: Vec<(SortKey, i64, NavNode)> = Vec::new();
    for node in chapter_tree(site) {
        let key = site
            .page_of(node.target)
            .map_or((i64::MAX, 0, String::new()), page_key);
        top.push((key, 0, node));
    }
    let sections = [
        (Generated::Phases, Some(PageType::Phase)),
        (Generated::Roles, Some(PageType::Role)),
        (Generated::Guides, Some(PageType::Guide)),
        (Generated::Templates, Some(PageType::Template)),
        (Generated::Trainings, Some(PageType::Training)),
        (Generated::ReadingGuides, Some(PageType::ReadingGuide)),
        (Generated::Tasks, None),
        (Generated::Matrix, None),
        (Generated::Versions, None),
    ];
    for (rank, (generated, page_type)) in sections.into_iter().enumerate() {
        let order = site
            .intros
            .get(&generated)
            .and_then(|i| site.pages[*i].meta.order)
            .unwrap_or(i64::MAX);
        let children = page_type.map_or_else(Vec::new, |t| typed_children(site, t));
        let node = NavNode {
            target: Target::Generated(generated),
            children,
        };
        top.push(((order, 1, String::new()), rank as i64, node));
    }
    top.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    site.nav = top.into_iter().map(|(_, _, n)| n).collect();

    let mut order = Vec::new();
    if let Some(front) = site.front {
        order.push(Target::Page(front));
    }
    let mut parents = HashMap::new();
    let mut children = HashMap::new();
    fn walk(
        nodes: &[NavNode],
        parent: Option<Target>,
        order: &mut Vec<Target>,
        parents: &mut HashMap<Target, Target>,
        children: &mut HashMap<Target, Vec<Target>>,
    ) {
        for node in nodes {
            order.push(node.target);
            if let Some(p) = parent {
                parents.insert(node.target, p);
            }
            if !node.children.is_empty() {
                children.insert(
                    node.target,
                    node.children.iter().map(|c| c.target).collect(),
                );
            }
            walk(&node.children, Some(node.target), order, parents, children);
        }
    }
    walk(&site.nav, None, &mut order, &mut parents, &mut children);
    site.children = children;
    site.by_url = order.iter().map(|t| (site.local_url(*t), *t)).collect();
    site.order = order;
    site.parents = parents;
    if site.config.numbered {
        site.numbering = number(site);
    }
}

/// Free chapters as a tree by folder: `a/index.md` is the parent of `a/b.md`.
fn chapter_tree(site: &Site) -> Vec<NavNode> {
    let chapters: Vec<PageId> = site
        .page_ids()
        .filter(|i| matches!(site.pages[*i].kind, PageKind::Chapter))
        .collect();
    let folder_index: HashMap<String, PageId> = chapters
        .iter()
        .filter_map(|i| {
            site.pages[*i]
                .rel
                .strip_suffix("/index.md")
                .map(|f| (f.to_string(), *i))
        })
        .collect();
    let mut children: HashMap<Option<PageId>, Vec<PageId>> = HashMap::new();
    for &i in &chapters {
        let rel = &site.pages[i].rel;
        let own_folder = rel.strip_suffix("/index.md").unwrap_or(rel);
        let mut folder = own_folder.rsplit_once('/').map(|(f, _)| f.to_string());
        let parent = loop {
            match folder {
                Some(f) => match folder_index.get(&f) {
                    Some(p) if *p != i => break Some(*p),
                    _ => folder = f.rsplit_once('/').map(|(g, _)| g.to_string()),
                },
                None => break None,
            }
        };
        children.entry(parent).or_default().push(i);
    }
    fn make(
        site: &Site,
        parent: Option<PageId>,
        children: &HashMap<Option<PageId>, Vec<PageId>>,
    ) -> Vec<NavNode> {
        let mut kids = children.get(&parent).cloned().unwrap_or_default();
        kids.sort_by_cached_key(|i| (page_key(&site.pages[*i]), site.pages[*i].rel.clone()));
        kids.into_iter()
            .map(|i| NavNode {
                target: Target::Page(i),
                children: make(site, Some(i), children),
            })
            .collect()
    }
    make(site, None, &children)
}

/// The pages of a typed section as nav nodes, in their natural order.
fn typed_children(site: &Site, t: PageType) -> Vec<NavNode> {
    let mut pages: Vec<PageId> = site
        .typed
        .iter()
        .filter(|((pt, _), _)| *pt == t)
        .map(|(_, i)| *i)
        .collect();
    let leaf = |i: PageId| NavNode {
        target: Target::Page(i),
        children: Vec::new(),
    };
    match t {
        PageType::Phase => phase_tree(site, &pages),
        PageType::Role => {
            pages.sort_by_cached_key(|i| {
                let page = &site.pages[*i];
                let org = match &page.kind {
                    PageKind::Role(r) => r.organisation.as_ref().and_then(|o| o.entry),
                    _ => None,
                };
                (org.unwrap_or(usize::MAX), page_key(page))
            });
            pages.into_iter().map(leaf).collect()
        }
        PageType::ReadingGuide => (0..site.config.audiences.len())
            .map(|a| NavNode {
                target: Target::ReadingGuide(a),
                children: Vec::new(),
            })
            .collect(),
        _ => {
            pages.sort_by_cached_key(|i| page_key(&site.pages[*i]));
            pages.into_iter().map(leaf).collect()
        }
    }
}

/// Phases with their sub-phases below them, by phase number, order and start week.
fn phase_tree(site: &Site, pages: &[PageId]) -> Vec<NavNode> {
    let parent_of = |i: PageId| match &site.pages[i].kind {
        PageKind::Phase(p) => p.parent.as_ref().and_then(|r| r.page).filter(|j| *j != i),
        _ => None,
    };
    let key = |i: &PageId| {
        let page = &site.pages[*i];
        let (phase, from) = match &page.kind {
            PageKind::Phase(p) => (
                p.phase.as_ref().map(|n| n.value),
                p.weeks.as_ref().map(|w| w.value.from),
            ),
            _ => (None, None),
        };
        (
            phase.unwrap_or(i64::MAX),
            page.meta.order.unwrap_or(i64::MAX),
            from.unwrap_or(i64::MAX),
            page_key(page).2,
        )
    };
    fn make(
        parent: Option<PageId>,
        pages: &[PageId],
        parent_of: &dyn Fn(PageId) -> Option<PageId>,
        key: &dyn Fn(&PageId) -> (i64, i64, i64, String),
        depth: usize,
    ) -> Vec<NavNode> {
        let mut kids: Vec<PageId> = pages
            .iter()
            .copied()
            .filter(|i| parent_of(*i) == parent)
            .collect();
        kids.sort_by_cached_key(key);
        kids.into_iter()
            .map(|i| NavNode {
                target: Target::Page(i),
                // A parent cycle is reported by `refs`; the depth bound keeps the tree finite.
                children: if depth < 8 {
                    make(Some(i), pages, parent_of, key, depth + 1)
                } else {
                    Vec::new()
                },
            })
            .collect()
    }
    let mut tree = make(None, pages, &parent_of, &key, 0);
    // Phases caught in a parent cycle have no root; show them at the top level.
    let mut seen = std::collections::HashSet::new();
    fn mark(nodes: &[NavNode], seen: &mut std::collections::HashSet<Target>) {
        for n in nodes {
            seen.insert(n.target);
            mark(&n.children, seen);
        }
    }
    mark(&tree, &mut seen);
    let mut orphans: Vec<PageId> = pages
        .iter()
        .copied()
        .filter(|i| !seen.contains(&Target::Page(*i)))
        .collect();
    orphans.sort_by_cached_key(key);
    tree.extend(orphans.into_iter().map(|i| NavNode {
        target: Target::Page(i),
        children: Vec::new(),
    }));
    tree
}

/// Numbers chapters in nav order, their headings, then their sub-sections.
fn number(site: &Site) -> Numbering {
    let mut numbering = Numbering::default();
    let mut chapter = 0;
    for node in &site.nav {
        if let Target::Page(i) = node.target
            && matches!(site.pages[i].kind, PageKind::Chapter)
        {
            chapter += 1;
            number_node(site, node, chapter.to_string(), &mut numbering);
        }
    }
    numbering
}

fn number_node(site: &Site, node: &NavNode, number: String, numbering: &mut Numbering) {
    let Target::Page(i) = node.target else { return };
    let mut counters: Vec<u32> = Vec::new();
    let mut headings = Vec::new();
    for h in &site.pages[i].scan.headings {
        let depth = (h.level.max(2) as usize - 2).min(counters.len());
        counters.truncate(depth + 1);
        if counters.len() <= depth {
            counters.push(0);
        }
        counters[depth] += 1;
        let parts: Vec<String> = counters.iter().map(u32::to_string).collect();
        headings.push(Some(format!("{number}.{}", parts.join("."))));
    }
    numbering.headings.insert(i, headings);
    let top_headings = counters.first().copied().unwrap_or(0);
    let mut k = top_headings;
    for child in &node.children {
        k += 1;
        number_node(site, child, format!("{number}.{k}"), numbering);
    }
    numbering.pages.insert(i, number);
}
