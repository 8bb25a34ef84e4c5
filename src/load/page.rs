//! Reading one markdown file into a [`Page`]: front matter of its type, body, scan.

use std::path::{Path, PathBuf};

use super::fields::{Fields, Reader, read_weeks};
use super::frontmatter::{Split, SplitError, decode, split};
use super::yaml;
use super::{scan, slug_of_path};
use crate::diagnostics::{Diagnostics, Pos};
use crate::model::*;
use crate::schema::{self, Table};
use crate::slug::slugify;

/// What kind of page a file is, from where it lies under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Front,
    Chapter,
    Intro(Generated),
    Typed(PageType),
}

/// Classifies `rel` (a path under `content/`, forward slashes).
pub fn slot_of(rel: &str) -> Slot {
    let segments: Vec<&str> = rel.split('/').collect();
    if segments == ["index.md"] {
        return Slot::Front;
    }
    if let Some(t) = PageType::from_folder(segments[0]).filter(|_| segments.len() > 1) {
        return if segments.len() == 2 && segments[1] == "index.md" {
            Slot::Intro(Generated::of_type(t))
        } else {
            Slot::Typed(t)
        };
    }
    match Generated::from_folder(&slug_of_path(rel)) {
        Some(g) => Slot::Intro(g),
        None => Slot::Chapter,
    }
}

/// Parses one page from its bytes. A page that cannot be read (bad UTF-8, no or
/// broken front matter, a required key missing) is reported and still returned
/// as an [`unreadable`](Page::unreadable) stand-in that carries its id and type,
/// so references to it are not reported a second time.
pub(crate) fn parse_page(bytes: &[u8], source: PathBuf, rel: String, diags: &Diagnostics) -> Page {
    let reader = Reader {
        path: &source,
        diags,
    };
    match read_page(bytes, &source, &rel, reader) {
        Ok(page) => page,
        Err(id) => stand_in(source, rel, id),
    }
}

/// A stand-in for a page whose file cannot be read at all (an I/O error).
pub(crate) fn unreadable_page(source: PathBuf, rel: String) -> Page {
    stand_in(source, rel, None)
}

/// The id a page has when its front matter does not give one: its file name's slug.
fn default_id(rel: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    let stem = stem.strip_suffix("/index").unwrap_or(stem);
    slugify(stem.rsplit('/').next().unwrap_or(stem))
}

/// An unreadable page of the type its folder gives, with the id it declared
/// (when that much could be read) or the one its path gives.
fn stand_in(source: PathBuf, rel: String, id: Option<Sp<String>>) -> Page {
    let id = id.unwrap_or_else(|| Sp::new(default_id(&rel), Pos::FILE));
    let kind = match slot_of(&rel) {
        Slot::Front => PageKind::Front,
        Slot::Chapter => PageKind::Chapter,
        Slot::Intro(g) => PageKind::Intro(g),
        Slot::Typed(PageType::Phase) => PageKind::Phase(Phase::default()),
        Slot::Typed(PageType::Role) => PageKind::Role(Role::default()),
        Slot::Typed(PageType::Guide) => PageKind::Guide(Guide::default()),
        Slot::Typed(PageType::Template) => PageKind::Template(TemplateFile {
            file: Sp::new(String::new(), id.pos),
            workstream: None,
            attachment: None,
            size: 0,
        }),
        Slot::Typed(PageType::Training) => PageKind::Training(TrainingPlan::default()),
        Slot::Typed(PageType::ReadingGuide) => PageKind::ReadingGuide(ReadingGuideIntro::default()),
    };
    Page {
        source,
        rel,
        meta: Meta {
            title: id.clone(),
            id,
            order: None,
            summary: None,
            audiences: Vec::new(),
            status: Status::Published,
            planned_for: None,
            aliases: Vec::new(),
            extra: None,
        },
        body: String::new(),
        body_line: 1,
        kind,
        front: Node::empty_map(Pos::FILE),
        scan: BodyScan::default(),
        unreadable: true,
        modified: None,
    }
}

/// A top-level `id: x` line of front matter that YAML cannot parse, so that
/// a syntax error elsewhere in the block does not also lose the page's id.
fn id_line(yaml: &str, first_line: usize) -> Option<Sp<String>> {
    yaml.lines().enumerate().find_map(|(k, line)| {
        let value = line.strip_prefix("id:")?.trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        (!value.is_empty() && slugify(value) == value)
            .then(|| Sp::new(value.to_string(), Pos::new(first_line + k, 5)))
    })
}

