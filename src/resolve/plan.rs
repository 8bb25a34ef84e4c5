//! The plan: everything of the handbook that happens in a week (activities,
//! courses, milestones and guide meetings) with its weeks and the roles that
//! take part. Built once per site; `/opgaver/`, the role plans and the
//! calendar files read it.
//!
//! Every task has a time: an activity without `week`/`weeks` takes its
//! phase's weeks; a phase without weeks takes its parent's, and a phase that
//! has neither takes the span of its sub-phases. A guide meeting (a guide of
//! any kind but `vejledning`) spans the phases it belongs to, or else the
//! activities that use it. Items are ordered by their first week, then by how
//! long they last, then in handbook order.

use std::collections::HashMap;

use super::reverse::ActivityRef;
use super::{Site, Target};
use crate::model::{Guide, GuideKind, PageId, PageKind, PageType, Phase, Weeks};

/// Where an item of the plan comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Activity(ActivityRef),
    /// A course of a training plan: (plan page, course index).
    Course {
        plan: PageId,
        index: usize,
    },
    /// A milestone of a phase: (phase page, milestone index).
    Milestone {
        phase: PageId,
        index: usize,
    },
    /// A guide that is a meeting, workshop or activity (not `kind: vejledning`).
    Meeting(PageId),
}

/// How a role takes part in an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// `responsible` of an activity.
    Responsible,
    /// `involved` of an activity.
    Involved,
    /// The target group of a course's training plan.
    Target,
    /// `held_by` of a course.
    Teacher,
    /// A role with a responsibility in the milestone's phase (row of its role table).
    PhaseRole(usize),
    /// A participant of a guide meeting (row of its `roles`).
    Participant(usize),
}

impl Part {
    /// True for the roles that carry the item: the responsible role and the teacher.
    pub(crate) fn leads(self) -> bool {
        matches!(self, Part::Responsible | Part::Teacher)
    }
}

/// One dated thing of the plan.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub source: Source,
    /// None when neither the item nor anything it belongs to has weeks.
    pub weeks: Option<Weeks>,
    /// True when the weeks are not the item's own (taken from its phase or phases).
    pub inherited: bool,
    /// The phase pages the item belongs to: an activity's or milestone's
    /// phase, a meeting's phases; a course, which names none, the innermost
    /// phases its first week falls in.
    pub phases: Vec<PageId>,
    /// Role pages and how each takes part, one entry per role.
    pub roles: Vec<(PageId, Part)>,
}

/// The items of a handbook in plan order.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub items: Vec<Item>,
    /// (phase page, activity index) → index into `items`.
    activity_items: HashMap<(PageId, usize), usize>,
    /// Role page → its items (indexes into `items`, in plan order) and how it takes part.
    role_items: HashMap<PageId, Vec<(usize, Part)>>,
}

impl Plan {
    pub(crate) fn build(site: &Site) -> Plan {
        let phase_weeks = phase_weeks(site);
        let builder = ItemBuilder {
            site,
            phase_weeks: &phase_weeks,
        };
        let mut items = builder.phase_items();
        items.extend(builder.course_items());
        let meetings = builder.meeting_items(&items);
        items.extend(meetings);
        items.sort_by_key(|i| order_key(i.weeks));
        Plan {
            activity_items: index_activities(&items),
            role_items: index_roles(&items),
            items,
        }
    }

    /// The plan item of an activity.
    pub(crate) fn activity(&self, a: ActivityRef) -> Option<&Item> {
        self.activity_items
            .get(&(a.phase, a.index))
            .map(|k| &self.items[*k])
    }

    /// The items a role takes part in, in plan order.
    pub(crate) fn of_role(&self, role: PageId) -> impl Iterator<Item = (&Item, Part)> {
        self.role_items
            .get(&role)
            .into_iter()
            .flatten()
            .map(|(k, part)| (&self.items[*k], *part))
    }
}

