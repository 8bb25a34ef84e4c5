//! Print views: the whole handbook at `/print/`, one chapter with its
//! sections at `/print/<chapter>/` and one reading guide with every page of
//! its steps at `/print/laesevejledning/<audience>/`. Each is one document:
//! a title, a table of contents and every page as a section below it, so
//! there is one heading outline (chapter `h2`, section `h3`, ...). Links to
//! pages in the document become anchors; links to other pages stay links.

pub(crate) mod markers;
mod pages;

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::downloads::DownloadsView;
use super::links::{Link, Linker};
use super::tables::fit_tables;
use super::{Data, Renderer, data, layout};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::Generated;
use crate::resolve::{NavNode, Site, Target};

/// What one print page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PrintScope {
    /// The whole handbook: `/print/`.
    All,
    /// A top-level chapter (or typed section) with everything below it.
    Chapter(Target),
    /// A reading guide: its page, then every page of its steps.
    Guide(usize),
}

/// The URL of a print page within its version, like [`Site::local_url`]:
/// `print/kort-om-ky/`.
pub(crate) fn print_url(site: &Site, scope: &PrintScope) -> String {
    match scope {
        PrintScope::All => "print/".into(),
        PrintScope::Chapter(t) => format!("print/{}", site.local_url(*t)),
        PrintScope::Guide(a) => format!("print/laesevejledning/{}/", site.config.audiences[*a].id),
    }
}

/// The chapters with a print page of their own: the top-level chapters with
/// sections, and the implementation model and the training plans with
/// their pages (the other overviews are lists to look things up in).
pub(crate) fn chapters(site: &Site) -> Vec<Target> {
    site.nav
        .iter()
        .filter(|n| {
            !n.children.is_empty()
                && matches!(
                    n.target,
                    Target::Page(_) | Target::Generated(Generated::Phases | Generated::Trainings)
                )
        })
        .map(|n| n.target)
        .collect()
}

/// The chapter whose print page holds `target`, if it has one.
pub(crate) fn chapter_of(site: &Site, target: Target) -> Option<Target> {
    let top = site.ancestors(target).first().copied().unwrap_or(target);
    chapters(site).contains(&top).then_some(top)
}

/// One page of a print document and the level of its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Section {
    target: Target,
    level: u8,
    /// Starts on a new sheet.
    new_page: bool,
}

fn sections(site: &Site, scope: &PrintScope) -> Vec<Section> {
    match scope {
        PrintScope::All => site
            .order
            .iter()
            .map(|t| {
                let depth = site.ancestors(*t).len();
                Section {
                    target: *t,
                    level: (2 + depth).min(5) as u8,
                    new_page: depth == 0,
                }
            })
            .collect(),
        PrintScope::Chapter(top) => {
            let base = site.ancestors(*top).len();
            let mut out = Vec::new();
            let mut stack = vec![*top];
            while let Some(t) = stack.pop() {
                let depth = site.ancestors(t).len() - base;
                out.push(Section {
                    target: t,
                    level: (2 + depth).min(5) as u8,
                    new_page: false,
                });
                stack.extend(site.nav_children(t).into_iter().rev());
            }
            out
        }
        PrintScope::Guide(a) => {
            let mut out = vec![Section {
                target: Target::ReadingGuide(*a),
                level: 2,
                new_page: false,
            }];
            for step in &site.reading[*a].steps {
                let reads_head = step.reads_head();
                for (k, t) in step.pages.iter().enumerate() {
                    out.push(Section {
                        target: *t,
                        level: if reads_head && k > 0 { 3 } else { 2 },
                        new_page: k == 0,
                    });
                }
            }
            out
        }
    }
}

/// The page each element id of a print document lands on (1-based), as
/// the PDF of an earlier pass placed it.
pub(crate) type PageNumbers = BTreeMap<String, usize>;

/// An entry of a print page's contents, with the sections below it.
#[derive(Serialize)]
struct PrintTocItem {
    link: Link,
    /// The id the entry points at, for page numbers filled in on paper.
    anchor: String,
    /// The page the entry starts on, when a PDF pass has placed it.
    side: Option<usize>,
    children: Vec<PrintTocItem>,
}

