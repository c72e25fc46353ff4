//! The example from the notes (Comprehensive Rust's concurrency chapter, 2023 text):
//! every thread gets its own `Arc`, a clone that points at the one vector, and main
//! still has the vector once the threads are done. Here each thread hands its clone
//! back when it ends, so that main can check it pointed at main's vector.
//!
//! What to notice: the thread ids come in a different order from run to run, but
//! `v:` always comes after them, because main prints it after every join; and every
//! clone pointed at main's vector.

use std::sync::Arc;
use std::thread;

/// As in the notes (`for _ in 1..5`).
const THREADS: usize = 4;

pub fn main() {
    let v = Arc::new(vec![10, 20, 30]);
    let mut handles = Vec::new();
    for _ in 0..THREADS {
        // The clone moves into the thread; main keeps its own.
        let v = Arc::clone(&v);
        handles.push(thread::spawn(move || {
            let thread_id = thread::current().id();
            println!("{thread_id:?}: {v:?}");
            v
        }));
    }
    let clones: Vec<_> = handles
        .into_iter()
        .map(|handle| handle.join().expect("a printing thread panicked"))
        .collect();
    println!("v: {v:?}");
    let same = clones.iter().filter(|clone| Arc::ptr_eq(clone, &v)).count();
    println!("{same} of {THREADS} threads gave back a clone that points at v");
    assert_eq!(same, THREADS);
}