/// Makes the plan's items from the pages, given every phase's effective weeks.
struct ItemBuilder<'a> {
    site: &'a Site,
    phase_weeks: &'a HashMap<PageId, Weeks>,
}

impl ItemBuilder<'_> {
    /// The milestones and then the activities of each phase, phase by phase.
    fn phase_items(&self) -> Vec<Item> {
        let mut items = Vec::new();
        for (p, page) in self.site.pages_of_type(PageType::Phase) {
            let PageKind::Phase(phase) = &page.kind else {
                continue;
            };
            self.push_milestones(&mut items, p, phase);
            self.push_activities(&mut items, p, phase);
        }
        items
    }

    /// A phase's milestones, each shared by the roles of the phase's role table.
    fn push_milestones(&self, items: &mut Vec<Item>, p: PageId, phase: &Phase) {
        let phase_roles: Vec<(PageId, Part)> = phase
            .roles
            .iter()
            .enumerate()
            .filter_map(|(row, e)| Some((e.role.page?, Part::PhaseRole(row))))
            .collect();
        for (index, m) in phase.milestones.iter().enumerate() {
            items.push(Item {
                source: Source::Milestone { phase: p, index },
                weeks: Some(Weeks::single(m.week)),
                inherited: false,
                phases: vec![p],
                roles: unique(phase_roles.clone()),
            });
        }
    }

    /// A phase's activities, with the phase's weeks where they have none.
    fn push_activities(&self, items: &mut Vec<Item>, p: PageId, phase: &Phase) {
        for (index, a) in phase.activities.iter().enumerate() {
            let own = a.weeks.as_ref().map(|w| w.value);
            let roles = a
                .responsible
                .iter()
                .filter_map(|r| Some((r.page?, Part::Responsible)))
                .chain(
                    a.involved
                        .iter()
                        .filter_map(|r| Some((r.page?, Part::Involved))),
                )
                .collect();
            items.push(Item {
                source: Source::Activity(ActivityRef { phase: p, index }),
                weeks: own.or_else(|| self.phase_weeks.get(&p).copied()),
                inherited: own.is_none(),
                phases: vec![p],
                roles: unique(roles),
            });
        }
    }

    /// The courses of every training plan, placed in the phases their first week falls in.
    fn course_items(&self) -> Vec<Item> {
        let mut items = Vec::new();
        for (t, page) in self.site.pages_of_type(PageType::Training) {
            let PageKind::Training(plan) = &page.kind else {
                continue;
            };
            let target = plan.target.as_ref().and_then(|r| r.page);
            for (index, c) in plan.courses.iter().enumerate() {
                let roles = c
                    .held_by
                    .iter()
                    .filter_map(|r| Some((r.page?, Part::Teacher)))
                    .chain(target.map(|r| (r, Part::Target)))
                    .collect();
                let weeks = c.weeks.as_ref().map(|w| w.value);
                items.push(Item {
                    source: Source::Course { plan: t, index },
                    weeks,
                    inherited: false,
                    phases: weeks.map_or_else(Vec::new, |w| {
                        phases_at(
                            self.site,
                            self.phase_weeks,
                            if w.open_start { w.to } else { w.from },
                        )
                    }),
                    roles: unique(roles),
                });
            }
        }
        items
    }

    /// The guides that are meetings; `activities` are the items made so far,
    /// whose activities date a meeting that names no phase.
    fn meeting_items(&self, activities: &[Item]) -> Vec<Item> {
        let mut items = Vec::new();
        for (g, page) in self.site.pages_of_type(PageType::Guide) {
            let PageKind::Guide(guide) = &page.kind else {
                continue;
            };
            if guide.kind == GuideKind::Vejledning {
                continue;
            }
            let roles = guide
                .roles
                .iter()
                .enumerate()
                .filter_map(|(row, r)| Some((r.role.page?, Part::Participant(row))))
                .collect();
            items.push(Item {
                source: Source::Meeting(g),
                weeks: self.meeting_weeks(g, guide, activities),
                inherited: true,
                phases: guide.phases.iter().filter_map(|p| p.page).collect(),
                roles: unique(roles),
            });
        }
        items
    }

    /// A meeting's weeks: the span of its phases, or else of the activities that use it.
    fn meeting_weeks(&self, g: PageId, guide: &Guide, activities: &[Item]) -> Option<Weeks> {
        let phases: Vec<Weeks> = guide
            .phases
            .iter()
            .filter_map(|p| p.page)
            .filter_map(|p| self.phase_weeks.get(&p).copied())
            .collect();
        if !phases.is_empty() {
            return hull(&phases);
        }
        let used: Vec<Weeks> = activities
            .iter()
            .filter(|i| match i.source {
                Source::Activity(a) => self
                    .site
                    .reverse
                    .guide_activities
                    .get(&g)
                    .is_some_and(|list| list.contains(&a)),
                _ => false,
            })
            .filter_map(|i| i.weeks)
            .collect();
        hull(&used)
    }
}