fn toc(
    linker: &Linker,
    site: &Site,
    scope: &PrintScope,
    pages: Option<&PageNumbers>,
) -> Vec<PrintTocItem> {
    let entry = |t: Target, children: Vec<PrintTocItem>| {
        let anchor = linker.print_anchor(t);
        PrintTocItem {
            link: Link {
                title: linker.title(t),
                href: Some(format!("#{anchor}")),
                number: linker.number(t),
            },
            side: pages.and_then(|p| p.get(&anchor).copied()),
            anchor,
            children,
        }
    };
    fn tree(
        nodes: &[NavNode],
        entry: &dyn Fn(Target, Vec<PrintTocItem>) -> PrintTocItem,
    ) -> Vec<PrintTocItem> {
        nodes
            .iter()
            .map(|n| entry(n.target, tree(&n.children, entry)))
            .collect()
    }
    match scope {
        PrintScope::All => site
            .front
            .map(|f| entry(Target::Page(f), Vec::new()))
            .into_iter()
            .chain(tree(&site.nav, &entry))
            .collect(),
        PrintScope::Chapter(top) => {
            fn find(nodes: &[NavNode], t: Target) -> Option<&NavNode> {
                nodes.iter().find_map(|n| {
                    if n.target == t {
                        Some(n)
                    } else {
                        find(&n.children, t)
                    }
                })
            }
            find(&site.nav, *top)
                .map(|n| tree(&n.children, &entry))
                .unwrap_or_default()
        }
        PrintScope::Guide(a) => site.reading[*a]
            .steps
            .iter()
            .map(|step| {
                let children = step
                    .sections()
                    .iter()
                    .map(|t| entry(*t, Vec::new()))
                    .collect();
                if step.reads_head() {
                    entry(step.head, children)
                } else {
                    PrintTocItem {
                        link: Link {
                            href: None,
                            ..linker.link(step.head)
                        },
                        anchor: String::new(),
                        side: None,
                        children,
                    }
                }
            })
            .collect(),
    }
}

/// What the print template shows above the contents.
#[derive(Serialize)]
struct PrintView {
    /// `all`, `chapter` or `guide`.
    scope: &'static str,
    title: String,
    number: Option<String>,
    /// The print page of the whole handbook, from a part of it.
    whole_href: Option<String>,
}

/// What a print page's `sections` slot holds until the pages are put in.
const SECTIONS: &str = "\u{1}handbook-print-sections\u{1}";

/// Sections are rendered in parallel this many at a time, straight into
/// their page, so a document is held once and not twice.
const BATCH: usize = 64;

/// A print page while its sections are put in: the part above them grows,
/// the part below them waits.
struct Document {
    text: String,
    tail: String,
}

impl Document {
    fn finish(mut self) -> String {
        self.text.push_str(&self.tail);
        self.text
    }
}

/// `html` with its tables fitted to phones, when `fit` holds the hint that
/// a wide table scrolls sideways.
fn fitted(html: String, fit: Option<&str>) -> String {
    match fit {
        Some(hint) => fit_tables(html, hint),
        None => html,
    }
}

