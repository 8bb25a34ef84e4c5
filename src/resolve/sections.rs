//! The generated sections a page really shows, so links to `#roller` or
//! `#uddannelse` are accepted only when that section is on the page. The
//! theme renders a section exactly when the data below is non-empty.

use super::{Site, Target};
use crate::model::{Generated, PageKind, Status};

impl Site {
    /// Anchors of the generated sections of `target` that have content, and
    /// of the other elements a link may point at (activities, releases).
    pub fn section_anchors(&self, target: Target) -> Vec<String> {
        let (sections, extra) = self.sections_and_extra(target);
        sections
            .into_iter()
            .map(str::to_string)
            .chain(extra)
            .collect()
    }

    /// The generated sections of `target` that have content, in page order
    /// (for the page's contents list).
    pub fn sections(&self, target: Target) -> Vec<&'static str> {
        self.sections_and_extra(target).0
    }

    fn sections_and_extra(&self, target: Target) -> (Vec<&'static str>, Vec<String>) {
        let mut anchors: Vec<&str> = Vec::new();
        let mut add = |id: &'static str, shown: bool| {
            if shown {
                anchors.push(id);
            }
        };
        let mut extra: Vec<String> = Vec::new();
        match target {
            Target::Generated(g) => match g {
                Generated::Phases => {
                    add("model", true);
                    add("milepaele", true);
                    let has_phases = self.children.contains_key(&target);
                    add("matrix", has_phases && !self.config.workstreams.is_empty());
                }
                Generated::Trainings => {
                    add("maalgrupper", true);
                    add("tidslinje", true);
                }
                Generated::Versions => {
                    add("udgivelser", true);
                    let planned = self.order.iter().any(|t| {
                        self.page_of(*t)
                            .is_some_and(|p| p.meta.status == Status::Planned)
                    });
                    add("planlagt", planned);
                    extra.extend(
                        self.config
                            .releases
                            .iter()
                            .map(|r| format!("v{}", crate::slug::slugify(&r.version))),
                    );
                }
                _ => {}
            },
            Target::ReadingGuide(a) => {
                let guide = self.reading.get(a);
                add("laes", true);
                add("senere", guide.is_some_and(|g| !g.planned.is_empty()));
                add("opslag", guide.is_some_and(|g| !g.lookup.is_empty()));
            }
            Target::Page(i) => {
                let r = &self.reverse;
                match &self.pages[i].kind {
                    PageKind::Phase(p) => {
                        add("underfaser", self.children.contains_key(&target));
                        add("milepaele", !p.milestones.is_empty());
                        add("roller", !p.roles.is_empty());
                        add("aktiviteter", !p.activities.is_empty());
                        add("vejledninger", r.phase_guides.contains_key(&i));
                        extra.extend(p.activities.iter().map(|a| a.id.clone()));
                    }
                    PageKind::Role(role) => {
                        add("ansvar", !role.responsibilities.is_empty());
                        add("faser", r.role_phases.contains_key(&i));
                        add("aktiviteter", r.role_activities.contains_key(&i));
                        let guides = r.role_guides.get(&i);
                        add("vejledninger", guides.is_some());
                        add("uddannelse", r.role_trainings.contains_key(&i));
                        let templates = guides.into_iter().flatten().any(|(g, _)| {
                            matches!(&self.pages[*g].kind, PageKind::Guide(guide) if !guide.templates.is_empty())
                        });
                        add("skabeloner", templates);
                    }
                    PageKind::Guide(g) => {
                        add("deltagere", !g.roles.is_empty());
                        add("foer", !g.before.is_empty());
                        add("dagsorden", !g.agenda.is_empty());
                        add("efter", !g.after.is_empty());
                        add("skabeloner", !g.templates.is_empty());
                        add(
                            "aktiviteter-med-vejledningen",
                            r.guide_activities.contains_key(&i),
                        );
                    }
                    PageKind::Template(_) => {
                        add("download", true);
                        add(
                            "bruges-i",
                            r.template_guides.contains_key(&i)
                                || r.template_activities.contains_key(&i),
                        );
                    }
                    PageKind::Training(t) => {
                        add("forloeb", !t.courses.is_empty());
                        add("selvstudie", !t.self_study.is_empty());
                        add("efteruddannelse", !t.continuing.is_empty());
                        add("oevrige-aktiviteter", !t.other_activities.is_empty());
                    }
                    _ => {}
                }
            }
        }
        (anchors, extra)
    }
}
