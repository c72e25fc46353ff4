//! The notes' `Length: {}` example, fixed. A closure given to `thread::spawn` must
//! be `'static`: the thread may outlive the function that spawned it. Without
//! `move` the closure would borrow `s`, which this function owns and may drop while
//! the thread still runs: E0373 (`compile-fail/borrow-without-move.rs`). `move`
//! hands the `String` itself to the thread.

use std::thread;

pub fn main() {
    let s = String::from("Hello");
    // `move` hands the String itself to the thread, which now owns it for as long
    // as it needs it. (To borrow `s` instead, use a scoped thread: see scoped-threads.)
    let handle = thread::spawn(move || {
        println!("Length: {}", s.len());
    });
    // Wait for it: the thread owns `s` now, and main must not return before it prints.
    handle.join().expect("the length thread panicked");
}
