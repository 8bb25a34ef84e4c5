//! The index as small script files that the browser loads on demand with
//! `<script>` tags (so it works from `file://`), laid out so that a word
//! typed letter by letter downloads little even at 10,000 pages:
//!
//! - `meta.js`: document count, shard list, type names.
//! - `t-<key>.js`, a shard: the terms and compound parts starting with
//!   `<key>` (their first two letters), each with its document count and
//!   only its best [`HEAD`] documents, which is all a one-word query needs
//!   to rank its first results.
//! - `r-<n>.js`: the rest of the documents of frequent terms, loaded when
//!   several words must all match. A term's rest is never split; small
//!   rests share a file.
//! - `p-<n>.js`: the positions of terms in documents, loaded for phrases.
//! - `d-<n>.js`: what a result shows, [`CHUNK`] documents a file.
//!
//! Documents and positions are delta-coded (each number is the difference
//! to the one before) in flat arrays, which gzip well.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::index::{Index, Occurrences, Postings};

/// Documents per result file.
pub(crate) const CHUNK: usize = 100;

/// Documents a shard holds per term: enough for the first results of a
/// one-word query, whose ranking only needs a term's best documents.
pub(crate) const HEAD: usize = 50;

/// About how many bytes a rest or positions file holds before the next.
const REST_BUDGET: usize = 32 * 1024;
const POSITIONS_BUDGET: usize = 64 * 1024;

/// JSON for a value (strings, lists, maps of the index).
fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// The shard key of a term: its first two characters.
pub(crate) fn shard_key(term: &str) -> String {
    term.chars().take(2).collect()
}

/// A file-name-safe form of a shard key (other than ASCII letters and
/// digits, characters become `_` and their hex code).
pub(crate) fn file_key(key: &str) -> String {
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

/// Entries packed into numbered files of about `budget` bytes each; an
/// entry is never split. Each file has two sections (terms, parts).
struct Packer {
    budget: usize,
    files: Vec<[String; 2]>,
}

impl Packer {
    fn new(budget: usize) -> Packer {
        Packer {
            budget,
            files: Vec::new(),
        }
    }

    /// Adds `"key":[numbers]` to a section; returns the file's number.
    fn add(&mut self, section: usize, key: &str, numbers: &str) -> usize {
        let full = self
            .files
            .last()
            .is_none_or(|f| f[0].len() + f[1].len() >= self.budget);
        if full {
            self.files.push(Default::default());
        }
        let file = self.files.last_mut().expect("a file");
        let text = &mut file[section];
        if !text.is_empty() {
            text.push(',');
        }
        let _ = write!(text, "{}:[{numbers}]", json(key));
        self.files.len() - 1
    }
}

/// Appends a number: a large index writes millions of them, and itoa
/// skips the formatting machinery.
fn push_number(out: &mut String, n: u32) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Flat, delta-coded `(document, weight)` pairs, documents ascending.
fn pairs(postings: &[(u32, u32)]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for &(doc, weight) in postings {
        if !out.is_empty() {
            out.push(',');
        }
        push_number(&mut out, doc - last);
        out.push(',');
        push_number(&mut out, weight);
        last = doc;
    }
    out
}

/// A term's documents split into its best [`HEAD`] (by weight, then the
/// lower document) and the rest, each in document order.
fn head_and_rest(postings: &[(u32, u32)]) -> (Postings, Postings) {
    if postings.len() <= HEAD {
        return (postings.to_vec(), Vec::new());
    }
    let mut ranked = postings.to_vec();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut rest = ranked.split_off(HEAD);
    ranked.sort_unstable();
    rest.sort_unstable();
    (ranked, rest)
}

/// Flat, delta-coded positions: per document its delta, its count and its
/// delta-coded positions.
fn positions(o: &Occurrences) -> String {
    let mut out = String::new();
    let mut last_doc = 0;
    let mut at = 0;
    for &(doc, _, count) in &o.docs {
        let places = &o.positions[at..at + count as usize];
        at += count as usize;
        if places.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(',');
        }
        push_number(&mut out, doc - last_doc);
        out.push(',');
        push_number(&mut out, count);
        last_doc = doc;
        let mut last = 0;
        for &p in places {
            out.push(',');
            push_number(&mut out, p - last);
            last = p;
        }
    }
    out
}

