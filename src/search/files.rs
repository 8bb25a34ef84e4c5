//! The index as small script files that the browser loads on demand with
//! `<script>` tags (so it works from `file://`), laid out so that a word
//! typed letter by letter downloads little even at 10,000 pages:
//!
//! - `meta.js`: document count, shard list (with each shard's file), type names.
//! - `t-<n>.js`, shards: for a key (two first letters), the terms and
//!   compound parts starting with it, each with its document count and only
//!   its best [`HEAD`] documents, which is all a one-word query needs to rank
//!   its first results. Shards follow each other in key order, packed into
//!   files of about [`SHARD_BUDGET`] bytes (a large shard is a file of its
//!   own), so a small handbook does not write hundreds of tiny files.
//! - `r-<n>.js`: the rest of the documents of frequent terms, loaded when
//!   several words must all match. A term's rest is never split; small
//!   rests share a file.
//! - `p-<n>.js`: the positions of terms in documents, loaded for phrases.
//! - `d-<n>.js`: what a result shows, [`CHUNK`] documents a file.
//!
//! Documents and positions are delta-coded (each number is the difference
//! to the one before) in flat arrays, which gzip well.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::Serialize;

use super::index::{Index, Occurrences, Postings};

/// Documents per result file.
pub(crate) const CHUNK: usize = 100;

/// Documents a shard holds per term: enough for the first results of a
/// one-word query, whose ranking only needs a term's best documents.
pub(crate) const HEAD: usize = 50;

/// About how many bytes a rest, positions or shards file holds before the next.
const SHARD_BUDGET: usize = 8 * 1024;
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

/// Appends `key:[numbers]` to a list of entries, after a comma unless it
/// is the first; `key` is JSON already, `numbers` writes the numbers.
fn push_entry(list: &mut String, key: &str, numbers: impl FnOnce(&mut String)) {
    if !list.is_empty() {
        list.push(',');
    }
    list.push_str(key);
    list.push_str(":[");
    numbers(list);
    list.push(']');
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

    /// Adds `key:[numbers]` to a section (see [`push_entry`]); returns the
    /// file's number.
    fn add(&mut self, section: usize, key: &str, numbers: impl FnOnce(&mut String)) -> usize {
        let full = self
            .files
            .last()
            .is_none_or(|f| f[0].len() + f[1].len() >= self.budget);
        if full {
            self.files.push(Default::default());
        }
        let file = self.files.last_mut().expect("a file");
        push_entry(&mut file[section], key, numbers);
        self.files.len() - 1
    }
}

/// Appends a number: a large index writes millions of them, most of them
/// small deltas, so one or two digits are pushed as they are, and itoa
/// skips the formatting machinery for the rest.
#[inline(always)]
fn push_number(out: &mut String, n: u32) {
    let digit = |d: u32| char::from(b'0' + d as u8);
    match n {
        0..=9 => out.push(digit(n)),
        10..=99 => {
            out.push(digit(n / 10));
            out.push(digit(n % 10));
        }
        _ => out.push_str(itoa::Buffer::new().format(n)),
    }
}

/// Appends a file's number, or -1 for none.
fn push_file(out: &mut String, file: Option<usize>) {
    match file {
        Some(n) => out.push_str(itoa::Buffer::new().format(n)),
        None => out.push_str("-1"),
    }
}

/// Appends flat, delta-coded `(document, weight)` pairs, documents ascending.
fn pairs(out: &mut String, postings: &[(u32, u32)]) {
    let mut last = 0;
    for (k, &(doc, weight)) in postings.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        push_number(out, doc - last);
        out.push(',');
        push_number(out, weight);
        last = doc;
    }
}

/// The order of a term's documents by rank: the higher weight first, then
/// the lower document.
fn by_rank(a: &(u32, u32), b: &(u32, u32)) -> Ordering {
    b.1.cmp(&a.1).then(a.0.cmp(&b.0))
}

