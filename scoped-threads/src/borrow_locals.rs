//! The notes' example: a scoped thread borrows a local of the function that starts
//! it. No `move`, no `Arc`: `thread::scope` joins every thread spawned in it before
//! it returns, so the thread cannot outlive `s` (with `thread::spawn` the same
//! closure fails with E0373, because that thread might).
//!
//! What to notice: after the scope, main still owns `s` and prints it.

use std::thread;

pub fn main() {
    let s = String::from("Hello");
    thread::scope(|scope| {
        // This closure borrows `s`. That compiles (unlike with `thread::spawn`,
        // E0373) because the scope joins the thread before `s` can be dropped.
        scope.spawn(|| {
            println!("Length: {}", s.len());
        });
    });
    // The borrow ended with the scope: `s` is still ours.
    println!("Main thread: still own {s:?}");
}
