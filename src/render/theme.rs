//! The theme: Tera templates, the string table and static assets. The default
//! theme is compiled into the binary; a site's `themes/<name>/` overrides
//! single templates, strings and assets by name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Tera};

use crate::diagnostics::{Diagnostics, Pos};
use crate::load::yaml;
use crate::model::Value;

include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// Prefix of the built-in templates inside Tera; site templates have none and win.
const BUILTIN_PREFIX: &str = "builtin/";

/// The reader-facing strings of one language.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    /// The string for `key` (the key itself when missing, so gaps are visible).
    pub fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// Whether the table has a string for `key`.
    pub fn has(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// The string for `key` with `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        values.iter().fold(self.get(key), |s, (name, value)| {
            s.replace(&format!("{{{name}}}"), value)
        })
    }

    /// The default theme's Danish strings, for when no theme could be loaded.
    pub fn built_in() -> Strings {
        let mut strings = Strings::default();
        for (rel, bytes) in BUILTIN {
            if *rel == "strings/da.yaml" {
                let path = Path::new("themes/default").join(rel);
                strings.merge(&String::from_utf8_lossy(bytes), &path, &Diagnostics::new());
            }
        }
        strings
    }

    fn merge(&mut self, text: &str, path: &Path, diags: &Diagnostics) {
        match yaml::parse(text, 1) {
            Ok(node) => match node.value {
                Value::Map(pairs) => {
                    for (k, v) in pairs {
                        if let (Some(k), Some(v)) = (k.scalar_text(), v.scalar_text()) {
                            self.0.insert(k, v);
                        }
                    }
                }
                Value::Null => {}
                _ => diags.error(
                    path,
                    node.pos,
                    "a string table must be a mapping of keys to texts",
                ),
            },
            Err(e) => diags.error(path, e.pos, e.message),
        }
    }
}

/// A loaded theme, ready to render.
pub struct Theme {
    pub tera: Tera,
    pub strings: Strings,
    /// Static files by output path under `assets/`, site overrides applied.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Where each template came from, for error messages.
    sources: BTreeMap<String, PathBuf>,
}

impl Theme {
    /// Loads the built-in theme and the site's overrides from `root/themes/<name>/`.
    pub fn load(root: &Path, name: &str, language: &str, diags: &Diagnostics) -> Option<Theme> {
        let site_theme = root.join("themes").join(name);
        if name != "default" && !site_theme.is_dir() {
            diags.error_help(
                &root.join("handbook.yaml"),
                Pos::FILE,
                format!("theme '{name}' not found: no folder themes/{name}"),
                Some("use 'theme: default' or create the theme folder".into()),
            );
            return None;
        }
        let mut tera = Tera::new();
        tera.set_fallback_prefixes([BUILTIN_PREFIX]).ok()?;
        // `{{ title | hyphenate }}`: soft hyphens in the long words of a label.
        tera.register_filter(
            "hyphenate",
            |text: tera::StringInput, _: tera::Kwargs, _: &tera::State| {
                text.inherit_safety(super::hyphenate::soft_hyphens(text.as_str()))
            },
        );
        let mut strings = Strings::default();
        let mut assets = BTreeMap::new();
        let mut sources = BTreeMap::new();
        let mut templates: Vec<(String, String)> = Vec::new();
        let builtin_dir = Path::new("themes/default");
        let strings_file = format!("strings/{language}.yaml");
        for (rel, bytes) in BUILTIN {
            if let Some(name) = rel.strip_prefix("templates/") {
                let key = format!("{BUILTIN_PREFIX}{name}");
                sources.insert(key.clone(), builtin_dir.join(rel));
                templates.push((key, String::from_utf8_lossy(bytes).into_owned()));
            } else if *rel == "strings/da.yaml" || *rel == strings_file {
                strings.merge(
                    &String::from_utf8_lossy(bytes),
                    &builtin_dir.join(rel),
                    diags,
                );
            } else if let Some(asset) = rel.strip_prefix("static/") {
                assets.insert(asset.to_string(), bytes.to_vec());
            }
        }
        if site_theme.is_dir() {
            for entry in walkdir::WalkDir::new(&site_theme)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
            {
                if !entry.file_type().is_file() {
                    continue;
                }
                let path = entry.path();
                let rel = path
                    .strip_prefix(&site_theme)
                    .unwrap_or(path)
                    .to_string_lossy()
                    .replace('\\', "/");
                let Ok(bytes) = std::fs::read(path) else {
                    diags.error(path, Pos::FILE, "cannot read theme file");
                    continue;
                };
                if let Some(name) = rel.strip_prefix("templates/") {
                    sources.insert(name.to_string(), path.to_path_buf());
                    templates.push((
                        name.to_string(),
                        String::from_utf8_lossy(&bytes).into_owned(),
                    ));
                } else if rel == strings_file {
                    strings.merge(&String::from_utf8_lossy(&bytes), path, diags);
                } else if let Some(asset) = rel.strip_prefix("static/") {
                    assets.insert(asset.to_string(), bytes);
                }
            }
        }
        tera.register_filter(
            "week_dates",
            super::plan::week_dates_filter(crate::calendar::DateLabels::from_strings(|k| {
                strings.get(k)
            })),
        );
        let mut theme = Theme {
            tera,
            strings,
            assets,
            sources,
        };
        let ok = match theme.tera.add_raw_templates(templates) {
            Ok(()) => true,
            Err(e) => {
                theme.report(&e, diags);
                false
            }
        };
        theme
            .tera
            .global_context()
            .insert("strings", &theme.strings);
        ok.then_some(theme)
    }

    /// Renders a template; errors are reported as diagnostics of the template file.
    pub fn render(&self, template: &str, context: &Context, diags: &Diagnostics) -> Option<String> {
        match self.tera.render(template, context) {
            Ok(html) => Some(html),
            Err(e) => {
                self.report(&e, diags);
                None
            }
        }
    }

    fn report(&self, e: &tera::Error, diags: &Diagnostics) {
        let (file, pos, message) = match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let span = r.span();
                (
                    r.filename().to_string(),
                    Pos::new(span.start_line.max(1), span.start_col + 1),
                    r.message().to_string(),
                )
            }
            _ => (String::new(), Pos::FILE, e.to_string()),
        };
        let path = self.sources.get(&file).cloned().unwrap_or_else(|| {
            PathBuf::from(format!(
                "themes/default/templates/{}",
                file.trim_start_matches(BUILTIN_PREFIX)
            ))
        });
        diags.error(&path, pos, format!("template error: {message}"));
    }
}
