//! What editors get from the schema tables: `handbook schema` writes JSON
//! Schemas of `handbook.yaml` and of each page type's front matter (`json`),
//! and `handbook init` points VS Code's YAML extension at them
//! (`.vscode/settings.json`).

pub(crate) mod json;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::diagnostics::Diagnostics;
use crate::load;
use crate::model::{PageKind, PageType};
use crate::resolve;
use crate::schema::{self, CONFIG_SCHEMA_FILE, PageSchema, RefTo};
pub(crate) use json::Ids;

/// The ids of the handbook at `root`, for completion in editors. The
/// handbook only has to load; its content errors do not matter here.
pub(crate) fn ids_of(root: &Path) -> Result<Ids, String> {
    let loaded = load::load(root, &Diagnostics::new()).map_err(|e| e.to_string())?;
    let mut ids = Ids::default();
    let config = &loaded.config;
    let mut add = |to: RefTo, id: &str| {
        let list = ids.by_ref.entry(to).or_default();
        if !list.iter().any(|x| x == id) {
            list.push(id.to_string());
        }
    };
    for w in &config.workstreams {
        add(RefTo::Workstream, &w.id);
    }
    for o in &config.organisations {
        add(RefTo::Organisation, &o.id);
    }
    for a in &config.audiences {
        add(RefTo::Audience, &a.id);
    }
    let mut links = Vec::new();
    for page in &loaded.pages {
        let id = &page.meta.id.value;
        match (&page.kind, page.kind.page_type()) {
            (_, Some(t)) => {
                add(RefTo::Page(t), id);
                links.push(format!("{}:{id}", t.scheme()));
            }
            (PageKind::Chapter, None) => {
                links.push(format!("side:{id}"));
                links.extend(
                    resolve::free_page_paths(&page.rel)
                        .into_iter()
                        .map(|path| format!("side:{path}")),
                );
            }
            _ => {}
        }
    }
    links.extend(
        config
            .audiences
            .iter()
            .map(|a| format!("{}:{}", PageType::ReadingGuide.scheme(), a.id)),
    );
    links.sort();
    links.dedup();
    ids.links = links;
    for list in ids.by_ref.values_mut() {
        list.sort();
    }
    Ok(ids)
}

/// Pretty JSON with a final newline.
fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a JSON value serialises");
    text.push('\n');
    text
}

/// `handbook schema`: writes `handbook.schema.json` and one schema per page
/// type into `out`; with `root`, the handbook's own ids become `enum`s.
/// Returns the files written.
pub fn write_schemas(root: Option<&Path>, out: &Path) -> Result<Vec<PathBuf>, String> {
    let ids = root.map(ids_of).transpose()?;
    fs::create_dir_all(out).map_err(|e| format!("cannot create '{}': {e}", out.display()))?;
    let mut files = vec![(
        CONFIG_SCHEMA_FILE.to_string(),
        json::config_schema(ids.as_ref()),
    )];
    files.extend(
        schema::pages()
            .iter()
            .map(|p| (p.file_name(), json::page_schema(p, ids.as_ref()))),
    );
    let mut written = Vec::new();
    for (name, value) in files {
        let path = out.join(name);
        fs::write(&path, pretty(&value))
            .map_err(|e| format!("cannot write '{}': {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// The globs (relative to the handbook root) of the files a page schema
/// applies to. A typed folder's `index.md` introduces its overview and is a
/// free page (`side`), like every page outside the typed folders.
pub(crate) fn globs(page: &PageSchema) -> Vec<String> {
    match page.page_type {
        Some(t) => vec![
            format!("content/{}/!(index).md", t.folder()),
            format!("content/{}/*/**/*.md", t.folder()),
        ],
        None => {
            let typed: Vec<&str> = PageType::ALL.iter().map(|t| t.folder()).collect();
            let mut globs = vec![
                "content/*.md".to_string(),
                format!("content/!({})/**/*.md", typed.join("|")),
            ];
            globs.extend(typed.iter().map(|f| format!("content/{f}/index.md")));
            globs
        }
    }
}

/// `.vscode/settings.json` for a handbook whose schemas are in `schema_dir`
/// (relative to the root): VS Code's YAML extension validates and completes
/// `handbook.yaml`, and each page type's front matter, with its schema.
pub(crate) fn vscode_settings(schema_dir: &str) -> String {
    let mut schemas = serde_json::Map::new();
    schemas.insert(
        format!("./{schema_dir}/{CONFIG_SCHEMA_FILE}"),
        json!(["handbook.yaml"]),
    );
    for page in schema::pages() {
        schemas.insert(
            format!("./{schema_dir}/{}", page.file_name()),
            json!(globs(page)),
        );
    }
    pretty(&json!({ "yaml.schemas": schemas }))
}

/// The first line of a page's front matter that names its schema, for the
/// YAML language server: `# yaml-language-server: $schema=../../schemas/fase.schema.json`.
/// `depth` is the number of folders between the handbook root and the page.
pub(crate) fn modeline(page: &PageSchema, depth: usize) -> String {
    format!(
        "# yaml-language-server: $schema={}{}/{}",
        "../".repeat(depth),
        schema::DEFAULT_DIR,
        page.file_name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_map_every_schema_to_its_folder() {
        let settings: Value = serde_json::from_str(&vscode_settings("schemas")).unwrap();
        let map = settings["yaml.schemas"].as_object().unwrap();
        assert_eq!(map.len(), schema::pages().len() + 1);
        assert_eq!(
            map["./schemas/handbook.schema.json"],
            json!(["handbook.yaml"])
        );
        assert_eq!(
            map["./schemas/rolle.schema.json"],
            json!(["content/roller/!(index).md", "content/roller/*/**/*.md"])
        );
        assert!(
            map["./schemas/side.schema.json"]
                .as_array()
                .unwrap()
                .contains(&json!("content/faser/index.md"))
        );
    }

    #[test]
    fn modelines_are_relative_to_the_page() {
        let role = schema::of(Some(PageType::Role));
        assert_eq!(
            modeline(role, 2),
            "# yaml-language-server: $schema=../../schemas/rolle.schema.json"
        );
    }
}
