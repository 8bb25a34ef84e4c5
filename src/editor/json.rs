//! JSON Schemas (draft 2020-12) of front matter and `handbook.yaml`, made
//! from the schema tables: every key with its type, its Danish help text as
//! `description` and its example; unknown keys rejected
//! (`additionalProperties: false`), required keys listed. With the ids of a
//! handbook, references are `enum`s of those ids, so an editor completes
//! them.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::load::yaml;
use crate::model::{MAX_WEEK, Node, PageType};
use crate::schema::{Key, PageSchema, RefTo, Table, Ty};

/// The draft every schema declares.
pub(crate) const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The ids a handbook has, for completion: by what they name, and every
/// page as a typed link (`fase:klargoering`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Ids {
    pub by_ref: HashMap<RefTo, Vec<String>>,
    pub links: Vec<String>,
}

/// The schema of a page type's front matter.
pub(crate) fn page_schema(page: &PageSchema, ids: Option<&Ids>) -> Value {
    let place = match page.page_type {
        Some(t) => format!("en side i content/{}/", t.folder()),
        None => "en side uden for de typede mapper (også en mappes index.md)".to_string(),
    };
    document(
        &page.file_name(),
        page.title,
        &format!(
            "Front matter (YAML mellem linjerne ---) for {place}. Skrevet af 'handbook schema' ud fra handbogens indholdsmodel."
        ),
        page.table,
        ids,
    )
}

/// The schema of `handbook.yaml`.
pub(crate) fn config_schema(ids: Option<&Ids>) -> Value {
    document(
        crate::schema::CONFIG_SCHEMA_FILE,
        "handbook.yaml",
        "Håndbogens konfiguration. Skrevet af 'handbook schema' ud fra håndbogens indholdsmodel.",
        &crate::schema::CONFIG,
        ids,
    )
}

fn document(id: &str, title: &str, description: &str, table: &Table, ids: Option<&Ids>) -> Value {
    let mut schema = Map::new();
    schema.insert("$schema".into(), DRAFT.into());
    schema.insert("$id".into(), id.into());
    schema.insert("title".into(), title.into());
    schema.insert("description".into(), description.into());
    if let Value::Object(body) = table_schema(table, ids) {
        schema.extend(body);
    }
    Value::Object(schema)
}

/// A mapping read with `table`.
fn table_schema(table: &Table, ids: Option<&Ids>) -> Value {
    let properties: Map<String, Value> = table
        .keys
        .iter()
        .map(|k| (k.name.to_string(), key_schema(k, ids)))
        .collect();
    let required: Vec<&str> = table
        .keys
        .iter()
        .filter(|k| k.required)
        .map(|k| k.name)
        .collect();
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    let exclusive: Vec<Value> = table
        .exclusive
        .iter()
        .map(|(a, b)| json!({ "not": { "required": [a, b] } }))
        .collect();
    if !exclusive.is_empty() {
        schema["allOf"] = Value::Array(exclusive);
    }
    schema
}

/// One key: its type, its help and its example; an optional key may be
/// left empty (`summary:`), which reads as absent.
fn key_schema(key: &Key, ids: Option<&Ids>) -> Value {
    let mut schema = type_schema(key.ty, ids);
    if !key.required {
        schema = nullable(schema);
    }
    if let Value::Object(map) = &mut schema {
        map.insert("description".into(), key.help.into());
        if let Some(example) = example(key) {
            map.insert("examples".into(), json!([example]));
        }
    }
    schema
}

/// The key's example as a JSON value.
fn example(key: &Key) -> Option<Value> {
    if key.example.is_empty() {
        return None;
    }
    let node = yaml::parse(&format!("x: {}", key.example), 1).ok()?;
    node.get("x").map(to_json)
}

/// A YAML node as JSON, as an editor's YAML extension hands it to a schema.
pub fn to_json(node: &Node) -> Value {
    use crate::model::Value as Y;
    match &node.value {
        Y::Null => Value::Null,
        Y::Bool(b) => json!(b),
        Y::Int(i) => json!(i),
        Y::Float(f) => json!(f),
        Y::Str(s) => json!(s),
        Y::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        Y::Map(pairs) => Value::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.scalar_text().unwrap_or_default(), to_json(v)))
                .collect(),
        ),
    }
}

/// A week: a whole number within ten years of go-live.
fn week() -> Value {
    json!({ "type": "integer", "minimum": -MAX_WEEK, "maximum": MAX_WEEK })
}

/// One value of a reference: an id, or with a handbook's ids one of them.
fn reference(to: RefTo, ids: Option<&Ids>) -> Value {
    match ids.and_then(|ids| ids.by_ref.get(&to)) {
        Some(known) => json!({ "enum": known }),
        None => json!({ "type": "string" }),
    }
}

