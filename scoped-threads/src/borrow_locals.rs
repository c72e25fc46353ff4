//! The notes' example: a scoped thread borrows a local of the function that starts
//! it, with no `move` and no `Arc`. `thread::scope` joins every thread spawned in it
//! before it returns, so the thread cannot outlive `s`; with `thread::spawn` the same
//! closure fails with E0373, because that thread might.
//!
//! What to notice: after the scope, main still owns `s` and prints it.

use std::thread;

pub fn main() {
    let s = String::from("Hello");
    thread::scope(|scope| {
        scope.spawn(|| {
            println!("Length: {}", s.len());
        });
    });
    println!("Main thread: still own {s:?}");
}
