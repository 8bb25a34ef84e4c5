//! No input crashes `check`: seeded mutants of a handbook (see `mutate`) are
//! checked in-process, each within a time limit, and every run must end
//! without a panic, with an exit code of 0, 1 or 2, and with every diagnostic
//! at a `path:line:col` inside its file.
//!
//! Environment: `HANDBOOK_MUTATE_ROOT` (a handbook to damage instead of the
//! kommune fixture; it is copied, never changed), `HANDBOOK_MUTANTS` (how
//! many), `HANDBOOK_SEED` (which), `HANDBOOK_MUTANT` (only that index: to
//! reproduce a failure).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use handbook::diagnostics::display_path;
use handbook::diagnostics::report::{Reporter, Style};
use handbook::pipeline::{self, Fatal, Outcome};
use handbook::resolve::BuildOptions;

use crate::common::{copy_dir, fixtures_dir};
use crate::mutate::Original;

/// Mutants per `cargo test` run (about 35 ms each on two busy cores).
const DEFAULT_MUTANTS: u64 = 1000;
const DEFAULT_SEED: u64 = 20_261_129;
/// A mutant still running after this long counts as a hang.
const HANG_LIMIT: Duration = Duration::from_secs(60);

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// The handbook to damage: `HANDBOOK_MUTATE_ROOT` or the kommune fixture.
pub fn source_handbook() -> PathBuf {
    std::env::var_os("HANDBOOK_MUTATE_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| fixtures_dir().join("kommune"))
}

/// A temporary copy of the handbook to damage, with its original files.
pub fn damageable_copy() -> (tempfile::TempDir, Original) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &source_handbook().join("content"),
        &dir.path().join("content"),
    );
    std::fs::copy(
        source_handbook().join("handbook.yaml"),
        dir.path().join("handbook.yaml"),
    )
    .unwrap();
    let original = Original::read(dir.path());
    (dir, original)
}

#[test]
fn seeded_mutants_never_crash_check() {
    let _heavy = crate::common::cpu_heavy_lock();
    let (dir, original) = damageable_copy();
    let seed = env_number("HANDBOOK_SEED").unwrap_or(DEFAULT_SEED);
    let indexes: Vec<u64> = match env_number("HANDBOOK_MUTANT") {
        Some(one) => vec![one],
        None => (0..env_number("HANDBOOK_MUTANTS").unwrap_or(DEFAULT_MUTANTS)).collect(),
    };
    let root = dir.path().to_path_buf();
    let (tx, rx) = mpsc::channel::<(u64, String, Option<Vec<String>>)>();
    let work = indexes.clone();
    let verbose = indexes.len() == 1;
    // The mutants run on a worker so that this thread can notice a hang.
    std::thread::spawn(move || {
        for index in work {
            let mutant = original.mutant(seed, index);
            if verbose {
                eprintln!("mutant {index} of seed {seed}: {}", mutant.description);
            }
            let _ = tx.send((index, mutant.description.clone(), None));
            original.apply(&mutant);
            let verdict = catch_unwind(AssertUnwindSafe(|| {
                judge(
                    &root,
                    &pipeline::run(&root, None, BuildOptions::default(), false),
                )
            }))
            .unwrap_or_else(|_| vec!["panicked (see the message above)".to_string()]);
            original.restore(&mutant);
            if tx.send((index, mutant.description, Some(verdict))).is_err() {
                return;
            }
        }
    });
    let started = Instant::now();
    let mut failures = Vec::new();
    let mut running = (0, String::new());
    for _ in 0..indexes.len() * 2 {
        match rx.recv_timeout(HANG_LIMIT) {
            Ok((index, description, None)) => running = (index, description),
            Ok((index, description, Some(problems))) => {
                for p in problems {
                    failures.push(format!(
                        "mutant {index} ({description}): {p}\n  reproduce: HANDBOOK_SEED={seed} HANDBOOK_MUTANT={index} cargo test --test integration seeded_mutants"
                    ));
                }
            }
            Err(_) => panic!(
                "mutant {} of seed {seed} ({}) did not finish within {HANG_LIMIT:?}: a hang\n  reproduce: HANDBOOK_SEED={seed} HANDBOOK_MUTANT={} cargo test --test integration seeded_mutants",
                running.0, running.1, running.0
            ),
        }
    }
    eprintln!(
        "checked {} mutants of seed {seed} in {:.1} s",
        indexes.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} problem(s) in mutants of seed {seed}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What is wrong with the outcome of a `check` of a damaged handbook.
fn judge(root: &Path, result: &Result<Outcome, Fatal>) -> Vec<String> {
    let mut problems = Vec::new();
    let code = pipeline::exit_code(result);
    if code > 2 {
        problems.push(format!("exit code {code}"));
    }
    let Ok(outcome) = result else {
        return problems;
    };
    let mut reporter = Reporter::new(Style::PLAIN);
    for d in &outcome.diagnostics {
        let shown = reporter.render(d);
        let first = shown.lines().next().unwrap_or_default();
        let located = format!("{}:{}:{}: ", display_path(&d.path), d.pos.line, d.pos.col);
        if !d.path.starts_with(root) || d.pos.line == 0 || d.pos.col == 0 {
            problems.push(format!("not located in the handbook: {first}"));
        } else if !first.starts_with(&located) || d.message.trim().is_empty() {
            problems.push(format!("not `path:line:col: level: message`: {first}"));
        } else if let Ok(bytes) = std::fs::read(&d.path) {
            let lines = bytes.split(|b| *b == b'\n' || *b == b'\r').count();
            if d.pos.line > lines + 1 {
                problems.push(format!(
                    "line {} of a {lines}-line file: {first}",
                    d.pos.line
                ));
            }
        }
    }
    problems
}
