//! The calendar file (`.ics`) and the task list (CSV) of a plan, as the build
//! writes them with a go-live date; `planner-core.js` writes the same in the browser.

use super::{ItemView, RoleRef};
use crate::calendar::{self, GoLive, ics};
use crate::render::links::Linker;
use crate::resolve::Site;

/// The words of the calendar and the task list, from the string table.
pub(crate) struct FileLabels {
    pub responsible: String,
    pub involved: String,
    pub phase: String,
    pub workstream: String,
    pub category: String,
    pub task_ref: String,
    /// Header row of the task list.
    pub columns: Vec<String>,
}

impl FileLabels {
    pub(crate) fn new(linker: &Linker) -> FileLabels {
        let s = |k: &str| linker.strings.get(k);
        FileLabels {
            responsible: s("responsible"),
            involved: s("involved"),
            phase: s("phase_of"),
            workstream: s("workstream"),
            category: s("category"),
            task_ref: s("task_ref"),
            columns: [
                "week",
                "plan_csv_from",
                "plan_csv_to",
                "title",
                "kind",
                "category",
                "responsible",
                "involved",
                "phase_of",
                "workstream",
                "task_ref",
                "plan_csv_url",
            ]
            .iter()
            .map(|k| s(k))
            .collect(),
        }
    }
}

/// The absolute URL of an item, when the handbook has a `base_url`.
fn item_url(site: &Site, item: &ItemView) -> Option<String> {
    site.config
        .base_url
        .as_ref()
        .map(|base| format!("{}/{}", base.trim_end_matches('/'), item.path))
}

fn titles(list: &[RoleRef]) -> String {
    list.iter()
        .map(|r| r.link.title.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The description of an item's calendar event: kind and weeks, roles,
/// phase, workstream, category, task reference and URL, one per line.
pub(crate) fn describe(labels: &FileLabels, item: &ItemView, url: Option<&str>) -> String {
    let phase = item
        .phases
        .iter()
        .map(|l| l.title.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut lines = vec![format!("{} · {}", item.kind_name, item.weeks_text)];
    let mut add = |label: &str, value: &str| {
        if !value.is_empty() {
            lines.push(format!("{label}: {value}"));
        }
    };
    add(&labels.responsible, &titles(&item.leads));
    add(&labels.involved, &titles(&item.others));
    add(&labels.phase, &phase);
    add(&labels.workstream, item.workstream.as_deref().unwrap_or(""));
    add(
        &labels.category,
        item.category_name.as_deref().unwrap_or(""),
    );
    add(&labels.task_ref, item.task_ref.as_deref().unwrap_or(""));
    lines.extend(url.map(str::to_string));
    lines.join("\n")
}

/// The calendar of a plan: one all-day event per item with weeks.
pub(crate) fn plan_ics(
    site: &Site,
    labels: &FileLabels,
    go_live: GoLive,
    name: &str,
    stamp: &str,
    items: &[ItemView],
) -> String {
    let events: Vec<ics::Event> = items
        .iter()
        .filter_map(|item| {
            let (first, last) = go_live.dated(item.weeks?)?.event_days();
            let url = item_url(site, item);
            Some(ics::Event {
                uid: item.uid.clone(),
                summary: item.title.clone(),
                description: describe(labels, item, url.as_deref()),
                url,
                first,
                last,
            })
        })
        .collect();
    ics::calendar(name, stamp, &events)
}

/// The task list of a plan: a header row, then one row per item.
pub(crate) fn plan_csv(
    site: &Site,
    labels: &FileLabels,
    go_live: GoLive,
    items: &[ItemView],
) -> String {
    let mut rows = vec![labels.columns.clone()];
    for item in items {
        let dated = item.weeks.and_then(|w| go_live.dated(w));
        let day = |d: Option<time::Date>| d.map(calendar::dates::iso).unwrap_or_default();
        rows.push(vec![
            item.weeks_text.clone(),
            day(dated.and_then(|d| d.start())),
            day(dated.and_then(|d| d.end())),
            item.title.clone(),
            item.kind_name.clone(),
            item.category_name.clone().unwrap_or_default(),
            titles(&item.leads),
            titles(&item.others),
            item.phases
                .iter()
                .map(|l| l.title.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            item.workstream.clone().unwrap_or_default(),
            item.task_ref.clone().unwrap_or_default(),
            item_url(site, item).unwrap_or_default(),
        ]);
    }
    calendar::csv::table(&rows)
}