/// Reads a page; on failure returns the id it declares, when that much could be read.
fn read_page(
    bytes: &[u8],
    source: &Path,
    rel: &str,
    reader: Reader,
) -> Result<Page, Option<Sp<String>>> {
    let text = decode_text(bytes, reader)?;
    let (parts, node) = front_matter(&text, reader)?;
    let slot = slot_of(rel);
    let fields = reader.fields(&node, table_of(slot)).ok_or(None)?;
    let id = read_id(&fields, rel);
    let meta = read_meta(&fields, id.clone());
    let Some(kind) = read_kind(slot, &fields) else {
        fields.finish();
        return Err(Some(id));
    };
    fields.finish();
    let meta = meta.ok_or(Some(id))?;
    let scan = scan::scan(parts.body, parts.body_line, reader);
    Ok(Page {
        source: source.to_path_buf(),
        rel: rel.to_string(),
        meta,
        body: parts.body.to_string(),
        body_line: parts.body_line,
        kind,
        front: node,
        scan,
        unreadable: false,
        modified: None,
    })
}

/// The file's text, or a reported error when it is not UTF-8.
fn decode_text(bytes: &[u8], reader: Reader) -> Result<String, Option<Sp<String>>> {
    decode(bytes).map_err(|(line, col)| {
        reader.error_help(
            Pos::new(line, col),
            "file is not valid UTF-8",
            Some("save the file with UTF-8 encoding".into()),
        );
        None
    })
}

/// The text split into front matter and body, with the front matter parsed
/// (empty front matter reads as an empty map); reports what is missing or broken.
fn front_matter<'t>(
    text: &'t str,
    reader: Reader,
) -> Result<(Split<'t>, Node), Option<Sp<String>>> {
    let parts = match split(text) {
        Ok(p) => p,
        Err(SplitError::Unclosed) => {
            reader.error_help(
                Pos::new(1, 1),
                "front matter is not closed",
                Some("end the front matter with a line '---'".into()),
            );
            return Err(None);
        }
    };
    let Some(yaml_text) = parts.yaml else {
        reader.error_help(
            Pos::new(1, 1),
            "page has no front matter",
            Some("start the file with '---', a line 'title: ...', and '---'".into()),
        );
        return Err(None);
    };
    let node = match yaml::parse(yaml_text, parts.yaml_line) {
        Ok(n) => n,
        Err(e) => {
            reader.error(e.pos, e.message);
            return Err(id_line(yaml_text, parts.yaml_line));
        }
    };
    let node = match node.value {
        Value::Null => Node::empty_map(Pos::new(parts.yaml_line, 1)),
        _ => node,
    };
    Ok((parts, node))
}

/// The keys a page in `slot` may have: its type's, or those of a free page.
fn table_of(slot: Slot) -> &'static Table {
    schema::of(match slot {
        Slot::Typed(t) => Some(t),
        Slot::Front | Slot::Chapter | Slot::Intro(_) => None,
    })
    .table
}

/// The page's kind with the fields of its type; None when a template names no file.
fn read_kind(slot: Slot, fields: &Fields) -> Option<PageKind> {
    Some(match slot {
        Slot::Front => PageKind::Front,
        Slot::Chapter => PageKind::Chapter,
        Slot::Intro(g) => PageKind::Intro(g),
        Slot::Typed(PageType::Phase) => PageKind::Phase(read_phase(fields)),
        Slot::Typed(PageType::Role) => PageKind::Role(read_role(fields)),
        Slot::Typed(PageType::Guide) => PageKind::Guide(read_guide(fields)),
        Slot::Typed(PageType::Template) => PageKind::Template(read_template(fields)?),
        Slot::Typed(PageType::Training) => PageKind::Training(read_training(fields)),
        Slot::Typed(PageType::ReadingGuide) => PageKind::ReadingGuide(ReadingGuideIntro {
            read: fields.string_list("read"),
            audience: None,
        }),
    })
}

/// The page's id: its `id:` (made a slug, reported when it is not one) or its file name's slug.
fn read_id(f: &Fields, rel: &str) -> Sp<String> {
    match f.string("id") {
        Some(id) if slugify(&id.value) != id.value => {
            f.reader.error_help(
                id.pos,
                format!("id '{}' is not a slug", id.value),
                Some(format!(
                    "use lowercase letters, digits and '-': '{}'",
                    slugify(&id.value)
                )),
            );
            Sp::new(slugify(&id.value), id.pos)
        }
        Some(id) => id,
        None => Sp::new(default_id(rel), f.pos),
    }
}

fn read_meta(f: &Fields, id: Sp<String>) -> Option<Meta> {
    let title = f.string("title");
    let status = f.choice("status", Status::from_name).unwrap_or_default();
    let order = f.int("order").map(|o| o.value);
    let meta = Meta {
        title: title?,
        id,
        order,
        summary: f.string("summary").map(|s| s.value),
        audiences: config_refs(f, "audiences"),
        status,
        planned_for: f.string("planned_for").map(|s| s.value),
        aliases: f.string_list("aliases"),
        extra: f.get("extra").cloned(),
    };
    Some(meta)
}

