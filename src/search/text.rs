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

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use super::tokens::tokens;

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
    Lexicon::with(|lexicon| {
        let analysis = lexicon.analyse(text);
        lexicon.names(&analysis.terms)
    })
}

/// An index term or folded word, shared by every place it occurs.
pub(crate) type Term = Arc<str>;

/// The number of a term or folded word in one thread's [`Lexicon`].
pub(crate) type Id = u32;

/// What the index takes from one text, as numbers in a [`Lexicon`].
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Analysis {
    /// The terms in order; a term's place in this list is its position.
    pub terms: Vec<Id>,
    /// Terms of hyphenated words written as one ("KY-træner" → `kytraen`),
    /// so a reader who types them together finds them.
    pub joined: Vec<Id>,
    /// The folded words behind the terms, before stemming: the known words
    /// that compound words are split at.
    pub words: Vec<Id>,
}

/// A word of up to 16 bytes as one number: its bytes, padded with zeros
/// (no word holds a zero byte, so no two words share a number).
fn packed(word: &str) -> Option<u128> {
    let mut bytes = [0; 16];
    bytes
        .get_mut(..word.len())?
        .copy_from_slice(word.as_bytes());
    Some(u128::from_le_bytes(bytes))
}

/// What the index takes from one word as written.
struct Word {
    lowercase: Box<str>,
    /// Its term and folded spelling; `None` for stop words and lone letters.
    kept: Option<(Id, Id)>,
}

/// The words one thread has analysed, each once, with the terms and folded
/// words they give as numbers: counting a document's terms then needs no
/// string hashed or shared per word, only per distinct term. A handbook
/// repeats its words, so the lexicon stays small; it starts over (between
/// documents) once it holds [`REMEMBERED`] words.
#[derive(Default)]
pub(crate) struct Lexicon {
    /// Words as written → their place in `words`: those of up to 16 bytes
    /// by their [`packed`] bytes, which hash and compare in a step or two,
    /// longer ones as they are.
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
    words: Vec<Word>,
    /// Terms and folded words by number, and their numbers.
    names: Vec<Term>,
    ids: FxHashMap<Term, Id>,
}

impl Lexicon {
    /// Runs `f` with this thread's lexicon.
    pub(crate) fn with<R>(f: impl FnOnce(&mut Lexicon) -> R) -> R {
        thread_local! {
            static LEXICON: RefCell<Lexicon> = RefCell::default();
        }
        LEXICON.with(|lexicon| f(&mut lexicon.borrow_mut()))
    }

    /// Starts over if the lexicon is full, and says whether it did. Numbers
    /// given out before are void after, so call it only before analysing a
    /// new document.
    pub(crate) fn forget_if_full(&mut self) -> bool {
        let full = self.words.len() >= REMEMBERED || self.names.len() >= REMEMBERED;
        if full {
            *self = Lexicon::default();
        }
        full
    }

    /// How many terms and folded words the lexicon holds (their numbers
    /// are below).
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// The term or folded word of a number.
    pub(crate) fn name(&self, id: Id) -> &Term {
        &self.names[id as usize]
    }

    /// The texts of numbers.
    #[cfg(test)]
    fn names(&self, ids: &[Id]) -> Vec<String> {
        ids.iter().map(|&id| self.name(id).to_string()).collect()
    }

    /// The number of a term or folded word.
    fn id(&mut self, name: String) -> Id {
        if let Some(&id) = self.ids.get(name.as_str()) {
            return id;
        }
        let id = self.names.len() as Id;
        let name: Term = name.into();
        self.names.push(name.clone());
        self.ids.insert(name, id);
        id
    }

    /// The place in `words` of a word as written, analysed on first sight.
    fn word(&mut self, written: &str) -> usize {
        let packed = packed(written);
        let known = match packed {
            Some(bytes) => self.short.get(&bytes),
            None => self.long.get(written),
        };
        if let Some(&known) = known {
            return known as usize;
        }
        let lowercase = written.to_lowercase();
        let folded = fold(&lowercase);
        let kept = if keep(&lowercase, &folded) {
            Some((self.id(stem(&lowercase)), self.id(folded)))
        } else {
            None
        };
        self.words.push(Word {
            lowercase: lowercase.into(),
            kept,
        });
        let place = self.words.len() - 1;
        match packed {
            Some(bytes) => self.short.insert(bytes, place as u32),
            None => self.long.insert(written.into(), place as u32),
        };
        place
    }

    /// The terms, joined terms and folded words of a text.
    pub(crate) fn analyse(&mut self, text: &str) -> Analysis {
        // About one term in six bytes of Danish text.
        let mut out = Analysis {
            terms: Vec::with_capacity(text.len() / 6),
            joined: Vec::new(),
            words: Vec::with_capacity(text.len() / 6),
        };
        // The lowercase words of a hyphenated run, once it has two.
        let mut run = String::new();
        // The word before (only read for a joined word, which has one).
        let mut previous = 0;
        for (written, joined) in tokens(text) {
            let word = self.word(written);
            if joined {
                if run.is_empty() {
                    run.push_str(&self.words[previous].lowercase);
                }
                run.push_str(&self.words[word].lowercase);
            } else {
                self.end_run(&mut run, &mut out.joined);
            }
            previous = word;
            if let Some((term, folded)) = self.words[word].kept {
                out.terms.push(term);
                out.words.push(folded);
            }
        }
        self.end_run(&mut run, &mut out.joined);
        out
    }

    /// The term of a hyphenated run of words written as one, if there is a run.
    fn end_run(&mut self, run: &mut String, joined: &mut Vec<Id>) {
        if !run.is_empty() {
            joined.push(self.id(stem(run)));
            run.clear();
        }
    }
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
    fn short_words_are_packed_one_to_one() {
        let words = ["a", "ab", "abc", "år", "0123456789abcdef"];
        let numbers: HashSet<u128> = words.iter().filter_map(|w| packed(w)).collect();
        assert_eq!(numbers.len(), words.len());
        assert_eq!(packed("0123456789abcdefg"), None, "17 bytes");
    }

    #[test]
    fn hyphenated_words_are_also_one_term() {
        let [terms, joined, words] = Lexicon::with(|lexicon| {
            let a = lexicon.analyse("Lokal KY-træner og e-learning-kurserne - ikke to - ord");
            [&a.terms, &a.joined, &a.words].map(|ids| lexicon.names(ids))
        });
        assert_eq!(
            terms,
            ["lokal", "ky", "traen", "learning", "kurs", "to", "ord"]
        );
        assert_eq!(joined, [stem("kytræner"), stem("elearningkurserne")]);
        assert_eq!(
            words,
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
}
