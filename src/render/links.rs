//! URLs and titles as one rendered page sees them: relative to its own URL,
//! or, on `/print/`, anchors inside the one page.

use std::collections::HashSet;

use serde::Serialize;

use super::print::markers::Markers;
use super::theme::Strings;
use crate::model::{Generated, PageId, PageRef};
use crate::resolve::links::LinkTarget;
use crate::resolve::{Site, Target};

/// A link as templates get it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Link {
    pub title: String,
    /// None when the target is not part of this build (a draft).
    pub href: Option<String>,
    pub number: Option<String>,
}

/// One step up the folders in a relative link.
const UP: &str = "../";

/// `url` with `#fragment` when there is one.
fn with_fragment(mut url: String, fragment: Option<&str>) -> String {
    if let Some(f) = fragment {
        url.push('#');
        url.push_str(f);
    }
    url
}

/// Makes links for the page at URL `from`.
pub(crate) struct Linker<'a> {
    pub site: &'a Site,
    pub strings: &'a Strings,
    /// The folder this rendering of the site lies in (`1.0/` for a release,
    /// `udkast/` for the working copy, empty at the root): one resolved site
    /// renders at any prefix.
    pub prefix: &'a str,
    /// Links name a folder's `index.html` (`roller/index.html`) instead of the
    /// folder (`roller/`), so an offline copy works from `file://`, where a
    /// folder opens as a listing.
    pub file_links: bool,
    /// The URL of the page being rendered, `roller/gevinstejer/`.
    pub from: String,
    /// On a print page (`/print/` and below) every page is a section of one document.
    pub print: bool,
    /// The targets that are sections of the print page; None: every target.
    /// Links to other targets go to their own pages.
    pub on_page: Option<&'a HashSet<Target>>,
    /// Prefix of element ids of the page being rendered (print mode).
    pub id_prefix: String,
    /// Added to the level of every markdown heading: on `/print/` a page is a
    /// section under the document's title, so its `##` becomes `<h3>` or deeper.
    pub heading_shift: u8,
    /// A print section rendered once for a chapter's print page and `/print/`:
    /// markers stand where the two differ (see [`Markers`]).
    pub shared: Option<&'a Markers>,
}

