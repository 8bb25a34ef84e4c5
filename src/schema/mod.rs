//! The content model's schema, declared once: for every page type and every
//! mapping inside front matter (an activity, a course, ...) and for
//! `handbook.yaml`, one table of its keys, their types, whether they are
//! required, their Danish help text and an example.
//!
//! The tables feed the strict reader in `load` (known keys, required keys,
//! the words of enums), `handbook new` (the page skeleton), `handbook schema`
//! (JSON Schemas for editors, in `crate::editor`), the version diff's
//! front-matter facts and the search index's fact fields (`facts`), and the
//! key reference in `docs/content-model.md` (`docs`).

#[cfg(test)]
mod docs;
pub(crate) mod facts;
mod tables;

use crate::model::PageType;
pub(crate) use tables::{CONFIG, WEEKS};

/// What a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefTo {
    Page(PageType),
    Workstream,
    Organisation,
    Audience,
}

impl RefTo {
    /// The word for it in help texts and docs.
    pub fn word(self) -> &'static str {
        match self {
            RefTo::Page(PageType::Phase) => "fase",
            RefTo::Page(PageType::Role) => "rolle",
            RefTo::Page(PageType::Guide) => "vejledning",
            RefTo::Page(PageType::Template) => "skabelon",
            RefTo::Page(PageType::Training) => "uddannelsesplan",
            RefTo::Page(PageType::ReadingGuide) => "læsevejledning",
            RefTo::Workstream => "indsatsområde",
            RefTo::Organisation => "organisation",
            RefTo::Audience => "målgruppe",
        }
    }
}

/// The words of an enum key and how their labels are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub names: &'static [&'static str],
    /// The string-table key of a word's label is this prefix and the word;
    /// None: the word is shown as written.
    pub label_prefix: Option<&'static str>,
}

/// The type of a key's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// A text; a whole number is read as its digits.
    Text,
    /// A whole number.
    Int,
    /// Minutes of an agenda item: 0 to 1440.
    Minutes,
    /// `true` or `false`.
    Bool,
    /// A week relative to go-live, within [`crate::model::MAX_WEEK`] of it.
    Week,
    /// `{ from, to }` weeks; one end may be left out.
    Weeks,
    /// A calendar date `YYYY-MM-DD`.
    Date,
    /// An id of the page itself or of an entry: a slug.
    Slug,
    /// The id of something else.
    Ref(RefTo),
    /// A list of ids (one id alone is a list of one).
    Refs(RefTo),
    /// A list of texts (one text alone is a list of one).
    Texts,
    /// A list of typed links: `fase:klargoering`, `side:om`.
    Links,
    /// One of a fixed set of words.
    Choice(Choice),
    /// A file name next to the page.
    File,
    /// An address on the web.
    Url,
    /// A list of mappings, each read with its own table.
    Items(&'static Table),
    /// A mapping read with its own table.
    Map(&'static Table),
    /// Anything: free-form data.
    Any,
}

/// How a key shows among the front-matter facts the version diff compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    /// Not compared.
    None,
    /// On a page: one line "label: value" per value (per item of a list).
    Line(&'static str),
    /// In an item: its value as it is ("Uge -9").
    Part,
    /// In an item: "label: value" ("Ansvarlig: projektleder").
    Labelled(&'static str),
    /// In an item: "value label" ("15 minutter").
    Unit(&'static str),
}

/// How an item of a list shows as one fact line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemFact {
    /// "label head: part; part" (a role in a phase, an activity).
    Head {
        label: &'static str,
        head: &'static str,
    },
    /// "label: head (part)" (a milestone, an agenda item).
    Paren {
        label: &'static str,
        head: &'static str,
    },
    /// "label: head part" (a course).
    Trail {
        label: &'static str,
        head: &'static str,
    },
}

/// Where a key's text goes in the search index (besides title, summary and body).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Search {
    None,
    /// Found like body text.
    Body,
    /// Found like another name of the page (a role's `aka`, a template's file).
    Aka,
}

/// One key of a mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// What the key means, in Danish, for editors.
    pub help: &'static str,
    /// A value as YAML, for skeletons, docs and schemas.
    pub example: &'static str,
    pub fact: Fact,
    pub search: Search,
}

impl Key {
    /// An optional key without a fact or search role.
    pub const fn new(name: &'static str, ty: Ty, help: &'static str, example: &'static str) -> Key {
        Key {
            name,
            ty,
            required: false,
            help,
            example,
            fact: Fact::None,
            search: Search::None,
        }
    }

    /// The key must be given.
    pub const fn required(self) -> Key {
        Key {
            required: true,
            ..self
        }
    }

    /// The key is a front-matter fact of the version diff.
    pub const fn fact(self, fact: Fact) -> Key {
        Key { fact, ..self }
    }

    /// The key's text is searchable.
    pub const fn search(self, search: Search) -> Key {
        Key { search, ..self }
    }
}

