//! Two threads may not both hold `&mut` of one slice (E0499, which is what taking
//! each part by index gives: `compile-fail/parts-by-index.rs`). But `chunks_mut` cuts
//! one `&mut [T]` into parts that share no element (`split_at_mut` cuts it in two),
//! and each part can go to its own scoped thread. All of them write at once, with no
//! lock.
//!
//! What to notice: each thread says which part it wrote, in any order; the parts
//! cover the slice once, and main sees every element written.

use std::thread;

const LEN: usize = 10;
const THREADS: usize = 3;

pub fn main() {
    let mut squares = [0; LEN];
    let chunk_len = LEN.div_ceil(THREADS);
    thread::scope(|scope| {
        for (i, chunk) in squares.chunks_mut(chunk_len).enumerate() {
            scope.spawn(move || {
                let start = i * chunk_len;
                for (n, square) in (start..).zip(chunk.iter_mut()) {
                    *square = n * n;
                }
                println!(
                    "Thread {i}: wrote squares[{start}..{}]",
                    start + chunk.len()
                );
            });
        }
    });
    println!("Main thread: squares is {squares:?}");
    assert_eq!(squares, [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
}
