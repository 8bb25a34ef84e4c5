//! What changed between two versions of a handbook: pages added, removed,
//! moved and changed, each change shown block by block (paragraphs, list
//! items, table rows, headings, and front-matter facts such as a role's
//! responsibility in a phase or an activity's week), and changed attachments.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::markdown::parser;
use crate::model::PageId;
use crate::resolve::refs::alias_url;
use crate::resolve::{Site, scheme_of};
use crate::schema::{self, facts};

/// How a page differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ChangeKind {
    Added,
    Removed,
    Changed,
    /// Renamed or moved: the old id (the page may have changed too).
    Moved {
        from: String,
    },
}

/// One line of a block diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    Same(String),
    Inserted(String),
    Deleted(String),
}

/// A page that differs, with its block diff.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub kind: ChangeKind,
    /// The link scheme of its type: `fase`, `rolle`, ..., `side` for chapters.
    pub scheme: &'static str,
    pub id: String,
    pub title: String,
    /// Page indexes in the old and the new site.
    pub old: Option<PageId>,
    pub new: Option<PageId>,
    pub blocks: Vec<Block>,
}

/// An attachment whose bytes differ (or that came or went).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AttachmentChange {
    pub rel: String,
    pub old_size: Option<u64>,
    pub new_size: Option<u64>,
}

/// All differences from `old` to `new`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Changes {
    pub pages: Vec<Change>,
    pub attachments: Vec<AttachmentChange>,
}

pub(crate) use crate::schema::facts::Labels;

/// Compares two resolved sites.
pub(crate) fn compare(old: &Site, new: &Site, labels: Labels) -> Changes {
    let matched = Matched::new(old, new);
    let mut pages = matched.added_and_changed(labels);
    pages.extend(matched.removed(labels));
    Changes {
        pages,
        attachments: attachments(old, new),
    }
}

/// A page's link scheme and id: the same page in both versions has the same key.
type PageKey = (&'static str, String);

fn page_key(site: &Site, i: PageId) -> PageKey {
    (
        scheme_of(&site.pages[i].kind),
        site.pages[i].meta.id.value.clone(),
    )
}

/// The pages of two versions matched up: by key, or as moved.
struct Matched<'a> {
    old: &'a Site,
    new: &'a Site,
    old_keys: HashMap<PageKey, PageId>,
    new_keys: HashMap<PageKey, PageId>,
    /// New page → the old page it replaces under another key.
    moved_from: HashMap<PageId, PageId>,
}

impl<'a> Matched<'a> {
    fn new(old: &'a Site, new: &'a Site) -> Matched<'a> {
        let keys = |site: &Site| site.page_ids().map(|i| (page_key(site, i), i)).collect();
        let (old_keys, new_keys) = (keys(old), keys(new));
        Matched {
            moved_from: find_moves(old, new, &old_keys, &new_keys),
            old,
            new,
            old_keys,
            new_keys,
        }
    }

    /// The new version's pages that are new, moved or changed, in its handbook order.
    fn added_and_changed(&self, labels: Labels) -> Vec<Change> {
        let (old, new) = (self.old, self.new);
        let mut pages = Vec::new();
        for n in new_order(new) {
            let (scheme, id) = page_key(new, n);
            let (kind, o) = match (
                self.moved_from.get(&n),
                self.old_keys.get(&(scheme, id.clone())),
            ) {
                (Some(o), _) => (
                    ChangeKind::Moved {
                        from: old.pages[*o].meta.id.value.clone(),
                    },
                    Some(*o),
                ),
                (None, Some(o)) => (ChangeKind::Changed, Some(*o)),
                (None, None) => (ChangeKind::Added, None),
            };
            let new_blocks = blocks(new, n, labels);
            let old_blocks = o.map(|o| blocks(old, o, labels)).unwrap_or_default();
            if kind == ChangeKind::Changed && old_blocks == new_blocks {
                continue;
            }
            pages.push(Change {
                kind,
                scheme,
                id,
                title: new.pages[n].meta.title.value.clone(),
                old: o,
                new: Some(n),
                blocks: diff(&old_blocks, &new_blocks),
            });
        }
        pages
    }

    /// The old version's pages that are gone and not moved, in its handbook order.
    fn removed(&self, labels: Labels) -> Vec<Change> {
        let old = self.old;
        let moved_old: HashSet<PageId> = self.moved_from.values().copied().collect();
        new_order(old)
            .into_iter()
            .filter(|o| !self.new_keys.contains_key(&page_key(old, *o)) && !moved_old.contains(o))
            .map(|o| {
                let (scheme, id) = page_key(old, o);
                Change {
                    kind: ChangeKind::Removed,
                    scheme,
                    id,
                    title: old.pages[o].meta.title.value.clone(),
                    old: Some(o),
                    new: None,
                    blocks: diff(&blocks(old, o, labels), &[]),
                }
            })
            .collect()
    }
}

