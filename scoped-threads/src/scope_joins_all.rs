//! Nothing needs `join` by hand: leaving `thread::scope` waits for every thread
//! spawned in it, handle kept or not.
//!
//! What to notice: the workers finish in a different order from run to run, but
//! main's line always comes after all of them and counts every one.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// How many workers the scope starts.
const THREADS: usize = 4;

pub fn main() {
    let finished = AtomicUsize::new(0);
    thread::scope(|scope| {
        for worker in 1..=THREADS {
            let finished = &finished;
            // No handle is kept: the scope itself will wait for this thread.
            scope.spawn(move || {
                println!("Worker {worker}: done");
                finished.fetch_add(1, Ordering::Relaxed);
            });
        }
    });
    // Every worker has finished by now, whatever order they ran in.
    let finished = finished.into_inner();
    println!("Main thread: scope returned after {finished} of {THREADS} workers finished");
    assert_eq!(finished, THREADS);
}
