//! `handbook new` and `handbook init`: page skeletons with every key of the
//! page type's schema table (optional keys commented out, each with its
//! help) and a minimal handbook set up for editors.

use std::fs;
use std::path::{Path, PathBuf};

use crate::editor;
use crate::load::page::{Slot, slot_of};
use crate::schema::{self, Key, PageSchema, Ty};
use crate::slug::slugify;

/// A YAML scalar for `text`, quoted when needed.
fn yaml_string(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        && !text.ends_with(':')
        && text.parse::<f64>().is_err()
        && !["true", "false", "null", "~"].contains(&text.to_lowercase().as_str());
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// One key of a skeleton: `key: value  # help`, commented out unless the
/// key is required; a list of mappings shows one commented example item.
fn skeleton_key(key: &Key, title: &str, indent: &str, out: &mut String) {
    let slug = slugify(title);
    let value = match key.ty {
        _ if key.name == "title" && indent.is_empty() => yaml_string(title),
        Ty::Slug if indent.is_empty() => slug,
        Ty::File => format!("{slug}.docx"),
        _ => key.example.to_string(),
    };
    let comment = if key.required { "" } else { "# " };
    match key.ty {
        Ty::Items(table) => {
            out.push_str(&format!("{indent}# {}:  # {}\n", key.name, key.help));
            for (k, item) in table.keys.iter().enumerate() {
                let lead = if k == 0 { "  - " } else { "    " };
                let inner = match item.ty {
                    Ty::Items(_) | Ty::Map(_) => continue,
                    _ => item.example,
                };
                out.push_str(&format!(
                    "{indent}# {lead}{}: {inner}  # {}\n",
                    item.name, item.help
                ));
            }
        }
        _ => out.push_str(&format!(
            "{indent}{comment}{}: {value}  # {}\n",
            key.name, key.help
        )),
    }
}

/// The front matter skeleton of a page type: every key of its table, the
/// required ones filled in, the others commented out, each with its help;
/// the first line names the page's JSON Schema for editors.
pub(crate) fn skeleton(page: &PageSchema, title: &str) -> String {
    let depth = if page.page_type.is_some() { 2 } else { 1 };
    debug_assert!(!page.folder().contains('/'));
    let mut out = format!("---\n{}\n", editor::modeline(page, depth));
    for key in page.table.keys {
        skeleton_key(key, title, "", &mut out);
    }
    out.push_str("---\n\nSkriv sidens indhold her.\n");
    out
}

/// Writes a new page; refuses to overwrite.
pub fn new_page(root: &Path, kind: &str, title: &str) -> Result<PathBuf, String> {
    let Some(page) = schema::by_name(kind) else {
        let names: Vec<&str> = schema::pages().iter().map(|p| p.name).collect();
        return Err(format!(
            "'{kind}' is not a page type\n  help: use one of {}",
            names.join(", ")
        ));
    };
    if !root.join("handbook.yaml").is_file() {
        return Err(format!(
            "no handbook.yaml in '{}'\n  help: pass --root DIR or run 'handbook init DIR'",
            root.display()
        ));
    }
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(format!(
            "the title '{title}' gives an empty file name\n  help: use a title with letters or digits"
        ));
    }
    let folder = root.join("content").join(page.folder());
    let path = folder.join(format!("{slug}.md"));
    if path.exists() {
        return Err(format!(
            "'{}' already exists; nothing was written",
            path.display()
        ));
    }
    fs::create_dir_all(&folder)
        .map_err(|e| format!("cannot create '{}': {e}", folder.display()))?;
    fs::write(&path, skeleton(page, title))
        .map_err(|e| format!("cannot write '{}': {e}", path.display()))?;
    Ok(path)
}

