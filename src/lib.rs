//! handbook: a static-site generator for implementation handbooks.
//!
//! The pipeline is the folder layout: [`load`] reads a content tree into typed
//! values, [`resolve`] links them into a [`resolve::Site`], [`render`] turns the
//! site into files, and [`write`] puts them on disk without losing anything;
//! [`serve`] runs the same stages in memory for the live preview, and
//! [`publish`] makes a PDF and an offline copy of every version.

pub mod calendar;
pub mod diagnostics;
pub mod editor;
pub mod load;
pub mod markdown;
pub mod model;
pub mod percent;
pub mod pipeline;
pub mod publish;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod slug;
pub mod timings;
pub mod versions;
pub mod write;
