//! Markdown bodies to HTML: resolved links (typed, relative, empty-text),
//! numbered headings with anchors, figures with captions, accessible tables.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd, html};

use super::links::Linker;
use crate::markdown::parser;
use crate::model::PageId;
use crate::resolve::links::LinkTarget;

/// Renders page `index`'s body.
pub(crate) fn render_body(linker: &Linker, index: PageId, table_label: &str) -> String {
    let site = linker.site;
    let page = &site.pages[index];
    // Each event's offset in the body: links are looked up by it. Room for
    // about one event per 16 bytes of markdown (a page of prose and tables
    // has fewer), so the lists are not copied as they grow.
    let room = page.body.len() / 16 + 16;
    let (mut events, mut offsets) = (Vec::with_capacity(room), Vec::with_capacity(room));
    for (event, range) in parser(&page.body) {
        events.push(event);
        offsets.push(range.start);
    }
    let mut body = Body {
        linker,
        index,
        numbers: site.numbering.headings.get(&index),
        events: &events,
        offsets: &offsets,
        out: Vec::with_capacity(events.len()),
        heading: 0,
    };
    let mut i = 0;
    while i < events.len() {
        i = body.write_from(i);
    }
    let mut html_out = String::with_capacity(page.body.len() * 3 / 2);
    html::push_html(&mut html_out, body.out.into_iter());
    accessible_tables(html_out, table_label)
}

/// A body's events on their way to HTML: each construct written in turn.
struct Body<'a, 'e> {
    linker: &'a Linker<'a>,
    index: PageId,
    /// The numbers of the page's headings, with `numbered: true`.
    numbers: Option<&'a Vec<Option<String>>>,
    events: &'a [Event<'e>],
    /// Each event's offset in the body.
    offsets: &'a [usize],
    out: Vec<Event<'e>>,
    /// How many headings were written (the scan's headings, in order).
    heading: usize,
}

impl Body<'_, '_> {
    /// Writes the construct that starts at event `i`; returns the event after it.
    fn write_from(&mut self, i: usize) -> usize {
        let events = self.events;
        match &events[i] {
            Event::Start(Tag::Heading { level, .. }) => return self.heading(i, *level),
            Event::Start(Tag::Paragraph) if is_lone_captioned_image(&events[i..]) => {
                if let Some(next) = self.figure(i) {
                    return next;
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
                if matches!(events.get(i + 1), Some(Event::End(TagEnd::Link))) =>
            {
                return self.empty_link(i, dest_url);
            }
            _ => {}
        }
        self.inline(i);
        i + 1
    }

    /// Event `k` with its link or image destination resolved.
    fn inline(&mut self, k: usize) {
        let event = rewrite_inline(
            self.linker,
            self.index,
            self.offsets[k],
            self.events[k].clone(),
        );
        self.out.push(event);
    }

    /// A heading at event `i`: its anchor id, its number and a self-link.
    fn heading(&mut self, i: usize, level: HeadingLevel) -> usize {
        let linker = self.linker;
        let level = ((level as usize).max(2) + linker.heading_shift as usize).min(6);
        let scanned = linker.site.pages[self.index]
            .scan
            .headings
            .get(self.heading);
        let id = scanned.map_or_else(String::new, |h| linker.anchor_id(&h.id));
        let number = self
            .numbers
            .and_then(|n| n.get(self.heading).cloned().flatten());
        self.heading += 1;
        let mut open = format!("<h{level} id=\"{}\">", escape(&id));
        if let Some(n) = number {
            open.push_str(&format!("<span class=\"nr\">{n}</span> "));
        }
        self.out.push(Event::Html(open.into()));
        let end = self.events[i..]
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
            .map_or(self.events.len(), |p| i + p);
        for k in i + 1..end {
            self.inline(k);
        }
        self.out.push(Event::Html(
            format!(
                "<a class=\"anker\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{level}>\n",
                escape(&id)
            )
            .into(),
        ));
        end + 1
    }

    /// A paragraph at event `i` of only an image with a title: a figure with
    /// a caption. None when it is not one after all.
    fn figure(&mut self, i: usize) -> Option<usize> {
        let events = self.events;
        let (
            Event::Start(Tag::Image {
                dest_url, title, ..
            }),
            Some(end),
        ) = (
            &events[i + 1],
            events[i..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Paragraph))),
        )
        else {
            return None;
        };
        let alt = crate::markdown::collect_text(events[i + 2..].iter().cloned(), TagEnd::Image);
        let src = image_src(self.linker, self.index, self.offsets[i + 1], dest_url);
        self.out.push(Event::Html(
            format!(
                "<figure><img src=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>\n",
                escape(&src),
                escape(&alt),
                escape(title)
            )
            .into(),
        ));
        Some(i + end + 1)
    }

