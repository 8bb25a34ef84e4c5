//! Percent-decoding of link destinations, request paths and the links of a
//! printed PDF: the one decoder that `resolve` (links in markdown), `serve`
//! (URLs of requests) and `publish` (file links Chromium wrote) share.
//! The `percent-encoding` crate does the work; this module keeps it in one place.

/// Decodes `%XX` escapes. A `%` that is not followed by two hex digits stays
/// as written; `None` when the decoded bytes are not UTF-8.
pub fn decode(s: &str) -> Option<String> {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

/// Like [`decode`], with bytes that are not UTF-8 replaced by U+FFFD (for
/// paths that are then looked up, never trusted).
pub(crate) fn decode_lossy(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::{decode, decode_lossy};

    #[test]
    fn decodes_escapes_and_leaves_stray_percent_signs() {
        assert_eq!(decode("a%20b.md").as_deref(), Some("a b.md"));
        assert_eq!(decode("100%").as_deref(), Some("100%"));
        assert_eq!(decode("sk%C3%A6ring").as_deref(), Some("skæring"));
        // A `%` right before a multi-byte character (a panic once).
        assert_eq!(decode("a%1é.md").as_deref(), Some("a%1é.md"));
        assert_eq!(decode("%é%").as_deref(), Some("%é%"));
        assert_eq!(decode("%FF"), None);
        assert_eq!(decode_lossy("a%20b%FF"), "a b\u{FFFD}");
    }
}
