//! Weeks relative to go-live as calendar dates.
//!
//! Week 0 is the ISO week (Monday to Sunday) that contains the go-live date,
//! whatever weekday that is; week `n` is `n` weeks later (earlier when
//! negative). A week is shown as its working days, Monday to Friday, in
//! Danish: "10.–14. april 2017 (uge 15)", with the ISO week number.

use time::{Date, Month};

use crate::model::Weeks;

/// A go-live date and the Monday of its week (week 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoLive {
    date: Date,
    /// Julian day of the Monday of week 0.
    monday: i64,
}

impl GoLive {
    /// Parses `YYYY-MM-DD` (a real calendar date, years 1 to 9999).
    pub fn parse(text: &str) -> Option<GoLive> {
        let date = parse_iso(text)?;
        let monday =
            i64::from(date.to_julian_day()) - i64::from(date.weekday().number_days_from_monday());
        Some(GoLive { date, monday })
    }

    pub fn date(&self) -> Date {
        self.date
    }

    /// `2017-06-12`.
    pub fn iso(&self) -> String {
        iso(self.date)
    }

    /// The Monday of week `week`; None beyond the calendar's range.
    pub fn monday(&self, week: i64) -> Option<Date> {
        self.day(week, 0)
    }

    /// The Friday of week `week`.
    pub fn friday(&self, week: i64) -> Option<Date> {
        self.day(week, 4)
    }

    fn day(&self, week: i64, weekday: i64) -> Option<Date> {
        let julian = week
            .checked_mul(7)?
            .checked_add(self.monday)?
            .checked_add(weekday)?;
        Date::from_julian_day(i32::try_from(julian).ok()?)
            .ok()
            .filter(|d| (1..=9999).contains(&d.year()))
    }

    /// The dates of a week range; None when a week lies beyond the calendar.
    pub fn dated(&self, weeks: Weeks) -> Option<Dated> {
        let first = if weeks.open_start {
            weeks.to
        } else {
            weeks.from
        };
        let last = if weeks.open_end { weeks.from } else { weeks.to };
        Some(Dated {
            open_start: weeks.open_start,
            open_end: weeks.open_end,
            first_monday: self.monday(first)?,
            last_monday: self.monday(last)?,
            last_friday: self.friday(last)?,
        })
    }
}

/// A week range as dates. An open range keeps its one known week: "until
/// week -14" is the week -14, "from week 7" the week 7.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub open_start: bool,
    pub open_end: bool,
    /// The Monday of the first known week.
    pub first_monday: Date,
    /// The Monday and the Friday of the last known week.
    pub last_monday: Date,
    pub last_friday: Date,
}

impl Dated {
    /// The first and the last day (inclusive) of the range's calendar event:
    /// Monday of the first week to Friday of the last; an open range is its known week.
    pub fn event_days(&self) -> (Date, Date) {
        (self.first_monday, self.last_friday)
    }

    /// The first day the range can cover (None when it is open at the start).
    pub fn start(&self) -> Option<Date> {
        (!self.open_start).then_some(self.first_monday)
    }

    /// The last day the range can cover (None when it is open at the end).
    pub fn end(&self) -> Option<Date> {
        (!self.open_end).then_some(self.last_friday)
    }

    /// The dates in Danish: "10.–14. april 2017 (uge 15)",
    /// "13. marts – 9. juni 2017 (uge 11–23)". An open range shows its known
    /// week: "until week -14" the dates of week -14.
    pub fn text(&self, labels: &DateLabels) -> String {
        let (first, last_monday, last) = (self.first_monday, self.last_monday, self.last_friday);
        let days = if first.year() != last.year() {
            format!("{} – {}", labels.day(first), labels.day(last))
        } else if first.month() != last.month() {
            format!(
                "{}. {} – {}",
                first.day(),
                labels.month(first.month()),
                labels.day(last)
            )
        } else {
            format!("{}.–{}", first.day(), labels.day(last))
        };
        let (y1, w1, _) = first.to_iso_week_date();
        let (y2, w2, _) = last_monday.to_iso_week_date();
        let weeks = if first == last_monday {
            format!("{} {w1}", labels.week)
        } else if y1 == y2 {
            format!("{} {w1}–{w2}", labels.week)
        } else {
            format!("{} {w1} {y1} – {} {w2} {y2}", labels.week, labels.week)
        };
        format!("{days} ({weeks})")
    }
}

