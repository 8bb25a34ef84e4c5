//! The theme: Tera templates, the string table and static assets. The default
//! theme is compiled into the binary; a site's `themes/<name>/` overrides
//! single templates, strings and assets by name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Tera};

use crate::diagnostics::{Diagnostic, Diagnostics, Pos, did_you_mean};
use crate::load::yaml;
use crate::model::Value;

include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// Prefix of the built-in templates inside Tera; site templates have none and win.
const BUILTIN_PREFIX: &str = "builtin/";

/// The reader-facing strings of one language.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub(crate) struct Strings(BTreeMap<String, String>);

impl Strings {
    /// The string for `key`. Every key the engine asks for is in the built-in
    /// table, which every theme starts from, so a missing key is a bug of the
    /// engine: a panic in debug builds (tests), the key itself in release.
    pub(crate) fn get(&self, key: &str) -> String {
        match self.0.get(key) {
            Some(text) => text.clone(),
            None => {
                debug_assert!(false, "the string table has no key '{key}'");
                key.to_string()
            }
        }
    }

    /// Whether the table has a string for `key`.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// The string for `key` with `{name}` placeholders filled in.
    pub(crate) fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        values.iter().fold(self.get(key), |s, (name, value)| {
            s.replace(&format!("{{{name}}}"), value)
        })
    }

    /// The default theme's Danish strings, for when no theme could be loaded.
    pub(crate) fn built_in() -> Strings {
        let mut strings = Strings::default();
        for (rel, bytes) in BUILTIN {
            if *rel == "strings/da.yaml" {
                let path = Path::new("themes/default").join(rel);
                strings.merge(
                    &String::from_utf8_lossy(bytes),
                    &path,
                    &Diagnostics::new(),
                    None,
                );
            }
        }
        strings
    }

    /// Adds the strings of `text`. With `known` (a theme's override of the
    /// built-in table), a key outside it is reported: nothing would use it.
    fn merge(&mut self, text: &str, path: &Path, diags: &Diagnostics, known: Option<&Strings>) {
        match yaml::parse(text, 1) {
            Ok(node) => match node.value {
                Value::Map(pairs) => {
                    for (k, v) in pairs {
                        let (Some(key), Some(value)) = (k.scalar_text(), v.scalar_text()) else {
                            diags.error(path, v.pos, "a string must be a text");
                            continue;
                        };
                        if let Some(known) = known.filter(|known| !known.has(&key)) {
                            let keys = known.0.keys().map(String::as_str);
                            diags.push(
                                Diagnostic::warning(
                                    path,
                                    k.pos,
                                    format!("unknown string key '{key}': no template uses it"),
                                )
                                .with_help(did_you_mean(&key, keys)),
                            );
                        }
                        self.0.insert(key, value);
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

/// The files of a theme as they are read: the built-in ones, then the
/// site's overrides.
#[derive(Default)]
struct ThemeFiles {
    strings: Strings,
    assets: BTreeMap<String, Vec<u8>>,
    /// Where each template came from, for error messages.
    sources: BTreeMap<String, PathBuf>,
    /// Templates by their name in Tera, with their source text.
    templates: Vec<(String, String)>,
}

impl ThemeFiles {
    /// The default theme compiled into the binary, under [`BUILTIN_PREFIX`].
    fn add_built_in(&mut self, strings_file: &str, diags: &Diagnostics) {
        let builtin_dir = Path::new("themes/default");
        for (rel, bytes) in BUILTIN {
            if let Some(name) = rel.strip_prefix("templates/") {
                let key = format!("{BUILTIN_PREFIX}{name}");
                self.sources.insert(key.clone(), builtin_dir.join(rel));
                self.templates
                    .push((key, String::from_utf8_lossy(bytes).into_owned()));
            } else if *rel == "strings/da.yaml" || *rel == strings_file {
                self.strings.merge(
                    &String::from_utf8_lossy(bytes),
                    &builtin_dir.join(rel),
                    diags,
                    None,
                );
            } else if let Some(asset) = rel.strip_prefix("static/") {
                self.assets.insert(asset.to_string(), bytes.to_vec());
            }
        }
    }

    /// The site's own theme folder: templates, strings and assets that
    /// override the built-in ones by name.
    fn add_site(&mut self, site_theme: &Path, strings_file: &str, diags: &Diagnostics) {
        let built_in = self.strings.clone();
        for entry in walkdir::WalkDir::new(site_theme)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            let rel = path
                .strip_prefix(site_theme)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            let Ok(bytes) = std::fs::read(path) else {
                diags.error(path, Pos::FILE, "cannot read theme file");
                continue;
            };
            if let Some(name) = rel.strip_prefix("templates/") {
                self.sources.insert(name.to_string(), path.to_path_buf());
                self.templates.push((
                    name.to_string(),
                    String::from_utf8_lossy(&bytes).into_owned(),
                ));
            } else if rel == strings_file {
                self.strings.merge(
                    &String::from_utf8_lossy(&bytes),
                    path,
                    diags,
                    Some(&built_in),
                );
            } else if let Some(asset) = rel.strip_prefix("static/") {
                self.assets.insert(asset.to_string(), bytes);
            }
        }
    }
}

/// A file's fingerprint: the CRC-32 of its bytes in hex (`1a2b3c4d`). Asset
/// URLs carry it (`handbook.css?v=1a2b3c4d`), so a browser or CDN may keep an
/// asset for good and still fetches a changed one at once; a fixed standard,
/// so the same bytes give the same URL in every build.
pub(crate) fn fingerprint(bytes: &[u8]) -> String {
    format!("{:08x}", crc32fast::hash(bytes))
}

/// Room for a rendered page before it grows (most pages are smaller).
const RENDER_CAPACITY: usize = 32 * 1024;

/// A loaded theme, ready to render.
pub(crate) struct Theme {
    pub tera: Tera,
    pub strings: Strings,
    /// Static files by output path under `assets/`, site overrides applied,
    /// and the planner's words made from the string table.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Each asset's [`fingerprint`], for the `?v=` of its URL.
    pub fingerprints: BTreeMap<String, String>,
    /// Where each template came from, for error messages.
    sources: BTreeMap<String, PathBuf>,
}

impl Theme {
    /// Loads the built-in theme and the site's overrides from `root/themes/<name>/`.
    pub(crate) fn load(
        root: &Path,
        name: &str,
        language: &str,
        diags: &Diagnostics,
    ) -> Option<Theme> {
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
        let strings_file = format!("strings/{language}.yaml");
        let mut files = ThemeFiles::default();
        files.add_built_in(&strings_file, diags);
        if site_theme.is_dir() {
            files.add_site(&site_theme, &strings_file, diags);
        }
        let ThemeFiles {
            strings,
            mut assets,
            sources,
            templates,
        } = files;
        assets.insert(
            super::plan::LABELS_SCRIPT.to_string(),
            super::plan::labels_script(&strings).into_bytes(),
        );
        let fingerprints = assets
            .iter()
            .map(|(name, bytes)| (name.clone(), fingerprint(bytes)))
            .collect();
        tera.register_filter(
            "week_dates",
            super::plan::week_dates_filter(crate::calendar::DateLabels::from_strings(|k| {
                strings.get(k)
            })),
        );
        let mut keys_ok = true;
        for (name, source) in &templates {
            keys_ok &= check_string_keys(source, &sources[name], &strings, &site_theme, diags);
        }
        let mut theme = Theme {
            tera,
            strings,
            assets,
            fingerprints,
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
        (ok && keys_ok).then_some(theme)
    }

    /// Renders a template; errors are reported as diagnostics of the template file.
    pub(crate) fn render(
        &self,
        template: &str,
        context: &Context,
        diags: &Diagnostics,
    ) -> Option<String> {
        // Rendered into bytes and checked as UTF-8 with SIMD: several times
        // faster than the check `Tera::render` makes, on Danish pages.
        let mut html = Vec::with_capacity(RENDER_CAPACITY);
        match self.tera.render_to(template, context, &mut html) {
            Ok(()) => Some(simdutf8::basic::from_utf8(&html).map_or_else(
                |_| String::from_utf8_lossy(&html).into_owned(),
                str::to_owned,
            )),
            Err(e) => {
                self.report(&e, diags);
                None
            }
        }
    }

    /// The file a template is read from: the site's override or the built-in one.
    pub(crate) fn template_path(&self, name: &str) -> PathBuf {
        let builtin = format!("{BUILTIN_PREFIX}{name}");
        self.sources
            .get(name)
            .or_else(|| self.sources.get(&builtin))
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("themes/default/templates/{name}")))
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

/// Reports every `strings.<key>` of a template whose key the string table
/// lacks, so a theme cannot show a key name to readers; false if any.
fn check_string_keys(
    source: &str,
    path: &Path,
    strings: &Strings,
    site_theme: &Path,
    diags: &Diagnostics,
) -> bool {
    const PREFIX: &str = "strings.";
    let mut ok = true;
    for (at, _) in source.match_indices(PREFIX) {
        let before = source[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let rest = &source[at + PREFIX.len()..];
        let key = &rest[..rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len())];
        if key.is_empty() || strings.has(key) {
            continue;
        }
        let line_start = source[..at].rfind('\n').map_or(0, |n| n + 1);
        let pos = Pos::new(
            source[..at].matches('\n').count() + 1,
            source[line_start..at].chars().count() + 1,
        )
        .with_len(PREFIX.len() + key.len());
        let help = did_you_mean(key, strings.0.keys().map(String::as_str)).unwrap_or_else(|| {
            format!(
                "add '{key}: <tekst>' to {}/strings/<language>.yaml",
                site_theme.display()
            )
        });
        diags.push(
            Diagnostic::error(path, pos, format!("the string table has no key '{key}'"))
                .with_help(Some(help)),
        );
        ok = false;
    }
    ok
}
