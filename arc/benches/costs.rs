//! What sharing costs: `Arc::clone` + drop (an atomic increment and decrement)
//! against `Rc::clone` + drop (a plain one) on one thread, and `Arc::clone` + drop
//! while another thread clones and drops the same `Arc` (the counter's cache line
//! moves between cores). Then the atomic counter of `src/atomic_counter.rs`:
//! `AtomicU64::fetch_add` alone and with two threads contending, to set beside the
//! `Mutex` counter's rows of `cargo bench -p mutex`. Last, how a shared counter
//! grows with the threads that bump it, three ways: a `Mutex<u64>`, an `AtomicU64`,
//! and per-thread counts added up at the end.
//!
//! Run it: `cargo bench -p arc`, or `cargo xtask bench` for every crate's costs in
//! one table. `tests/arc.rs` includes this file and runs `measure(false)`:
//! every benchmark through the same code, with tiny samples, timing nothing.

use std::hint::black_box;
use std::num::NonZeroUsize;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How many times the scaling table's counter is bumped, however many threads
/// share the bumps: enough that starting the threads is a small part of the time.
const BUMPS: u32 = 1_000_000;

fn main() {
    measure(std::env::args().any(|arg| arg == "--bench"));
}

/// Every benchmark of this crate. `full` is false in the smoke test that the crate's
/// tests run: the same code, with one warm-up operation and three one-operation
/// samples, whose rows are printed but mean nothing.
pub fn measure(full: bool) {
    println!("costs of arc (cargo bench -p arc)");

    let rc = Rc::new(1_u64);
    bench(full, "Rc::clone + drop, one thread", || {
        drop(black_box(Rc::clone(black_box(&rc))));
    });
    let arc = Arc::new(1_u64);
    bench(full, "Arc::clone + drop, one thread", || {
        drop(black_box(Arc::clone(black_box(&arc))));
    });

    let stop = AtomicBool::new(false);
    thread::scope(|scope| {
        // Another thread clones and drops the same Arc until told to stop.
        scope.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                drop(black_box(Arc::clone(black_box(&arc))));
            }
        });
        bench(full, "Arc::clone + drop, two threads on one Arc", || {
            drop(black_box(Arc::clone(black_box(&arc))));
        });
        stop.store(true, Ordering::Relaxed);
    });

    let counter = AtomicU64::new(0);
    bench(full, "AtomicU64::fetch_add, uncontended", || {
        counter.fetch_add(black_box(1), Ordering::Relaxed);
    });

    let stop = AtomicBool::new(false);
    thread::scope(|scope| {
        // Another thread adds to the same counter until told to stop.
        scope.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                counter.fetch_add(black_box(1), Ordering::Relaxed);
            }
        });
        bench(full, "AtomicU64::fetch_add, two threads contending", || {
            counter.fetch_add(black_box(1), Ordering::Relaxed);
        });
        stop.store(true, Ordering::Relaxed);
    });

    // The scaling table: BUMPS shared out over 1, 2, ... up to twice the cores
    // threads; each row is the time per bump, starting and joining them included.
    // Not `full`: a thousand bumps, so the tests stay quick.
    let bumps = if full { BUMPS } else { 1_000 };
    let cores = thread::available_parallelism().map_or(1, NonZeroUsize::get);
    for threads in thread_counts(2 * cores) {
        let each = bumps / threads;
        let units = each * threads;
        let name = format!("scaling: counter: Mutex: {threads}");
        bench_per(full, &name, units, || {
            let counter = Mutex::new(0_u64);
            thread::scope(|scope| {
                for _ in 0..threads {
                    scope.spawn(|| {
                        for _ in 0..each {
                            *counter.lock().expect("not poisoned") += black_box(1);
                        }
                    });
                }
            });
            assert_eq!(
                counter.into_inner().expect("not poisoned"),
                u64::from(units)
            );
        });
        let name = format!("scaling: counter: atomic fetch_add: {threads}");
        bench_per(full, &name, units, || {
            let counter = AtomicU64::new(0);
            thread::scope(|scope| {
                for _ in 0..threads {
                    scope.spawn(|| {
                        for _ in 0..each {
                            counter.fetch_add(black_box(1), Ordering::Relaxed);
                        }
                    });
                }
            });
            assert_eq!(counter.into_inner(), u64::from(units));
        });
        let name = format!("scaling: counter: per-thread counts: {threads}");
        bench_per(full, &name, units, || {
            let total: u64 = thread::scope(|scope| {
                let handles: Vec<_> = (0..threads)
                    .map(|_| {
                        scope.spawn(|| {
                            let mut count = 0_u64;
                            for _ in 0..each {
                                count += black_box(1);
                            }
                            count
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|handle| handle.join().expect("a counting thread panicked"))
                    .sum()
            });
            assert_eq!(total, u64::from(units));
        });
    }
}

/// 1, 2, 3, 4, then the powers of two, up to `limit`, and `limit` itself.
fn thread_counts(limit: usize) -> Vec<u32> {
    (1..=limit)
        .filter(|&n| n <= 4 || n.is_power_of_two() || n == limit)
        .map(|n| u32::try_from(n).expect("fewer than 2^32 threads"))
        .collect()
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
