//! Full-text search built at build time: Danish tokens and stems, field
//! weights, and an index split into small script files so the first query of
//! a 10,000-page handbook downloads little, and it all works from `file://`.
//!
//! Output, per version folder: `soeg/meta.js` (shard list, type names),
//! `soeg/t-<key>.js` (postings of the terms starting with `<key>`) and
//! `soeg/d-<n>.js` (result metadata for documents n·CHUNK ..). The browser
//! script (`assets/search.js`) stems the query the same way and matches
//! index terms by prefix, so compound words are found by their first part.

pub mod text;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{PageKind, PageType};
use crate::render::links::Linker;
use crate::resolve::Target;
use text::{plain_text, terms};

/// The string keys of the result types, for their names in the browser.
pub const TYPE_KEYS: &[&str] = &[
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

/// Documents per metadata file.
pub const CHUNK: usize = 400;

/// Field weights: title > aka > headings > summary > body.
const TITLE: u32 = 10;
const AKA: u32 = 8;
const HEADING: u32 = 5;
const SUMMARY: u32 = 3;
const BODY: u32 = 1;

/// One search result as the browser shows it.
#[derive(Debug, Serialize)]
pub struct Doc {
    /// Key of the type's name in the string table (shown as "Rolle", "Fase", ...).
    pub kind: &'static str,
    pub title: String,
    /// The page or section it belongs to.
    pub section: String,
    /// URL relative to the version's folder.
    pub url: String,
    pub excerpt: String,
    pub audiences: Vec<String>,
}

/// The weight of each term of one document. Each field counts once per term;
/// the body by how often, but at most a little, so a page that repeats a word
/// does not outrank the page named by it; a short matching title says more
/// than a long one ("Gevinstejer" before "Koncept for gevinstrealisering").
fn weigh(title: &str, fields: &[(u32, String)]) -> BTreeMap<String, u32> {
    let title_terms = terms(title).len().max(1) as u32;
    let mut weights: BTreeMap<String, u32> = BTreeMap::new();
    let mut body: BTreeMap<String, u32> = BTreeMap::new();
    for (weight, text) in fields {
        let mut seen = std::collections::BTreeSet::new();
        for term in terms(text) {
            if *weight == BODY {
                *body.entry(term).or_insert(0) += 1;
            } else if seen.insert(term.clone()) {
                let bonus = if *weight == TITLE {
                    12 / title_terms
                } else {
                    0
                };
                *weights.entry(term).or_insert(0) += weight + bonus;
            }
        }
    }
    for (term, count) in body {
        *weights.entry(term).or_insert(0) += count.min(4);
    }
    weights
}

/// The documents a term occurs in, with its weight in each.
pub type Postings = Vec<(u32, u32)>;

/// The index of one site.
#[derive(Debug, Default)]
pub struct Index {
    pub docs: Vec<Doc>,
    /// term → (doc, weight), docs ascending.
    pub postings: BTreeMap<String, Postings>,
    /// Fields of the documents added but not weighed yet.
    pending: Vec<Vec<(u32, String)>>,
}

impl Index {
    /// Adds a document with its searchable fields (weighed in [`Index::finish`]).
    fn add(&mut self, doc: Doc, fields: &[(u32, &str)]) {
        self.docs.push(doc);
        self.pending
            .push(fields.iter().map(|(w, t)| (*w, t.to_string())).collect());
    }

    /// Weighs every document's terms (in parallel) and fills the postings.
    fn finish(mut self) -> Index {
        let pending = std::mem::take(&mut self.pending);
        // Compact vectors, not maps, while all documents wait to be merged.
        let weights: Vec<Vec<(String, u32)>> = pending
            .par_iter()
            .zip(self.docs.par_iter())
            .map(|(fields, doc)| weigh(&doc.title, fields).into_iter().collect())
            .collect();
        drop(pending);
        for (id, terms) in weights.into_iter().enumerate() {
            for (term, w) in terms {
                self.postings.entry(term).or_default().push((id as u32, w));
            }
        }
        self
    }

    /// The shard key of a term: its first two characters.
    pub fn shard_key(term: &str) -> String {
        term.chars().take(2).collect()
    }
}

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
pub fn build(linker: &Linker) -> Index {
    let site = linker.site;
    let local = |t: Target| site.local_url(t);
    let mut index = Index::default();
    for target in &site.order {
        let Some(page) = site.page_of(*target) else {
            // A generated page without an introduction: found by its title.
            let title = linker.title(*target);
            let doc = Doc {
                kind: "type_page",
                title: title.clone(),
                section: String::new(),
                url: local(*target),
                excerpt: String::new(),
                audiences: Vec::new(),
            };
            index.add(doc, &[(TITLE, &title)]);
            continue;
        };
        let title = linker.title(*target);
        let body = plain_text(&page.body);
        let summary = page.meta.summary.clone().unwrap_or_default();
        let headings: Vec<&str> = page.scan.headings.iter().map(|h| h.text.as_str()).collect();
        let headings = headings.join(" ");
        let mut aka = String::new();
        let kind = match &page.kind {
            PageKind::Role(r) => {
                aka = r.aka.join(" ");
                "type_role"
            }
            PageKind::Template(t) => {
                aka = t
                    .file
                    .value
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .replace(['-', '_', '.'], " ");
                "type_template"
            }
            kind => match kind.page_type() {
                Some(PageType::Phase) => "type_phase",
                Some(PageType::Guide) => "type_guide",
                Some(PageType::Training) => "type_training",
                Some(PageType::ReadingGuide) => "type_reading_guide",
                _ => "type_chapter",
            },
        };
        let facts = facts_text(&page.kind);
        let doc = Doc {
            kind,
            title: title.clone(),
            section: String::new(),
            url: local(*target),
            excerpt: excerpt(if summary.is_empty() { &body } else { &summary }),
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
                (TITLE, &title),
                (AKA, &aka),
                (HEADING, &headings),
                (SUMMARY, &summary),
                (BODY, &body),
                (BODY, &facts),
            ],
        );
        // Sections of chapters, found by their headings.
        if matches!(
            page.kind,
            PageKind::Chapter | PageKind::Front | PageKind::Intro(_)
        ) {
            for h in page.scan.headings.iter().filter(|h| h.level <= 3) {
                let doc = Doc {
                    kind: "type_section",
                    title: h.text.clone(),
                    section: title.clone(),
                    url: format!("{}#{}", local(*target), h.id),
                    excerpt: String::new(),
                    audiences: Vec::new(),
                };
                index.add(doc, &[(TITLE, &h.text), (SUMMARY, &title)]);
            }
        }
        // Activities and courses are results of their own.
        match &page.kind {
            PageKind::Phase(phase) => {
                for a in &phase.activities {
                    let doc = Doc {
                        kind: "activity",
                        title: a.title.clone(),
                        section: title.clone(),
                        url: format!("{}#{}", local(*target), a.id),
                        excerpt: excerpt(a.description.as_deref().unwrap_or_default()),
                        audiences: Vec::new(),
                    };
                    index.add(
                        doc,
                        &[
                            (TITLE, &a.title),
                            (BODY, a.description.as_deref().unwrap_or_default()),
                        ],
                    );
                }
            }
            PageKind::Training(plan) => {
                for c in &plan.courses {
                    let doc = Doc {
                        kind: "course",
                        title: c.title.clone(),
                        section: title.clone(),
                        url: format!("{}#forloeb", local(*target)),
                        excerpt: [c.form.as_deref(), c.duration.as_deref()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(", "),
                        audiences: Vec::new(),
                    };
                    index.add(doc, &[(TITLE, &c.title)]);
                }
            }
            _ => {}
        }
    }
    index.finish()
}

/// The text of a page's front-matter facts, searchable as body text.
fn facts_text(kind: &PageKind) -> String {
    match kind {
        PageKind::Role(r) => [
            r.typical_holder.clone().unwrap_or_default(),
            r.responsibilities.join(" "),
        ]
        .join(" "),
        PageKind::Phase(p) => p
            .roles
            .iter()
            .map(|r| r.responsibility.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        PageKind::Guide(g) => {
            let agenda: Vec<&str> = g.agenda.iter().map(|a| a.item.as_str()).collect();
            [
                g.purpose.clone().unwrap_or_default(),
                agenda.join(" "),
                g.before.join(" "),
                g.after.join(" "),
            ]
            .join(" ")
        }
        PageKind::Training(t) => [
            t.self_study.join(" "),
            t.continuing.join(" "),
            t.other_activities.join(" "),
        ]
        .join(" "),
        _ => String::new(),
    }
}

/// JSON for a value (strings, lists, maps of the index).
fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// The index as script files: (file name under `soeg/`, content).
pub fn files(index: &Index, type_names: &BTreeMap<&'static str, String>) -> Vec<(String, String)> {
    let mut shards: BTreeMap<String, Vec<(&String, &Postings)>> = BTreeMap::new();
    for (term, postings) in &index.postings {
        shards
            .entry(Index::shard_key(term))
            .or_default()
            .push((term, postings));
    }
    let mut out = Vec::new();
    let keys: Vec<&String> = shards.keys().collect();
    out.push((
        "meta.js".to_string(),
        format!(
            "HandbookSearch.meta({{\"chunk\":{CHUNK},\"docs\":{},\"shards\":{},\"types\":{}}});\n",
            index.docs.len(),
            json(&keys),
            json(type_names)
        ),
    ));
    for (key, terms) in &shards {
        let mut body = String::from("{");
        for (i, (term, postings)) in terms.iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            let flat: Vec<String> = postings
                .iter()
                .flat_map(|(d, w)| [d.to_string(), w.to_string()])
                .collect();
            body.push_str(&format!("{}:[{}]", json(term.as_str()), flat.join(",")));
        }
        body.push('}');
        out.push((
            format!("t-{}.js", file_key(key)),
            format!("HandbookSearch.terms({},{body});\n", json(key.as_str())),
        ));
    }
    for (n, chunk) in index.docs.chunks(CHUNK).enumerate() {
        out.push((
            format!("d-{n}.js"),
            format!("HandbookSearch.docs({n},{});\n", json(chunk)),
        ));
    }
    out
}

/// A file-name-safe form of a shard key (`æ` and friends become hex).
pub fn file_key(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_string()
            } else {
                format!("_{:x}", c as u32)
            }
        })
        .collect()
}
