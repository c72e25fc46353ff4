//! The notes' example: `Arc<T>` ("atomically reference counted") lets several
//! threads share one value. Every thread gets its own `Arc`, a clone that points at
//! the one vector, and main can still print the vector once the threads are done.
//!
//! What to notice: the thread ids come in a different order from run to run, but
//! `v:` always comes after all of them, because main prints it after every join.

use std::sync::Arc;
use std::thread;

/// How many threads share the vector, as in the notes (`for _ in 1..5`).
const THREADS: usize = 4;

pub fn main() {
    let v = Arc::new(vec![10, 20, 30]);
    let mut handles = Vec::new();
    for _ in 0..THREADS {
        // The clone, not `v` itself, moves into the thread: main keeps its own `Arc`.
        let v = Arc::clone(&v);
        // A spawned thread must own what it uses; an `Arc` clone is cheap to own.
        handles.push(thread::spawn(move || {
            let thread_id = thread::current().id();
            println!("{thread_id:?}: {v:?}");
        }));
    }
    // Wait for every thread, so the last line comes after all of theirs.
    handles
        .into_iter()
        .for_each(|h| h.join().expect("a printing thread panicked"));
    println!("v: {v:?}");
}
