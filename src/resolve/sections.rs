//! The generated sections of pages, declared once: for each, the page it is
//! on, its anchor, the string-table key of its heading (also its name in the
//! templates' `page.sections`) and when it is shown. The table feeds the
//! anchors body headings must not take, the anchors links may point at, the
//! page's contents list and the templates, so a section is shown, listed
//! and linkable under the same condition.

use super::{Site, Target};
use crate::model::{Generated, Page, PageId, PageKind, Status};
use crate::slug::UniqueIds;

/// The page a generated section is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner {
    Phase,
    Role,
    Guide,
    Template,
    Training,
    ReadingGuide,
    Phases,
    Trainings,
    Versions,
}

impl Owner {
    /// The owner of a navigable target's sections.
    pub(crate) fn of_target(site: &Site, target: Target) -> Option<Owner> {
        match target {
            Target::Page(i) => match &site.pages[i].kind {
                PageKind::Intro(_) => None,
                kind => Owner::of_kind(kind),
            },
            Target::Generated(g) => Owner::of_generated(g),
            Target::ReadingGuide(_) => Some(Owner::ReadingGuide),
        }
    }

    /// The owner of a written page's sections: its type, or for the
    /// introduction of a generated page that page.
    fn of_kind(kind: &PageKind) -> Option<Owner> {
        match kind {
            PageKind::Phase(_) => Some(Owner::Phase),
            PageKind::Role(_) => Some(Owner::Role),
            PageKind::Guide(_) => Some(Owner::Guide),
            PageKind::Template(_) => Some(Owner::Template),
            PageKind::Training(_) => Some(Owner::Training),
            PageKind::ReadingGuide(_) => Some(Owner::ReadingGuide),
            PageKind::Intro(g) => Owner::of_generated(*g),
            PageKind::Front | PageKind::Chapter => None,
        }
    }

    fn of_generated(g: Generated) -> Option<Owner> {
        match g {
            Generated::Phases => Some(Owner::Phases),
            Generated::Trainings => Some(Owner::Trainings),
            Generated::Versions => Some(Owner::Versions),
            _ => None,
        }
    }
}

/// One generated section.
pub(crate) struct Section {
    pub owner: Owner,
    /// Its anchor (without a print page's id prefix).
    pub anchor: &'static str,
    /// The string-table key of its heading; also its name in `page.sections`.
    pub key: &'static str,
    /// Listed first in the page's contents (it comes before the body).
    pub leads: bool,
    /// Further anchors inside the section that body headings must not take.
    pub inner: &'static [&'static str],
    /// Whether `target` (a page of the owner's kind) shows the section.
    pub shown: fn(&Site, Target) -> bool,
}

const fn section(
    owner: Owner,
    anchor: &'static str,
    key: &'static str,
    shown: fn(&Site, Target) -> bool,
) -> Section {
    Section {
        owner,
        anchor,
        key,
        leads: false,
        inner: &[],
        shown,
    }
}

fn always(_: &Site, _: Target) -> bool {
    true
}

/// The typed data of the written page of a `Target::Page` of one kind, with its index.
macro_rules! typed_page {
    ($name:ident, $kind:ident, $ty:ty) => {
        fn $name(site: &Site, target: Target) -> Option<(PageId, &$ty)> {
            match target {
                Target::Page(i) => match &site.pages[i].kind {
                    PageKind::$kind(data) => Some((i, data)),
                    _ => None,
                },
                _ => None,
            }
        }
    };
}
typed_page!(phase, Phase, crate::model::Phase);
typed_page!(role, Role, crate::model::Role);
typed_page!(guide, Guide, crate::model::Guide);
typed_page!(template, Template, crate::model::TemplateFile);
typed_page!(training, Training, crate::model::TrainingPlan);

use Owner::{Guide, Phase, Phases, ReadingGuide, Role, Template, Training, Trainings, Versions};

