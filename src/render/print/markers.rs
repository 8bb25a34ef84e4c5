//! Markers in a print section that is rendered once for two print pages.
//!
//! A section of a chapter is shown twice: on the chapter's print page
//! (`/print/<chapter>/`) and on the whole handbook's (`/print/`). The two
//! renderings differ in two things only: relative paths climb one folder
//! more on the chapter's page (`../../` instead of `../`), and a link to a
//! page outside the chapter is a link there but an anchor in `/print/`,
//! which holds every page. So the section is rendered once with markers in
//! their place, and each page fills them in with one fast scan while it
//! puts the section in; rendering it twice cost a fifth of a whole build.
//!
//! A marker is a random token made anew for each run (128 bits, so no
//! content can contain it) followed by one letter. Both are ASCII letters
//! and digits, which every escaper on the way passes unchanged (HTML
//! escaping, the percent-encoding of a markdown link's destination), and
//! the two forms of a link travel inside one marker pair, so whatever
//! escaping a place applies, it applies to both alike. A theme that
//! transforms a link's text itself (`{{ link.href | upper }}`) would see
//! the marker instead; the built-in templates only print links.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;

use memchr::memmem::Finder;

/// The way up from the print page to the top of the output (`../../`).
const UP: u8 = b'u';
/// The anchor form of a link follows (`#s-roller-a`).
const ANCHOR: u8 = b'i';
/// The link form follows (`../../roller/a/`).
const LINK: u8 = b'o';
/// The end of the pair.
const END: u8 = b'z';

/// The markers of one run's print pages.
pub(crate) struct Markers {
    token: String,
    finder: Finder<'static>,
    /// The token and [`UP`], written where a relative path starts.
    up: String,
}

/// How one print page fills in the markers of a shared section.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fill<'s> {
    /// What the way up is on this page: `../../`.
    pub up: &'s str,
    /// The page holds every page of the handbook: a link out of the chapter
    /// is an anchor on it.
    pub anchors: bool,
}

impl Markers {
    /// Markers with a fresh random token: std's hash keys are random per
    /// process and differ per `RandomState`, two of them give 128 bits.
    pub(crate) fn new() -> Markers {
        let half = |k: u8| RandomState::new().hash_one(k);
        Markers::with_token(format!("{:016x}{:016x}", half(0), half(1)))
    }

    fn with_token(token: String) -> Markers {
        Markers {
            finder: Finder::new(token.as_bytes()).into_owned(),
            up: marker(&token, UP),
            token,
        }
    }

    /// What a relative path starts with: the way up to the top of the output.
    pub(crate) fn up(&self) -> &str {
        &self.up
    }

    /// A link out of the chapter: `anchor` on `/print/`, `link` on the
    /// chapter's page.
    pub(crate) fn either(&self, anchor: &str, link: &str) -> String {
        let t = &self.token;
        format!(
            "{}{anchor}{}{link}{}",
            marker(t, ANCHOR),
            marker(t, LINK),
            marker(t, END)
        )
    }

    /// Appends `html` to `out` with its markers filled in for one page.
    pub(crate) fn fill_into(&self, html: &str, fill: Fill, out: &mut String) {
        let len = self.token.len();
        let mut rest = html;
        // Inside the form of a link the page does not show.
        let mut skipping = false;
        while let Some(at) = self.finder.find(rest.as_bytes()) {
            if !skipping {
                out.push_str(&rest[..at]);
            }
            let Some(&kind) = rest.as_bytes().get(at + len) else {
                rest = "";
                break;
            };
            match kind {
                UP if !skipping => out.push_str(fill.up),
                ANCHOR => skipping = !fill.anchors,
                LINK => skipping = fill.anchors,
                END => skipping = false,
                _ => {}
            }
            // The token and its letter are ASCII: a char boundary follows.
            rest = &rest[at + len + 1..];
        }
        if !skipping {
            out.push_str(rest);
        }
    }
}

fn marker(token: &str, kind: u8) -> String {
    format!("{token}{}", kind as char)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(markers: &Markers, html: &str, fill: Fill) -> String {
        let mut out = String::new();
        markers.fill_into(html, fill, &mut out);
        out
    }

    #[test]
    fn a_shared_section_fills_in_as_each_page_shows_it() {
        let m = Markers::new();
        let up = m.up();
        let link = m.either("#s-roller-a--ansvar", &format!("{up}roller/a/#ansvar"));
        let html = format!(
            "<img src=\"{up}billeder/x.png\"><a href=\"{link}\">A</a> <a href=\"#s-kapitel-b\">B</a>"
        );
        let chapter = Fill {
            up: "../../",
            anchors: false,
        };
        let whole = Fill {
            up: "../",
            anchors: true,
        };
        assert_eq!(
            filled(&m, &html, chapter),
            "<img src=\"../../billeder/x.png\"><a href=\"../../roller/a/#ansvar\">A</a> <a href=\"#s-kapitel-b\">B</a>"
        );
        assert_eq!(
            filled(&m, &html, whole),
            "<img src=\"../billeder/x.png\"><a href=\"#s-roller-a--ansvar\">A</a> <a href=\"#s-kapitel-b\">B</a>"
        );
    }

    #[test]
    fn html_without_markers_is_unchanged() {
        let m = Markers::new();
        let html = "<p>Æble <a href=\"../x/\">x</a> 0123456789abcdef</p>";
        for anchors in [false, true] {
            let fill = Fill { up: "../", anchors };
            assert_eq!(filled(&m, html, fill), html);
        }
    }

    #[test]
    fn markers_are_letters_and_digits_and_differ_per_run() {
        let (a, b) = (Markers::new(), Markers::new());
        assert_ne!(a.token, b.token);
        assert_eq!(a.token.len(), 32);
        let bare = format!("{}{}", a.up(), a.either("", ""));
        assert!(bare.bytes().all(|c| c.is_ascii_alphanumeric()), "{bare}");
        // A token cut short (never written so) ends the text without a panic.
        let cut = Markers::with_token("tok".into());
        assert_eq!(
            filled(
                &cut,
                "x tok",
                Fill {
                    up: "",
                    anchors: true
                }
            ),
            "x "
        );
    }
}
