//! Parallel work over chunks: split a slice into one chunk per core, let one scoped
//! thread work on each chunk where it lies, and combine the partial results. The
//! threads borrow their chunks: no `Arc`, no copy, because `thread::scope` joins
//! every thread before the slice can go away.
//!
//! What to notice: the parallel result is the sequential one, for every length
//! (an empty slice, slices shorter than the thread count, a length that does not
//! divide evenly) and for every thread count up to the cap, so the check is the
//! same on every machine. The program asserts it before printing each line.

use std::num::NonZeroUsize;
use std::thread;

/// At most this many threads, however many cores the machine has: past a few,
/// more threads only add start-up cost for work this size.
const MAX_THREADS: usize = 8;

/// The lengths checked: empty, shorter than the thread count, equal, one more,
/// and long ones that do not divide evenly.
const LENGTHS: &[u64] = &[0, 1, 2, 7, 8, 9, 1_000, 1_001];

/// The work, on one thread: the sum of the squares.
fn sum_of_squares(numbers: &[u64]) -> u64 {
    numbers.iter().map(|n| n * n).sum()
}

/// One thread per core, capped. If the machine cannot say how many cores it has,
/// one thread is always right, only slower.
fn thread_count() -> usize {
    thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_THREADS)
}

/// The length of each chunk, so that `len` items make at most `threads` chunks:
/// rounded up, or the remainder would need a chunk of its own; at least 1, because
/// `chunks(0)` panics (an empty slice, or fewer items than threads).
fn chunk_len(len: usize, threads: usize) -> usize {
    len.div_ceil(threads).max(1)
}

/// The same work as `sum_of_squares`, one scoped thread per chunk.
fn parallel_sum_of_squares(numbers: &[u64], threads: usize) -> u64 {
    thread::scope(|scope| {
        // Each thread borrows its own chunk of `numbers`: the chunks do not
        // overlap, and the scope outlives every thread.
        let handles: Vec<_> = numbers
            .chunks(chunk_len(numbers.len(), threads))
            .map(|chunk| scope.spawn(move || sum_of_squares(chunk)))
            .collect();
        // Join them all, in chunk order, and combine their partial sums.
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a chunk's thread panicked"))
            .sum()
    })
}

pub fn main() {
    let threads = thread_count();
    for &len in LENGTHS {
        let numbers: Vec<u64> = (1..=len).collect();
        let sum = parallel_sum_of_squares(&numbers, threads);
        // The proof, for every thread count a machine could give, not only this
        // one's: never more chunks than threads, and the sequential result.
        let sequential = sum_of_squares(&numbers);
        for count in 1..=MAX_THREADS {
            let chunks = numbers.chunks(chunk_len(numbers.len(), count)).count();
            assert!(
                chunks <= count,
                "{len} numbers, {count} threads: {chunks} chunks"
            );
            assert_eq!(parallel_sum_of_squares(&numbers, count), sequential);
        }
        assert_eq!(sum, sequential);
        println!("the squares of 1..={len} add up to {sum}, in parallel as in sequence");
    }
}
