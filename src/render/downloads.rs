//! The files a build offers besides the site (`build --pdf --zip`): per
//! version folder the PDF of the whole handbook and the offline copy, and
//! how the front page, `/print/` and `/versioner/` link them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::links::Linker;
use super::views::format_size;

/// What a download is; decides its label and format name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum DownloadKind {
    Pdf,
    Zip,
}

/// One file a version offers for download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Download {
    pub kind: DownloadKind,
    /// Its name in the version's folder: `haandbog.pdf`.
    pub file: String,
    /// The name a browser saves it under (the `download` attribute):
    /// `KY-håndbogen 1.0.pdf`.
    pub name: String,
    pub bytes: u64,
    /// Where the finished file is, to be copied into the output.
    pub source: PathBuf,
}

/// The downloads of a build, by version folder (`1.0/`, `udkast/`, `` for the root).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Downloads {
    by_folder: BTreeMap<String, Vec<Download>>,
}

impl Downloads {
    /// Offers `files` in the version folder `folder`.
    pub(crate) fn insert(&mut self, folder: &str, files: Vec<Download>) {
        self.by_folder.insert(folder.to_string(), files);
    }

    /// The files offered in a version folder.
    pub(crate) fn of(&self, folder: &str) -> &[Download] {
        self.by_folder.get(folder).map_or(&[], Vec::as_slice)
    }
}

/// A download as templates show it: "Hele håndbogen som pdf (PDF, 1,2 MB)".
#[derive(Debug, Serialize)]
pub(crate) struct DownloadLink {
    pub kind: DownloadKind,
    pub href: String,
    /// The `download` attribute: the file name a browser saves it under.
    pub name: String,
    /// What the file is: "Hele håndbogen som pdf".
    pub label: String,
    /// Its format and size: "PDF, 1,2 MB".
    pub detail: String,
}

/// The downloads of the version folder `folder` as links from the page of `linker`.
pub(crate) fn links(
    linker: &Linker,
    downloads: Option<&Downloads>,
    folder: &str,
) -> Vec<DownloadLink> {
    let Some(downloads) = downloads else {
        return Vec::new();
    };
    let strings = linker.strings;
    downloads
        .of(folder)
        .iter()
        .map(|d| {
            let (label, detail) = match d.kind {
                DownloadKind::Pdf => ("download_pdf", "download_pdf_detail"),
                DownloadKind::Zip => ("download_zip", "download_zip_detail"),
            };
            DownloadLink {
                kind: d.kind,
                href: linker.relative(&format!("{folder}{}", d.file)),
                name: d.name.clone(),
                label: strings.get(label),
                detail: strings.fill(detail, &[("size", &format_size(d.bytes))]),
            }
        })
        .collect()
}

/// What the front page, `/print/` and `/versioner/` link: this version's
/// files, and those of every release by its version.
#[derive(Debug, Default, Serialize)]
pub(crate) struct DownloadsView {
    pub here: Vec<DownloadLink>,
    /// Every release of the site's `releases:` by version (empty when none is offered).
    pub releases: BTreeMap<String, Vec<DownloadLink>>,
    /// Some release offers a file: `/versioner/` shows the column.
    pub release_files: bool,
}

/// The downloads a page of the site of `linker` shows.
pub(crate) fn view(linker: &Linker, downloads: Option<&Downloads>) -> DownloadsView {
    let site = linker.site;
    let releases: BTreeMap<String, Vec<DownloadLink>> = site
        .config
        .releases
        .iter()
        .map(|r| {
            let folder = format!("{}/", r.version);
            (r.version.clone(), links(linker, downloads, &folder))
        })
        .collect();
    DownloadsView {
        here: links(linker, downloads, linker.prefix),
        release_files: releases.values().any(|l| !l.is_empty()),
        releases,
    }
}

/// A file name without the characters file systems refuse (`/\:*?"<>|` and
/// control characters): `KY-håndbogen 1.0.pdf`.
pub(crate) fn file_name(stem: &str, extension: &str) -> String {
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words: Vec<&str> = clean.split_whitespace().collect();
    let stem = words.join(" ");
    let stem = stem.trim_matches('.');
    format!(
        "{}.{extension}",
        if stem.is_empty() { "haandbog" } else { stem }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_danish_letters_and_drop_what_disks_refuse() {
        assert_eq!(file_name("KY-håndbogen 1.0", "pdf"), "KY-håndbogen 1.0.pdf");
        assert_eq!(file_name("A/B: \"C\"  2.0", "zip"), "A B C 2.0.zip");
        assert_eq!(file_name(" ..\u{7} ", "pdf"), "haandbog.pdf");
    }
}
