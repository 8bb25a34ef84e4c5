//! The go-live planner's views: `/opgaver/` (every item of the plan, with
//! filters), `/opgaver/<role-id>/` ("Plan for <rolle>"), and with a go-live
//! date at build time the calendar file `plan.ics` and the task list
//! `plan.csv` beside each. The items come from [`Site::plan`]; the browser
//! script (`planner.js`) gets the same items as JSON and makes the same files
//! from the date the reader chooses.

mod files;
mod script;

pub(crate) use files::{FileLabels, plan_csv, plan_ics};
pub(crate) use script::{
    LABELS_SCRIPT, banner_text, labels_script, script_settings, week_dates_filter,
};

use serde::Serialize;

use super::links::{Link, Linker};
use super::theme::Strings;
use super::timeline::weeks_text;
use super::views::{activity, workstream_title};

use crate::model::Weeks;
use crate::model::*;
use crate::resolve::plan::{Item, Part, Source};
use crate::resolve::reverse::ActivityRef;
use crate::resolve::{Site, Target};
use crate::slug::slugify;

/// One item as the plan lists show it.
#[derive(Debug, Serialize)]
pub(crate) struct ItemView {
    /// Stable across builds and go-live dates: the calendar event's UID.
    pub uid: String,
    /// `aktivitet`, `kursus`, `milepael` or `moede`.
    pub kind: &'static str,
    pub kind_name: String,
    pub title: String,
    pub href: Option<String>,
    /// The item's page from the site's root (`faser/klargoering/#kickoff-2`).
    pub path: String,
    pub weeks: Option<Weeks>,
    /// "Uge -13 til -1", or "Uden uge".
    pub weeks_text: String,
    pub inherited: bool,
    pub category: Option<Category>,
    pub category_name: Option<String>,
    /// The roles that carry the item (responsible, teacher).
    pub leads: Vec<RoleRef>,
    /// The other roles named with it (involved, target group, participants).
    pub others: Vec<RoleRef>,
    /// Roles the item concerns without naming them (a milestone's phase roles).
    pub also: Vec<String>,
    pub phases: Vec<Link>,
    /// The phases the item belongs to and their parents, for the phase filter.
    pub phase_ids: Vec<String>,
    pub workstream: Option<String>,
    pub workstream_id: Option<String>,
    pub task_ref: Option<String>,
    /// A line under the title: a course's plan, form and duration; a meeting's kind.
    pub detail: Option<String>,
    /// On a role plan: how the role takes part.
    pub part: Option<String>,
}

/// A role as an item names it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RoleRef {
    pub id: String,
    pub link: Link,
}

/// `/opgaver/` and the role plans.
#[derive(Serialize)]
pub(crate) struct PlanView {
    pub items: Vec<ItemView>,
    /// The role of a role plan.
    pub role: Option<RoleRef>,
    /// The filters of `/opgaver/` (empty on a role plan).
    pub filters: Option<Filters>,
    /// The plans of every role, by organisation (on `/opgaver/`).
    pub role_plans: Vec<RolePlanGroup>,
    /// The label of the date control: `go_live.title`.
    pub go_live_title: String,
    /// The calendar file and task list written at build time (with a go-live date).
    pub ics_href: Option<String>,
    pub csv_href: Option<String>,
    /// The data the planner script exports, as JSON.
    pub json: String,
}

#[derive(Serialize)]
pub(crate) struct Filters {
    pub roles: Vec<RolePlanGroup>,
    pub workstreams: Vec<(String, String)>,
    pub categories: Vec<(String, String)>,
    /// (id, label) of every phase in handbook order; sub-phases carry their number.
    pub phases: Vec<(String, String)>,
}

#[derive(Serialize)]
pub(crate) struct RolePlanGroup {
    pub title: String,
    pub roles: Vec<RoleRef>,
}

/// The kind of an item: its class name and the key of its label.
fn kind_of(source: Source) -> (&'static str, &'static str) {
    match source {
        Source::Activity(_) => ("aktivitet", "plan_kind_activity"),
        Source::Course { .. } => ("kursus", "plan_kind_course"),
        Source::Milestone { .. } => ("milepael", "plan_kind_milestone"),
        Source::Meeting(_) => ("moede", "plan_kind_meeting"),
    }
}

/// The URL of a role's plan within its version: `opgaver/projektleder-ky/`.
pub(crate) fn role_plan_url(role_id: &str) -> String {
    format!("{}/{role_id}/", Generated::Tasks.folder())
}

