//! The notes' `Length: {}` example, fixed. A closure given to `thread::spawn` must be
//! `'static`, because the thread may outlive the function that spawned it. Without
//! `move` the closure would borrow `s`, which this function may drop while the thread
//! still runs: E0373 (`compile-fail/borrow-without-move.rs`). `move` hands the `String`
//! itself to the thread. To borrow it instead, use a scoped thread (see scoped-threads).
//!
//! What to notice: main hands `s` over before the thread prints `Length: 5`, and gets
//! back only the length, through `join`.

use std::thread;

pub fn main() {
    let s = String::from("Hello");
    println!("Main thread: `move` hands s to the thread; a borrow of it would be E0373");
    let handle = thread::spawn(move || {
        println!("Length: {}", s.len());
        s.len()
    });
    // `s` belongs to the thread now: main may not use it, and the thread drops it.
    let length = handle.join().expect("the length thread panicked");
    println!("Main thread: join returned {length}, measured by the thread that owned s");
    assert_eq!(length, 5);
}
