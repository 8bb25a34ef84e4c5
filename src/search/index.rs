//! The index of one site: its documents (pages and the entities in them),
//! each term's weight and positions in each document, and the compound
//! terms listed under their later parts.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::Serialize;

use super::compound;
use super::text;
use super::weigh::{DocTerms, Names, weigh};

/// Field weights: title > aka > headings > summary > body.
pub(crate) const TITLE: u32 = 10;
pub(crate) const AKA: u32 = 8;
pub(crate) const HEADING: u32 = 5;
pub(crate) const SUMMARY: u32 = 3;
pub(crate) const BODY: u32 = 1;

/// One search result as the browser shows it.
#[derive(Debug, Serialize)]
pub(crate) struct Doc {
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

/// Where one term occurs.
#[derive(Debug, Default)]
pub(crate) struct Occurrences {
    /// (document, weight, number of positions), documents ascending.
    pub docs: Vec<(u32, u32, u32)>,
    /// The term's positions in the documents, one document after the other.
    pub positions: Vec<u32>,
}

/// The postings of a compound part: (document, weight), documents ascending.
pub(crate) type Postings = Vec<(u32, u32)>;

/// Documents weighed at once: bounds the memory a large handbook needs
/// while its documents wait to be merged into the index.
const BATCH: usize = 2048;

/// The index of one site.
#[derive(Debug, Default)]
pub(crate) struct Index {
    pub docs: Vec<Doc>,
    /// Every term and where it occurs.
    pub terms: BTreeMap<String, Occurrences>,
    /// Later parts of compound terms → the documents of those compounds.
    pub parts: BTreeMap<String, Postings>,
    /// Fields of the documents added but not weighed yet.
    pending: Vec<Vec<(u32, String)>>,
}

impl Index {
    /// Adds a document with its searchable fields (weighed in [`Index::finish`]).
    pub(crate) fn add(&mut self, doc: Doc, fields: &[(u32, &str)]) {
        self.docs.push(doc);
        self.pending
            .push(fields.iter().map(|(w, t)| (*w, t.to_string())).collect());
    }

    /// Weighs every document's terms (in parallel), fills the terms and
    /// lists the compound terms under their parts.
    pub(crate) fn finish(mut self) -> Index {
        let pending = std::mem::take(&mut self.pending);
        let names = Names::new();
        // By name: where each term occurs, and whether it is a folded word.
        let mut occurrences: Vec<Occurrences> = Vec::new();
        let mut is_word: Vec<bool> = Vec::new();
        for (n, batch) in pending.chunks(BATCH).enumerate() {
            let weighed: Vec<DocTerms> = batch.par_iter().map(|f| weigh(f, &names)).collect();
            occurrences.resize_with(names.len(), Occurrences::default);
            is_word.resize(names.len(), false);
            for (k, doc) in weighed.into_iter().enumerate() {
                let id = (n * BATCH + k) as u32;
                let mut at = 0;
                for (term, weight, count) in doc.terms {
                    let o = &mut occurrences[term as usize];
                    o.docs.push((id, weight, count));
                    o.positions
                        .extend_from_slice(&doc.positions[at..at + count as usize]);
                    at += count as usize;
                }
                for word in doc.words {
                    is_word[word as usize] = true;
                }
            }
        }
        let names = names.into_names();
        let words: FxHashSet<&str> = names
            .iter()
            .zip(&is_word)
            .filter(|(_, is_word)| **is_word)
            .map(|(name, _)| &**name)
            .collect();
        self.terms = names
            .iter()
            .zip(occurrences)
            .filter(|(_, o)| !o.docs.is_empty())
            .map(|(term, o)| (term.to_string(), o))
            .collect();
        self.parts = parts(&self.terms, &words);
        self
    }
}

/// The compound parts of the index: every later part of a compound term,
/// with the best weight of the compounds it is part of in each document.
fn parts(
    terms: &BTreeMap<String, Occurrences>,
    words: &FxHashSet<&str>,
) -> BTreeMap<String, Postings> {
    // Stop words of four letters or more are first parts too ("underfase", "overlevering").
    let known =
        |w: &str| words.contains(w) || terms.contains_key(w) || (w.len() >= 4 && text::is_stop(w));
    let split: Vec<(&String, Vec<String>)> = terms
        .par_iter()
        .map(|(term, _)| (term, compound::tails(term, &known)))
        .filter(|(_, tails)| !tails.is_empty())
        .collect();
    let mut merged: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    for (term, tails) in split {
        for tail in tails {
            let docs = merged.entry(tail).or_default();
            for &(doc, weight, _) in &terms[term].docs {
                let w = docs.entry(doc).or_insert(0);
                *w = (*w).max(weight);
            }
        }
    }
    merged
        .into_iter()
        .map(|(part, docs)| (part, docs.into_iter().collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str) -> Doc {
        Doc {
            kind: "type_page",
            title: title.into(),
            section: String::new(),
            url: String::new(),
            excerpt: String::new(),
            audiences: Vec::new(),
        }
    }

    #[test]
    fn terms_carry_weights_and_positions() {
        let mut index = Index::default();
        index.add(
            doc("Lokal KY-træner"),
            &[
                (TITLE, "Lokal KY-træner"),
                (BODY, "Træneren er lokal, træneren træner."),
            ],
        );
        let index = index.finish();
        let traen = &index.terms["traen"];
        // Title 10 + bonus 12/3, body three times.
        assert_eq!(traen.docs, [(0, 10 + 4 + 3, 4)]);
        // Title "lokal ky træn", a gap of four, body "træn lokal træn træn".
        assert_eq!(traen.positions, [2, 7, 9, 10]);
        assert_eq!(
            index.terms["kytraen"].docs,
            [(0, 14, 0)],
            "joined, no position"
        );
    }

    /// Compound words whose first parts are known as words ("forandringsledelse").
    fn compounds() -> Index {
        let mut index = Index::default();
        index.add(doc("a"), &[(TITLE, "Gevinstrealisering")]);
        index.add(
            doc("b"),
            &[(BODY, "En gevinst og en ansvarlig for forandringsledelse.")],
        );
        index.add(doc("c"), &[(BODY, "Forandringsledelsesansvarlig")]);
        index.finish()
    }

    #[test]
    fn compounds_are_listed_under_their_parts() {
        let index = compounds();
        assert_eq!(index.parts["realisering"], [(0, 22)]);
        assert_eq!(index.parts["ansvar"], [(2, 1)]);
        assert!(!index.parts.contains_key("gevinst"));
    }

    #[test]
    fn each_index_learns_its_words_anew() {
        // The threads remember the words they told the first index.
        let first = compounds();
        let second = compounds();
        assert_eq!(second.parts, first.parts);
        assert_eq!(second.terms.len(), first.terms.len());
    }
}
