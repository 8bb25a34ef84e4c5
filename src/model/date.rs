//! A calendar date as content writes it: `YYYY-MM-DD`, checked against the
//! calendar (2016-02-31 is not a date).

use std::fmt;

use serde::Serialize;

/// A date of the Gregorian calendar; orders by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Reads `YYYY-MM-DD`; None for anything else and for days the month
    /// does not have.
    pub(crate) fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let number = |p: &str, len: usize| {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u16>().ok())
                .flatten()
        };
        let (year, month, day) = (number(y, 4)?, number(m, 2)?, number(d, 2)?);
        let year = Some(year).filter(|y| *y >= 1)?;
        let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
        let day = u8::try_from(day)
            .ok()
            .filter(|d| (1..=days_in_month(year, month)).contains(d))?;
        Some(Date { year, month, day })
    }

    /// The year (1 to 9999).
    pub(crate) fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub(crate) fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub(crate) fn day(self) -> u8 {
        self.day
    }

    /// The date as Danish readers write it: `21.09.2016`.
    pub(crate) fn danish(self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// ISO 8601: `2016-09-21`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Seconds since 1970 to a UTC date `YYYY-MM-DD` (Howard Hinnant's
/// days-to-civil algorithm).
pub(crate) fn civil_date(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_become_utc_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(1_474_416_000), "2016-09-21");
        assert_eq!(civil_date(951_782_400), "2000-02-29");
        assert_eq!(civil_date(1_709_251_199), "2024-02-29");
    }

    #[test]
    fn only_calendar_days_are_dates() {
        let date = Date::parse("2016-09-21").unwrap();
        assert_eq!(date.to_string(), "2016-09-21");
        assert_eq!(date.danish(), "21.09.2016");
        assert!(Date::parse("2016-02-29").is_some());
        assert!(Date::parse("2000-02-29").is_some());
        for bad in [
            "2016-02-31",
            "2015-02-29",
            "1900-02-29",
            "2016-04-31",
            "2016-13-01",
            "2016-00-10",
            "2016-01-00",
            "21.09.2016",
            "2016-9-21",
            "2016-09-21-1",
            "",
            "+016-09-21",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2016-09-21") < Date::parse("2017-01-01"));
    }
}
