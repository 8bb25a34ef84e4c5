//! Reverse indexes, built once per site: what a role takes part in, which
//! guides use a template, which guides belong to a phase, and which role
//! matches an audience.

use std::collections::HashMap;

use super::Site;
use crate::model::*;

/// How a role takes part in an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Involvement {
    Responsible,
    Involved,
}

/// An activity by its phase page and its index in that phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ActivityRef {
    pub phase: PageId,
    pub index: usize,
}

/// Who uses what, by page.
#[derive(Debug, Default)]
pub(crate) struct Reverse {
    /// Role page → (phase page, row of its role table).
    pub role_phases: HashMap<PageId, Vec<(PageId, usize)>>,
    pub role_activities: HashMap<PageId, Vec<(ActivityRef, Involvement)>>,
    /// Role page → (guide page, row of its participants).
    pub role_guides: HashMap<PageId, Vec<(PageId, usize)>>,
    /// Role page → (training page, true when the role teaches rather than is taught).
    pub role_trainings: HashMap<PageId, Vec<(PageId, bool)>>,
    /// Template page → guides that use it.
    pub template_guides: HashMap<PageId, Vec<PageId>>,
    pub template_activities: HashMap<PageId, Vec<ActivityRef>>,
    /// Phase page → guides that belong to it.
    pub phase_guides: HashMap<PageId, Vec<PageId>>,
    /// Guide page → activities that use it.
    pub guide_activities: HashMap<PageId, Vec<ActivityRef>>,
    /// Role page → audience whose reading guide matches it.
    pub role_audience: HashMap<PageId, usize>,
    /// Every activity in handbook order of its phase.
    pub activities: Vec<ActivityRef>,
}

fn push<K: std::hash::Hash + Eq, V: PartialEq>(map: &mut HashMap<K, Vec<V>>, key: K, value: V) {
    let list = map.entry(key).or_default();
    if !list.contains(&value) {
        list.push(value);
    }
}

impl Reverse {
    /// Walks every page once, in handbook order, so every list comes out in that order.
    pub(crate) fn build(site: &Site) -> Reverse {
        let mut r = Reverse::default();
        for (i, page) in site.pages_of_type(PageType::Phase) {
            if let PageKind::Phase(phase) = &page.kind {
                r.add_phase(i, phase);
            }
        }
        for (i, page) in site.pages_of_type(PageType::Guide) {
            if let PageKind::Guide(guide) = &page.kind {
                r.add_guide(i, guide);
            }
        }
        for (i, page) in site.pages_of_type(PageType::Training) {
            if let PageKind::Training(plan) = &page.kind {
                r.add_training(i, plan);
            }
        }
        r.add_audiences(site);
        r
    }

    /// The roles of phase page `i`'s role table, and its activities.
    fn add_phase(&mut self, i: PageId, phase: &Phase) {
        for (row, entry) in phase.roles.iter().enumerate() {
            if let Some(role) = entry.role.page {
                push(&mut self.role_phases, role, (i, row));
            }
        }
        for (index, activity) in phase.activities.iter().enumerate() {
            self.add_activity(ActivityRef { phase: i, index }, activity);
        }
    }

    /// The roles, templates and guide an activity names.
    fn add_activity(&mut self, a: ActivityRef, activity: &Activity) {
        self.activities.push(a);
        if let Some(role) = activity.responsible.as_ref().and_then(|x| x.page) {
            push(
                &mut self.role_activities,
                role,
                (a, Involvement::Responsible),
            );
        }
        for role in activity.involved.iter().filter_map(|x| x.page) {
            push(&mut self.role_activities, role, (a, Involvement::Involved));
        }
        for t in activity.templates.iter().filter_map(|x| x.page) {
            push(&mut self.template_activities, t, a);
        }
        if let Some(g) = activity.guide.as_ref().and_then(|x| x.page) {
            push(&mut self.guide_activities, g, a);
        }
    }

    /// The participants, templates and phases guide page `i` names.
    fn add_guide(&mut self, i: PageId, guide: &Guide) {
        for (row, part) in guide.roles.iter().enumerate() {
            if let Some(role) = part.role.page {
                push(&mut self.role_guides, role, (i, row));
            }
        }
        for t in guide.templates.iter().filter_map(|x| x.page) {
            push(&mut self.template_guides, t, i);
        }
        for p in guide.phases.iter().filter_map(|x| x.page) {
            push(&mut self.phase_guides, p, i);
        }
    }

    /// The target group and the teachers of training page `i`.
    fn add_training(&mut self, i: PageId, plan: &TrainingPlan) {
        if let Some(r) = plan.target.as_ref().and_then(|x| x.page) {
            push(&mut self.role_trainings, r, (i, false));
        }
        for course in &plan.courses {
            if let Some(r) = course.held_by.as_ref().and_then(|x| x.page) {
                push(&mut self.role_trainings, r, (i, true));
            }
        }
    }

    /// The role each audience of `handbook.yaml` names.
    fn add_audiences(&mut self, site: &Site) {
        for (a, audience) in site.config.audiences.iter().enumerate() {
            if let Some(role) = audience.role.as_ref().and_then(|x| x.page) {
                self.role_audience.insert(role, a);
            }
        }
    }
}
