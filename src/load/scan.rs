//! A first pass over a markdown body: its headings (with their ids) and every
//! link and image destination with its file position, so `resolve` can check
//! links and anchors before anything is rendered.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::fields::Reader;
use crate::markdown::{LineIndex, collect_text, parser};
use crate::model::{BodyScan, Heading, LinkRef, PageKind};
use crate::slug::UniqueIds;

/// Anchors that generated parts of a page use, reserved so body headings don't take them.
pub fn reserved_anchors(kind: &PageKind) -> Vec<String> {
    let fixed: &[&str] = match kind {
        PageKind::Phase(_) => &[
            "underfaser",
            "milepaele",
            "roller",
            "aktiviteter",
            "vejledninger",
        ],
        PageKind::Role(_) => &[
            "ansvar",
            "faser",
            "aktiviteter",
            "vejledninger",
            "uddannelse",
            "skabeloner",
        ],
        PageKind::Guide(_) => &["deltagere", "dagsorden", "foer", "efter", "skabeloner"],
        PageKind::Template(_) => &["download", "bruges-i"],
        PageKind::ReadingGuide(_) => &[
            "laes", "senere", "opslag", "opslag-1", "opslag-2", "opslag-3", "opslag-4", "opslag-5",
        ],
        PageKind::Training(_) => &[
            "forloeb",
            "selvstudie",
            "efteruddannelse",
            "oevrige-aktiviteter",
        ],
        _ => &[],
    };
    let mut anchors: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
    if let PageKind::Phase(phase) = kind {
        anchors.extend(phase.activities.iter().map(|a| a.id.clone()));
    }
    anchors
}

/// Scans `body` (starting at file line `first_line`); warns about images without alt text.
pub fn scan(body: &str, first_line: usize, kind: &PageKind, reader: Reader) -> BodyScan {
    let index = LineIndex::new(body, first_line);
    let mut ids = UniqueIds::default();
    for anchor in reserved_anchors(kind) {
        ids.reserve(&anchor);
    }
    let mut scan = BodyScan::default();
    let mut events = parser(body);
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let text = collect_text(events.by_ref().map(|(e, _)| e), TagEnd::Heading(level));
                let id = match id {
                    Some(custom) => {
                        ids.reserve(&custom);
                        custom.to_string()
                    }
                    None => ids.id_for(&text),
                };
                scan.headings.push(Heading {
                    level: level as u8,
                    text: text.trim().to_string(),
                    id,
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
        let body =
            "## Mål\n\nSe [rollen](rolle:gevinstejer) og [her](#maal).\n\n## Mål\n\n![](a.png)\n";
        let scan = scan(body, 4, &PageKind::Chapter, reader);
        let ids: Vec<_> = scan.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["maal", "maal-2"]);
        assert_eq!(scan.links[0].dest, "rolle:gevinstejer");
        assert_eq!(scan.links[0].pos, Pos::new(6, 4).with_len(27));
        assert!(scan.links[2].is_image);
        let warnings = diags.sorted();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pos, Pos::new(10, 1).with_len(10));
    }
}
