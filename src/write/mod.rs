//! Stage 4, write: put the rendered files on disk without losing anything,
//! and without touching what did not change.
//!
//! The new site is assembled in a staging folder beside the output. A file
//! whose bytes equal the previous output's is hard-linked from it (same
//! inode, same modification time, so `rsync`, CDNs and browsers see no
//! change); every other file is written fresh, never over an old one. The
//! staging folder is then swapped with the output in one step (Linux:
//! `renameat2` with `RENAME_EXCHANGE`; elsewhere two renames), so a reader
//! of the output folder sees the old site or the new one, files that are no
//! longer produced are gone, and a build that fails before the swap leaves
//! the previous output exactly as it was. When no file changed and none
//! disappeared, nothing is swapped at all. [`state`] records what the output
//! was built from, so a build whose inputs did not change does no work.
//!
//! An output folder that holds sources is refused, and so is an existing
//! folder that is not an earlier output of handbook.

pub(crate) mod state;

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::render::Output;

/// The file that marks a folder as handbook output (safe to replace).
pub(crate) const MARKER: &str = ".handbook-output";

/// Folders of a handbook root that hold sources.
const SOURCE_FOLDERS: [&str; 4] = ["content", "themes", "static", "versions"];

/// An absolute, normalised path (the folder need not exist).
fn absolute(path: &Path) -> io::Result<PathBuf> {
    let abs = std::path::absolute(path)?;
    // Resolve symlinks of the longest existing ancestor.
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// Refuses an output folder that is, contains or lies inside a source folder,
/// holds `handbook.yaml`, or is a folder that handbook did not write.
pub(crate) fn check_output_dir(root: &Path, out: &Path) -> Result<(), String> {
    let root_abs = absolute(root).map_err(|e| e.to_string())?;
    let out_abs = absolute(out).map_err(|e| e.to_string())?;
    if root_abs.starts_with(&out_abs) {
        return Err(format!(
            "refusing to write to '{}': it contains the handbook's sources\n  help: choose an output folder such as '{}'",
            out.display(),
            root.join("public").display()
        ));
    }
    for folder in SOURCE_FOLDERS {
        let src = root_abs.join(folder);
        if out_abs.starts_with(&src) || src.starts_with(&out_abs) {
            return Err(format!(
                "refusing to write to '{}': it lies in or contains the source folder '{folder}/'\n  help: choose an output folder outside the sources, such as '{}'",
                out.display(),
                root.join("public").display()
            ));
        }
    }
    if out_abs.join("handbook.yaml").exists() {
        return Err(format!(
            "refusing to write to '{}': it holds a handbook.yaml",
            out.display()
        ));
    }
    if out_abs.is_dir()
        && !out_abs.join(MARKER).exists()
        && fs::read_dir(&out_abs)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false)
    {
        return Err(format!(
            "refusing to replace '{}': the folder is not empty and was not written by handbook\n  help: choose another --out, or empty the folder yourself",
            out.display()
        ));
    }
    Ok(())
}

/// A folder filled beside the output while the site renders, swapped in for
/// the output by [`Staging::commit`]; dropped without a commit, it is removed
/// and the output stays as it was.
pub(crate) struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// The output of the previous build, compared file by file.
    previous: Option<PathBuf>,
    /// Files whose bytes equal the previous output's, with the stamp of the
    /// previous one: linked at commit, so a failed build never touches the
    /// previous output.
    unchanged: Mutex<Vec<(state::FileStamp, String)>>,
    /// The stamp of every file written, for the output's fingerprint
    /// (taken as each is written, so the folder is not read again).
    stamps: Mutex<Vec<(state::FileStamp, PathBuf)>>,
    /// Every path staged so far (each is compared and counted once).
    paths: Mutex<HashSet<String>>,
    /// How many files were written because they are new or changed.
    written: AtomicUsize,
    /// How many of those replace a file of the previous output.
    replaced: AtomicUsize,
    committed: bool,
}

/// What a commit did to the output folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Files written because they are new or their bytes changed.
    pub changed: usize,
    /// Files kept as they were (same inode, same modification time).
    pub unchanged: usize,
    /// Files of the previous output that are no longer produced.
    pub removed: usize,
}

