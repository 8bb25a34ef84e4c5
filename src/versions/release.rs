//! `handbook release <version>`: freeze the working copy as `versions/<v>/`
//! and record the release in handbook.yaml, keeping its comments.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::{compare, is_valid};
use crate::diagnostics::Diagnostics;
use crate::load::{config::read_config, fields::Reader, is_ignored_name};
use crate::model::Date;

/// What to release.
#[derive(Debug, Clone)]
pub struct ReleaseOptions {
    pub root: PathBuf,
    pub version: String,
    /// `YYYY-MM-DD`; today when not given.
    pub date: Option<String>,
    pub notes: Option<String>,
}

/// Why a release was refused.
#[derive(Debug)]
pub enum ReleaseError {
    /// The working copy has content errors (exit 1); the diagnostics were printed.
    Content(usize),
    /// Anything else (exit 2).
    Usage(String),
}

/// Releases the working copy; returns the snapshot folder. `check` judges
/// the working copy at `root` once the request itself is valid: only a
/// handbook without errors is released (the pipeline's check, given by the
/// caller, so this module does not drive the pipeline).
pub(crate) fn release(
    options: &ReleaseOptions,
    check: impl FnOnce(&Path) -> Result<(), ReleaseError>,
) -> Result<PathBuf, ReleaseError> {
    let ReleaseOptions {
        root,
        version,
        date,
        notes,
    } = options;
    let date = checked_request(version, date.clone())?;
    let target = root.join("versions").join(version);
    if target.exists() {
        return Err(ReleaseError::Usage(format!(
            "version {version} is already released ({} exists); nothing was written\n  help: release under a new version number",
            target.display()
        )));
    }
    let config_path = root.join("handbook.yaml");
    let config_text = unreleased_config(&config_path, version)?;
    check(root)?;
    let updated = with_release(&config_path, &config_text, version, &date, notes.as_deref())?;
    write_snapshot(root, version, &target, &config_path, &config_text, &updated)?;
    Ok(target)
}

/// The release date (today when none is given), once the version name and
/// the date are valid.
fn checked_request(version: &str, date: Option<String>) -> Result<String, ReleaseError> {
    if !is_valid(version) {
        return Err(ReleaseError::Usage(format!(
            "'{version}' is not a version name\n  help: use numbers and dots, e.g. 1.0 or 2.1"
        )));
    }
    let date = date.unwrap_or_else(today);
    if Date::parse(&date).is_none() {
        return Err(ReleaseError::Usage(format!(
            "'{date}' is not a date\n  help: write it as YYYY-MM-DD"
        )));
    }
    Ok(date)
}

/// The text of handbook.yaml, when it does not list `version` yet.
fn unreleased_config(config_path: &Path, version: &str) -> Result<String, ReleaseError> {
    let config_text = fs::read_to_string(config_path)
        .map_err(|e| ReleaseError::Usage(format!("cannot read {}: {e}", config_path.display())))?;
    let diags = Diagnostics::new();
    let config = read_config(
        config_text.as_bytes(),
        Reader {
            path: config_path,
            diags: &diags,
        },
    );
    if config
        .releases
        .iter()
        .any(|r| compare(&r.version, version).is_eq())
    {
        return Err(ReleaseError::Usage(format!(
            "handbook.yaml already lists a release {version}; nothing was written"
        )));
    }
    Ok(config_text)
}

/// handbook.yaml with the release added, once it still reads without errors
/// and lists the release.
fn with_release(
    config_path: &Path,
    config_text: &str,
    version: &str,
    date: &str,
    notes: Option<&str>,
) -> Result<String, ReleaseError> {
    let updated = add_release(config_text, version, date, notes);
    let check = Diagnostics::new();
    let parsed = read_config(
        updated.as_bytes(),
        Reader {
            path: config_path,
            diags: &check,
        },
    );
    if !parsed.releases.iter().any(|r| r.version == version) || check.has_errors(false) {
        return Err(ReleaseError::Usage(
            "could not add the release to handbook.yaml without breaking it; nothing was written\n  help: add it under 'releases:' by hand".into(),
        ));
    }
    Ok(updated)
}

/// Writes the snapshot beside its final place, then moves it in one step;
/// on failure, handbook.yaml gets its old text back and nothing is released.
fn write_snapshot(
    root: &Path,
    version: &str,
    target: &Path,
    config_path: &Path,
    config_text: &str,
    updated: &str,
) -> Result<(), ReleaseError> {
    let staging = root.join("versions").join(format!(".{version}.tmp"));
    let _ = fs::remove_dir_all(&staging);
    let result = (|| -> std::io::Result<()> {
        fs::create_dir_all(&staging)?;
        copy_tree(&root.join("content"), &staging.join("content"))?;
        fs::write(config_path, updated)?;
        fs::write(staging.join("handbook.yaml"), updated)?;
        fs::rename(&staging, target)
    })();
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        let _ = fs::write(config_path, config_text);
        return Err(ReleaseError::Usage(format!(
            "cannot write the snapshot: {e}; nothing was released"
        )));
    }
    Ok(())
}

