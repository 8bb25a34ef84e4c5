//! `PageId`: which page of a resolved site a value means, and `PageRef`: a
//! front-matter reference to a page, with the page `resolve` found for it.

use std::ops::{Deref, Index, IndexMut};

use super::{Page, Sp};

/// A page of a site: its index into the site's pages. A type of its own so
/// a page is never confused with a row, an audience or a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageId(usize);

impl PageId {
    /// The page at `index` of a site's pages.
    pub fn new(index: usize) -> PageId {
        PageId(index)
    }

    /// Its index into the site's pages.
    pub fn index(self) -> usize {
        self.0
    }

    /// Every page of a list of `len` pages, in order.
    pub fn all(len: usize) -> impl DoubleEndedIterator<Item = PageId> + Clone {
        (0..len).map(PageId)
    }
}

impl Index<PageId> for [Page] {
    type Output = Page;

    fn index(&self, id: PageId) -> &Page {
        &self[id.0]
    }
}

impl Index<PageId> for Vec<Page> {
    type Output = Page;

    fn index(&self, id: PageId) -> &Page {
        &self[id.0]
    }
}

impl IndexMut<PageId> for Vec<Page> {
    fn index_mut(&mut self, id: PageId) -> &mut Page {
        &mut self[id.0]
    }
}

/// A reference in front matter to a typed page (`role: projektleder`): the
/// id as written, with its position, and the page it names once `resolve`
/// has looked it up. It reads as the written id (`Deref`), for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRef {
    pub id: Sp<String>,
    /// The page the id names; set by `resolve`, None before and when the id
    /// names no page of the build (reported by `resolve`).
    pub page: Option<PageId>,
}

impl PageRef {
    /// A reference not looked up yet.
    pub fn new(id: Sp<String>) -> PageRef {
        PageRef { id, page: None }
    }
}

impl Deref for PageRef {
    type Target = Sp<String>;

    fn deref(&self) -> &Sp<String> {
        &self.id
    }
}
