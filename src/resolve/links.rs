//! Links in markdown bodies: typed links (`rolle:gevinstejer#ansvar`),
//! relative links to `.md` files and attachments, in-page anchors. Each is
//! resolved once, here: problems are reported, and the targets are kept by
//! the link's offset in the body for `render` to look up.

use rayon::prelude::*;

use super::{Site, Target, scheme_of};
use std::collections::HashMap;
use std::path::Path;

use crate::diagnostics::internal::for_file;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos, did_you_mean};
use crate::model::{Generated, PageId, PageType};

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LinkTarget {
    /// A page of the site, optionally at an anchor.
    Page {
        target: Target,
        anchor: Option<String>,
    },
    /// An attachment under `content/` (path relative to it), with any `#fragment`.
    Attachment {
        rel: String,
        fragment: Option<String>,
    },
    /// Outside the site: left as written.
    External,
}

/// Why a link cannot be followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkProblem {
    pub message: String,
    pub help: Option<String>,
    /// A link to a page left out of this build (a draft): a warning, not an error.
    pub draft: bool,
    /// The target is missing because of an error reported where it is defined
    /// (an entry of handbook.yaml that could not be read): nothing more to say.
    pub reported: bool,
}

impl LinkProblem {
    /// A link that leads nowhere: an error.
    pub(crate) fn new(message: String, help: Option<String>) -> LinkProblem {
        LinkProblem {
            message,
            help,
            draft: false,
            reported: false,
        }
    }

    /// The diagnostic for this problem at `pos` in `path`: a warning for a
    /// draft, nothing when the cause was reported already, else an error.
    pub(crate) fn diagnostic(self, path: &Path, pos: Pos) -> Option<Diagnostic> {
        if self.reported {
            return None;
        }
        let d = if self.draft {
            Diagnostic::warning(path, pos, self.message)
        } else {
            Diagnostic::error(path, pos, self.message)
        };
        Some(d.with_help(self.help))
    }
}

/// URL schemes that lead outside the site and are left as written.
const EXTERNAL_SCHEMES: &[&str] = &[
    "http", "https", "mailto", "tel", "sms", "ftp", "ftps", "sftp", "data", "news", "irc", "geo",
    "urn", "webcal", "file",
];