/// (phase page, activity index) → index of the activity's item.
fn index_activities(items: &[Item]) -> HashMap<(PageId, usize), usize> {
    items
        .iter()
        .enumerate()
        .filter_map(|(k, i)| match i.source {
            Source::Activity(a) => Some(((a.phase, a.index), k)),
            _ => None,
        })
        .collect()
}

/// Role page → the indexes of its items, in plan order, and how it takes part.
fn index_roles(items: &[Item]) -> HashMap<PageId, Vec<(usize, Part)>> {
    let mut role_items: HashMap<PageId, Vec<(usize, Part)>> = HashMap::new();
    for (k, item) in items.iter().enumerate() {
        for (role, part) in &item.roles {
            role_items.entry(*role).or_default().push((k, *part));
        }
    }
    role_items
}

/// The innermost phases whose weeks hold `week`: those none of whose sub-phases hold it too.
fn phases_at(site: &Site, phase_weeks: &HashMap<PageId, Weeks>, week: i64) -> Vec<PageId> {
    let holds = |p: PageId| {
        phase_weeks
            .get(&p)
            .is_some_and(|w| (w.open_start || week >= w.from) && (w.open_end || week <= w.to))
    };
    site.pages_of_type(PageType::Phase)
        .map(|(i, _)| i)
        .filter(|&p| {
            holds(p)
                && !site
                    .nav_children(Target::Page(p))
                    .iter()
                    .any(|c| matches!(c, Target::Page(c) if holds(*c)))
        })
        .collect()
}

/// Keeps the first entry of each role (a role both responsible and involved is responsible).
fn unique(mut roles: Vec<(PageId, Part)>) -> Vec<(PageId, Part)> {
    let mut seen = std::collections::HashSet::new();
    roles.retain(|(r, _)| seen.insert(*r));
    roles
}

/// Plan order: first week (an open start first), then length (an open range
/// longest), then last week; items without weeks last.
pub(crate) fn order_key(weeks: Option<Weeks>) -> (bool, i64, i64, i64) {
    match weeks {
        None => (true, 0, 0, 0),
        Some(w) => {
            let start = if w.open_start { i64::MIN } else { w.from };
            let end = if w.open_end { i64::MAX } else { w.to };
            let length = if w.open_end || w.open_start {
                i64::MAX
            } else {
                w.to.saturating_sub(w.from)
            };
            (false, start, length, end)
        }
    }
}

