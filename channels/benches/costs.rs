//! What a channel message costs: `send` + `recv` on one thread (no waiting, just
//! the queue), and a round trip to another thread and back (two messages, and the
//! other thread woken each time).
//!
//! Run it: `cargo bench -p channels`, or `cargo xtask bench` for every crate's costs
//! in one table. `tests/channels.rs` includes this file and runs `measure(false)`:
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
    println!("costs of channels (cargo bench -p channels)");

    let (tx, rx) = mpsc::channel();
    bench(full, "channel send + recv, one thread", || {
        tx.send(black_box(1_u64)).expect("the receiver is alive");
        black_box(rx.recv().expect("the sender is alive"));
    });

    // An echo thread sends back every number it receives, until `to_echo` is dropped.
    let (to_echo, echo_rx) = mpsc::channel::<u64>();
    let (echo_tx, from_echo) = mpsc::channel::<u64>();
    thread::scope(|scope| {
        scope.spawn(move || {
            for n in echo_rx {
                if echo_tx.send(n).is_err() {
                    break;
                }
            }
        });
        bench(full, "channel round trip to another thread", || {
            to_echo
                .send(black_box(1))
                .expect("the echo thread is alive");
            black_box(from_echo.recv().expect("the echo thread answers"));
        });
        // Closing the channel ends the echo thread's loop; the scope then joins it.
        drop(to_echo);
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
