//! The notes' example: a scoped thread borrows a local of the function that starts
//! it, with no `move` and no `Arc`. `thread::scope` joins every thread spawned in it
//! before it returns, so the thread cannot outlive `s`; with `thread::spawn` the same
//! closure fails with E0373, because that thread might.
//!
//! What to notice: the thread hands back a view into `s`, and main checks that it
//! points into main's own string: the thread borrowed `s`, it did not copy it.

use std::thread;

pub fn main() {
    let s = String::from("Hello");
    let seen = thread::scope(|scope| {
        let reader = scope.spawn(|| {
            println!("Length: {}", s.len());
            s.as_str()
        });
        reader.join().expect("the reader panicked")
    });
    println!("Main thread: still own {s:?}; the thread saw this very string, not a copy");
    assert!(std::ptr::eq(seen, s.as_str()));
}
