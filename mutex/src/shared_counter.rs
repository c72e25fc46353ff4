//! `Arc<Mutex<_>>` lets many threads change one value without losing an update: the
//! lock makes each read-add-write one step that no other thread can get in between.
//!
//! A value that lives as long as the program needs no `Arc`: a `static` `Mutex` is
//! shared by every thread (`Mutex::new` is `const`, so it can initialise one), as the
//! log of finished threads is here.
//!
//! What to notice: the total is exactly threads × increments, on every run. Once every
//! thread is joined, main owns the `Mutex` alone and takes the value out with no lock.
//! The static log, the `Mutex<Vec>` `FINISHED`, lists every thread once.

use std::sync::{Arc, Mutex};
use std::thread;

const THREADS: usize = 8;
// Fewer under the checkers, which try far more interleavings (CHECKS.md).
const INCREMENTS: u64 = if cfg!(miri) { 3 } else { 1_000 };

/// The threads that have finished, in the order they did.
static FINISHED: Mutex<Vec<usize>> = Mutex::new(Vec::new());

pub fn main() {
    let counter = Arc::new(Mutex::new(0_u64));
    let mut handles = Vec::new();
    for t in 0..THREADS {
        let counter = Arc::clone(&counter);
        handles.push(thread::spawn(move || {
            for _ in 0..INCREMENTS {
                *counter.lock().unwrap() += 1;
            }
            FINISHED.lock().unwrap().push(t);
        }));
    }
    for handle in handles {
        handle.join().expect("an incrementing thread panicked");
    }
    // Each thread's clone of the `Arc` ended with it, so main's is the last: the
    // `Mutex` is main's alone, and `into_inner` needs no lock.
    let counter = Arc::into_inner(counter).expect("every other owner is joined");
    let total = counter.into_inner().unwrap();
    println!("total: {total} ({THREADS} threads × {INCREMENTS} increments)");
    assert_eq!(total, THREADS as u64 * INCREMENTS);
    let mut finished = FINISHED.lock().unwrap().clone();
    finished.sort_unstable();
    let each_once = finished == (0..THREADS).collect::<Vec<_>>();
    println!(
        "the static Mutex<Vec> FINISHED lists {} threads, each once: {each_once}",
        finished.len()
    );
    assert!(each_once);
}
