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
    let numbers = site.numbering.headings.get(&index);
    // Each event's offset in the body: links are looked up by it.
    let (events, offsets): (Vec<Event>, Vec<usize>) =
        parser(&page.body).map(|(e, r)| (e, r.start)).unzip();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut heading = 0;
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = ((*level as usize).max(2) + linker.heading_shift as usize).min(6);
                let scanned = page.scan.headings.get(heading);
                let id = scanned.map_or_else(String::new, |h| linker.anchor_id(&h.id));
                let number = numbers.and_then(|n| n.get(heading).cloned().flatten());
                heading += 1;
                let mut open = format!("<h{level} id=\"{}\">", escape(&id));
                if let Some(n) = number {
                    open.push_str(&format!("<span class=\"nr\">{n}</span> "));
                }
                out.push(Event::Html(open.into()));
                let end = events[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                    .map_or(events.len(), |p| i + p);
                out.extend(
                    (i + 1..end)
                        .map(|k| rewrite_inline(linker, index, offsets[k], events[k].clone())),
                );
                out.push(Event::Html(
                    format!(
                        "<a class=\"anker\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{level}>\n",
                        escape(&id)
                    )
                    .into(),
                ));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Paragraph) if is_lone_captioned_image(&events[i..]) => {
                if let (
                    Event::Start(Tag::Image {
                        dest_url, title, ..
                    }),
                    Some(end),
                ) = (
                    &events[i + 1],
                    events[i..]
                        .iter()
                        .position(|e| matches!(e, Event::End(TagEnd::Paragraph))),
                ) {
                    let alt = crate::markdown::collect_text(
                        events[i + 2..].iter().cloned(),
                        TagEnd::Image,
                    );
                    let src = image_src(linker, index, offsets[i + 1], dest_url);
                    out.push(Event::Html(
                        format!(
                            "<figure><img src=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>\n",
                            escape(&src),
                            escape(&alt),
                            escape(title)
                        )
                        .into(),
                    ));
                    i += end + 1;
                    continue;
                }
            }
            Event::Start(Tag::Link { .. })
                if matches!(events.get(i + 1), Some(Event::End(TagEnd::Link))) =>
            {
                let title = match &events[i] {
                    Event::Start(Tag::Link { dest_url, .. }) => {
                        linker.link_title(index, offsets[i], dest_url)
                    }
                    _ => None,
                };
                out.push(rewrite_inline(linker, index, offsets[i], events[i].clone()));
                out.push(Event::Text(title.unwrap_or_default().into()));
                i += 1;
                continue;
            }
            _ => {}
        }
        out.push(rewrite_inline(linker, index, offsets[i], events[i].clone()));
        i += 1;
    }
    let mut html_out = String::with_capacity(page.body.len() * 3 / 2);
    html::push_html(&mut html_out, out.into_iter());
    accessible_tables(html_out, table_label)
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
    if !html.contains("<table>") {
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
    let mut rest = html.as_str();
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (from, to) = swaps
            .iter()
            .find(|(from, _)| rest.starts_with(from))
            .copied()
            .unwrap_or(("<", "<"));
        out.push_str(to);
        rest = &rest[from.len()..];
    }
    out.push_str(rest);
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
