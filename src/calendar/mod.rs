//! The go-live planner's calendar: relative weeks turned into dates from a
//! go-live date (`dates`), and the files a reader takes home, an RFC 5545
//! calendar (`ics`) and a task list for spreadsheets (`csv`).
//!
//! The browser script `themes/default/static/planner-core.js` does the same
//! arithmetic and writes the same files; `tests/fixtures/planner-cases.json`
//! holds the cases both are tested against.

pub(crate) mod csv;
pub(crate) mod dates;
pub(crate) mod ics;

pub(crate) use dates::DateLabels;
pub use dates::GoLive;
