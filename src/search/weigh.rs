//! The weight and positions of each term of one document, counted by the
//! numbers of the thread's [`Lexicon`]: per word of the text only numbers
//! are looked up. A document's terms and words leave as the numbers of the
//! whole index ([`Names`]), which each thread looks up once per name.

use std::cell::RefCell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

use super::index::{BODY, TITLE};
use super::text::{Analysis, Id, Lexicon, Term};

/// Positions left free between fields, so a phrase never spans two.
const FIELD_GAP: u32 = 4;

/// A term's or folded word's number in one index.
pub(crate) type Name = u32;

/// The terms and folded words of one index, numbered in the order the
/// threads first report them.
pub(crate) struct Names {
    /// Tells this index's numbers from another's in a thread's marks
    /// (builds may share threads).
    index: u64,
    table: Mutex<(FxHashMap<Term, Name>, Vec<Term>)>,
}

impl Names {
    /// An empty table, told apart from every other index's.
    pub(crate) fn new() -> Names {
        static INDEXES: AtomicU64 = AtomicU64::new(0);
        Names {
            index: INDEXES.fetch_add(1, Ordering::Relaxed),
            table: Mutex::default(),
        }
    }

    /// The number of a term or folded word.
    fn number(&self, name: &Term) -> Name {
        let mut table = self.table.lock().unwrap_or_else(|e| e.into_inner());
        let (numbers, names) = &mut *table;
        *numbers.entry(name.clone()).or_insert_with(|| {
            names.push(name.clone());
            (names.len() - 1) as Name
        })
    }

    /// How many names there are so far.
    pub(crate) fn len(&self) -> usize {
        self.table.lock().unwrap_or_else(|e| e.into_inner()).1.len()
    }

    /// The names by number.
    pub(crate) fn into_names(self) -> Vec<Term> {
        self.table.into_inner().unwrap_or_else(|e| e.into_inner()).1
    }
}

/// One document's terms: each with its weight and number of positions,
/// the positions one term after the other, and the folded words that this
/// thread has not reported to the index before (the index needs to know
/// each word once, and not at all a word that is also a term).
pub(crate) struct DocTerms {
    pub terms: Vec<(Name, u32, u32)>,
    pub positions: Vec<u32>,
    pub words: Vec<Name>,
}

/// One term's count in one document, while it is weighed.
struct Tally {
    term: Id,
    /// The weight of the fields other than the body it occurs in.
    weight: u32,
    /// How often it occurs in the body.
    body: u32,
    /// How many positions it has.
    places: u32,
    /// The last field other than the body its weight was counted in.
    field: Option<usize>,
}

/// Where a lexicon number was last seen on this thread.
#[derive(Clone, Copy, Default)]
struct Mark {
    /// The document it was last a term of, and its tally there.
    term_of: u32,
    tally: u32,
    /// Its number in an index (`Names::index`), once this thread has asked
    /// for it there (so a folded word asked for before has been reported to
    /// that index, or is one of its terms).
    name: Option<(u64, Name)>,
}

/// The marks of one thread's lexicon numbers, kept from document to
/// document: each document counts anew under a number of its own, so
/// nothing needs clearing, and finding a term's tally or its number in the
/// index is an array look-up, not a hash.
#[derive(Default)]
struct Marks {
    /// The document being weighed (documents on this thread counted from 1).
    document: u32,
    of: Vec<Mark>,
}

impl Marks {
    /// Forgets every mark (when the lexicon's numbers start over).
    fn forget(&mut self) {
        self.of.clear();
    }

    /// Starts a document whose lexicon holds `names` numbers.
    fn start(&mut self, names: usize) {
        self.document = self.document.wrapping_add(1);
        if self.document == 0 {
            // Every mark would be of a document to come.
            self.of.clear();
            self.document = 1;
        }
        if self.of.len() < names {
            self.of.resize(names, Mark::default());
        }
    }

    /// The place of a term's tally in this document, if it has one.
    fn tally(&self, term: Id) -> Option<usize> {
        let mark = self.of[term as usize];
        (mark.term_of == self.document).then_some(mark.tally as usize)
    }

    /// Marks where a term's tally in this document is.
    fn set_tally(&mut self, term: Id, tally: usize) {
        let mark = &mut self.of[term as usize];
        mark.term_of = self.document;
        mark.tally = tally as u32;
    }

    /// The number in `names` of a lexicon number, looked up once per index.
    #[inline]
    fn name(&mut self, id: Id, lexicon: &Lexicon, names: &Names) -> Name {
        self.new_name(id, lexicon, names)
            .unwrap_or_else(|name| name)
    }

