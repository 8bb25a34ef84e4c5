//! Where a build's time goes, stage by stage: load, resolve, render, search
//! index, write. `handbook build --timings` prints it.
//!
//! Load, resolve and the search index run one after another, so their time
//! is wall-clock time. Rendering and writing run interleaved on every core
//! (each page is written as soon as it is rendered, so memory stays flat):
//! inside that phase their thread time is summed, and the phase's wall time
//! is shared between them in proportion, so the stages add up to the run.

use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A stage of the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Load,
    Resolve,
    Render,
    Search,
    Write,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 5] = [
        Stage::Load,
        Stage::Resolve,
        Stage::Render,
        Stage::Search,
        Stage::Write,
    ];

    fn name(self) -> &'static str {
        match self {
            Stage::Load => "load",
            Stage::Resolve => "resolve",
            Stage::Render => "render",
            Stage::Search => "search index",
            Stage::Write => "write",
        }
    }
}

/// The time of each stage of one run (safe to add to from many threads).
#[derive(Debug)]
pub struct Timings {
    started: Instant,
    /// Nanoseconds of each stage outside the parallel phase (wall clock).
    alone: [AtomicU64; 5],
    /// Nanoseconds of each stage inside the parallel phase, summed over threads.
    busy: [AtomicU64; 5],
    in_phase: AtomicBool,
    /// Wall-clock nanoseconds of the phase that renders and writes.
    parallel_wall: AtomicU64,
    total: AtomicU64,
}

impl Default for Timings {
    fn default() -> Timings {
        Timings::new()
    }
}

impl Timings {
    /// Starts the clock of a run.
    pub fn new() -> Timings {
        Timings {
            started: Instant::now(),
            alone: Default::default(),
            busy: Default::default(),
            in_phase: AtomicBool::new(false),
            parallel_wall: AtomicU64::new(0),
            total: AtomicU64::new(0),
        }
    }

    /// Runs `work` and counts its time to `stage`.
    pub fn time<T>(&self, stage: Stage, work: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let result = work();
        let slots = if self.in_phase.load(Ordering::Relaxed) {
            &self.busy
        } else {
            &self.alone
        };
        slots[stage as usize].fetch_add(nanos(start.elapsed()), Ordering::Relaxed);
        result
    }

    /// Runs the phase in which render and write work interleaved on many
    /// threads; the stages timed inside it share its wall time.
    pub fn parallel_phase<T>(&self, work: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        self.in_phase.store(true, Ordering::Relaxed);
        let result = work();
        self.in_phase.store(false, Ordering::Relaxed);
        self.parallel_wall
            .fetch_add(nanos(start.elapsed()), Ordering::Relaxed);
        result
    }

    /// Stops the clock of the whole run.
    pub fn finish(&self) {
        self.total
            .store(nanos(self.started.elapsed()), Ordering::Relaxed);
    }

    /// The whole run, from start to [`Timings::finish`] (or to now).
    pub fn total(&self) -> Duration {
        match self.total.load(Ordering::Relaxed) {
            0 => self.started.elapsed(),
            n => Duration::from_nanos(n),
        }
    }

    fn load(slots: &[AtomicU64; 5], stage: Stage) -> u64 {
        slots[stage as usize].load(Ordering::Relaxed)
    }

    /// Time summed over every thread that worked on `stage`.
    pub fn thread_time(&self, stage: Stage) -> Duration {
        Duration::from_nanos(Self::load(&self.alone, stage) + Self::load(&self.busy, stage))
    }

    /// The wall-clock time of `stage`: its time outside the parallel phase
    /// plus its share of that phase, in proportion to thread time.
    pub fn wall(&self, stage: Stage) -> Duration {
        let parallel: u128 = Stage::ALL
            .iter()
            .map(|s| u128::from(Self::load(&self.busy, *s)))
            .sum();
        let own = u128::from(Self::load(&self.busy, stage));
        let wall = u128::from(self.parallel_wall.load(Ordering::Relaxed));
        let share = (wall * own)
            .checked_div(parallel)
            .map_or(0, |n| u64::try_from(n).unwrap_or(u64::MAX));
        Duration::from_nanos(Self::load(&self.alone, stage).saturating_add(share))
    }
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The table `--timings` prints: wall time per stage, its share of the run,
/// and thread time where a stage runs on several threads.
impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.total();
        writeln!(
            f,
            "timings (wall clock; render and write run interleaved on {} threads):",
            rayon::current_num_threads()
        )?;
        let mut counted = Duration::ZERO;
        for stage in Stage::ALL {
            let wall = self.wall(stage);
            counted += wall;
            let share = 100.0 * wall.as_secs_f64() / total.as_secs_f64().max(1e-9);
            write!(
                f,
                "  {:<13}{:>9.1} ms {share:>5.1} %",
                stage.name(),
                ms(wall)
            )?;
            if Self::load(&self.busy, stage) > 0 {
                write!(f, "   (thread time {:.1} ms)", ms(self.thread_time(stage)))?;
            }
            writeln!(f)?;
        }
        let other = total.saturating_sub(counted);
        writeln!(
            f,
            "  {:<13}{:>9.1} ms {:>5.1} %",
            "other",
            ms(other),
            100.0 * other.as_secs_f64() / total.as_secs_f64().max(1e-9)
        )?;
        write!(f, "  {:<13}{:>9.1} ms", "total", ms(total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_stages_share_the_phase_by_thread_time() {
        let t = Timings::new();
        t.busy[Stage::Render as usize].store(3_000_000, Ordering::Relaxed);
        t.busy[Stage::Write as usize].store(1_000_000, Ordering::Relaxed);
        t.parallel_wall.store(2_000_000, Ordering::Relaxed);
        t.alone[Stage::Load as usize].store(5_000_000, Ordering::Relaxed);
        t.alone[Stage::Write as usize].store(100_000, Ordering::Relaxed);
        assert_eq!(t.wall(Stage::Render), Duration::from_micros(1500));
        assert_eq!(t.wall(Stage::Write), Duration::from_micros(600));
        assert_eq!(t.thread_time(Stage::Write), Duration::from_micros(1100));
        assert_eq!(t.wall(Stage::Load), Duration::from_millis(5));
        assert_eq!(t.wall(Stage::Search), Duration::ZERO);
    }

    #[test]
    fn the_table_names_every_stage() {
        let t = Timings::new();
        t.time(Stage::Load, || ());
        t.finish();
        let text = t.to_string();
        for stage in Stage::ALL {
            assert!(text.contains(stage.name()), "{text}");
        }
        assert!(text.contains("total"));
    }
}
