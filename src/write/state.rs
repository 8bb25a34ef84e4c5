//! What an output folder was built from, kept in its marker file, so that a
//! build whose inputs did not change since the last one does no work.
//!
//! The marker of a build without diagnostics holds two fingerprints:
//! `inputs`, of every file the build reads (`handbook.yaml`, `content/`,
//! `themes/`, `static/`, `versions/`: path, size, modification time and
//! bytes), the build options and the handbook binary; and `files`, of the
//! output folder as written (every file's path, size, modification time and
//! inode). A later build that finds both unchanged knows the output is
//! exactly what it would write, and stops there. A build with warnings keeps
//! no fingerprints, so it runs (and shows its warnings) every time.

use std::fs;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::{MARKER, SOURCE_FOLDERS};
use crate::resolve::BuildOptions;

/// What a build made from which inputs; kept in the marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    /// The fingerprint of every input of the build.
    pub inputs: u64,
    pub pages: usize,
    pub attachments: usize,
}

const HEADER: &str =
    "This folder is written by handbook; a build changes only the files whose bytes change.\n";

fn hasher() -> std::collections::hash_map::DefaultHasher {
    std::collections::hash_map::DefaultHasher::new()
}

fn nanos(time: io::Result<SystemTime>) -> u128 {
    time.ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// The fingerprint of every input of a build of `root` with these options.
pub(crate) fn inputs(root: &Path, options: &BuildOptions, strict: bool) -> u64 {
    let mut files = vec![root.join("handbook.yaml")];
    for folder in SOURCE_FOLDERS {
        files.extend(
            WalkDir::new(root.join(folder))
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(walkdir::DirEntry::into_path),
        );
    }
    // Each file by its path, size, modification time ("Senest ændret") and bytes.
    let each: Vec<u64> = files
        .par_iter()
        .map(|path| {
            let mut h = hasher();
            path.hash(&mut h);
            if let Ok(meta) = fs::metadata(path) {
                meta.len().hash(&mut h);
                nanos(meta.modified()).hash(&mut h);
            }
            fs::read(path).ok().hash(&mut h);
            h.finish()
        })
        .collect();
    let mut h = hasher();
    each.hash(&mut h);
    // Every option, so a new one cannot be forgotten here.
    let BuildOptions {
        drafts,
        base_url,
        go_live,
        publish,
    } = options;
    let go_live = go_live.map(|g| format!("{g:?}"));
    let publish = format!("{publish:?}");
    (drafts, base_url, go_live, publish, strict).hash(&mut h);
    env!("CARGO_PKG_VERSION").hash(&mut h);
    // The binary itself: a rebuilt handbook may render differently.
    if let Ok(meta) = std::env::current_exe().and_then(fs::metadata) {
        (meta.len(), nanos(meta.modified())).hash(&mut h);
    }
    h.finish()
}

/// Every file under `dir` (relative paths, sorted), the marker left out.
pub(crate) fn files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut list = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() || (entry.depth() == 1 && entry.file_name() == MARKER) {
            continue;
        }
        list.push(
            entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .to_path_buf(),
        );
    }
    Ok(list)
}

/// What the fingerprint of an output folder takes from one file: its size,
/// modification time and inode.
pub(crate) type FileStamp = (u64, u128, u64);

/// The [`FileStamp`] of a file's metadata.
pub(crate) fn stamp(meta: &fs::Metadata) -> FileStamp {
    (meta.len(), nanos(meta.modified()), inode(meta))
}

/// The fingerprint of an output folder as it stands: every file's path,
/// size, modification time and inode (the marker left out).
pub(crate) fn digest(dir: &Path) -> io::Result<u64> {
    let stamps = files(dir)?
        .into_iter()
        .map(|rel| Ok((stamp(&fs::symlink_metadata(dir.join(&rel))?), rel)))
        .collect::<io::Result<Vec<_>>>()?;
    Ok(digest_of(stamps))
}

