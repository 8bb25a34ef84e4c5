//! Soft hyphens in long words of generated labels. Debian's Chromium (and
//! other browsers without Danish hyphenation data) ignores `hyphens: auto`
//! for Danish and breaks a long compound such as "Monopolbrudsprogramleder"
//! anywhere, without a hyphen; a soft hyphen (U+00AD) at each break the
//! Danish TeX patterns allow lets it break there, with a hyphen.

use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

/// Words shorter than this are left alone: they fit any column.
const MIN_CHARS: usize = 16;

fn danish() -> Option<&'static Standard> {
    static DICTIONARY: OnceLock<Option<Standard>> = OnceLock::new();
    DICTIONARY
        .get_or_init(|| Standard::from_embedded(Language::Danish).ok())
        .as_ref()
}

/// `text` with soft hyphens at the Danish break points of its long words.
pub(crate) fn soft_hyphens(text: &str) -> String {
    let Some(dictionary) = danish() else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.chars().count() >= MIN_CHARS {
            let breaks = dictionary.hyphenate(word).breaks;
            let mut last = 0;
            for b in breaks {
                out.push_str(&word[last..b]);
                out.push('\u{ad}');
                last = b;
            }
            out.push_str(&word[last..]);
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_danish_words_get_soft_hyphens_short_ones_not() {
        let out = soft_hyphens("Læsevejledning for monopolbrudsprogramlederen");
        assert_eq!(
            out.replace('\u{ad}', ""),
            "Læsevejledning for monopolbrudsprogramlederen"
        );
        assert!(out.contains('\u{ad}'), "{out}");
        assert!(out.starts_with("Læsevejledning for "), "{out}");
        assert_eq!(
            soft_hyphens("Kort tekst, KY-håndbogen"),
            "Kort tekst, KY-håndbogen"
        );
        // Break points fall between letters, also around æ, ø and å.
        for word in [
            "idriftsættelsesdatoen",
            "ORGANISATIONSÆNDRINGSPROCESSEN",
            "gevinstrealiseringsplanlægningsmøderne",
            "Ydelsessystemsløsningsbeskrivelsen",
        ] {
            let out = soft_hyphens(word);
            assert_eq!(out.replace('\u{ad}', ""), word);
            assert!(out.contains('\u{ad}'), "{out}");
        }
    }
}