    /// A link at event `i` without text: the title of what it leads to becomes its text.
    fn empty_link(&mut self, i: usize, dest: &str) -> usize {
        let title = self.linker.link_title(self.index, self.offsets[i], dest);
        self.inline(i);
        self.out.push(Event::Text(title.unwrap_or_default().into()));
        i + 1
    }
}

fn is_lone_captioned_image(events: &[Event]) -> bool {
    matches!(events.get(1), Some(Event::Start(Tag::Image { title, .. })) if !title.is_empty())
        && events
            .iter()
            .skip(2)
            .position(|e| matches!(e, Event::End(TagEnd::Image)))
            .is_some_and(|p| matches!(events.get(p + 3), Some(Event::End(TagEnd::Paragraph))))
}

/// The `src` of the image at `offset` of page `index`'s body.
fn image_src(linker: &Linker, index: PageId, offset: usize, dest: &str) -> String {
    linker
        .site
        .body_link(index, offset)
        .and_then(|target| linker.href_for(target))
        .unwrap_or_else(|| dest.to_string())
}

/// Rewrites link and image destinations (the link at `offset` of page
/// `index`'s body, as resolve found it); leaves every other event as it is.
fn rewrite_inline<'a>(
    linker: &Linker,
    index: PageId,
    offset: usize,
    event: Event<'a>,
) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let href = match linker.site.body_link(index, offset) {
                Some(LinkTarget::External) | None => dest_url,
                Some(target) => CowStr::from(
                    linker
                        .href_for(target)
                        .unwrap_or_else(|| dest_url.to_string()),
                ),
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url: href,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let src = image_src(linker, index, offset, &dest_url);
            Event::Start(Tag::Image {
                link_type,
                dest_url: src.into(),
                title,
                id,
            })
        }
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: level.max(HeadingLevel::H2),
            id,
            classes,
            attrs,
        }),
        other => other,
    }
}

/// Table headers get `scope="col"`; tables scroll inside a focusable region.
/// One pass over the HTML.
fn accessible_tables(html: String, label: &str) -> String {
    if memchr::memmem::find(html.as_bytes(), b"<table>").is_none() {
        return html;
    }
    let open = format!(
        "<div class=\"tabel\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table>",
        escape(label)
    );
    let swaps: [(&str, &str); 4] = [
        ("<table>", &open),
        ("</table>", "</table></div>"),
        ("<th>", "<th scope=\"col\">"),
        ("<th style=", "<th scope=\"col\" style="),
    ];
    let mut out = String::with_capacity(html.len() + 512);
    // Only tags that begin `<t` or `</t` can be swapped: the others are
    // passed over without looking at them.
    let mut copied = 0;
    for at in memchr::memchr_iter(b'<', html.as_bytes()) {
        let rest = &html[at..];
        if !matches!(rest.as_bytes().get(1), Some(b't' | b'/')) {
            continue;
        }
        if let Some((from, to)) = swaps.iter().find(|(from, _)| rest.starts_with(from)) {
            out.push_str(&html[copied..at]);
            out.push_str(to);
            copied = at + from.len();
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// HTML-escapes text for element content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