/// New page → the old page it replaces. A new page replaces an old one whose
/// key is gone when it lists the old page's URL among its aliases, or else
/// sits at the same source path with the same type.
fn find_moves(
    old: &Site,
    new: &Site,
    old_keys: &HashMap<PageKey, PageId>,
    new_keys: &HashMap<PageKey, PageId>,
) -> HashMap<PageId, PageId> {
    let gone = |o: PageId| !new_keys.contains_key(&page_key(old, o));
    let mut moved_from = HashMap::new();
    for (n, page) in new.pages_with_ids() {
        for alias in &page.meta.aliases {
            let url = alias_url(&alias.value);
            if let Some(o) = old
                .page_ids()
                .find(|o| old.local_url(old.target_of(*o)) == url)
                && gone(o)
            {
                moved_from.insert(n, o);
            }
        }
    }
    for (n, page) in new.pages_with_ids() {
        if moved_from.contains_key(&n) || old_keys.contains_key(&page_key(new, n)) {
            continue;
        }
        if let Some(o) = old.by_rel.get(&page.rel).copied()
            && scheme_of(&old.pages[o].kind) == scheme_of(&page.kind)
            && gone(o)
        {
            moved_from.insert(n, o);
        }
    }
    moved_from
}

/// Pages in handbook order, then any not in the order (intros).
fn new_order(site: &Site) -> Vec<PageId> {
    let mut seen = HashSet::new();
    let mut list: Vec<PageId> = site
        .order
        .iter()
        .filter_map(|t| site.page_id_of(*t))
        .filter(|i| seen.insert(*i))
        .collect();
    list.extend(site.page_ids().filter(|i| !seen.contains(i)));
    list
}

fn attachments(old: &Site, new: &Site) -> Vec<AttachmentChange> {
    let read = |site: &Site, rel: &str| std::fs::read(site.root.join("content").join(rel)).ok();
    let old_sizes: HashMap<&str, u64> = old
        .attachments
        .iter()
        .map(|a| (a.rel.as_str(), a.size))
        .collect();
    let new_sizes: HashMap<&str, u64> = new
        .attachments
        .iter()
        .map(|a| (a.rel.as_str(), a.size))
        .collect();
    let mut list = Vec::new();
    for a in &new.attachments {
        match old_sizes.get(a.rel.as_str()) {
            None => list.push(AttachmentChange {
                rel: a.rel.clone(),
                old_size: None,
                new_size: Some(a.size),
            }),
            Some(size) if *size != a.size || read(old, &a.rel) != read(new, &a.rel) => {
                list.push(AttachmentChange {
                    rel: a.rel.clone(),
                    old_size: Some(*size),
                    new_size: Some(a.size),
                })
            }
            Some(_) => {}
        }
    }
    for a in &old.attachments {
        if !new_sizes.contains_key(a.rel.as_str()) {
            list.push(AttachmentChange {
                rel: a.rel.clone(),
                old_size: Some(a.size),
                new_size: None,
            });
        }
    }
    list
}

/// The comparable blocks of a page: its front-matter facts (title and
/// summary first, as its schema table orders them), then its body.
pub(crate) fn blocks(site: &Site, index: PageId, labels: Labels) -> Vec<String> {
    let page = &site.pages[index];
    let table = schema::of(page.kind.page_type()).table;
    let mut out = facts::fact_lines(table, &page.front, labels);
    out.extend(body_blocks(&page.body));
    out
}

/// True for the tags whose content is one block of a diff.
fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Heading { .. }
            | Tag::Paragraph
            | Tag::TableRow
            | Tag::TableHead
            | Tag::CodeBlock(_)
            | Tag::Item
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Heading(_)
            | TagEnd::Paragraph
            | TagEnd::TableRow
            | TagEnd::TableHead
            | TagEnd::CodeBlock
            | TagEnd::Item
    )
}

/// The blocks of a markdown body: headings, paragraphs, list items, table rows,
/// code (a block nested in another, such as a paragraph in a list item, is part of it).
pub(crate) fn body_blocks(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start: Option<usize> = None;
    for (event, range) in parser(body) {
        match event {
            Event::Start(tag) if is_block(&tag) => {
                start.get_or_insert(range.start);
                depth += 1;
            }
            Event::End(tag) if is_block_end(&tag) => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some(s) = start.take()
                {
                    let text = body[s..range.end]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    if !text.is_empty() {
                        out.push(text);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A longest-common-subsequence diff of two block lists.
pub(crate) fn diff(old: &[String], new: &[String]) -> Vec<Block> {
    let (n, m) = (old.len(), new.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(n.max(m));
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            out.push(Block::Same(old[i].clone()));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push(Block::Inserted(new[j].clone()));
            j += 1;
        } else {
            out.push(Block::Deleted(old[i].clone()));
            i += 1;
        }
    }
    // Deletions before insertions where a block was replaced, so it reads old → new.
    for k in 1..out.len() {
        let mut at = k;
        while at > 0
            && matches!(out[at], Block::Deleted(_))
            && matches!(out[at - 1], Block::Inserted(_))
        {
            out.swap(at, at - 1);
            at -= 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn diffs_blocks_old_before_new() {
        let d = diff(&s(&["a", "b", "c"]), &s(&["a", "B", "c", "d"]));
        assert_eq!(
            d,
            vec![
                Block::Same("a".into()),
                Block::Deleted("b".into()),
                Block::Inserted("B".into()),
                Block::Same("c".into()),
                Block::Inserted("d".into()),
            ]
        );
    }

    #[test]
    fn body_blocks_are_paragraphs_items_rows_and_headings() {
        let body = "## Mål\n\nEt  afsnit\nover to linjer.\n\n- punkt 1\n- punkt 2\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        assert_eq!(
            body_blocks(body),
            s(&[
                "## Mål",
                "Et afsnit over to linjer.",
                "- punkt 1",
                "- punkt 2",
                "| a | b |",
                "| 1 | 2 |"
            ])
        );
    }
}
