//! The content model as typed values: what `load` produces and `resolve` links up.
//!
//! Names are the domain's (Phase, Role, Guide, ...); the Danish words stay in
//! folders, ids and reader-facing text.

use std::path::PathBuf;

use serde::Serialize;

use crate::diagnostics::Pos;

mod date;
mod entry;
mod id;
mod node;
pub(crate) use date::{Date, civil_date};
pub(crate) use entry::{AudienceRef, ConfigRef, ListEntry, OrganisationRef, WorkstreamRef};
pub(crate) use id::{PageId, PageRef};
pub(crate) use node::{MAX_WEEK, Node, Sp, Value, Weeks};

/// The typed folders of `content/` and the link scheme of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageType {
    Phase,
    Role,
    Guide,
    Template,
    Training,
    ReadingGuide,
}

impl PageType {
    pub const ALL: [PageType; 6] = [
        PageType::Phase,
        PageType::Role,
        PageType::Guide,
        PageType::Template,
        PageType::Training,
        PageType::ReadingGuide,
    ];

    /// The folder under `content/` and the URL segment.
    pub fn folder(self) -> &'static str {
        match self {
            PageType::Phase => "faser",
            PageType::Role => "roller",
            PageType::Guide => "vejledninger",
            PageType::Template => "skabeloner",
            PageType::Training => "uddannelsesplaner",
            PageType::ReadingGuide => "laesevejledninger",
        }
    }

    /// The scheme of typed links: `[](rolle:gevinstejer)`.
    pub fn scheme(self) -> &'static str {
        match self {
            PageType::Phase => "fase",
            PageType::Role => "rolle",
            PageType::Guide => "vejledning",
            PageType::Template => "skabelon",
            PageType::Training => "uddannelse",
            PageType::ReadingGuide => "laesevejledning",
        }
    }

    pub fn from_folder(folder: &str) -> Option<PageType> {
        PageType::ALL.into_iter().find(|t| t.folder() == folder)
    }

    pub fn from_scheme(scheme: &str) -> Option<PageType> {
        PageType::ALL.into_iter().find(|t| t.scheme() == scheme)
    }

    /// The key of the type's name in the theme's string table.
    pub fn name_key(self) -> &'static str {
        match self {
            PageType::Phase => "type_phase",
            PageType::Role => "type_role",
            PageType::Guide => "type_guide",
            PageType::Template => "type_template",
            PageType::Training => "type_training",
            PageType::ReadingGuide => "type_reading_guide",
        }
    }
}

/// The front matter every page has.
#[derive(Debug, Clone)]
pub struct Meta {
    pub title: Sp<String>,
    pub id: Sp<String>,
    pub order: Option<i64>,
    pub summary: Option<String>,
    pub audiences: Vec<AudienceRef>,
    pub status: Status,
    pub planned_for: Option<String>,
    pub aliases: Vec<Sp<String>>,
    pub extra: Option<Node>,
}

/// A markdown page as loaded.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the handbook root, for diagnostics: `content/roller/a.md`.
    pub source: PathBuf,
    /// Path relative to `content/`, with forward slashes: `roller/a.md`.
    pub rel: String,
    pub meta: Meta,
    pub body: String,
    /// The file line the body starts on.
    pub body_line: usize,
    pub kind: PageKind,
    /// The front matter as written (a mapping, empty for an unreadable page),
    /// for what reads it through the page type's schema table: the version
    /// diff's facts and the search index's fields.
    pub front: Node,
    pub scan: BodyScan,
    /// The file could not be read (its error is reported): the page stands in
    /// with its id and type only, so references to it resolve, its own
    /// content is not checked, and nothing is reported about it twice.
    pub unreadable: bool,
    /// When the file last changed (seconds since 1970), as `load` found it:
    /// the page's "Senest ændret".
    pub modified: Option<u64>,
}

/// What a page is, with the front matter of its type.
#[derive(Debug, Clone)]
pub enum PageKind {
    /// `content/index.md`.
    Front,
    /// A free chapter or section outside the typed folders.
    Chapter,
    /// The introduction of a generated page (`content/roller/index.md`, `content/opgaver.md`).
    Intro(Generated),
    Phase(Phase),
    Role(Role),
    Guide(Guide),
    Template(TemplateFile),
    Training(TrainingPlan),
    ReadingGuide(ReadingGuideIntro),
}

