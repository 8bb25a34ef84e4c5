//! "Senest ændret": when a page's sources last changed. The source is the
//! modification time of the page's markdown file, as `load` read it (a git
//! checkout sets it to the checkout time; `handbook` runs no git). A
//! generated page takes the newest time of `handbook.yaml`, its introduction
//! and the pages it lists. Dates are UTC calendar days.

use serde::Serialize;

use crate::model::{Generated, PageType, civil_date};
use crate::resolve::{Site, Target};

/// A date as the footer shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// `21.09.2016`
    pub text: String,
    /// `2016-09-21`, for `<time datetime>`.
    pub iso: String,
}

/// Modification times (seconds since 1970) of every page and of
/// handbook.yaml, as the site was loaded with them.
pub(crate) struct Stamps {
    pages: Vec<Option<u64>>,
    config: Option<u64>,
}

impl Stamps {
    pub(crate) fn new(site: &Site) -> Stamps {
        Stamps {
            pages: site.pages.iter().map(|p| p.modified).collect(),
            config: site.config.modified,
        }
    }

    /// The date a target last changed, if any of its sources has a time.
    pub(crate) fn of(&self, site: &Site, target: Target) -> Option<Stamp> {
        let of_type = |types: &[PageType]| {
            site.pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind.page_type().is_some_and(|t| types.contains(&t)))
                .filter_map(|(i, _)| self.pages[i])
                .max()
        };
        let intro = |g: Generated| site.intros.get(&g).and_then(|i| self.pages[i.index()]);
        let secs = match target {
            Target::Page(i) => self.pages[i.index()],
            Target::ReadingGuide(a) => site.reading[a]
                .walk()
                .filter_map(|t| match t {
                    Target::Page(i) => self.pages[i.index()],
                    _ => None,
                })
                .chain(
                    site.guide_intros
                        .get(&a)
                        .and_then(|i| self.pages[i.index()]),
                )
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