/// A term's documents split into its best [`HEAD`] (by rank) and the rest,
/// each in document order. Only the last of the best is searched for; the
/// documents are in document order already.
fn head_and_rest(postings: &[(u32, u32)]) -> (Postings, Postings) {
    if postings.len() <= HEAD {
        return (postings.to_vec(), Vec::new());
    }
    let mut ranked = postings.to_vec();
    let last = *ranked.select_nth_unstable_by(HEAD - 1, by_rank).1;
    let mut head = Vec::with_capacity(HEAD);
    let mut rest = Vec::with_capacity(postings.len() - HEAD);
    for &p in postings {
        if by_rank(&p, &last) == Ordering::Greater {
            rest.push(p);
        } else {
            head.push(p);
        }
    }
    (head, rest)
}

/// Appends flat, delta-coded positions: per document its delta, its count
/// and its delta-coded positions.
fn positions(out: &mut String, o: &Occurrences) {
    let mut last_doc = 0;
    let mut at = 0;
    let mut first = true;
    for &(doc, _, count) in &o.docs {
        let places = &o.positions[at..at + count as usize];
        at += count as usize;
        if places.is_empty() {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        push_number(out, doc - last_doc);
        out.push(',');
        push_number(out, count);
        last_doc = doc;
        let mut last = 0;
        for &p in places {
            out.push(',');
            push_number(out, p - last);
            last = p;
        }
    }
}

/// Appends one shard entry's numbers: `documents, rest file or -1,
/// (positions file or -1,) best documents`; the rest goes to `rest`.
fn entry(
    out: &mut String,
    postings: &[(u32, u32)],
    rest: &mut Packer,
    (section, key): (usize, &str),
    positions_file: Option<Option<usize>>,
) {
    let (head, tail) = head_and_rest(postings);
    let file = (!tail.is_empty()).then(|| rest.add(section, key, |out| pairs(out, &tail)));
    push_number(out, postings.len() as u32);
    out.push(',');
    push_file(out, file);
    if let Some(p) = positions_file {
        out.push(',');
        push_file(out, p);
    }
    if !head.is_empty() {
        out.push(',');
        pairs(out, &head);
    }
}

/// A script line `HandbookSearch.<function>(<first>,{<section>},…);`,
/// made at its size at once (a file of the index is one such line).
fn call(function: &str, first: &str, sections: &[&String]) -> String {
    let size = sections.iter().map(|s| s.len() + 3).sum::<usize>();
    let mut out = String::with_capacity(function.len() + first.len() + size + 20);
    out.push_str("HandbookSearch.");
    out.push_str(function);
    out.push('(');
    out.push_str(first);
    for section in sections {
        out.push_str(",{");
        out.push_str(section);
        out.push('}');
    }
    out.push_str(");\n");
    out
}

/// A section (0 terms, 1 parts) of the shard of a term or part, the shard
/// made on first use.
fn shard<'a>(
    shards: &'a mut BTreeMap<String, [String; 2]>,
    term: &str,
    section: usize,
) -> &'a mut String {
    &mut shards.entry(shard_key(term)).or_default()[section]
}

