//! Reading guides: for each audience, the steps a reader walks, the pages to
//! look things up in, and the named pages that are still planned.
//!
//! A guide names pages (the intro's `read:` list, or every page whose
//! `audiences` name the audience). The chapters and sections it names become
//! steps; a chapter or phase step walks its own published sections as
//! sub-steps, an overview step (`/faser/`, `/uddannelsesplaner/`) the pages
//! below it that the guide names too. Roles, templates, guides, reading
//! guides and the other overviews are for looking up ("Til opslag"), not
//! steps; planned pages are listed as coming in a later version.

use std::collections::HashSet;

use super::links::LinkProblem;
use super::{Site, Target};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::*;

/// At most this many steps: beyond it, sections named without their chapter
/// are gathered into one step per chapter.
pub(crate) const MAX_STEPS: usize = 25;

/// At least this many steps: a guide of one chapter walks its sections as
/// steps; a guide of fewer pages is reported.
pub(crate) const MIN_STEPS: usize = 2;

/// Reading speed for the estimates, in words per minute.
const WORDS_PER_MINUTE: usize = 200;

/// The generated reading guide of one audience.
#[derive(Debug, Clone, Default)]
pub(crate) struct ReadingGuide {
    pub steps: Vec<Step>,
    /// Pages to look things up in, in the order named.
    pub lookup: Vec<Target>,
    /// Named pages that are planned for a later version.
    pub planned: Vec<Target>,
}

/// One step of a reading guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Step {
    /// The chapter, section or page the step is named by.
    pub head: Target,
    /// The pages of the step in reading order: the head (unless the step
    /// gathers sections named without their chapter), then its sections.
    pub pages: Vec<Target>,
    /// The estimated reading time of every page of the step, in minutes.
    pub minutes: usize,
}

impl Step {
    /// Whether the head is read as the step's first page.
    pub(crate) fn reads_head(&self) -> bool {
        self.pages.first() == Some(&self.head)
    }

    /// The sections walked after the head (every page when the head is not read).
    pub(crate) fn sections(&self) -> &[Target] {
        if self.reads_head() {
            &self.pages[1..]
        } else {
            &self.pages
        }
    }
}

/// Where a page stands in a guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    /// Index of the step (0-based).
    pub step: usize,
    /// The section within the step (1-based), None for the step's head.
    pub section: Option<usize>,
    /// Index in the guide's walk of every page.
    pub index: usize,
}

impl ReadingGuide {
    /// Every page of the guide in reading order.
    pub(crate) fn walk(&self) -> impl Iterator<Item = Target> + '_ {
        self.steps.iter().flat_map(|s| s.pages.iter().copied())
    }

    /// Every page of the guide with its place, in reading order.
    pub(crate) fn places(&self) -> Vec<(Target, Place)> {
        let mut out = Vec::new();
        for (k, step) in self.steps.iter().enumerate() {
            let reads_head = step.reads_head();
            for (j, t) in step.pages.iter().enumerate() {
                let section = if reads_head {
                    (j > 0).then_some(j)
                } else {
                    Some(j + 1)
                };
                out.push((
                    *t,
                    Place {
                        step: k,
                        section,
                        index: out.len(),
                    },
                ));
            }
        }
        out
    }
}

