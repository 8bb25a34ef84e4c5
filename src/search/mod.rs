//! Full-text search built at build time, for Danish readers: words
//! (`tokens`) are folded and stemmed so inflections and spellings meet
//! (`text`), compound words are listed under their parts (`compound`), each
//! term keeps its weight and positions per document (`weigh`, merged in
//! `index`), and the index is written as small script files loaded on
//! demand (`files`), so the first results of a 10,000-page handbook
//! download little, and it all works from `file://`.
//! The browser script (`themes/default/static/search.js`) analyses queries
//! the same way and adds what needs the query: prefixes, compound splitting,
//! one-typo matching and phrases.

pub(crate) mod compound;
pub(crate) mod files;
pub(crate) mod index;
pub(crate) mod text;
pub(crate) mod tokens;
pub(crate) mod weigh;

use crate::model::{CourseForm, Page, PageKind, PageType};
use crate::resolve::{Site, Target};
use crate::schema::{self, Search, facts};
pub(crate) use files::files;
use index::{AKA, BODY, Doc, HEADING, Index, SUMMARY, TITLE};

/// The string keys of the result types, for their names in the browser.
pub(crate) const TYPE_KEYS: &[&str] = &[
    "type_role",
    "type_phase",
    "type_guide",
    "type_template",
    "type_training",
    "type_reading_guide",
    "type_chapter",
    "type_section",
    "type_page",
    "activity",
    "course",
];

/// The start of a text, cut at a word, for a result's excerpt.
fn excerpt(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.len() + word.len() > 180 {
            out.push_str(" …");
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Builds the index of a site: every page and every named entity in it.
/// `title` is a target's title as readers see it (a generated page's comes
/// from the theme's string table).
pub(crate) fn build(site: &Site, title: impl Fn(Target) -> String) -> Index {
    let mut index = Index::default();
    for target in &site.order {
        let url = site.local_url(*target);
        let title = title(*target);
        let Some(page) = site.page_of(*target) else {
            // A generated page without an introduction: found by its title.
            let doc = Doc {
                kind: "type_page",
                title: title.clone(),
                section: String::new(),
                url,
                excerpt: String::new(),
                audiences: Vec::new(),
            };
            index.add(doc, &[(TITLE, &title)]);
            continue;
        };
        add_page(&mut index, page, &title, &url, &page.scan.text);
        if matches!(
            page.kind,
            PageKind::Chapter | PageKind::Front | PageKind::Intro(_)
        ) {
            add_sections(&mut index, page, &title, &url);
        }
        add_entities(&mut index, page, &title, &url);
    }
    index.finish()
}

/// A page as a result, found by its title, other names, headings, summary,
/// body and facts.
fn add_page(index: &mut Index, page: &Page, title: &str, url: &str, body: &str) {
    let summary = page.meta.summary.clone().unwrap_or_default();
    let headings: Vec<&str> = page.scan.headings.iter().map(|h| h.text.as_str()).collect();
    let headings = headings.join(" ");
    let table = schema::of(page.kind.page_type()).table;
    let aka = facts::search_text(table, &page.front, Search::Aka);
    let kind = match page.kind.page_type() {
        Some(PageType::Phase) => "type_phase",
        Some(PageType::Role) => "type_role",
        Some(PageType::Guide) => "type_guide",
        Some(PageType::Template) => "type_template",
        Some(PageType::Training) => "type_training",
        Some(PageType::ReadingGuide) => "type_reading_guide",
        None => "type_chapter",
    };
    let facts = facts::search_text(table, &page.front, Search::Body);
    let doc = Doc {
        kind,
        title: title.to_string(),
        section: String::new(),
        url: url.to_string(),
        excerpt: excerpt(if summary.is_empty() { body } else { &summary }),
        audiences: page
            .meta
            .audiences
            .iter()
            .map(|a| a.value.clone())
            .collect(),
    };
    index.add(
        doc,
        &[
            (TITLE, title),
            (AKA, &aka),
            (HEADING, &headings),
            (SUMMARY, &summary),
            (BODY, body),
            (BODY, &facts),
        ],
    );
}

/// The sections of a chapter as results of their own, found by their headings.
fn add_sections(index: &mut Index, page: &Page, title: &str, url: &str) {
    for h in page.scan.headings.iter().filter(|h| h.level <= 3) {
        let doc = Doc {
            kind: "type_section",
            title: h.text.clone(),
            section: title.to_string(),
            url: format!("{url}#{}", h.id),
            excerpt: String::new(),
            audiences: Vec::new(),
        };
        index.add(doc, &[(TITLE, &h.text), (SUMMARY, title)]);
    }
}

/// Activities and courses are results of their own, also found by the words
/// of their page's title ("trænerkursus").
fn add_entities(index: &mut Index, page: &Page, title: &str, url: &str) {
    match &page.kind {
        PageKind::Phase(phase) => {
            for a in &phase.activities {
                let description = a.description.as_deref().unwrap_or_default();
                let doc = Doc {
                    kind: "activity",
                    title: a.title.clone(),
                    section: title.to_string(),
                    url: format!("{url}#{}", a.id),
                    excerpt: excerpt(description),
                    audiences: Vec::new(),
                };
                index.add(
                    doc,
                    &[(TITLE, &a.title), (BODY, description), (BODY, title)],
                );
            }
        }
        PageKind::Training(plan) => {
            for c in &plan.courses {
                let doc = Doc {
                    kind: "course",
                    title: c.title.clone(),
                    section: title.to_string(),
                    url: format!("{url}#forloeb"),
                    excerpt: [c.form.map(CourseForm::name), c.duration.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", "),
                    audiences: Vec::new(),
                };
                index.add(doc, &[(TITLE, &c.title), (BODY, title)]);
            }
        }
        _ => {}
    }
}
