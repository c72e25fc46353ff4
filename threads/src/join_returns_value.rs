//! `spawn` returns at once with a `JoinHandle`; `join` blocks until the thread has
//! finished and returns the value its closure returned.
//!
//! What to notice: the spawned thread's line always comes before main's, because
//! main prints only after `join` has returned.

use std::thread;

pub fn main() {
    let handle = thread::spawn(|| {
        let sum: u64 = (1..=100).sum();
        println!("Spawned thread: the sum of 1..=100 is {sum}");
        sum
    });
    let sum = handle.join().expect("the summing thread panicked");
    println!("Main thread: join returned {sum}");
    assert_eq!(sum, 5050);
}