/// [`digest`] of the folder that holds exactly these files (paths relative
/// to it, in any order, the marker left out), without reading the folder.
pub(crate) fn digest_of(mut stamps: Vec<(FileStamp, PathBuf)>) -> u64 {
    // The order of `files`: a walk with names sorted is the order of paths.
    stamps.sort_unstable_by(|a, b| a.1.cmp(&b.1));
    let mut h = hasher();
    for (stamp, rel) in stamps {
        rel.hash(&mut h);
        stamp.hash(&mut h);
    }
    h.finish()
}

#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &fs::Metadata) -> u64 {
    0
}

/// The marker's text: with a record, the fingerprints of the inputs and of
/// the output folder (`files`, its [`digest`]).
pub(crate) fn marker(record: Option<&Record>, files: u64) -> String {
    match record {
        Some(r) => format!(
            "{HEADER}inputs {:016x}\nfiles {files:016x}\npages {}\nattachments {}\n",
            r.inputs, r.pages, r.attachments
        ),
        None => HEADER.to_string(),
    }
}

/// The record of the output folder `out` when it is exactly what a build
/// from `inputs` writes: the same inputs, and no file changed since.
pub(crate) fn up_to_date(out: &Path, inputs: u64) -> Option<Record> {
    let text = fs::read_to_string(out.join(MARKER)).ok()?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
    };
    let hex = |name: &str| u64::from_str_radix(field(name)?, 16).ok();
    let record = Record {
        inputs: hex("inputs")?,
        pages: field("pages")?.parse().ok()?,
        attachments: field("attachments")?.parse().ok()?,
    };
    (record.inputs == inputs && Some(digest(out).ok()?) == hex("files")).then_some(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_is_read_back_only_while_inputs_and_files_are_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        fs::write(out.join("index.html"), "a").unwrap();
        let record = Record {
            inputs: 7,
            pages: 3,
            attachments: 1,
        };
        fs::write(
            out.join(MARKER),
            marker(Some(&record), digest(out).unwrap()),
        )
        .unwrap();
        assert_eq!(up_to_date(out, 7), Some(record));
        assert_eq!(up_to_date(out, 8), None);
        fs::write(out.join("new.html"), "b").unwrap();
        assert_eq!(up_to_date(out, 7), None);
    }

    #[test]
    fn inputs_change_with_any_source_byte_and_with_options() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        fs::write(root.join("handbook.yaml"), "title: x\n").unwrap();
        fs::write(root.join("content/a.md"), "---\ntitle: A\n---\n").unwrap();
        let options = BuildOptions::default();
        let first = inputs(root, &options, false);
        assert_eq!(first, inputs(root, &options, false));
        assert_ne!(first, inputs(root, &options, true));
        let drafts = BuildOptions {
            drafts: true,
            ..BuildOptions::default()
        };
        assert_ne!(first, inputs(root, &drafts, false));
        let dated = |date: &str| BuildOptions {
            go_live: crate::calendar::GoLive::parse(date),
            ..BuildOptions::default()
        };
        let go_live = inputs(root, &dated("2027-03-01"), false);
        assert_ne!(first, go_live);
        assert_ne!(go_live, inputs(root, &dated("2027-03-08"), false));
        let pdf = BuildOptions {
            publish: crate::resolve::Publish {
                pdf: true,
                zip: false,
            },
            ..BuildOptions::default()
        };
        assert_ne!(first, inputs(root, &pdf, false));
        let modified = fs::metadata(root.join("content/a.md"))
            .unwrap()
            .modified()
            .unwrap();
        fs::write(root.join("content/a.md"), "---\ntitle: B\n---\n").unwrap();
        fs::File::options()
            .write(true)
            .open(root.join("content/a.md"))
            .unwrap()
            .set_modified(modified)
            .unwrap();
        assert_ne!(
            first,
            inputs(root, &options, false),
            "same size and time, other bytes"
        );
    }
}
