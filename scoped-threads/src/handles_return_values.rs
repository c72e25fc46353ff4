//! A scoped thread's `join` returns the value its closure returned, as the `join` of
//! `thread::spawn` does. Here each thread sums one borrowed chunk of one vector.
//!
//! What to notice: main prints the partial sums in chunk order, the order it joins
//! them in, whichever thread finished first; they add up to the total.

use std::thread;

const THREADS: usize = 4;

pub fn main() {
    let numbers: Vec<u64> = (1..=1_000).collect();
    let chunk_len = numbers.len().div_ceil(THREADS);
    let total: u64 = thread::scope(|scope| {
        // `move` moves only the `&[u64]` chunk into each thread, never the numbers.
        let handles: Vec<_> = numbers
            .chunks(chunk_len)
            .map(|chunk| scope.spawn(move || chunk.iter().sum::<u64>()))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a summing thread panicked"))
            .inspect(|part| println!("Main thread: a thread returned {part}"))
            .sum()
    });
    println!("Main thread: the total is {total}");
    assert_eq!(total, 500_500);
}