fn text(f: &Fields, key: &str) -> Option<String> {
    f.string(key).map(|s| s.value)
}

fn texts(f: &Fields, key: &str) -> Vec<String> {
    f.string_list(key).into_iter().map(|s| s.value).collect()
}

/// A reference to a page, looked up later by `resolve`.
fn page_ref(f: &Fields, key: &str) -> Option<PageRef> {
    f.string(key).map(PageRef::new)
}

fn page_refs(f: &Fields, key: &str) -> Vec<PageRef> {
    f.string_list(key).into_iter().map(PageRef::new).collect()
}

/// References to entries of a handbook.yaml list, looked up later by `resolve`.
fn config_refs<T>(f: &Fields, key: &str) -> Vec<ConfigRef<T>> {
    f.string_list(key).into_iter().map(ConfigRef::new).collect()
}

fn read_phase(f: &Fields) -> Phase {
    Phase {
        phase: f.int("phase"),
        parent: page_ref(f, "parent"),
        weeks: f
            .get("weeks")
            .and_then(|n| super::fields::read_week_range(f.reader, n)),
        milestones: f.items("milestones", |m| {
            let title = text(m, "title");
            let week = m.week("week");
            Some(Milestone {
                title: title?,
                week: week?.value,
            })
        }),
        workstreams: config_refs(f, "workstreams"),
        roles: f.items("roles", |r| {
            Some(RoleEntry {
                role: page_ref(r, "role")?,
                responsibility: text(r, "responsibility").unwrap_or_default(),
            })
        }),
        activities: f.items("activities", |a| {
            let title = text(a, "title")?;
            let id = a.string("id").map_or_else(|| slugify(&title), |s| s.value);
            let category = a.choice("category", Category::from_name);
            Some(Activity {
                id,
                pos: a.pos,
                description: a.string("description").map(|s| s.value),
                workstream: a.string("workstream").map(ConfigRef::new),
                weeks: read_weeks(a),
                category,
                task_ref: a.string("task_ref").map(|s| s.value),
                responsible: page_ref(a, "responsible"),
                involved: page_refs(a, "involved"),
                guide: page_ref(a, "guide"),
                templates: page_refs(a, "templates"),
                title,
            })
        }),
    }
}

fn read_role(f: &Fields) -> Role {
    Role {
        organisation: f.string("organisation").map(ConfigRef::new),
        typical_holder: f.string("typical_holder").map(|s| s.value),
        aka: texts(f, "aka"),
        responsibilities: texts(f, "responsibilities"),
    }
}

fn read_guide(f: &Fields) -> Guide {
    Guide {
        kind: f.choice("kind", GuideKind::from_name).unwrap_or_default(),
        workstream: f.string("workstream").map(ConfigRef::new),
        phases: page_refs(f, "phases"),
        purpose: f.string("purpose").map(|s| s.value),
        roles: f.items("roles", |r| {
            Some(GuideRole {
                role: page_ref(r, "role")?,
                part: r.string("part").map(|s| s.value),
            })
        }),
        location: f.string("location").map(|s| s.value),
        templates: page_refs(f, "templates"),
        before: texts(f, "before"),
        after: texts(f, "after"),
        agenda: f.items("agenda", |a| {
            let minutes = a.int("minutes");
            if let Some(m) = &minutes
                && !(0..=24 * 60).contains(&m.value)
            {
                a.reader.error(
                    m.pos,
                    format!("'minutes' must be between 0 and 1440, found {}", m.value),
                );
                return None;
            }
            Some(AgendaItem {
                item: text(a, "item")?,
                minutes: minutes?.value,
                description: a.string("description").map(|s| s.value),
                materials: texts(a, "materials"),
                outcome: a.string("outcome").map(|s| s.value),
            })
        }),
        duration_minutes: f.int("duration_minutes"),
    }
}

fn read_template(f: &Fields) -> Option<TemplateFile> {
    Some(TemplateFile {
        workstream: f.string("workstream").map(ConfigRef::new),
        file: f.string("file")?,
        attachment: None,
        size: 0,
    })
}

fn read_training(f: &Fields) -> TrainingPlan {
    let target = page_ref(f, "target");
    TrainingPlan {
        target,
        courses: f.items("courses", |c| {
            Some(Course {
                title: text(c, "title")?,
                form: c.choice("form", CourseForm::from_name),
                duration: c.string("duration").map(|s| s.value),
                weeks: read_weeks(c),
                held_by: page_ref(c, "held_by"),
                optional: c.bool("optional").unwrap_or(false),
            })
        }),
        self_study: texts(f, "self_study"),
        continuing: texts(f, "continuing"),
        other_activities: texts(f, "other_activities"),
    }
}
