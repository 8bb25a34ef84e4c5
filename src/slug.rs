//! Slugs: the ids and URL segments of the content model.
//!
//! Lowercase, Danish letters transliterated (æ→ae, ø→oe, å→aa, é→e), every
//! other run of non-alphanumerics becomes one `-`.

use std::collections::HashMap;

/// The slug of `text`: `Lokal KY-træner` → `lokal-ky-traener`.
pub(crate) fn slugify(text: &str) -> String {
    if is_slug(text) {
        // Ids and file names mostly are slugs already: no letter to map.
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let mapped: Option<&str> = transliterate(c);
        let mut push = |s: &str| {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push_str(s);
        };
        match mapped {
            Some(s) => push(s),
            None if c.is_alphanumeric() => push(c.encode_utf8(&mut [0; 4])),
            None => pending_dash = true,
        }
    }
    out
}

/// Whether `text` is its own slug: lowercase ASCII letters and digits in
/// runs joined by single dashes.
fn is_slug(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && bytes.first() != Some(&b'-')
        && bytes.last() != Some(&b'-')
        && !text.contains("--")
}

/// The ASCII spelling of letters the content model transliterates.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'æ' | 'ä' => "ae",
        'ø' | 'ö' => "oe",
        'å' => "aa",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'á' | 'à' | 'â' => "a",
        'ó' | 'ò' | 'ô' => "o",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'ú' | 'ù' | 'û' | 'ü' => "u",
        'ñ' => "n",
        'ç' => "c",
        'ß' => "ss",
        _ => return None,
    })
}

/// Hands out heading ids that are unique within one page (`mal`, `mal-2`, ...).
#[derive(Debug, Default)]
pub(crate) struct UniqueIds {
    seen: HashMap<String, usize>,
}

impl UniqueIds {
    /// Reserves ids that generated parts of the page already use.
    pub(crate) fn reserve(&mut self, id: &str) {
        self.seen.entry(id.to_string()).or_insert(1);
    }

    /// A unique id for a heading with this text.
    pub(crate) fn id_for(&mut self, text: &str) -> String {
        let base = match slugify(text) {
            s if s.is_empty() => "afsnit".to_string(),
            s => s,
        };
        let mut candidate = base.clone();
        loop {
            let n = self.seen.entry(candidate.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                return candidate;
            }
            candidate = format!("{base}-{}", *n);
            if !self.seen.contains_key(&candidate) {
                self.seen.insert(candidate.clone(), 1);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_danish_letters() {
        assert_eq!(slugify("Klargøring"), "klargoering");
        assert_eq!(slugify("Lokal KY-træner"), "lokal-ky-traener");
        assert_eq!(slugify("Idéworkshop"), "ideworkshop");
        assert_eq!(slugify("Løsningslab"), "loesningslab");
        assert_eq!(slugify("Åben  dør!"), "aaben-doer");
        assert_eq!(
            slugify("  --Workshop: Projektstart-- "),
            "workshop-projektstart"
        );
        assert_eq!(slugify("2.4 Krav"), "2-4-krav");
        assert_eq!(slugify("ÆØÅ"), "aeoeaa");
    }

    #[test]
    fn a_slug_is_its_own_slug_and_anything_else_takes_the_long_way() {
        for slug in ["s001-forberedelse", "p00001-overblik", "a", "2", ""] {
            assert!(is_slug(slug));
            assert_eq!(slugify(slug), slug);
        }
        for (text, slug) in [
            ("-a", "a"),
            ("a-", "a"),
            ("a--b", "a-b"),
            ("A-b", "a-b"),
            ("a_b", "a-b"),
            ("a.md", "a-md"),
        ] {
            assert!(!is_slug(text));
            assert_eq!(slugify(text), slug);
        }
    }

    #[test]
    fn heading_ids_are_unique_per_page() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.id_for("Mål"), "maal");
        assert_eq!(ids.id_for("Mål"), "maal-2");
        assert_eq!(ids.id_for("Mål"), "maal-3");
        assert_eq!(ids.id_for("!!!"), "afsnit");
        ids.reserve("roller");
        assert_eq!(ids.id_for("Roller"), "roller-2");
    }
}
