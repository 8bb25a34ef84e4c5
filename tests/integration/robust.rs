//! No input crashes `check`: seeded mutants of a handbook (see `mutate`) are
//! checked in-process, each within a time limit, and every run must end
//! without a panic, with an exit code of 0, 1 or 2, and with every diagnostic
//! at a `path:line:col` inside its file.
//!
//! Environment: `HANDBOOK_MUTATE_ROOT` (a handbook to damage instead of the
//! kommune fixture; it is copied, never changed), `HANDBOOK_MUTANTS` (how
//! many), `HANDBOOK_SEED` (which), `HANDBOOK_MUTANT` (only that index: to
//! reproduce a failure), `HANDBOOK_MUTATE_JOBS` (workers; one per core).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use handbook::{BuildOptions, Fatal, Outcome, Reporter, Style, display_path};

use crate::common::{copy_dir, fixtures_dir};
use crate::mutate::Original;

/// Mutants per `cargo test` run (about 25 ms of CPU each; one worker per core).
const DEFAULT_MUTANTS: u64 = 2000;
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

/// How many mutants are checked at once: `HANDBOOK_MUTATE_JOBS`, else one
/// per core (each worker damages its own copy of the handbook).
fn workers() -> usize {
    env_number("HANDBOOK_MUTATE_JOBS")
        .map(|n| n.clamp(1, 64) as usize)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
}

/// What a worker says: it starts a mutant (`None`) or it has its problems.
type Report = (usize, u64, String, Option<Vec<String>>);

#[test]
fn seeded_mutants_never_crash_check() {
    let _heavy = crate::common::cpu_heavy_lock();
    let seed = env_number("HANDBOOK_SEED").unwrap_or(DEFAULT_SEED);
    let indexes: Vec<u64> = match env_number("HANDBOOK_MUTANT") {
        Some(one) => vec![one],
        None => (0..env_number("HANDBOOK_MUTANTS").unwrap_or(DEFAULT_MUTANTS)).collect(),
    };
    let verbose = indexes.len() == 1;
    let jobs = workers().min(indexes.len()).max(1);
    let (tx, rx) = mpsc::channel::<Report>();
    // The mutants run on workers so that this thread can notice a hang.
    let mut copies = Vec::new();
    for worker in 0..jobs {
        let (dir, original) = damageable_copy();
        let root = dir.path().to_path_buf();
        copies.push(dir);
        let work: Vec<u64> = indexes.iter().copied().skip(worker).step_by(jobs).collect();
        let tx = tx.clone();
        std::thread::spawn(move || {
            for index in work {
                let mutant = original.mutant(seed, index);
                if verbose {
                    eprintln!("mutant {index} of seed {seed}: {}", mutant.description);
                }
                let _ = tx.send((worker, index, mutant.description.clone(), None));
                original.apply(&mutant);
                let verdict = catch_unwind(AssertUnwindSafe(|| {
                    judge(
                        &root,
                        &handbook::run(&root, None, BuildOptions::default(), false),
                    )
                }))
                .unwrap_or_else(|_| vec!["panicked (see the message above)".to_string()]);
                original.restore(&mutant);
                if tx
                    .send((worker, index, mutant.description, Some(verdict)))
                    .is_err()
                {
                    return;
                }
            }
        });
    }
    drop(tx);
    let started = Instant::now();
    let mut failures = Vec::new();
    let mut running: Vec<Option<(u64, String)>> = vec![None; jobs];
    for _ in 0..indexes.len() * 2 {
        match rx.recv_timeout(HANG_LIMIT) {
            Ok((worker, index, description, None)) => running[worker] = Some((index, description)),
            Ok((worker, index, description, Some(problems))) => {
                running[worker] = None;
                for p in problems {
                    failures.push(format!(
                        "mutant {index} ({description}): {p}\n  reproduce: HANDBOOK_SEED={seed} HANDBOOK_MUTANT={index} cargo test --test integration seeded_mutants"
                    ));
                }
            }
            Err(_) => {
                let (index, description) =
                    running.iter().flatten().next().cloned().unwrap_or_default();
                panic!(
                    "mutant {index} of seed {seed} ({description}) did not finish within {HANG_LIMIT:?}: a hang\n  reproduce: HANDBOOK_SEED={seed} HANDBOOK_MUTANT={index} cargo test --test integration seeded_mutants"
                )
            }
        }
    }
    eprintln!(
        "checked {} mutants of seed {seed} in {:.1} s on {jobs} worker(s)",
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
    let code = handbook::exit_code(result);
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
