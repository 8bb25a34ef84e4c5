//! Every print page of a site in one pass, as a build writes them. Each
//! section of a chapter is rendered once, for the chapter's print page and
//! for `/print/` alike (see [`markers`](super::markers)), and `/print/` is
//! put together chapter by chapter as the chapters' pages are rendered, so
//! it is held once, as when it is rendered on its own. The pages' bytes are
//! those of [`Renderer::print`].

use std::collections::{HashSet, VecDeque};

use rayon::prelude::*;

use super::markers::{Fill, Markers};
use super::{BATCH, Document, PrintScope, Section, fitted, sections};
use crate::diagnostics::Diagnostics;
use crate::render::Renderer;
use crate::render::links::Linker;
use crate::resolve::Target;

/// The print pages of a site, each rendered when the iterator reaches it:
/// the chapters' pages as `/print/` reaches them, then `/print/`, then the
/// rest, one at a time. Each item is a page with its rendering (None when a
/// template failed; that was reported).
pub(crate) struct PrintPages<'r, 'a> {
    renderer: &'r Renderer<'a>,
    markers: Markers,
    /// The print pages not rendered yet, in the order they were asked for.
    pending: VecDeque<PrintScope>,
    /// `/print/` while it is put together.
    whole: Option<Whole>,
    /// The hint that a wide table scrolls sideways (tables are fitted).
    hint: String,
}

/// `/print/` while it is put together.
struct Whole {
    url: String,
    /// None when its template failed (that was reported): the chapters' own
    /// pages are still rendered.
    doc: Option<Document>,
    sections: Vec<Section>,
    /// The first of `sections` not put in yet.
    next: usize,
    /// The way up from `/print/` to the top of the output: `../`.
    up: String,
}

/// A section of a chapter as its two pages get it.
enum Forms {
    /// Rendered once, with markers.
    Shared(String),
    /// Rendered for each page that is put together: (chapter, `/print/`).
    Apart(Option<String>, Option<String>),
}

impl<'a> Renderer<'a> {
    /// The print pages of `scopes`, to be rendered one at a time.
    pub(crate) fn print_pages(
        &self,
        scopes: impl IntoIterator<Item = PrintScope>,
    ) -> PrintPages<'_, 'a> {
        PrintPages {
            renderer: self,
            markers: Markers::new(),
            pending: scopes.into_iter().collect(),
            whole: None,
            hint: self.theme.strings.get("scroll_hint"),
        }
    }

    /// `/print/` with nothing put in yet.
    fn start_whole(&self, hint: &str) -> Whole {
        let scope = PrintScope::All;
        let url = self.print_page_url(&scope);
        let sections = sections(self.site, &scope);
        Whole {
            doc: self.print_document(scope, &url, None, Some(hint), &sections),
            up: self.linker(url.clone()).folder(""),
            url,
            sections,
            next: 0,
        }
    }
}

impl Iterator for PrintPages<'_, '_> {
    type Item = (PrintScope, Option<String>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(mut whole) = self.whole.take() {
                if let Some(chapter) = self.next_chapter(&mut whole) {
                    self.whole = Some(whole);
                    return Some(chapter);
                }
                return Some((PrintScope::All, whole.doc.map(Document::finish)));
            }
            let scope = self.pending.pop_front()?;
            if scope != PrintScope::All {
                return Some((scope, self.renderer.print(scope)));
            }
            self.whole = Some(self.renderer.start_whole(&self.hint));
        }
    }
}

