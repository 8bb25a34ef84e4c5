//! A seeded generator of damaged handbooks: each mutant is a handbook with
//! one to three files changed the way editors and tools damage them (odd
//! links, broken front-matter values, huge numbers, deep nesting, YAML
//! anchors and tags, flipped bytes, line endings, truncation, lost or
//! duplicated files). The same seed and index always give the same mutant.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use fastrand::Rng;

/// The handbook's files (handbook.yaml and everything under content/) by path.
pub struct Original {
    pub root: PathBuf,
    files: BTreeMap<String, Vec<u8>>,
}

/// What one mutant changes: files replaced, added (`Some`) or deleted (`None`).
pub struct Mutant {
    pub description: String,
    pub changes: Vec<(String, Option<Vec<u8>>)>,
}

impl Original {
    /// Reads `root/handbook.yaml` and every file under `root/content/`.
    pub fn read(root: &Path) -> Original {
        let mut files = BTreeMap::new();
        files.insert(
            "handbook.yaml".to_string(),
            fs::read(root.join("handbook.yaml")).expect("handbook.yaml"),
        );
        let mut stack = vec![root.join("content")];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(bytes) = fs::read(&path) {
                    let rel = path.strip_prefix(root).unwrap();
                    files.insert(rel.to_string_lossy().replace('\\', "/"), bytes);
                }
            }
        }
        Original {
            root: root.to_path_buf(),
            files,
        }
    }

    /// The mutant number `index` of `seed`.
    pub fn mutant(&self, seed: u64, index: u64) -> Mutant {
        let mut rng = Rng::with_seed(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let paths: Vec<&String> = self.files.keys().collect();
        let texts: Vec<&String> = paths
            .iter()
            .copied()
            .filter(|p| p.ends_with(".md") || p.ends_with(".yaml"))
            .collect();
        let mut changes: BTreeMap<String, Option<Vec<u8>>> = BTreeMap::new();
        let mut said = Vec::new();
        for _ in 0..rng.usize(1..=3) {
            let path = if rng.u8(..10) < 8 {
                texts[rng.usize(..texts.len())]
            } else {
                paths[rng.usize(..paths.len())]
            };
            let current = match changes.get(path.as_str()) {
                Some(Some(bytes)) => bytes.clone(),
                Some(None) => continue,
                None => self.files[path].clone(),
            };
            let (what, result) = mutate(&mut rng, path, current, &self.files);
            said.push(format!("{path}: {what}"));
            match result {
                Change::Replace(bytes) => {
                    changes.insert(path.clone(), Some(bytes));
                }
                Change::Delete => {
                    changes.insert(path.clone(), None);
                }
                Change::Add(new_path, bytes) => {
                    changes.insert(new_path, Some(bytes));
                }
            }
        }
        Mutant {
            description: said.join("; "),
            changes: changes.into_iter().collect(),
        }
    }

    /// Writes a mutant's changes into the handbook.
    pub fn apply(&self, mutant: &Mutant) {
        for (rel, bytes) in &mutant.changes {
            let path = self.root.join(rel);
            match bytes {
                Some(bytes) => {
                    if let Some(parent) = path.parent() {
                        fs::create_dir_all(parent).unwrap();
                    }
                    fs::write(&path, bytes).unwrap();
                }
                None => {
                    let _ = fs::remove_file(&path);
                }
            }
        }
    }

    /// Puts back what a mutant changed.
    pub fn restore(&self, mutant: &Mutant) {
        for (rel, _) in &mutant.changes {
            let path = self.root.join(rel);
            match self.files.get(rel) {
                Some(bytes) => fs::write(&path, bytes).unwrap(),
                None => {
                    let _ = fs::remove_file(&path);
                }
            }
        }
    }

    /// The original bytes of a file of the handbook.
    pub fn bytes(&self, rel: &str) -> &[u8] {
        &self.files[rel]
    }
}

enum Change {
    Replace(Vec<u8>),
    Delete,
    Add(String, Vec<u8>),
}

/// Link destinations that editors type or tools produce.
const ODD_LINKS: &[&str] = &[
    "a%1é.md",
    "%",
    "%e",
    "%C3",
    "%FF.md",
    "%e2%82.md",
    "100%.md",
    "rolle:",
    "rolle:%",
    "rolle:é#ø",
    ":",
    "::",
    "side:/",
    "side:..",
    "side:../../x",
    "#",
    "##",
    "#%",
    "../../../../../../etc/passwd",
    "./",
    ".",
    "..",
    "//",
    "/",
    "?",
    "?a=%",
    "%2e%2e/%2e%2e/x.md",
    "fase:x#",
    "fase:#a",
    "vejledning:a:b:c",
    "http://[",
    "mailto:",
    "<>",
    "æøå.md#æøå",
    "🙂.md",
    "a\\b.md",
    "C:\\x.md",
    "skabelon:../../handbook",
    "laesevejledning:",
    "uddannelse: x",
    "index.md#",
    "./index.md",
    "../",
    "x.md?y#z",
];

