//! `handbook schema`: the JSON Schemas it writes accept the front matter of
//! every page (and `handbook.yaml`) of the KY example and of the kommune
//! fixture, and reject an unknown key and a wrongly typed value. Checked
//! with an independent draft 2020-12 validator (the `jsonschema` crate).

use std::fs;
use std::path::Path;

use handbook::{Slot, parse_yaml, slot_of, split_front_matter, to_json};
use serde_json::Value;
use tempfile::TempDir;

use crate::common::{fixture, run};

/// Writes the schemas of the handbook at `root` (its ids as enums) into a
/// temporary folder.
fn schemas(root: &Path) -> TempDir {
    let out = TempDir::new().unwrap();
    let out_arg = out.path().to_str().unwrap();
    run(root, &["schema", "--root", ".", "--out", out_arg]).success();
    out
}

fn validator(dir: &Path, name: &str) -> jsonschema::Validator {
    let text = fs::read_to_string(dir.join(name)).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::draft202012::new(&schema)
        .unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"))
}

/// The schema file of the page at `rel` (relative to `content/`).
fn schema_of(rel: &str) -> String {
    let page_type = match slot_of(rel) {
        Slot::Typed(t) => Some(t),
        _ => None,
    };
    handbook::schema_of(page_type).file_name()
}

/// The front matter of a markdown file as JSON.
fn front_matter(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    let parts = split_front_matter(&text).unwrap();
    let yaml_text = parts
        .yaml
        .unwrap_or_else(|| panic!("{} has no front matter", path.display()));
    let node = parse_yaml(yaml_text, parts.yaml_line).unwrap();
    to_json(&node)
}

/// Every error of `instance` against `schema`, as text.
fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Checks every page and handbook.yaml of the handbook at `root`; returns the number of pages.
fn accepts_every_page(root: &Path) -> usize {
    let dir = schemas(root);
    let config = parse_yaml(&fs::read_to_string(root.join("handbook.yaml")).unwrap(), 1).unwrap();
    let errs = errors(
        &validator(dir.path(), "handbook.schema.json"),
        &to_json(&config),
    );
    assert!(errs.is_empty(), "handbook.yaml: {errs:?}");
    let content = root.join("content");
    let mut pages = 0;
    for entry in walkdir(&content) {
        let rel = entry
            .strip_prefix(&content)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let v = validator(dir.path(), &schema_of(&rel));
        let errs = errors(&v, &front_matter(&entry));
        assert!(errs.is_empty(), "{rel}: {errs:?}");
        pages += 1;
    }
    pages
}

/// Every `.md` file below `dir`.
fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out
}

#[test]
fn schemas_accept_every_page_of_the_example_and_the_fixture() {
    assert!(accepts_every_page(Path::new(env!("CARGO_MANIFEST_DIR"))) > 100);
    let kommune = fixture("kommune");
    assert!(accepts_every_page(kommune.path()) >= 20);
}

#[test]
fn schemas_reject_unknown_keys_wrong_types_and_unknown_ids() {
    let kommune = fixture("kommune");
    let dir = schemas(kommune.path());
    let phase = validator(dir.path(), "fase.schema.json");
    let ok = serde_json::json!({ "title": "Start", "weeks": { "from": -4, "to": -1 } });
    assert!(errors(&phase, &ok).is_empty());
    let cases = [
        serde_json::json!({ "title": "Start", "titel": "x" }),
        serde_json::json!({ "title": "Start", "weeks": "tre uger" }),
        serde_json::json!({ "title": "Start", "order": "først" }),
        serde_json::json!({ "summary": "no title" }),
        serde_json::json!({ "title": "Start", "activities": [{ "title": "A", "category": "vigtig" }] }),
        serde_json::json!({ "title": "Start", "activities": [{ "title": "A", "week": 1, "weeks": { "from": 1 } }] }),
        serde_json::json!({ "title": "Start", "roles": [{ "role": "no-such-role" }] }),
    ];
    for case in cases {
        assert!(!errors(&phase, &case).is_empty(), "accepted {case}");
    }
    // `extra:` takes anything.
    let extra = serde_json::json!({ "title": "Start", "extra": { "any": [1, "x"] } });
    assert!(errors(&phase, &extra).is_empty());
    let config = validator(dir.path(), "handbook.schema.json");
    let bad_date = serde_json::json!({ "title": "H", "releases": [{ "version": "1.0", "date": "21.09.2016" }] });
    assert!(!errors(&config, &bad_date).is_empty());
}

#[test]
fn new_pages_name_their_schema_and_init_sets_up_vs_code() {
    let tmp = TempDir::new().unwrap();
    run(tmp.path(), &["init", "hb"]).success();
    let root = tmp.path().join("hb");
    let settings: Value =
        serde_json::from_str(&fs::read_to_string(root.join(".vscode/settings.json")).unwrap())
            .unwrap();
    assert!(settings["yaml.schemas"]["./schemas/fase.schema.json"].is_array());
    assert!(root.join("schemas/handbook.schema.json").is_file());
    run(&root, &["new", "fase", "Klargøring"]).success();
    let page = fs::read_to_string(root.join("content/faser/klargoering.md")).unwrap();
    assert!(
        page.starts_with("---\n# yaml-language-server: $schema=../../schemas/fase.schema.json\n"),
        "{page}"
    );
    // The skeleton builds, and its front matter is valid against the schema.
    run(&root, &["check", "--strict"]).success();
    let dir = schemas(&root);
    let v = validator(dir.path(), "fase.schema.json");
    let errs = errors(
        &v,
        &front_matter(&root.join("content/faser/klargoering.md")),
    );
    assert!(errs.is_empty(), "{errs:?}");
}