impl PrintPages<'_, '_> {
    /// Puts the sections of `/print/` in up to the next chapter with a
    /// print page still to render, and renders that chapter's page with
    /// it; None when `/print/` has every section.
    fn next_chapter(&mut self, whole: &mut Whole) -> Option<(PrintScope, Option<String>)> {
        let r = self.renderer;
        // A chapter's sections follow its page on `/print/` as on its own
        // print page (both walk the navigation).
        let found = (whole.next..whole.sections.len()).find_map(|k| {
            let scope = PrintScope::Chapter(whole.sections[k].target);
            if !self.pending.contains(&scope) {
                return None;
            }
            let list = sections(r.site, &scope);
            let follows = whole
                .sections
                .get(k..k + list.len())
                .is_some_and(|run| run.iter().zip(&list).all(|(w, c)| w.target == c.target));
            follows.then_some((k, scope, list))
        });
        let end = found.as_ref().map_or(whole.sections.len(), |(k, ..)| *k);
        if let Some(doc) = &mut whole.doc {
            let before = &whole.sections[whole.next..end];
            r.put_sections(&mut doc.text, &whole.url, None, before, Some(&self.hint));
        }
        whole.next = end;
        let (_, scope, list) = found?;
        self.pending.retain(|s| *s != scope);
        let html = self.chapter_with_whole(scope, &list, whole);
        whole.next += list.len();
        Some((scope, html))
    }

    /// A chapter's print page, with its sections put into `/print/` too.
    /// Each section is rendered once and filled in for each page; it is
    /// rendered apart when the pages show it differently (the chapter's
    /// own page starts a new sheet on `/print/`) or when its rendering
    /// reported a problem (so each page reports it as it always does).
    fn chapter_with_whole(
        &self,
        scope: PrintScope,
        list: &[Section],
        whole: &mut Whole,
    ) -> Option<String> {
        let r = self.renderer;
        let fit = Some(self.hint.as_str());
        let url = r.print_page_url(&scope);
        let mut doc = r.print_document(scope, &url, None, fit, list);
        let (to_chapter, to_whole) = (doc.is_some(), whole.doc.is_some());
        if !to_chapter && !to_whole {
            return None;
        }
        let on_page: HashSet<Target> = list.iter().map(|s| s.target).collect();
        let chapter_up = r.linker(url.clone()).folder("");
        let render = |url: &str, on_page, s: &Section| {
            let linker = r.section_linker(url, on_page, s);
            r.print_section(&linker, s, r.diags).map(|h| fitted(h, fit))
        };
        let forms = |(c, w): (&Section, &Section)| {
            if c.level == w.level && c.new_page == w.new_page {
                let linker = Linker {
                    shared: Some(&self.markers),
                    ..r.section_linker(&url, Some(&on_page), c)
                };
                let problems = Diagnostics::new();
                if let Some(html) = r.print_section(&linker, c, &problems)
                    && problems.len() == 0
                {
                    return Forms::Shared(fitted(html, fit));
                }
            }
            Forms::Apart(
                to_chapter
                    .then(|| render(&url, Some(&on_page), c))
                    .flatten(),
                to_whole.then(|| render(&whole.url, None, w)).flatten(),
            )
        };
        let in_whole = &whole.sections[whole.next..whole.next + list.len()];
        let pairs: Vec<(&Section, &Section)> = list.iter().zip(in_whole).collect();
        let chapter_fill = Fill {
            up: &chapter_up,
            anchors: false,
        };
        let whole_fill = Fill {
            up: &whole.up,
            anchors: true,
        };
        for batch in pairs.chunks(BATCH) {
            let rendered: Vec<Forms> = batch.par_iter().map(|p| forms(*p)).collect();
            for section in rendered {
                match section {
                    Forms::Shared(html) => {
                        if let Some(d) = &mut doc {
                            self.markers.fill_into(&html, chapter_fill, &mut d.text);
                        }
                        if let Some(d) = &mut whole.doc {
                            self.markers.fill_into(&html, whole_fill, &mut d.text);
                        }
                    }
                    Forms::Apart(chapter, all) => {
                        if let (Some(d), Some(html)) = (&mut doc, chapter) {
                            d.text.push_str(&html);
                        }
                        if let (Some(d), Some(html)) = (&mut whole.doc, all) {
                            d.text.push_str(&html);
                        }
                    }
                }
            }
        }
        doc.map(Document::finish)
    }
}