/// Every generated section, in page order within each owner.
pub(crate) static SECTIONS: &[Section] = &[
    Section {
        leads: true,
        ..section(Phases, "model", "model", always)
    },
    section(Phases, "milepaele", "milestones", always),
    section(Phases, "matrix", "workstreams", |site, target| {
        site.children.contains_key(&target) && !site.config.workstreams.is_empty()
    }),
    section(Trainings, "maalgrupper", "target_groups", always),
    section(Trainings, "tidslinje", "timeline", always),
    section(Versions, "udgivelser", "releases", always),
    section(Versions, "planlagt", "planned_pages", |site, _| {
        site.order.iter().any(|t| {
            site.page_of(*t)
                .is_some_and(|p| p.meta.status == Status::Planned)
        })
    }),
    section(ReadingGuide, "laes", "reading_list", always),
    section(ReadingGuide, "senere", "guide_planned", |site, target| {
        reading_guide(site, target).is_some_and(|g| !g.planned.is_empty())
    }),
    Section {
        inner: &["opslag-1", "opslag-2", "opslag-3", "opslag-4", "opslag-5"],
        ..section(ReadingGuide, "opslag", "guide_lookup", |site, target| {
            reading_guide(site, target).is_some_and(|g| !g.lookup.is_empty())
        })
    },
    section(Phase, "underfaser", "subphases", |site, target| {
        site.children.contains_key(&target)
    }),
    section(Phase, "milepaele", "milestones", |site, target| {
        phase(site, target).is_some_and(|(_, p)| !p.milestones.is_empty())
    }),
    section(Phase, "roller", "roles", |site, target| {
        phase(site, target).is_some_and(|(_, p)| !p.roles.is_empty())
    }),
    section(Phase, "aktiviteter", "activities", |site, target| {
        phase(site, target).is_some_and(|(_, p)| !p.activities.is_empty())
    }),
    section(Phase, "vejledninger", "guides", |site, target| {
        phase(site, target).is_some_and(|(i, _)| site.reverse.phase_guides.contains_key(&i))
    }),
    section(Role, "ansvar", "responsibilities", |site, target| {
        role(site, target).is_some_and(|(_, r)| !r.responsibilities.is_empty())
    }),
    section(Role, "faser", "role_phases", |site, target| {
        role(site, target).is_some_and(|(i, _)| site.reverse.role_phases.contains_key(&i))
    }),
    section(Role, "aktiviteter", "role_activities", |site, target| {
        role(site, target).is_some_and(|(i, _)| site.reverse.role_activities.contains_key(&i))
    }),
    section(Role, "vejledninger", "role_guides", |site, target| {
        role(site, target).is_some_and(|(i, _)| site.reverse.role_guides.contains_key(&i))
    }),
    section(Role, "uddannelse", "role_trainings", |site, target| {
        role(site, target).is_some_and(|(i, _)| site.reverse.role_trainings.contains_key(&i))
    }),
    section(Role, "skabeloner", "role_templates", |site, target| {
        role(site, target).is_some_and(|(i, _)| {
            let guides = site.reverse.role_guides.get(&i).into_iter().flatten();
            guides.into_iter().any(|(g, _)| {
                matches!(&site.pages[*g].kind, PageKind::Guide(guide) if !guide.templates.is_empty())
            })
        })
    }),
    section(Guide, "deltagere", "participants", |site, target| {
        guide(site, target).is_some_and(|(_, g)| !g.roles.is_empty())
    }),
    section(Guide, "foer", "before", |site, target| {
        guide(site, target).is_some_and(|(_, g)| !g.before.is_empty())
    }),
    section(Guide, "dagsorden", "agenda", |site, target| {
        guide(site, target).is_some_and(|(_, g)| !g.agenda.is_empty())
    }),
    section(Guide, "efter", "after", |site, target| {
        guide(site, target).is_some_and(|(_, g)| !g.after.is_empty())
    }),
    section(Guide, "skabeloner", "templates", |site, target| {
        guide(site, target).is_some_and(|(_, g)| !g.templates.is_empty())
    }),
    section(
        Guide,
        "aktiviteter-med-vejledningen",
        "used_in_activities",
        |site, target| {
            guide(site, target).is_some_and(|(i, _)| site.reverse.guide_activities.contains_key(&i))
        },
    ),
    section(Template, "download", "download", always),
    section(Template, "bruges-i", "used_in", |site, target| {
        template(site, target).is_some_and(|(i, _)| {
            site.reverse.template_guides.contains_key(&i)
                || site.reverse.template_activities.contains_key(&i)
        })
    }),
    section(Training, "forloeb", "courses", |site, target| {
        training(site, target).is_some_and(|(_, t)| !t.courses.is_empty())
    }),
    section(Training, "selvstudie", "self_study", |site, target| {
        training(site, target).is_some_and(|(_, t)| !t.self_study.is_empty())
    }),
    section(Training, "efteruddannelse", "continuing", |site, target| {
        training(site, target).is_some_and(|(_, t)| !t.continuing.is_empty())
    }),
    section(
        Training,
        "oevrige-aktiviteter",
        "other_activities",
        |site, target| training(site, target).is_some_and(|(_, t)| !t.other_activities.is_empty()),
    ),
];

fn reading_guide(site: &Site, target: Target) -> Option<&super::guides::ReadingGuide> {
    match target {
        Target::ReadingGuide(a) => site.reading.get(a),
        _ => None,
    }
}

/// The sections a page of this owner may show, in page order.
pub(crate) fn of_owner(owner: Owner) -> impl Iterator<Item = &'static Section> {
    SECTIONS.iter().filter(move |s| s.owner == owner)
}

/// Gives every body heading of `page` its id: its own `{#id}`, or one made
/// from its text that neither an earlier heading nor a generated part of
/// the page (a section, an activity) uses.
pub(crate) fn assign_heading_ids(page: &mut Page) {
    let mut ids = UniqueIds::default();
    let owner = Owner::of_kind(&page.kind);
    for s in owner.into_iter().flat_map(of_owner) {
        ids.reserve(s.anchor);
        for inner in s.inner {
            ids.reserve(inner);
        }
    }
    if let PageKind::Phase(phase) = &page.kind {
        for a in &phase.activities {
            ids.reserve(&a.id);
        }
    }
    for h in &mut page.scan.headings {
        match &h.custom_id {
            Some(custom) => {
                ids.reserve(custom);
                h.id = custom.clone();
            }
            None => h.id = ids.id_for(&h.text),
        }
    }
}

impl Site {
    /// Anchors of the generated sections of `target` that are shown, and
    /// of the other elements a link may point at (activities, releases).
    pub(crate) fn section_anchors(&self, target: Target) -> Vec<String> {
        let mut anchors: Vec<String> = self
            .sections(target)
            .map(|s| s.anchor.to_string())
            .collect();
        match target {
            Target::Generated(Generated::Versions) => anchors.extend(
                self.config
                    .releases
                    .iter()
                    .map(|r| format!("v{}", crate::slug::slugify(&r.version))),
            ),
            Target::Page(i) => {
                if let PageKind::Phase(p) = &self.pages[i].kind {
                    anchors.extend(p.activities.iter().map(|a| a.id.clone()));
                }
            }
            _ => {}
        }
        anchors
    }

    /// The generated sections `target` shows, in page order.
    pub(crate) fn sections(&self, target: Target) -> impl Iterator<Item = &'static Section> + '_ {
        Owner::of_target(self, target)
            .into_iter()
            .flat_map(of_owner)
            .filter(move |s| (s.shown)(self, target))
    }
}
