//! Stage 3, render: every page of a [`Site`] through the theme's templates,
//! plus `/print/`, `404.html`, redirects, `sitemap.xml`, `feed.xml`, assets
//! and attachments. Pages render in parallel; each gets only what it shows.

pub(crate) mod downloads;
pub(crate) mod feeds;
pub(crate) mod hyphenate;
pub(crate) mod layout;
pub(crate) mod links;
pub(crate) mod made;
pub(crate) mod manifest;
pub(crate) mod markdown;
pub(crate) mod nav;
pub(crate) mod plan;
pub(crate) mod print;
pub(crate) mod stamp;
pub(crate) mod tables;
pub(crate) mod theme;
pub(crate) mod timeline;
pub(crate) mod versions;
pub(crate) mod views;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::Serialize;
use tera::Context;

use crate::diagnostics::Diagnostics;
use crate::model::*;
use crate::resolve::sections::Owner;
use crate::resolve::{self, Site, Target};
use links::{Link, Linker};
pub(crate) use print::{PrintScope, print_url};
use theme::Theme;
use views::{overview, typed};

/// What goes into one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Output {
    Bytes(Vec<u8>),
    /// Copy this source file byte for byte.
    Copy(PathBuf),
}

impl Output {
    /// Writes the file to `dest`, making its folder; returns the written
    /// file's metadata.
    pub(crate) fn write_to(&self, dest: &std::path::Path) -> std::io::Result<std::fs::Metadata> {
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        match self {
            Output::Bytes(bytes) => {
                let mut file = std::fs::File::create(dest)?;
                std::io::Write::write_all(&mut file, bytes)?;
                file.metadata()
            }
            Output::Copy(src) => {
                std::fs::copy(src, dest)?;
                std::fs::symlink_metadata(dest)
            }
        }
    }
}

/// A file of the built site, by its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutputFile {
    pub path: String,
    pub content: Output,
}

/// The common part of every page's context.
#[derive(Serialize)]
struct PageView {
    kind: &'static str,
    title: String,
    number: Option<String>,
    summary: Option<String>,
    status: Status,
    planned_version: Option<String>,
    content: String,
    toc: Vec<TocEntry>,
    /// The page's generated sections by their key (`page.sections.milestones`).
    sections: BTreeMap<&'static str, SectionView>,
    /// Prefix of element ids (non-empty only on `/print/`).
    ids: String,
    /// The id of the page's section on `/print/`.
    anchor: String,
    type_name: Option<String>,
    url: String,
    /// The level of the page title's heading: 1 on its own page, deeper on `/print/`.
    heading_level: u8,
    /// The level of the page's section headings (one below the title).
    sub: u8,
    /// Starts a chapter: a top-level page, or a section that starts a new sheet on a print page.
    chapter: bool,
    /// "Senest ændret": when the page's sources last changed.
    modified: Option<stamp::Stamp>,
}

impl PageView {
    /// The view of a page the generator makes from nothing written (search, diff,
    /// a missing front page): a title at a URL, everything else empty.
    fn generated(kind: &'static str, title: String, url: String) -> PageView {
        PageView {
            kind,
            title,
            number: None,
            summary: None,
            status: Status::Published,
            planned_version: None,
            content: String::new(),
            toc: Vec::new(),
            sections: BTreeMap::new(),
            ids: String::new(),
            anchor: String::new(),
            type_name: None,
            url,
            heading_level: 1,
            sub: 2,
            chapter: true,
            modified: None,
        }
    }
}

/// A generated section of a page as the templates see it.
#[derive(Serialize)]
struct SectionView {
    /// Its element id (with the print page's prefix).
    id: String,
    title: String,
    /// Whether the page shows it; the same condition lists it in the contents
    /// and lets links point at it.
    shown: bool,
}

#[derive(Serialize)]
struct TocEntry {
    id: String,
    number: Option<String>,
    title: String,
    level: u8,
}

/// Kind-specific data of a page.
#[derive(Serialize)]
#[serde(untagged)]
enum Data {
    None,
    Front(overview::FrontView),
    Phase(typed::PhaseView),
    Role(typed::RoleView),
    Guide(typed::GuideView),
    Template(typed::TemplateView),
    Training(typed::TrainingView),
    ReadingGuide(typed::ReadingGuideView),
    Phases(overview::PhasesView),
    Groups(Vec<overview::Group>),
    Guides(Vec<overview::GuideEntry>),
    Templates(Vec<overview::TemplateEntry>),
    Trainings(overview::TrainingsView),
    Entries(Vec<overview::EntryView>),
    Plan(plan::PlanView),
    Matrix(overview::MatrixView),
    Versions(overview::VersionsView),
    Links(Vec<Link>),
}

