//! Leaving `thread::scope` waits for every thread spawned in it, handle kept or not:
//! nothing needs `join` by hand.
//!
//! What to notice: the workers finish in a different order from run to run, but
//! main's line always comes after all of them and counts every one.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

const THREADS: usize = 4;

pub fn main() {
    let finished = AtomicUsize::new(0);
    thread::scope(|scope| {
        for worker in 1..=THREADS {
            let finished = &finished;
            scope.spawn(move || {
                println!("Worker {worker}: done");
                // `Relaxed` is enough: the scope's join makes every add visible to main.
                finished.fetch_add(1, Ordering::Relaxed);
            });
        }
    });
    let finished = finished.into_inner();
    println!("Main thread: scope returned after {finished} of {THREADS} workers finished");
    assert_eq!(finished, THREADS);
}
