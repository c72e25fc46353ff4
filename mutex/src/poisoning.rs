//! A panic while holding the lock poisons it; the data can still be recovered. A
//! panic while a guard lives may leave the data half-changed. The guard's drop
//! (during the unwinding) unlocks the mutex and marks it poisoned, so that every
//! later `lock` warns: `Err(PoisonError)`, which still carries the guard.
//! `into_inner` takes the data (and the lock) from it; `clear_poison` ends it.
//!
//! What to notice: the writer's panic message appears on stderr (Rust's default
//! panic hook), and main goes on; the recovered data holds the 40 the writer pushed
//! before it panicked.

use std::sync::{Arc, Mutex};
use std::thread;

pub fn main() {
    let v = Arc::new(Mutex::new(vec![10, 20, 30]));
    println!("before: is_poisoned = {}", v.is_poisoned());

    let for_writer = Arc::clone(&v);
    // The writer's own thread: its panic ends that thread only, and poisons the lock.
    let writer = thread::spawn(move || {
        // The lock is free, so this succeeds; from here on a panic poisons it.
        let mut guard = for_writer.lock().unwrap();
        guard.push(40);
        // Meant to push 50 too, but panics first, while holding the guard.
        panic!("the writer panicked halfway through its update");
    });
    // `join` hands the panic back as `Err`; main carries on.
    let joined = writer.join();
    println!("the writer's join: is_err = {}", joined.is_err());
    println!("after the panic: is_poisoned = {}", v.is_poisoned());
    assert!(joined.is_err() && v.is_poisoned());

    match v.lock() {
        Ok(_) => println!("lock(): Ok (not poisoned)"),
        Err(poisoned) => {
            // The lock is ours even so: the error holds the guard.
            let mut guard = poisoned.into_inner();
            println!("lock(): Err(PoisonError); into_inner recovers the data: {guard:?}");
            // Finish the half-done update, then say the data is sound again.
            guard.push(50);
            v.clear_poison();
        } // The recovered guard unlocks here.
    }
    println!("after clear_poison: is_poisoned = {}", v.is_poisoned());
    let guard = v
        .lock()
        .expect("clear_poison should have ended the poisoning");
    println!("lock(): Ok; v: {guard:?}");
    assert_eq!(*guard, [10, 20, 30, 40, 50]);
}