fn kind_name(target: Target, site: &Site) -> &'static str {
    match target {
        Target::ReadingGuide(_) => "reading_guide",
        Target::Generated(g) => match g {
            Generated::Phases => "phases",
            Generated::Roles => "roles",
            Generated::Guides => "guides",
            Generated::Templates => "templates",
            Generated::Trainings => "trainings",
            Generated::ReadingGuides => "reading_guides",
            Generated::Tasks => "tasks",
            Generated::Matrix => "matrix",
            Generated::Versions => "versions",
            Generated::Print => "print",
        },
        Target::Page(i) => match &site.pages[i].kind {
            PageKind::Front => "front",
            PageKind::Chapter | PageKind::Intro(_) => "chapter",
            PageKind::Phase(_) => "phase",
            PageKind::Role(_) => "role",
            PageKind::Guide(_) => "guide",
            PageKind::Template(_) => "template",
            PageKind::Training(_) => "training",
            PageKind::ReadingGuide(_) => "reading_guide",
        },
    }
}

fn data(linker: &Linker, target: Target) -> Data {
    let site = linker.site;
    match target {
        Target::ReadingGuide(a) => Data::ReadingGuide(typed::reading_guide_view(linker, a)),
        Target::Generated(g) => match g {
            Generated::Phases => Data::Phases(overview::phases_view(linker)),
            Generated::Roles => Data::Groups(overview::roles_view(linker)),
            Generated::Guides => Data::Guides(overview::guides_view(linker)),
            Generated::Templates => Data::Templates(overview::templates_view(linker)),
            Generated::Trainings => Data::Trainings(overview::trainings_view(linker)),
            Generated::ReadingGuides => Data::Entries(overview::reading_guides_view(linker)),
            Generated::Tasks => Data::Plan(plan::plan_view(
                linker,
                None,
                site.options.go_live.map(|_| {
                    linker.relative(&linker.in_version(&format!("{}/plan.ics", g.folder())))
                }),
            )),
            Generated::Matrix => Data::Matrix(overview::matrix_view(linker)),
            Generated::Versions => Data::Versions(overview::versions_view(linker)),
            Generated::Print => Data::None,
        },
        Target::Page(i) => match &site.pages[i].kind {
            PageKind::Front => Data::Front(overview::front_view(linker)),
            PageKind::Phase(p) => Data::Phase(typed::phase_view(linker, i, p)),
            PageKind::Role(r) => Data::Role(typed::role_view(linker, i, r)),
            PageKind::Guide(g) => Data::Guide(typed::guide_view(linker, i, g)),
            PageKind::Template(t) => Data::Template(typed::template_view(linker, i, t)),
            PageKind::Training(t) => Data::Training(typed::training_view(linker, t)),
            PageKind::Chapter | PageKind::Intro(_) | PageKind::ReadingGuide(_) => {
                // A chapter lists its sections.
                Data::Links(
                    site.nav_children(target)
                        .into_iter()
                        .map(|t| linker.link(t))
                        .collect(),
                )
            }
        },
    }
}

/// What a renderer works out once per site, and the preview keeps for every
/// page it renders from that site.
pub(crate) struct Prepared {
    /// Each target's place in the handbook order.
    position: HashMap<Target, usize>,
    /// Each target's places in the reading guides.
    guide_places: HashMap<Target, Vec<(usize, crate::resolve::guides::Place)>>,
    /// "Senest ændret" (one file system lookup per page).
    stamps: stamp::Stamps,
}

impl Prepared {
    pub(crate) fn new(site: &Site) -> Prepared {
        Prepared {
            position: site
                .order
                .iter()
                .enumerate()
                .map(|(k, t)| (*t, k))
                .collect(),
            guide_places: layout::guide_positions(site),
            stamps: stamp::Stamps::new(site),
        }
    }
}

