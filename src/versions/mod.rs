//! Released versions: the snapshots in `versions/<v>/`, their order, and the
//! `release` command that makes them.

pub(crate) mod diff;
pub(crate) mod release;

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Config;

/// A released snapshot on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Snapshot {
    pub version: String,
    /// `versions/<version>`: holds its own handbook.yaml and content/.
    pub root: PathBuf,
}

/// Compares version strings part by part, numbers as numbers: 1.9 < 1.10 < 2.0.
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    let parts = |s: &str| -> Vec<(u64, String)> {
        s.split(['.', '-'])
            .map(|p| {
                let digits: String = p.chars().take_while(char::is_ascii_digit).collect();
                (digits.parse().unwrap_or(0), p[digits.len()..].to_string())
            })
            .collect()
    };
    let (pa, pb) = (parts(a), parts(b));
    for i in 0..pa.len().max(pb.len()) {
        let x = pa.get(i).cloned().unwrap_or((0, String::new()));
        let y = pb.get(i).cloned().unwrap_or((0, String::new()));
        // A pre-release suffix (1.0-rc) sorts before the plain number.
        let ord =
            x.0.cmp(&y.0)
                .then_with(|| match (x.1.is_empty(), y.1.is_empty()) {
                    (true, false) => Ordering::Greater,
                    (false, true) => Ordering::Less,
                    _ => x.1.cmp(&y.1),
                });
        if ord != Ordering::Equal {
            return ord;
        }
    }
    Ordering::Equal
}

/// True for a version name that is safe as a folder and URL segment.
pub(crate) fn is_valid(version: &str) -> bool {
    !version.is_empty()
        && version.len() <= 32
        && version.starts_with(|c: char| c.is_ascii_digit())
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !version.contains("..")
}

/// The snapshots under `root/versions/`, oldest first.
pub(crate) fn discover(root: &Path) -> Vec<Snapshot> {
    let Ok(entries) = std::fs::read_dir(root.join("versions")) else {
        return Vec::new();
    };
    let mut list: Vec<Snapshot> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().join("handbook.yaml").is_file())
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().into_owned();
            is_valid(&version).then(|| Snapshot {
                root: e.path(),
                version,
            })
        })
        .collect();
    list.sort_by(|a, b| compare(&a.version, &b.version));
    list
}

/// Warns about a release in handbook.yaml without its snapshot in
/// `versions/<v>/`, and a snapshot without its release: both are half a
/// release (`handbook release` writes the two together).
pub(crate) fn check_releases(
    root: &Path,
    config: &Config,
    snapshots: &[Snapshot],
    diags: &Diagnostics,
) {
    let path = root.join("handbook.yaml");
    for release in &config.releases {
        if !snapshots.iter().any(|s| s.version == release.version) {
            diags.push(
                Diagnostic::warning(
                    &path,
                    release.pos,
                    format!(
                        "release {0} has no snapshot: versions/{0}/ does not exist",
                        release.version
                    ),
                )
                .with_help(Some(format!(
                    "'handbook release {}' writes the snapshot and this entry together; remove the entry if the version was never released",
                    release.version
                ))),
            );
        }
    }
    if config.partial_lists.contains(&"releases") {
        return;
    }
    for snapshot in snapshots {
        if !config
            .releases
            .iter()
            .any(|r| r.version == snapshot.version)
        {
            diags.push(
                Diagnostic::warning(
                    &path,
                    config.releases_pos,
                    format!(
                        "versions/{0}/ is a snapshot, but 'releases:' has no entry for {0}",
                        snapshot.version
                    ),
                )
                .with_help(Some(format!(
                    "add '- {{ version: \"{}\", date: YYYY-MM-DD }}' under 'releases:', or remove the folder",
                    snapshot.version
                ))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_sort_semantically() {
        let mut v = vec!["1.10", "1.9", "2.0", "1.0", "1.0-rc1", "10.0"];
        v.sort_by(|a, b| compare(a, b));
        assert_eq!(v, ["1.0-rc1", "1.0", "1.9", "1.10", "2.0", "10.0"]);
    }

    #[test]
    fn version_names_are_safe_folder_names() {
        assert!(is_valid("1.0"));
        assert!(is_valid("2.1-beta"));
        for bad in ["", "../1", "v1", "1/0", "1..0", "1 0"] {
            assert!(!is_valid(bad), "{bad}");
        }
    }
}
