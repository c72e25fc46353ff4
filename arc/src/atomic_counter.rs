//! A counter that many threads bump is better as an atomic than as a `Mutex<u64>`:
//! `AtomicU64::fetch_add` adds one in a single indivisible step, with no lock, and
//! the total is just as exact.
//!
//! What to notice: the count is exact on every run, however the threads interleave.
//! There is one thread per core, and at least two, so that even one core has threads
//! taking turns at the counter.

use std::num::NonZeroUsize;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

const MIN_THREADS: usize = 2;
const MAX_THREADS: usize = 8;
// Fewer under the checkers, which try far more interleavings (CHECKS.md).
const JOBS: u64 = if cfg!(miri) { 20 } else { 100_000 };

pub fn main() {
    let threads = thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .clamp(MIN_THREADS, MAX_THREADS);
    let done = Arc::new(AtomicU64::new(0));
    let mut handles = Vec::new();
    for first in 0..threads as u64 {
        let done = Arc::clone(&done);
        // Thread k does jobs k, k + threads, k + 2 × threads, ...: every job once.
        handles.push(thread::spawn(move || {
            for _job in (first..JOBS).step_by(threads) {
                // `Relaxed` is enough: no atomic operation loses an increment, and
                // the counter orders nothing else.
                done.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    // `join` makes everything the thread did visible, so a `Relaxed` load after it
    // sees every increment.
    for handle in handles {
        handle.join().expect("a counting thread panicked");
    }
    let total = done.load(Ordering::Relaxed);
    println!("jobs done: {total} of {JOBS}, counted by every thread in one AtomicU64");
    assert_eq!(total, JOBS);
}
