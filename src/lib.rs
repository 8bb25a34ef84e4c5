//! handbook: a static-site generator for implementation handbooks.
//!
//! The pipeline is the folder layout: `load` reads a content tree into typed
//! values, `resolve` links them into a `resolve::Site`, `render` turns the
//! site into files, and `write` puts them on disk without losing anything;
//! `serve` runs the same stages in memory for the live preview, and
//! `publish` makes a PDF and an offline copy of every version.
//!
//! The modules are private; the items below `mod` are the public façade
//! that `src/main.rs` and the integration tests use.

mod calendar;
mod diagnostics;
mod editor;
mod load;
mod markdown;
mod model;
mod percent;
mod pipeline;
mod publish;
mod render;
mod resolve;
mod scaffold;
mod schema;
mod search;
mod serve;
mod slug;
mod timings;
mod versions;
mod write;

// The public façade: what the command line (`src/main.rs`) and the
// integration tests use. Everything else is `pub(crate)`, and the
// `unreachable_pub` lint keeps it so.

/// `--go-live`.
pub use calendar::GoLive;
/// Printing diagnostics and internal errors.
pub use diagnostics::display_path;
pub use diagnostics::internal::InternalError;
pub use diagnostics::report::{Reporter, Style, eprint_all};
/// `schema`: the JSON Schemas for editors, from the page types' tables.
pub use editor::{json::to_json, write_schemas};
/// The content model and the readers the tests check the schemas against.
pub use load::frontmatter::split as split_front_matter;
pub use load::is_ignored_name;
pub use load::page::{Slot, slot_of};
pub use load::yaml::parse as parse_yaml;
pub use model::PageType;
/// Helpers the tests share with the generator, so they expect what it does.
pub use percent::decode as decode_percent;
/// `build`, `check` and `release`: the whole pipeline, its outcome and exit codes.
pub use pipeline::{Fatal, Outcome, exit_code, release, run};
/// What a build contains and publishes.
pub use publish::Publish;
pub use render::views::format_size;
pub use resolve::BuildOptions;
/// `init` and `new`.
pub use scaffold::{init, new_page};
pub use schema::{DEFAULT_DIR as SCHEMA_DIR, of as schema_of, pages as page_schemas};
/// `serve`: the live preview.
pub use serve::{ServeOptions, run as serve};
/// `release`: its request and why it can be refused.
pub use versions::release::{ReleaseError, ReleaseOptions};
