//! How long a guard lives when nobody names it. `m.lock().unwrap()` inside a bigger
//! expression is a temporary, and a temporary lives to the end of its statement, but
//! the scrutinee of `if let`, `match` and `while let` is special: its temporaries live
//! through the blocks that follow. So the lock is held:
//!
//! - after `let top = m.lock().unwrap().pop();`: no, the guard drops at the `;`;
//! - in the then-block of `if let Some(top) = m.lock().unwrap().pop()`: yes;
//! - in a `match m.lock().unwrap().pop()` arm: yes;
//! - in the body of `while let Some(top) = m.lock().unwrap().pop()`: yes, in every
//!   round (`worker_pool_stall.rs` shows the bug this makes);
//! - in the `else` block of that `if let`: it depends on the edition. Edition 2024
//!   drops the scrutinee's temporaries before the `else` block; edition 2021 kept them
//!   (and the lock) through it. This file builds under both, and its test runs it
//!   built with `rustc --edition 2021` and with `--edition 2024`: exactly that line
//!   differs.
//!
//! To use the value without the lock, take it out first, in a `let`, and then test it.
//!
//! What to notice: each line says whether another thread's `try_lock` found the lock
//! held (`WouldBlock`) or free (`Ok`) at that point. No sleeps: the other thread tries
//! once and reports at once.

use std::sync::{Mutex, TryLockError};
use std::thread;

/// What another thread's `try_lock` finds while this thread holds the lock...
const HELD: &str = "held (try_lock: WouldBlock)";
/// ...and when nobody holds it.
const FREE: &str = "free (try_lock: Ok)";

pub fn main() {
    let stack = Mutex::new(vec![1, 2, 3, 4]);

    // The guard is a temporary of this statement: it unlocks at the `;`.
    let top = stack.lock().unwrap().pop();
    let state = lock_state(&stack);
    println!("after `let top = stack.lock().unwrap().pop();` ({top:?}): {state}");
    assert_eq!(state, FREE);

    // The guard lives as long as the whole `if let`, then-block included.
    if let Some(top) = stack.lock().unwrap().pop() {
        let state = lock_state(&stack);
        println!(
            "in the then-block of `if let Some(top) = stack.lock().unwrap().pop()` ({top}): {state}"
        );
        assert_eq!(state, HELD);
    }

    // The same for `match`: every arm runs with the lock held.
    match stack.lock().unwrap().pop() {
        Some(top) => {
            let state = lock_state(&stack);
            println!("in a `match stack.lock().unwrap().pop()` arm ({top}): {state}");
            assert_eq!(state, HELD);
        }
        None => unreachable!("two of the four values are left"),
    }

    // And for `while let`: each round's guard lives through that round's body.
    while let Some(top) = stack.lock().unwrap().pop() {
        let state = lock_state(&stack);
        println!(
            "in the body of `while let Some(top) = stack.lock().unwrap().pop()` ({top}): {state}"
        );
        assert_eq!(state, HELD);
    }

    // The stack is empty now, so this `if let` takes its `else` block. Whether the
    // guard still lives there is the one thing the edition changes: no assert here.
    if let Some(top) = stack.lock().unwrap().pop() {
        unreachable!("the stack is empty, yet it gave {top}");
    } else {
        let state = lock_state(&stack);
        println!(
            "in the else-block of `if let Some(top) = stack.lock().unwrap().pop()` (none left): {state}"
        );
    }

    // Every value was popped, each with the lock held, and the lock is free again.
    assert_eq!(lock_state(&stack), FREE);
    assert!(stack.into_inner().unwrap().is_empty());
}

/// What another thread's `try_lock` says about `stack` right now. A `try_lock` on
/// this thread could not tell (and a `lock` here, with the lock held, would
/// deadlock), so a scoped thread tries once, drops the guard if it got one, and
/// reports; the scope joins it before returning.
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
