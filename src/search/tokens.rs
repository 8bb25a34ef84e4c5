//! The words of a text as written, for the search's analysis (`text`):
//! runs of letters and digits, Danish letters kept, each with whether one
//! hyphen joins it to the word before. `search.js` splits queries the same
//! way. Every word of a handbook passes through here, so ASCII, most of any
//! Danish text, is told byte by byte and only other characters are decoded.

/// Whether a character other than ASCII is a letter or digit. Latin-1's
/// letters (the Danish ones among them) are told without a table lookup.
fn is_word_char(c: char) -> bool {
    match c {
        'À'..='ÿ' => c != '×' && c != '÷',
        _ => c.is_alphanumeric(),
    }
}

/// What a byte of a text says about its character.
#[derive(Clone, Copy, PartialEq)]
enum Byte {
    /// ASCII other than a letter or digit.
    Other,
    /// An ASCII letter or digit.
    Word,
    /// Part of a character beyond ASCII, told once it is decoded.
    Wide,
}

/// Each byte's [`Byte`]: ASCII, most of any Danish text, is told without
/// decoding (`char::is_alphanumeric` agrees with `u8::is_ascii_alphanumeric`
/// on it).
const BYTES: [Byte; 256] = {
    let mut bytes = [Byte::Wide; 256];
    let mut b = 0;
    while b < 128 {
        bytes[b] = if (b as u8).is_ascii_alphanumeric() {
            Byte::Word
        } else {
            Byte::Other
        };
        b += 1;
    }
    bytes
};

/// The words of a text as written (runs of letters and digits, Danish
/// letters kept), each with whether one hyphen joins it to the word before
/// ("KY-træner").
pub(crate) struct Tokens<'a> {
    text: &'a str,
    /// Where the search for the next word starts.
    at: usize,
    previous_end: Option<usize>,
}

/// The words of `text`, in order.
pub(crate) fn tokens(text: &str) -> Tokens<'_> {
    Tokens {
        text,
        at: 0,
        previous_end: None,
    }
}

impl Tokens<'_> {
    /// The first byte from `at` on where a letter or digit starts (`word`)
    /// or where a run of them ends (`!word`), or the end of the text. ASCII
    /// is skipped in a tight loop; only other characters are decoded.
    /// Inlined, so each use has a loop of its own.
    #[inline(always)]
    fn seek(&self, mut at: usize, word: bool) -> usize {
        let bytes = self.text.as_bytes();
        let skip = if word { Byte::Other } else { Byte::Word };
        loop {
            while at < bytes.len() && BYTES[bytes[at] as usize] == skip {
                at += 1;
            }
            if at == bytes.len() || BYTES[bytes[at] as usize] != Byte::Wide {
                return at;
            }
            let c = self.text[at..].chars().next().expect("a character");
            if is_word_char(c) == word {
                return at;
            }
            at += c.len_utf8();
        }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (&'a str, bool);

    #[inline]
    fn next(&mut self) -> Option<(&'a str, bool)> {
        let start = self.seek(self.at, true);
        if start == self.text.len() {
            return None;
        }
        let end = self.seek(start, false);
        let joined = self.previous_end.is_some_and(|previous| {
            let gap = &self.text.as_bytes()[previous..start];
            gap == b"-" || gap == "\u{2010}".as_bytes()
        });
        self.previous_end = Some(end);
        self.at = end;
        Some((&self.text[start..end], joined))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of a text as `tokens` found them before its ASCII fast
    /// path: every character told by `char::is_alphanumeric`.
    fn tokens_by_chars(text: &str) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut rest = text;
        let mut previous_end: Option<usize> = None;
        while let Some(start) = rest.find(char::is_alphanumeric) {
            let len = rest[start..]
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len() - start);
            let at = text.len() - rest.len() + start;
            let joined = previous_end.is_some_and(|end| {
                let gap = &text[end..at];
                gap == "-" || gap == "\u{2010}"
            });
            out.push((&rest[start..start + len], joined));
            previous_end = Some(at + len);
            rest = &rest[start + len..];
        }
        out
    }

    #[test]
    fn ascii_words_are_found_as_unicode_finds_them() {
        let every: String = (0..0x3000).filter_map(char::from_u32).collect();
        let mixed = "Lokal KY-træner, 2. år; idé\u{2010}fase ½ ²3 Ⅻ e\u{301}t x_y a--b -c";
        for text in [every.as_str(), mixed, "", " ", "æ", "a"] {
            assert_eq!(tokens(text).collect::<Vec<_>>(), tokens_by_chars(text));
        }
    }
}
