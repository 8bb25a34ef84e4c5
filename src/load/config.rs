//! Reading `handbook.yaml`.

use std::collections::HashMap;

use super::fields::{Fields, Reader};
use super::frontmatter::decode;
use super::yaml;
use crate::diagnostics::Pos;
use crate::model::{Audience, Config, Organisation, Release, Workstream};
use crate::model::{Node, Value};
use crate::schema::{CONFIG, Table};
use crate::slug::slugify;

/// The lists of handbook.yaml that pages (and snapshots) refer to by id or version.
const ID_LISTS: [&str; 4] = ["organisations", "workstreams", "audiences", "releases"];

/// Parses the configuration; problems go to the reader's diagnostics. A file
/// that cannot be read gives the defaults with every id list marked partial,
/// so pages that use its ids are not reported as well.
pub(crate) fn read_config(bytes: &[u8], reader: Reader) -> Config {
    let unreadable = Config {
        partial_lists: ID_LISTS.to_vec(),
        ..Config::default()
    };
    let Some(node) = parse_yaml(bytes, reader) else {
        return unreadable;
    };
    let Some(f) = reader.fields(&node, &CONFIG) else {
        return unreadable;
    };
    let title = f.string("title");
    let (go_live_title, go_live_date) = f
        .get("go_live")
        .and_then(|n| read_go_live(reader, n, f.table_of("go_live")))
        .unwrap_or_default();
    let lists = IdLists::read(&f);
    let config = Config {
        title: title.map(|t| t.value).unwrap_or_default(),
        short_title: f.string("short_title").map(|s| s.value),
        publisher: f.string("publisher").map(|s| s.value),
        language: f
            .string("language")
            .map_or_else(|| "da".to_string(), |s| s.value),
        base_url: f.string("base_url").map(|s| s.value),
        version: f.string("version").map(|s| s.value),
        numbered: f.bool("numbered").unwrap_or(false),
        go_live_title,
        go_live_date,
        theme: f
            .string("theme")
            .map_or_else(|| "default".to_string(), |s| s.value),
        accessibility_statement: f.string("accessibility_statement").map(|s| s.value),
        organisations: lists.organisations,
        workstreams: lists.workstreams,
        audiences: lists.audiences,
        releases: lists.releases,
        releases_pos: f.key_pos("releases"),
        partial_lists: lists.partial,
        modified: None,
    };
    // Free-form data is accepted and left to the theme's own templates.
    let _ = f.get("extra");
    f.finish();
    config
}

/// The file's YAML, or None after reporting why it cannot be read.
fn parse_yaml(bytes: &[u8], reader: Reader) -> Option<Node> {
    let text = match decode(bytes) {
        Ok(t) => t,
        Err((line, col)) => {
            reader.error(Pos::new(line, col), "handbook.yaml is not valid UTF-8");
            return None;
        }
    };
    yaml::parse(&text, 1)
        .map_err(|e| reader.error(e.pos, e.message))
        .ok()
}

/// The lists of [`ID_LISTS`], and those of them not read in full.
struct IdLists {
    organisations: Vec<Organisation>,
    workstreams: Vec<Workstream>,
    audiences: Vec<Audience>,
    releases: Vec<Release>,
    partial: Vec<&'static str>,
}

impl IdLists {
    fn read(f: &Fields) -> IdLists {
        let (organisations, organisations_complete) =
            id_list(f, "organisations", |_, id, title| Organisation {
                id,
                title,
            });
        let (workstreams, workstreams_complete) =
            id_list(f, "workstreams", |e, id, title| Workstream {
                id,
                title,
                purpose: e.string("purpose").map(|s| s.value),
            });
        let (audiences, audiences_complete) = id_list(f, "audiences", |e, id, title| Audience {
            id,
            title,
            description: e.string("description").map(|s| s.value),
            role: e.string("role").map(crate::model::PageRef::new),
        });
        let (releases, releases_complete) = read_releases(f);
        let complete = [
            organisations_complete,
            workstreams_complete,
            audiences_complete,
            releases_complete,
        ];
        IdLists {
            organisations,
            workstreams,
            audiences,
            releases,
            partial: ID_LISTS
                .into_iter()
                .zip(complete)
                .filter_map(|(list, complete)| (!complete).then_some(list))
                .collect(),
        }
    }
}