/// The scheme of `dest` (`rolle` in `rolle:x`, `https` in `https://...`), lowercased.
fn scheme(dest: &str) -> Option<String> {
    let (scheme, _) = dest.split_once(':')?;
    let valid = scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// True when `dest` leads outside the site (`https:`, `mailto:`, `//host/...`).
fn is_external(dest: &str) -> bool {
    dest.starts_with("//") || scheme(dest).is_some_and(|s| EXTERNAL_SCHEMES.contains(&s.as_str()))
}

/// Joins a relative path onto a folder, resolving `.` and `..`; `None` if it leaves the root.
pub(crate) fn join_path(folder: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = if rel.starts_with('/') {
        Vec::new()
    } else {
        folder.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

impl Site {
    /// Resolves a link written in page `from`.
    pub(crate) fn resolve_link(&self, from: PageId, dest: &str) -> Result<LinkTarget, LinkProblem> {
        let dest = dest.trim();
        if dest.is_empty() {
            return Err(LinkProblem::new("link has no destination".into(), None));
        }
        if is_external(dest) {
            return Ok(LinkTarget::External);
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string()).filter(|a| !a.is_empty())),
            None => (dest, None),
        };
        let here = self.target_of(from);
        if path.is_empty() {
            return self.with_anchor(here, anchor, dest);
        }
        if let Some(scheme) = scheme(path) {
            let id = &path[scheme.len() + 1..];
            let target = self.typed_target(&scheme, id)?;
            return self.with_anchor(target, anchor, dest);
        }
        let raw = path.split('?').next().unwrap_or(path);
        let path = crate::percent::decode(raw).unwrap_or_else(|| raw.to_string());
        let page = &self.pages[from];
        let folder = page.rel.rsplit_once('/').map_or("", |(f, _)| f);
        let Some(joined) = join_path(folder, &path) else {
            return Err(LinkProblem::new(
                format!("link '{dest}' leaves the content folder"),
                None,
            ));
        };
        if path.ends_with(".md") {
            return match self.by_rel(&joined) {
                Some(i) => self.with_anchor(self.target_of(i), anchor, dest),
                None => Err(LinkProblem::new(
                    format!("link '{dest}' points to content/{joined}, which does not exist"),
                    did_you_mean(&joined, self.pages.iter().map(|p| p.rel.as_str()))
                        .map(|h| h.replace("did you mean '", "did you mean 'content/")),
                )),
            };
        }
        if self.attachments.iter().any(|a| a.rel == joined) {
            return Ok(LinkTarget::Attachment {
                rel: joined,
                fragment: anchor,
            });
        }
        // A hand-written URL of a page: relative to the page's URL, or to
        // the root of its version (the same wherever the version is rendered).
        let url_folder = self.local_url(here);
        let by_url = if path.starts_with('/') {
            join_path("", &path)
        } else {
            join_path(&url_folder, &path)
        };
        if let Some(url) = by_url {
            let key = if url.is_empty() {
                String::new()
            } else {
                format!("{}/", url.trim_end_matches("/index.html"))
            };
            if let Some(target) = self.target_by_url(&key) {
                return self.with_anchor(target, anchor, dest);
            }
        }
        Err(LinkProblem::new(
            format!("link '{dest}' points to nothing: no page or file content/{joined}"),
            did_you_mean(&joined, self.attachments.iter().map(|a| a.rel.as_str()))
                .map(|h| h.replace("did you mean '", "did you mean 'content/")),
        ))
    }

    /// The page with this path under `content/`.
    fn by_rel(&self, rel: &str) -> Option<PageId> {
        self.by_rel.get(rel).copied()
    }

    /// The target whose URL within the version is `url` (`roller/gevinstejer/`).
    pub(crate) fn target_by_url(&self, url: &str) -> Option<Target> {
        if let Some(g) = Generated::ALL
            .into_iter()
            .find(|g| format!("{}/", g.folder()) == url)
        {
            return Some(Target::Generated(g));
        }
        self.by_url.get(url).copied()
    }

    /// Resolves `scheme:id` of a typed link.
    pub(crate) fn typed_target(&self, scheme: &str, id: &str) -> Result<Target, LinkProblem> {
        let id = id.trim().trim_end_matches('/');
        if scheme == "side" {
            let path = id.trim_start_matches('/').trim_end_matches(".md");
            if let Some(i) = self.free_by_path.get(path) {
                return Ok(self.target_of(*i));
            }
            return match self.free_by_id.get(id).map(Vec::as_slice) {
                Some([i]) => Ok(self.target_of(*i)),
                Some(many) => Err(LinkProblem::new(
                    format!(
                        "'side:{id}' is ambiguous: {} pages have the id '{id}'",
                        many.len()
                    ),
                    Some(format!(
                        "link by path instead, e.g. 'side:{}'",
                        self.pages[many[0]].rel.trim_end_matches(".md")
                    )),
                )),
                None => Err(self.unknown(
                    "side",
                    "page",
                    id,
                    self.free_by_id.keys().map(String::as_str),
                )),
            };
        }
        if scheme == "laesevejledning" {
            return match self.config.audiences.iter().position(|a| a.id == id) {
                Some(a) => Ok(Target::ReadingGuide(a)),
                None if self.config.partial_lists.contains(&"audiences") => Err(LinkProblem {
                    reported: true,
                    ..LinkProblem::new(format!("unknown reading guide '{id}'"), None)
                }),
                None => Err(self.unknown(
                    scheme,
                    "reading guide",
                    id,
                    self.config.audiences.iter().map(|a| a.id.as_str()),
                )),
            };
        }
        let Some(t) = PageType::from_scheme(scheme) else {
            let schemes = PageType::ALL.iter().map(|t| t.scheme()).chain(["side"]);
            return Err(LinkProblem::new(
                format!(
                    "unknown link type '{scheme}:' (typed links are fase:, rolle:, vejledning:, skabelon:, uddannelse:, laesevejledning:, side:)"
                ),
                crate::diagnostics::nearest(scheme, schemes)
                    .map(|k| format!("did you mean '{k}:'?")),
            ));
        };
        match self.typed.get(&(t, id.to_string())) {
            Some(i) => Ok(Target::Page(*i)),
            None => {
                let ids = self
                    .typed
                    .keys()
                    .filter(|(pt, _)| *pt == t)
                    .map(|(_, id)| id.as_str());
                Err(self.unknown(scheme, type_word(t), id, ids))
            }
        }
    }

    fn unknown<'a>(
        &self,
        scheme: &str,
        what: &str,
        id: &str,
        known: impl Iterator<Item = &'a str>,
    ) -> LinkProblem {
        if self
            .left_out
            .contains(&(scheme.to_string(), id.to_string()))
        {
            return LinkProblem {
                draft: true,
                ..LinkProblem::new(
                    format!("'{scheme}:{id}' is a draft and is left out of this build"),
                    Some("build with --drafts, or publish the page".into()),
                )
            };
        }
        LinkProblem::new(format!("unknown {what} '{id}'"), did_you_mean(id, known))
    }

    fn with_anchor(
        &self,
        target: Target,
        anchor: Option<String>,
        dest: &str,
    ) -> Result<LinkTarget, LinkProblem> {
        // The headings of a page that could not be read are unknown: any anchor may be right.
        let unreadable = self.page_of(target).is_some_and(|p| p.unreadable);
        if let Some(a) = anchor.as_ref().filter(|_| !unreadable) {
            let anchors = self.anchors(target);
            if !anchors.iter().any(|x| x == a) {
                return Err(LinkProblem::new(
                    format!(
                        "anchor '#{a}' in link '{dest}' does not exist on {}",
                        self.describe(target)
                    ),
                    did_you_mean(a, anchors.iter().map(String::as_str)),
                ));
            }
        }
        Ok(LinkTarget::Page { target, anchor })
    }

    /// The anchors a target's page has: its headings and the generated sections.
    pub(crate) fn anchors(&self, target: Target) -> Vec<String> {
        let mut anchors = self.section_anchors(target);
        if let Some(page) = self.page_of(target) {
            anchors.extend(page.scan.headings.iter().map(|h| h.id.clone()));
        }
        anchors
    }

    /// "rolle:gevinstejer" or the page's path, for messages.
    pub(crate) fn describe(&self, target: Target) -> String {
        match target {
            Target::Page(i) => {
                let page = &self.pages[i];
                format!("{}:{}", scheme_of(&page.kind), page.meta.id.value)
            }
            _ => format!("/{}", self.local_url(target)),
        }
    }
}

