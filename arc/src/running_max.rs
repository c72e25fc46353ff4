//! Atomics do more than add. `fetch_max` keeps the larger of the value stored and the
//! one given, in one indivisible step, so threads that each offer their numbers leave
//! the maximum of them all, with no lock and no lost offer. `fetch_or` sets bits: each
//! thread sets its own, and gets back the bits set before, so a word of flags records
//! which threads have finished.
//!
//! What to notice: the atomic holds the same maximum that main finds by looking at
//! every number itself, and all 8 flags are set, each by its own thread, once.

use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::thread;

/// One bit a thread in an `AtomicU8`.
const THREADS: u64 = 8;
// Fewer under the checkers, which try far more interleavings (CHECKS.md).
const NUMBERS: u64 = if cfg!(miri) { 4 } else { 100_000 };

/// Thread `t`'s numbers: a scramble of `t * NUMBERS + i`, the same on every run.
fn numbers(t: u64) -> impl Iterator<Item = u64> {
    (0..NUMBERS).map(move |i| (t * NUMBERS + i).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40)
}

pub fn main() {
    let max = AtomicU64::new(0);
    let finished = AtomicU8::new(0);
    let own_bit_was_clear: Vec<bool> = thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let (max, finished) = (&max, &finished);
                scope.spawn(move || {
                    // `Relaxed`: nothing else is published with them; main reads after the joins.
                    numbers(t).for_each(|n| {
                        max.fetch_max(n, Ordering::Relaxed);
                    });
                    let bit = 1 << t;
                    finished.fetch_or(bit, Ordering::Relaxed) & bit == 0
                })
            })
            .collect();
        let joined = handles.into_iter();
        joined
            .map(|h| h.join().expect("an offering thread panicked"))
            .collect()
    });
    let max = max.into_inner();
    let true_max = (0..THREADS)
        .flat_map(numbers)
        .max()
        .expect("there are numbers");
    let finished = finished.into_inner();
    let once_each = own_bit_was_clear.iter().all(|&clear| clear);
    println!("{THREADS} threads offered {NUMBERS} numbers each to fetch_max: it holds {max}");
    println!("the maximum main finds by looking at every number: {true_max}");
    println!(
        "flags after each thread's fetch_or: {finished:#010b}; each bit set once: {once_each}"
    );
    assert_eq!(max, true_max);
    assert_eq!(finished, u8::MAX);
    assert!(once_each);
}
