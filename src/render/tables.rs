//! Tables that fit a phone. Every table of a rendered page, written in
//! markdown or by a template, is marked by its width: a table of up to
//! [`NARROW`] columns gets the class `stak` and on each body cell the text of
//! its column header (`data-label`), so the theme's CSS can show its rows as
//! "label: value" lines on a narrow screen; a wider table gets the class
//! `bred` and, before its scroll region, a hint that it scrolls sideways.
//! A template may ask for stacking whatever the width, by giving the table
//! the class `stak` itself (a list of items, such as the plan of /opgaver/).

use super::markdown::escape;

/// Tables with at most this many columns are stacked on narrow screens.
pub(crate) const NARROW: usize = 4;

/// `html` with its tables marked for narrow screens; `hint` is the text that
/// says a wide table scrolls sideways.
pub(crate) fn fit_tables(html: String, hint: &str) -> String {
    if memchr::memmem::find(html.as_bytes(), b"<table").is_none() {
        return html;
    }
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html.as_str();
    while let Some(at) = find_tag(rest, "<table") {
        let Some(end) = memchr::memmem::find(&rest.as_bytes()[at..], b"</table>")
            .map(|e| at + e + "</table>".len())
        else {
            break;
        };
        let table = &rest[at..end];
        let labels = header_labels(table);
        let mut before = &rest[..at];
        if asks_to_stack(table) && !labels.is_empty() {
            out.push_str(before);
            out.push_str(&label_cells(table, &labels));
        } else if labels.len() > NARROW {
            // The hint goes before the scroll region the table sits in, if any.
            let region = before
                .rfind("<div class=\"tabel")
                .filter(|r| !before[*r..].contains("</div>"));
            if let Some(r) = region {
                out.push_str(&before[..r]);
                out.push_str(&format!(
                    "<p class=\"rul-hint\" aria-hidden=\"true\">{}</p>",
                    escape(hint)
                ));
                before = &before[r..];
            }
            out.push_str(before);
            out.push_str(&add_class(table, "bred"));
        } else if labels.is_empty() {
            out.push_str(before);
            out.push_str(table);
        } else {
            out.push_str(before);
            out.push_str(&label_cells(&add_class(table, "stak"), &labels));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The byte offset of the next tag that `opening` (`<table`) begins, followed by
/// `>` or a space (a fast substring search: most of a page is not a table).
fn find_tag(html: &str, opening: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    memchr::memmem::find_iter(bytes, opening.as_bytes())
        .find(|at| matches!(bytes.get(at + opening.len()), Some(b'>' | b' ')))
}

/// The byte offset and name of the first `<name>` or `<name ` tag of any of
/// `names`, in one pass over `html`.
fn next_tag<'n>(html: &str, names: &[&'n str]) -> Option<(usize, &'n str)> {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(i) = html[from..].find('<') {
        let at = from + i;
        let after = &bytes[at + 1..];
        for name in names {
            if after.starts_with(name.as_bytes())
                && matches!(after.get(name.len()), Some(b'>' | b' '))
            {
                return Some((at, name));
            }
        }
        from = at + 1;
    }
    None
}

/// The text of each column of the table's first header row (a cell with
/// `colspan` counts for as many columns).
fn header_labels(table: &str) -> Vec<String> {
    let Some(head) = find_tag(table, "<thead") else {
        return Vec::new();
    };
    let head = &table[head..];
    let row_end = head.find("</tr>").unwrap_or(head.len());
    let row = &head[..row_end];
    let mut labels = Vec::new();
    let mut rest = row;
    while let Some(at) = find_tag(rest, "<th") {
        let open_end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let close = rest[open_end..]
            .find("</th>")
            .map_or(rest.len(), |e| open_end + e);
        let span = attribute(&rest[at..open_end], "colspan")
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1);
        let text = text_of(&rest[open_end..close]);
        for _ in 0..span {
            labels.push(text.clone());
        }
        rest = &rest[close.min(rest.len())..];
    }
    labels
}

/// The value of `name="..."` in an opening tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    // Most tags of a table have no attributes at all.
    if !has_attributes(tag) {
        return None;
    }
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        let value = at + name.len() + 2;
        if tag[..at].ends_with(' ') && tag.get(at + name.len()..value) == Some("=\"") {
            let end = tag[value..].find('"')? + value;
            return Some(&tag[value..end]);
        }
        from = at + name.len();
    }
    None
}

/// Whether an opening tag has an attribute with a value (a quick test).
fn has_attributes(tag: &str) -> bool {
    memchr::memchr(b'=', tag.as_bytes()).is_some()
}

