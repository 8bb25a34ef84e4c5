//! Stage 2, resolve: turn loaded pages into a [`Site`]: ids and URLs, checked
//! references and links, handbook order and numbering, reverse indexes and
//! reading guides. A `Site` is a plain value built from one content tree.

pub(crate) mod guides;
pub(crate) mod links;
pub(crate) mod order;
pub(crate) mod plan;
pub(crate) mod refs;
pub(crate) mod reverse;
pub(crate) mod sections;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::diagnostics::{Diagnostics, did_you_mean};
use crate::load::{Loaded, slug_of_path};
use crate::model::*;
pub(crate) use guides::ReadingGuide;
pub(crate) use order::{NavNode, Numbering};
pub(crate) use reverse::Reverse;

/// Choices that change what a build contains.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Include pages with `status: draft`.
    pub drafts: bool,
    /// Overrides `base_url` of handbook.yaml.
    pub base_url: Option<String>,
    /// The go-live date (`--go-live`); overrides `go_live.date` of handbook.yaml.
    pub go_live: Option<crate::calendar::GoLive>,
    /// What `build` publishes besides the site (`--pdf`, `--zip`).
    pub publish: Publish,
}

/// What a build publishes besides the site (made by [`crate::publish`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Publish {
    /// `--pdf`: the whole handbook as a PDF in every version's folder.
    pub pdf: bool,
    /// `--zip`: every version as a zip file that works offline.
    pub zip: bool,
}

/// Something a reader can navigate to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Target {
    /// A written page.
    Page(PageId),
    /// A generated page such as `/faser/` or `/opgaver/`.
    Generated(Generated),
    /// The generated reading guide of an audience (index into the audiences).
    ReadingGuide(usize),
}

/// A resolved, cross-linked handbook ready to render.
#[derive(Debug)]
pub(crate) struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// The pages that are built (drafts only with `--drafts`).
    pub pages: Vec<Page>,
    pub attachments: Vec<Attachment>,
    /// The files of the site's `static/` folder (relative to it).
    pub statics: Vec<String>,
    /// Typed pages by type and id.
    pub typed: HashMap<(PageType, String), PageId>,
    /// Free pages by id and by path (without `.md`).
    pub free_by_id: HashMap<String, Vec<PageId>>,
    pub free_by_path: HashMap<String, PageId>,
    /// Every page by its path under `content/`.
    pub by_rel: HashMap<String, PageId>,
    /// Every navigable target by its URL within the version (`roller/a/`).
    pub by_url: HashMap<String, Target>,
    /// Pages of the content that are drafts and left out of this build: (scheme, id).
    pub left_out: HashSet<(String, String)>,
    pub front: Option<PageId>,
    /// Editor-written introductions of generated pages.
    pub intros: HashMap<Generated, PageId>,
    /// Reading guide introductions by audience index.
    pub guide_intros: HashMap<usize, PageId>,
    /// The navigation tree below the front page, in handbook order.
    pub nav: Vec<NavNode>,
    /// Handbook order: every target once, front page first.
    pub order: Vec<Target>,
    /// The nav parent of each target (None for top level).
    pub parents: HashMap<Target, Target>,
    /// The nav children of each target, in order.
    pub children: HashMap<Target, Vec<Target>>,
    pub numbering: Numbering,
    pub reverse: Reverse,
    /// The reading guide of each audience: steps, pages to look up, planned pages.
    pub reading: Vec<guides::ReadingGuide>,
    /// Activities, courses, milestones and meetings with their weeks.
    pub plan: plan::Plan,
    /// Each page's body links, resolved (by page, then offset in the body).
    pub body_links: Vec<links::BodyLinks>,
    pub options: BuildOptions,
    /// Each page's URL within its version, made once (every link asks for it).
    page_urls: Vec<String>,
}

