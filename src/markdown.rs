//! Markdown settings and helpers shared by loading (scanning links and
//! headings) and rendering, so both see the same document.

use pulldown_cmark::{Event, Options, Parser, TagEnd};

use crate::diagnostics::Pos;

/// The markdown dialect: CommonMark with tables, footnotes, strikethrough,
/// task lists and `{#id}` heading attributes.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A parser over `text` that yields byte ranges.
pub(crate) fn parser(
    text: &str,
) -> pulldown_cmark::OffsetIter<'_, pulldown_cmark::DefaultBrokenLinkCallback> {
    Parser::new_ext(text, options()).into_offset_iter()
}

/// Adds what `event` shows to a plain text: its words (text and code)
/// followed by a space, a space for a line break or the end of anything.
pub(crate) fn push_plain(text: &mut String, event: &Event) {
    match event {
        Event::Text(t) | Event::Code(t) => {
            text.push_str(t);
            text.push(' ');
        }
        Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
        _ => {}
    }
}

/// Maps byte offsets in a body to file positions.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: usize,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str, first_line: usize) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            text,
            starts,
            first_line,
        }
    }

    pub(crate) fn pos(&self, offset: usize) -> Pos {
        let line = self
            .starts
            .partition_point(|s| *s <= offset)
            .saturating_sub(1);
        let start = self.starts[line];
        let end = offset.min(self.text.len());
        let col = self
            .text
            .get(start..end)
            .map_or(1, |s| s.chars().count() + 1);
        Pos::new(self.first_line + line, col)
    }

    /// The position of a byte range: its start, spanning its characters up to the end of that line.
    pub(crate) fn span(&self, range: std::ops::Range<usize>) -> Pos {
        let text = self.text.get(range.clone()).unwrap_or_default();
        let first_line = text.split('\n').next().unwrap_or_default();
        self.pos(range.start).with_len(first_line.chars().count())
    }
}

/// The plain text of the inline events up to the end of the current tag.
pub(crate) fn collect_text<'e>(events: impl Iterator<Item = Event<'e>>, end: TagEnd) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::End(e) if e == end => break,
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_maps_offsets_to_file_positions() {
        let text = "ab\nçd [x](y)\n";
        let index = LineIndex::new(text, 5);
        assert_eq!(index.pos(0), Pos::new(5, 1));
        assert_eq!(index.pos(3), Pos::new(6, 1));
        let link = text.find('[').unwrap();
        assert_eq!(index.pos(link), Pos::new(6, 4));
    }
}
