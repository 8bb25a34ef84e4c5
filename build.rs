//! Embeds the default theme (`themes/default`) into the binary.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read at run time: a build script compiled in another checkout (a copied
    // target folder) must still embed this checkout's theme.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let theme = Path::new(&manifest_dir).join("themes/default");
    println!("cargo:rerun-if-changed={}", theme.display());
    let entries: Vec<_> = walkdir::WalkDir::new(&theme)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    // Every folder too: a file added to a sub-folder changes only that folder.
    for dir in entries.iter().filter(|e| e.file_type().is_dir()) {
        println!("cargo:rerun-if-changed={}", dir.path().display());
    }
    let mut files: Vec<_> = entries
        .into_iter()
        .filter(|e| e.file_type().is_file())
        .collect();
    files.sort_by(|a, b| a.path().cmp(b.path()));
    let mut out = String::from(
        "/// The files of the built-in theme: (path in the theme, bytes).\npub(crate) static BUILTIN: &[(&str, &[u8])] = &[\n",
    );
    for entry in files {
        println!("cargo:rerun-if-changed={}", entry.path().display());
        let rel = entry
            .path()
            .strip_prefix(&theme)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?})),",
            entry.path().display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("theme_files.rs");
    std::fs::write(dest, out).unwrap();
}