/// The keys of one kind of mapping.
#[derive(Debug, PartialEq, Eq)]
pub struct Table {
    /// The mapping in messages: "an activity", "the front matter".
    pub what: &'static str,
    pub keys: &'static [Key],
    /// Pairs of keys that exclude each other (`week` and `weeks`).
    pub exclusive: &'static [(&'static str, &'static str)],
    /// How an item of a list of these shows among the diff's facts.
    pub item_fact: Option<ItemFact>,
}

impl Table {
    /// The key named `name`.
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// Every key name, in order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keys.iter().map(|k| k.name)
    }

    /// Whether free-form data may go under `extra:`.
    pub fn has_extra(&self) -> bool {
        self.key("extra").is_some()
    }
}

/// The front matter of one kind of page.
#[derive(Debug)]
pub struct PageSchema {
    /// The link scheme and `handbook new` name: `fase`, ..., `side`.
    pub name: &'static str,
    /// The typed folder, None for free pages (`side`).
    pub page_type: Option<PageType>,
    /// The type's name in Danish, for schema titles.
    pub title: &'static str,
    pub table: &'static Table,
}

impl PageSchema {
    /// The folder under `content/` that holds pages of this kind (`""` for free pages).
    pub fn folder(&self) -> &'static str {
        self.page_type.map_or("", PageType::folder)
    }

    /// The file name of its JSON Schema: `fase.schema.json`.
    pub fn file_name(&self) -> String {
        format!("{}.schema.json", self.name)
    }
}

/// Every kind of page, typed folders first, free pages (`side`) last.
pub fn pages() -> &'static [PageSchema] {
    &tables::PAGES
}

/// The schema of a typed folder's pages, or of free pages with `None`.
pub fn of(page_type: Option<PageType>) -> &'static PageSchema {
    pages()
        .iter()
        .find(|p| p.page_type == page_type)
        .expect("every page type has a schema")
}

/// The schema named `name` (`fase`, `rolle`, ..., `side`).
pub(crate) fn by_name(name: &str) -> Option<&'static PageSchema> {
    pages().iter().find(|p| p.name == name)
}

/// The file name of the JSON Schema of `handbook.yaml`.
pub(crate) const CONFIG_SCHEMA_FILE: &str = "handbook.schema.json";

/// The folder `handbook schema` writes to by default, below the handbook's root.
pub const DEFAULT_DIR: &str = "schemas";

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table reachable from the pages and handbook.yaml.
    fn all_tables() -> Vec<&'static Table> {
        let mut out: Vec<&'static Table> = Vec::new();
        let mut stack: Vec<&'static Table> = pages().iter().map(|p| p.table).collect();
        stack.push(&CONFIG);
        while let Some(t) = stack.pop() {
            if out.iter().any(|x| std::ptr::eq(*x, t)) {
                continue;
            }
            out.push(t);
            for k in t.keys {
                if let Ty::Items(inner) | Ty::Map(inner) = k.ty {
                    stack.push(inner);
                }
            }
        }
        out
    }

    #[test]
    fn keys_are_unique_and_described() {
        for table in all_tables() {
            let mut seen = std::collections::HashSet::new();
            for key in table.keys {
                assert!(
                    seen.insert(key.name),
                    "{} twice in {}",
                    key.name,
                    table.what
                );
                assert!(
                    !key.help.is_empty(),
                    "{} in {} has no help",
                    key.name,
                    table.what
                );
            }
            for (a, b) in table.exclusive {
                assert!(table.key(a).is_some() && table.key(b).is_some());
            }
            if let Some(
                ItemFact::Head { head, .. }
                | ItemFact::Paren { head, .. }
                | ItemFact::Trail { head, .. },
            ) = table.item_fact
            {
                assert!(table.key(head).is_some(), "{head} in {}", table.what);
            }
        }
    }

    #[test]
    fn every_page_type_has_one_schema() {
        for t in PageType::ALL {
            assert_eq!(of(Some(t)).name, t.scheme());
        }
        assert_eq!(of(None).name, "side");
        assert_eq!(pages().len(), PageType::ALL.len() + 1);
    }

    #[test]
    fn every_label_is_in_the_string_table() {
        let strings = crate::render::theme::Strings::built_in();
        let mut keys: Vec<String> = Vec::new();
        for table in all_tables() {
            for key in table.keys {
                match key.fact {
                    Fact::Line(l) | Fact::Labelled(l) | Fact::Unit(l) => keys.push(l.into()),
                    Fact::None | Fact::Part => {}
                }
                if let Ty::Choice(Choice {
                    names,
                    label_prefix: Some(prefix),
                }) = key.ty
                {
                    keys.extend(names.iter().map(|n| format!("{prefix}{n}")));
                }
            }
            if let Some(
                ItemFact::Head { label, .. }
                | ItemFact::Paren { label, .. }
                | ItemFact::Trail { label, .. },
            ) = table.item_fact
            {
                keys.push(label.into());
            }
        }
        for key in keys {
            assert!(strings.has(&key), "'{key}' is missing from strings/da.yaml");
        }
    }
}
