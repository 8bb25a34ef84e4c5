//! Internal errors: a panic inside handbook is a bug, never the editor's
//! fault. Work on one file runs inside [`for_file`], so a panic that escapes
//! it carries the file's name; the preview catches it ([`InternalError::from_panic`])
//! and keeps running.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::{Path, PathBuf};

use super::display_path;

/// A panic inside handbook: its message and the file being processed, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalError {
    pub message: String,
    pub file: Option<PathBuf>,
}

impl InternalError {
    /// The internal error a caught panic's payload stands for.
    pub fn from_panic(payload: Box<dyn Any + Send>) -> InternalError {
        match payload.downcast::<InternalError>() {
            Ok(e) => *e,
            Err(payload) => InternalError {
                message: panic_message(payload.as_ref()),
                file: None,
            },
        }
    }
}

impl std::fmt::Display for InternalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "internal error in handbook")?;
        if let Some(file) = &self.file {
            write!(f, " while processing {}", display_path(file))?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The text of a panic's payload (`panic!("...")` gives a `&str` or a `String`).
fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// Runs `work` on behalf of the file at `path`. A panic inside goes on
/// unwinding as an [`InternalError`] naming the innermost file, so the
/// catcher can tell the editor which file the failed step was processing.
pub(crate) fn for_file<T>(path: &Path, work: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(value) => value,
        Err(payload) if payload.is::<InternalError>() => resume_unwind(payload),
        Err(payload) => resume_unwind(Box::new(InternalError {
            message: panic_message(payload.as_ref()),
            file: Some(path.to_path_buf()),
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_names_the_innermost_file() {
        let caught = catch_unwind(|| {
            for_file(Path::new("a.md"), || {
                for_file(Path::new("b.md"), || panic!("byte index 3 is out of range"))
            })
        })
        .unwrap_err();
        let e = InternalError::from_panic(caught);
        assert_eq!(e.file.as_deref(), Some(Path::new("b.md")));
        assert_eq!(
            e.to_string(),
            "internal error in handbook while processing b.md: byte index 3 is out of range"
        );
        let plain = catch_unwind(|| panic!("{}", String::from("owned"))).unwrap_err();
        assert_eq!(InternalError::from_panic(plain).message, "owned");
    }
}
