//! Parallel work over chunks: split a slice into one chunk per core, let a scoped
//! thread work on each chunk where it lies, and combine the partial results. The
//! threads borrow their chunks (no `Arc`, no copy), because `thread::scope` joins
//! every thread before the slice can go away.
//!
//! What to notice: the thread count is this machine's; each length's line says how
//! many chunks, so threads, it took, and is printed only once the parallel result has
//! been asserted equal to the sequential one, for every length (empty, shorter than
//! the thread count, not a multiple of it) and every thread count up to the cap.

use std::num::NonZeroUsize;
use std::thread;

/// Past a few threads, more only add start-up cost for work this size; fewer under
/// the checkers, which try far more interleavings (CHECKS.md).
const MAX_THREADS: usize = if cfg!(miri) { 4 } else { 8 };

/// Under the checkers, the short ones alone: they already meet every case, and the
/// long ones only add arithmetic.
const LENGTHS: &[u64] = if cfg!(miri) {
    &[0, 1, 2, 7, 8, 9]
} else {
    &[0, 1, 2, 7, 8, 9, 1_000, 1_001]
};

pub fn sum_of_squares(numbers: &[u64]) -> u64 {
    numbers.iter().map(|n| n * n).sum()
}

/// One thread per core, capped; one if the machine cannot say.
fn thread_count() -> usize {
    thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_THREADS)
}

/// Rounded up, or the remainder would need a chunk of its own; at least 1, because
/// `chunks(0)` panics.
fn chunk_len(len: usize, threads: usize) -> usize {
    len.div_ceil(threads).max(1)
}

pub fn parallel_sum_of_squares(numbers: &[u64], threads: usize) -> u64 {
    thread::scope(|scope| {
        // Collected before any join: a lazy `map` would join each thread before
        // spawning the next, and run the chunks one at a time.
        let handles: Vec<_> = numbers
            .chunks(chunk_len(numbers.len(), threads))
            .map(|chunk| scope.spawn(move || sum_of_squares(chunk)))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a chunk's thread panicked"))
            .sum()
    })
}

pub fn main() {
    let threads = thread_count();
    println!("threads: {threads} (one per core, at most {MAX_THREADS})");
    for &len in LENGTHS {
        let numbers: Vec<u64> = (1..=len).collect();
        let sequential = sum_of_squares(&numbers);
        // This machine's thread count, and every one another machine could give.
        for count in 1..=MAX_THREADS {
            let chunks = numbers.chunks(chunk_len(numbers.len(), count)).count();
            assert!(
                chunks <= count,
                "{len} numbers, {count} threads: {chunks} chunks"
            );
            assert_eq!(parallel_sum_of_squares(&numbers, count), sequential);
        }
        let chunks = numbers.chunks(chunk_len(numbers.len(), threads)).count();
        println!(
            "length {len}, chunks: {chunks}, sum of the squares: {sequential} in parallel and in sequence"
        );
    }
}