impl PageKind {
    /// Every reference of the front matter to another page, with the type of
    /// page it names: for `resolve` to look each up once.
    pub fn refs_mut(&mut self, mut visit: impl FnMut(PageType, &mut PageRef)) {
        match self {
            PageKind::Phase(p) => {
                if let Some(parent) = &mut p.parent {
                    visit(PageType::Phase, parent);
                }
                for entry in &mut p.roles {
                    visit(PageType::Role, &mut entry.role);
                }
                for a in &mut p.activities {
                    for role in a.responsible.iter_mut().chain(&mut a.involved) {
                        visit(PageType::Role, role);
                    }
                    if let Some(guide) = &mut a.guide {
                        visit(PageType::Guide, guide);
                    }
                    for t in &mut a.templates {
                        visit(PageType::Template, t);
                    }
                }
            }
            PageKind::Guide(g) => {
                for phase in &mut g.phases {
                    visit(PageType::Phase, phase);
                }
                for part in &mut g.roles {
                    visit(PageType::Role, &mut part.role);
                }
                for t in &mut g.templates {
                    visit(PageType::Template, t);
                }
            }
            PageKind::Training(t) => {
                for role in t
                    .target
                    .iter_mut()
                    .chain(t.courses.iter_mut().filter_map(|c| c.held_by.as_mut()))
                {
                    visit(PageType::Role, role);
                }
            }
            _ => {}
        }
    }

    /// The typed folder of the page, if it is in one.
    pub fn page_type(&self) -> Option<PageType> {
        Some(match self {
            PageKind::Phase(_) => PageType::Phase,
            PageKind::Role(_) => PageType::Role,
            PageKind::Guide(_) => PageType::Guide,
            PageKind::Template(_) => PageType::Template,
            PageKind::Training(_) => PageType::Training,
            PageKind::ReadingGuide(_) => PageType::ReadingGuide,
            _ => return None,
        })
    }
}

/// Pages the generator makes from the content; editors may supply their introductions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Generated {
    Phases,
    Roles,
    Guides,
    Templates,
    Trainings,
    ReadingGuides,
    Tasks,
    Matrix,
    Versions,
    Print,
}

impl Generated {
    pub const ALL: [Generated; 10] = [
        Generated::Phases,
        Generated::Roles,
        Generated::Guides,
        Generated::Templates,
        Generated::Trainings,
        Generated::ReadingGuides,
        Generated::Tasks,
        Generated::Matrix,
        Generated::Versions,
        Generated::Print,
    ];

    /// The URL folder of the generated page.
    pub fn folder(self) -> &'static str {
        match self {
            Generated::Phases => "faser",
            Generated::Roles => "roller",
            Generated::Guides => "vejledninger",
            Generated::Templates => "skabeloner",
            Generated::Trainings => "uddannelsesplaner",
            Generated::ReadingGuides => "laesevejledninger",
            Generated::Tasks => "opgaver",
            Generated::Matrix => "ansvarsmatrix",
            Generated::Versions => "versioner",
            Generated::Print => "print",
        }
    }

    /// The overview page of a typed folder.
    pub fn of_type(t: PageType) -> Generated {
        match t {
            PageType::Phase => Generated::Phases,
            PageType::Role => Generated::Roles,
            PageType::Guide => Generated::Guides,
            PageType::Template => Generated::Templates,
            PageType::Training => Generated::Trainings,
            PageType::ReadingGuide => Generated::ReadingGuides,
        }
    }

    pub fn from_folder(folder: &str) -> Option<Generated> {
        Generated::ALL.into_iter().find(|g| g.folder() == folder)
    }

    /// The key of the page's default title in the theme's string table.
    pub fn title_key(self) -> &'static str {
        match self {
            Generated::Phases => "phases_title",
            Generated::Roles => "roles_title",
            Generated::Guides => "guides_title",
            Generated::Templates => "templates_title",
            Generated::Trainings => "trainings_title",
            Generated::ReadingGuides => "reading_guides_title",
            Generated::Tasks => "tasks_title",
            Generated::Matrix => "matrix_title",
            Generated::Versions => "versions_title",
            Generated::Print => "print_title",
        }
    }
}