/// The words of Danish dates, from the theme's string table.
#[derive(Debug, Clone)]
pub struct DateLabels {
    /// January to December.
    pub months: Vec<String>,
    /// "uge"
    pub week: String,
}

impl DateLabels {
    /// Reads the labels with `get` (a string-table lookup): `plan_months`
    /// (twelve names separated by spaces) and `plan_iso_week`.
    pub fn from_strings(get: impl Fn(&str) -> String) -> DateLabels {
        let mut months: Vec<String> = get("plan_months")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        // A broken table still gives a date: month numbers fill the gaps.
        while months.len() < 12 {
            months.push(format!("{}.", months.len() + 1));
        }
        DateLabels {
            months,
            week: get("plan_iso_week"),
        }
    }

    fn month(&self, month: Month) -> &str {
        &self.months[usize::from(u8::from(month)) - 1]
    }

    /// "10. april 2017".
    pub fn day(&self, date: Date) -> String {
        format!(
            "{}. {} {}",
            date.day(),
            self.month(date.month()),
            date.year()
        )
    }
}

/// `2017-04-10`.
pub(crate) fn iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// `20170410`, the form of an all-day date in a calendar file.
pub(crate) fn compact(date: Date) -> String {
    iso(date).replace('-', "")
}

/// Parses `YYYY-MM-DD`; None for anything else or a day that does not exist
/// (the one reading of dates, [`crate::model::Date`]).
pub(crate) fn parse_iso(text: &str) -> Option<Date> {
    let date = crate::model::Date::parse(text)?;
    Date::from_calendar_date(
        i32::from(date.year()),
        Month::try_from(date.month()).ok()?,
        date.day(),
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> DateLabels {
        DateLabels::from_strings(|k| {
            match k {
                "plan_months" => "januar februar marts april maj juni juli august september oktober november december",
                "plan_iso_week" => "uge",
                _ => "",
            }
            .to_string()
        })
    }

    fn text(go_live: &str, weeks: Weeks) -> String {
        GoLive::parse(go_live)
            .unwrap()
            .dated(weeks)
            .unwrap()
            .text(&labels())
    }

    fn range(from: i64, to: i64) -> Weeks {
        Weeks {
            from,
            to,
            open_start: false,
            open_end: false,
        }
    }

    #[test]
    fn week_zero_is_the_iso_week_of_the_go_live_date() {
        // 2017-06-12 is a Monday (ISO week 24).
        let g = GoLive::parse("2017-06-12").unwrap();
        assert_eq!(iso(g.monday(0).unwrap()), "2017-06-12");
        assert_eq!(iso(g.friday(0).unwrap()), "2017-06-16");
        // A Wednesday and a Sunday go-live share that week.
        for day in ["2017-06-14", "2017-06-18"] {
            let g = GoLive::parse(day).unwrap();
            assert_eq!(iso(g.monday(0).unwrap()), "2017-06-12", "{day}");
        }
        // The next Monday starts the next week 0.
        let g = GoLive::parse("2017-06-19").unwrap();
        assert_eq!(iso(g.monday(0).unwrap()), "2017-06-19");
    }

    #[test]
    fn negative_and_positive_weeks() {
        let g = GoLive::parse("2017-06-12").unwrap();
        assert_eq!(iso(g.monday(-9).unwrap()), "2017-04-10");
        assert_eq!(iso(g.friday(-9).unwrap()), "2017-04-14");
        assert_eq!(iso(g.monday(-13).unwrap()), "2017-03-13");
        assert_eq!(iso(g.monday(6).unwrap()), "2017-07-24");
        assert_eq!(iso(g.monday(-26).unwrap()), "2016-12-12");
    }

    #[test]
    fn danish_text_with_iso_weeks() {
        assert_eq!(
            text("2017-06-12", Weeks::single(-9)),
            "10.–14. april 2017 (uge 15)"
        );
        assert_eq!(
            text("2017-06-12", range(-13, -1)),
            "13. marts – 9. juni 2017 (uge 11–23)"
        );
        // Monday and Friday in different months.
        assert_eq!(
            text("2017-06-12", Weeks::single(-15)),
            "27. februar – 3. marts 2017 (uge 9)"
        );
    }

    #[test]
    fn around_new_year_iso_weeks_52_and_53() {
        // 2021-01-04 is the Monday of ISO week 1 of 2021; 2020 has 53 ISO weeks.
        assert_eq!(
            text("2021-01-06", Weeks::single(-1)),
            "28. december 2020 – 1. januar 2021 (uge 53)"
        );
        assert_eq!(
            text("2021-01-06", range(-2, 0)),
            "21. december 2020 – 8. januar 2021 (uge 52 2020 – uge 1 2021)"
        );
        // 2025-12-29 belongs to ISO week 1 of 2026.
        assert_eq!(
            text("2026-01-01", Weeks::single(0)),
            "29. december 2025 – 2. januar 2026 (uge 1)"
        );
        assert_eq!(
            text("2026-01-01", Weeks::single(-1)),
            "22.–26. december 2025 (uge 52)"
        );
    }

    #[test]
    fn open_ranges_keep_their_known_week() {
        let until = Weeks {
            from: -14,
            to: -14,
            open_start: true,
            open_end: false,
        };
        assert_eq!(text("2017-06-12", until), "6.–10. marts 2017 (uge 10)");
        let from = Weeks {
            from: 7,
            to: 7,
            open_start: false,
            open_end: true,
        };
        assert_eq!(
            text("2017-06-12", from),
            "31. juli – 4. august 2017 (uge 31)"
        );
        let dated = GoLive::parse("2017-06-12").unwrap().dated(from).unwrap();
        assert_eq!(dated.end(), None);
        let (a, b) = dated.event_days();
        assert_eq!((iso(a), iso(b)), ("2017-07-31".into(), "2017-08-04".into()));
    }

    #[test]
    fn far_past_and_future() {
        let g = GoLive::parse("1900-03-01").unwrap();
        assert_eq!(iso(g.monday(0).unwrap()), "1900-02-26");
        // 2400-01-01 is a Saturday, like 2000-01-01 (400 years are whole weeks).
        assert_eq!(
            text("2399-12-31", Weeks::single(1)),
            "3.–7. januar 2400 (uge 1)"
        );
        assert!(g.monday(i64::MAX).is_none());
        assert!(g.dated(Weeks::single(-1_000_000)).is_none());
    }

    /// The cases the browser script is tested on too (tests/browser/planner-cases.mjs).
    #[test]
    fn shared_cases_agree_with_the_browser() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/planner-cases.json")).unwrap();
        let labels = cases["labels"].clone();
        let labels = DateLabels::from_strings(|k| labels[k].as_str().unwrap_or("").to_string());
        let weeks = |w: &serde_json::Value| Weeks {
            from: w["from"].as_i64().unwrap(),
            to: w["to"].as_i64().unwrap(),
            open_start: w["openStart"].as_bool().unwrap_or(false),
            open_end: w["openEnd"].as_bool().unwrap_or(false),
        };
        let dates = cases["dates"].as_array().unwrap();
        assert!(dates.len() >= 20);
        for case in dates {
            let g = GoLive::parse(case["goLive"].as_str().unwrap()).unwrap();
            let d = g.dated(weeks(&case["weeks"])).unwrap();
            let (first, last) = d.event_days();
            assert_eq!(iso(first), case["first"], "{case}");
            assert_eq!(iso(last), case["last"], "{case}");
            assert_eq!(d.text(&labels), case["text"], "{case}");
        }
        for bad in cases["invalid"].as_array().unwrap() {
            assert!(GoLive::parse(bad.as_str().unwrap()).is_none(), "{bad}");
        }
        for case in cases["beyond"].as_array().unwrap() {
            let g = GoLive::parse(case["goLive"].as_str().unwrap()).unwrap();
            assert!(g.dated(weeks(&case["weeks"])).is_none(), "{case}");
        }
    }

    #[test]
    fn parses_only_real_iso_dates() {
        assert!(GoLive::parse("2017-06-12").is_some());
        assert!(GoLive::parse("2024-02-29").is_some());
        for bad in [
            "2023-02-29",
            "2017-13-01",
            "17-06-12",
            "12.06.2017",
            "2017-6-12",
            "",
        ] {
            assert!(GoLive::parse(bad).is_none(), "{bad}");
        }
    }
}
