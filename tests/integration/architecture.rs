//! The shape of the code, checked on its source: the top-level modules of
//! `src/` depend on each other without a cycle (so each stage can be read,
//! tested and replaced on its own), and `render` touches the disk only to
//! write what it made.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// One use of another top-level module: where it is written.
type Edges = BTreeMap<(String, String), String>;

/// Every `.rs` file below `dir`, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file below `src/`: `render/views/typed.rs` →
/// `[render, views, typed]`, `render/mod.rs` → `[render]`.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The leading identifier of `text`.
fn ident(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The top-level modules a file's code names: `crate::x`, `crate::{x, y}`,
/// and `super::x` when `super` is the crate root. Comments are skipped.
fn used_modules(module: &[String], code: &str) -> Vec<(String, usize)> {
    let mut used = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            if let Some(group) = after.strip_prefix('{') {
                // `crate::{a, b::c}` (on this line): the first name of each item.
                let inner = group.split('}').next().unwrap_or("");
                used.extend(
                    inner
                        .split(',')
                        .map(|item| ident(item.trim()).to_string())
                        .map(|m| (m, n + 1)),
                );
            } else {
                used.push((ident(after).to_string(), n + 1));
            }
            rest = after;
        }
        let mut rest = line;
        while let Some(at) = rest.find("super::") {
            let mut after = &rest[at..];
            let mut up = 0;
            while let Some(next) = after.strip_prefix("super::") {
                up += 1;
                after = next;
            }
            if up == module.len() {
                used.push((ident(after).to_string(), n + 1));
            }
            rest = after;
        }
    }
    used
}

/// A file's code before its unit tests (`#[cfg(test)]` then `mod tests`):
/// a test may use any module without making the code depend on it.
fn without_tests(code: &str) -> &str {
    code.find("#[cfg(test)]\nmod tests")
        .map_or(code, |at| &code[..at])
}

/// Whether `line` names `word` (not as the end of a longer name: `refs::` is not `fs::`).
fn names(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(at, _)| {
        !line[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The edges between top-level modules of the crate at `src`, with the first
/// place each is written.
fn module_graph(src: &Path) -> Edges {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let rels: Vec<PathBuf> = files
        .iter()
        .map(|f| f.strip_prefix(src).unwrap().to_path_buf())
        .collect();
    let top: BTreeSet<String> = rels.iter().map(|r| module_path(r)[0].clone()).collect();
    let mut edges = Edges::new();
    for (file, rel) in files.iter().zip(&rels) {
        let module = module_path(rel);
        // The crate roots declare the modules; they are not one of them.
        if module.len() == 1 && (module[0] == "lib" || module[0] == "main") {
            continue;
        }
        let code = fs::read_to_string(file).unwrap();
        for (used, line) in used_modules(&module, without_tests(&code)) {
            if used != module[0] && top.contains(&used) {
                edges
                    .entry((module[0].clone(), used))
                    .or_insert_with(|| format!("src/{}:{line}", rel.display()));
            }
        }
    }
    edges
}

/// A cycle of the graph, as the modules along it (the first repeated last),
/// each step with where it is written; None when there is none.
fn find_cycle(edges: &Edges) -> Option<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        next.entry(from).or_default().push(to);
    }
    // Depth-first search; a module met again on the current path closes a cycle.
    fn visit<'a>(
        at: &'a str,
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| *m == at) {
            let mut cycle: Vec<String> = path[start..].iter().map(|m| m.to_string()).collect();
            cycle.push(at.to_string());
            return Some(cycle);
        }
        if !done.insert(at) {
            return None;
        }
        path.push(at);
        for to in next.get(at).into_iter().flatten() {
            if let Some(cycle) = visit(to, next, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    let starts: Vec<&str> = next.keys().copied().collect();
    starts
        .into_iter()
        .find_map(|m| visit(m, &next, &mut Vec::new(), &mut done))
}

fn describe(cycle: &[String], edges: &Edges) -> String {
    cycle
        .windows(2)
        .map(|w| {
            let at = &edges[&(w[0].clone(), w[1].clone())];
            format!("{} -> {} ({at})", w[0], w[1])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_top_level_modules_form_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = module_graph(&src);
    assert!(
        edges.contains_key(&("render".into(), "resolve".into())),
        "the graph is read: render uses resolve"
    );
    if let Some(cycle) = find_cycle(&edges) {
        panic!(
            "the modules of src/ depend on each other in a cycle:\n{}",
            describe(&cycle, &edges)
        );
    }
}

/// The checker itself finds what it must: grouped uses, `super::` at the
/// crate root, and a cycle of three.
#[test]
fn the_cycle_check_sees_uses_and_cycles() {
    let module = |m: &str| m.split('/').map(str::to_string).collect::<Vec<_>>();
    let code = "use crate::{load::Loaded, model};\nuse super::render::x; // crate::serve\nlet a = super::super::write::go();\n";
    let uses = |m: &str| -> Vec<String> {
        used_modules(&module(m), code)
            .into_iter()
            .map(|(u, _)| u)
            .collect()
    };
    assert_eq!(uses("search"), ["load", "model", "render"]);
    assert_eq!(uses("search/text"), ["load", "model", "write"]);
    let edges: Edges = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]
        .into_iter()
        .map(|(f, t)| ((f.to_string(), t.to_string()), String::new()))
        .collect();
    assert_eq!(find_cycle(&edges).unwrap(), ["a", "b", "c", "a"]);
    let acyclic: Edges = edges.into_iter().filter(|((f, _), _)| f != "c").collect();
    assert_eq!(find_cycle(&acyclic), None);
    assert_eq!(
        without_tests("use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::b;\n}\n"),
        "use crate::a;\n"
    );
    assert!(names("std::fs::read(p)", "fs::"));
    assert!(!names("use crate::resolve::refs::alias_url;", "fs::"));
}

/// `render` reads nothing from the disk: file times, sizes and the `static/`
/// listing come from `load`. Allowed: writing an output file
/// (`Output::write_to`) and reading the theme, which `Theme::load` does in the
/// load stage.
#[test]
fn render_reads_nothing_from_the_disk() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let allowed = ["mod.rs", "theme.rs"];
    let mut found = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .to_string();
        if allowed.contains(&rel.as_str()) {
            continue;
        }
        let code = fs::read_to_string(&file).unwrap();
        for (n, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap_or("");
            if [
                "fs::",
                "File::",
                "WalkDir",
                "metadata(",
                "read_dir",
                "is_dir()",
                "exists()",
            ]
            .iter()
            .any(|w| names(line, w))
            {
                found.push(format!("src/render/{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "render reads the disk:\n{}",
        found.join("\n")
    );
}

/// One percent-decoder: `src/percent.rs` (a hand-written one once panicked
/// inside a multi-byte character).
#[test]
fn percent_decoding_lives_in_one_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let others: Vec<String> = files
        .iter()
        .filter(|f| !f.ends_with("percent.rs"))
        .filter(|f| fs::read_to_string(f).unwrap().contains("percent_decode"))
        .map(|f| f.strip_prefix(&src).unwrap().display().to_string())
        .collect();
    assert!(
        others.is_empty(),
        "percent-decoding outside src/percent.rs: {others:?}"
    );
}
