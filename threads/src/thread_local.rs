//! `thread_local!` declares a static of which every thread has its own copy, starting
//! from the initial value: what one thread changes, no other thread sees. With a `Cell`
//! inside, `LocalKey`'s `get`, `set` and `replace` use it directly (since Rust 1.73).
//! Here each thread bumps its own `COUNT`, and a plain `static` `Barrier`, one for all
//! threads, holds them until every one has bumped: one shared counter would by then
//! hold the bumps of them all.
//!
//! What to notice: every thread reads exactly its own bumps, and main's `COUNT` is
//! still 0.

use std::cell::Cell;
use std::sync::Barrier;
use std::thread;

const THREADS: usize = 4;
/// Fewer under the checkers, which try far more interleavings (CHECKS.md).
const BUMPS: u32 = if cfg!(miri) { 10 } else { 1_000 };

thread_local! {
    static COUNT: Cell<u32> = const { Cell::new(0) };
}

static ALL_BUMPED: Barrier = Barrier::new(THREADS);

pub fn main() {
    let handles: Vec<_> = (0..THREADS)
        .map(|i| {
            thread::spawn(move || {
                for _ in 0..BUMPS {
                    COUNT.set(COUNT.get() + 1);
                }
                ALL_BUMPED.wait();
                // `replace` takes the count and leaves 0, as a thread that reports its
                // count now and then would.
                let count = COUNT.replace(0);
                println!("Thread {i}: all {THREADS} threads bumped COUNT {BUMPS} times each; mine is {count}");
                count
            })
        })
        .collect();
    let counts: Vec<u32> = handles
        .into_iter()
        .map(|handle| handle.join().expect("a counting thread panicked"))
        .collect();
    println!(
        "Main thread: joined them all; my own COUNT is {}",
        COUNT.get()
    );
    assert_eq!(counts, [BUMPS; THREADS]);
    assert_eq!(COUNT.get(), 0);
}