/// Copies a folder tree, leaving out editor temp files.
pub(crate) fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if is_ignored_name(&name.to_string_lossy()) {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_tree(&entry.path(), &to.join(&name))?;
        } else {
            fs::copy(entry.path(), to.join(&name))?;
        }
    }
    Ok(())
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

/// handbook.yaml with the release added to `releases:`, everything else as it was.
pub(crate) fn add_release(text: &str, version: &str, date: &str, notes: Option<&str>) -> String {
    let mut entry = format!("{{ version: {}, date: {date}", quoted(version));
    if let Some(n) = notes {
        entry.push_str(&format!(", notes: {}", quoted(n)));
    }
    entry.push_str(" }");
    let lines: Vec<&str> = text.lines().collect();
    let Some(at) = lines.iter().position(|l| l.starts_with("releases:")) else {
        let sep = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        return format!("{text}{sep}releases:\n  - {entry}\n");
    };
    let head = lines[at].trim_end();
    let mut out: Vec<String> = lines[..at].iter().map(|l| l.to_string()).collect();
    let rest_of_key = head["releases:".len()..].trim();
    if rest_of_key.starts_with('[') {
        // A flow list: `releases: []` or `releases: [ {...} ]` becomes a block list.
        let inner = rest_of_key
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim();
        out.push("releases:".into());
        if !inner.is_empty() {
            out.push(format!("  - {inner}"));
        }
        out.push(format!("  - {entry}"));
        out.extend(lines[at + 1..].iter().map(|l| l.to_string()));
    } else {
        // A block list: append after its last item (items and their continuation lines are indented).
        let mut end = at + 1;
        let mut indent = "  ".to_string();
        while end < lines.len() {
            let l = lines[end];
            if l.trim().is_empty() || l.starts_with([' ', '\t', '-']) {
                if let Some(pos) = l.find("- ").filter(|p| l[..*p].trim().is_empty()) {
                    indent = l[..pos].to_string();
                }
                end += 1;
            } else {
                break;
            }
        }
        while end > at + 1 && lines[end - 1].trim().is_empty() {
            end -= 1;
        }
        out.extend(lines[at..end].iter().map(|l| l.to_string()));
        out.push(format!("{indent}- {entry}"));
        out.extend(lines[end..].iter().map(|l| l.to_string()));
    }
    let mut result = out.join("\n");
    result.push('\n');
    result
}

/// Today's date (UTC) as `YYYY-MM-DD`.
fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::model::civil_date(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_to_a_block_list_keeping_comments() {
        let text = "title: H # the title\nreleases:\n  # oldest first\n  - { version: \"1.0\", date: 2016-09-21 }\n\nversion: \"2.0\"\n";
        let out = add_release(text, "1.1", "2017-01-02", Some("Rettelser"));
        assert_eq!(
            out,
            "title: H # the title\nreleases:\n  # oldest first\n  - { version: \"1.0\", date: 2016-09-21 }\n  - { version: \"1.1\", date: 2017-01-02, notes: \"Rettelser\" }\n\nversion: \"2.0\"\n"
        );
    }

    #[test]
    fn adds_to_an_empty_flow_list_or_a_missing_key() {
        assert_eq!(
            add_release("title: H\nreleases: []\n", "1.0", "2020-01-01", None),
            "title: H\nreleases:\n  - { version: \"1.0\", date: 2020-01-01 }\n"
        );
        assert_eq!(
            add_release("title: H", "1.0", "2020-01-01", None),
            "title: H\nreleases:\n  - { version: \"1.0\", date: 2020-01-01 }\n"
        );
    }

    #[test]
    fn adds_after_multi_line_items() {
        let text = "releases:\n- version: \"1.0\"\n  date: 2016-09-21\n  notes: Første\ntitle: H\n";
        let out = add_release(text, "2.0", "2020-01-01", None);
        assert_eq!(
            out,
            "releases:\n- version: \"1.0\"\n  date: 2016-09-21\n  notes: Første\n- { version: \"2.0\", date: 2020-01-01 }\ntitle: H\n"
        );
    }

    #[test]
    fn today_is_a_date() {
        assert!(Date::parse(&today()).is_some());
    }
}
