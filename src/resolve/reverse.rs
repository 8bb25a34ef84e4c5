//! Reverse indexes, built once per site: what a role takes part in, which
//! guides use a template, which guides belong to a phase, and which role
//! matches an audience.

use std::collections::HashMap;

use super::Site;
use crate::model::*;

/// How a role takes part in an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Involvement {
    Responsible,
    Involved,
}

/// An activity by its phase page and its index in that phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActivityRef {
    pub phase: usize,
    pub index: usize,
}

/// Who uses what, by page index.
#[derive(Debug, Default)]
pub struct Reverse {
    /// Role page → (phase page, row of its role table).
    pub role_phases: HashMap<usize, Vec<(usize, usize)>>,
    pub role_activities: HashMap<usize, Vec<(ActivityRef, Involvement)>>,
    /// Role page → (guide page, row of its participants).
    pub role_guides: HashMap<usize, Vec<(usize, usize)>>,
    /// Role page → (training page, true when the role teaches rather than is taught).
    pub role_trainings: HashMap<usize, Vec<(usize, bool)>>,
    /// Template page → guides that use it.
    pub template_guides: HashMap<usize, Vec<usize>>,
    pub template_activities: HashMap<usize, Vec<ActivityRef>>,
    /// Phase page → guides that belong to it.
    pub phase_guides: HashMap<usize, Vec<usize>>,
    /// Guide page → activities that use it.
    pub guide_activities: HashMap<usize, Vec<ActivityRef>>,
    /// Role page → audience whose reading guide matches it.
    pub role_audience: HashMap<usize, usize>,
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
    pub fn build(site: &Site) -> Reverse {
        let mut r = Reverse::default();
        let id = |t: PageType, s: &str| site.typed_page(t, s).map(|(i, _)| i);
        for (i, page) in site.pages_of_type(PageType::Phase) {
            let PageKind::Phase(phase) = &page.kind else {
                continue;
            };
            for (row, entry) in phase.roles.iter().enumerate() {
                if let Some(role) = id(PageType::Role, &entry.role.value) {
                    push(&mut r.role_phases, role, (i, row));
                }
            }
            for (index, activity) in phase.activities.iter().enumerate() {
                let a = ActivityRef { phase: i, index };
                r.activities.push(a);
                if let Some(role) = activity
                    .responsible
                    .as_ref()
                    .and_then(|x| id(PageType::Role, &x.value))
                {
                    push(&mut r.role_activities, role, (a, Involvement::Responsible));
                }
                for role in activity
                    .involved
                    .iter()
                    .filter_map(|x| id(PageType::Role, &x.value))
                {
                    push(&mut r.role_activities, role, (a, Involvement::Involved));
                }
                for t in activity
                    .templates
                    .iter()
                    .filter_map(|x| id(PageType::Template, &x.value))
                {
                    push(&mut r.template_activities, t, a);
                }
                if let Some(g) = activity
                    .guide
                    .as_ref()
                    .and_then(|x| id(PageType::Guide, &x.value))
                {
                    push(&mut r.guide_activities, g, a);
                }
            }
        }
        for (i, page) in site.pages_of_type(PageType::Guide) {
            let PageKind::Guide(guide) = &page.kind else {
                continue;
            };
            for (row, part) in guide.roles.iter().enumerate() {
                if let Some(role) = id(PageType::Role, &part.role.value) {
                    push(&mut r.role_guides, role, (i, row));
                }
            }
            for t in guide
                .templates
                .iter()
                .filter_map(|x| id(PageType::Template, &x.value))
            {
                push(&mut r.template_guides, t, i);
            }
            for p in guide
                .phases
                .iter()
                .filter_map(|x| id(PageType::Phase, &x.value))
            {
                push(&mut r.phase_guides, p, i);
            }
        }
        for (i, page) in site.pages_of_type(PageType::Training) {
            let PageKind::Training(plan) = &page.kind else {
                continue;
            };
            if let Some(role) = plan
                .target
                .as_ref()
                .and_then(|x| id(PageType::Role, &x.value))
            {
                push(&mut r.role_trainings, role, (i, false));
            }
            for course in &plan.courses {
                if let Some(role) = course
                    .held_by
                    .as_ref()
                    .and_then(|x| id(PageType::Role, &x.value))
                {
                    push(&mut r.role_trainings, role, (i, true));
                }
            }
        }
        for (a, audience) in site.config.audiences.iter().enumerate() {
            if let Some(role) = audience
                .role
                .as_ref()
                .and_then(|x| id(PageType::Role, &x.value))
            {
                r.role_audience.insert(role, a);
            }
        }
        r
    }
}
