//! Danish words for search, the same in the index and in the browser's
//! queries (`search.js` ports every step; a test runs both on the same
//! words): lowercase words of letters and digits, stop words dropped, then
//! one spelling for every way of typing a word: æ, ø, å (and ä, ö) as the
//! digraphs `ae`, `oe`, `aa` that foreign keyboards type, accents removed
//! (`idé` is `ide`), and the Snowball stem of the Danish spelling
//! ("trænerne" and "traenere" both become `traen`).

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use pulldown_cmark::Event;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use crate::markdown::parser;

/// Frequent Danish words that carry no meaning in a query, with the
/// question words readers start a query with ("hvornår ...").
const STOP_WORDS: &[&str] = &[
    "af", "alle", "alt", "at", "blev", "bliver", "da", "de", "dem", "den", "denne", "der", "deres",
    "det", "dette", "dig", "din", "dog", "du", "efter", "eller", "en", "end", "er", "et", "for",
    "fra", "ham", "han", "hans", "har", "havde", "have", "hende", "hendes", "her", "hos", "hun",
    "hvad", "hvem", "hvilke", "hvilken", "hvilket", "hvis", "hvor", "hvordan", "hvorfor",
    "hvornår", "i", "ikke", "ind", "jeg", "jer", "jo", "kan", "kunne", "man", "mange", "med",
    "meget", "men", "mig", "min", "mod", "ned", "noget", "nogle", "nu", "når", "og", "også", "om",
    "op", "os", "over", "på", "sig", "sin", "sine", "sit", "skal", "skulle", "som", "så", "thi",
    "til", "ud", "under", "var", "vi", "vil", "ville", "vor", "været", "være",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::Danish))
}

/// Whether a folded word is a stop word.
pub(crate) fn is_stop(folded: &str) -> bool {
    static STOP: OnceLock<HashSet<String>> = OnceLock::new();
    STOP.get_or_init(|| STOP_WORDS.iter().map(|w| fold(w)).collect())
        .contains(folded)
}

/// The words of a text as written (runs of letters and digits, Danish
/// letters kept), each with whether one hyphen joins it to the word before
/// ("KY-træner").
fn tokens(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = text;
    let mut consumed = 0;
    let mut previous_end: Option<usize> = None;
    std::iter::from_fn(move || {
        let start = rest.find(char::is_alphanumeric)?;
        let len = rest[start..]
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len() - start);
        let word = &rest[start..start + len];
        let at = consumed + start;
        let joined = previous_end.is_some_and(|end| {
            let gap = &text[end..at];
            gap == "-" || gap == "\u{2010}"
        });
        previous_end = Some(at + len);
        consumed = at + len;
        rest = &rest[start + len..];
        Some((word, joined))
    })
}

/// The lowercase words of a text (letters and digits, Danish letters kept).
#[cfg(test)]
fn words(text: &str) -> Vec<String> {
    tokens(text).map(|(w, _)| w.to_lowercase()).collect()
}

/// One spelling for the ways a word is typed: `å` → `aa`, `æ`/`ä` → `ae`,
/// `ø`/`ö` → `oe`, and accents dropped (`é` → `e`). Expects lowercase.
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    for c in word.chars() {
        match c {
            'å' => out.push_str("aa"),
            'æ' | 'ä' => out.push_str("ae"),
            'ø' | 'ö' => out.push_str("oe"),
            c if c.is_ascii() => out.push(c),
            c => out.extend(
                std::iter::once(c)
                    .nfd()
                    .filter(|m| !('\u{300}'..='\u{36f}').contains(m)),
            ),
        }
    }
    out
}

