//! The guard's scope is the lock's scope. The lock is released when the guard is
//! dropped, and not before: at the end of its block, at `drop(guard)`, or at the end
//! of the statement for an unnamed guard.
//!
//! What to notice: while a guard lives, another thread's `try_lock` fails at once
//! with `WouldBlock`; once the guard is dropped, it succeeds.

use std::sync::{Mutex, TryLockError, TryLockResult};
use std::thread;

pub fn main() {
    let counter = Mutex::new(0_u32);

    {
        // The lock is held from here to the end of this block, as long as `guard` lives.
        let mut guard = counter.lock().unwrap();
        *guard += 1;
        // `try_lock` does not wait: it fails at once while someone holds the lock.
        let attempt = elsewhere(|| counter.try_lock());
        println!("in the guard's block: another thread's try_lock: {attempt}");
        assert_eq!(attempt, "WouldBlock");
    } // The guard unlocks here, at the end of its block.
    let attempt = elsewhere(|| counter.try_lock());
    println!("after the guard's block: another thread's try_lock: {attempt}");
    assert_eq!(attempt, "Ok");

    // Locked again, this time with no block around the guard to end it.
    let mut guard = counter.lock().unwrap();
    *guard += 1;
    let attempt = elsewhere(|| counter.try_lock());
    println!("guard taken again: another thread's try_lock: {attempt}");
    assert_eq!(attempt, "WouldBlock");
    // `drop` ends the guard, and the lock with it, before the end of the block.
    drop(guard);
    let attempt = elsewhere(|| counter.try_lock());
    println!("after drop(guard): another thread's try_lock: {attempt}");
    assert_eq!(attempt, "Ok");

    // An unnamed guard is a temporary: it unlocks at the end of this statement.
    *counter.lock().unwrap() += 1;
    let attempt = elsewhere(|| counter.try_lock());
    println!("after a statement with an unnamed guard: another thread's try_lock: {attempt}");
    assert_eq!(attempt, "Ok");

    let value = *counter.lock().unwrap();
    println!("counter: {value}");
    assert_eq!(value, 3);
}

/// Runs `attempt` on another thread and says what it came back with. A `try_lock`
/// from the thread that already holds the guard would say nothing about other
/// threads (and a `lock` there would deadlock), so the attempts come from here.
fn elsewhere<G>(attempt: impl FnOnce() -> TryLockResult<G> + Send) -> &'static str {
    // A scoped thread may borrow the lock; the scope joins it before returning.
    thread::scope(|scope| {
        scope
            .spawn(|| match attempt() {
                // The guard, if there was one, is dropped right here, at once.
                Ok(_) => "Ok",
                Err(TryLockError::WouldBlock) => "WouldBlock",
                Err(TryLockError::Poisoned(_)) => "Poisoned",
            })
            .join()
            .expect("the trying thread panicked")
    })
}