/// The shards as script lines packed into files (see [`SHARD_BUDGET`]),
/// and the number of each shard's file, in key order.
fn pack_shards(shards: &BTreeMap<String, [String; 2]>) -> (Vec<String>, Vec<usize>) {
    let mut files: Vec<String> = Vec::new();
    let mut file_of = Vec::with_capacity(shards.len());
    for (key, [terms, parts]) in shards {
        let line = call("terms", &json(key.as_str()), &[terms, parts]);
        match files.last_mut() {
            Some(file) if file.len() + line.len() <= SHARD_BUDGET => file.push_str(&line),
            _ => files.push(line),
        }
        file_of.push(files.len() - 1);
    }
    (files, file_of)
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
    for (term, o) in &index.terms {
        let key = json(term);
        let postings: Vec<(u32, u32)> = o.docs.iter().map(|&(d, w, _)| (d, w)).collect();
        let file = (!o.positions.is_empty()).then(|| places.add(0, &key, |out| positions(out, o)));
        push_entry(shard(&mut shards, term, 0), &key, |out| {
            entry(out, &postings, &mut rest, (0, &key), Some(file));
        });
    }
    for (part, postings) in &index.parts {
        let key = json(part);
        push_entry(shard(&mut shards, part, 1), &key, |out| {
            entry(out, postings, &mut rest, (1, &key), None);
        });
    }

    let mut out = Vec::new();
    let keys: Vec<&String> = shards.keys().collect();
    let (shard_files, file_of) = pack_shards(&shards);
    out.push((
        "meta.js".to_string(),
        format!(
            "HandbookSearch.meta({{\"chunk\":{CHUNK},\"docs\":{},\"shards\":{},\"files\":{},\"types\":{}}});\n",
            index.docs.len(),
            json(&keys),
            json(&file_of),
            json(type_names)
        ),
    ));
    for (n, file) in shard_files.into_iter().enumerate() {
        out.push((format!("t-{n}.js"), file));
    }
    for (n, [terms, parts]) in rest.files.iter().enumerate() {
        out.push((
            format!("r-{n}.js"),
            call("rest", &n.to_string(), &[terms, parts]),
        ));
    }
    for (n, [terms, _]) in places.files.iter().enumerate() {
        out.push((
            format!("p-{n}.js"),
            call("positions", &n.to_string(), &[terms]),
        ));
    }
    for (n, chunk) in index.docs.chunks(CHUNK).enumerate() {
        let n = n.to_string();
        out.push((
            format!("d-{n}.js"),
            ["HandbookSearch.docs(", &n, ",", &json(chunk), ");\n"].concat(),
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
        let mut out = String::new();
        pairs(&mut out, &[(3, 5), (10, 1), (11, 2)]);
        assert_eq!(out, "3,5,7,1,1,2");
    }

    #[test]
    fn the_best_documents_are_those_of_a_full_ranking() {
        // Many equal weights: the lower document wins a tie.
        let postings: Vec<(u32, u32)> = (0..300).map(|d| (d, (d * 7 + 3) % 5)).collect();
        let mut ranked = postings.clone();
        ranked.sort_by(by_rank);
        let mut best = ranked[..HEAD].to_vec();
        let mut others = ranked[HEAD..].to_vec();
        best.sort_unstable();
        others.sort_unstable();
        assert_eq!(head_and_rest(&postings), (best, others));
    }

    #[test]
    fn a_file_is_one_call_of_the_browser_script() {
        let (terms, parts) = ("\"ab\":[1]".to_string(), String::new());
        assert_eq!(
            call("rest", "3", &[&terms, &parts]),
            "HandbookSearch.rest(3,{\"ab\":[1]},{});\n"
        );
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        let mut out = String::new();
        let numbers = (0..1000).chain([9_999, 65_536, u32::MAX]);
        for n in numbers.clone() {
            push_number(&mut out, n);
            out.push(' ');
        }
        let expected: Vec<String> = numbers.map(|n| n.to_string()).collect();
        assert_eq!(out.split_whitespace().collect::<Vec<_>>(), expected);
    }

    #[test]
    fn positions_are_delta_coded_per_document() {
        let o = Occurrences {
            docs: vec![(2, 1, 2), (5, 1, 0), (9, 3, 1)],
            positions: vec![4, 10, 7],
        };
        let mut out = String::new();
        positions(&mut out, &o);
        assert_eq!(out, "2,2,4,6,7,1,7");
    }

    #[test]
    fn packed_entries_fill_files_up_to_the_budget() {
        let mut p = Packer::new(20);
        let numbers = |text: &'static str| move |out: &mut String| out.push_str(text);
        assert_eq!(p.add(0, "\"a\"", numbers("1,2,3,4,5,6")), 0);
        assert_eq!(p.add(1, "\"b\"", numbers("1")), 0);
        assert_eq!(p.add(0, "\"c\"", numbers("1")), 1);
        assert_eq!(p.files[0], ["\"a\":[1,2,3,4,5,6]", "\"b\":[1]"]);
    }
}
