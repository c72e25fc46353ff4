//! A panic unwinds its thread (with the default `panic = "unwind"`; under `"abort"` the
//! process ends at once and no `Drop` runs), and unwinding drops every local on the way
//! out, so a guard's `Drop` runs whether its thread finishes or panics. Inside `drop`,
//! `thread::panicking()` tells the two apart: a guard can commit on the way out and roll
//! back during a panic. A `MutexGuard` does the same to poison its lock.
//!
//! What to notice: both guards drop, in either order, and only the panicking thread's
//! guard rolls back.

use std::sync::Mutex;
use std::thread;

/// What each guard saw when it dropped: its thread, and `thread::panicking()`.
static DROPPED: Mutex<Vec<(&str, bool)>> = Mutex::new(Vec::new());

/// Commits when dropped normally, rolls back when dropped during a panic.
struct Guard(&'static str);

impl Drop for Guard {
    fn drop(&mut self) {
        let panicking = thread::panicking();
        let outcome = if panicking { "rolls back" } else { "commits" };
        println!(
            "{}: thread::panicking() is {panicking}: the guard {outcome}",
            self.0
        );
        DROPPED
            .lock()
            .expect("no guard panics holding the lock")
            .push((self.0, panicking));
    }
}

pub fn main() {
    println!("Main thread: one of two threads will panic; its message goes to stderr");
    let finishing = thread::spawn(|| {
        let _guard = Guard("Finishing thread");
    });
    let panicking = thread::spawn(|| {
        let _guard = Guard("Panicking thread");
        panic!("the job failed");
    });
    finishing.join().expect("the finishing thread panicked");
    panicking
        .join()
        .expect_err("the panicking thread should have panicked");
    let mut dropped = DROPPED
        .lock()
        .expect("no guard panics holding the lock")
        .clone();
    dropped.sort();
    println!(
        "Main thread: both guards dropped; here thread::panicking() is {}",
        thread::panicking()
    );
    assert_eq!(
        dropped,
        [("Finishing thread", false), ("Panicking thread", true)]
    );
}
