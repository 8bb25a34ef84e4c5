//! Views of the typed pages: phases, roles, guides, templates, training plans
//! and reading guides, with their cross-links both ways.

use serde::Serialize;

use super::{ActivityView, activity_view, format_minutes, format_size, workstream_title};
use crate::model::Weeks;
use crate::model::*;
use crate::render::links::{Link, Linker};
use crate::resolve::Target;
use crate::resolve::reverse::Involvement;

#[derive(Serialize)]
pub(crate) struct PhaseView {
    pub label: Option<String>,
    pub weeks: Option<Weeks>,
    pub parent: Option<Link>,
    pub subphases: Vec<PhaseSummary>,
    pub milestones: Vec<MilestoneView>,
    pub workstreams: Vec<String>,
    pub roles: Vec<RoleRow>,
    pub activities: Vec<ActivityView>,
    pub guides: Vec<Link>,
}

#[derive(Serialize)]
pub(crate) struct PhaseSummary {
    pub link: Link,
    pub label: Option<String>,
    pub weeks: Option<Weeks>,
    pub summary: Option<String>,
    pub milestones: Vec<MilestoneView>,
    pub children: Vec<PhaseSummary>,
}

#[derive(Serialize, Clone)]
pub(crate) struct MilestoneView {
    pub title: String,
    pub week: i64,
}

#[derive(Serialize)]
pub(crate) struct RoleRow {
    pub role: Link,
    pub text: String,
    /// In a table of roles: the role's plan (`/opgaver/<role-id>/`).
    pub plan: Option<String>,
}

/// The link to a role's plan, when the role is part of the build.
pub(crate) fn role_plan_href(linker: &Linker, role: Option<PageId>) -> Option<String> {
    let role_id = &linker.site.page(role?).meta.id.value;
    Some(linker.relative(&linker.in_version(&crate::render::plan::role_plan_url(role_id))))
}

/// "Fase 2" for a phase, "2.2" for the second sub-phase of phase 2.
pub(crate) fn phase_label(linker: &Linker, index: PageId) -> Option<String> {
    let site = linker.site;
    let PageKind::Phase(phase) = &site.pages[index].kind else {
        return None;
    };
    let target = Target::Page(index);
    match site.parents.get(&target) {
        Some(Target::Page(parent)) => {
            let parent_number = match &site.pages[*parent].kind {
                PageKind::Phase(p) => p.phase.as_ref().map(|n| n.value.to_string()),
                _ => None,
            }?;
            let siblings = site.nav_children(Target::Page(*parent));
            let k = siblings.iter().position(|t| *t == target)? + 1;
            Some(format!("{parent_number}.{k}"))
        }
        _ => phase.phase.as_ref().map(|n| {
            linker
                .strings
                .fill("phase_label", &[("number", &n.value.to_string())])
        }),
    }
}

fn milestones(p: &Phase) -> Vec<MilestoneView> {
    p.milestones
        .iter()
        .map(|m| MilestoneView {
            title: m.title.clone(),
            week: m.week,
        })
        .collect()
}

/// A phase and its sub-phases for overviews.
pub(crate) fn phase_summary(linker: &Linker, index: PageId) -> PhaseSummary {
    let site = linker.site;
    let page = &site.pages[index];
    let (weeks, ms) = match &page.kind {
        PageKind::Phase(p) => (p.weeks.as_ref().map(|w| w.value), milestones(p)),
        _ => (None, Vec::new()),
    };
    PhaseSummary {
        link: linker.link(Target::Page(index)),
        label: phase_label(linker, index),
        weeks,
        summary: page.meta.summary.clone(),
        milestones: ms,
        children: site
            .nav_children(Target::Page(index))
            .into_iter()
            .filter_map(|t| match t {
                Target::Page(j) => Some(phase_summary(linker, j)),
                _ => None,
            })
            .collect(),
    }
}

