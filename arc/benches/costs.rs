//! What sharing costs: `Arc::clone` + drop (an atomic increment and decrement)
//! against `Rc::clone` + drop (a plain one) on one thread, and `Arc::clone` + drop
//! while another thread clones and drops the same `Arc` (the counter's cache line
//! moves between cores). Then the atomic counter of `src/atomic_counter.rs`:
//! `AtomicU64::fetch_add` alone and with two threads contending, to set beside the
//! `Mutex` counter's rows of `cargo bench -p mutex`.
//!
//! Run it: `cargo bench -p arc`, or `cargo xtask bench` for every crate's costs in
//! one table. `tests/arc.rs` includes this file and runs `measure(false)`:
//! every benchmark through the same code, with tiny samples, timing nothing.

use std::hint::black_box;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

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
}

// ---- the sampler: the same in every benches/costs.rs (xtask/tests checks it) ----

/// Samples per benchmark; the median is reported.
const SAMPLES: usize = 21;
/// Each sample runs the operation in a batch that lasts at least this long, so
/// the timer's resolution does not matter.
const SAMPLE_TIME: Duration = Duration::from_millis(10);

/// Times `op` and prints one row: name, then median, min and max nanoseconds per
/// operation, separated by at least two spaces. Not `full`: 3 samples of 1 operation.
fn bench(full: bool, name: &str, mut op: impl FnMut()) {
    let (samples, sample_time) = if full {
        (SAMPLES, SAMPLE_TIME)
    } else {
        (3, Duration::ZERO)
    };
    // Warm up, and double the batch until one batch lasts `sample_time`.
    let mut batch: u32 = 1;
    while time(batch, &mut op) < sample_time {
        batch *= 2;
    }
    let mut per_op: Vec<f64> = (0..samples)
        .map(|_| time(batch, &mut op).as_nanos() as f64 / f64::from(batch))
        .collect();
    per_op.sort_by(f64::total_cmp);
    let (min, median, max) = (per_op[0], per_op[samples / 2], per_op[samples - 1]);
    println!("{name:<48}  {median:>10.1} ns  {min:>10.1} ns  {max:>10.1} ns");
}

fn time(batch: u32, op: &mut impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..batch {
        op();
    }
    start.elapsed()
}

// ---- end of the sampler ----