impl Staging {
    /// Starts a staging folder for the output folder `out`.
    pub(crate) fn new(out: &Path) -> io::Result<Staging> {
        let out = absolute(out)?;
        let parent = out
            .parent()
            .ok_or_else(|| io::Error::other("the output folder has no parent"))?;
        fs::create_dir_all(parent)?;
        let name = out
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.new-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            previous: out.is_dir().then(|| out.clone()),
            out,
            dir,
            unchanged: Mutex::new(Vec::new()),
            stamps: Mutex::new(Vec::new()),
            paths: Mutex::new(HashSet::new()),
            written: AtomicUsize::new(0),
            replaced: AtomicUsize::new(0),
            committed: false,
        })
    }

    /// Stages one file: remembered as unchanged when the previous output
    /// holds the same bytes at `path`, else written (safe to call from many threads).
    pub(crate) fn write(&self, path: &str, content: &Output) -> io::Result<()> {
        let first = self
            .paths
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.to_string());
        if !first {
            // Two sites of one build produced the same path: the first one
            // staged is kept, and the previous output is compared once.
            return Ok(());
        }
        if let Some(previous) = &self.previous {
            match compare(&previous.join(path), content) {
                Compared::Same(meta) => {
                    self.unchanged
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push((state::stamp(&meta), path.to_string()));
                    return Ok(());
                }
                Compared::Different => {
                    self.replaced.fetch_add(1, Ordering::Relaxed);
                }
                Compared::Missing => {}
            }
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        let meta = content.write_to(&self.dir.join(path))?;
        if path != MARKER {
            self.stamps
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((state::stamp(&meta), PathBuf::from(path)));
        }
        Ok(())
    }

    /// Makes the staged site the output: links the unchanged files, writes
    /// the marker with `record` (what the site was built from), and swaps the
    /// folders; when nothing changed, leaves the output folder as it is.
    pub(crate) fn commit(mut self, record: Option<&state::Record>) -> io::Result<Written> {
        let unchanged = std::mem::take(
            &mut *self
                .unchanged
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
        let changed = self.written.load(Ordering::Relaxed);
        let before = match &self.previous {
            Some(previous) => state::files(previous)?.len(),
            None => 0,
        };
        let written = Written {
            changed,
            unchanged: unchanged.len(),
            removed: before - unchanged.len() - self.replaced.load(Ordering::Relaxed),
        };
        let as_stamped = |(stamp, path): (state::FileStamp, String)| (stamp, PathBuf::from(path));
        if self.previous.is_some() && changed == 0 && written.removed == 0 {
            // The same files as before: only the marker may need news.
            let files = state::digest_of(unchanged.into_iter().map(as_stamped).collect());
            debug_assert_eq!(state::digest(&self.out).ok(), Some(files));
            let marker = state::marker(record, files);
            replace_if_different(&self.out.join(MARKER), marker.as_bytes())?;
            fs::remove_dir_all(&self.dir)?;
            self.committed = true;
            return Ok(written);
        }
        let mut stamps =
            std::mem::take(&mut *self.stamps.lock().unwrap_or_else(PoisonError::into_inner));
        if let Some(previous) = &self.previous {
            let kept = unchanged
                .par_iter()
                .map(|(_, path)| {
                    let meta = keep(&previous.join(path), &self.dir.join(path))?;
                    Ok((state::stamp(&meta), PathBuf::from(path)))
                })
                .collect::<io::Result<Vec<_>>>()?;
            stamps.extend(kept);
        }
        let files = state::digest_of(stamps);
        debug_assert_eq!(
            state::digest(&self.dir).ok(),
            Some(files),
            "the stamps taken while writing are the staged folder's"
        );
        let marker = state::marker(record, files);
        self.write(MARKER, &Output::Bytes(marker.into_bytes()))?;
        if let Some(previous) = &self.previous
            && self.written.load(Ordering::Relaxed) == changed
        {
            // The marker is unchanged too.
            keep(&previous.join(MARKER), &self.dir.join(MARKER))?;
        }
        if self.previous.is_some() {
            swap(&self.dir, &self.out)?;
            self.committed = true;
            // `dir` now holds the previous output.
            fs::remove_dir_all(&self.dir)?;
        } else {
            fs::rename(&self.dir, &self.out)?;
            self.committed = true;
        }
        Ok(written)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// How a file of the previous output compares with what a build makes.
enum Compared {
    Missing,
    Different,
    /// The same bytes; the old file's metadata.
    Same(fs::Metadata),
}

/// Whether the file at `old` holds exactly `content` (different when it
/// cannot be read or is not a plain file).
fn compare(old: &Path, content: &Output) -> Compared {
    match fs::symlink_metadata(old) {
        Err(_) => Compared::Missing,
        Ok(meta) if meta.is_file() && same_content(old, &meta, content) => Compared::Same(meta),
        Ok(_) => Compared::Different,
    }
}

/// True when the file at `old` (of metadata `meta`) holds exactly `content`.
fn same_content(old: &Path, meta: &fs::Metadata, content: &Output) -> bool {
    let read_old = || fs::File::open(old);
    match content {
        Output::Bytes(bytes) => {
            meta.len() == bytes.len() as u64
                && read_old()
                    .and_then(|f| same_stream(f, bytes.as_slice()))
                    .unwrap_or(false)
        }
        Output::Copy(src) => {
            fs::metadata(src).is_ok_and(|m| m.len() == meta.len())
                && read_old()
                    .and_then(|f| same_stream(f, fs::File::open(src)?))
                    .unwrap_or(false)
        }
    }
}

/// Compares two byte streams in fixed-size chunks (no file is read whole).
fn same_stream(mut a: impl Read, mut b: impl Read) -> io::Result<bool> {
    const CHUNK: usize = 64 * 1024;
    let (mut x, mut y) = (vec![0u8; CHUNK], vec![0u8; CHUNK]);
    loop {
        let n = fill(&mut a, &mut x)?;
        let m = fill(&mut b, &mut y)?;
        if x[..n] != y[..m] {
            return Ok(false);
        }
        if n < CHUNK {
            return Ok(true);
        }
    }
}

/// Reads until `buf` is full or the stream ends; returns how much was read.
fn fill(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Puts the unchanged file `old` at `new`: a hard link (same inode and
/// modification time), or where links are not possible a copy that keeps
/// the modification time. Returns the metadata of `new`.
fn keep(old: &Path, new: &Path) -> io::Result<fs::Metadata> {
    if let Some(parent) = new.parent() {
        fs::create_dir_all(parent)?;
    }
    if fs::hard_link(old, new).is_err() {
        fs::copy(old, new)?;
        let modified = fs::metadata(old)?.modified()?;
        fs::File::options()
            .write(true)
            .open(new)?
            .set_modified(modified)?;
    }
    fs::symlink_metadata(new)
}

/// Replaces the file at `path` by `bytes` (through a temporary file and a
/// rename, so it is never seen half-written), unless it holds them already.
fn replace_if_different(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Compared::Same(_) = compare(path, &Output::Bytes(bytes.to_vec())) {
        return Ok(());
    }
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!("{name}.tmp-{}", std::process::id()));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// Swaps the folders `new` and `out` in one step where the system can;
/// otherwise renames `out` away and `new` in its place. Afterwards `new`
/// holds the previous output.
fn swap(new: &Path, out: &Path) -> io::Result<()> {
    match exchange(new, out) {
        Ok(()) => Ok(()),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::Unsupported | io::ErrorKind::InvalidInput
            ) =>
        {
            let old = new.with_extension("old");
            fs::rename(out, &old)?;
            if let Err(e) = fs::rename(new, out) {
                let _ = fs::rename(&old, out);
                return Err(e);
            }
            fs::rename(&old, new)
        }
        Err(e) => Err(e),
    }
}

/// Exchanges two paths atomically (`renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(());
    }
    let e = io::Error::last_os_error();
    Err(match e.raw_os_error() {
        // No such call, or a file system without exchange: fall back.
        Some(libc::ENOSYS | libc::EINVAL) => io::Error::from(io::ErrorKind::Unsupported),
        _ => e,
    })
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;
    use std::os::unix::fs::MetadataExt;

    /// Writes `files` into the output folder `out` as a build does.
    fn write_site(out: &Path, files: &[OutputFile]) -> io::Result<Written> {
        let staging = Staging::new(out)?;
        files
            .par_iter()
            .try_for_each(|f| staging.write(&f.path, &f.content))?;
        staging.commit(None)
    }

    #[test]
    fn refuses_source_folders_and_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/x")).unwrap();
        fs::write(root.join("handbook.yaml"), "title: x\n").unwrap();
        assert!(check_output_dir(root, &root.join("public")).is_ok());
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(root, &root.join("content")).is_err());
        assert!(check_output_dir(root, &root.join("content/x/out")).is_err());
        assert!(check_output_dir(root, &root.join("themes")).is_err());
        assert!(check_output_dir(root, root.parent().unwrap()).is_err());
        fs::create_dir_all(root.join("mine")).unwrap();
        fs::write(root.join("mine/notes.txt"), "keep").unwrap();
        assert!(check_output_dir(root, &root.join("mine")).is_err());
    }

    #[test]
    fn swaps_in_a_complete_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let file = |p: &str, s: &str| OutputFile {
            path: p.into(),
            content: Output::Bytes(s.as_bytes().to_vec()),
        };
        write_site(
            &out,
            &[
                file("index.html", "one"),
                file("a/index.html", "a"),
                file("b.css", "b"),
            ],
        )
        .unwrap();
        let kept = fs::metadata(out.join("b.css")).unwrap();
        let written = write_site(&out, &[file("index.html", "two"), file("b.css", "b")]).unwrap();
        assert_eq!(
            written,
            Written {
                changed: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("a").exists());
        let now = fs::metadata(out.join("b.css")).unwrap();
        assert_eq!(
            (kept.ino(), kept.mtime_nsec()),
            (now.ino(), now.mtime_nsec())
        );
        // The same files again: the folder itself stays.
        let folder = fs::metadata(&out).unwrap().ino();
        let again = write_site(&out, &[file("index.html", "two"), file("b.css", "b")]).unwrap();
        assert_eq!(again.changed + again.removed, 0);
        assert_eq!(fs::metadata(&out).unwrap().ino(), folder);
        assert!(out.join(MARKER).exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }
}