/// The text of an HTML fragment: tags dropped, whitespace collapsed.
pub(crate) fn text_of(fragment: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the `<table>` tag at the start of `table` has the class `stak`.
fn asks_to_stack(table: &str) -> bool {
    let tag = &table[..table.find('>').unwrap_or(table.len())];
    attribute(tag, "class").is_some_and(|c| c.split_whitespace().any(|c| c == "stak"))
}

/// Adds a class to the `<table>` tag at the start of `table`.
fn add_class(table: &str, class: &str) -> String {
    let tag_end = table.find('>').unwrap_or(0);
    let tag = &table[..tag_end];
    let rest = &table[tag_end..];
    match tag.find(" class=\"") {
        Some(c) => {
            let at = c + " class=\"".len();
            format!("{}{class} {}{rest}", &tag[..at], &tag[at..])
        }
        None => format!("{tag} class=\"{class}\"{rest}"),
    }
}

/// Puts `data-label` with its column's header text on every `<td>` of the
/// table's body rows (and its footer's).
fn label_cells(table: &str, labels: &[String]) -> String {
    let body = find_tag(table, "<tbody").unwrap_or(table.len());
    let labels: Vec<String> = labels.iter().map(|l| l.replace('"', "&quot;")).collect();
    let mut out = String::with_capacity(table.len() + table.len() / 4);
    out.push_str(&table[..body]);
    let mut column = 0;
    let mut rest = &table[body..];
    while let Some((at, tag)) = next_tag(rest, &["tr", "td", "th"]) {
        let open_end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
        let opening = &rest[at..open_end];
        out.push_str(&rest[..at]);
        match tag {
            "tr" => {
                column = 0;
                out.push_str(opening);
            }
            _ => {
                let span = attribute(opening, "colspan")
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .max(1);
                let labelled = has_attributes(opening) && opening.contains(" data-label=");
                match labels.get(column).filter(|_| tag == "td") {
                    Some(label) if !label.is_empty() && !labelled => {
                        out.push_str(opening);
                        out.push_str(" data-label=\"");
                        out.push_str(label);
                        out.push('"');
                    }
                    _ => out.push_str(opening),
                }
                column += span;
            }
        }
        rest = &rest[open_end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_found_by_their_whole_name() {
        let tag = r#"<td data-colspan="3" class="x" colspan="2""#;
        assert_eq!(attribute(tag, "colspan"), Some("2"));
        assert_eq!(attribute(tag, "class"), Some("x"));
        assert_eq!(attribute(r#"<td data-colspan="3""#, "colspan"), None);
        assert_eq!(attribute("<td>", "colspan"), None);
    }

    #[test]
    fn a_table_that_asks_to_stack_is_stacked_whatever_its_width() {
        let head: String = (1..=6).map(|i| format!("<th>K{i}</th>")).collect();
        let cells: String = (1..=6).map(|i| format!("<td>v{i}</td>")).collect();
        let html = format!(
            "<div class=\"tabel\"><table class=\"stak plan\"><thead><tr>{head}</tr></thead><tbody><tr>{cells}</tr></tbody></table></div>"
        );
        let out = fit_tables(html, "Rul");
        assert!(
            out.starts_with("<div class=\"tabel\"><table class=\"stak plan\">"),
            "{out}"
        );
        assert!(out.contains("<td data-label=\"K6\">v6</td>"), "{out}");
        assert!(!out.contains("rul-hint"), "{out}");
    }

    #[test]
    fn narrow_tables_stack_with_labels_wide_ones_get_a_hint() {
        let narrow = "<div class=\"tabel\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Rolle</th><th scope=\"col\">Ansvar <span>(fase)</span></th></tr></thead>\
             <tbody><tr><th scope=\"row\">A</th><td>Planlægger</td></tr><tr><th scope=\"row\">B</th><td></td></tr></tbody></table></div>";
        let out = fit_tables(narrow.to_string(), "Rul");
        assert!(out.contains("<table class=\"stak\">"), "{out}");
        assert_eq!(
            out.matches("<td data-label=\"Ansvar (fase)\">").count(),
            2,
            "{out}"
        );
        assert!(!out.contains("rul-hint"));

        let wide = "<p>x</p><div class=\"tabel\" tabindex=\"0\"><table class=\"aktiviteter\"><thead><tr><th>Uge</th><th>A</th><th>B</th><th>C</th><th>D</th></tr></thead><tbody><tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td></tr></tbody></table></div>";
        let out = fit_tables(wide.to_string(), "Rul vandret");
        assert!(out.starts_with("<p>x</p><p class=\"rul-hint\" aria-hidden=\"true\">Rul vandret</p><div class=\"tabel\""), "{out}");
        assert!(out.contains("<table class=\"bred aktiviteter\">"), "{out}");
        assert!(!out.contains("data-label"));
    }

    #[test]
    fn column_spans_count_and_tables_without_header_are_left_alone() {
        let spanned = "<table><thead><tr><th colspan=\"2\">Fase</th><th>Uger</th></tr></thead><tbody><tr><td colspan=\"2\">2</td><td>-1</td></tr></tbody></table>";
        let out = fit_tables(spanned.to_string(), "");
        assert!(
            out.contains(
                "<td colspan=\"2\" data-label=\"Fase\">2</td><td data-label=\"Uger\">-1</td>"
            ),
            "{out}"
        );
        let bare = "<table><tr><td>x</td></tr></table>";
        assert_eq!(fit_tables(bare.to_string(), ""), bare);
    }
}