/// Renders everything; template problems go to `diags`.
pub(crate) struct Renderer<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub diags: &'a Diagnostics,
    prepared: std::sync::Arc<Prepared>,
    /// All versions of the build and which one this site is.
    pub versions: Option<(&'a versions::Versions<'a>, usize)>,
    /// The search index files of this site, made on first use.
    search: std::sync::OnceLock<std::collections::BTreeMap<String, Vec<u8>>>,
    /// Leave the search index out of the manifest (the preview serves it on request).
    pub lazy_search: bool,
    /// The planner script's settings, the same on every page of the site.
    planner: String,
    /// The folder the site is rendered into (`1.0/`), empty at the root.
    pub prefix: String,
    /// Links name `index.html` files (the offline copy and the PDF).
    pub file_links: bool,
    /// The PDFs and offline copies of the build (`--pdf`, `--zip`), linked and copied.
    pub downloads: Option<&'a downloads::Downloads>,
    /// The closed entries of the navigation, made once.
    closed_nav: nav::ClosedEntries,
    /// The header and footer facts of a page, by its way up to the top of
    /// the output (`../../`, or a print section's marker) and whether they
    /// carry the planner's settings, made once.
    site_values: made::Made<(String, bool)>,
}

impl<'a> Renderer<'a> {
    pub(crate) fn new(site: &'a Site, theme: &'a Theme, diags: &'a Diagnostics) -> Renderer<'a> {
        Renderer::with_prepared(site, theme, diags, std::sync::Arc::new(Prepared::new(site)))
    }

    /// A renderer for `site` with what was prepared for it before.
    pub(crate) fn with_prepared(
        site: &'a Site,
        theme: &'a Theme,
        diags: &'a Diagnostics,
        prepared: std::sync::Arc<Prepared>,
    ) -> Renderer<'a> {
        Renderer {
            site,
            theme,
            diags,
            prepared,
            versions: None,
            search: std::sync::OnceLock::new(),
            lazy_search: false,
            planner: plan::script_settings(&Linker::new(site, &theme.strings, "", String::new())),
            downloads: None,
            prefix: String::new(),
            file_links: false,
            closed_nav: nav::ClosedEntries::default(),
            site_values: made::Made::default(),
        }
    }

