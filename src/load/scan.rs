//! A first pass over a markdown body: its headings (their ids are given in
//! `resolve`, which knows the anchors the page's generated sections use) and every
//! link and image destination with its file position, so `resolve` can check
//! links and anchors before anything is rendered; and its plain text, for the
//! search index.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::fields::Reader;
use crate::diagnostics::Pos;
use crate::markdown::{LineIndex, parser, push_plain};
use crate::model::{BodyScan, Heading, LinkRef};

/// Scans `body` (starting at file line `first_line`); warns about images without alt text.
/// Every link is found, also one inside a heading or an image's alt text.
pub(crate) fn scan(body: &str, first_line: usize, reader: Reader) -> BodyScan {
    let index = LineIndex::new(body, first_line);
    let mut scan = BodyScan::default();
    // The heading being read, and the images being read (their alt texts).
    let mut heading: Option<(HeadingLevel, Option<String>, String)> = None;
    let mut images: Vec<(String, Pos, String)> = Vec::new();
    scan.text.reserve(body.len());
    for (event, range) in parser(body) {
        push_plain(&mut scan.text, &event);
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level, id.map(|c| c.to_string()), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, custom_id, text)) = heading.take() else {
                    continue;
                };
                scan.headings.push(Heading {
                    level: level as u8,
                    text: text.trim().to_string(),
                    custom_id,
                    id: String::new(),
                });
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                scan.links.push(LinkRef {
                    dest: dest_url.to_string(),
                    pos: index.span(range.clone()),
                    offset: range.start,
                    is_image: false,
                });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let pos = index.span(range.clone());
                scan.links.push(LinkRef {
                    dest: dest_url.to_string(),
                    pos,
                    offset: range.start,
                    is_image: true,
                });
                images.push((dest_url.to_string(), pos, String::new()));
            }
            Event::End(TagEnd::Image) => {
                let Some((dest, pos, alt)) = images.pop() else {
                    continue;
                };
                if alt.trim().is_empty() {
                    reader.diags.push(
                        crate::diagnostics::Diagnostic::warning(
                            reader.path,
                            pos,
                            format!("image '{dest}' has no alt text"),
                        )
                        .with_help(Some(
                            "describe what the image shows: ![description](...)".into(),
                        )),
                    );
                }
            }
            Event::Text(t) | Event::Code(t) => {
                for text in texts(&mut heading, &mut images) {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                for text in texts(&mut heading, &mut images) {
                    text.push(' ');
                }
            }
            _ => {}
        }
    }
    scan
}

/// The texts being collected: the heading's and every open image's alt text.
fn texts<'a>(
    heading: &'a mut Option<(HeadingLevel, Option<String>, String)>,
    images: &'a mut [(String, Pos, String)],
) -> impl Iterator<Item = &'a mut String> {
    heading
        .iter_mut()
        .map(|h| &mut h.2)
        .chain(images.iter_mut().map(|i| &mut i.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use std::path::Path;

    /// `body` of `x.md` scanned from file line `first_line`, with the warnings.
    fn scanned(body: &str, first_line: usize) -> (BodyScan, Vec<crate::diagnostics::Diagnostic>) {
        let diags = Diagnostics::new();
        let reader = Reader {
            path: Path::new("x.md"),
            diags: &diags,
        };
        let scan = scan(body, first_line, reader);
        (scan, diags.sorted())
    }

    #[test]
    fn finds_headings_links_and_positions() {
        let body = "## Mål\n\nSe [rollen](rolle:gevinstejer) og [her](#maal).\n\n## Mål {#m}\n\n![](a.png)\n";
        let (scan, warnings) = scanned(body, 4);
        let texts: Vec<_> = scan.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["Mål", "Mål"]);
        let custom: Vec<_> = scan
            .headings
            .iter()
            .map(|h| h.custom_id.as_deref())
            .collect();
        assert_eq!(custom, [None, Some("m")]);
        assert_eq!(scan.links[0].dest, "rolle:gevinstejer");
        assert_eq!(scan.links[0].pos, Pos::new(6, 4).with_len(27));
        assert!(scan.links[2].is_image);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pos, Pos::new(10, 1).with_len(10));
    }

    #[test]
    fn keeps_the_plain_text_for_the_search() {
        let (scan, _) = scanned("## Mål\n\nSe [rollen](rolle:x) og **vigtigt**.\n", 1);
        let words: Vec<&str> = scan.text.split_whitespace().collect();
        assert_eq!(words, ["Mål", "Se", "rollen", "og", "vigtigt", "."]);
    }

    #[test]
    fn finds_links_in_headings_and_alt_texts() {
        let body = "## Se [rollen](rolle:a)\n\n![Et [kort](b.md)](c.png)\n";
        let (scan, warnings) = scanned(body, 1);
        assert_eq!(scan.headings[0].text, "Se rollen");
        let dests: Vec<_> = scan
            .links
            .iter()
            .map(|l| (l.dest.as_str(), l.offset))
            .collect();
        assert_eq!(dests, [("rolle:a", 6), ("c.png", 25), ("b.md", 30)]);
        assert!(warnings.is_empty(), "the image has an alt text");
    }
}