impl Site {
    /// Resolves a loaded tree; problems go to `diags`, and the site is still built
    /// as far as it can be so every error of the run is found.
    pub(crate) fn resolve(loaded: Loaded, options: BuildOptions, diags: &Diagnostics) -> Site {
        let Loaded {
            root,
            mut config,
            pages,
            attachments,
            statics,
        } = loaded;
        if let Some(url) = &options.base_url {
            config.base_url = Some(url.clone());
        }
        let mut options = options;
        if options.go_live.is_none() {
            options.go_live = config
                .go_live_date
                .as_deref()
                .and_then(crate::calendar::GoLive::parse);
        }
        let mut left_out = HashSet::new();
        let pages: Vec<Page> = pages
            .into_iter()
            .map(|mut p| {
                sections::assign_heading_ids(&mut p);
                p
            })
            .filter(|p| {
                let keep = options.drafts || p.meta.status != Status::Draft;
                if !keep {
                    left_out.insert((scheme_of(&p.kind).to_string(), p.meta.id.value.clone()));
                }
                keep
            })
            .collect();
        let mut site = Site {
            root,
            config,
            pages,
            attachments,
            statics,
            typed: HashMap::new(),
            free_by_id: HashMap::new(),
            free_by_path: HashMap::new(),
            by_rel: HashMap::new(),
            by_url: HashMap::new(),
            left_out,
            front: None,
            intros: HashMap::new(),
            guide_intros: HashMap::new(),
            nav: Vec::new(),
            order: Vec::new(),
            parents: HashMap::new(),
            children: HashMap::new(),
            numbering: Numbering::default(),
            reverse: Reverse::default(),
            reading: Vec::new(),
            plan: plan::Plan::default(),
            body_links: Vec::new(),
            options,
            page_urls: Vec::new(),
        };
        site.page_urls = site.page_ids().map(|i| site.make_page_url(i)).collect();
        refs::look_up_entries(&mut site);
        site.index_pages(diags);
        refs::look_up(&mut site);
        refs::attach_templates(&mut site, diags);
        order::build(&mut site);
        refs::check(&site, diags);
        site.reverse = Reverse::build(&site);
        site.reading = guides::build(&site, diags);
        site.body_links = links::resolve_all(&site, diags);
        site.plan = plan::Plan::build(&site);
        site
    }

    /// Fills the id and path lookups and reports duplicates.
    fn index_pages(&mut self, diags: &Diagnostics) {
        let mut chapter_urls: HashMap<String, PageId> = HashMap::new();
        for (i, page) in PageId::all(self.pages.len()).zip(&self.pages) {
            self.by_rel.insert(page.rel.clone(), i);
            let id = page.meta.id.value.clone();
            let duplicate = match &page.kind {
                PageKind::Front => self.front.replace(i),
                PageKind::Intro(g) => self.intros.insert(*g, i),
                PageKind::Chapter => {
                    for path in free_page_paths(&page.rel) {
                        self.free_by_path.insert(path, i);
                    }
                    self.free_by_id.entry(id.clone()).or_default().push(i);
                    chapter_urls.insert(self.page_url(i), i)
                }
                PageKind::ReadingGuide(g) => match g.audience {
                    Some(a) => self.guide_intros.insert(a, i),
                    None if self.config.partial_lists.contains(&"audiences") => None,
                    None => {
                        diags.error_help(
                            &page.source,
                            page.meta.id.pos,
                            format!("reading guide '{id}' is not an audience in handbook.yaml"),
                            did_you_mean(&id, self.config.audiences.iter().map(|a| a.id.as_str()))
                                .or_else(|| {
                                    Some(
                                        "add the audience under 'audiences:' in handbook.yaml"
                                            .into(),
                                    )
                                }),
                        );
                        None
                    }
                },
                kind => {
                    let t = kind.page_type().expect("typed page");
                    self.typed.insert((t, id.clone()), i)
                }
            };
            if let Some(first) = duplicate {
                let first = crate::diagnostics::display_path(&self.pages[first].source);
                diags.error(
                    &page.source,
                    page.meta.id.pos,
                    format!("'{id}' is defined twice: {first} has the same id or URL"),
                );
            }
        }
    }

    /// The URL of a target within its version, without the folder the
    /// version is rendered into (the linker adds that): `roller/gevinstejer/`,
    /// `` for the front page.
    pub(crate) fn local_url(&self, target: Target) -> String {
        match target {
            Target::Page(i) => self.page_url(i),
            Target::Generated(g) => format!("{}/", g.folder()),
            Target::ReadingGuide(a) => {
                format!("laesevejledninger/{}/", self.config.audiences[a].id)
            }
        }
    }

    fn page_url(&self, i: PageId) -> String {
        self.page_urls[i.index()].clone()
    }

