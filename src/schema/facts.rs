//! Front matter read through its table rather than its type: the facts the
//! version diff compares ("Rolle projektleder: Planlægger ...") and the text
//! the search index finds a page by. Both walk the keys of the page's table
//! in order, so a key marked in the table is compared and found without code
//! of its own here.

use super::{Fact, ItemFact, Search, Table, Ty};
use crate::model::{Node, Weeks};

/// Names the facts (Danish labels from the theme's strings).
pub(crate) type Labels<'a> = &'a dyn Fn(&str) -> String;

/// "Uge -13 til -1", "Til og med uge -14", ...: weeks as the diff shows them.
pub(crate) fn weeks_text(weeks: Weeks, labels: Labels) -> String {
    if weeks.open_start {
        format!("{} {}", labels("weeks_until"), weeks.to)
    } else if weeks.open_end {
        format!("{} {}", labels("weeks_from"), weeks.from)
    } else if weeks.from == weeks.to {
        format!("{} {}", labels("week"), weeks.from)
    } else {
        format!(
            "{} {} {} {}",
            labels("week"),
            weeks.from,
            labels("weeks_to"),
            weeks.to
        )
    }
}

/// The texts of a value: one per item of a list, each as the diff shows it.
fn values(ty: Ty, node: &Node, labels: Labels) -> Vec<String> {
    match ty {
        Ty::Texts | Ty::Refs(_) | Ty::Links => node.items().iter().filter_map(Node::text).collect(),
        Ty::Week | Ty::Weeks => Weeks::of_node(node)
            .map(|w| weeks_text(w, labels))
            .into_iter()
            .collect(),
        Ty::Choice(choice) => node
            .text()
            .map(|word| match choice.label_prefix {
                Some(prefix) => labels(&format!("{prefix}{word}")),
                None => word,
            })
            .into_iter()
            .collect(),
        _ => node.text().into_iter().collect(),
    }
}

/// One line per front-matter fact of a page, in the order of its table.
pub(crate) fn fact_lines(table: &Table, front: &Node, labels: Labels) -> Vec<String> {
    let mut out = Vec::new();
    for key in table.keys {
        let Some(node) = front.get(key.name) else {
            continue;
        };
        match (key.ty, key.fact) {
            (Ty::Items(items), _) => {
                if let Some(style) = items.item_fact {
                    out.extend(
                        node.items()
                            .iter()
                            .map(|item| item_line(items, style, item, labels)),
                    );
                }
            }
            (ty, Fact::Line(label)) => out.extend(
                values(ty, node, labels)
                    .into_iter()
                    .map(|v| format!("{}: {v}", labels(label))),
            ),
            _ => {}
        }
    }
    out
}

/// An item of a list (an activity, a milestone) as one fact line.
fn item_line(table: &Table, style: ItemFact, item: &Node, labels: Labels) -> String {
    let (ItemFact::Head { head, .. } | ItemFact::Paren { head, .. } | ItemFact::Trail { head, .. }) =
        style;
    let head = item.get(head).and_then(Node::text).unwrap_or_default();
    let parts: Vec<String> = table
        .keys
        .iter()
        .filter_map(|key| {
            let values = values(key.ty, item.get(key.name)?, labels);
            match key.fact {
                Fact::Part => Some(values.join(", ")),
                Fact::Labelled(label) if !values.is_empty() => {
                    Some(format!("{}: {}", labels(label), values.join(", ")))
                }
                Fact::Unit(label) => Some(format!("{} {}", values.join(", "), labels(label))),
                _ => None,
            }
        })
        .filter(|p| !p.is_empty())
        .collect();
    match style {
        ItemFact::Head { label, .. } => format!("{} {head}: {}", labels(label), parts.join("; ")),
        ItemFact::Paren { label, .. } => format!("{}: {head} ({})", labels(label), parts.join(" ")),
        ItemFact::Trail { label, .. } => format!("{}: {head} {}", labels(label), parts.join(" "))
            .trim_end()
            .to_string(),
    }
}

/// The text of every key of `table` (and of the items of its lists) that the
/// search index finds a page by in `field`, in table order, space-separated.
pub(crate) fn search_text(table: &Table, front: &Node, field: Search) -> String {
    let mut out: Vec<String> = Vec::new();
    collect(table, front, field, &mut out);
    out.join(" ")
}

fn collect(table: &Table, node: &Node, field: Search, out: &mut Vec<String>) {
    for key in table.keys {
        let Some(value) = node.get(key.name) else {
            continue;
        };
        match key.ty {
            Ty::Items(items) => {
                for item in value.items() {
                    collect(items, item, field, out);
                }
            }
            _ if key.search != field => {}
            // A template is also found by the words of its file's name.
            Ty::File => out.extend(value.text().map(|path| {
                path.rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .replace(['-', '_', '.'], " ")
            })),
            ty => out.extend(values(ty, value, &|k| k.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PageType;

    fn front(yaml: &str) -> Node {
        crate::load::yaml::parse(yaml, 1).unwrap()
    }

    fn labels(key: &str) -> String {
        key.to_uppercase()
    }

    #[test]
    fn facts_follow_the_table() {
        let table = crate::schema::of(Some(PageType::Phase)).table;
        let node = front(
            "title: Start\nweeks: { from: -4, to: -1 }\nmilestones: [{ title: Kickoff, week: -4 }]\nroles:\n  - { role: pl, responsibility: Leder. }\n  - { role: x }\nactivities:\n  - { title: Møde, week: -4, category: kritisk, responsible: pl, involved: [a, b] }\n",
        );
        assert_eq!(
            fact_lines(table, &node, &labels),
            [
                "TITLE: Start",
                "WEEKS_LABEL: WEEK -4 WEEKS_TO -1",
                "MILESTONE: Kickoff (WEEK -4)",
                "ROLE pl: Leder.",
                "ROLE x: ",
                "ACTIVITY Møde: WEEK -4; CATEGORY_KRITISK; RESPONSIBLE: pl; INVOLVED: a, b",
            ]
        );
    }

    #[test]
    fn search_text_follows_the_table() {
        let guide = crate::schema::of(Some(PageType::Guide)).table;
        let node = front(
            "title: G\npurpose: Formål\nagenda: [{ minutes: 5, item: Velkomst }]\nbefore: Læs\nafter: [Skriv, Send]\n",
        );
        assert_eq!(
            search_text(guide, &node, Search::Body),
            "Formål Velkomst Læs Skriv Send"
        );
        let template = crate::schema::of(Some(PageType::Template)).table;
        let node = front("title: T\nfile: sub/risiko_analyse-v2.xlsx\n");
        assert_eq!(
            search_text(template, &node, Search::Aka),
            "risiko analyse v2 xlsx"
        );
    }
}