/// The reading guide of every audience, in the order of handbook.yaml.
pub(crate) fn build(site: &Site, diags: &Diagnostics) -> Vec<ReadingGuide> {
    (0..site.config.audiences.len())
        .map(|a| {
            let named = named(site, a, diags);
            let mut guide = arrange(site, &named, false);
            if guide.steps.len() > MAX_STEPS {
                guide = arrange(site, &named, true);
            }
            if guide.steps.len() < MIN_STEPS {
                guide.steps = one_step_per_page(site, std::mem::take(&mut guide.steps));
            }
            let id = &site.config.audiences[a].id;
            let n = guide.steps.len();
            let problem = if n > MAX_STEPS {
                Some((
                    format!("the reading guide '{id}' has {n} steps; a reader follows at most {MAX_STEPS}"),
                    "name whole chapters instead of their sections, or fix the selection with 'read:' in laesevejledninger/<audience>.md",
                ))
            } else if n == 1 {
                // (A guide that names no page at all is left alone: an audience
                // a handbook in progress has not written for yet.)
                Some((
                    format!("the reading guide '{id}' has 1 step; a guide leads a reader through at least {MIN_STEPS} pages"),
                    "name more chapters or sections for this audience with 'audiences:' in their front matter, or with 'read:' in laesevejledninger/<audience>.md",
                ))
            } else {
                None
            };
            if let Some((message, help)) = problem {
                let (path, pos) = source_of(site, a);
                diags.push(Diagnostic::warning(&path, pos, message).with_help(Some(help.into())));
            }
            guide
        })
        .collect()
}

/// The file that selects a guide's pages: its intro, else handbook.yaml.
fn source_of(site: &Site, audience: usize) -> (std::path::PathBuf, Pos) {
    match site.guide_intros.get(&audience) {
        Some(i) => (site.pages[*i].source.clone(), site.pages[*i].meta.id.pos),
        None => (site.root.join("handbook.yaml"), Pos::FILE),
    }
}

/// The pages a guide names: the intro's `read:` list when given, else every
/// page naming the audience, in handbook order.
fn named(site: &Site, a: usize, diags: &Diagnostics) -> Vec<Target> {
    let intro = site.guide_intros.get(&a).map(|i| &site.pages[*i]);
    match intro {
        Some(
            page @ Page {
                kind: PageKind::ReadingGuide(ReadingGuideIntro { read, .. }),
                ..
            },
        ) if !read.is_empty() => read
            .iter()
            .filter_map(|entry| {
                let resolved = entry
                    .value
                    .split_once(':')
                    .ok_or_else(|| {
                        LinkProblem::new(
                            format!("'{}' in 'read' is not a typed link", entry.value),
                            Some(
                                "write it as type:id, e.g. side:kort-om-ky or fase:klargoering"
                                    .into(),
                            ),
                        )
                    })
                    .and_then(|(scheme, id)| {
                        site.typed_target(scheme, id.split('#').next().unwrap_or(id))
                    });
                match resolved {
                    Ok(t) => Some(t),
                    Err(p) => {
                        if let Some(d) = p.diagnostic(&page.source, entry.pos) {
                            diags.push(d);
                        }
                        None
                    }
                }
            })
            .collect(),
        _ => site
            .order
            .iter()
            .copied()
            .filter(|t| {
                !matches!(t, Target::ReadingGuide(_))
                    && site.page_of(*t).is_some_and(|p| {
                        p.meta.audiences.iter().any(|x| site.config.refers_to(x, a))
                    })
            })
            .collect(),
    }
}

/// Whether a page is for looking things up rather than reading through.
fn is_lookup(site: &Site, t: Target) -> bool {
    match t {
        Target::Page(i) => matches!(
            site.pages[i].kind.page_type(),
            Some(PageType::Role | PageType::Template | PageType::Guide | PageType::ReadingGuide)
        ),
        Target::Generated(g) => !matches!(g, Generated::Phases | Generated::Trainings),
        Target::ReadingGuide(_) => true,
    }
}

fn is_planned(site: &Site, t: Target) -> bool {
    site.page_of(t)
        .is_some_and(|p| p.meta.status == Status::Planned)
}

/// Whether a step headed by `t` walks all its published sections (a written
/// chapter or phase) or only those the guide names (a generated overview).
fn walks_all_sections(t: Target) -> bool {
    matches!(t, Target::Page(_))
}

/// The published pages below `t` in handbook order; with `only`, just those in it.
fn sections(site: &Site, t: Target, only: Option<&HashSet<Target>>) -> Vec<Target> {
    let mut out = Vec::new();
    let mut stack: Vec<Target> = site.nav_children(t).into_iter().rev().collect();
    while let Some(c) = stack.pop() {
        if is_planned(site, c) {
            continue;
        }
        if only.is_none_or(|set| set.contains(&c)) && !is_lookup(site, c) {
            out.push(c);
        }
        stack.extend(site.nav_children(c).into_iter().rev());
    }
    out
}

