//! Checks that every reference in front matter names something that exists:
//! roles, phases, guides, templates, workstreams, organisations, audiences,
//! parents, attachments and aliases.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::links::join_path;
use super::{Site, Target};
use crate::diagnostics::internal::for_file;
use crate::diagnostics::{Diagnostics, did_you_mean};
use crate::model::Sp;
use crate::model::*;

/// Finds each template page's file among the attachments and records its size.
pub(crate) fn attach_templates(site: &mut Site, diags: &Diagnostics) {
    let sizes: HashMap<&str, u64> = site
        .attachments
        .iter()
        .map(|a| (a.rel.as_str(), a.size))
        .collect();
    let mut found = Vec::new();
    for (i, page) in site.pages_with_ids() {
        let PageKind::Template(t) = &page.kind else {
            continue;
        };
        if page.unreadable {
            continue;
        }
        let folder = page.rel.rsplit_once('/').map_or("", |(f, _)| f);
        match join_path(folder, &t.file.value) {
            Some(rel) if sizes.contains_key(rel.as_str()) => {
                found.push((i, rel.clone(), sizes[rel.as_str()]))
            }
            joined => {
                let expected = joined.unwrap_or_else(|| t.file.value.clone());
                let nearby = site
                    .attachments
                    .iter()
                    .filter(|a| a.rel.rsplit_once('/').map_or("", |(f, _)| f) == folder)
                    .map(|a| a.rel.rsplit('/').next().unwrap_or(&a.rel));
                diags.error_help(
                    &page.source,
                    t.file.pos,
                    format!(
                        "template file '{}' not found: expected content/{expected}",
                        t.file.value
                    ),
                    did_you_mean(&t.file.value, nearby),
                );
            }
        }
    }
    for (i, rel, size) in found {
        if let PageKind::Template(t) = &mut site.pages[i].kind {
            t.attachment = Some(rel);
            t.size = size;
        }
    }
}

/// Looks up every front-matter reference to a page once, so that nothing
/// after `resolve` looks a page up by its id again. A reference that names
/// no page of the build keeps `page: None`; [`check`] reports it.
pub(crate) fn look_up(site: &mut Site) {
    let Site {
        pages,
        config,
        typed,
        ..
    } = site;
    let find = |t: PageType, r: &mut PageRef| {
        r.page = typed.get(&(t, r.id.value.clone())).copied();
    };
    for page in pages.iter_mut() {
        page.kind.refs_mut(find);
    }
    for audience in &mut config.audiences {
        if let Some(role) = &mut audience.role {
            find(PageType::Role, role);
        }
    }
}

/// Looks up every front-matter reference to an entry of handbook.yaml's
/// lists once, and the audience each reading guide's id names, so that
/// nothing after `resolve` looks an entry up by its id again. A reference
/// that names no entry keeps `entry: None`; [`check`] reports it, and
/// `Site::index_pages` a reading guide whose id names no audience.
pub(crate) fn look_up_entries(site: &mut Site) {
    let config = &site.config;
    for page in &mut site.pages {
        for audience in &mut page.meta.audiences {
            config.look_up(audience);
        }
        match &mut page.kind {
            PageKind::Phase(p) => {
                let activities = p
                    .activities
                    .iter_mut()
                    .filter_map(|a| a.workstream.as_mut());
                for w in p.workstreams.iter_mut().chain(activities) {
                    config.look_up(w);
                }
            }
            PageKind::Role(r) => {
                if let Some(org) = &mut r.organisation {
                    config.look_up(org);
                }
            }
            PageKind::Guide(Guide { workstream, .. })
            | PageKind::Template(TemplateFile { workstream, .. }) => {
                if let Some(w) = workstream {
                    config.look_up(w);
                }
            }
            PageKind::ReadingGuide(g) => {
                let id = &page.meta.id.value;
                g.audience = config.audiences.iter().position(|a| &a.id == id);
            }
            _ => {}
        }
    }
}

/// Reports every dangling reference of the site.
pub(crate) fn check(site: &Site, diags: &Diagnostics) {
    let checker = Checker { site, diags };
    checker.config();
    let mut aliases: HashMap<String, &Path> = HashMap::new();
    for (i, page) in site.pages_with_ids() {
        for_file(&page.source, || {
            let at = At {
                checker: &checker,
                path: &page.source,
            };
            for audience in &page.meta.audiences {
                at.entry(audience);
            }
            for alias in &page.meta.aliases {
                let url = alias_url(&alias.value);
                if site.by_url.contains_key(&url) || url.is_empty() {
                    at.diags().error(
                        &page.source,
                        alias.pos,
                        format!("alias '{}' is the URL of an existing page", alias.value),
                    );
                } else if let Some(other) = aliases.insert(url, &page.source) {
                    at.diags().error(
                        &page.source,
                        alias.pos,
                        format!(
                            "alias '{}' is also an alias of {}",
                            alias.value,
                            crate::diagnostics::display_path(other)
                        ),
                    );
                }
            }
            match &page.kind {
                PageKind::Phase(p) => at.phase(i, p),
                PageKind::Role(r) => {
                    if let Some(org) = &r.organisation {
                        at.entry(org);
                    }
                }
                PageKind::Guide(g) => at.guide(g),
                PageKind::Template(t) => {
                    if let Some(w) = &t.workstream {
                        at.entry(w);
                    }
                }
                PageKind::Training(t) => {
                    if let Some(target) = &t.target {
                        at.page_ref(PageType::Role, target);
                    }
                    for course in &t.courses {
                        if let Some(teacher) = &course.held_by {
                            at.page_ref(PageType::Role, teacher);
                        }
                    }
                }
                _ => {}
            }
        });
    }
}

