//! `spawn` returns at once with a `JoinHandle`; `join` blocks until the thread has
//! finished and returns the value its closure returned.
//!
//! What to notice: the spawned thread's line always comes before main's, because
//! main prints only after `join` has returned.

use std::thread;

pub fn main() {
    // The closure starts running on a new OS thread; `spawn` does not wait for it.
    let handle = thread::spawn(|| {
        let sum: u64 = (1..=100).sum();
        println!("Spawned thread: the sum of 1..=100 is {sum}");
        sum
    });
    // `join` waits for the thread to finish, so its line above is always printed
    // before the next one, and hands back what the closure returned.
    let sum = handle.join().expect("the summing thread panicked");
    println!("Main thread: join returned {sum}");
    assert_eq!(sum, 5050);
}
