//! `handbook new` and `handbook init`: page skeletons with every key of the
//! content model (optional keys commented out) and a minimal handbook.

use std::fs;
use std::path::{Path, PathBuf};

use crate::slug::slugify;

/// The page types `handbook new` can create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    Fase,
    Rolle,
    Vejledning,
    Skabelon,
    Uddannelse,
    Side,
}

impl NewKind {
    fn folder(self) -> Option<&'static str> {
        match self {
            NewKind::Fase => Some("faser"),
            NewKind::Rolle => Some("roller"),
            NewKind::Vejledning => Some("vejledninger"),
            NewKind::Skabelon => Some("skabeloner"),
            NewKind::Uddannelse => Some("uddannelsesplaner"),
            NewKind::Side => None,
        }
    }
}

/// Keys every page has; optional ones commented out.
fn common(title: &str) -> String {
    format!(
        "title: {}\n# id: {}              # default: the file name\n# order: 1\n# summary: En sætning om siden.\n# audiences: []          # audience ids from handbook.yaml\n# status: published      # published | draft | planned\n# planned_for: \"2.0\"\n# aliases: []\n# extra: {{}}              # free-form data for your own templates\n",
        yaml_string(title),
        slugify(title)
    )
}

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

/// The front matter skeleton of a type.
pub fn skeleton(kind: NewKind, title: &str) -> String {
    let slug = slugify(title);
    let specific = match kind {
        NewKind::Fase => "phase: 2                       # the phase number in the model\n# parent: forberedelse        # makes this a sub-phase\nweeks: { from: -13, to: -1 }   # relative to go-live (week 0)\nmilestones: []                 # - { title: Kickoff, week: -13 }\nworkstreams: []                # workstream ids from handbook.yaml\nroles: []                      # - { role: <role id>, responsibility: ... }\nactivities: []\n# activities:\n#   - title: Navn på aktiviteten\n#     id: navn-paa-aktiviteten   # optional\n#     workstream: <workstream id>\n#     week: -9                   # or weeks: { from, to }\n#     category: obligatorisk     # valgfri | obligatorisk | kritisk\n#     task_ref: \"0200.0300\"      # optional\n#     responsible: <role id>\n#     involved: []\n#     guide: <guide id>          # optional\n#     templates: []              # optional\n".to_string(),
        NewKind::Rolle => "organisation: kommune          # an organisation id from handbook.yaml\n# typical_holder: Hvem varetager typisk rollen\n# aka: []\nresponsibilities: []\n".to_string(),
        NewKind::Vejledning => "kind: workshop                 # workshop | møde | aktivitet | vejledning\n# workstream: <workstream id>\nphases: []\n# purpose: Hvad forløbet skal opnå.\nroles: []                      # - { role: <role id>, part: Facilitator }\n# location: Mødelokale\ntemplates: []\nbefore: []\nafter: []\nagenda: []\n# agenda:\n#   - minutes: 15\n#     item: Velkomst\n#     description: ...\n#     materials: []\n#     outcome: ...\n# duration_minutes: 90\n".to_string(),
        NewKind::Skabelon => format!("file: {slug}.docx               # put the file next to this page\n# workstream: <workstream id>\n"),
        NewKind::Uddannelse => "target: <role id>              # the target group\ncourses: []\n# courses:\n#   - title: Navn på kurset\n#     form: tilstedeværelse  # tilstedeværelse | e-learning | webinar | selvstudie | introduktionsmøde | netværksmøde | andet\n#     duration: 1 dag\n#     week: -6               # or weeks: { from, to }\n#     held_by: <role id>     # optional\n#     optional: false\nself_study: []\ncontinuing: []\nother_activities: []\n".to_string(),
        NewKind::Side => String::new(),
    };
    format!(
        "---\n{}{specific}---\n\nSkriv sidens indhold her.\n",
        common(title)
    )
}

/// Writes a new page; refuses to overwrite.
pub fn new_page(root: &Path, kind: NewKind, title: &str) -> Result<PathBuf, String> {
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
    let folder = match kind.folder() {
        Some(f) => root.join("content").join(f),
        None => root.join("content"),
    };
    let path = folder.join(format!("{slug}.md"));
    if path.exists() {
        return Err(format!(
            "'{}' already exists; nothing was written",
            path.display()
        ));
    }
    fs::create_dir_all(&folder)
        .map_err(|e| format!("cannot create '{}': {e}", folder.display()))?;
    fs::write(&path, skeleton(kind, title))
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
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create '{}': {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("cannot write '{}': {e}", path.display()))?;
    }
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
