//! A counter that many threads bump is better as an atomic than as a
//! `Mutex<u64>`: `AtomicU64::fetch_add` adds one in a single indivisible step, with
//! no lock to take, and the total is just as exact. `Arc` shares the one counter
//! between the threads.
//!
//! What to notice: the count is exact on every run, however the threads interleave.
//! The jobs are dealt out over one thread per core, so the total does not depend on
//! the machine either.

use std::num::NonZeroUsize;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

/// At most this many threads, however many cores the machine has.
const MAX_THREADS: usize = 8;

/// How many jobs there are to do and count, over all the threads.
const JOBS: u64 = 100_000;

pub fn main() {
    // One thread per core, capped; one thread if the machine cannot tell.
    let threads = thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_THREADS);
    let done = Arc::new(AtomicU64::new(0));
    let mut handles = Vec::new();
    for first in 0..threads as u64 {
        // Each thread owns a clone of the `Arc`; all of them point at one counter.
        let done = Arc::clone(&done);
        // Thread k does jobs k, k + threads, k + 2 × threads, ...: every job once.
        handles.push(thread::spawn(move || {
            for _job in (first..JOBS).step_by(threads) {
                // (A real program does the job here.) `Relaxed` is enough: the
                // counter must not lose an increment, and no atomic operation does,
                // whatever its ordering; nothing else is read or written through
                // this counter, so there is nothing for it to order.
                done.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    // Only after every join has every increment happened. `join` synchronises with
    // the end of the thread: all it did, its increments too, happens before `join`
    // returns, so even a `Relaxed` load after it sees them all.
    for handle in handles {
        handle.join().expect("a counting thread panicked");
    }
    let total = done.load(Ordering::Relaxed);
    println!("jobs done: {total} of {JOBS}, counted by every thread in one AtomicU64");
    assert_eq!(total, JOBS);
}