/// The Danish letters back in a folded word, so the stemmer sees the
/// spelling it knows (`aa` → `å`, `ae` → `æ`, `oe` → `ø`, left to right).
fn unfold(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    let mut rest = folded;
    while let Some(c) = rest.chars().next() {
        let letter = match rest.get(..2) {
            Some("aa") => Some('å'),
            Some("ae") => Some('æ'),
            Some("oe") => Some('ø'),
            _ => None,
        };
        match letter {
            Some(l) => {
                out.push(l);
                rest = &rest[2..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// Words remembered per thread before the caches start over (a bound on
/// memory for very large handbooks; a handbook repeats its words).
const REMEMBERED: usize = 100_000;

/// The index term of a lowercase word: its folded Snowball stem.
pub(crate) fn stem(word: &str) -> String {
    thread_local! {
        static STEMS: RefCell<FxHashMap<Box<str>, String>> = RefCell::default();
    }
    STEMS.with(|stems| {
        if let Some(known) = stems.borrow().get(word) {
            return known.clone();
        }
        let term = fold(&stemmer().stem(&unfold(&fold(word))));
        let mut stems = stems.borrow_mut();
        if stems.len() >= REMEMBERED {
            stems.clear();
        }
        stems.insert(word.into(), term.clone());
        term
    })
}

/// Whether a lowercase word is worth a term: not a stop word, and more than
/// one letter (a lone digit counts).
fn keep(word: &str, folded: &str) -> bool {
    !is_stop(folded) && (word.chars().count() > 1 || word.chars().all(|c| c.is_ascii_digit()))
}

/// The index terms of a text, in order: words without stop words, stemmed.
#[cfg(test)]
fn terms(text: &str) -> Vec<String> {
    analyse(text).terms.iter().map(|t| t.to_string()).collect()
}

/// An index term or folded word, shared by every place it occurs.
pub(crate) type Term = Arc<str>;

/// What the index takes from one text.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Analysis {
    /// The terms in order; a term's place in this list is its position.
    pub terms: Vec<Term>,
    /// Terms of hyphenated words written as one ("KY-træner" → `kytraen`),
    /// so a reader who types them together finds them.
    pub joined: Vec<Term>,
    /// The folded words behind the terms, before stemming: the known words
    /// that compound words are split at.
    pub words: Vec<Term>,
}

/// What the index takes from one word as written.
struct Word {
    lowercase: Box<str>,
    /// Its term and folded spelling; `None` for stop words and lone letters.
    kept: Option<(Term, Term)>,
}

/// The analysis of a word as written, made once per thread.
fn word<'a>(known: &'a mut FxHashMap<Box<str>, Word>, written: &str) -> &'a Word {
    if !known.contains_key(written) {
        if known.len() >= REMEMBERED {
            known.clear();
        }
        let lowercase = written.to_lowercase();
        let folded = fold(&lowercase);
        let kept = keep(&lowercase, &folded).then(|| (stem(&lowercase).into(), folded.into()));
        let lowercase = lowercase.into();
        known.insert(written.into(), Word { lowercase, kept });
    }
    &known[written]
}

/// The terms, joined terms and folded words of a text.
pub(crate) fn analyse(text: &str) -> Analysis {
    thread_local! {
        static WORDS: RefCell<FxHashMap<Box<str>, Word>> = RefCell::default();
    }
    let mut out = Analysis::default();
    let mut run = String::new();
    let mut run_len = 0;
    WORDS.with(|known| {
        let mut known = known.borrow_mut();
        for (written, joined) in tokens(text) {
            if !joined {
                if run_len > 1 {
                    out.joined.push(stem(&run).into());
                }
                run.clear();
                run_len = 0;
            }
            let word = word(&mut known, written);
            run.push_str(&word.lowercase);
            run_len += 1;
            if let Some((term, folded)) = &word.kept {
                out.terms.push(term.clone());
                out.words.push(folded.clone());
            }
        }
    });
    if run_len > 1 {
        out.joined.push(stem(&run).into());
    }
    out
}

/// The text of a markdown body, without markup.
pub(crate) fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for (event, _) in parser(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&t);
                out.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A query word's stem is a prefix of the index terms that should match it.
    fn finds(query: &str, text: &str) -> bool {
        let q = terms(query);
        let t = terms(text);
        q.iter()
            .all(|q| t.iter().any(|t| t.starts_with(q.as_str())))
    }

    #[test]
    fn danish_word_forms_find_each_other() {
        for query in ["gevinster", "gevinsten", "gevinst", "Gevinsterne"] {
            assert!(finds(query, "Gevinst"), "{query}");
            assert!(finds(query, "Gevinstrealisering i kommunen"), "{query}");
        }
        assert!(finds("idriftsættelse", "Idriftsættelsesdato"));
        assert!(finds(
            "uddannelse lokale administratorer",
            "Uddannelse af lokale administratorer"
        ));
        assert!(finds(
            "hvem godkender serviceaftalen",
            "Projektejeren godkender serviceaftalen"
        ));
        assert!(!finds("gevinster", "Forandringsledelse"));
    }

    #[test]
    fn definite_and_plural_forms_share_a_term() {
        assert_eq!(terms("trænerne træneren trænere træner"), ["traen"; 4]);
        assert_eq!(terms("superbrugernes superbruger"), ["superbrug"; 2]);
    }

    #[test]
    fn foreign_keyboards_and_accents_give_the_same_term() {
        for (typed, danish) in [
            ("traenernetvaerk", "trænernetværk"),
            ("maalhierarki", "målhierarki"),
            ("idriftsaettelsen", "idriftsættelsen"),
            ("oekonomi", "økonomi"),
            ("ökonomi", "økonomi"),
            ("ide", "idé"),
            ("IDÉER", "ideer"),
        ] {
            assert_eq!(terms(typed), terms(danish), "{typed}");
        }
        assert_eq!(fold("år æble ø idé"), "aar aeble oe ide");
        assert_eq!(unfold("aarsag paa oekonomi"), "årsag på økonomi");
    }

    #[test]
    fn tokens_keep_danish_letters_and_drop_stop_words() {
        assert_eq!(
            words("Lokal KY-træner, 2. år"),
            ["lokal", "ky", "træner", "2", "år"]
        );
        assert_eq!(terms("hvem er den lokale træner"), ["lokal", "traen"]);
        assert_eq!(terms("Hvornår paa"), Vec::<String>::new());
    }

    #[test]
    fn hyphenated_words_are_also_one_term() {
        let a = analyse("Lokal KY-træner og e-learning-kurserne - ikke to - ord");
        let text = |terms: &[Term]| terms.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        assert_eq!(
            text(&a.terms),
            ["lokal", "ky", "traen", "learning", "kurs", "to", "ord"]
        );
        assert_eq!(
            text(&a.joined),
            [stem("kytræner"), stem("elearningkurserne")]
        );
        assert_eq!(
            text(&a.words),
            [
                "lokal", "ky", "traener", "learning", "kurserne", "to", "ord"
            ]
        );
    }

    /// Every line of the markdown files under `dir` (relative to the crate).
    fn lines_under(dir: &str, out: &mut Vec<String>) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                out.extend(text.lines().map(str::to_string));
            }
        }
    }

    /// The browser's script analyses text exactly as the index does: every
    /// line of the example, the spec fixture and a list of hard words, run
    /// through `search.js` in node (`tests/search/analyse.mjs`).
    #[test]
    fn javascript_and_rust_make_the_same_terms() {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut lines = Vec::new();
        lines_under("content", &mut lines);
        lines_under("tests/fixtures/kommune/content", &mut lines);
        let hard = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search/words.txt");
        lines.extend(
            std::fs::read_to_string(hard)
                .unwrap()
                .lines()
                .map(str::to_string),
        );
        let mut child = Command::new("node")
            .args([
                "tests/search/analyse.mjs",
                "themes/default/static/search.js",
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("node is needed for this test (as for scripts/browser-test.sh)");
        let mut input = child.stdin.take().unwrap();
        input.write_all(lines.join("\n").as_bytes()).unwrap();
        drop(input);
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "tests/search/analyse.mjs failed");
        let js = String::from_utf8(out.stdout).unwrap();
        let js: Vec<&str> = js.lines().collect();
        assert_eq!(js.len(), lines.len(), "one line of terms per line of text");
        let differ: Vec<String> = lines
            .iter()
            .zip(&js)
            .filter_map(|(line, js)| {
                let rust = terms(line).join(" ");
                (rust != *js).then(|| format!("{line:?}\n  rust: {rust}\n  js:   {js}"))
            })
            .collect();
        assert!(
            differ.is_empty(),
            "{} of {} lines differ, first:\n{}",
            differ.len(),
            lines.len(),
            differ[..differ.len().min(10)].join("\n")
        );
    }

    #[test]
    fn markdown_becomes_plain_text() {
        let text = plain_text("## Mål\n\nSe [rollen](rolle:x) og **vigtigt**.\n");
        assert_eq!(words(&text), ["mål", "se", "rollen", "og", "vigtigt"]);
    }
}
