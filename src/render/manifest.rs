//! The list of every output file and what makes it. `build` renders the whole
//! list; the preview server renders one entry when a browser asks for it.

use std::collections::HashSet;
use std::path::PathBuf;

use super::print::{self, PrintScope};
use super::versions::{Versions, diff_url};
use super::{Output, Renderer, feeds};
use crate::diagnostics::Pos;
use crate::diagnostics::internal::for_file;
use crate::model::{Generated, PageId, PageType};
use crate::resolve::Target;
use crate::versions::diff::ChangeKind;

/// The diff pages of every release, and redirects for pages that moved
/// (from their URL in the release before to their URL now, at the root).
fn version_entries(all: &Versions) -> Vec<(String, Entry)> {
    let mut list = Vec::new();
    for (k, changes) in all.changes.iter().enumerate() {
        let Some(changes) = changes else { continue };
        if all.entries[k].draft {
            continue;
        }
        for (c, change) in changes.pages.iter().enumerate() {
            let path = format!("{}index.html", diff_url(&all.entries[k].version, change));
            list.push((
                path,
                Entry::Diff {
                    version: k,
                    change: c,
                },
            ));
        }
    }
    if let Some(newest) = all.newest {
        let site = all.entries[newest].site;
        for (k, changes) in all.changes.iter().enumerate().take(newest + 1) {
            let (Some(changes), Some(prev)) =
                (changes, all.entries[..k].iter().rposition(|e| !e.draft))
            else {
                continue;
            };
            for change in changes
                .pages
                .iter()
                .filter(|c| matches!(c.kind, ChangeKind::Moved { .. }))
            {
                let (Some(old), Some(new)) = (change.old, change.new) else {
                    continue;
                };
                let old_site = all.entries[prev].site;
                let from = old_site.local_url(old_site.target_of(old));
                let Some(now) = all.entries[k].site.pages.get(new.index()) else {
                    continue;
                };
                let to_key = (
                    crate::resolve::scheme_of(&now.kind),
                    now.meta.id.value.clone(),
                );
                let target = site
                    .page_ids()
                    .find(|i| {
                        (
                            crate::resolve::scheme_of(&site.pages[*i].kind),
                            site.pages[*i].meta.id.value.clone(),
                        ) == to_key
                    })
                    .map(|i| site.local_url(site.target_of(i)));
                if let Some(to) = target {
                    list.push((format!("{from}index.html"), Entry::Moved { from, to }));
                }
            }
        }
    }
    list
}

/// What produces one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Entry {
    Page(Target),
    /// `/` when the handbook has no `content/index.md`.
    GeneratedFront,
    /// The whole handbook, a chapter or a reading guide as one document.
    Print(PrintScope),
    NotFound,
    Sitemap,
    Feed,
    /// An alias: a redirect page in `folder` to page `page`.
    Redirect {
        page: PageId,
        folder: String,
    },
    /// A theme asset by name.
    Asset(String),
    /// A file copied byte for byte (attachment or `static/`).
    Copy(PathBuf),
    /// A finished download (the PDF, the offline copy), copied into the version's folder.
    Download(PathBuf),
    /// The diff page of change `change` of version `version` (index into the build's versions).
    Diff {
        version: usize,
        change: usize,
    },
    /// A redirect from a URL a page had in an older version to where it is now.
    Moved {
        from: String,
        to: String,
    },
    /// `/was/`: a redirect to the accessibility statement of handbook.yaml.
    AccessibilityStatement,
    /// The search results page of a site.
    SearchPage,
    /// A file of the search index (`soeg/<name>`).
    Search(String),
    /// `/opgaver/<role-id>/`: the plan of a role.
    RolePlan(PageId),
    /// `plan.ics` or `plan.csv` of `/opgaver/` (role None) or of a role plan;
    /// written only with a go-live date.
    PlanFile {
        role: Option<PageId>,
        csv: bool,
    },
}

