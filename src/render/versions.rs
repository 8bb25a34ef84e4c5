//! Versions as readers see them: the switcher on every page, the banner on
//! older versions, "Ændret i version X", the change lists of `/versioner/`,
//! and one diff page per changed page.

use serde::Serialize;

use super::links::{Link, Linker};
use super::views::format_date;
use crate::model::{Generated, PageId, PageType};
use crate::resolve::refs::alias_url;
use crate::resolve::{Site, Target};
use crate::versions::diff::{Block, Change, ChangeKind, Changes};

/// One rendered version of a build.
pub(crate) struct VersionSite<'a> {
    pub version: String,
    pub date: Option<String>,
    pub site: &'a Site,
    /// The folder the version is rendered into: `1.0/`, `udkast/`.
    pub prefix: String,
    /// The working copy (`/udkast/`), not a release.
    pub draft: bool,
}

impl VersionSite<'_> {
    /// The URL of a target of this version from the top of the output.
    pub(crate) fn url(&self, target: Target) -> String {
        format!("{}{}", self.prefix, self.site.local_url(target))
    }
}

/// Every version of a build, oldest release first, then the working copy.
pub(crate) struct Versions<'a> {
    pub entries: Vec<VersionSite<'a>>,
    /// The newest release, shown at `/` too.
    pub newest: Option<usize>,
    /// For each entry: what changed since the release before it.
    pub changes: Vec<Option<Changes>>,
}

/// The folder of a release's diff pages: `versioner/1.1/aendringer/`.
pub(crate) fn diff_folder(version: &str) -> String {
    format!("versioner/{version}/aendringer/")
}

/// The URL of one change's diff page.
pub(crate) fn diff_url(version: &str, change: &Change) -> String {
    format!("{}{}/{}/", diff_folder(version), change.scheme, change.id)
}

impl Versions<'_> {
    /// The target in version `k` that shows what `local_url` shows (same URL, or an alias of it).
    fn same_page(&self, k: usize, local_url: &str) -> Option<Target> {
        let site = self.entries[k].site;
        if let Some(t) = site.by_url.get(local_url) {
            return Some(*t);
        }
        site.page_ids()
            .find(|i| {
                site.pages[*i]
                    .meta
                    .aliases
                    .iter()
                    .any(|a| alias_url(&a.value) == local_url)
            })
            .map(|i| site.target_of(i))
    }

    /// The change of page `index` of version `k` in that release, if it changed.
    fn change_of(&self, k: usize, index: PageId) -> Option<&Change> {
        self.changes
            .get(k)?
            .as_ref()?
            .pages
            .iter()
            .find(|c| c.new == Some(index))
    }
}

#[derive(Serialize)]
pub(crate) struct VersionNav {
    pub current: String,
    pub items: Vec<SwitchItem>,
    pub banner: Option<Banner>,
    pub changed_in: Option<Link>,
}

#[derive(Serialize)]
pub(crate) struct SwitchItem {
    pub version: String,
    pub date: Option<String>,
    pub href: String,
    pub current: bool,
    /// The page does not exist in that version: the link goes to its front page.
    pub missing: bool,
    pub draft: bool,
}

#[derive(Serialize)]
pub(crate) struct Banner {
    pub version: String,
    pub date: Option<String>,
    pub newest: String,
    pub href: String,
}

/// The version bar of a page of version `current`.
pub(crate) fn version_nav(
    linker: &Linker,
    versions: &Versions,
    current: usize,
    target: Target,
) -> VersionNav {
    let local = linker.site.local_url(target);
    let href_in = |k: usize| -> (String, bool) {
        match versions.same_page(k, &local) {
            Some(t) => (linker.relative(&versions.entries[k].url(t)), false),
            None => (
                format!(
                    "{}#side-findes-ikke",
                    linker.relative(&versions.entries[k].prefix)
                ),
                true,
            ),
        }
    };
    let items = versions
        .entries
        .iter()
        .enumerate()
        .rev()
        .map(|(k, v)| {
            let (href, missing) = href_in(k);
            SwitchItem {
                version: v.version.clone(),
                date: v.date.as_deref().map(format_date),
                href,
                current: k == current,
                missing,
                draft: v.draft,
            }
        })
        .collect();
    let entry = &versions.entries[current];
    let banner = versions
        .newest
        .filter(|n| *n != current && !entry.draft)
        .map(|n| {
            let (href, _) = href_in(n);
            Banner {
                version: entry.version.clone(),
                date: entry.date.as_deref().map(format_date),
                newest: versions.entries[n].version.clone(),
                href,
            }
        });
    let changed_in = match target {
        Target::Page(i) if !entry.draft => versions.change_of(current, i).map(|c| Link {
            title: entry.version.clone(),
            href: Some(linker.relative(&diff_url(&entry.version, c))),
            number: None,
        }),
        _ => None,
    };
    VersionNav {
        current: entry.version.clone(),
        items,
        banner,
        changed_in,
    }
}

#[derive(Serialize)]
pub(crate) struct ReleaseChanges {
    pub version: String,
    pub previous: Option<String>,
    pub groups: Vec<ChangeGroup>,
    pub attachments: Vec<AttachmentRow>,
    pub count: usize,
}

#[derive(Serialize)]
pub(crate) struct ChangeGroup {
    /// The type's name from the string table (Faser, Roller, ..., Kapitler).
    pub title: String,
    pub entries: Vec<ChangeRow>,
}

#[derive(Serialize)]
pub(crate) struct ChangeRow {
    pub title: String,
    /// added | removed | changed | moved
    pub kind: &'static str,
    pub moved_from: Option<String>,
    pub href: String,
}