impl Renderer<'_> {
    /// The source of the handbook's PDF: `/print/` with the page numbers of
    /// an earlier pass in its contents and nothing that changes between two
    /// builds of the same content (no "Senest ændret").
    pub(crate) fn pdf_document(&self, pages: &PageNumbers) -> Option<String> {
        self.print_on(PrintScope::All, Some(pages), None)
    }

    /// A print page as the site serves it.
    pub(super) fn print(&self, scope: PrintScope) -> Option<String> {
        let hint = self.theme.strings.get("scroll_hint");
        self.print_on(scope, None, Some(&hint))
    }

    /// A print page: every section rendered on its own, then put into the
    /// page where the template shows `sections`. With `pages`, it is the
    /// source of a PDF. With `fit`, its tables are fitted to phones part by
    /// part, so the document is never copied.
    fn print_on(
        &self,
        scope: PrintScope,
        pages: Option<&PageNumbers>,
        fit: Option<&str>,
    ) -> Option<String> {
        let url = self.print_page_url(&scope);
        let list = sections(self.site, &scope);
        let on_page: HashSet<Target> = list.iter().map(|s| s.target).collect();
        let on_page = (scope != PrintScope::All).then_some(&on_page);
        let mut doc = self.print_document(scope, &url, pages, fit, &list)?;
        self.put_sections(&mut doc.text, &url, on_page, &list, fit);
        Some(doc.finish())
    }

    /// The URL of a print page from the top of the output: `1.0/print/`.
    fn print_page_url(&self, scope: &PrintScope) -> String {
        format!("{}{}", self.prefix, print_url(self.site, scope))
    }

    /// The print page around its sections, cut where they go (passing them
    /// through the template context would copy the document twice more).
    /// A template that does not show that slot exactly once is an error, so
    /// no page is lost. Room is reserved generously for `list`; memory is
    /// only used as it is written.
    fn print_document(
        &self,
        scope: PrintScope,
        url: &str,
        pages: Option<&PageNumbers>,
        fit: Option<&str>,
        list: &[Section],
    ) -> Option<Document> {
        let html = self.print_frame(scope, url, pages)?;
        // The template must show the sections exactly once, as they are.
        let mut parts = html.split(SECTIONS);
        let (Some(head), Some(tail), None) = (parts.next(), parts.next(), parts.next()) else {
            self.diags.push(
                Diagnostic::error(
                    &self.theme.template_path("print.html"),
                    Pos::FILE,
                    "the print template must show every item of `sections` once, unchanged",
                )
                .with_help(Some(
                    "write {% for section in sections %}{{ section | safe }}{% endfor %} where the pages go"
                        .into(),
                )),
            );
            return None;
        };
        let body: usize = list
            .iter()
            .map(|s| match s.target {
                Target::Page(i) => self.site.pages[i].body.len(),
                _ => 0,
            })
            .sum();
        let mut text = String::with_capacity(html.len() + 4 * body + 8192 * list.len());
        text.push_str(&fitted(head.to_string(), fit));
        Some(Document {
            text,
            tail: fitted(tail.to_string(), fit),
        })
    }

    /// Renders the sections of `list` and appends them to `out`.
    fn put_sections(
        &self,
        out: &mut String,
        url: &str,
        on_page: Option<&HashSet<Target>>,
        list: &[Section],
        fit: Option<&str>,
    ) {
        for batch in list.chunks(BATCH) {
            let rendered: Vec<Option<String>> = batch
                .par_iter()
                .map(|s| {
                    let linker = self.section_linker(url, on_page, s);
                    self.print_section(&linker, s, self.diags)
                        .map(|html| fitted(html, fit))
                })
                .collect();
            for html in rendered.into_iter().flatten() {
                out.push_str(&html);
            }
        }
    }

    /// The linker of section `s` of the print page at `url`.
    fn section_linker<'s>(
        &'s self,
        url: &str,
        on_page: Option<&'s HashSet<Target>>,
        s: &Section,
    ) -> Linker<'s> {
        Linker::for_print(self.linker(url.to_string()), on_page, s.target, s.level)
    }

    /// One page of a print document, rendered on its own; template
    /// problems go to `diags`.
    fn print_section(&self, linker: &Linker, s: &Section, diags: &Diagnostics) -> Option<String> {
        let mut view = self.page_view(linker, s.target, s.level);
        view.chapter = s.new_page;
        let mut ctx = Context::new();
        ctx.insert("page", &view);
        ctx.insert("data", &data(linker, s.target));
        ctx.insert_value("site", self.site_value(linker, false));
        // The document's downloads are linked once, above its contents.
        ctx.insert("downloads", &DownloadsView::default());
        self.theme.render("section.html", &ctx, diags)
    }

    /// The print page around its sections, with the `sections` slot left
    /// as a marker for [`Renderer::print_document`] to cut at.
    fn print_frame(
        &self,
        scope: PrintScope,
        url: &str,
        pages: Option<&PageNumbers>,
    ) -> Option<String> {
        let site = self.site;
        let target = Target::Generated(Generated::Print);
        let linker = self.linker(url.to_string());
        let mut page = self.page_view(&linker, target, 1);
        let (title, number, crumb) = match scope {
            PrintScope::All => (site.config.title.clone(), None, None),
            PrintScope::Chapter(t) => (linker.title(t), linker.number(t), Some(t)),
            PrintScope::Guide(a) => {
                let t = Target::ReadingGuide(a);
                (linker.title(t), None, Some(t))
            }
        };
        if scope != PrintScope::All {
            page.title = title.clone();
            page.number = number.clone();
            page.url = url.to_string();
        }
        if pages.is_some() {
            page.modified = None;
        }
        let mut ctx = Context::new();
        ctx.insert("page", &page);
        ctx.insert("data", &Data::None);
        ctx.insert("toc", &toc(&linker, site, &scope, pages));
        ctx.insert(
            "print",
            &PrintView {
                scope: match scope {
                    PrintScope::All => "all",
                    PrintScope::Chapter(_) => "chapter",
                    PrintScope::Guide(_) => "guide",
                },
                title,
                number,
                whole_href: (scope != PrintScope::All).then(|| {
                    linker.relative(&linker.in_version(&print_url(site, &PrintScope::All)))
                }),
            },
        );
        ctx.insert("sections", &[SECTIONS]);
        self.layout(&linker, target, &mut ctx);
        if let Some(t) = crumb {
            let mut crumbs = layout::breadcrumbs(&linker, t);
            if let Some(last) = crumbs.last_mut() {
                last.href = Some(linker.href(t, None));
            }
            crumbs.push(Link {
                title: self.theme.strings.get("print_view"),
                href: None,
                number: None,
            });
            ctx.insert("breadcrumbs", &crumbs);
        }
        self.theme.render("print.html", &ctx, self.diags)
    }
}