/// The top-level ancestor of a target (itself at the top).
fn top_of(site: &Site, t: Target) -> Target {
    site.ancestors(t).first().copied().unwrap_or(t)
}

/// Steps, lookups and planned pages from the named pages. With `gather`,
/// sections named without their chapter share one step per top-level chapter.
fn arrange(site: &Site, named: &[Target], gather: bool) -> ReadingGuide {
    let set: HashSet<Target> = named.iter().copied().collect();
    let mut guide = ReadingGuide::default();
    let mut covered: HashSet<Target> = HashSet::new();
    for &t in named {
        if !covered.insert(t) {
            continue;
        }
        if is_planned(site, t) {
            // A planned chapter stands for its planned sections.
            let listed = site.ancestors(t).iter().any(|a| guide.planned.contains(a));
            if !listed {
                guide.planned.push(t);
            }
        } else if is_lookup(site, t) {
            guide.lookup.push(t);
        } else {
            let top = top_of(site, t);
            let gathered = gather
                && top != t
                && !set.contains(&top)
                && guide.steps.iter().any(|s: &Step| s.head == top);
            if gathered {
                if let Some(step) = guide.steps.iter_mut().find(|s| s.head == top) {
                    step.pages.push(t);
                }
                continue;
            }
            let mut pages = vec![t];
            let only = (!walks_all_sections(t)).then_some(&set);
            for s in sections(site, t, only) {
                if covered.insert(s) {
                    pages.push(s);
                }
            }
            let head = if gather && top != t && !set.contains(&top) {
                top
            } else {
                t
            };
            guide.steps.push(Step {
                head,
                pages,
                minutes: 0,
            });
        }
    }
    // A gathered step with a single section is that section.
    for step in &mut guide.steps {
        if !step.reads_head() && step.pages.len() == 1 {
            step.head = step.pages[0];
        }
        step.minutes = minutes(site, &step.pages);
    }
    guide
}

/// The pages of the steps, each page a step of its own: a guide that names
/// one chapter walks the chapter and its sections one step at a time.
fn one_step_per_page(site: &Site, steps: Vec<Step>) -> Vec<Step> {
    steps
        .into_iter()
        .flat_map(|s| s.pages)
        .map(|t| Step {
            head: t,
            pages: vec![t],
            minutes: minutes(site, &[t]),
        })
        .collect()
}

/// The estimated reading time of pages, in whole minutes (at least one).
fn minutes(site: &Site, pages: &[Target]) -> usize {
    pages
        .iter()
        .map(|t| words(site, *t))
        .sum::<usize>()
        .div_ceil(WORDS_PER_MINUTE)
        .max(1)
}

/// About how many words a reader reads on a page: its body and the facts
/// its page type shows (activities, roles, courses, agenda).
pub(crate) fn words(site: &Site, t: Target) -> usize {
    let Some(page) = site.page_of(t) else {
        return 0;
    };
    let count = |s: &str| {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    let mut n = count(&page.body) + page.meta.summary.as_deref().map_or(0, count);
    match &page.kind {
        PageKind::Phase(p) => {
            for a in &p.activities {
                n += count(&a.title) + a.description.as_deref().map_or(0, count) + 6;
            }
            n += p
                .roles
                .iter()
                .map(|r| count(&r.responsibility) + 3)
                .sum::<usize>();
            n += p
                .milestones
                .iter()
                .map(|m| count(&m.title) + 2)
                .sum::<usize>();
        }
        PageKind::Training(p) => {
            n += p.courses.iter().map(|c| count(&c.title) + 8).sum::<usize>();
            n += p
                .self_study
                .iter()
                .chain(&p.continuing)
                .chain(&p.other_activities)
                .map(|s| count(s))
                .sum::<usize>();
        }
        _ => {}
    }
    n
}