/// One shard entry: `[documents, rest file or -1, (positions file or -1,)
/// best documents]`.
fn entry(
    postings: &[(u32, u32)],
    rest: &mut Packer,
    section: usize,
    key: &str,
    positions_file: Option<i64>,
) -> String {
    let (head, tail) = head_and_rest(postings);
    let file = if tail.is_empty() {
        -1
    } else {
        rest.add(section, key, &pairs(&tail)) as i64
    };
    let mut out = format!("{},{file}", postings.len());
    if let Some(p) = positions_file {
        let _ = write!(out, ",{p}");
    }
    if !head.is_empty() {
        out.push(',');
        out.push_str(&pairs(&head));
    }
    out
}

/// The index as script files: (file name under `soeg/`, content).
pub(crate) fn files(
    index: &Index,
    type_names: &BTreeMap<&'static str, String>,
) -> Vec<(String, String)> {
    let mut rest = Packer::new(REST_BUDGET);
    let mut places = Packer::new(POSITIONS_BUDGET);
    // shard key → [terms, parts] entries
    let mut shards: BTreeMap<String, [String; 2]> = BTreeMap::new();
    let mut push = |key: &str, section: usize, text: String| {
        let shard = &mut shards.entry(shard_key(key)).or_default()[section];
        if !shard.is_empty() {
            shard.push(',');
        }
        let _ = write!(shard, "{}:[{text}]", json(key));
    };
    for (term, o) in &index.terms {
        let postings: Vec<(u32, u32)> = o.docs.iter().map(|&(d, w, _)| (d, w)).collect();
        let coded = positions(o);
        let file = if coded.is_empty() {
            -1
        } else {
            places.add(0, term, &coded) as i64
        };
        push(term, 0, entry(&postings, &mut rest, 0, term, Some(file)));
    }
    for (part, postings) in &index.parts {
        push(part, 1, entry(postings, &mut rest, 1, part, None));
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
    for (key, [terms, parts]) in &shards {
        out.push((
            format!("t-{}.js", file_key(key)),
            format!(
                "HandbookSearch.terms({},{{{terms}}},{{{parts}}});\n",
                json(key.as_str())
            ),
        ));
    }
    for (n, [terms, parts]) in rest.files.iter().enumerate() {
        out.push((
            format!("r-{n}.js"),
            format!("HandbookSearch.rest({n},{{{terms}}},{{{parts}}});\n"),
        ));
    }
    for (n, [terms, _]) in places.files.iter().enumerate() {
        out.push((
            format!("p-{n}.js"),
            format!("HandbookSearch.positions({n},{{{terms}}});\n"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frequent_term_keeps_its_best_documents_in_the_shard() {
        let postings: Vec<(u32, u32)> = (0..HEAD as u32 + 3).map(|d| (d * 2, 1 + d % 3)).collect();
        let (head, rest) = head_and_rest(&postings);
        assert_eq!(head.len(), HEAD);
        assert_eq!(rest.len(), 3);
        // Every document left out weighs no more than every one kept.
        let lowest = head.iter().map(|p| p.1).min().unwrap();
        assert!(rest.iter().all(|p| p.1 <= lowest));
        assert!(head.windows(2).all(|w| w[0].0 < w[1].0), "document order");
        assert_eq!(pairs(&[(3, 5), (10, 1), (11, 2)]), "3,5,7,1,1,2");
    }

    #[test]
    fn positions_are_delta_coded_per_document() {
        let o = Occurrences {
            docs: vec![(2, 1, 2), (5, 1, 0), (9, 3, 1)],
            positions: vec![4, 10, 7],
        };
        assert_eq!(positions(&o), "2,2,4,6,7,1,7");
    }

    #[test]
    fn packed_entries_fill_files_up_to_the_budget() {
        let mut p = Packer::new(20);
        assert_eq!(p.add(0, "a", "1,2,3,4,5,6"), 0);
        assert_eq!(p.add(1, "b", "1"), 0);
        assert_eq!(p.add(0, "c", "1"), 1);
        assert_eq!(p.files[0], ["\"a\":[1,2,3,4,5,6]", "\"b\":[1]"]);
    }
}