    /// The renderer of a copy that works from `file://`: links name `index.html`.
    pub(crate) fn with_file_links(mut self) -> Renderer<'a> {
        self.file_links = true;
        self
    }

    /// The renderer of the site in folder `prefix` of the output (`1.0/`).
    pub(crate) fn at(mut self, prefix: &str) -> Renderer<'a> {
        self.prefix = prefix.to_string();
        self
    }

    /// A linker for the page at `from` (a URL from the top of the output).
    pub(super) fn linker(&self, from: String) -> Linker<'_> {
        Linker {
            file_links: self.file_links,
            ..Linker::new(self.site, &self.theme.strings, &self.prefix, from)
        }
    }

    /// The renderer of a build that offers `downloads` (PDFs, offline copies).
    pub(crate) fn with_downloads(
        mut self,
        downloads: Option<&'a downloads::Downloads>,
    ) -> Renderer<'a> {
        self.downloads = downloads;
        self
    }

    /// What this renderer prepared for its site, to be reused.
    pub(crate) fn prepared(&self) -> std::sync::Arc<Prepared> {
        self.prepared.clone()
    }

    /// The search index files (`soeg/<name>`) of the site, built once.
    pub(crate) fn search_files(&self) -> &std::collections::BTreeMap<String, Vec<u8>> {
        self.search.get_or_init(|| {
            let linker = self.linker(String::new());
            let index = crate::search::build(self.site, |t| linker.title(t));
            let names = crate::search::TYPE_KEYS
                .iter()
                .map(|k| (*k, self.theme.strings.get(k)))
                .collect();
            crate::search::files(&index, &names)
                .into_iter()
                .map(|(n, c)| (n, c.into_bytes()))
                .collect()
        })
    }

    /// Lets go of the search index files: a build writes them once, before
    /// the print views, which need the memory more.
    pub(crate) fn forget_search_files(&mut self) {
        self.search.take();
    }

    /// The search results page (`soeg/`).
    fn search_page(&self) -> Option<String> {
        let site = self.site;
        let url = format!("{}soeg/", self.prefix);
        let linker = self.linker(url.clone());
        let front = site
            .order
            .first()
            .copied()
            .unwrap_or(Target::Generated(Generated::Versions));
        let mut ctx = Context::new();
        let page = PageView::generated("search", self.theme.strings.get("search_title"), url);
        ctx.insert("page", &page);
        let audiences: Vec<(&str, &str)> = site
            .config
            .audiences
            .iter()
            .map(|a| (a.id.as_str(), a.title.as_str()))
            .collect();
        let types: Vec<(&str, String)> = crate::search::TYPE_KEYS
            .iter()
            .map(|k| (*k, self.theme.strings.get(k)))
            .collect();
        ctx.insert(
            "data",
            &serde_json::json!({ "audiences": audiences, "types": types }),
        );
        self.layout(&linker, front, &mut ctx);
        ctx.insert("breadcrumbs", &Vec::<Link>::new());
        ctx.insert("prev", &None::<Link>);
        ctx.insert("next", &None::<Link>);
        self.insert_versions(&linker, front, &mut ctx);
        ctx.insert("release_changes", &Vec::<()>::new());
        self.theme.render("page.html", &ctx, self.diags)
    }

    /// `/opgaver/<role-id>/`: "Plan for <rolle>", everything the role takes part in.
    fn role_plan(&self, role: PageId) -> Option<String> {
        let site = self.site;
        let strings = &self.theme.strings;
        let role_page = &site.pages[role];
        let url = format!(
            "{}{}",
            self.prefix,
            plan::role_plan_url(&role_page.meta.id.value)
        );
        let linker = self.linker(url.clone());
        let tasks = Target::Generated(Generated::Tasks);
        let title = strings.fill("plan_title", &[("role", &role_page.meta.title.value)]);
        let page = PageView {
            modified: self.prepared.stamps.of(site, tasks),
            ..PageView::generated("role_plan", title.clone(), url.clone())
        };
        let mut ctx = Context::new();
        ctx.insert("page", &page);
        let ics = site
            .options
            .go_live
            .map(|_| linker.relative(&format!("{url}plan.ics")));
        ctx.insert(
            "data",
            &Data::Plan(plan::plan_view(&linker, Some(role), ics)),
        );
        // Not a page of the navigation (as /print/ is not): no entry is the current one.
        self.layout(&linker, Target::Generated(Generated::Print), &mut ctx);
        let mut crumbs = layout::breadcrumbs(&linker, tasks);
        if let Some(last) = crumbs.last_mut() {
            last.href = Some(linker.href(tasks, None));
        }
        crumbs.push(Link {
            title,
            href: None,
            number: None,
        });
        ctx.insert("breadcrumbs", &crumbs);
        ctx.insert("prev", &None::<Link>);
        ctx.insert("next", &None::<Link>);
        ctx.insert("guide_bars", &Vec::<layout::GuideBar>::new());
        self.insert_versions(&linker, tasks, &mut ctx);
        self.theme.render("page.html", &ctx, self.diags)
    }

    /// The calendar file (`plan.ics`) or task list (`plan.csv`) of the whole
    /// plan or of one role's, dated from the build's go-live date.
    fn plan_file(&self, role: Option<PageId>, csv: bool) -> Option<Output> {
        let site = self.site;
        let go_live = site.options.go_live?;
        let strings = &self.theme.strings;
        let url = match role {
            Some(r) => plan::role_plan_url(&site.pages[r].meta.id.value),
            None => format!("{}/", Generated::Tasks.folder()),
        };
        let linker = self.linker(format!("{}{url}", self.prefix));
        let view = plan::plan_view(&linker, role, None);
        let labels = plan::FileLabels::new(&linker);
        let text = if csv {
            plan::plan_csv(site, &labels, go_live, &view.items)
        } else {
            let handbook = site
                .config
                .short_title
                .clone()
                .unwrap_or_else(|| site.config.title.clone());
            let name = match role {
                Some(r) => strings.fill(
                    "plan_calendar_role",
                    &[
                        ("role", &site.pages[r].meta.title.value),
                        ("title", &handbook),
                    ],
                ),
                None => strings.fill("plan_calendar_name", &[("title", &handbook)]),
            };
            // The newest source change: the same input gives the same file.
            let stamp = self
                .prepared
                .stamps
                .of(site, Target::Generated(Generated::Print))
                .map_or_else(
                    || "19700101T000000Z".to_string(),
                    |s| format!("{}T000000Z", s.iso.replace('-', "")),
                );
            plan::plan_ics(site, &labels, go_live, &name, &stamp, &view.items)
        };
        Some(Output::Bytes(text.into_bytes()))
    }

    /// The renderer of version `current` of a build with several versions.
    pub(crate) fn with_versions(
        mut self,
        all: &'a versions::Versions<'a>,
        current: usize,
    ) -> Renderer<'a> {
        self.versions = Some((all, current));
        self
    }

    fn page_view(&self, linker: &Linker, target: Target, heading_level: u8) -> PageView {
        let site = self.site;
        let page = site.page_of(target);
        let index = site.page_id_of(target);
        let content = index.map_or_else(String::new, |i| {
            markdown::render_body(linker, i, &self.theme.strings.get("table"))
        });
        let numbers = index.and_then(|i| site.numbering.headings.get(&i));
        let kind = kind_name(target, site);
        let mut toc: Vec<TocEntry> = page.map_or_else(Vec::new, |p| {
            p.scan
                .headings
                .iter()
                .enumerate()
                .filter(|(_, h)| h.level <= 3)
                .map(|(k, h)| TocEntry {
                    id: linker.anchor_id(&h.id),
                    number: numbers.and_then(|n| n.get(k).cloned().flatten()),
                    title: h.text.clone(),
                    level: h.level.max(2),
                })
                .collect()
        });
        // The generated sections follow the body, except those that lead it.
        let mut sections = BTreeMap::new();
        for section in Owner::of_target(site, target)
            .into_iter()
            .flat_map(resolve::sections::of_owner)
        {
            let view = SectionView {
                id: linker.anchor_id(section.anchor),
                title: self.theme.strings.get(section.key),
                shown: (section.shown)(site, target),
            };
            if view.shown {
                let entry = TocEntry {
                    id: view.id.clone(),
                    number: None,
                    title: view.title.clone(),
                    level: 2,
                };
                if section.leads {
                    toc.insert(0, entry);
                } else {
                    toc.push(entry);
                }
            }
            sections.insert(section.key, view);
        }
        let status = page.map_or(Status::Published, |p| p.meta.status);
        PageView {
            kind,
            title: linker.title(target),
            number: linker.number(target),
            summary: page.and_then(|p| p.meta.summary.clone()),
            status,
            planned_version: page
                .filter(|_| status == Status::Planned)
                .and_then(|p| site.planned_version(p).map(str::to_string)),
            content,
            toc,
            sections,
            ids: linker.id_prefix.clone(),
            anchor: linker.print_anchor(target),
            type_name: linker.type_name(target),
            url: linker.url(target),
            heading_level,
            sub: (heading_level + 1).min(6),
            chapter: site.ancestors(target).is_empty(),
            modified: self.prepared.stamps.of(site, target),
        }
    }

    /// One page with its layout.
    fn page(&self, target: Target) -> Option<String> {
        let site = self.site;
        let linker = self.linker(format!("{}{}", self.prefix, site.local_url(target)));
        let mut ctx = Context::new();
        ctx.insert("page", &self.page_view(&linker, target, 1));
        ctx.insert("data", &data(&linker, target));
        self.layout(&linker, target, &mut ctx);
        self.insert_versions(&linker, target, &mut ctx);
        self.theme.render("page.html", &ctx, self.diags)
    }

    /// The version bar and, on `/versioner/`, the changes of every release.
    fn insert_versions(&self, linker: &Linker, target: Target, ctx: &mut Context) {
        let Some((all, current)) = self.versions else {
            ctx.insert("versions", &None::<()>);
            ctx.insert("release_changes", &Vec::<()>::new());
            return;
        };
        ctx.insert(
            "versions",
            &versions::version_nav(linker, all, current, target),
        );
        if target == Target::Generated(Generated::Versions) {
            ctx.insert("release_changes", &versions::release_changes(linker, all));
        } else {
            ctx.insert("release_changes", &Vec::<()>::new());
        }
    }

    fn layout(&self, linker: &Linker, target: Target, ctx: &mut Context) {
        let site = self.site;
        ctx.insert_value("site", self.site_value(linker, true));
        ctx.insert_value("nav", self.nav(linker, target));
        ctx.insert(
            "print_chapter",
            &print::chapter_of(site, target).map(|c| {
                linker.relative(&linker.in_version(&print_url(site, &PrintScope::Chapter(c))))
            }),
        );
        ctx.insert("breadcrumbs", &layout::breadcrumbs(linker, target));
        let pos = self.prepared.position.get(&target).copied();
        let prev = pos
            .and_then(|p| p.checked_sub(1))
            .map(|p| linker.link(site.order[p]));
        let next = pos
            .and_then(|p| site.order.get(p + 1))
            .map(|t| linker.link(*t));
        ctx.insert("prev", &prev);
        ctx.insert("next", &next);
        let places = self
            .prepared
            .guide_places
            .get(&target)
            .map_or(&[][..], Vec::as_slice);
        ctx.insert("guide_bars", &layout::guide_bars(linker, places));
        ctx.insert("downloads", &downloads::view(linker, self.downloads));
    }

    /// The navigation of the page `target` (see [`nav::nav`]).
    fn nav(&self, linker: &Linker, target: Target) -> tera::Value {
        nav::nav(linker, target, &self.closed_nav, self.theme)
    }

    /// The header and footer facts of a page.
    /// [`Renderer::site_view`] as a template value, made once per way up to
    /// the top; without `planner`, with no planner settings (a print section).
    pub(super) fn site_value(&self, linker: &Linker, planner: bool) -> tera::Value {
        self.site_values.get((linker.folder(""), planner), || {
            let view = if planner {
                self.site_view(linker)
            } else {
                layout::site_view(linker, &self.theme.fingerprints)
            };
            tera::Value::from_serializable(&view)
        })
    }

    fn site_view(&self, linker: &Linker) -> layout::SiteView {
        layout::SiteView {
            planner: self.planner.clone(),
            ..layout::site_view(linker, &self.theme.fingerprints)
        }
    }

    /// The front page when `content/index.md` is missing.
    fn generated_front(&self) -> Option<String> {
        let site = self.site;
        let linker = self.linker(String::new());
        let view = PageView {
            anchor: "s-forside".into(),
            modified: self
                .prepared
                .stamps
                .of(site, Target::Generated(Generated::Print)),
            ..PageView::generated("front", site.config.title.clone(), String::new())
        };
        let mut ctx = Context::new();
        ctx.insert("page", &view);
        ctx.insert("data", &Data::Front(overview::front_view(&linker)));
        let first = site
            .order
            .first()
            .copied()
            .unwrap_or(Target::Generated(Generated::Phases));
        self.layout(&linker, first, &mut ctx);
        ctx.insert_value(
            "nav",
            self.nav(&linker, Target::Generated(Generated::Print)),
        );
        ctx.insert("breadcrumbs", &Vec::<Link>::new());
        ctx.insert("prev", &None::<Link>);
        ctx.insert("next", &Some(linker.link(first)));
        ctx.insert("guide_bars", &Vec::<layout::GuideBar>::new());
        self.theme.render("page.html", &ctx, self.diags)
    }

    fn not_found(&self) -> Option<String> {
        let site = self.site;
        // 404.html is served at any depth: links are absolute from the site's path.
        let base_path = site
            .config
            .base_url
            .as_deref()
            .and_then(|u| u.split_once("://").map(|(_, rest)| rest))
            .and_then(|rest| {
                rest.split_once('/')
                    .map(|(_, p)| format!("/{}", p.trim_end_matches('/')))
            })
            .unwrap_or_default();
        let linker = self.linker(String::new());
        let mut ctx = Context::new();
        let mut view = self.page_view(&linker, Target::Generated(Generated::Print), 1);
        view.kind = "not_found";
        view.title = self.theme.strings.get("not_found_title");
        ctx.insert("page", &view);
        ctx.insert("data", &Data::None);
        let mut site_view = self.site_view(&linker);
        site_view.root = format!("{base_path}/");
        site_view.assets = format!("{base_path}/assets/");
        site_view.asset = layout::asset_urls(&site_view.assets, &self.theme.fingerprints);
        site_view.print_href = format!("{base_path}/print/");
        site_view.versions_href = format!("{base_path}/versioner/");
        site_view.feed_href = format!("{base_path}/feed.xml");
        ctx.insert("site", &site_view);
        ctx.insert_value("nav", nav::none());
        ctx.insert("breadcrumbs", &Vec::<Link>::new());
        ctx.insert("prev", &None::<Link>);
        ctx.insert("next", &None::<Link>);
        ctx.insert("guide_bars", &Vec::<layout::GuideBar>::new());
        self.theme.render("page.html", &ctx, self.diags)
    }
}