/// `faser/`: a phase or sub-phase of the implementation model.
#[derive(Debug, Clone, Default)]
pub struct Phase {
    pub phase: Option<Sp<i64>>,
    pub parent: Option<PageRef>,
    pub weeks: Option<Sp<Weeks>>,
    pub milestones: Vec<Milestone>,
    pub workstreams: Vec<WorkstreamRef>,
    pub roles: Vec<RoleEntry>,
    pub activities: Vec<Activity>,
}

#[derive(Debug, Clone)]
pub struct Milestone {
    pub title: String,
    pub week: i64,
}

/// One row of a phase's role table.
#[derive(Debug, Clone)]
pub struct RoleEntry {
    pub role: PageRef,
    pub responsibility: String,
}

/// An enum whose values are written as Danish words in front matter: the
/// words, the parse and the string-table keys of their labels in one place.
macro_rules! choice {
    ($(#[$doc:meta])* $name:ident, label: $label:expr, { $($(#[$vattr:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vattr])* $variant),+
        }

        impl $name {
            /// The words content may use, in order.
            pub const NAMES: &'static [&'static str] = &[$($word),+];
            /// The prefix of the string-table key of a value's label (the
            /// word follows it), or None when the word itself is shown.
            pub const LABEL_PREFIX: Option<&'static str> = $label;

            /// The value a word names.
            pub fn from_name(name: &str) -> Option<$name> {
                match name {
                    $($word => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The word as content writes it.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }

            /// The value's label for readers: its string-table entry, read
            /// with `strings`, or the word itself when it has none.
            pub fn label(self, strings: impl Fn(&str) -> String) -> String {
                match Self::LABEL_PREFIX {
                    Some(prefix) => strings(&format!("{prefix}{}", self.name())),
                    None => self.name().to_string(),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }
    };
}

choice!(
    /// The category of an activity (afsnit 6.1.2 of the KY handbook).
    Category, label: Some("category_"), {
        Valgfri = "valgfri",
        Obligatorisk = "obligatorisk",
        Kritisk = "kritisk",
    }
);

choice!(
    /// What a guide is: a workshop, a meeting, an activity or a guide (the default).
    #[derive(Default)]
    GuideKind, label: Some("guide_kind_"), {
        Workshop = "workshop",
        Moede = "møde",
        Aktivitet = "aktivitet",
        #[default]
        Vejledning = "vejledning",
    }
);

choice!(
    /// How a course is held; shown as written.
    CourseForm, label: None, {
        Tilstedevaerelse = "tilstedeværelse",
        ELearning = "e-learning",
        Webinar = "webinar",
        Selvstudie = "selvstudie",
        Introduktionsmoede = "introduktionsmøde",
        Netvaerksmoede = "netværksmøde",
        Andet = "andet",
    }
);

choice!(
    /// Whether a page is published, a draft, or announced for a later version.
    #[derive(Default)]
    Status, label: None, {
        #[default]
        Published = "published",
        Draft = "draft",
        Planned = "planned",
    }
);

/// A task in a phase.
#[derive(Debug, Clone)]
pub struct Activity {
    pub title: String,
    pub id: String,
    pub pos: Pos,
    pub description: Option<String>,
    pub workstream: Option<WorkstreamRef>,
    pub weeks: Option<Sp<Weeks>>,
    pub category: Option<Category>,
    pub task_ref: Option<String>,
    pub responsible: Option<PageRef>,
    pub involved: Vec<PageRef>,
    pub guide: Option<PageRef>,
    pub templates: Vec<PageRef>,
}

/// `roller/`: a role.
#[derive(Debug, Clone, Default)]
pub struct Role {
    pub organisation: Option<OrganisationRef>,
    pub typical_holder: Option<String>,
    pub aka: Vec<String>,
    pub responsibilities: Vec<String>,
}

/// `vejledninger/`: a workshop, meeting, activity or guide.
#[derive(Debug, Clone, Default)]
pub struct Guide {
    pub kind: GuideKind,
    pub workstream: Option<WorkstreamRef>,
    pub phases: Vec<PageRef>,
    pub purpose: Option<String>,
    pub roles: Vec<GuideRole>,
    pub location: Option<String>,
    pub templates: Vec<PageRef>,
    pub before: Vec<String>,
    pub after: Vec<String>,
    pub agenda: Vec<AgendaItem>,
    pub duration_minutes: Option<Sp<i64>>,
}

#[derive(Debug, Clone)]
pub struct GuideRole {
    pub role: PageRef,
    pub part: Option<String>,
}

#[derive(Debug, Clone)]
pub struct AgendaItem {
    pub minutes: i64,
    pub item: String,
    pub description: Option<String>,
    pub materials: Vec<String>,
    pub outcome: Option<String>,
}

/// `skabeloner/`: a downloadable template.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub file: Sp<String>,
    pub workstream: Option<WorkstreamRef>,
    /// The attachment's path relative to `content/`, once found.
    pub attachment: Option<String>,
    pub size: u64,
}

/// `uddannelsesplaner/`: the training plan of one target group.
#[derive(Debug, Clone, Default)]
pub struct TrainingPlan {
    pub target: Option<PageRef>,
    pub courses: Vec<Course>,
    pub self_study: Vec<String>,
    pub continuing: Vec<String>,
    pub other_activities: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Course {
    pub title: String,
    pub form: Option<CourseForm>,
    pub duration: Option<String>,
    pub weeks: Option<Sp<Weeks>>,
    pub held_by: Option<PageRef>,
    pub optional: bool,
}

/// `laesevejledninger/<audience>.md`: the introduction of a generated reading guide.
#[derive(Debug, Clone, Default)]
pub struct ReadingGuideIntro {
    /// Typed links that fix the guide's selection and order.
    pub read: Vec<Sp<String>>,
    /// The audience of handbook.yaml the page's id names (its index); set
    /// by `resolve`, None before and when the id names none (reported).
    pub audience: Option<usize>,
}

/// `handbook.yaml`.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub title: String,
    pub short_title: Option<String>,
    pub publisher: Option<String>,
    pub language: String,
    pub base_url: Option<String>,
    pub version: Option<String>,
    pub numbered: bool,
    pub go_live_title: Option<String>,
    /// `go_live.date`: the go-live date of a municipality's own copy (`YYYY-MM-DD`).
    pub go_live_date: Option<String>,
    pub theme: String,
    pub accessibility_statement: Option<String>,
    pub organisations: Vec<Organisation>,
    pub workstreams: Vec<Workstream>,
    pub audiences: Vec<Audience>,
    pub releases: Vec<Release>,
    /// Where `releases:` is in handbook.yaml (its start when absent).
    pub releases_pos: Pos,
    /// The id lists (`organisations`, `workstreams`, `audiences`) with an entry
    /// that could not be read: an id missing from them is not reported again.
    pub partial_lists: Vec<&'static str>,
    /// When handbook.yaml last changed (seconds since 1970), as `load` found it.
    pub modified: Option<u64>,
}

impl Default for Config {
    /// The values of keys left out of handbook.yaml.
    fn default() -> Config {
        Config {
            title: String::new(),
            short_title: None,
            publisher: None,
            language: "da".into(),
            base_url: None,
            version: None,
            numbered: false,
            go_live_title: None,
            go_live_date: None,
            theme: "default".into(),
            accessibility_statement: None,
            organisations: Vec::new(),
            workstreams: Vec::new(),
            audiences: Vec::new(),
            releases: Vec::new(),
            releases_pos: Pos::FILE,
            partial_lists: Vec::new(),
            modified: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Organisation {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Workstream {
    pub id: String,
    pub title: String,
    pub purpose: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Audience {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub role: Option<PageRef>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Release {
    pub version: String,
    /// Where the entry's version is in handbook.yaml.
    #[serde(skip)]
    pub pos: Pos,
    /// None when the entry's date is missing or not a date (reported).
    pub date: Option<Date>,
    pub notes: Option<String>,
}

/// What the markdown body mentions, found before rendering so links can be checked.
#[derive(Debug, Clone, Default)]
pub struct BodyScan {
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    /// The body as plain text (its words, markup dropped), for the search index.
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// The heading's own `{#id}`, if it has one.
    pub custom_id: Option<String>,
    /// Its anchor, unique on the page; given by `resolve`.
    pub id: String,
}

/// A link or image destination in a body, with its file position.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub dest: String,
    pub pos: Pos,
    /// Where the link starts in the body (bytes): `resolve` keeps its target
    /// under it, and `render` looks it up by the same offset.
    pub offset: usize,
    pub is_image: bool,
}

/// A file under `content/` that is not markdown: copied to the output as is.
#[derive(Debug, Clone)]
pub(crate) struct Attachment {
    /// Path relative to `content/`, forward slashes.
    pub rel: String,
    pub size: u64,
}
