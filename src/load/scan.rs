//! A first pass over a markdown body: its headings (their ids are given in
//! `resolve`, which knows the anchors the page's generated sections use) and every
//! link and image destination with its file position, so `resolve` can check
//! links and anchors before anything is rendered.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::fields::Reader;
use crate::markdown::{LineIndex, collect_text, parser};
use crate::model::{BodyScan, Heading, LinkRef};

/// Scans `body` (starting at file line `first_line`); warns about images without alt text.
pub fn scan(body: &str, first_line: usize, reader: Reader) -> BodyScan {
    let index = LineIndex::new(body, first_line);
    let mut scan = BodyScan::default();
    let mut events = parser(body);
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let text = collect_text(events.by_ref().map(|(e, _)| e), TagEnd::Heading(level));
                scan.headings.push(Heading {
                    level: level as u8,
                    text: text.trim().to_string(),
                    custom_id: id.map(|custom| custom.to_string()),
                    id: String::new(),
                });
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                scan.links.push(LinkRef {
                    dest: dest_url.to_string(),
                    pos: index.span(range),
                    is_image: false,
                });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let pos = index.span(range);
                let alt = collect_text(events.by_ref().map(|(e, _)| e), TagEnd::Image);
                if alt.trim().is_empty() {
                    reader.diags.push(
                        crate::diagnostics::Diagnostic::warning(
                            reader.path,
                            pos,
                            format!("image '{dest_url}' has no alt text"),
                        )
                        .with_help(Some(
                            "describe what the image shows: ![description](...)".into(),
                        )),
                    );
                }
                scan.links.push(LinkRef {
                    dest: dest_url.to_string(),
                    pos,
                    is_image: true,
                });
            }
            _ => {}
        }
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Diagnostics, Pos};
    use std::path::Path;

    #[test]
    fn finds_headings_links_and_positions() {
        let diags = Diagnostics::new();
        let reader = Reader {
            path: Path::new("x.md"),
            diags: &diags,
        };
        let body = "## Mål\n\nSe [rollen](rolle:gevinstejer) og [her](#maal).\n\n## Mål {#m}\n\n![](a.png)\n";
        let scan = scan(body, 4, reader);
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
        let warnings = diags.sorted();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pos, Pos::new(10, 1).with_len(10));
    }
}
