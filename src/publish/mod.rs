//! Publishing: for every version of a build, the whole handbook as one PDF
//! (`build --pdf`) and an offline copy that works from `file://` after
//! unzipping (`build --zip`). They are made before the site is written, so
//! its pages can link them with their sizes, into a work folder that is
//! deleted after the build; `build` copies them into each version's folder.
//!
//! Each version is rendered once more on its own at the root with file links
//! (`roller/index.html`): that folder is the offline copy, and Chromium
//! prints its `/print/` page (`chromium`, `pdf`).

pub(crate) mod chromium;
pub(crate) mod pdf;
mod tags;
pub(crate) mod zip;

use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;
use tempfile::TempDir;

use crate::diagnostics::Diagnostics;
use crate::render::Renderer;
use crate::render::downloads::{Download, DownloadKind, Downloads, file_name};
use crate::render::manifest::Entry;
use crate::render::theme::Theme;
use crate::render::versions::Versions;
use crate::resolve::Site;
use chromium::Chromium;

pub use crate::resolve::Publish;

/// The PDF's name in a version's folder: `/haandbog.pdf`, `/1.0/haandbog.pdf`.
pub(crate) const PDF_FILE: &str = "haandbog.pdf";

/// The offline copy's name in a version's folder: `haandbog-1.0.zip`
/// (`haandbog.zip` for a handbook without a version).
pub(crate) fn zip_file(version: Option<&str>) -> String {
    match version {
        Some(v) => {
            let v: String = v
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || "._-".contains(c) {
                        c
                    } else {
                        '-'
                    }
                })
                .collect();
            format!("haandbog-{v}.zip")
        }
        None => "haandbog.zip".into(),
    }
}

/// One version to publish.
struct Edition<'a> {
    site: &'a Site,
    /// The folder the version is rendered into, empty at the root.
    prefix: &'a str,
    version: Option<String>,
    /// The release date, `2016-09-21`.
    date: Option<String>,
}

/// What a build needs to publish, found before anything is built.
pub(crate) struct Publisher {
    chromium: Option<Chromium>,
    zip: bool,
}

/// The published files of a build, in a work folder deleted on drop.
pub(crate) struct Published {
    _work: TempDir,
    pub downloads: Downloads,
}

impl Publisher {
    /// Checks that what `publish` asks for can be made (a browser for the
    /// PDF); `None` when nothing is asked.
    pub(crate) fn prepare(publish: Publish) -> Result<Option<Publisher>, String> {
        if !publish.pdf && !publish.zip {
            return Ok(None);
        }
        let chromium = publish.pdf.then(Chromium::find).transpose()?;
        Ok(Some(Publisher {
            chromium,
            zip: publish.zip,
        }))
    }

    /// Makes the files of every version of a build: `sites` as the pipeline
    /// renders them, with `versions` when the handbook has releases (the
    /// root then offers the newest release's files).
    pub(crate) fn publish(
        &self,
        sites: &[Site],
        versions: Option<&Versions>,
        theme: &Theme,
    ) -> Result<Published, String> {
        let work = tempfile::Builder::new()
            .prefix("handbook-publish-")
            .tempdir()
            .map_err(|e| format!("cannot make a work folder: {e}"))?;
        let mut downloads = Downloads::default();
        let (editions, newest) = editions(sites, versions);
        for (k, edition) in editions.iter().enumerate() {
            let dir = work.path().join(k.to_string());
            let files = self.edition(edition, theme, &dir)?;
            downloads.insert(edition.prefix, files);
        }
        if let Some(newest) = newest {
            let files = downloads.of(editions[newest].prefix).to_vec();
            downloads.insert("", files);
        }
        Ok(Published {
            _work: work,
            downloads,
        })
    }