/// The output folder of an alias: `/gammel/side/` → `gammel/side/`.
pub(crate) fn alias_url(alias: &str) -> String {
    let trimmed = alias.trim().trim_start_matches('/');
    let trimmed = trimmed.strip_suffix("index.html").unwrap_or(trimmed);
    let parts: Vec<&str> = trimmed
        .split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    if parts.last().is_some_and(|l| l.ends_with(".html")) {
        return parts.join("/");
    }
    format!("{}/", parts.join("/"))
}

struct Checker<'a> {
    site: &'a Site,
    diags: &'a Diagnostics,
}

/// A checker positioned in one file.
struct At<'a> {
    checker: &'a Checker<'a>,
    path: &'a Path,
}

impl Checker<'_> {
    fn config(&self) {
        let path = self.site.root.join("handbook.yaml");
        let at = At {
            checker: self,
            path: &path,
        };
        for audience in &self.site.config.audiences {
            if let Some(role) = &audience.role {
                at.page_ref(PageType::Role, role);
            }
        }
    }
}

impl At<'_> {
    fn diags(&self) -> &Diagnostics {
        self.checker.diags
    }

    fn site(&self) -> &Site {
        self.checker.site
    }

    /// A reference to a typed page.
    fn page(&self, t: PageType, id: &Sp<String>) -> Option<Target> {
        match self.site().typed_target(t.scheme(), &id.value) {
            Ok(target) => Some(target),
            Err(problem) => {
                if let Some(d) = problem.diagnostic(self.path, id.pos) {
                    self.diags().push(d);
                }
                None
            }
        }
    }

    /// A front-matter reference, looked up by [`look_up`]: reported when it
    /// names no page.
    fn page_ref(&self, t: PageType, r: &PageRef) -> Option<PageId> {
        r.page.or_else(|| match self.page(t, r)? {
            Target::Page(i) => Some(i),
            _ => None,
        })
    }

    /// A reference to an entry of a handbook.yaml list, looked up by
    /// [`look_up_entries`]: reported when it names no entry, unless the
    /// list has an entry that could not be read (it may well be that one).
    fn entry<T: ListEntry>(&self, r: &ConfigRef<T>) {
        let partial = self.site().config.partial_lists.contains(&T::LIST);
        if !partial && r.entry.is_none() {
            let known = T::list(&self.site().config).iter().map(ListEntry::id);
            let help = did_you_mean(&r.value, known)
                .or_else(|| Some(format!("add it under '{}:' in handbook.yaml", T::LIST)));
            self.diags().error_help(
                self.path,
                r.pos,
                format!("unknown {} '{}'", T::WHAT, r.value),
                help,
            );
        }
    }

    fn phase(&self, index: PageId, p: &Phase) {
        if let Some(parent) = &p.parent
            && let Some(mut j) = self.page_ref(PageType::Phase, parent)
        {
            // Follow the parents; coming back to this phase is a cycle.
            let mut steps = 0;
            loop {
                if j == index {
                    self.diags().error(
                        self.path,
                        parent.pos,
                        format!("phase parent '{}' makes a cycle", parent.value),
                    );
                    break;
                }
                let next = match &self.site().pages[j].kind {
                    PageKind::Phase(q) => q.parent.as_ref().and_then(|r| r.page),
                    _ => None,
                };
                steps += 1;
                match next {
                    Some(k) if steps < 64 => j = k,
                    _ => break,
                }
            }
        }
        for w in &p.workstreams {
            self.entry(w);
        }
        for entry in &p.roles {
            self.page_ref(PageType::Role, &entry.role);
        }
        let mut ids = HashSet::new();
        for a in &p.activities {
            if !ids.insert(a.id.as_str()) {
                self.diags().error_help(
                    self.path,
                    a.pos,
                    format!("two activities of this phase have the id '{}'", a.id),
                    Some("give one of them its own 'id:'".into()),
                );
            }
            if let Some(w) = &a.workstream {
                self.entry(w);
            }
            for role in a.responsible.iter().chain(&a.involved) {
                self.page_ref(PageType::Role, role);
            }
            if let Some(g) = &a.guide {
                self.page_ref(PageType::Guide, g);
            }
            for t in &a.templates {
                self.page_ref(PageType::Template, t);
            }
        }
    }

    fn guide(&self, g: &Guide) {
        if let Some(w) = &g.workstream {
            self.entry(w);
        }
        for phase in &g.phases {
            self.page_ref(PageType::Phase, phase);
        }
        for role in &g.roles {
            self.page_ref(PageType::Role, &role.role);
        }
        for t in &g.templates {
            self.page_ref(PageType::Template, t);
        }
        if let Some(duration) = &g.duration_minutes {
            let sum: i64 = g.agenda.iter().map(|a| a.minutes).sum();
            if !g.agenda.is_empty() && sum != duration.value {
                self.diags().error_help(
                    self.path,
                    duration.pos,
                    format!(
                        "'duration_minutes' is {} but the agenda adds up to {sum} minutes",
                        duration.value
                    ),
                    Some(format!(
                        "set 'duration_minutes: {sum}' or correct the agenda's minutes"
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::alias_url;

    #[test]
    fn alias_urls_are_folders_or_html_files() {
        assert_eq!(alias_url("/gammel/side"), "gammel/side/");
        assert_eq!(alias_url("gammel/side/index.html"), "gammel/side/");
        assert_eq!(alias_url("/old.html"), "old.html");
        assert_eq!(alias_url("/../../etc/"), "etc/");
        assert_eq!(alias_url("/"), "");
    }
}