pub(crate) fn phase_view(linker: &Linker, index: PageId, phase: &Phase) -> PhaseView {
    let site = linker.site;
    PhaseView {
        label: phase_label(linker, index),
        weeks: phase.weeks.as_ref().map(|w| w.value),
        parent: site
            .parents
            .get(&Target::Page(index))
            .filter(|t| matches!(t, Target::Page(_)))
            .map(|t| linker.link(*t)),
        subphases: site
            .nav_children(Target::Page(index))
            .into_iter()
            .filter_map(|t| match t {
                Target::Page(j) => Some(phase_summary(linker, j)),
                _ => None,
            })
            .collect(),
        milestones: milestones(phase),
        workstreams: phase
            .workstreams
            .iter()
            .map(|w| workstream_title(site, w))
            .collect(),
        roles: phase
            .roles
            .iter()
            .map(|r| RoleRow {
                role: linker.reference(&r.role),
                text: r.responsibility.clone(),
                plan: role_plan_href(linker, r.role.page),
            })
            .collect(),
        activities: (0..phase.activities.len())
            .filter_map(|k| {
                activity_view(
                    linker,
                    crate::resolve::reverse::ActivityRef {
                        phase: index,
                        index: k,
                    },
                )
            })
            .collect(),
        guides: site
            .reverse
            .phase_guides
            .get(&index)
            .map_or_else(Vec::new, |g| {
                g.iter().map(|i| linker.link(Target::Page(*i))).collect()
            }),
    }
}

