//! `PageId`: which page of a resolved site a value means.

use std::ops::{Index, IndexMut};

use super::Page;

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
