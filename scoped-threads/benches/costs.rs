//! What parallel chunks buy: the sum of the squares of a million numbers on the
//! calling thread (0 threads), then by `src/parallel_chunks.rs`'s own code on 1, 2,
//! ... up to all the cores. The threads cost their start and join; the table shows
//! what each extra core buys beside that.
//!
//! Run it: `cargo bench -p scoped-threads`, or `cargo xtask bench` for every crate.

use std::hint::black_box;
use std::num::NonZeroUsize;
use std::thread;

#[allow(dead_code)] // the section's own `main` and checks
#[path = "../src/parallel_chunks.rs"]
mod parallel_chunks;
use parallel_chunks::{parallel_sum_of_squares, sum_of_squares};

#[path = "../../common/sampler.rs"]
mod sampler;
use sampler::{bench, thread_counts};

/// 8 MB of numbers: far more work than starting a thread.
const LEN: u64 = 1_000_000;

fn main() {
    measure(std::env::args().any(|arg| arg == "--bench"));
}

/// Every benchmark of this crate; `full` is false in the crate's smoke test.
pub fn measure(full: bool) {
    println!("costs of scoped-threads (cargo bench -p scoped-threads)");
    let numbers: Vec<u64> = (1..=if full { LEN } else { 1_000 }).collect();
    bench(
        full,
        "scaling: threads (0 is the caller alone): sum of squares in chunks: 0",
        || {
            black_box(sum_of_squares(black_box(&numbers)));
        },
    );
    let cores = thread::available_parallelism().map_or(1, NonZeroUsize::get);
    for threads in thread_counts(cores) {
        let name = format!(
            "scaling: threads (0 is the caller alone): sum of squares in chunks: {threads}"
        );
        bench(full, &name, || {
            black_box(parallel_sum_of_squares(
                black_box(&numbers),
                threads as usize,
            ));
        });
    }
}