/// The files of a minimal handbook: (path, content).
fn starter_files() -> Vec<(&'static str, String)> {
    vec![
        ("handbook.yaml", "title: Min implementeringshåndbog\nshort_title: Håndbogen\npublisher: Min organisation\nlanguage: da\nversion: \"1.0\"\nnumbered: true\ngo_live:\n  title: Idriftsættelsesdato\norganisations:\n  - { id: kommune, title: Kommunale roller }\nworkstreams:\n  - id: forandringsledelse\n    title: Forandringsledelse\n    purpose: Sikre, at medarbejderne er klar til forandringen.\naudiences:\n  - id: projektleder\n    title: Projektleder\n    description: Ejer implementeringen i kommunen.\n    role: projektleder\nreleases: []\n".into()),
        ("content/index.md", "---\ntitle: Velkommen\nsummary: Håndbogen beskriver, hvordan I tager systemet i brug.\n---\n\nLæs [](laesevejledning:projektleder) først, og se [](side:om-haandbogen).\n".into()),
        ("content/om-haandbogen.md", "---\ntitle: Om håndbogen\norder: 1\nsummary: Formål og målgruppe.\naudiences: [projektleder]\n---\n\n## Formål\n\nHåndbogen samler alt, kommunen skal gøre, fase for fase.\n\n## Målgruppe\n\nDen primære målgruppe er [projektlederen](rolle:projektleder).\n".into()),
        ("content/faser/forberedelse.md", "---\ntitle: Forberedelse\nphase: 1\nweeks: { from: -8, to: -1 }\nsummary: Kommunen gør sig klar.\naudiences: [projektleder]\nmilestones:\n  - { title: Kickoff, week: -8 }\nworkstreams: [forandringsledelse]\nroles:\n  - role: projektleder\n    responsibility: Planlægger forløbet.\nactivities:\n  - title: Afhold opstartsworkshop\n    workstream: forandringsledelse\n    week: -8\n    category: obligatorisk\n    responsible: projektleder\n    guide: opstartsworkshop\n    templates: [risikoanalyse]\n---\n\nForberedelsen lægger grunden for idriftsættelsen.\n".into()),
        ("content/roller/projektleder.md", "---\ntitle: Projektleder\norganisation: kommune\ntypical_holder: En erfaren projektleder\nsummary: Leder implementeringen i kommunen.\nresponsibilities:\n  - Planlægger og følger op.\n---\n\nProjektlederen har det daglige ansvar.\n".into()),
        ("content/vejledninger/opstartsworkshop.md", "---\ntitle: \"Workshop: Opstart\"\nid: opstartsworkshop\nkind: workshop\nworkstream: forandringsledelse\nphases: [forberedelse]\npurpose: Skabe fælles forståelse af projektet.\nroles:\n  - { role: projektleder, part: Facilitator }\ntemplates: [risikoanalyse]\nbefore: [Deltagerne har læst håndbogen.]\nafter: [Projektlederen sender referat.]\nagenda:\n  - { minutes: 15, item: Velkomst }\n  - { minutes: 45, item: Risici, materials: [Risikoanalyse], outcome: Første risikoliste }\n---\n\nEn kort workshop, der sætter projektet i gang.\n".into()),
        ("content/skabeloner/risikoanalyse.md", "---\ntitle: Risikoanalyse\nfile: risikoanalyse.csv\nworkstream: forandringsledelse\nsummary: Skabelon til at vurdere projektets risici.\n---\n\nUdfyld en linje for hver risiko.\n".into()),
        ("content/skabeloner/risikoanalyse.csv", "Risiko;Sandsynlighed (1-5);Konsekvens (1-5);Handling;Ansvarlig\n".into()),
        ("content/uddannelsesplaner/projektledere.md", "---\ntitle: Uddannelse af projektledere\ntarget: projektleder\ncourses:\n  - { title: Introduktion, form: webinar, duration: 2 timer, week: -6 }\nself_study: [Læs håndbogen]\ncontinuing: [Netværksmøder]\nother_activities: []\n---\n\nProjektlederne lærer systemet at kende før idriftsættelsen.\n".into()),
        ("content/laesevejledninger/projektleder.md", "---\ntitle: Læsevejledning for projektlederen\n---\n\nStart her, hvis du er projektleder.\n".into()),
    ]
}

/// A starter page with the line that names its schema added at the top of
/// its front matter; other files as they are.
fn with_modeline(rel: &str, text: String) -> String {
    let Some(page_rel) = rel.strip_prefix("content/").filter(|r| r.ends_with(".md")) else {
        return text;
    };
    let page = schema::of(match slot_of(page_rel) {
        Slot::Typed(t) => Some(t),
        _ => None,
    });
    let depth = page_rel.matches('/').count() + 1;
    match text.strip_prefix("---\n") {
        Some(rest) => format!("---\n{}\n{rest}", editor::modeline(page, depth)),
        None => text,
    }
}

/// Creates a minimal handbook in `dir` (which must be empty or not exist).
pub fn init(dir: &Path) -> Result<(), String> {
    if dir.exists()
        && fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(format!(
            "'{}' is not empty; nothing was written",
            dir.display()
        ));
    }
    for (rel, text) in starter_files() {
        let path = dir.join(rel);
        let text = with_modeline(rel, text);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create '{}': {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("cannot write '{}': {e}", path.display()))?;
    }
    editor::write_schemas(Some(dir), &dir.join(schema::DEFAULT_DIR))?;
    let vscode = dir.join(".vscode");
    fs::create_dir_all(&vscode)
        .map_err(|e| format!("cannot create '{}': {e}", vscode.display()))?;
    let settings = vscode.join("settings.json");
    fs::write(&settings, editor::vscode_settings(schema::DEFAULT_DIR))
        .map_err(|e| format!("cannot write '{}': {e}", settings.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_yaml_when_needed() {
        assert_eq!(yaml_string("Klargøring"), "Klargøring");
        assert_eq!(yaml_string("Workshop: Start"), "\"Workshop: Start\"");
        assert_eq!(yaml_string("2.0"), "\"2.0\"");
        assert_eq!(yaml_string("true"), "\"true\"");
    }
}
