//! What a bounded hand-off costs: one message through `sync_channel(1)` from a
//! producer thread, and one rendezvous (`sync_channel(0)`), where every `send`
//! waits for its `recv`.
//!
//! Run it: `cargo bench -p sync-channel`, or `cargo xtask bench` for every crate's
//! costs in one table. `tests/sync-channel.rs` includes this file and runs `measure(false)`:
//! every benchmark through the same code, with tiny samples, timing nothing.

use std::hint::black_box;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

fn main() {
    measure(std::env::args().any(|arg| arg == "--bench"));
}

/// Every benchmark of this crate. `full` is false in the smoke test that the crate's
/// tests run: the same code, with one warm-up operation and three one-operation
/// samples, whose rows are printed but mean nothing.
pub fn measure(full: bool) {
    println!("costs of sync-channel (cargo bench -p sync-channel)");
    for (capacity, name) in [
        (1, "sync_channel(1): one message from another thread"),
        (0, "sync_channel(0): one rendezvous hand-off"),
    ] {
        let (tx, rx) = mpsc::sync_channel::<u64>(capacity);
        thread::scope(|scope| {
            // The producer sends as fast as the channel lets it, until the
            // receiver is dropped and `send` fails.
            scope.spawn(move || while tx.send(black_box(1)).is_ok() {});
            bench(full, name, || {
                black_box(rx.recv().expect("the producer is alive"));
            });
            // Dropping the receiver makes the producer's next `send` fail, so it ends.
            drop(rx);
        });
    }
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
