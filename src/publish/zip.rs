//! The offline copy: a folder of the site packed as one zip file, the same
//! bytes for the same content (entries in name order, one fixed time).

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use walkdir::WalkDir;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Packs every file below `dir` into the zip file `out`, inside the folder
/// `top` (so unpacking makes one folder), dated `date` (`2016-09-21`; the
/// zip epoch without one). Returns the zip's size in bytes.
pub(crate) fn pack(dir: &Path, top: &str, date: Option<&str>, out: &Path) -> io::Result<u64> {
    let time = date.and_then(zip_time).unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(time);
    let mut zip = ZipWriter::new(fs::File::create(out)?);
    zip.add_directory(format!("{top}/"), options.unix_permissions(0o755))
        .map_err(io::Error::other)?;
    for entry in WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(dir)
            .map_err(io::Error::other)?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if entry.file_type().is_dir() {
            zip.add_directory(format!("{top}/{rel}/"), options.unix_permissions(0o755))
                .map_err(io::Error::other)?;
        } else {
            zip.start_file(format!("{top}/{rel}"), options.unix_permissions(0o644))
                .map_err(io::Error::other)?;
            io::copy(&mut fs::File::open(entry.path())?, &mut zip)?;
        }
    }
    let mut file = zip.finish().map_err(io::Error::other)?;
    file.flush()?;
    Ok(file.metadata()?.len())
}

/// Midnight of an ISO date as a zip time.
fn zip_time(iso: &str) -> Option<DateTime> {
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<u16>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    DateTime::from_date_and_time(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?, 0, 0, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_folder_packs_to_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join("roller")).unwrap();
        fs::write(site.join("index.html"), "forside").unwrap();
        fs::write(site.join("roller/index.html"), "roller").unwrap();
        let one = dir.path().join("a.zip");
        let two = dir.path().join("b.zip");
        pack(&site, "haandbog-1.0", Some("2016-09-21"), &one).unwrap();
        // Written again later: the file's own time does not enter the zip.
        fs::write(site.join("index.html"), "forside").unwrap();
        pack(&site, "haandbog-1.0", Some("2016-09-21"), &two).unwrap();
        assert_eq!(fs::read(&one).unwrap(), fs::read(&two).unwrap());
        let mut archive = zip::ZipArchive::new(fs::File::open(&one).unwrap()).unwrap();
        let names: Vec<String> = archive.file_names().map(str::to_string).collect();
        assert!(
            names.contains(&"haandbog-1.0/roller/index.html".to_string()),
            "{names:?}"
        );
        let entry = archive.by_name("haandbog-1.0/index.html").unwrap();
        assert_eq!(
            entry
                .last_modified()
                .map(|t| (t.year(), t.month(), t.day())),
            Some((2016, 9, 21))
        );
        assert!(zip_time("21.09.2016").is_none());
    }
}
