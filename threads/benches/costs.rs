//! What a thread costs: `thread::spawn` + `join` of an empty closure, and a
//! `thread::scope` that spawns one thread. Each is a whole OS thread created,
//! scheduled and torn down, which is why a thread per tiny task is a bad idea.
//! Then how that grows: N threads started at once and joined, the cost per thread.
//!
//! Run it: `cargo bench -p threads`, or `cargo xtask bench` for every crate's costs
//! in one table. `tests/threads.rs` includes this file and runs `measure(false)`:
//! every benchmark through the same code, with tiny samples, timing nothing.

use std::hint::black_box;
use std::thread;
use std::time::{Duration, Instant};

fn main() {
    measure(std::env::args().any(|arg| arg == "--bench"));
}

/// Every benchmark of this crate. `full` is false in the smoke test that the crate's
/// tests run: the same code, with one warm-up operation and three one-operation
/// samples, whose rows are printed but mean nothing.
pub fn measure(full: bool) {
    println!("costs of threads (cargo bench -p threads)");
    let name = "thread::spawn + join, empty closure";
    let mut spawn_join = || {
        let handle = thread::spawn(|| black_box(1));
        black_box(handle.join().expect("the empty thread panicked"));
    };
    bench(full, name, &mut spawn_join);
    // The new thread starts on a core that may be idle, and `join` sleeps until it
    // ends: measured again with the other cores kept awake.
    bench_cores_busy(full, name, &mut spawn_join);
    bench(full, "thread::scope spawning one thread", || {
        thread::scope(|scope| {
            scope.spawn(|| black_box(1));
        });
    });

    // The scaling table: N threads started one after the other, all running at
    // once, then joined; the row is the cost per thread.
    for threads in [1, 4, 16, 64] {
        let name = format!("scaling: threads at once: spawn + join: {threads}");
        bench_per(full, &name, threads, || {
            let handles: Vec<_> = (0..threads)
                .map(|_| thread::spawn(|| black_box(1)))
                .collect();
            for handle in handles {
                black_box(handle.join().expect("an empty thread panicked"));
            }
        });
    }
}

// ---- the sampler: the same in every benches/costs.rs (xtask/tests checks it) ----

/// How long each row is sampled; a row whose samples are long takes `MIN_SAMPLES`.
const ROW_TIME: Duration = Duration::from_millis(100);
const MIN_SAMPLES: usize = 11;
/// How long each row runs before it is sampled, to warm up and to see how many
/// operations make a sample.
const WARM_UP: Duration = Duration::from_millis(10);
/// Each sample times a batch of operations that lasts at least this long: short, so
/// that an operation which waits for another thread (microseconds) is timed on its
/// own and the samples show each regime of a wake-up, not their average. What
/// reading the clock costs is measured and taken off every sample.
const SAMPLE_TIME: Duration = Duration::from_micros(1);

/// Times `op`, one operation, and prints its row (see `sample`).
fn bench(full: bool, name: &str, op: impl FnMut()) {
    sample(full, name, 1, op);
}

/// Times `op`, which does `units` units of work (threads, bumps), and prints a row
/// of nanoseconds per unit.
#[allow(dead_code)] // only the crates with a scaling table use it
fn bench_per(full: bool, name: &str, units: u32, op: impl FnMut()) {
    sample(full, name, units, op);
}

/// Like `bench`, while a spinning thread keeps each other core busy, so that a
/// thread the operation wakes finds its core awake; the row is named
/// `<name>, other cores busy`.
#[allow(dead_code)] // only the crates with a row that wakes another thread use it
fn bench_cores_busy(full: bool, name: &str, op: impl FnMut()) {
    /// Stops the spinning threads when dropped, even if `op` panics.
    struct Stop<'a>(&'a std::sync::atomic::AtomicBool);
    impl Drop for Stop<'_> {
        fn drop(&mut self) {
            self.0.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    let cores = thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let stop = std::sync::atomic::AtomicBool::new(false);
    thread::scope(|scope| {
        for _ in 1..cores {
            scope.spawn(|| {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    std::hint::spin_loop();
                }
            });
        }
        let _stop = Stop(&stop);
        sample(full, &format!("{name}, other cores busy"), 1, op);
    });
}

/// Samples `op` for `ROW_TIME` and prints one row, fields separated by at least two
/// spaces: the name; the median, the fastest tenth's and the slowest tenth's
/// nanoseconds per unit (a tenth of the samples took at most, or at least, that);
/// then how many samples fell in each bucket, as `k:count`, where bucket `k` holds
/// the samples of 2^(k/2) up to 2^((k+1)/2) ns. Not `full`: 3 samples of 1 operation.
fn sample(full: bool, name: &str, units: u32, mut op: impl FnMut()) {
    let (row_time, min_samples, warm_up, sample_time) = if full {
        (ROW_TIME, MIN_SAMPLES, WARM_UP, SAMPLE_TIME)
    } else {
        (Duration::ZERO, 3, Duration::ZERO, Duration::ZERO)
    };
    let mut clock: Vec<Duration> = (0..101).map(|_| time(0, &mut op)).collect();
    clock.sort();
    let clock = clock[50];
    // Warm up in batches that double, reading the clock once a batch, and count how
    // many operations make a batch of `sample_time`.
    let (mut ops, mut next, start) = (0_u64, 1_u32, Instant::now());
    while ops == 0 || start.elapsed() < warm_up {
        for _ in 0..next {
            op();
        }
        ops += u64::from(next);
        next = next.saturating_mul(2);
    }
    let per_op = start.elapsed().as_secs_f64() / ops as f64;
    let batch = (sample_time.as_secs_f64() / per_op).ceil().max(1.0) as u32;
    let mut per_unit: Vec<f64> = Vec::new();
    let start = Instant::now();
    while per_unit.len() < min_samples || start.elapsed() < row_time {
        let took = time(batch, &mut op).saturating_sub(clock);
        per_unit.push(took.as_nanos() as f64 / (f64::from(batch) * f64::from(units)));
    }
    report(name, per_unit);
}

/// Prints the row of `per_unit`, the samples in nanoseconds per unit (see `sample`).
/// Not generic, unlike `sample`: one copy of it serves every row.
fn report(name: &str, mut per_unit: Vec<f64>) {
    per_unit.sort_by(f64::total_cmp);
    let at = |share: f64| per_unit[((per_unit.len() - 1) as f64 * share).round() as usize];
    // The samples are sorted, so each bucket's are next to each other.
    let mut buckets: Vec<(i64, usize)> = Vec::new();
    for &nanos in &per_unit {
        let k = (2.0 * nanos.max(0.1).log2()).floor() as i64;
        match buckets.last_mut() {
            Some((last, count)) if *last == k => *count += 1,
            _ => buckets.push((k, 1)),
        }
    }
    let buckets: Vec<String> = buckets.iter().map(|(k, n)| format!("{k}:{n}")).collect();
    let (median, fast, slow) = (at(0.5), at(0.1), at(0.9));
    println!(
        "{name:<48}  {median:>10.1} ns  {fast:>10.1} ns  {slow:>10.1} ns  {}",
        buckets.join(" ")
    );
}

fn time(batch: u32, op: &mut impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..batch {
        op();
    }
    start.elapsed()
}

// ---- end of the sampler ----