/// The smallest range that covers every range in `list`; None for an empty
/// list or a range open at both ends (it says nothing about when).
pub(crate) fn hull(list: &[Weeks]) -> Option<Weeks> {
    let mut lo = Some(i64::MAX);
    let mut hi = Some(i64::MIN);
    for w in list {
        lo = if w.open_start {
            None
        } else {
            lo.map(|l| l.min(w.from))
        };
        hi = if w.open_end {
            None
        } else {
            hi.map(|h| h.max(w.to))
        };
    }
    // An open range's known end is in `lo` or `hi` already.
    match (list.is_empty(), lo, hi) {
        (true, _, _) | (_, None, None) => None,
        (_, Some(l), Some(h)) => Some(Weeks {
            from: l,
            to: h,
            open_start: false,
            open_end: false,
        }),
        (_, None, Some(h)) => Some(Weeks {
            from: h,
            to: h,
            open_start: true,
            open_end: false,
        }),
        (_, Some(l), None) => Some(Weeks {
            from: l,
            to: l,
            open_start: false,
            open_end: true,
        }),
    }
}

/// Every phase's weeks: its own, else its parent's (and so on up, a parent
/// without weeks taking its sub-phases' span), else the span of its
/// sub-phases. Parents and sub-phases are those of the navigation tree.
fn phase_weeks(site: &Site) -> HashMap<PageId, Weeks> {
    let tree = PhaseTree { site };
    site.pages_of_type(PageType::Phase)
        .filter_map(|(i, _)| tree.effective(i).map(|w| (i, w)))
        .collect()
}

/// The phases as the navigation tree orders them (a tree: no cycles).
struct PhaseTree<'a> {
    site: &'a Site,
}

impl PhaseTree<'_> {
    fn own(&self, i: PageId) -> Option<Weeks> {
        match &self.site.pages[i].kind {
            PageKind::Phase(p) => p.weeks.as_ref().map(|w| w.value),
            _ => None,
        }
    }

    fn parent(&self, i: PageId) -> Option<PageId> {
        match self.site.parents.get(&Target::Page(i)) {
            Some(Target::Page(p)) => Some(*p),
            _ => None,
        }
    }

    /// Own weeks, else the parent's (found the same way), else the sub-phases' span.
    fn effective(&self, i: PageId) -> Option<Weeks> {
        self.own(i)
            .or_else(|| self.parent(i).and_then(|p| self.effective(p)))
            .or_else(|| self.down(i))
    }

    /// Own weeks, else the span of the sub-phases'.
    fn down(&self, i: PageId) -> Option<Weeks> {
        self.own(i).or_else(|| {
            let children: Vec<Weeks> = self
                .site
                .nav_children(Target::Page(i))
                .into_iter()
                .filter_map(|t| match t {
                    Target::Page(c) => self.down(c),
                    _ => None,
                })
                .collect();
            hull(&children)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(from: i64, to: i64) -> Weeks {
        Weeks {
            from,
            to,
            open_start: false,
            open_end: false,
        }
    }
    fn until(to: i64) -> Weeks {
        Weeks {
            from: to,
            to,
            open_start: true,
            open_end: false,
        }
    }
    fn from(from: i64) -> Weeks {
        Weeks {
            from,
            to: from,
            open_start: false,
            open_end: true,
        }
    }

    #[test]
    fn hull_of_ranges() {
        assert_eq!(hull(&[]), None);
        assert_eq!(hull(&[w(-13, -1), w(0, 2)]), Some(w(-13, 2)));
        assert_eq!(hull(&[until(-14), w(-13, -1)]), Some(until(-1)));
        assert_eq!(hull(&[w(0, 6), from(7)]), Some(from(0)));
        assert_eq!(hull(&[until(-14), from(7)]), None);
    }

    #[test]
    fn order_by_start_then_length() {
        let mut list = vec![
            Some(until(-1)),
            Some(w(-2, 1)),
            None,
            Some(w(-3, 6)),
            Some(from(-3)),
            Some(Weeks::single(-3)),
            Some(until(-14)),
            Some(Weeks::single(-26)),
        ];
        list.sort_by_key(|x| order_key(*x));
        assert_eq!(
            list,
            vec![
                Some(until(-14)),
                Some(until(-1)),
                Some(Weeks::single(-26)),
                Some(Weeks::single(-3)),
                Some(w(-3, 6)),
                Some(from(-3)),
                Some(w(-2, 1)),
                None,
            ]
        );
    }
}