/// Reads a list of `{ id, title, ... }` entries and reports duplicate ids.
/// An entry with a readable id is kept even when the rest of it has errors
/// (its title falls back to the id), so what refers to it is not reported
/// too. The flag is false when some entry's id could not be read.
fn id_list<T>(
    f: &Fields,
    key: &str,
    mut make: impl FnMut(&Fields, String, String) -> T,
) -> (Vec<T>, bool) {
    let reader = f.reader;
    let table = f.table_of(key);
    let mut seen: HashMap<String, Pos> = HashMap::new();
    let mut complete = f.get(key).is_none_or(|n| matches!(n.value, Value::Seq(_)));
    let items = f.list_of(key, |node| {
        let Some(e) = reader.fields(node, table) else {
            complete = false;
            return None;
        };
        let id = e.string("id");
        let title = e.string("title");
        let made = match id {
            Some(id) => {
                if slugify(&id.value) != id.value {
                    reader.error_help(
                        id.pos,
                        format!("id '{}' is not a slug", id.value),
                        Some(format!("use '{}'", slugify(&id.value))),
                    );
                }
                if let Some(first) = seen.insert(id.value.clone(), id.pos) {
                    reader.error(
                        id.pos,
                        format!(
                            "duplicate id '{}' in '{key}' (first at line {})",
                            id.value, first.line
                        ),
                    );
                }
                // Registered as a slug, so what refers to it by slug is not reported too.
                let slug = slugify(&id.value);
                let title = title.map_or_else(|| id.value.clone(), |t| t.value);
                Some(make(&e, slug, title))
            }
            None => {
                complete = false;
                None
            }
        };
        e.finish();
        made
    });
    (items, complete)
}

/// `go_live: { title, date }`: the milestone's name and, for a municipality's
/// own copy, its date (`YYYY-MM-DD`), which prints calendar dates at build time.
fn read_go_live(
    reader: Reader,
    node: &Node,
    table: &'static Table,
) -> Option<(Option<String>, Option<String>)> {
    let g = reader.fields(node, table)?;
    let title = g.string("title").map(|s| s.value);
    let date = g.string("date").and_then(|d| {
        if crate::calendar::GoLive::parse(&d.value).is_some() {
            return Some(d.value);
        }
        reader.error_help(
            d.pos,
            format!(
                "'date' in 'go_live' must be a date like 2017-06-12, found '{}'",
                d.value
            ),
            Some("write the go-live date as YYYY-MM-DD".into()),
        );
        None
    });
    g.finish();
    Some((title, date))
}

/// Reads `releases:`; an entry with a readable version is kept even when its
/// date has errors, so its snapshot is not reported as unlisted too. The flag
/// is false when some entry's version could not be read.
fn read_releases(f: &Fields) -> (Vec<Release>, bool) {
    let reader = f.reader;
    let mut complete = f
        .get("releases")
        .is_none_or(|n| matches!(n.value, Value::Seq(_)));
    let table = f.table_of("releases");
    let releases = f.list_of("releases", |node| {
        let Some(e) = reader.fields(node, table) else {
            complete = false;
            return None;
        };
        let version = e.string("version");
        let date = e.date("date");
        complete &= version.is_some();
        let release = version.map(|v| Release {
            version: v.value,
            pos: v.pos,
            date: date.map(|d| d.value),
            notes: e.string("notes").map(|s| s.value),
        });
        e.finish();
        release
    });
    (releases, complete)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use std::path::Path;

    #[test]
    fn reads_config_and_reports_unknown_keys() {
        let diags = Diagnostics::new();
        let reader = Reader {
            path: Path::new("handbook.yaml"),
            diags: &diags,
        };
        let yaml = "title: H\nnumberd: true\nworkstreams:\n  - { id: a, title: A }\n  - { id: a, title: B }\nreleases:\n  - { version: \"1.0\", date: 2016-09-21 }\n";
        let config = read_config(yaml.as_bytes(), reader);
        assert_eq!(config.releases[0].date.unwrap().to_string(), "2016-09-21");
        let out: Vec<_> = diags.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(
            out,
            [
                "handbook.yaml:2:1: error: unknown key 'numberd' in handbook.yaml\n  help: did you mean 'numbered'?",
                "handbook.yaml:5:11: error: duplicate id 'a' in 'workstreams' (first at line 4)",
            ]
        );
    }
}
