//! The notes' example: every thread gets its own `Arc`, a clone that points at the
//! one vector, and main still has the vector once the threads are done.
//!
//! What to notice: the thread ids come in a different order from run to run, but
//! `v:` always comes last, because main prints it after every join.

use std::sync::Arc;
use std::thread;

/// As in the notes (`for _ in 1..5`).
const THREADS: usize = 4;

pub fn main() {
    let v = Arc::new(vec![10, 20, 30]);
    let mut handles = Vec::new();
    for _ in 0..THREADS {
        // The clone moves into the thread; main keeps its own `Arc`.
        let v = Arc::clone(&v);
        handles.push(thread::spawn(move || {
            let thread_id = thread::current().id();
            println!("{thread_id:?}: {v:?}");
        }));
    }
    for handle in handles {
        handle.join().expect("a printing thread panicked");
    }
    println!("v: {v:?}");
}
