//! A guard nobody names is a temporary, and lives to the end of its statement, but the
//! temporaries of an `if let`, `match` or `while let` scrutinee live through the blocks
//! that follow: the lock is held there. The `else` block of `if let` is where the
//! edition matters: edition 2024 drops the guard before it, 2021 kept it (and the
//! lock) through it. To use a value without the lock, take it out in a `let` first.
//!
//! What to notice: each line says whether another thread's `try_lock` found the lock
//! held (`WouldBlock`) or free (`Ok`) there. Built with `rustc --edition 2021`, only
//! the else-block line changes, to held.

use std::sync::{Mutex, TryLockError};
use std::thread;

const HELD: &str = "held (try_lock: WouldBlock)";
const FREE: &str = "free (try_lock: Ok)";

pub fn main() {
    let stack = Mutex::new(vec![1, 2, 3, 4]);

    let top = stack.lock().unwrap().pop();
    let state = lock_state(&stack);
    println!("after `let top = stack.lock().unwrap().pop();` ({top:?}): {state}");
    assert_eq!(state, FREE);

    if let Some(top) = stack.lock().unwrap().pop() {
        let state = lock_state(&stack);
        println!(
            "in the then-block of `if let Some(top) = stack.lock().unwrap().pop()` ({top}): {state}"
        );
        assert_eq!(state, HELD);
    }

    match stack.lock().unwrap().pop() {
        Some(top) => {
            let state = lock_state(&stack);
            println!("in a `match stack.lock().unwrap().pop()` arm ({top}): {state}");
            assert_eq!(state, HELD);
        }
        None => unreachable!("two of the four values are left"),
    }

    while let Some(top) = stack.lock().unwrap().pop() {
        let state = lock_state(&stack);
        println!(
            "in the body of `while let Some(top) = stack.lock().unwrap().pop()` ({top}): {state}"
        );
        assert_eq!(state, HELD);
    }

    // The stack is empty: the `else` block runs. No assert, as the edition decides.
    if let Some(top) = stack.lock().unwrap().pop() {
        unreachable!("the stack is empty, yet it gave {top}");
    } else {
        let state = lock_state(&stack);
        println!(
            "in the else-block of `if let Some(top) = stack.lock().unwrap().pop()` (none left): {state}"
        );
    }

    assert_eq!(lock_state(&stack), FREE);
    assert!(stack.into_inner().unwrap().is_empty());
}

/// What another thread's `try_lock` finds now: on this thread, which may hold the
/// lock, a `try_lock` would say nothing about other threads.
fn lock_state<T: Send>(stack: &Mutex<T>) -> &'static str {
    thread::scope(|scope| {
        scope
            .spawn(|| match stack.try_lock() {
                Ok(_) => FREE,
                Err(TryLockError::WouldBlock) => HELD,
                Err(TryLockError::Poisoned(_)) => "poisoned",
            })
            .join()
            .expect("the trying thread panicked")
    })
}
