//! What parallel chunks buy: the sum of the squares of a million numbers on one
//! thread, and split into one chunk per core (capped), each on a scoped thread, as
//! `src/parallel_chunks.rs` does. The parallel version pays for starting and joining
//! its threads (see `cargo bench -p threads`), and its threads share one memory bus:
//! for work as light as this per byte read, it buys less than one core's worth per
//! extra core.
//!
//! Run it: `cargo bench -p scoped-threads`, or `cargo xtask bench` for every crate's
//! costs in one table. `tests/scoped-threads.rs` includes this file and runs
//! `measure(false)`: every benchmark through the same code, with tiny samples,
//! timing nothing.

use std::hint::black_box;
use std::num::NonZeroUsize;
use std::thread;
use std::time::{Duration, Instant};

/// How many numbers are summed: 8 MB, far more work than starting a thread.
const LEN: u64 = 1_000_000;

/// The cap of `src/parallel_chunks.rs`.
const MAX_THREADS: usize = 8;

fn main() {
    measure(std::env::args().any(|arg| arg == "--bench"));
}

/// Every benchmark of this crate. `full` is false in the smoke test that the crate's
/// tests run: the same code, with one warm-up operation and three one-operation
/// samples, whose rows are printed but mean nothing.
pub fn measure(full: bool) {
    println!("costs of scoped-threads (cargo bench -p scoped-threads)");
    let numbers: Vec<u64> = (1..=LEN).collect();
    bench(full, "sum of squares, 1_000_000 u64, one thread", || {
        black_box(sum_of_squares(black_box(&numbers)));
    });
    // One thread per core, capped, as the section does.
    let threads = thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_THREADS);
    let name = format!("sum of squares, 1_000_000 u64, {threads} scoped threads");
    bench(full, &name, || {
        black_box(parallel_sum_of_squares(black_box(&numbers), threads));
    });
}

/// The work of `src/parallel_chunks.rs`, on one thread.
fn sum_of_squares(numbers: &[u64]) -> u64 {
    numbers.iter().map(|n| n * n).sum()
}

/// The parallel version of `src/parallel_chunks.rs`: one scoped thread per chunk.
fn parallel_sum_of_squares(numbers: &[u64], threads: usize) -> u64 {
    let chunk_len = numbers.len().div_ceil(threads).max(1);
    thread::scope(|scope| {
        let handles: Vec<_> = numbers
            .chunks(chunk_len)
            .map(|chunk| scope.spawn(move || sum_of_squares(chunk)))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a chunk's thread panicked"))
            .sum()
    })
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
