//! Danish words for search: lowercase tokens (æ, ø, å kept), stop words
//! dropped, Snowball stems (the browser script stems queries the same way).

use std::sync::OnceLock;

use pulldown_cmark::Event;
use rust_stemmers::{Algorithm, Stemmer};

use crate::markdown::parser;

/// Frequent Danish words that carry no meaning in a query.
const STOP_WORDS: &[&str] = &[
    "af", "alle", "alt", "at", "blev", "bliver", "da", "de", "dem", "den", "denne", "der", "deres",
    "det", "dette", "dig", "din", "dog", "du", "efter", "eller", "en", "end", "er", "et", "for",
    "fra", "ham", "han", "hans", "har", "havde", "have", "hende", "hendes", "her", "hos", "hun",
    "hvad", "hvem", "hvis", "hvor", "i", "ikke", "ind", "jeg", "jer", "jo", "kan", "kunne", "man",
    "mange", "med", "meget", "men", "mig", "min", "mod", "ned", "noget", "nogle", "nu", "når",
    "og", "også", "om", "op", "os", "over", "på", "sig", "sin", "sine", "sit", "skal", "skulle",
    "som", "så", "thi", "til", "ud", "under", "var", "vi", "vil", "ville", "vor", "været", "være",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::Danish))
}

/// The lowercase words of a text (letters and digits, Danish letters kept).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The index terms of a text: words without stop words, stemmed.
pub fn terms(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| {
            !STOP_WORDS.contains(&w.as_str())
                && (w.chars().count() > 1 || w.chars().all(|c| c.is_ascii_digit()))
        })
        .map(|w| stemmer().stem(&w).into_owned())
        .collect()
}

/// The text of a markdown body, without markup.
pub fn plain_text(markdown: &str) -> String {
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
    fn tokens_keep_danish_letters_and_drop_stop_words() {
        assert_eq!(
            words("Lokal KY-træner, 2. år"),
            ["lokal", "ky", "træner", "2", "år"]
        );
        assert_eq!(terms("hvem er den lokale træner"), ["lokal", "træn"]);
    }

    #[test]
    fn markdown_becomes_plain_text() {
        let text = plain_text("## Mål\n\nSe [rollen](rolle:x) og **vigtigt**.\n");
        assert_eq!(words(&text), ["mål", "se", "rollen", "og", "vigtigt"]);
    }
}