/// A value or a list of such values (one value alone is a list of one).
fn one_or_list(one: Value) -> Value {
    json!({ "anyOf": [one.clone(), { "type": "array", "items": one }] })
}

/// A typed link (`fase:klargoering`); with `anchored`, one with `#anchor`.
fn link_pattern(anchored: bool) -> String {
    let schemes: Vec<&str> = PageType::ALL
        .iter()
        .map(|t| t.scheme())
        .chain(["side"])
        .collect();
    let anchor = if anchored { "#[^\\s]+" } else { "(#[^\\s]+)?" };
    format!("^({}):[^\\s#]+{anchor}$", schemes.join("|"))
}

fn type_schema(ty: Ty, ids: Option<&Ids>) -> Value {
    match ty {
        Ty::Text => json!({ "type": ["string", "integer"] }),
        Ty::Int => json!({ "type": "integer" }),
        Ty::Minutes => json!({ "type": "integer", "minimum": 0, "maximum": 1440 }),
        Ty::Bool => json!({ "type": "boolean" }),
        Ty::Week => week(),
        Ty::Weeks => json!({
            "type": "object",
            "properties": { "from": week(), "to": week() },
            "additionalProperties": false,
            "minProperties": 1,
        }),
        Ty::Date => json!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        }),
        Ty::Slug => json!({ "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" }),
        Ty::Ref(to) => reference(to, ids),
        Ty::Refs(to) => one_or_list(reference(to, ids)),
        Ty::Texts => one_or_list(json!({ "type": ["string", "integer"] })),
        Ty::Links => {
            let one = match ids {
                // The pages by name, or any typed link with an anchor.
                Some(ids) => json!({ "anyOf": [
                    { "enum": ids.links },
                    { "type": "string", "pattern": link_pattern(true) },
                ] }),
                None => json!({ "type": "string", "pattern": link_pattern(false) }),
            };
            one_or_list(one)
        }
        Ty::Choice(choice) => json!({ "enum": choice.names }),
        Ty::File => json!({ "type": "string", "minLength": 1 }),
        Ty::Url => json!({ "type": "string", "format": "uri" }),
        Ty::Items(table) => json!({ "type": "array", "items": table_schema(table, ids) }),
        Ty::Map(table) => table_schema(table, ids),
        Ty::Any => json!({}),
    }
}

/// The schema also accepts null (an empty value).
fn nullable(mut schema: Value) -> Value {
    let Value::Object(map) = &mut schema else {
        return schema;
    };
    if let Some(types) = map.get_mut("type") {
        let mut list = match types.take() {
            Value::Array(list) => list,
            one => vec![one],
        };
        list.push("null".into());
        *types = Value::Array(list);
    } else if let Some(Value::Array(words)) = map.get_mut("enum") {
        words.push(Value::Null);
    } else if let Some(Value::Array(any)) = map.get_mut("anyOf") {
        any.push(json!({ "type": "null" }));
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema;

    #[test]
    fn page_schemas_are_strict_and_described() {
        let phase = page_schema(schema::of(Some(PageType::Phase)), None);
        assert_eq!(phase["$schema"], DRAFT);
        assert_eq!(phase["additionalProperties"], false);
        assert_eq!(phase["required"], json!(["title"]));
        let activity = &phase["properties"]["activities"]["items"];
        assert_eq!(activity["additionalProperties"], false);
        assert_eq!(
            activity["allOf"][0]["not"]["required"],
            json!(["week", "weeks"])
        );
        assert_eq!(
            activity["properties"]["category"]["enum"],
            json!(["valgfri", "obligatorisk", "kritisk", null])
        );
        assert!(
            phase["properties"]["title"]["description"]
                .as_str()
                .is_some_and(|d| d.contains("titel"))
        );
        assert_eq!(
            phase["properties"]["weeks"]["examples"],
            json!([{ "from": -13, "to": -1 }])
        );
    }

    #[test]
    fn ids_become_enums() {
        let mut ids = Ids::default();
        ids.by_ref
            .insert(RefTo::Page(PageType::Role), vec!["projektleder".into()]);
        let training = page_schema(schema::of(Some(PageType::Training)), Some(&ids));
        assert_eq!(
            training["properties"]["target"]["enum"],
            json!(["projektleder"])
        );
    }

    #[test]
    fn every_example_is_valid_yaml() {
        for page in schema::pages() {
            for key in page.table.keys {
                assert!(
                    key.example.is_empty() || example(key).is_some(),
                    "{}: {}",
                    key.name,
                    key.example
                );
            }
        }
    }
}
