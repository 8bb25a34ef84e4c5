//! Stage 4, write: put the rendered files on disk without losing anything.
//!
//! The site is written to a temporary folder beside the output and swapped in
//! only when every file is written; a failed build leaves the previous output
//! as it was. An output folder that holds sources is refused, and so is an
//! existing folder that is not an earlier output of handbook.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::{Output, OutputFile};

/// The file that marks a folder as handbook output (safe to replace).
pub const MARKER: &str = ".handbook-output";

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
pub fn check_output_dir(root: &Path, out: &Path) -> Result<(), String> {
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
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts a staging folder for the output folder `out`.
    pub fn new(out: &Path) -> io::Result<Staging> {
        let out = absolute(out)?;
        let parent = out
            .parent()
            .ok_or_else(|| io::Error::other("the output folder has no parent"))?;
        fs::create_dir_all(parent)?;
        let name = out
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.new-{pid}"));
        let old = parent.join(format!(".{name}.old-{pid}"));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            out,
            dir,
            old,
            committed: false,
        })
    }

    /// Writes one file (safe to call from many threads).
    pub fn write(&self, path: &str, content: &Output) -> io::Result<()> {
        content.write_to(&self.dir.join(path))
    }

    /// Marks the folder as handbook output and swaps it in for the output.
    pub fn commit(mut self) -> io::Result<()> {
        fs::write(
            self.dir.join(MARKER),
            "This folder is written by handbook and replaced on every build.\n",
        )?;
        if self.out.exists() {
            fs::rename(&self.out, &self.old)?;
            if let Err(e) = fs::rename(&self.dir, &self.out) {
                let _ = fs::rename(&self.old, &self.out);
                return Err(e);
            }
            self.committed = true;
            fs::remove_dir_all(&self.old)
        } else {
            fs::rename(&self.dir, &self.out)?;
            self.committed = true;
            Ok(())
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes `files` into a fresh folder and swaps it in for `out`.
pub fn write_site(out: &Path, files: &[OutputFile]) -> io::Result<()> {
    let staging = Staging::new(out)?;
    files
        .par_iter()
        .try_for_each(|f| staging.write(&f.path, &f.content))?;
    staging.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

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
            &[file("index.html", "one"), file("a/index.html", "a")],
        )
        .unwrap();
        write_site(&out, &[file("index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("a").exists());
        assert!(out.join(MARKER).exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }
}