impl Renderer<'_> {
    /// Every output path with its entry; generated files win over copied ones,
    /// and a copied file that collides is reported at its source.
    pub(crate) fn manifest(&self) -> Vec<(String, Entry)> {
        let mut list = self.page_entries();
        if self.site.front.is_none() {
            list.push((format!("{}index.html", self.prefix), Entry::GeneratedFront));
        }
        self.push_print_and_search(&mut list);
        self.push_plans(&mut list);
        // The site at the root also carries what the whole build shares.
        if self.prefix.is_empty() {
            self.push_shared(&mut list);
        }
        for (path, page, folder) in feeds::aliases(self) {
            list.push((path, Entry::Redirect { page, folder }));
        }
        self.push_files(&mut list);
        self.without_overwrites(list)
    }

    /// The print pages (the whole handbook, each chapter, each reading
    /// guide with steps), the search page and the search index's files.
    fn push_print_and_search(&self, list: &mut Vec<(String, Entry)>) {
        let site = self.site;
        let prefix = self.prefix.as_str();
        let scopes = std::iter::once(PrintScope::All)
            .chain(print::chapters(site).into_iter().map(PrintScope::Chapter))
            .chain(
                (0..site.config.audiences.len())
                    .filter(|a| !site.reading[*a].steps.is_empty())
                    .map(PrintScope::Guide),
            );
        for scope in scopes {
            list.push((
                format!("{prefix}{}index.html", print::print_url(site, &scope)),
                Entry::Print(scope),
            ));
        }
        list.push((format!("{prefix}soeg/index.html"), Entry::SearchPage));
        if !self.lazy_search {
            for name in self.search_files().keys() {
                list.push((format!("{prefix}soeg/{name}"), Entry::Search(name.clone())));
            }
        }
    }

    /// Each role's plan page, and with a go-live date the calendar and task
    /// list of `/opgaver/` and of each role plan.
    fn push_plans(&self, list: &mut Vec<(String, Entry)>) {
        let site = self.site;
        let prefix = self.prefix.as_str();
        let tasks = format!("{prefix}{}/", Generated::Tasks.folder());
        let go_live = site.options.go_live.is_some();
        for role in
            std::iter::once(None).chain(site.pages_of_type(PageType::Role).map(|(i, _)| Some(i)))
        {
            let folder = match role {
                Some(r) => {
                    let url = format!(
                        "{prefix}{}",
                        super::plan::role_plan_url(&site.pages[r].meta.id.value)
                    );
                    list.push((format!("{url}index.html"), Entry::RolePlan(r)));
                    url
                }
                None => tasks.clone(),
            };
            if go_live {
                for csv in [false, true] {
                    let name = if csv { "plan.csv" } else { "plan.ics" };
                    list.push((format!("{folder}{name}"), Entry::PlanFile { role, csv }));
                }
            }
        }
    }

    /// What the site at the root carries for the whole build: the 404 page,
    /// sitemap, feed, `/was/`, the theme's assets and the versions' pages.
    fn push_shared(&self, list: &mut Vec<(String, Entry)>) {
        list.push(("404.html".into(), Entry::NotFound));
        list.push(("sitemap.xml".into(), Entry::Sitemap));
        list.push(("feed.xml".into(), Entry::Feed));
        if self.site.config.accessibility_statement.is_some() {
            list.push(("was/index.html".into(), Entry::AccessibilityStatement));
        }
        for name in self.theme.assets.keys() {
            list.push((format!("assets/{name}"), Entry::Asset(name.clone())));
        }
        if let Some((all, _)) = self.versions {
            list.extend(version_entries(all));
        }
    }

    /// The files copied as they are: downloads, attachments and, at the
    /// root, the site's `static/` folder.
    fn push_files(&self, list: &mut Vec<(String, Entry)>) {
        let site = self.site;
        let prefix = self.prefix.as_str();
        // Before the attachments: a file of the content cannot replace a download.
        for d in self.downloads.map_or(&[][..], |d| d.of(prefix)) {
            list.push((
                format!("{prefix}{}", d.file),
                Entry::Download(d.source.clone()),
            ));
        }
        let content = site.root.join("content");
        for a in &site.attachments {
            list.push((
                format!("{prefix}{}", a.rel),
                Entry::Copy(content.join(&a.rel)),
            ));
        }
        if prefix.is_empty() {
            for f in feeds::site_static(self) {
                if let Output::Copy(src) = f.content {
                    list.push((f.path, Entry::Copy(src)));
                }
            }
        }
    }

    /// The list with each path once: a copied file that would overwrite a
    /// generated one is left out and reported.
    fn without_overwrites(&self, mut list: Vec<(String, Entry)>) -> Vec<(String, Entry)> {
        let mut seen = HashSet::new();
        list.retain(|(path, entry)| {
            if seen.insert(path.clone()) {
                return true;
            }
            if let Entry::Copy(src) = entry {
                self.diags.error_help(
                    src,
                    Pos::FILE,
                    format!("this file would overwrite the generated /{path}"),
                    Some("rename or move the file".into()),
                );
            }
            false
        });
        list
    }

    /// The pages of the handbook order with their output paths: the first
    /// entries of [`Renderer::manifest`], which always keeps them.
    pub(crate) fn page_entries(&self) -> Vec<(String, Entry)> {
        let site = self.site;
        site.order
            .iter()
            .map(|t| {
                let url = format!("{}{}", self.prefix, site.local_url(*t));
                (format!("{url}index.html"), Entry::Page(*t))
            })
            .collect()
    }

    /// Renders one entry.
    pub(crate) fn render_entry(&self, entry: &Entry) -> Option<Output> {
        let html = match entry {
            Entry::Page(t) => match self.site.page_of(*t) {
                Some(page) => for_file(&page.source, || self.page(*t)),
                None => self.page(*t),
            },
            Entry::GeneratedFront => self.generated_front(),
            // Fitted part by part as it is put together.
            Entry::Print(scope) => {
                return self.print(*scope).map(|h| Output::Bytes(h.into_bytes()));
            }
            Entry::NotFound => self.not_found(),
            Entry::Sitemap => return Some(feeds::sitemap(self).content),
            Entry::Feed => return Some(feeds::feed(self).content),
            Entry::Redirect { page, folder } => feeds::redirect(self, *page, folder),
            Entry::Asset(name) => {
                return self
                    .theme
                    .assets
                    .get(name)
                    .map(|b| Output::Bytes(b.clone()));
            }
            Entry::Copy(src) | Entry::Download(src) => return Some(Output::Copy(src.clone())),
            Entry::Diff { version, change } => self.diff_page(*version, *change),
            Entry::Moved { from, to } => feeds::redirect_to(self, from, to),
            Entry::SearchPage => self.search_page(),
            Entry::RolePlan(role) => self.role_plan(*role),
            Entry::PlanFile { role, csv } => return self.plan_file(*role, *csv),
            Entry::Search(name) => {
                return self
                    .search_files()
                    .get(name)
                    .map(|b| Output::Bytes(b.clone()));
            }
            Entry::AccessibilityStatement => {
                return feeds::accessibility_redirect(self).map(|f| f.content);
            }
        };
        let hint = self.theme.strings.get("scroll_hint");
        html.map(|h| Output::Bytes(super::tables::fit_tables(h, &hint).into_bytes()))
    }
}