impl<'a> Linker<'a> {
    pub(crate) fn new(
        site: &'a Site,
        strings: &'a Strings,
        prefix: &'a str,
        from: String,
    ) -> Linker<'a> {
        Linker {
            site,
            strings,
            prefix,
            file_links: false,
            from,
            print: false,
            on_page: None,
            id_prefix: String::new(),
            heading_shift: 0,
            shared: None,
        }
    }

    /// `page`, the linker of a print page, for one section whose title is a
    /// heading of `title_level`; the section's own headings go below it.
    pub(crate) fn for_print(
        page: Linker<'a>,
        on_page: Option<&'a HashSet<Target>>,
        section: Target,
        title_level: u8,
    ) -> Linker<'a> {
        let mut linker = Linker {
            print: true,
            on_page,
            heading_shift: title_level.saturating_sub(1),
            ..page
        };
        linker.id_prefix = format!("{}--", linker.print_anchor(section));
        linker
    }

    /// The URL of a target from the top of the output: `1.0/roller/a/`.
    pub(crate) fn url(&self, target: Target) -> String {
        self.in_version(&self.site.local_url(target))
    }

    /// A URL within this version (`soeg/`), from the top of the output (`1.0/soeg/`).
    pub(crate) fn in_version(&self, local: &str) -> String {
        [self.prefix, local].concat()
    }

    /// An element id on the page being rendered.
    pub(crate) fn anchor_id(&self, id: &str) -> String {
        [&self.id_prefix, id].concat()
    }

    /// A link relative to the current page: `../../faser/klargoering/`, or
    /// with file links `../../faser/klargoering/index.html`.
    pub(crate) fn relative(&self, url: &str) -> String {
        let joined = self.folder(url);
        match (self.file_links, joined.is_empty()) {
            (true, _) if joined.is_empty() || joined.ends_with('/') => joined + "index.html",
            (false, true) => "./".to_string(),
            _ => joined,
        }
    }

    /// A folder relative to the current page, to build paths on
    /// (`../../assets/`, empty for the page's own folder); never a link.
    pub(crate) fn folder(&self, url: &str) -> String {
        // Made in one piece: a page asks for dozens of these.
        let depth = self.depth();
        let up = self.shared.map_or(UP.len() * depth, |m| m.up().len());
        let mut joined = String::with_capacity(up + url.len() + "index.html".len());
        match self.shared {
            Some(markers) => joined.push_str(markers.up()),
            None => (0..depth).for_each(|_| joined.push_str(UP)),
        }
        joined.push_str(url);
        joined
    }

    /// How many folders deep the current page lies: every relative path
    /// from it climbs that many times.
    pub(crate) fn depth(&self) -> usize {
        self.from.bytes().filter(|&b| b == b'/').count()
    }

    /// The href of a target, with an optional anchor on its page.
    pub(crate) fn href(&self, target: Target, anchor: Option<&str>) -> String {
        if !self.print {
            return self.page_href(target, anchor);
        }
        let on_page = self.on_page.is_none_or(|set| set.contains(&target));
        match (on_page, self.shared) {
            (true, _) => self.section_href(target, anchor),
            // Out of the chapter: a link on its print page, an anchor on `/print/`.
            (false, Some(markers)) => markers.either(
                &self.section_href(target, anchor),
                &self.page_href(target, anchor),
            ),
            (false, None) => self.page_href(target, anchor),
        }
    }

    /// The href of a target's own page.
    fn page_href(&self, target: Target, anchor: Option<&str>) -> String {
        let url = self.relative(&self.url(target));
        with_fragment(url, anchor)
    }

    /// The href of a target's section on the print page being rendered.
    fn section_href(&self, target: Target, anchor: Option<&str>) -> String {
        let section = self.print_anchor(target);
        match anchor {
            Some(a) => format!("#{section}--{a}"),
            None => format!("#{section}"),
        }
    }

    /// The href of a resolved markdown link; None for external links (left as written).
    pub(crate) fn href_for(&self, target: &LinkTarget) -> Option<String> {
        match target {
            LinkTarget::Page { target, anchor } => Some(self.href(*target, anchor.as_deref())),
            LinkTarget::Attachment { rel, fragment } => {
                // A version's attachments are copied into its own folder.
                let url = self.relative(&self.in_version(rel));
                Some(with_fragment(url, fragment.as_deref()))
            }
            LinkTarget::External => None,
        }
    }

    /// The title a target is shown with.
    pub(crate) fn title(&self, target: Target) -> String {
        match (target, self.site.page_of(target)) {
            (Target::ReadingGuide(a), None) => self.strings.fill(
                "guide_title",
                &[(
                    "audience",
                    &lower_first(&self.site.config.audiences[a].title),
                )],
            ),
            (_, Some(page)) => page.meta.title.value.clone(),
            (Target::Generated(g), None) => self.strings.get(g.title_key()),
            (Target::Page(_), None) => String::new(),
        }
    }

    /// The name of a typed page's type: "Rolle", "Fase", "Underfase", ...
    pub(crate) fn type_name(&self, target: Target) -> Option<String> {
        let t = self.site.page_of(target)?.kind.page_type()?;
        let sub = t == crate::model::PageType::Phase
            && matches!(self.site.parents.get(&target), Some(Target::Page(_)));
        Some(
            self.strings
                .get(if sub { "type_subphase" } else { t.name_key() }),
        )
    }

    /// The chapter number of a target, when the handbook is numbered.
    pub(crate) fn number(&self, target: Target) -> Option<String> {
        match target {
            Target::Page(i) => self.site.numbering.pages.get(&i).cloned(),
            _ => None,
        }
    }

    /// A link to a target.
    pub(crate) fn link(&self, target: Target) -> Link {
        Link {
            title: self.title(target),
            href: Some(self.href(target, None)),
            number: self.number(target),
        }
    }

    /// A link to the page a front-matter reference names; without href
    /// when it names no page of the build.
    pub(crate) fn reference(&self, r: &PageRef) -> Link {
        self.page_or_id(r.page, &r.value)
    }

    /// A link to `page`; the text `id` without href when there is none.
    pub(crate) fn page_or_id(&self, page: Option<PageId>, id: &str) -> Link {
        match page {
            Some(i) => self.link(Target::Page(i)),
            None => Link {
                title: id.to_string(),
                href: None,
                number: None,
            },
        }
    }

    /// The text of the empty-text link at `offset` of page `from`'s body:
    /// "5.3 Koncept for gevinstrealisering".
    pub(crate) fn link_title(&self, from: PageId, offset: usize, dest: &str) -> Option<String> {
        match self.site.body_link(from, offset)? {
            LinkTarget::Page { target, .. } => Some(match self.number(*target) {
                Some(n) => format!("{n} {}", self.title(*target)),
                None => self.title(*target),
            }),
            LinkTarget::Attachment { rel, .. } => {
                Some(rel.rsplit('/').next().unwrap_or(rel).to_string())
            }
            LinkTarget::External => Some(dest.to_string()),
        }
    }
}

impl Linker<'_> {
    /// The id of a target's section on `/print/`: `s-roller-gevinstejer`
    /// (`s-1.0-roller-gevinstejer` in a release's folder).
    pub(crate) fn print_anchor(&self, target: Target) -> String {
        match target {
            Target::Generated(Generated::Print) => "s-print".into(),
            _ => {
                let url = self.url(target);
                let slug = url.trim_end_matches('/').replace('/', "-");
                if slug.is_empty() {
                    "s-forside".into()
                } else {
                    format!("s-{slug}")
                }
            }
        }
    }
}

/// "Leder af Ydelseskontoret" → "leder af Ydelseskontoret", for use
/// mid-sentence; a first word in capitals ("KY-projektleder") is kept.
pub(crate) fn lower_first(title: &str) -> String {
    let mut chars = title.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(title.chars().skip(1)).collect()
        }
        _ => title.to_string(),
    }
}