    /// The files of one version, made in `dir`.
    fn edition(
        &self,
        edition: &Edition,
        theme: &Theme,
        dir: &Path,
    ) -> Result<Vec<Download>, String> {
        // The version on its own: at the root, with file links, without the
        // other versions (the same resolved site, rendered once more).
        let site = edition.site;
        let quiet = Diagnostics::new();
        let renderer = Renderer::new(site, theme, &quiet).with_file_links();
        let site_dir = dir.join("site");
        write_site(&renderer, &site_dir)
            .map_err(|e| format!("cannot write the offline copy into {}: {e}", dir.display()))?;
        let config = &site.config;
        let stem = match &edition.version {
            Some(v) => format!(
                "{} {v}",
                config.short_title.as_deref().unwrap_or(&config.title)
            ),
            None => config
                .short_title
                .clone()
                .unwrap_or_else(|| config.title.clone()),
        };
        let mut files = Vec::new();
        if let Some(chromium) = &self.chromium {
            let meta = pdf::PdfMeta {
                title: match &edition.version {
                    Some(v) => theme
                        .strings
                        .fill("pdf_title", &[("title", &config.title), ("version", v)]),
                    None => config.title.clone(),
                },
                date: edition.date.clone(),
                base: config
                    .base_url
                    .as_ref()
                    .map(|b| format!("{}/{}", b.trim_end_matches('/'), edition.prefix)),
            };
            let bytes = pdf::make(&renderer, &site_dir, dir, chromium, &meta)?;
            let source = dir.join(PDF_FILE);
            fs::write(&source, &bytes).map_err(|e| format!("cannot write the PDF: {e}"))?;
            files.push(Download {
                kind: DownloadKind::Pdf,
                file: PDF_FILE.into(),
                name: file_name(&stem, "pdf"),
                bytes: bytes.len() as u64,
                source,
            });
        }
        if self.zip {
            let file = zip_file(edition.version.as_deref());
            let source = dir.join(&file);
            let top = file.trim_end_matches(".zip");
            let bytes = zip::pack(&site_dir, top, edition.date.as_deref(), &source)
                .map_err(|e| format!("cannot write the offline copy {file}: {e}"))?;
            files.push(Download {
                kind: DownloadKind::Zip,
                file,
                name: file_name(&stem, "zip"),
                bytes,
                source,
            });
        }
        Ok(files)
    }
}

/// The versions of a build with their sites; with releases, also the index
/// of the newest, whose files the root offers too.
fn editions<'a>(
    sites: &'a [Site],
    versions: Option<&'a Versions<'a>>,
) -> (Vec<Edition<'a>>, Option<usize>) {
    match versions {
        Some(all) => (
            all.entries
                .iter()
                .map(|e| Edition {
                    site: e.site,
                    prefix: &e.prefix,
                    version: Some(e.version.clone()),
                    date: e.date.clone(),
                })
                .collect(),
            all.newest,
        ),
        None => (
            sites
                .iter()
                .take(1)
                .map(|site| {
                    let version = site.config.version.clone();
                    let date = site
                        .config
                        .releases
                        .iter()
                        .find(|r| Some(&r.version) == version.as_ref())
                        .and_then(|r| r.date)
                        .map(|d| d.to_string());
                    Edition {
                        site,
                        prefix: "",
                        version,
                        date,
                    }
                })
                .collect(),
            None,
        ),
    }
}

/// Writes the files of a site into `dir` (not its 404 page and sitemap, which
/// need a web server).
fn write_site(renderer: &Renderer, dir: &Path) -> io::Result<()> {
    renderer
        .manifest()
        .par_iter()
        .filter(|(_, entry)| !matches!(entry, Entry::NotFound | Entry::Sitemap))
        .try_for_each(|(path, entry)| match renderer.render_entry(entry) {
            Some(output) => output.write_to(&dir.join(path)).map(|_| ()),
            None => Ok(()),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_files_are_named_by_version() {
        assert_eq!(zip_file(Some("1.0")), "haandbog-1.0.zip");
        assert_eq!(zip_file(Some("2.0 beta")), "haandbog-2.0-beta.zip");
        assert_eq!(zip_file(None), "haandbog.zip");
    }
}
