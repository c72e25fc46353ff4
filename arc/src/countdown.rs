//! How the last of many threads knows it is last, and sees what the others did, the
//! way `Arc`'s drop decides who frees the value. Each job writes its result, then takes
//! one off the count of jobs left with `fetch_sub(1, Release)`. The one `fetch_sub`
//! that returns 1 took the count to 0, and no other can; its `fence(Acquire)` pairs
//! with every `Release` before it, so that thread sees every job's result.
//!
//! A `load` then a `store` in place of `fetch_sub` loses decrements, and then two
//! threads, or none, think they are last. `Relaxed` in place of the `Release`/`Acquire`
//! pair breaks the second promise: the model then lets the last thread miss a result.
//! x86-64 never shows that (it keeps stores in order, and its locked read-modify-writes
//! are full barriers); a weakly ordered processor such as AArch64 may.
//!
//! What to notice: exactly one thread was told it was last, and it found every result.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering, fence};
use std::thread;

/// Fixed rather than one per core, so that even one core has threads racing.
const THREADS: usize = 4;
/// Enough jobs that the threads overlap, even on a loaded machine; fewer under the
/// checkers, which try far more interleavings (CHECKS.md).
const JOBS_PER_THREAD: usize = if cfg!(miri) { 3 } else { 100_000 };
const JOBS: usize = THREADS * JOBS_PER_THREAD;

/// What job `job` computes; never 0, the value of a result not yet written.
fn result_of(job: usize) -> u64 {
    job as u64 + 1
}

pub fn main() {
    let results: Vec<AtomicU64> = (0..JOBS).map(|_| AtomicU64::new(0)).collect();
    let left = AtomicUsize::new(JOBS);
    let found: Vec<Option<usize>> = thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let (results, left) = (&results, &left);
                scope.spawn(move || {
                    let mut found = None;
                    for job in t * JOBS_PER_THREAD..(t + 1) * JOBS_PER_THREAD {
                        results[job].store(result_of(job), Ordering::Relaxed);
                        if left.fetch_sub(1, Ordering::Release) == 1 {
                            fence(Ordering::Acquire);
                            let done = (0..JOBS)
                                .filter(|&j| results[j].load(Ordering::Relaxed) == result_of(j));
                            found = Some(done.count());
                        }
                    }
                    found
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a job thread panicked"))
            .collect()
    });
    let last: Vec<usize> = found.into_iter().flatten().collect();
    println!("threads told they were last: {} of {THREADS}", last.len());
    for found in &last {
        println!("the last thread found {found} of {JOBS} results");
    }
    assert_eq!(last, [JOBS]);
}