/// The word for a page type in messages.
pub(crate) fn type_word(t: PageType) -> &'static str {
    match t {
        PageType::Phase => "phase",
        PageType::Role => "role",
        PageType::Guide => "guide",
        PageType::Template => "template",
        PageType::Training => "training plan",
        PageType::ReadingGuide => "reading guide",
    }
}

/// The resolved links of one page body, by their byte offset in it; a link
/// that leads nowhere (reported) is not here and is rendered as written.
pub(crate) type BodyLinks = HashMap<usize, LinkTarget>;

/// Resolves every link of every page (in the order of the pages); reports problems at the
/// link's position.
pub(crate) fn resolve_all(site: &Site, diags: &Diagnostics) -> Vec<BodyLinks> {
    site.pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            let i = PageId::new(i);
            for_file(&page.source, || {
                let mut found = BodyLinks::new();
                for link in &page.scan.links {
                    match site.resolve_link(i, &link.dest) {
                        Ok(target) => {
                            found.insert(link.offset, target);
                        }
                        Err(problem) => {
                            if let Some(d) = problem.diagnostic(&page.source, link.pos) {
                                diags.push(d);
                            }
                        }
                    }
                }
                found
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join_path("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join_path("a", "./x/y.png").as_deref(), Some("a/x/y.png"));
        assert_eq!(join_path("", "../x"), None);
        assert_eq!(join_path("a/b", "/roller/x/").as_deref(), Some("roller/x"));
    }

    #[test]
    fn tells_external_from_typed_links() {
        assert!(is_external("https://example.org"));
        assert!(is_external("mailto:x@example.org"));
        assert!(!is_external("rolle:gevinstejer"));
        assert!(!is_external("side:om"));
        assert!(!is_external("../a.md"));
        assert!(is_external("HTTPS://example.org"));
        assert!(!is_external("roller:x"));
        assert_eq!(scheme("Rolle:ingen").as_deref(), Some("rolle"));
    }
}
