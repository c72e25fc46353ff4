//! `scope.spawn` returns a `ScopedJoinHandle`; its `join` returns the value the
//! thread's closure returned, as `thread::spawn`'s `JoinHandle` does. Here each
//! thread sums one borrowed chunk of the same vector.
//!
//! What to notice: main prints the partial sums in the order of the chunks, because
//! it joins the handles in that order, whichever thread finished first; they add up
//! to the total.

use std::thread;

/// How many threads share the summing.
const THREADS: usize = 4;

pub fn main() {
    let numbers: Vec<u64> = (1..=1_000).collect();
    let chunk_len = numbers.len().div_ceil(THREADS);
    let total: u64 = thread::scope(|scope| {
        // Each thread sums one borrowed chunk of the same vector.
        let handles: Vec<_> = numbers
            .chunks(chunk_len)
            .map(|chunk| scope.spawn(move || chunk.iter().sum::<u64>()))
            .collect();
        // Joining inside the scope hands each partial sum back to main.
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a summing thread panicked"))
            .inspect(|part| println!("Main thread: a thread returned {part}"))
            .sum()
    });
    println!("Main thread: the total is {total}");
    assert_eq!(total, 500_500);
}