/// Values that go wrong in front matter: types, sizes, YAML features.
const ODD_VALUES: &[&str] = &[
    "",
    "~",
    "null",
    "[]",
    "{}",
    "-1",
    "0",
    "99999999999999999999999",
    "-99999999999999999999999",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "1e308",
    "-1e308",
    ".nan",
    ".inf",
    "-.inf",
    "0x7FFFFFFFFFFFFFFF",
    "0o777",
    "1.5",
    "true",
    "yes",
    "\"é\"",
    "'",
    "\"",
    "[unclosed",
    "{ unclosed: 1",
    "{ a: 1, a: 2 }",
    "[a, [b, [c, [d]]]]",
    "&anker værdi",
    "*ukendt",
    "!!binary aGVsbG8=",
    "!!str 5",
    "!!int x",
    "!!float abc",
    "!!map []",
    "!ukendt x",
    "!<tag:x> y",
    "|\n  blok\n  tekst",
    ">-\n  foldet",
    "{ from: 9223372036854775807, to: -9223372036854775808 }",
    "{ from: 520, to: -520 }",
    "{ from: -521 }",
    "{ to: 99999 }",
    "{ from: 1.5, to: x }",
    "[{ title: x, week: 9223372036854775807 }]",
    "[{ minutes: 99999999, item: x }]",
    "[{ minutes: -5, item: x }]",
    "2016-13-45",
    "\"\\u0000\"",
    "\t",
    "- a\n- b",
    ": :",
    "? kompleks\n: nøgle",
    "<<: *a",
];