#[derive(Serialize)]
pub(crate) struct RoleView {
    pub organisation: Option<String>,
    pub typical_holder: Option<String>,
    pub aka: Vec<String>,
    pub responsibilities: Vec<String>,
    pub phases: Vec<RoleRow>,
    pub activities: Vec<RoleActivity>,
    pub guides: Vec<RoleRow>,
    pub trainings: Vec<RoleTraining>,
    pub templates: Vec<Link>,
    pub reading_guide: Option<Link>,
    /// The role's plan (`/opgaver/<role-id>/`).
    pub plan: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct RoleActivity {
    pub activity: ActivityView,
    pub responsible: bool,
}

#[derive(Serialize)]
pub(crate) struct RoleTraining {
    pub plan: Link,
    pub teacher: bool,
}

pub(crate) fn role_view(linker: &Linker, index: PageId, role: &Role) -> RoleView {
    let site = linker.site;
    let r = &site.reverse;
    let organisation = role.organisation.as_ref().map(|o| {
        site.config
            .entry(o)
            .map_or_else(|| o.value.clone(), |x| x.title.clone())
    });
    let phases = r.role_phases.get(&index).map_or_else(Vec::new, |rows| {
        rows.iter()
            .filter_map(|(p, row)| match &site.pages[*p].kind {
                PageKind::Phase(phase) => Some(RoleRow {
                    role: linker.link(Target::Page(*p)),
                    text: phase.roles[*row].responsibility.clone(),
                    plan: None,
                }),
                _ => None,
            })
            .collect()
    });
    let guides_of_role: Vec<(PageId, usize)> =
        r.role_guides.get(&index).cloned().unwrap_or_default();
    let guides = guides_of_role
        .iter()
        .filter_map(|(g, row)| match &site.pages[*g].kind {
            PageKind::Guide(guide) => Some(RoleRow {
                role: linker.link(Target::Page(*g)),
                text: guide.roles[*row].part.clone().unwrap_or_default(),
                plan: None,
            }),
            _ => None,
        })
        .collect();
    let mut templates: Vec<Link> = Vec::new();
    for (g, _) in &guides_of_role {
        if let PageKind::Guide(guide) = &site.pages[*g].kind {
            for t in &guide.templates {
                let link = linker.reference(t);
                if !templates.contains(&link) {
                    templates.push(link);
                }
            }
        }
    }
    RoleView {
        organisation,
        typical_holder: role.typical_holder.clone(),
        aka: role.aka.clone(),
        responsibilities: role.responsibilities.clone(),
        phases,
        activities: r.role_activities.get(&index).map_or_else(Vec::new, |list| {
            list.iter()
                .filter_map(|(a, how)| {
                    Some(RoleActivity {
                        activity: activity_view(linker, *a)?,
                        responsible: *how == Involvement::Responsible,
                    })
                })
                .collect()
        }),
        guides,
        trainings: r.role_trainings.get(&index).map_or_else(Vec::new, |list| {
            list.iter()
                .map(|(t, teacher)| RoleTraining {
                    plan: linker.link(Target::Page(*t)),
                    teacher: *teacher,
                })
                .collect()
        }),
        templates,
        reading_guide: r
            .role_audience
            .get(&index)
            .map(|a| linker.link(Target::ReadingGuide(*a))),
        plan: role_plan_href(linker, Some(index)),
    }
}

#[derive(Serialize)]
pub(crate) struct GuideView {
    pub kind: String,
    pub workstream: Option<String>,
    pub phases: Vec<Link>,
    pub purpose: Option<String>,
    pub roles: Vec<RoleRow>,
    pub location: Option<String>,
    pub templates: Vec<TemplateCard>,
    pub before: Vec<String>,
    pub after: Vec<String>,
    pub agenda: Vec<AgendaRow>,
    pub total: Option<String>,
    pub activities: Vec<ActivityView>,
}

#[derive(Serialize)]
pub(crate) struct AgendaRow {
    pub start: String,
    pub minutes: i64,
    pub item: String,
    pub description: Option<String>,
    pub materials: Vec<String>,
    pub outcome: Option<String>,
}

/// A template as a download card.
#[derive(Serialize)]
pub(crate) struct TemplateCard {
    pub link: Link,
    pub download: Option<String>,
    pub format: String,
    pub extension: String,
    pub size: String,
    pub file_name: String,
}

/// The card of template page `page`; only its id as written when the build has no such page.
pub(crate) fn template_card(linker: &Linker, page: Option<PageId>, id: &str) -> TemplateCard {
    let link = linker.page_or_id(page, id);
    let template = page.and_then(|i| match &linker.site.page(i).kind {
        PageKind::Template(t) => Some(t),
        _ => None,
    });
    let (download, extension, size, file_name) =
        match template.and_then(|t| t.attachment.as_ref().map(|a| (t, a))) {
            Some((t, rel)) => {
                let name = rel.rsplit('/').next().unwrap_or(rel).to_string();
                let ext = name
                    .rsplit_once('.')
                    .map_or(String::new(), |(_, e)| e.to_lowercase());
                (
                    Some(
                        linker
                            .href_for(&crate::resolve::links::LinkTarget::Attachment {
                                rel: rel.clone(),
                                fragment: None,
                            })
                            .unwrap_or_default(),
                    ),
                    ext,
                    format_size(t.size),
                    name,
                )
            }
            None => (None, String::new(), String::new(), String::new()),
        };
    let format_key = match extension.as_str() {
        "docx" | "doc" => "format_docx",
        "xlsx" | "xls" => "format_xlsx",
        "pptx" | "ppt" => "format_pptx",
        "pdf" => "format_pdf",
        _ => "format_other",
    };
    TemplateCard {
        link,
        download,
        format: linker.strings.get(format_key),
        extension,
        size,
        file_name,
    }
}

pub(crate) fn guide_view(linker: &Linker, index: PageId, guide: &Guide) -> GuideView {
    let site = linker.site;
    let mut start = 0;
    let agenda = guide
        .agenda
        .iter()
        .map(|a| {
            let row = AgendaRow {
                start: format_minutes(start),
                minutes: a.minutes,
                item: a.item.clone(),
                description: a.description.clone(),
                materials: a.materials.clone(),
                outcome: a.outcome.clone(),
            };
            start += a.minutes;
            row
        })
        .collect();
    let total = if guide.agenda.is_empty() {
        guide.duration_minutes.as_ref().map(|d| d.value)
    } else {
        Some(start)
    };
    GuideView {
        kind: guide.kind.label(|k| linker.strings.get(k)),
        workstream: guide.workstream.as_ref().map(|w| workstream_title(site, w)),
        phases: guide.phases.iter().map(|p| linker.reference(p)).collect(),
        purpose: guide.purpose.clone(),
        roles: guide
            .roles
            .iter()
            .map(|r| RoleRow {
                role: linker.reference(&r.role),
                text: r.part.clone().unwrap_or_default(),
                plan: role_plan_href(linker, r.role.page),
            })
            .collect(),
        location: guide.location.clone(),
        templates: guide
            .templates
            .iter()
            .map(|t| template_card(linker, t.page, &t.value))
            .collect(),
        before: guide.before.clone(),
        after: guide.after.clone(),
        agenda,
        total: total.map(format_minutes),
        activities: site
            .reverse
            .guide_activities
            .get(&index)
            .map_or_else(Vec::new, |list| {
                list.iter()
                    .filter_map(|a| activity_view(linker, *a))
                    .collect()
            }),
    }
}

#[derive(Serialize)]
pub(crate) struct TemplateView {
    pub card: TemplateCard,
    pub workstream: Option<String>,
    pub guides: Vec<Link>,
    pub activities: Vec<ActivityView>,
}

pub(crate) fn template_view(linker: &Linker, index: PageId, t: &TemplateFile) -> TemplateView {
    let site = linker.site;
    TemplateView {
        card: template_card(linker, Some(index), &site.pages[index].meta.id.value),
        workstream: t.workstream.as_ref().map(|w| workstream_title(site, w)),
        guides: site
            .reverse
            .template_guides
            .get(&index)
            .map_or_else(Vec::new, |g| {
                g.iter().map(|i| linker.link(Target::Page(*i))).collect()
            }),
        activities: site
            .reverse
            .template_activities
            .get(&index)
            .map_or_else(Vec::new, |list| {
                list.iter()
                    .filter_map(|a| activity_view(linker, *a))
                    .collect()
            }),
    }
}

#[derive(Serialize)]
pub(crate) struct TrainingView {
    pub target: Option<Link>,
    pub courses: Vec<CourseView>,
    pub self_study: Vec<String>,
    pub continuing: Vec<String>,
    pub other_activities: Vec<String>,
}

#[derive(Serialize)]
pub(crate) struct CourseView {
    pub title: String,
    pub form: Option<String>,
    pub duration: Option<String>,
    pub weeks: Option<Weeks>,
    pub held_by: Option<Link>,
    pub optional: bool,
}

pub(crate) fn training_view(linker: &Linker, plan: &TrainingPlan) -> TrainingView {
    TrainingView {
        target: plan.target.as_ref().map(|t| linker.reference(t)),
        courses: plan
            .courses
            .iter()
            .map(|c| CourseView {
                title: c.title.clone(),
                form: c.form.map(|f| f.label(|k| linker.strings.get(k))),
                duration: c.duration.clone(),
                weeks: c.weeks.as_ref().map(|w| w.value),
                held_by: c.held_by.as_ref().map(|r| linker.reference(r)),
                optional: c.optional,
            })
            .collect(),
        self_study: plan.self_study.clone(),
        continuing: plan.continuing.clone(),
        other_activities: plan.other_activities.clone(),
    }
}

#[derive(Serialize)]
pub(crate) struct ReadingGuideView {
    pub audience: String,
    pub description: Option<String>,
    pub role: Option<Link>,
    pub steps: Vec<StepView>,
    /// "Til opslag": roles, guides, templates and overviews, by type.
    pub lookup: Vec<LookupGroup>,
    /// Named pages that come in a later version.
    pub planned: Vec<PlannedLink>,
    /// The first page of the guide, for "Begynd at læse".
    pub first: Option<Link>,
    /// The guide on paper: `/print/laesevejledning/<audience>/`.
    pub print_href: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct StepView {
    /// The step's page, opened in the guide; without href when the step
    /// gathers sections named without their chapter.
    pub link: Link,
    pub summary: Option<String>,
    pub type_name: Option<String>,
    /// "Læsetid ca. 6 min."
    pub reading_time: String,
    /// The sections the step walks after its page.
    pub sections: Vec<Link>,
}

#[derive(Serialize)]
pub(crate) struct LookupGroup {
    pub title: String,
    pub links: Vec<Link>,
}

#[derive(Serialize)]
pub(crate) struct PlannedLink {
    pub link: Link,
    pub version: Option<String>,
}

/// The groups of "Til opslag", in the order shown, by the key of their title.
const LOOKUP_GROUPS: [&str; 5] = [
    "roles_title",
    "guides_title",
    "templates_title",
    "reading_guides_title",
    "overviews_title",
];

fn lookup_group(site: &crate::resolve::Site, t: Target) -> &'static str {
    match t {
        Target::ReadingGuide(_) => LOOKUP_GROUPS[3],
        Target::Generated(_) => LOOKUP_GROUPS[4],
        Target::Page(i) => match site.pages[i].kind.page_type() {
            Some(PageType::Role) => LOOKUP_GROUPS[0],
            Some(PageType::Guide) => LOOKUP_GROUPS[1],
            Some(PageType::Template) => LOOKUP_GROUPS[2],
            Some(PageType::ReadingGuide) => LOOKUP_GROUPS[3],
            _ => LOOKUP_GROUPS[4],
        },
    }
}

pub(crate) fn reading_guide_view(linker: &Linker, audience: usize) -> ReadingGuideView {
    let site = linker.site;
    let a = &site.config.audiences[audience];
    let guide = &site.reading[audience];
    let anchor = crate::render::layout::guide_anchor(&a.id);
    // A link that opens the page in the guide: its reading-guide bar is the target.
    let along = |t: Target| {
        let mut link = linker.link(t);
        if let (false, Some(href)) = (linker.print, link.href.as_mut()) {
            href.push('#');
            href.push_str(&anchor);
        }
        link
    };
    let steps = guide
        .steps
        .iter()
        .map(|step| {
            let page = site.page_of(step.head);
            let mut link = along(step.head);
            if !step.reads_head() {
                link.href = None;
            }
            StepView {
                link,
                summary: page.and_then(|p| p.meta.summary.clone()),
                type_name: linker.type_name(step.head),
                reading_time: linker.strings.fill(
                    "guide_reading_time",
                    &[("minutes", &step.minutes.to_string())],
                ),
                sections: step.sections().iter().map(|t| along(*t)).collect(),
            }
        })
        .collect();
    let lookup = LOOKUP_GROUPS
        .iter()
        .filter_map(|key| {
            let links: Vec<Link> = guide
                .lookup
                .iter()
                .filter(|t| lookup_group(site, **t) == *key)
                .map(|t| linker.link(*t))
                .collect();
            (!links.is_empty()).then(|| LookupGroup {
                title: linker.strings.get(key),
                links,
            })
        })
        .collect();
    ReadingGuideView {
        audience: a.title.clone(),
        description: a.description.clone(),
        role: a.role.as_ref().map(|r| linker.reference(r)),
        steps,
        lookup,
        planned: guide
            .planned
            .iter()
            .map(|t| PlannedLink {
                link: linker.link(*t),
                version: site
                    .page_of(*t)
                    .and_then(|p| site.planned_version(p))
                    .map(str::to_string),
            })
            .collect(),
        first: guide.walk().next().map(along),
        print_href: (!linker.print && !guide.steps.is_empty()).then(|| {
            linker.relative(&linker.in_version(&crate::render::print_url(
                site,
                &crate::render::PrintScope::Guide(audience),
            )))
        }),
    }
}
