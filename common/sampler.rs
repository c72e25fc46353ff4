//! The sampler every `benches/costs.rs` uses: one file, included by each bench with
//! `#[path = "../../common/sampler.rs"] mod sampler;`. It prints one line a row, which
//! `cargo xtask bench` reads:
//! - `<name>  <median> ns  <fastest tenth> ns  <slowest tenth> ns`, per operation or
//!   per unit of work; a row named `<name>, other cores busy` is `<name>` measured
//!   again with the other cores kept awake, and `scaling: <table>: <series>: <x>`
//!   is one point of a scaling table;
//! - `compare  <a>  <b>`: a conclusion to draw from this run, "a costs more than b".

#![allow(dead_code)] // each bench uses the parts it needs

use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// How long each row is sampled, and at least how many samples it takes.
const ROW_TIME: Duration = Duration::from_millis(100);
const MIN_SAMPLES: usize = 11;
/// How long each row runs first, to warm up and to see how many operations make a sample.
const WARM_UP: Duration = Duration::from_millis(10);
/// Each sample is a batch of operations that lasts at least this long: short, so that
/// an operation which waits for another thread is timed on its own, and the spread
/// shows each regime of a wake-up rather than their average.
const SAMPLE_TIME: Duration = Duration::from_micros(1);

/// A measured row, for `compare`: the xtask reads its numbers from the printed line.
pub struct Row {
    name: String,
}

/// Times `op`, one operation, and prints its row. `full` is false in the crates'
/// tests: the same code with three one-operation samples, timing nothing.
pub fn bench(full: bool, name: &str, op: impl FnMut()) -> Row {
    bench_per(full, name, 1, op)
}

/// Like `bench`, while a spinning thread keeps each other core awake, so that a thread
/// the operation wakes finds its core awake.
pub fn bench_cores_busy(full: bool, name: &str, op: impl FnMut()) -> Row {
    let others = thread::available_parallelism().map_or(1, |n| n.get()) - 1;
    let name = format!("{name}, other cores busy");
    beside(others, std::hint::spin_loop, || bench(full, &name, op))
}

/// Runs `measure` while `rivals` threads run `rival` over and over: a contended row.
pub fn beside<T>(rivals: usize, rival: impl Fn() + Sync, measure: impl FnOnce() -> T) -> T {
    /// Stops the rivals when dropped, even if `measure` panics.
    struct Stop<'a>(&'a AtomicBool);
    impl Drop for Stop<'_> {
        fn drop(&mut self) {
            self.0.store(true, Ordering::Relaxed);
        }
    }
    let stop = AtomicBool::new(false);
    thread::scope(|scope| {
        for _ in 0..rivals {
            scope.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    rival();
                }
            });
        }
        let _stop = Stop(&stop);
        measure()
    })
}

/// 1, 2, 3, 4, then the powers of two, up to `limit`, and `limit` itself: the thread
/// counts of a scaling table.
pub fn thread_counts(limit: usize) -> Vec<u32> {
    (1..=limit)
        .filter(|&n| n <= 4 || n.is_power_of_two() || n == limit)
        .map(|n| u32::try_from(n).expect("fewer than 2^32 threads"))
        .collect()
}

/// Times `op`, which does `units` units of work (threads, bumps), per unit.
pub fn bench_per(full: bool, name: &str, units: u32, mut op: impl FnMut()) -> Row {
    let (row_time, min_samples, warm_up, sample_time) = if full {
        (ROW_TIME, MIN_SAMPLES, WARM_UP, SAMPLE_TIME)
    } else {
        (Duration::ZERO, 3, Duration::ZERO, Duration::ZERO)
    };
    // What reading the clock costs, taken off every sample.
    let mut clock: Vec<Duration> = (0..101).map(|_| time(0, &mut op)).collect();
    clock.sort();
    // Warm up in batches that double, reading the clock once a batch, until one lasts
    // `warm_up`: that batch tells what one operation costs.
    let mut ops = 1;
    let per_op = loop {
        let took = time(ops, &mut op);
        if took >= warm_up || ops == u32::MAX {
            break took.as_secs_f64() / f64::from(ops);
        }
        ops = ops.saturating_mul(2);
    };
    let batch = (sample_time.as_secs_f64() / per_op).ceil().max(1.0) as u32;
    let mut samples: Vec<f64> = Vec::new();
    let start = Instant::now();
    while samples.len() < min_samples || start.elapsed() < row_time {
        let took = time(batch, &mut op).saturating_sub(clock[50]);
        samples.push(took.as_nanos() as f64 / f64::from(batch * units));
    }
    report(name, samples)
}

/// Prints one row; not generic, so one copy of it serves every row.
fn report(name: &str, mut samples: Vec<f64>) -> Row {
    samples.sort_by(f64::total_cmp);
    let at = |share: f64| samples[((samples.len() - 1) as f64 * share).round() as usize];
    println!(
        "{name:<48}  {:>10.1} ns  {:>10.1} ns  {:>10.1} ns",
        at(0.5),
        at(0.1),
        at(0.9)
    );
    Row {
        name: name.to_owned(),
    }
}

/// Prints the conclusion that `more` costs more than `less`; the xtask computes it
/// from this run's rows.
pub fn compare(more: &Row, less: &Row) {
    println!("compare  {}  {}", more.name, less.name);
}

fn time(batch: u32, op: &mut impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..batch {
        op();
    }
    start.elapsed()
}
