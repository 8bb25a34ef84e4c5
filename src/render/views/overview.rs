//! Views of the generated pages: the implementation model, role and guide
//! lists, the task list, the responsibility matrix, versions.

use serde::Serialize;

use super::typed::{PhaseSummary, TemplateCard, phase_summary, template_card};
use super::workstream_title;
use crate::model::Weeks;
use crate::model::*;
use crate::render::links::{Link, Linker};
use crate::render::timeline::{Chart, Row};
use crate::resolve::{Site, Target};

/// Top-level phases of the model, in order.
fn top_phases(site: &Site) -> Vec<PageId> {
    site.nav_children(Target::Generated(Generated::Phases))
        .into_iter()
        .filter_map(|t| match t {
            Target::Page(i) => Some(i),
            _ => None,
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct PhasesView {
    pub phases: Vec<PhaseSummary>,
    pub go_live: String,
    pub matrix: Vec<MatrixRow>,
    pub columns: Vec<Link>,
    /// The model as an inline SVG (empty without phases).
    pub timeline: String,
    /// Every milestone by week, numbered as in the timeline.
    pub milestones: Vec<MilestoneRow>,
}

#[derive(Serialize)]
pub(crate) struct MilestoneRow {
    pub number: usize,
    pub week: i64,
    pub title: String,
    pub phase: Link,
}

/// The phases of the model as chart rows (phases, then their sub-phases)
/// and their milestones numbered by week.
fn model_chart(
    linker: &Linker,
    phases: &[PhaseSummary],
    go_live: &str,
) -> (String, Vec<MilestoneRow>) {
    let strings = linker.strings;
    let mut flat: Vec<(&PhaseSummary, u8, usize)> = Vec::new();
    fn walk<'a>(
        list: &'a [PhaseSummary],
        depth: u8,
        colour: Option<usize>,
        out: &mut Vec<(&'a PhaseSummary, u8, usize)>,
    ) {
        for (k, p) in list.iter().enumerate() {
            let c = colour.unwrap_or(k);
            out.push((p, depth, c));
            walk(&p.children, 1, Some(c), out);
        }
    }
    walk(phases, 0, None, &mut flat);
    let mut milestones: Vec<MilestoneRow> = flat
        .iter()
        .flat_map(|(p, _, _)| {
            p.milestones.iter().map(|m| MilestoneRow {
                number: 0,
                week: m.week,
                title: m.title.clone(),
                phase: p.link.clone(),
            })
        })
        .collect();
    milestones.sort_by_key(|m| m.week);
    for (k, m) in milestones.iter_mut().enumerate() {
        m.number = k + 1;
    }
    if flat.is_empty() {
        return (String::new(), milestones);
    }
    let label = |p: &PhaseSummary| match &p.label {
        Some(l) => format!("{l} {}", p.link.title),
        None => p.link.title.clone(),
    };
    let rows: Vec<Row> = flat
        .iter()
        .map(|(p, depth, colour)| {
            let markers: Vec<(usize, i64)> = milestones
                .iter()
                .filter(|m| m.phase == p.link)
                .map(|m| (m.number, m.week))
                .collect();
            Row {
                label: label(p),
                indent: *depth,
                heading: false,
                weeks: p.weeks,
                colour: *colour,
                markers,
            }
        })
        .collect();
    let chart = Chart {
        strings,
        id: linker.anchor_id("model-tidslinje"),
        title: strings.get("model_timeline_title"),
        description: strings.get("model_timeline_desc"),
        described_by: std::iter::once(linker.anchor_id("faser-liste"))
            .chain((!milestones.is_empty()).then(|| linker.anchor_id("milepaele-liste")))
            .collect(),
        go_live: go_live.to_string(),
        label_width: 210.0,
        rows,
        extra_weeks: Vec::new(),
    };
    (chart.svg(), milestones)
}

#[derive(Serialize)]
pub(crate) struct MatrixRow {
    pub workstream: String,
    pub purpose: Option<String>,
    pub cells: Vec<MatrixCell>,
}

#[derive(Serialize)]
pub(crate) struct MatrixCell {
    pub included: bool,
    pub activities: Vec<Link>,
}

/// The phases whose activities and workstreams count for a top-level phase: itself and its sub-phases.
fn phase_family(site: &Site, top: PageId) -> Vec<PageId> {
    let mut family = vec![top];
    let mut k = 0;
    while k < family.len() {
        for t in site.nav_children(Target::Page(family[k])) {
            if let Target::Page(j) = t {
                family.push(j);
            }
        }
        k += 1;
    }
    family
}

pub(crate) fn phases_view(linker: &Linker) -> PhasesView {
    let site = linker.site;
    let tops = top_phases(site);
    let matrix = site
        .config
        .workstreams
        .iter()
        .enumerate()
        .map(|(row, w)| MatrixRow {
            workstream: w.title.clone(),
            purpose: w.purpose.clone(),
            cells: tops
                .iter()
                .map(|top| {
                    let mut cell = MatrixCell {
                        included: false,
                        activities: Vec::new(),
                    };
                    for p in phase_family(site, *top) {
                        if let PageKind::Phase(phase) = &site.pages[p].kind {
                            let names = |x: &WorkstreamRef| site.config.refers_to(x, row);
                            cell.included |= phase.workstreams.iter().any(names);
                            for a in &phase.activities {
                                if a.workstream.as_ref().is_some_and(names) {
                                    cell.activities.push(Link {
                                        title: a.title.clone(),
                                        href: Some(linker.href(Target::Page(p), Some(&a.id))),
                                        number: None,
                                    });
                                }
                            }
                        }
                    }
                    cell.included |= !cell.activities.is_empty();
                    cell
                })
                .collect(),
        })
        .collect();
    let phases: Vec<PhaseSummary> = tops.iter().map(|i| phase_summary(linker, *i)).collect();
    let go_live = site
        .config
        .go_live_title
        .clone()
        .unwrap_or_else(|| linker.strings.get("go_live_default"));
    let (timeline, milestones) = model_chart(linker, &phases, &go_live);
    PhasesView {
        phases,
        go_live,
        columns: tops.iter().map(|i| linker.link(Target::Page(*i))).collect(),
        matrix,
        timeline,
        milestones,
    }
}

#[derive(Serialize)]
pub(crate) struct EntryView {
    pub link: Link,
    pub summary: Option<String>,
    pub detail: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct Group {
    pub title: String,
    pub entries: Vec<EntryView>,
}

pub(crate) fn roles_view(linker: &Linker) -> Vec<Group> {
    let site = linker.site;
    roles_by_organisation(linker)
        .into_iter()
        .map(|(title, roles)| Group {
            title,
            entries: roles
                .into_iter()
                .map(|i| EntryView {
                    link: linker.link(Target::Page(i)),
                    summary: site.pages[i].meta.summary.clone(),
                    detail: match &site.pages[i].kind {
                        PageKind::Role(role) => role.typical_holder.clone(),
                        _ => None,
                    },
                })
                .collect(),
        })
        .collect()
}

/// The role pages in handbook order, in runs of one organisation: (the
/// organisation's title, its role pages).
pub(crate) fn roles_by_organisation(linker: &Linker) -> Vec<(String, Vec<PageId>)> {
    let site = linker.site;
    let mut groups: Vec<(String, Vec<PageId>)> = Vec::new();
    // The organisation id of the current run, as written.
    let mut current: Option<Option<&str>> = None;
    for (i, page) in site.pages_of_type(PageType::Role) {
        let PageKind::Role(role) = &page.kind else {
            continue;
        };
        let org = role.organisation.as_ref();
        let id = org.map(|o| o.as_str());
        if current != Some(id) {
            let title = org
                .and_then(|o| site.config.entry(o))
                .map_or_else(|| linker.strings.get("roles_title"), |x| x.title.clone());
            groups.push((title, Vec::new()));
            current = Some(id);
        }
        if let Some((_, roles)) = groups.last_mut() {
            roles.push(i);
        }
    }
    groups
}

#[derive(Serialize)]
pub(crate) struct GuideEntry {
    pub link: Link,
    pub kind: String,
    pub workstream: Option<String>,
    pub phases: Vec<Link>,
    pub summary: Option<String>,
}

pub(crate) fn guides_view(linker: &Linker) -> Vec<GuideEntry> {
    let site = linker.site;
    site.pages_of_type(PageType::Guide)
        .filter_map(|(i, page)| {
            let PageKind::Guide(g) = &page.kind else {
                return None;
            };
            Some(GuideEntry {
                link: linker.link(Target::Page(i)),
                kind: g.kind.label(|k| linker.strings.get(k)),
                workstream: g.workstream.as_ref().map(|w| workstream_title(site, w)),
                phases: g.phases.iter().map(|p| linker.reference(p)).collect(),
                summary: page.meta.summary.clone().or_else(|| g.purpose.clone()),
            })
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct TemplateEntry {
    pub card: TemplateCard,
    pub workstream: Option<String>,
    pub guides: Vec<Link>,
}

pub(crate) fn templates_view(linker: &Linker) -> Vec<TemplateEntry> {
    let site = linker.site;
    site.pages_of_type(PageType::Template)
        .filter_map(|(i, page)| {
            let PageKind::Template(t) = &page.kind else {
                return None;
            };
            Some(TemplateEntry {
                card: template_card(linker, Some(i), &page.meta.id.value),
                workstream: t.workstream.as_ref().map(|w| workstream_title(site, w)),
                guides: site
                    .reverse
                    .template_guides
                    .get(&i)
                    .map_or_else(Vec::new, |g| {
                        g.iter().map(|j| linker.link(Target::Page(*j))).collect()
                    }),
            })
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct TrainingsView {
    pub plans: Vec<TrainingEntry>,
    pub timeline: Vec<TimelineRow>,
    /// Every course on a week axis, grouped by plan, as an inline SVG.
    pub chart: String,
}

#[derive(Serialize)]
pub(crate) struct TrainingEntry {
    pub link: Link,
    pub target: Option<Link>,
    pub courses: Vec<String>,
    pub self_study: Vec<String>,
    pub continuing: Vec<String>,
    pub other_activities: Vec<String>,
}

#[derive(Serialize)]
pub(crate) struct TimelineRow {
    pub weeks: Option<Weeks>,
    pub course: String,
    pub form: Option<String>,
    pub plan: Link,
}

pub(crate) fn trainings_view(linker: &Linker) -> TrainingsView {
    let site = linker.site;
    let mut plans = Vec::new();
    let mut timeline = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    for (k, (i, page)) in site.pages_of_type(PageType::Training).enumerate() {
        let PageKind::Training(plan) = &page.kind else {
            continue;
        };
        let link = linker.link(Target::Page(i));
        rows.push(Row {
            label: link.title.clone(),
            indent: 0,
            heading: true,
            weeks: None,
            colour: k,
            markers: Vec::new(),
        });
        for c in &plan.courses {
            let weeks = c.weeks.as_ref().map(|w| w.value);
            rows.push(Row {
                label: c.title.clone(),
                indent: 1,
                heading: false,
                weeks,
                colour: k,
                markers: Vec::new(),
            });
        }
        for c in &plan.courses {
            timeline.push(TimelineRow {
                weeks: c.weeks.as_ref().map(|w| w.value),
                course: c.title.clone(),
                form: c.form.map(|f| f.label(|k| linker.strings.get(k))),
                plan: link.clone(),
            });
        }
        plans.push(TrainingEntry {
            link,
            target: plan.target.as_ref().map(|t| linker.reference(t)),
            courses: plan.courses.iter().map(|c| c.title.clone()).collect(),
            self_study: plan.self_study.clone(),
            continuing: plan.continuing.clone(),
            other_activities: plan.other_activities.clone(),
        });
    }
    timeline.sort_by_key(|r| r.weeks.map_or((i64::MAX, i64::MAX), |w| (w.from, w.to)));
    let chart = if timeline.iter().any(|r| r.weeks.is_some()) {
        Chart {
            strings: linker.strings,
            id: linker.anchor_id("uddannelse-tidslinje"),
            title: linker.strings.get("training_timeline_title"),
            description: linker.strings.get("training_timeline_desc"),
            described_by: vec![linker.anchor_id("tidslinje-tabel")],
            go_live: site
                .config
                .go_live_title
                .clone()
                .unwrap_or_else(|| linker.strings.get("go_live_default")),
            label_width: 300.0,
            rows,
            extra_weeks: Vec::new(),
        }
        .svg()
    } else {
        String::new()
    };
    TrainingsView {
        plans,
        timeline,
        chart,
    }
}

pub(crate) fn reading_guides_view(linker: &Linker) -> Vec<EntryView> {
    let site = linker.site;
    site.config
        .audiences
        .iter()
        .enumerate()
        .map(|(a, audience)| EntryView {
            link: linker.link(Target::ReadingGuide(a)),
            summary: audience.description.clone(),
            detail: None,
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct MatrixView {
    pub columns: Vec<PhaseColumn>,
    /// Rows grouped by organisation, in handbook order.
    pub groups: Vec<MatrixGroup>,
}

#[derive(Serialize)]
pub(crate) struct PhaseColumn {
    pub link: Link,
    /// "Fase 2" or "2.1".
    pub label: Option<String>,
    pub sub: bool,
}

#[derive(Serialize)]
pub(crate) struct MatrixGroup {
    pub title: Option<String>,
    pub rows: Vec<ResponsibilityRow>,
}

#[derive(Serialize)]
pub(crate) struct ResponsibilityRow {
    pub role: Link,
    pub organisation: Option<String>,
    pub cells: Vec<Option<String>>,
    /// The role has a responsibility in at least one phase.
    pub any: bool,
}

/// Roles × phases (every phase and sub-phase), cell = the role's responsibility.
pub(crate) fn matrix_view(linker: &Linker) -> MatrixView {
    let site = linker.site;
    let phases: Vec<PageId> = site
        .pages_of_type(PageType::Phase)
        .map(|(i, _)| i)
        .collect();
    let rows: Vec<ResponsibilityRow> = site
        .pages_of_type(PageType::Role)
        .map(|(i, page)| {
            let mut cells = vec![None; phases.len()];
            for (p, row) in site.reverse.role_phases.get(&i).into_iter().flatten() {
                if let (Some(col), PageKind::Phase(phase)) =
                    (phases.iter().position(|x| x == p), &site.pages[*p].kind)
                {
                    cells[col] = Some(phase.roles[*row].responsibility.clone());
                }
            }
            let organisation = match &page.kind {
                PageKind::Role(r) => r
                    .organisation
                    .as_ref()
                    .and_then(|o| site.config.entry(o))
                    .map(|x| x.title.clone()),
                _ => None,
            };
            ResponsibilityRow {
                role: linker.link(Target::Page(i)),
                organisation,
                any: cells.iter().any(Option::is_some),
                cells,
            }
        })
        .collect();
    let mut groups: Vec<MatrixGroup> = Vec::new();
    for row in rows {
        match groups.last_mut() {
            Some(g) if g.title == row.organisation => g.rows.push(row),
            _ => groups.push(MatrixGroup {
                title: row.organisation.clone(),
                rows: vec![row],
            }),
        }
    }
    MatrixView {
        columns: phases
            .iter()
            .map(|i| PhaseColumn {
                link: linker.link(Target::Page(*i)),
                label: super::typed::phase_label(linker, *i),
                sub: matches!(site.parents.get(&Target::Page(*i)), Some(Target::Page(_))),
            })
            .collect(),
        groups,
    }
}

#[derive(Serialize)]
pub(crate) struct VersionsView {
    pub releases: Vec<ReleaseRow>,
    pub planned: Vec<PlannedRow>,
    pub current: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct ReleaseRow {
    pub version: String,
    pub date: String,
    pub iso_date: String,
    pub notes: Option<String>,
    pub anchor: String,
}

#[derive(Serialize)]
pub(crate) struct PlannedRow {
    pub link: Link,
    pub version: Option<String>,
}

pub(crate) fn versions_view(linker: &Linker) -> VersionsView {
    let site = linker.site;
    VersionsView {
        releases: site
            .config
            .releases
            .iter()
            .map(|r| ReleaseRow {
                version: r.version.clone(),
                date: r.date.map(Date::danish).unwrap_or_default(),
                iso_date: r.date.map(|d| d.to_string()).unwrap_or_default(),
                notes: r.notes.clone(),
                anchor: linker.anchor_id(&format!("v{}", crate::slug::slugify(&r.version))),
            })
            .collect(),
        planned: site
            .order
            .iter()
            .filter_map(|t| {
                let page = site.page_of(*t)?;
                (page.meta.status == Status::Planned).then(|| PlannedRow {
                    link: linker.link(*t),
                    version: site.planned_version(page).map(str::to_string),
                })
            })
            .collect(),
        current: site.config.version.clone(),
    }
}

/// The front page's ways in: a reading guide per audience, the handbook's
/// tools (the generated overviews) and the chapters.
#[derive(Serialize)]
pub(crate) struct FrontView {
    pub guides: Vec<EntryView>,
    pub tools: Vec<EntryView>,
    pub chapters: Vec<EntryView>,
}

pub(crate) fn front_view(linker: &Linker) -> FrontView {
    let site = linker.site;
    let tools = crate::render::nav::TOOLS
        .into_iter()
        .filter(|g| {
            site.by_url
                .contains_key(&site.local_url(Target::Generated(*g)))
        })
        .map(|g| EntryView {
            link: linker.link(Target::Generated(g)),
            summary: Some(linker.strings.get(&format!("tool_{}", g.folder()))),
            detail: None,
        })
        .collect();
    // The chapters: every top-level entry of the navigation but the tools and the versions.
    let chapters = site
        .nav
        .iter()
        .filter(|n| match n.target {
            Target::Generated(g) => {
                !crate::render::nav::TOOLS.contains(&g) && g != Generated::Versions
            }
            _ => true,
        })
        .map(|n| EntryView {
            link: linker.link(n.target),
            summary: site.page_of(n.target).and_then(|p| p.meta.summary.clone()),
            detail: site
                .page_of(n.target)
                .filter(|p| p.meta.status == Status::Planned)
                .map(|_| linker.strings.get("planned_badge")),
        })
        .collect();
    // Each guide by its audience's name, under "Start her – vælg din
    // læsevejledning", unless the front page's own text links every guide.
    let mut guides = reading_guides_view(linker);
    for (g, audience) in guides.iter_mut().zip(&site.config.audiences) {
        g.link.title = audience.title.clone();
    }
    if front_links_every_guide(site) {
        guides.clear();
    }
    FrontView {
        guides,
        tools,
        chapters,
    }
}

/// Whether the text of the front page links the reading guide of every audience.
fn front_links_every_guide(site: &Site) -> bool {
    let Some(front) = site.front else {
        return false;
    };
    let linked: std::collections::HashSet<usize> = site.body_links[front.index()]
        .values()
        .filter_map(|l| match l {
            crate::resolve::links::LinkTarget::Page {
                target: Target::ReadingGuide(a),
                ..
            } => Some(*a),
            _ => None,
        })
        .collect();
    !site.config.audiences.is_empty() && linked.len() == site.config.audiences.len()
}
