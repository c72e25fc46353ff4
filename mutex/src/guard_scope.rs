//! The guard's scope is the lock's scope: the lock is released when the guard drops,
//! and not before: at the end of its block, at `drop(guard)`, or, for an unnamed
//! guard, at the end of its statement.
//!
//! What to notice: while a guard lives, another thread's `try_lock` fails at once with
//! `WouldBlock`; once the guard is dropped, it succeeds.

use std::sync::{Mutex, TryLockError, TryLockResult};
use std::thread;

pub fn main() {
    let mut counter = Mutex::new(0_u32);

    {
        let mut guard = counter.lock().unwrap();
        *guard += 1;
        let attempt = elsewhere(|| counter.try_lock());
        println!("in the guard's block: another thread's try_lock: {attempt}");
        assert_eq!(attempt, "WouldBlock");
    }
    let attempt = elsewhere(|| counter.try_lock());
    println!("after the guard's block: another thread's try_lock: {attempt}");
    assert_eq!(attempt, "Ok");

    let mut guard = counter.lock().unwrap();
    *guard += 1;
    let attempt = elsewhere(|| counter.try_lock());
    println!("guard taken again: another thread's try_lock: {attempt}");
    assert_eq!(attempt, "WouldBlock");
    drop(guard);
    let attempt = elsewhere(|| counter.try_lock());
    println!("after drop(guard): another thread's try_lock: {attempt}");
    assert_eq!(attempt, "Ok");

    *counter.lock().unwrap() += 1;
    let attempt = elsewhere(|| counter.try_lock());
    println!("after a statement with an unnamed guard: another thread's try_lock: {attempt}");
    assert_eq!(attempt, "Ok");

    // `get_mut` borrows the `Mutex` mutably, so the compiler has proved that no guard
    // lives: it takes no lock.
    let value = *counter.get_mut().unwrap();
    println!("counter: {value}");
    assert_eq!(value, 3);
}

/// What `attempt` returns on another thread: on the thread that holds the guard, a
/// `try_lock` would say nothing about other threads.
fn elsewhere<G>(attempt: impl FnOnce() -> TryLockResult<G> + Send) -> &'static str {
    thread::scope(|scope| {
        scope
            .spawn(|| match attempt() {
                Ok(_) => "Ok",
                Err(TryLockError::WouldBlock) => "WouldBlock",
                Err(TryLockError::Poisoned(_)) => "Poisoned",
            })
            .join()
            .expect("the trying thread panicked")
    })
}