/// The id every UID ends in and the planner script stores its choices under:
/// the slug of the short title (else of the title).
pub(crate) fn handbook_key(site: &Site) -> String {
    slugify(
        site.config
            .short_title
            .as_deref()
            .unwrap_or(&site.config.title),
    )
}

/// The view of `/opgaver/` (`role` None) or of one role's plan.
pub(crate) fn plan_view(
    linker: &Linker,
    role: Option<PageId>,
    ics_href: Option<String>,
) -> PlanView {
    let site = linker.site;
    let items: Vec<ItemView> = match role {
        Some(r) => site
            .plan
            .of_role(r)
            .filter_map(|(item, part)| item_view(linker, item, Some(part)))
            .collect(),
        None => site
            .plan
            .items
            .iter()
            .filter_map(|item| item_view(linker, item, None))
            .collect(),
    };
    let role_ref = role.map(|r| role_ref(linker, r));
    let json = serde_json::json!({
        "role": role_ref.as_ref().map(|r| serde_json::json!({ "id": r.id, "title": r.link.title })),
        "items": items.iter().map(item_json).collect::<Vec<_>>(),
    })
    .to_string()
    // Safe inside <script>: no "</script>" or "<!--" can close it.
    .replace('<', "\\u003c");
    let csv_href = ics_href.as_ref().map(|h| h.replace("plan.ics", "plan.csv"));
    PlanView {
        filters: role.is_none().then(|| filters(linker)),
        role_plans: if role.is_none() {
            role_groups(linker)
        } else {
            Vec::new()
        },
        role: role_ref,
        items,
        go_live_title: go_live_title(linker),
        ics_href,
        csv_href,
        json,
    }
}

/// `go_live.title`, or the theme's default name of the milestone.
pub(crate) fn go_live_title(linker: &Linker) -> String {
    linker
        .site
        .config
        .go_live_title
        .clone()
        .unwrap_or_else(|| linker.strings.get("go_live_default"))
}

fn role_ref(linker: &Linker, role: PageId) -> RoleRef {
    RoleRef {
        id: linker.site.pages[role].meta.id.value.clone(),
        link: linker.link(Target::Page(role)),
    }
}

/// Every role, grouped by organisation as on `/roller/`, linked to its plan.
fn role_groups(linker: &Linker) -> Vec<RolePlanGroup> {
    let site = linker.site;
    super::views::overview::roles_by_organisation(linker)
        .into_iter()
        .map(|(title, roles)| RolePlanGroup {
            title,
            roles: roles
                .into_iter()
                .map(|i| {
                    let id = site.pages[i].meta.id.value.clone();
                    let link = Link {
                        title: site.pages[i].meta.title.value.clone(),
                        href: Some(linker.relative(&linker.in_version(&role_plan_url(&id)))),
                        number: None,
                    };
                    RoleRef { id, link }
                })
                .collect(),
        })
        .collect()
}

fn filters(linker: &Linker) -> Filters {
    let site = linker.site;
    let strings = linker.strings;
    Filters {
        roles: role_groups(linker),
        workstreams: site
            .config
            .workstreams
            .iter()
            .map(|w| (w.id.clone(), w.title.clone()))
            .collect(),
        categories: Category::NAMES
            .iter()
            .map(|c| (c.to_string(), strings.get(&format!("category_{c}"))))
            .collect(),
        phases: site
            .pages_of_type(PageType::Phase)
            .map(|(i, page)| {
                let label = super::views::typed::phase_label(linker, i);
                let title = &page.meta.title.value;
                (
                    page.meta.id.value.clone(),
                    label.map_or_else(|| title.clone(), |l| format!("{l} {title}")),
                )
            })
            .collect(),
    }
}

/// A phase page and its parent phases, innermost first.
fn phase_chain(site: &Site, phase: PageId) -> Vec<PageId> {
    std::iter::once(phase)
        .chain(
            site.ancestors(Target::Page(phase))
                .into_iter()
                .rev()
                .filter_map(|t| match t {
                    Target::Page(p) => Some(p),
                    _ => None,
                }),
        )
        .collect()
}