    fn make_page_url(&self, i: PageId) -> String {
        let page = &self.pages[i];
        match &page.kind {
            PageKind::Front => String::new(),
            PageKind::Chapter => format!("{}/", slug_of_path(&page.rel)),
            PageKind::Intro(g) => format!("{}/", g.folder()),
            PageKind::ReadingGuide(_) => format!("laesevejledninger/{}/", page.meta.id.value),
            kind => format!(
                "{}/{}/",
                kind.page_type().expect("typed").folder(),
                page.meta.id.value
            ),
        }
    }

    /// The target a page is shown as (intros are shown as their generated page).
    pub(crate) fn target_of(&self, i: PageId) -> Target {
        match &self.pages[i].kind {
            PageKind::Intro(g) => Target::Generated(*g),
            PageKind::ReadingGuide(g) => g.audience.map_or(Target::Page(i), Target::ReadingGuide),
            _ => Target::Page(i),
        }
    }

    /// The page whose body and front matter a target shows, if any.
    pub(crate) fn page_of(&self, target: Target) -> Option<&Page> {
        self.page_id_of(target).map(|i| &self.pages[i])
    }

    /// The id of the page a target shows, if any: [`Site::page_of`]'s page.
    pub(crate) fn page_id_of(&self, target: Target) -> Option<PageId> {
        match target {
            Target::Page(i) => Some(i),
            Target::Generated(g) => self.intros.get(&g).copied(),
            Target::ReadingGuide(a) => self.guide_intros.get(&a).copied(),
        }
    }

    /// The ancestors of a target in the navigation tree, outermost first.
    pub(crate) fn ancestors(&self, target: Target) -> Vec<Target> {
        let mut chain = Vec::new();
        let mut t = target;
        while let Some(p) = self.parents.get(&t) {
            chain.push(*p);
            t = *p;
            // A parent cycle is reported by `refs`; this bound keeps the walk finite.
            if chain.len() > 64 {
                break;
            }
        }
        chain.reverse();
        chain
    }

    /// The children of a target in the navigation tree.
    pub(crate) fn nav_children(&self, target: Target) -> Vec<Target> {
        self.children.get(&target).cloned().unwrap_or_default()
    }

    /// Where the link at byte `offset` of page `page`'s body leads; None
    /// when it leads nowhere (it was reported) or there is no link there.
    pub(crate) fn body_link(&self, page: PageId, offset: usize) -> Option<&links::LinkTarget> {
        self.body_links.get(page.index())?.get(&offset)
    }

    /// A page of the site.
    pub(crate) fn page(&self, id: PageId) -> &Page {
        &self.pages[id]
    }

    /// Every page of the site, in the order they were loaded.
    pub(crate) fn page_ids(&self) -> impl DoubleEndedIterator<Item = PageId> + Clone + use<> {
        PageId::all(self.pages.len())
    }

    /// Every page of the site with its id, in the order they were loaded.
    pub(crate) fn pages_with_ids(&self) -> impl Iterator<Item = (PageId, &Page)> {
        self.page_ids().zip(&self.pages)
    }

    /// Pages of one type, in handbook order.
    pub(crate) fn pages_of_type(&self, t: PageType) -> impl Iterator<Item = (PageId, &Page)> {
        self.order.iter().filter_map(move |target| match target {
            Target::Page(i) if self.pages[*i].kind.page_type() == Some(t) => {
                Some((*i, &self.pages[*i]))
            }
            _ => None,
        })
    }

    /// The version the working copy prepares, for "forventes i version X".
    pub(crate) fn planned_version<'a>(&'a self, page: &'a Page) -> Option<&'a str> {
        page.meta
            .planned_for
            .as_deref()
            .or(self.config.version.as_deref())
    }
}

/// The paths a `side:` link may name a free page by: its path without `.md`
/// (`kom-i-gang/foerste-skridt`), its folder for an `index.md`, and the
/// slugged URL path.
pub(crate) fn free_page_paths(rel: &str) -> Vec<String> {
    let path = rel.trim_end_matches(".md");
    let mut paths = vec![path.to_string(), slug_of_path(rel)];
    if let Some(folder) = path.strip_suffix("/index") {
        paths.push(folder.to_string());
    }
    paths
}

/// The typed-link scheme of a page kind (`side` for free pages).
pub(crate) fn scheme_of(kind: &PageKind) -> &'static str {
    kind.page_type().map_or("side", PageType::scheme)
}
