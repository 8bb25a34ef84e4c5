//! Integration tests of the `handbook` binary: copy a fixture handbook (or
//! write a small one) into a temporary folder, run the real binary on it,
//! and check the exit code, the diagnostics and the files it wrote.
//!
//! - `build`: a complete handbook written to the content contract
//!   (`tests/fixtures/kommune`) and the site built from it.
//! - `errors`: bad input of every kind and how it is reported.
//! - `incremental`: rebuilds write only what changed; failed builds leave the output as it was.
//! - `cli`: `init`, `new`, `--out` safety, `--help`, exit codes.
//! - `reader`: the default theme's reader experience: reading-guide bars, `/print/` outline, timelines, footer, `/was/`.
//! - `search`: Danish queries, relevance on the example and the fixture.
//! - `planner`: `/opgaver/`, role plans, week inheritance, `--go-live` dates and calendar files.
//! - `serve`: the live preview: edits, reload events, bursts, errors, safety.
//! - `publish`: `build --pdf --zip`: no browser, the offline copy, downloads per version.
//! - `versions`: releases side by side, switcher, banner, changes, diffs, feed.
//! - `robust`: seeded damaged handbooks (`mutate`) never crash `check`.
//! - `snapshots`: the exact stderr of every kind of error.
//! - `pages`: the rendered `<main>` of every page of the kommune fixture.
//! - `architecture`: no cycle between the modules of `src/`; render reads no files.

// A test binary has no public API: its modules share helpers with `pub`.
#![allow(unreachable_pub)]

mod architecture;
mod build;
mod cli;
mod common;
mod errors;
mod incremental;
mod mutate;
mod pages;
mod planner;
mod publish;
mod reader;
mod robust;
mod schema;
mod search;
mod serve;
mod snapshots;
mod theme;
mod versions;