/// The view of one item; `part` says how the plan's role takes part.
fn item_view(linker: &Linker, item: &Item, part: Option<Part>) -> Option<ItemView> {
    let site = linker.site;
    let strings = linker.strings;
    let subject = subject(site, strings, item.source)?;
    let (kind, kind_key) = kind_of(item.source);
    let roles = ItemRoles::of(linker, item);
    Some(ItemView {
        uid: subject.uid,
        kind,
        kind_name: strings.get(kind_key),
        title: subject.title,
        href: Some(linker.href(Target::Page(subject.page), subject.anchor)),
        path: match subject.anchor {
            Some(anchor) => format!("{}#{anchor}", linker.url(Target::Page(subject.page))),
            None => linker.url(Target::Page(subject.page)),
        },
        weeks: item.weeks,
        weeks_text: item
            .weeks
            .map_or_else(|| strings.get("plan_no_week"), |w| weeks_text(strings, &w)),
        inherited: item.inherited,
        category: subject.category,
        category_name: subject
            .category
            .map(|c| strings.get(&format!("category_{}", category_name(c)))),
        leads: roles.leads,
        others: roles.others,
        also: roles.also,
        phases: item
            .phases
            .iter()
            .map(|p| linker.link(Target::Page(*p)))
            .collect(),
        phase_ids: phase_ids(site, item),
        workstream: subject.workstream.map(|w| workstream_title(site, w)),
        workstream_id: subject.workstream.map(|w| w.value.clone()),
        task_ref: subject.task_ref,
        detail: subject.detail,
        part: part.map(|p| part_text(linker, item, p)),
    })
}

/// An item's roles, sorted into the three lists of [`ItemView`].
struct ItemRoles {
    leads: Vec<RoleRef>,
    others: Vec<RoleRef>,
    also: Vec<String>,
}

impl ItemRoles {
    fn of(linker: &Linker, item: &Item) -> ItemRoles {
        let mut roles = ItemRoles {
            leads: Vec::new(),
            others: Vec::new(),
            also: Vec::new(),
        };
        for (r, p) in &item.roles {
            match p {
                _ if p.leads() => roles.leads.push(role_ref(linker, *r)),
                Part::PhaseRole(_) => roles.also.push(linker.site.pages[*r].meta.id.value.clone()),
                _ => roles.others.push(role_ref(linker, *r)),
            }
        }
        roles
    }
}

/// The ids of the phases an item belongs to and of their parents, each once.
fn phase_ids(site: &Site, item: &Item) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for p in item.phases.iter().flat_map(|p| phase_chain(site, *p)) {
        let id = site.pages[p].meta.id.value.clone();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// What an item's source says about it; the same for every role's plan.
struct Subject<'a> {
    uid: String,
    title: String,
    /// The page the item is shown on, and the anchor on that page.
    page: PageId,
    anchor: Option<&'a str>,
    category: Option<Category>,
    task_ref: Option<String>,
    /// A line under the title: a course's plan, form and duration; a meeting's kind.
    detail: Option<String>,
    /// The item's workstream.
    workstream: Option<&'a WorkstreamRef>,
}

/// The subject of an item; None when its source is not where the plan says.
fn subject<'a>(site: &'a Site, strings: &Strings, source: Source) -> Option<Subject<'a>> {
    let key = handbook_key(site);
    match source {
        Source::Activity(a) => activity_subject(site, a, &key),
        Source::Course { plan, index } => course_subject(site, plan, index, &key),
        Source::Milestone { phase, index } => milestone_subject(site, phase, index, &key),
        Source::Meeting(g) => meeting_subject(site, strings, g, &key),
    }
}

/// An activity, shown at its anchor on its phase's page.
fn activity_subject<'a>(site: &'a Site, a: ActivityRef, key: &str) -> Option<Subject<'a>> {
    let act = activity(site, a)?;
    let phase_id = &site.pages[a.phase].meta.id.value;
    Some(Subject {
        uid: format!("aktivitet-{phase_id}-{}@{key}", act.id),
        title: act.title.clone(),
        page: a.phase,
        anchor: Some(&act.id),
        category: act.category,
        task_ref: act.task_ref.clone(),
        detail: None,
        workstream: act.workstream.as_ref(),
    })
}

/// A course, shown in its training plan's course list.
fn course_subject<'a>(
    site: &'a Site,
    plan: PageId,
    index: usize,
    key: &str,
) -> Option<Subject<'a>> {
    let PageKind::Training(t) = &site.pages[plan].kind else {
        return None;
    };
    let course = t.courses.get(index)?;
    let plan_id = &site.pages[plan].meta.id.value;
    Some(Subject {
        uid: format!("kursus-{plan_id}-{}@{key}", course_id(t, index)),
        title: course.title.clone(),
        page: plan,
        anchor: Some("forloeb"),
        category: None,
        task_ref: None,
        detail: Some(
            std::iter::once(site.pages[plan].meta.title.value.clone())
                .chain(course.form.map(|f| f.name().to_string()))
                .chain(course.duration.clone())
                .collect::<Vec<_>>()
                .join(" · "),
        ),
        workstream: None,
    })
}

