//! `ConfigRef`: a front-matter reference to an entry of one of handbook.yaml's
//! id lists (`organisation: kommune`), with the entry `resolve` found for it.

use std::marker::PhantomData;
use std::ops::Deref;

use super::{Audience, Config, Organisation, Sp, Workstream};

/// An entry of one of handbook.yaml's id lists, which front matter names by
/// its id.
pub(crate) trait ListEntry: Sized {
    /// The list's key in handbook.yaml: `workstreams`.
    const LIST: &'static str;
    /// What an entry is called in messages: `workstream`.
    const WHAT: &'static str;

    /// The list the entry is in.
    fn list(config: &Config) -> &[Self];

    /// The entry's id.
    fn id(&self) -> &str;
}

/// Implements [`ListEntry`] for the entries of the list `config.$list`,
/// called `$what` in messages.
macro_rules! list_entry {
    ($entry:ident, $list:ident, $what:literal) => {
        impl ListEntry for $entry {
            const LIST: &'static str = stringify!($list);
            const WHAT: &'static str = $what;

            fn list(config: &Config) -> &[$entry] {
                &config.$list
            }

            fn id(&self) -> &str {
                &self.id
            }
        }
    };
}

list_entry!(Organisation, organisations, "organisation");
list_entry!(Workstream, workstreams, "workstream");
list_entry!(Audience, audiences, "audience");

/// A reference in front matter to an entry of a handbook.yaml list of `T`s
/// (`workstream: forandringsledelse`): the id as written, with its position,
/// and the entry it names once `resolve` has looked it up. It reads as the
/// written id (`Deref`), for messages.
#[derive(Debug, Clone)]
pub struct ConfigRef<T> {
    pub id: Sp<String>,
    /// The index of the entry the id names in its list; set by `resolve`,
    /// None before and when the id names no entry (reported by `resolve`).
    pub entry: Option<usize>,
    list: PhantomData<fn() -> T>,
}

/// A role's `organisation`.
pub(crate) type OrganisationRef = ConfigRef<Organisation>;
/// A phase's `workstreams`, an activity's, guide's or template's `workstream`.
pub(crate) type WorkstreamRef = ConfigRef<Workstream>;
/// A page's `audiences`.
pub(crate) type AudienceRef = ConfigRef<Audience>;

impl<T> ConfigRef<T> {
    /// A reference not looked up yet.
    pub fn new(id: Sp<String>) -> ConfigRef<T> {
        ConfigRef {
            id,
            entry: None,
            list: PhantomData,
        }
    }
}

impl Config {
    /// Looks a reference's id up in its list (by `resolve`, once).
    pub(crate) fn look_up<T: ListEntry>(&self, r: &mut ConfigRef<T>) {
        r.entry = T::list(self).iter().position(|e| e.id() == r.id.value);
    }

    /// The entry a reference names, if it names one.
    pub(crate) fn entry<T: ListEntry>(&self, r: &ConfigRef<T>) -> Option<&T> {
        r.entry.map(|e| &T::list(self)[e])
    }

    /// Whether a reference names entry `index` of its list: an entry with
    /// that entry's id, so an id listed twice (reported by `load`) is named
    /// by both entries.
    pub(crate) fn refers_to<T: ListEntry>(&self, r: &ConfigRef<T>, index: usize) -> bool {
        self.entry(r)
            .is_some_and(|e| e.id() == T::list(self)[index].id())
    }
}

impl<T> Deref for ConfigRef<T> {
    type Target = Sp<String>;

    fn deref(&self) -> &Sp<String> {
        &self.id
    }
}