#[derive(Serialize)]
pub(crate) struct AttachmentRow {
    pub name: String,
    pub old_size: Option<String>,
    pub new_size: Option<String>,
}

fn kind_name(kind: &ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "added",
        ChangeKind::Removed => "removed",
        ChangeKind::Changed => "changed",
        ChangeKind::Moved { .. } => "moved",
    }
}

/// The plural title of a change group by link scheme.
fn group_key(scheme: &str) -> &'static str {
    match PageType::from_scheme(scheme) {
        Some(t) => Generated::of_type(t).title_key(),
        None => "changes_chapters",
    }
}

/// "Hvad er ændret" for every release after the first, newest first.
pub(crate) fn release_changes(linker: &Linker, versions: &Versions) -> Vec<ReleaseChanges> {
    let order = [
        "fase",
        "rolle",
        "vejledning",
        "skabelon",
        "uddannelse",
        "laesevejledning",
        "side",
    ];
    let mut out = Vec::new();
    for (k, entry) in versions.entries.iter().enumerate().rev() {
        let Some(Some(changes)) = versions.changes.get(k) else {
            continue;
        };
        let previous = versions.entries[..k]
            .iter()
            .rev()
            .find(|e| !e.draft)
            .map(|e| e.version.clone());
        let groups = order
            .iter()
            .filter_map(|scheme| {
                let entries: Vec<ChangeRow> = changes
                    .pages
                    .iter()
                    .filter(|c| c.scheme == *scheme)
                    .map(|c| ChangeRow {
                        title: c.title.clone(),
                        kind: kind_name(&c.kind),
                        moved_from: match &c.kind {
                            ChangeKind::Moved { from } => Some(from.clone()),
                            _ => None,
                        },
                        href: linker.relative(&diff_url(&entry.version, c)),
                    })
                    .collect();
                (!entries.is_empty()).then(|| ChangeGroup {
                    title: linker.strings.get(group_key(scheme)),
                    entries,
                })
            })
            .collect();
        let attachments = changes
            .attachments
            .iter()
            .map(|a| AttachmentRow {
                name: a.rel.clone(),
                old_size: a.old_size.map(super::views::format_size),
                new_size: a.new_size.map(super::views::format_size),
            })
            .collect();
        out.push(ReleaseChanges {
            version: entry.version.clone(),
            previous,
            groups,
            attachments,
            count: changes.pages.len() + changes.attachments.len(),
        });
    }
    out
}

#[derive(Serialize)]
pub(crate) struct DiffView {
    pub version: String,
    pub previous: Option<String>,
    pub kind: &'static str,
    pub moved_from: Option<String>,
    pub type_name: String,
    pub title: String,
    pub new_href: Option<String>,
    pub old_href: Option<String>,
    pub blocks: Vec<DiffBlock>,
    pub versions_href: String,
}

#[derive(Serialize)]
pub(crate) struct DiffBlock {
    /// same | ins | del
    pub kind: &'static str,
    pub text: String,
}

/// The diff page of change `change` of version `k`.
pub(crate) fn diff_view(
    linker: &Linker,
    versions: &Versions,
    k: usize,
    change: &Change,
) -> DiffView {
    let entry = &versions.entries[k];
    let previous = versions.entries[..k].iter().rposition(|e| !e.draft);
    let page_href = |version: &VersionSite, index: Option<PageId>| {
        index.map(|i| linker.relative(&version.url(version.site.target_of(i))))
    };
    DiffView {
        version: entry.version.clone(),
        previous: previous.map(|p| versions.entries[p].version.clone()),
        kind: kind_name(&change.kind),
        moved_from: match &change.kind {
            ChangeKind::Moved { from } => Some(from.clone()),
            _ => None,
        },
        type_name: match PageType::from_scheme(change.scheme) {
            Some(t) => linker.strings.get(t.name_key()),
            None => linker.strings.get("type_chapter"),
        },
        title: change.title.clone(),
        new_href: page_href(entry, change.new),
        old_href: previous.and_then(|p| page_href(&versions.entries[p], change.old)),
        blocks: change
            .blocks
            .iter()
            .map(|b| match b {
                Block::Same(t) => DiffBlock {
                    kind: "same",
                    text: t.clone(),
                },
                Block::Inserted(t) => DiffBlock {
                    kind: "ins",
                    text: t.clone(),
                },
                Block::Deleted(t) => DiffBlock {
                    kind: "del",
                    text: t.clone(),
                },
            })
            .collect(),
        versions_href: linker.relative("versioner/"),
    }
}

impl super::Renderer<'_> {
    /// The diff page of change `change` of version `k`, in the site's layout.
    pub(super) fn diff_page(&self, k: usize, change: usize) -> Option<String> {
        let (all, _) = self.versions?;
        let entry = &all.entries[k];
        let c = all.changes.get(k)?.as_ref()?.pages.get(change)?;
        let url = diff_url(&entry.version, c);
        let linker = self.linker(url.clone());
        let view = diff_view(&linker, all, k, c);
        let at = Target::Generated(Generated::Versions);
        let mut ctx = tera::Context::new();
        let title = self.theme.strings.fill(
            "diff_title",
            &[("title", &view.title), ("version", &view.version)],
        );
        let page = super::PageView {
            type_name: Some(view.type_name.clone()),
            chapter: false,
            ..super::PageView::generated("diff", title, url)
        };
        ctx.insert("page", &page);
        ctx.insert("data", &view);
        self.layout(&linker, at, &mut ctx);
        self.insert_versions(&linker, at, &mut ctx);
        ctx.insert("release_changes", &Vec::<()>::new());
        self.theme.render("page.html", &ctx, self.diags)
    }
}