/// A milestone, shown in its phase's milestone list.
fn milestone_subject<'a>(
    site: &'a Site,
    phase: PageId,
    index: usize,
    key: &str,
) -> Option<Subject<'a>> {
    let PageKind::Phase(p) = &site.pages[phase].kind else {
        return None;
    };
    let m = p.milestones.get(index)?;
    let phase_id = &site.pages[phase].meta.id.value;
    Some(Subject {
        uid: format!("milepael-{phase_id}-{}@{key}", slugify(&m.title)),
        title: m.title.clone(),
        page: phase,
        anchor: Some("milepaele"),
        category: None,
        task_ref: None,
        detail: None,
        workstream: None,
    })
}

/// A guide that is a meeting, shown on its own page.
fn meeting_subject<'a>(
    site: &'a Site,
    strings: &Strings,
    g: PageId,
    key: &str,
) -> Option<Subject<'a>> {
    let PageKind::Guide(guide) = &site.pages[g].kind else {
        return None;
    };
    Some(Subject {
        uid: format!("moede-{}@{key}", site.pages[g].meta.id.value),
        title: site.pages[g].meta.title.value.clone(),
        page: g,
        anchor: None,
        category: None,
        task_ref: None,
        detail: Some(guide.kind.label(|k| strings.get(k))),
        workstream: guide.workstream.as_ref(),
    })
}

/// A course's id within its plan: the slug of its title, numbered when two share it.
fn course_id(plan: &TrainingPlan, index: usize) -> String {
    let slug = slugify(&plan.courses[index].title);
    let before = plan.courses[..index]
        .iter()
        .filter(|c| slugify(&c.title) == slug)
        .count();
    if before == 0 {
        slug
    } else {
        format!("{slug}-{}", before + 1)
    }
}

fn category_name(c: Category) -> &'static str {
    match c {
        Category::Valgfri => "valgfri",
        Category::Obligatorisk => "obligatorisk",
        Category::Kritisk => "kritisk",
    }
}

/// How a role takes part, in words: "Ansvarlig", "Målgruppe", "Deltager: Facilitator".
fn part_text(linker: &Linker, item: &Item, part: Part) -> String {
    let site = linker.site;
    let s = |k: &str| linker.strings.get(k);
    match part {
        Part::Responsible => s("responsible"),
        Part::Involved => s("involved"),
        Part::Target => s("as_target"),
        Part::Teacher => s("as_teacher"),
        Part::PhaseRole(row) => match item.source {
            Source::Milestone { phase, .. } => match &site.pages[phase].kind {
                PageKind::Phase(p) => p.roles.get(row).map_or_else(
                    || s("plan_part_phase"),
                    |r| format!("{}: {}", s("plan_part_phase"), r.responsibility),
                ),
                _ => s("plan_part_phase"),
            },
            _ => s("plan_part_phase"),
        },
        Part::Participant(row) => match item.source {
            Source::Meeting(g) => match &site.pages[g].kind {
                PageKind::Guide(guide) => guide
                    .roles
                    .get(row)
                    .and_then(|r| r.part.clone())
                    .map_or_else(
                        || s("plan_part_participant"),
                        |p| format!("{}: {p}", s("plan_part_participant")),
                    ),
                _ => s("plan_part_participant"),
            },
            _ => s("plan_part_participant"),
        },
    }
}

/// The JSON of one item for the planner script.
fn item_json(v: &ItemView) -> serde_json::Value {
    let roles = |list: &[RoleRef]| {
        list.iter()
            .map(|r| serde_json::json!([r.id, r.link.title]))
            .collect::<Vec<_>>()
    };
    serde_json::json!({
        "uid": v.uid,
        "kind": v.kind_name,
        "title": v.title,
        "path": v.path,
        "weeks": v.weeks.map(|w| serde_json::json!({
            "from": w.from, "to": w.to, "openStart": w.open_start, "openEnd": w.open_end,
        })),
        "category": v.category_name,
        "categoryId": v.category.map(category_name),
        "leads": roles(&v.leads),
        "others": roles(&v.others),
        "also": v.also,
        "phase": v.phases.iter().map(|l| l.title.clone()).collect::<Vec<_>>().join(", "),
        "phaseIds": v.phase_ids,
        "workstream": v.workstream,
        "workstreamId": v.workstream_id,
        "taskRef": v.task_ref,
    })
}
