//! What the planner script gets from the build: its words (one asset), the
//! settings of a site's pages, the banner of a build with a go-live date, and
//! the theme's `week_dates` filter that prints dates at build time.

use super::{go_live_title, handbook_key};
use crate::calendar::{DateLabels, GoLive};
use crate::model::Weeks;
use crate::render::links::Linker;

/// "Datoerne regner fra Idriftsættelsesdato 12. juni 2017 (uge 24)." (`key` is the sentence's string).
pub(crate) fn banner_text(linker: &Linker, go_live: GoLive, key: &str) -> String {
    let labels = DateLabels::from_strings(|k| linker.strings.get(k));
    let date = format!(
        "{} ({} {})",
        labels.day(go_live.date()),
        labels.week,
        go_live.date().iso_week()
    );
    linker
        .strings
        .fill(key, &[("title", &go_live_title(linker)), ("date", &date)])
}

/// The strings the planner script shows and writes.
const SCRIPT_KEYS: &[&str] = &[
    "plan_months",
    "plan_iso_week",
    "plan_no_week",
    "plan_banner",
    "plan_change",
    "plan_remove",
    "plan_use",
    "plan_header",
    "plan_header_set",
    "plan_invalid",
    "plan_status_overdue",
    "plan_status_now",
    "plan_status_soon",
    "plan_count",
    "plan_count_all",
    "plan_calendar_name",
    "plan_calendar_role",
    "plan_names_imported",
    "plan_names_bad_file",
    "plan_names_none",
    "plan_holder",
    "plan_date_hint",
    "plan_saved",
    "plan_removed",
    "week",
    "weeks_to",
    "weeks_until",
    "weeks_from",
    "responsible",
    "involved",
    "phase_of",
    "workstream",
    "category",
    "task_ref",
    "title",
    "kind",
    "plan_csv_from",
    "plan_csv_to",
    "plan_csv_url",
];

/// The asset that gives the planner script its words: one file for the
/// whole build, so the pages carry only their settings.
pub(crate) const LABELS_SCRIPT: &str = "planner-labels.js";

/// `assets/planner-labels.js`: `window.HandbookPlannerLabels = {...}` from the string table.
pub(crate) fn labels_script(strings: &crate::render::theme::Strings) -> String {
    let labels: serde_json::Map<String, serde_json::Value> = SCRIPT_KEYS
        .iter()
        .map(|k| (k.to_string(), strings.get(k).into()))
        .collect();
    format!(
        "/* The go-live planner's words, from the theme's string table. */\nwindow.HandbookPlannerLabels = {};\n",
        serde_json::Value::Object(labels)
            .to_string()
            .replace('<', "\\u003c")
    )
}

/// The planner script's settings for the pages of a site, as JSON: the
/// storage key of the handbook, the label of the date, the build's date and
/// the base URL. The script finds the site's root from its own address, so
/// the settings are the same on every page.
pub(crate) fn script_settings(linker: &Linker) -> String {
    let site = linker.site;
    serde_json::json!({
        "key": handbook_key(site),
        "title": go_live_title(linker),
        "handbook": site.config.short_title.clone().unwrap_or_else(|| site.config.title.clone()),
        "buildDate": site.options.go_live.map(|g| g.iso()),
        "base": site.config.base_url.as_ref().map(|b| format!("{}/", b.trim_end_matches('/'))),
    })
    .to_string()
}

/// The theme's `week_dates` filter: `{{ w | week_dates(go_live=site.go_live) }}`
/// gives the dates of a week range (or of a week number) from a go-live date,
/// and nothing without one.
pub(crate) fn week_dates_filter(
    labels: DateLabels,
) -> impl Fn(&tera::Value, tera::Kwargs, &tera::State) -> String + Sync + Send + 'static {
    move |value: &tera::Value, kwargs: tera::Kwargs, _: &tera::State| {
        let go_live = kwargs
            .get::<&tera::Value>("go_live")
            .ok()
            .flatten()
            .and_then(|v| v.as_str())
            .and_then(GoLive::parse);
        let int = |key: &str| value.get_from_path(key).and_then(tera::Value::as_i64);
        let flag = |key: &str| {
            value
                .get_from_path(key)
                .and_then(tera::Value::as_bool)
                .unwrap_or(false)
        };
        let weeks = match value.as_i64() {
            Some(week) => Some(Weeks::single(week)),
            None => int("from").zip(int("to")).map(|(from, to)| Weeks {
                from,
                to,
                open_start: flag("open_start"),
                open_end: flag("open_end"),
            }),
        };
        go_live
            .zip(weeks)
            .and_then(|(g, w)| g.dated(w))
            .map(|d| d.text(&labels))
            .unwrap_or_default()
    }
}
