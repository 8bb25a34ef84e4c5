//! A small RFC 5545 writer for a plan of all-day events: CRLF line ends,
//! content lines folded at 75 octets (never inside a UTF-8 character), TEXT
//! values escaped, a stable `UID` per item and all-day `VALUE=DATE` events.
//! Outlook, Google Calendar and Apple Calendar read the result.
//!
//! The browser writes the same bytes (`planner-core.js`, `icsCalendar`); the
//! browser test compares the two.

use time::Date;

use super::dates::compact;

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    /// Stable across builds and go-live dates: the same item keeps its UID.
    pub uid: String,
    pub summary: String,
    pub description: String,
    /// The item's page, absolute; left out when the handbook has no `base_url`.
    pub url: Option<String>,
    /// The first and the last day, inclusive.
    pub first: Date,
    pub last: Date,
}

/// The calendar file: `name` for the calendar list, `stamp` the `DTSTAMP`
/// (UTC, `20170612T080000Z`).
pub(crate) fn calendar(name: &str, stamp: &str, events: &[Event]) -> String {
    let mut out = String::new();
    let mut line = |text: String| fold_into(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//handbook//Plan//DA".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(name)));
    for e in events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape(&e.uid)));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DTSTART;VALUE=DATE:{}", compact(e.first)));
        // DTEND of an all-day event is the day after the last one.
        let end = e.last.next_day().unwrap_or(e.last);
        line(format!("DTEND;VALUE=DATE:{}", compact(end)));
        line(format!("SUMMARY:{}", escape(&e.summary)));
        if !e.description.is_empty() {
            line(format!("DESCRIPTION:{}", escape(&e.description)));
        }
        if let Some(url) = &e.url {
            line(format!("URL:{}", url.replace(['\r', '\n'], "")));
        }
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets: every continuation line starts
/// with one space, and a character is never split.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::dates::parse_iso;

    fn event(summary: &str, description: &str) -> Event {
        Event {
            uid: "aktivitet-klargoering-kickoff@ky".into(),
            summary: summary.into(),
            description: description.into(),
            url: Some("https://example.org/ky/faser/klargoering/#kickoff".into()),
            first: parse_iso("2017-04-10").unwrap(),
            last: parse_iso("2017-04-14").unwrap(),
        }
    }

    #[test]
    fn writes_crlf_all_day_events() {
        let ics = calendar("Plan", "20170101T000000Z", &[event("Kickoff", "")]);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'));
        assert!(ics.contains("\r\nDTSTART;VALUE=DATE:20170410\r\n"));
        // The Friday is the last day: DTEND is the Saturday.
        assert!(ics.contains("\r\nDTEND;VALUE=DATE:20170415\r\n"));
        assert!(ics.contains("\r\nUID:aktivitet-klargoering-kickoff@ky\r\n"));
        assert!(ics.contains("\r\nDTSTAMP:20170101T000000Z\r\n"));
        assert!(!ics.contains("DESCRIPTION"));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\ne\r"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let long = "Øvrige professionelle brugere gennemfører e-learning, ".repeat(6);
        let ics = calendar("Plan", "20170101T000000Z", &[event(&long, &long)]);
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        // Unfolding gives the escaped text back.
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{}\r\n", escape(&long))));
    }

    #[test]
    fn parses_with_a_calendar_parser() {
        use icalendar::Component;
        let ics = calendar(
            "Plan for projektleder",
            "20170101T000000Z",
            &[
                event(
                    "Hold kickoff 2: opstart, i kommunen; alle",
                    "Ansvarlig: Projektleder\nFase: Klargøring",
                ),
                Event {
                    uid: "milepael-idriftsaettelse@ky".into(),
                    first: parse_iso("2017-06-12").unwrap(),
                    last: parse_iso("2017-06-16").unwrap(),
                    url: None,
                    ..event("Idriftsættelsesdato", "")
                },
            ],
        );
        let parsed: icalendar::Calendar = ics.parse().expect("a valid calendar");
        let events: Vec<&icalendar::Event> = parsed
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .collect();
        assert_eq!(events.len(), 2);
        assert_eq!(
            events[0].get_summary(),
            Some("Hold kickoff 2: opstart, i kommunen; alle")
        );
        assert_eq!(
            events[0].get_description(),
            Some("Ansvarlig: Projektleder\nFase: Klargøring")
        );
        let day = |d: Option<icalendar::DatePerhapsTime>| match d {
            Some(icalendar::DatePerhapsTime::Date(d)) => d.to_string(),
            other => panic!("not an all-day date: {other:?}"),
        };
        assert_eq!(day(events[0].get_start()), "2017-04-10");
        assert_eq!(day(events[0].get_end()), "2017-04-15");
        assert_eq!(day(events[1].get_start()), "2017-06-12");
        assert_eq!(events[1].get_uid(), Some("milepael-idriftsaettelse@ky"));
    }
}
