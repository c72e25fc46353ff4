//! What sharing costs: `Arc::clone` + drop (an atomic increment and decrement)
//! against `Rc::clone` + drop (a plain one) on one thread, and `Arc::clone` + drop
//! while another thread clones and drops the same `Arc` (the counter's cache line
//! moves between cores).
//!
//! Run it: `cargo bench -p arc`, or `cargo xtask bench` for every crate's costs in
//! one table. Without `--bench` (as `cargo test` runs it) each benchmark runs a few
//! times only: a smoke test that proves it works, timing nothing.

use std::hint::black_box;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

fn main() {
    let full = std::env::args().any(|arg| arg == "--bench");
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
}

/// Samples per benchmark; the median is reported.
const SAMPLES: usize = 21;
/// Each sample runs the operation in a batch that lasts at least this long, so
/// the timer's resolution does not matter.
const SAMPLE_TIME: Duration = Duration::from_millis(10);

/// Times `op` and prints one row: name, then median, min and max nanoseconds per
/// operation, separated by at least two spaces.
fn bench(full: bool, name: &str, mut op: impl FnMut()) {
    if !full {
        (0..3).for_each(|_| op());
        println!("smoke test: {name}: ran 3 times");
        return;
    }
    // Warm up, and double the batch until one batch lasts SAMPLE_TIME.
    let mut batch: u32 = 1;
    while time(batch, &mut op) < SAMPLE_TIME {
        batch *= 2;
    }
    let mut per_op: Vec<f64> = (0..SAMPLES)
        .map(|_| time(batch, &mut op).as_nanos() as f64 / f64::from(batch))
        .collect();
    per_op.sort_by(f64::total_cmp);
    let (min, median, max) = (per_op[0], per_op[SAMPLES / 2], per_op[SAMPLES - 1]);
    println!("{name:<48}  {median:>10.1} ns  {min:>10.1} ns  {max:>10.1} ns");
}

fn time(batch: u32, op: &mut impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..batch {
        op();
    }
    start.elapsed()
}