    /// The number in `names` of a lexicon number: `Ok` the first time this
    /// thread asks for it in this index, `Err` after.
    #[inline]
    fn new_name(&mut self, id: Id, lexicon: &Lexicon, names: &Names) -> Result<Name, Name> {
        let mark = &mut self.of[id as usize];
        match mark.name {
            Some((index, name)) if index == names.index => Err(name),
            _ => {
                let name = names.number(lexicon.name(id));
                mark.name = Some((names.index, name));
                Ok(name)
            }
        }
    }
}

/// The weight and positions of each term of one document. Each field counts
/// once per term; the body by how often, but at most a little, so a page that
/// repeats a word does not outrank the page named by it; a short matching
/// title says more than a long one ("Gevinstejer" before "Koncept for
/// gevinstrealisering"). Terms of hyphenated words written as one weigh like
/// their field but have no position.
pub(crate) fn weigh(fields: &[(u32, String)], names: &Names) -> DocTerms {
    thread_local! {
        static MARKS: RefCell<Marks> = RefCell::default();
    }
    Lexicon::with(|lexicon| {
        MARKS.with(|marks| {
            let mut marks = marks.borrow_mut();
            if lexicon.forget_if_full() {
                marks.forget();
            }
            let analyses: Vec<Analysis> = fields
                .iter()
                .map(|(_, text)| lexicon.analyse(text))
                .collect();
            marks.start(lexicon.len());
            count(fields, &analyses, &mut marks, (lexicon, names))
        })
    })
}

/// The tallies of a document's analysed fields, made into its terms.
fn count(
    fields: &[(u32, String)],
    analyses: &[Analysis],
    marks: &mut Marks,
    (lexicon, names): (&Lexicon, &Names),
) -> DocTerms {
    let title_terms = fields
        .iter()
        .zip(analyses)
        .filter(|((w, _), _)| *w == TITLE)
        .map(|(_, a)| a.terms.len())
        .sum::<usize>()
        .max(1) as u32;
    let placed_terms: usize = analyses.iter().map(|a| a.terms.len()).sum();
    let joined_terms: usize = analyses.iter().map(|a| a.joined.len()).sum();
    // The document's terms in order of appearance.
    let mut tallies: Vec<Tally> = Vec::with_capacity(placed_terms + joined_terms);
    // (place in `tallies`, position) in the order of the text
    let mut placed: Vec<(usize, u32)> = Vec::with_capacity(placed_terms);
    // Kept with the document until it is merged, so not sized in advance.
    let mut words = Vec::new();
    let mut position = 0;
    for (field, ((weight, _), analysis)) in fields.iter().zip(analyses).enumerate() {
        let bonus = if *weight == TITLE {
            12 / title_terms
        } else {
            0
        };
        let with_place = analysis.terms.iter().map(|t| (*t, true));
        let joined = analysis.joined.iter().map(|t| (*t, false));
        for (term, has_place) in with_place.chain(joined) {
            let at = marks.tally(term).unwrap_or_else(|| {
                tallies.push(Tally {
                    term,
                    weight: 0,
                    body: 0,
                    places: 0,
                    field: None,
                });
                marks.set_tally(term, tallies.len() - 1);
                tallies.len() - 1
            });
            let tally = &mut tallies[at];
            if has_place {
                placed.push((at, position));
                tally.places += 1;
                position += 1;
            }
            if *weight == BODY {
                tally.body += 1;
            } else if tally.field != Some(field) {
                tally.field = Some(field);
                tally.weight += weight + bonus;
            }
        }
        // A name asked for before is a word reported or a term of the index.
        for &word in &analysis.words {
            if let Ok(name) = marks.new_name(word, lexicon, names) {
                words.push(name);
            }
        }
        position += FIELD_GAP;
    }
    DocTerms {
        positions: by_term(&tallies, &placed),
        terms: tallies
            .iter()
            .map(|t| {
                let name = marks.name(t.term, lexicon, names);
                (name, t.weight + t.body.min(4), t.places)
            })
            .collect(),
        words,
    }
}

/// The positions of a document's terms, one term after the other (in the
/// order of `tallies`), each term's ascending: a counting sort of `placed`.
fn by_term(tallies: &[Tally], placed: &[(usize, u32)]) -> Vec<u32> {
    let mut next: Vec<usize> = tallies
        .iter()
        .scan(0, |start, t| {
            let this = *start;
            *start += t.places as usize;
            Some(this)
        })
        .collect();
    let mut out = vec![0; placed.len()];
    for &(at, position) in placed {
        out[next[at]] = position;
        next[at] += 1;
    }
    out
}
