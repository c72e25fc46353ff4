//! The notes' `Length: {}` example, fixed. A closure given to `thread::spawn` must be
//! `'static`, because the thread may outlive the function that spawned it. Without
//! `move` the closure would borrow `s`, which this function may drop while the thread
//! still runs: E0373 (`compile-fail/borrow-without-move.rs`). `move` hands the `String`
//! itself to the thread. To borrow it instead, use a scoped thread (see scoped-threads).
//!
//! What to notice: `Length: 5`, printed by the thread that now owns `s`.

use std::thread;

pub fn main() {
    let s = String::from("Hello");
    let handle = thread::spawn(move || {
        println!("Length: {}", s.len());
    });
    // Without the join, main could return, and end the process, before the thread prints.
    handle.join().expect("the length thread panicked");
}
