//! `Arc<Mutex<_>>` lets many threads change one value without losing an update.
//! `Arc` shares the `Mutex` between the threads; the `Mutex` makes each
//! read-add-write one step that no other thread can get in the middle of.
//!
//! What to notice: the total is exactly threads × increments, on every run.

use std::sync::{Arc, Mutex};
use std::thread;

/// How many threads share the counter.
const THREADS: usize = 8;

/// How many times each of those threads adds one.
const INCREMENTS: u64 = 1_000;

pub fn main() {
    let counter = Arc::new(Mutex::new(0_u64));
    let mut handles = Vec::new();
    for _ in 0..THREADS {
        // Each thread owns a clone of the `Arc`; all of them point at one `Mutex`.
        let counter = Arc::clone(&counter);
        handles.push(thread::spawn(move || {
            for _ in 0..INCREMENTS {
                // Lock, add one, unlock (the unnamed guard drops at the `;`). No
                // other thread can read the old value between the lock and the add.
                *counter.lock().unwrap() += 1;
            }
        }));
    }
    // Only after every join has every increment happened.
    for handle in handles {
        handle.join().expect("an incrementing thread panicked");
    }
    let total = *counter.lock().unwrap();
    println!("total: {total} ({THREADS} threads × {INCREMENTS} increments)");
    assert_eq!(total, THREADS as u64 * INCREMENTS);
}
