//! "Senest ændret": when a page's sources last changed. The source is the
//! modification time of the page's markdown file (a git checkout sets it to
//! the checkout time; `handbook` runs no git). A generated page takes the
//! newest time of `handbook.yaml`, its introduction and the pages it lists.
//! Dates are UTC calendar days.

use std::time::UNIX_EPOCH;

use serde::Serialize;

use crate::model::{Generated, PageType};
use crate::resolve::{Site, Target};

/// A date as the footer shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Stamp {
    /// `21.09.2016`
    pub text: String,
    /// `2016-09-21`, for `<time datetime>`.
    pub iso: String,
}

/// Modification times (seconds since 1970) of every page and of handbook.yaml, read once.
pub struct Stamps {
    pages: Vec<Option<u64>>,
    config: Option<u64>,
}

fn mtime(path: &std::path::Path) -> Option<u64> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(modified.duration_since(UNIX_EPOCH).ok()?.as_secs())
}

impl Stamps {
    pub fn new(site: &Site) -> Stamps {
        Stamps {
            pages: site.pages.iter().map(|p| mtime(&p.source)).collect(),
            config: mtime(&site.root.join("handbook.yaml")),
        }
    }

    /// The date a target last changed, if any of its sources has a time.
    pub fn of(&self, site: &Site, target: Target) -> Option<Stamp> {
        let of_type = |types: &[PageType]| {
            site.pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind.page_type().is_some_and(|t| types.contains(&t)))
                .filter_map(|(i, _)| self.pages[i])
                .max()
        };
        let intro = |g: Generated| site.intros.get(&g).and_then(|i| self.pages[*i]);
        let secs = match target {
            Target::Page(i) => self.pages[i],
            Target::ReadingGuide(a) => site.reading[a]
                .walk()
                .filter_map(|t| match t {
                    Target::Page(i) => self.pages[i],
                    _ => None,
                })
                .chain(site.guide_intros.get(&a).and_then(|i| self.pages[*i]))
                .chain(self.config)
                .max(),
            Target::Generated(g) => {
                let types: &[PageType] = match g {
                    Generated::Phases | Generated::Tasks => &[PageType::Phase],
                    Generated::Roles => &[PageType::Role],
                    Generated::Guides => &[PageType::Guide],
                    Generated::Templates => &[PageType::Template],
                    Generated::Trainings => &[PageType::Training],
                    Generated::ReadingGuides => &[PageType::ReadingGuide],
                    Generated::Matrix => &[PageType::Phase, PageType::Role],
                    Generated::Versions => &[],
                    Generated::Print => &PageType::ALL,
                };
                let all =
                    (g == Generated::Print).then(|| self.pages.iter().flatten().max().copied());
                [of_type(types), intro(g), self.config, all.flatten()]
                    .into_iter()
                    .flatten()
                    .max()
            }
        }?;
        let iso = civil_date(secs);
        Some(Stamp {
            text: super::views::format_date(&iso),
            iso,
        })
    }
}

/// Seconds since 1970 to a UTC date `YYYY-MM-DD` (Howard Hinnant's
/// days-to-civil algorithm).
pub fn civil_date(secs: u64) -> String {
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
    use super::civil_date;

    #[test]
    fn seconds_become_utc_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(1_474_416_000), "2016-09-21");
        assert_eq!(civil_date(951_782_400), "2000-02-29");
        assert_eq!(civil_date(1_709_251_199), "2024-02-29");
    }
}
