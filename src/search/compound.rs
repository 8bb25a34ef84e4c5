//! Compound words. Danish writes them as one word ("gevinstrealisering",
//! "forandringsledelsesansvarlig"), so a reader who types a later part
//! ("realisering", "ansvarlig") should find them too. The index lists each
//! compound term under its later parts: the term is split after its longest
//! first part that is a known word or term of the handbook, with or without
//! a linking `s` or `e`, and what is left is split again.

/// Shortest first part and shortest later part of a split, in letters.
const MIN_HEAD: usize = 3;
const MIN_TAIL: usize = 3;

/// The later parts of a compound term (empty for a simple word), longest
/// first. `known` says whether a text is a word or term of the handbook.
///
/// When a linking letter could belong to either side ("gevinst|s|..." or
/// "projekt|styring"), the tail that is itself a known word wins; when
/// neither is known, both are listed.
pub(crate) fn tails(term: &str, known: &impl Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    split(term, known, &mut out);
    out
}

fn split(term: &str, known: &impl Fn(&str) -> bool, out: &mut Vec<String>) {
    let bounds: Vec<usize> = term.char_indices().map(|(i, _)| i).collect();
    let letters = bounds.len();
    if letters < MIN_HEAD + MIN_TAIL {
        return;
    }
    for k in (MIN_HEAD..=letters - MIN_TAIL).rev() {
        let (head, rest) = term.split_at(bounds[k]);
        if !known(head) {
            continue;
        }
        let mut candidates = vec![rest];
        if letters - k > MIN_TAIL && (rest.starts_with('s') || rest.starts_with('e')) {
            candidates.push(&rest[1..]);
        }
        let known_tails: Vec<&str> = candidates.iter().copied().filter(|t| known(t)).collect();
        let chosen = if known_tails.is_empty() {
            candidates
        } else {
            known_tails
        };
        for tail in chosen {
            if !out.iter().any(|t| t == tail) {
                out.push(tail.to_string());
                split(tail, known, out);
            }
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known<'a>(words: &'a [&'a str]) -> impl Fn(&str) -> bool + 'a {
        move |w| words.contains(&w)
    }

    #[test]
    fn a_compound_is_listed_under_its_later_parts() {
        let k = known(&[
            "gevinst",
            "forandring",
            "forandringsledelse",
            "led",
            "projekt",
            "projektled",
        ]);
        assert_eq!(tails("gevinstrealisering", &k), ["realisering"]);
        // The linking s goes with the head when the tail is a known word.
        assert_eq!(tails("forandringsled", &k), ["led"]);
        // The longest known head first, and the tail split again.
        assert_eq!(
            tails("forandringsledelsesprojektled", &k),
            ["projektled", "led"]
        );
    }

    #[test]
    fn an_unknown_linking_letter_keeps_both_tails() {
        let k = known(&["projekt"]);
        assert_eq!(tails("projektstyring", &k), ["styring", "tyring"]);
        let k = known(&["projekt", "styring"]);
        assert_eq!(tails("projektstyring", &k), ["styring"]);
    }

    #[test]
    fn short_and_simple_words_are_not_split() {
        let k = known(&["ky", "plan"]);
        assert!(tails("plan", &k).is_empty());
        assert!(tails("kytraen", &k).is_empty(), "heads have three letters");
        assert!(tails("planer", &k).is_empty(), "tails have three letters");
        assert!(tails("organisation", &k).is_empty());
    }
}
