//! View models: the data each template gets, built from the site for one page.
//! Only what that page shows goes in: ids, titles, hrefs and texts.

pub(crate) mod overview;
pub(crate) mod typed;

use serde::Serialize;

use super::links::{Link, Linker};
use crate::model::Weeks;
use crate::model::{Activity, Category, WorkstreamRef};
use crate::resolve::reverse::ActivityRef;
use crate::resolve::{Site, Target};

/// An activity as tables show it.
#[derive(Debug, Serialize)]
pub(crate) struct ActivityView {
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub href: Option<String>,
    pub description: Option<String>,
    /// Its own weeks, or its phase's (`inherited`).
    pub weeks: Option<Weeks>,
    pub inherited: bool,
    pub category: Option<Category>,
    pub task_ref: Option<String>,
    pub workstream: Option<String>,
    pub responsible: Option<Link>,
    pub involved: Vec<Link>,
    pub guide: Option<Link>,
    pub templates: Vec<Link>,
    pub phase: Link,
}

/// Looks up the activity behind a reference.
pub(crate) fn activity(site: &Site, a: ActivityRef) -> Option<&Activity> {
    match &site.pages[a.phase].kind {
        crate::model::PageKind::Phase(p) => p.activities.get(a.index),
        _ => None,
    }
}

/// The view of one activity, linked from the current page.
pub(crate) fn activity_view(linker: &Linker, a: ActivityRef) -> Option<ActivityView> {
    let site = linker.site;
    let act = activity(site, a)?;
    let phase = Target::Page(a.phase);
    let timed = site.plan.activity(a);
    Some(ActivityView {
        id: act.id.clone(),
        anchor: linker.anchor_id(&act.id),
        title: act.title.clone(),
        href: Some(linker.href(phase, Some(&act.id))),
        description: act.description.clone(),
        weeks: timed.and_then(|t| t.weeks),
        inherited: timed.is_some_and(|t| t.inherited),
        category: act.category,
        task_ref: act.task_ref.clone(),
        workstream: act.workstream.as_ref().map(|w| workstream_title(site, w)),
        responsible: act.responsible.as_ref().map(|r| linker.reference(r)),
        involved: act.involved.iter().map(|r| linker.reference(r)).collect(),
        guide: act.guide.as_ref().map(|g| linker.reference(g)),
        templates: act.templates.iter().map(|t| linker.reference(t)).collect(),
        phase: linker.link(phase),
    })
}

/// The title of the workstream a reference names (its id when unknown).
pub(crate) fn workstream_title(site: &Site, w: &WorkstreamRef) -> String {
    site.config
        .entry(w)
        .map_or_else(|| w.value.clone(), |x| x.title.clone())
}

/// `1 536` bytes → `1,5 kB` (Danish decimal comma).
pub fn format_size(bytes: u64) -> String {
    let (value, unit) = match bytes {
        b if b < 1024 => return format!("{b} B"),
        b if b < 1024 * 1024 => (b as f64 / 1024.0, "kB"),
        b => (b as f64 / (1024.0 * 1024.0), "MB"),
    };
    format!("{value:.1} {unit}").replace('.', ",")
}

/// `2016-09-21` → `21.09.2016`.
pub(crate) fn format_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => format!("{d}.{m}.{y}"),
        _ => iso.to_string(),
    }
}

/// Minutes as `h:mm`: 75 → `1:15`.
pub(crate) fn format_minutes(minutes: i64) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_for_danish_readers() {
        assert_eq!(format_size(900), "900 B");
        assert_eq!(format_size(1536), "1,5 kB");
        assert_eq!(format_size(3 * 1024 * 1024), "3,0 MB");
        assert_eq!(format_date("2016-09-21"), "21.09.2016");
        assert_eq!(format_minutes(0), "0:00");
        assert_eq!(format_minutes(135), "2:15");
    }
}