/// Applies one damage to a file.
fn mutate(
    rng: &mut Rng,
    path: &str,
    bytes: Vec<u8>,
    all: &BTreeMap<String, Vec<u8>>,
) -> (String, Change) {
    let text = String::from_utf8_lossy(&bytes).into_owned();
    match rng.u8(..16) {
        0 | 1 => {
            let dest = if rng.bool() {
                ODD_LINKS[rng.usize(..ODD_LINKS.len())].to_string()
            } else {
                random_typed_link(rng, all)
            };
            let at = char_boundary(&text, rng.usize(..=text.len()));
            let link = if rng.bool() {
                format!("[x]({dest})")
            } else {
                format!("[](<{dest}>)")
            };
            let out = match text[at..].find("](") {
                Some(i) if rng.bool() => {
                    let start = at + i + 2;
                    let end = text[start..].find(')').map_or(text.len(), |e| start + e);
                    format!("{}{dest}{}", &text[..start], &text[end..])
                }
                _ => format!("{}{link}{}", &text[..at], &text[at..]),
            };
            (format!("link {dest:?}"), Change::Replace(out.into_bytes()))
        }
        2..=4 => {
            let value = ODD_VALUES[rng.usize(..ODD_VALUES.len())];
            let lines: Vec<&str> = text.split('\n').collect();
            let keyed: Vec<usize> = (0..lines.len())
                .filter(|k| lines[*k].contains(": ") || lines[*k].trim_end().ends_with(':'))
                .collect();
            if keyed.is_empty() {
                return ("no keys: truncated".into(), truncate(rng, bytes));
            }
            let k = keyed[rng.usize(..keyed.len())];
            let key_end = lines[k].find(':').unwrap_or(0);
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            out[k] = format!("{}: {value}", &lines[k][..key_end]);
            (
                format!("line {} value {value:?}", k + 1),
                Change::Replace(out.join("\n").into_bytes()),
            )
        }
        5 => {
            let depth = rng.usize(1..400);
            let (open, close) = if rng.bool() {
                ("[", "]")
            } else {
                ("{a: ", "}")
            };
            let value = format!("{}{}", open.repeat(depth), close.repeat(depth));
            let body = format!("{}{}", "> ".repeat(depth), "- ".repeat(depth));
            let out = text
                .replacen("title:", &format!("dyb: {value}\ntitle:"), 1)
                .replacen("\n\n", &format!("\n\n{body}tekst\n\n"), 1);
            (
                format!("nesting depth {depth}"),
                Change::Replace(out.into_bytes()),
            )
        }
        6 => {
            let out = text.replacen(
                "title:",
                "base: &b { a: 1, b: [x, y] }\nkopi: *b\n<<: *b\nfejl: *mangler\ntitle:",
                1,
            );
            (
                "YAML anchors, aliases and a merge".into(),
                Change::Replace(out.into_bytes()),
            )
        }
        7 => {
            let huge = [
                "9223372036854775807",
                "-9223372036854775808",
                "99999999999999999999",
                "-520",
                "521",
                "1e400",
            ];
            let mut out = String::new();
            let mut changed = 0;
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                if c.is_ascii_digit() && rng.u8(..4) == 0 {
                    while chars.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                    }
                    out.push_str(huge[rng.usize(..huge.len())]);
                    changed += 1;
                } else {
                    out.push(c);
                }
            }
            (
                format!("{changed} huge numbers"),
                Change::Replace(out.into_bytes()),
            )
        }
        8 | 9 => {
            let mut out = bytes;
            let flips = rng.usize(1..8);
            for _ in 0..flips {
                let byte = [
                    0x00, 0xFF, 0xC3, 0xE2, 0x80, b'\r', b'\t', b':', b'-', b'[', b'%', b'#', b'\n',
                ][rng.usize(..13)];
                if out.is_empty() {
                    out.push(byte);
                } else {
                    let at = rng.usize(..out.len());
                    match rng.u8(..3) {
                        0 => out[at] = byte,
                        1 => out.insert(at, byte),
                        _ => {
                            out.remove(at);
                        }
                    }
                }
            }
            (format!("{flips} bytes flipped"), Change::Replace(out))
        }
        10 => {
            let (what, out) = match rng.u8(..5) {
                0 => ("CRLF", text.replace('\n', "\r\n")),
                1 => ("CR only", text.replace('\n', "\r")),
                2 => (
                    "BOM and mixed endings",
                    format!("\u{feff}{}", text.replacen('\n', "\r\n", 3)),
                ),
                3 => ("no final newline", text.trim_end().to_string()),
                _ => ("BOM in the middle", text.replacen('\n', "\n\u{feff}", 2)),
            };
            (what.into(), Change::Replace(out.into_bytes()))
        }
        11 => ("truncated".into(), truncate(rng, bytes)),
        12 => {
            let out = match rng.u8(..4) {
                0 => text.replacen("---\n", "", 2),
                1 => text.replacen("---", "...", 1),
                2 => format!("---\n---\n{text}"),
                _ => text.replace("---", "--- x"),
            };
            (
                "front-matter fences".into(),
                Change::Replace(out.into_bytes()),
            )
        }
        13 => ("deleted".into(), Change::Delete),
        14 => {
            let names = [
                "kopi.md",
                "Kopi af side.md",
                "index.md",
                "æ ø å.md",
                "x..md",
                ".md~",
                "dyb/mappe/side.md",
            ];
            let name = names[rng.usize(..names.len())];
            let folder = path.rsplit_once('/').map_or("", |(f, _)| f);
            let new_path = if folder.is_empty() {
                format!("content/{name}")
            } else {
                format!("{folder}/{name}")
            };
            (
                format!("copied to {new_path}"),
                Change::Add(new_path, bytes),
            )
        }
        _ => {
            let ids: Vec<String> = all
                .keys()
                .filter_map(|p| p.strip_suffix(".md"))
                .filter_map(|p| p.rsplit('/').next())
                .map(str::to_string)
                .collect();
            let id = &ids[rng.usize(..ids.len())];
            let line = match rng.u8(..5) {
                0 => format!("id: {id}"),
                1 => format!("parent: {id}"),
                2 => format!("aliases: [/{id}/, /, /../x/, /roller/]"),
                3 => format!("read: [side:{id}, rolle:{id}#x, {id}]"),
                _ => format!("status: draft\nid: {id}"),
            };
            let out = text.replacen("title:", &format!("{line}\ntitle:"), 1);
            (
                format!("front matter {line:?}"),
                Change::Replace(out.into_bytes()),
            )
        }
    }
}

/// A typed link to an id of another file, with a random anchor sometimes.
fn random_typed_link(rng: &mut Rng, all: &BTreeMap<String, Vec<u8>>) -> String {
    let schemes: Vec<&str> = handbook::PageType::ALL
        .iter()
        .map(|t| t.scheme())
        .chain(["side"])
        .collect();
    let names: Vec<&String> = all.keys().collect();
    let name = names[rng.usize(..names.len())];
    let id = name
        .trim_end_matches(".md")
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let anchor = if rng.bool() { "#roller" } else { "" };
    format!("{}:{id}{anchor}", schemes[rng.usize(..schemes.len())])
}

fn truncate(rng: &mut Rng, mut bytes: Vec<u8>) -> Change {
    let at = rng.usize(..=bytes.len());
    bytes.truncate(at);
    Change::Replace(bytes)
}

/// The nearest char boundary at or before `at`.
fn char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
