//! The key reference of `docs/content-model.md`, written from the schema
//! tables: for `handbook.yaml` and each page type, every key (keys of list
//! items as `activities[].week`) with its type, whether it is required, its
//! Danish help text and an example. A test keeps the file in step with the
//! tables.

use std::fmt::Write as _;

use super::{CONFIG, Choice, RefTo, Table, Ty, pages};

/// The line before the generated reference in the docs.
pub(crate) const BEGIN: &str = "<!-- key reference: generated from src/schema/tables.rs; \
     `HANDBOOK_UPDATE_DOCS=1 cargo test --lib schema::docs` rewrites it -->";
/// The line after it.
pub(crate) const END: &str = "<!-- end of the generated key reference -->";

/// The reference as markdown: one section per file kind, one table each.
pub(crate) fn key_reference() -> String {
    let mut out = String::new();
    section(&mut out, "`handbook.yaml`", &CONFIG);
    for page in pages() {
        let place = match page.page_type {
            Some(t) => format!("`{}` — `content/{}/`", page.name, t.folder()),
            None => format!(
                "`{}` — every other page, also a folder's `index.md`",
                page.name
            ),
        };
        section(&mut out, &place, page.table);
    }
    out
}

fn section(out: &mut String, heading: &str, table: &Table) {
    let _ = write!(
        out,
        "\n### {heading}\n\n| key | type | required | beskrivelse | example |\n| --- | --- | --- | --- | --- |\n"
    );
    rows(out, "", table);
}

fn rows(out: &mut String, prefix: &str, table: &Table) {
    for key in table.keys {
        let path = format!("{prefix}{}", key.name);
        let example = if key.example.is_empty() {
            String::new()
        } else {
            format!("`{}`", cell(key.example))
        };
        let _ = writeln!(
            out,
            "| `{path}` | {} | {} | {} | {example} |",
            cell(&type_name(key.ty)),
            if key.required { "yes" } else { "" },
            cell(key.help),
        );
        match key.ty {
            Ty::Items(inner) => rows(out, &format!("{path}[]."), inner),
            Ty::Map(inner) => rows(out, &format!("{path}."), inner),
            _ => {}
        }
    }
    if !table.exclusive.is_empty() {
        let pairs: Vec<String> = table
            .exclusive
            .iter()
            .map(|(a, b)| format!("`{prefix}{a}` or `{prefix}{b}`, not both"))
            .collect();
        let _ = writeln!(out, "| | | | {} | |", pairs.join("; "));
    }
}

/// A table cell: pipes escaped, on one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn ref_name(to: RefTo) -> String {
    format!("{} id", to.word())
}

/// The type of a value in words.
pub(crate) fn type_name(ty: Ty) -> String {
    match ty {
        Ty::Text => "text".into(),
        Ty::Int => "integer".into(),
        Ty::Minutes => "minutes (0–1440)".into(),
        Ty::Bool => "true/false".into(),
        Ty::Week => "week".into(),
        Ty::Weeks => "weeks `{ from, to }`".into(),
        Ty::Date => "date `YYYY-MM-DD`".into(),
        Ty::Slug => "slug".into(),
        Ty::Ref(to) => ref_name(to),
        Ty::Refs(to) => format!("list of {}s", ref_name(to)),
        Ty::Texts => "list of texts".into(),
        Ty::Links => "list of typed links".into(),
        Ty::Choice(Choice { names, .. }) => {
            let words: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("one of {}", words.join(", "))
        }
        Ty::File => "file name".into(),
        Ty::Url => "URL".into(),
        Ty::Items(_) => "list of mappings".into(),
        Ty::Map(_) => "mapping".into(),
        Ty::Any => "anything".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key reference in docs/content-model.md is the one the tables
    /// give; with HANDBOOK_UPDATE_DOCS set, the test writes it instead.
    #[test]
    fn content_model_doc_matches_the_tables() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content-model.md");
        let text = std::fs::read_to_string(&path).unwrap();
        let (Some(start), Some(end)) = (text.find(BEGIN), text.find(END)) else {
            panic!("docs/content-model.md lacks the key reference markers");
        };
        let generated = key_reference();
        let current = &text[start + BEGIN.len()..end];
        if std::env::var_os("HANDBOOK_UPDATE_DOCS").is_some() {
            let updated = format!("{}{BEGIN}{generated}\n{}", &text[..start], &text[end..]);
            std::fs::write(&path, updated).unwrap();
            return;
        }
        assert_eq!(
            current.trim(),
            generated.trim(),
            "docs/content-model.md is out of date: run HANDBOOK_UPDATE_DOCS=1 cargo test --lib schema::docs"
        );
    }

    #[test]
    fn every_key_is_in_the_reference() {
        let reference = key_reference();
        for key in crate::schema::of(Some(crate::model::PageType::Phase))
            .table
            .keys
        {
            assert!(reference.contains(&format!("`{}`", key.name)));
        }
        assert!(reference.contains("| `activities[].week` | week |"));
        assert!(reference.contains("one of `valgfri`, `obligatorisk`, `kritisk`"));
    }
}
