//! A panic while holding the lock poisons it; the data can still be recovered. The
//! panic may leave the data half-changed, so the guard's drop during the unwinding
//! marks the lock poisoned, and every later `lock` returns `Err(PoisonError)`, which
//! still carries the guard: `get_ref` looks at the data through it, `into_inner` takes
//! it, and only `clear_poison` ends the poisoning.
//!
//! What to notice: the writer's panic message on stderr, and main going on; the
//! recovered data holds the 40 the writer pushed before it panicked.

use std::sync::{Arc, Mutex};
use std::thread;

pub fn main() {
    let v = Arc::new(Mutex::new(vec![10, 20, 30]));
    println!("before: is_poisoned = {}", v.is_poisoned());

    let for_writer = Arc::clone(&v);
    let writer = thread::spawn(move || {
        let mut guard = for_writer.lock().unwrap();
        guard.push(40);
        // Meant to push 50 too, but panics first, holding the guard.
        panic!("the writer panicked halfway through its update");
    });
    let joined = writer.join();
    println!("the writer's join: is_err = {}", joined.is_err());
    println!("after the panic: is_poisoned = {}", v.is_poisoned());
    assert!(joined.is_err() && v.is_poisoned());

    // Poisoned, `lock` returns `Err(PoisonError)`, which still carries the guard.
    let mut guard = match v.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    println!("lock(): Err(PoisonError); into_inner recovers the data: {guard:?}");
    // Finish the half-done update, then declare the data sound again.
    guard.push(50);
    println!("main: finishes the writer's update: pushes 50");
    drop(guard);
    // Still poisoned: `get_ref` shows the data and leaves the guard in the error.
    let seen = match v.lock() {
        Err(poisoned) => poisoned.get_ref().to_vec(),
        Ok(_) => panic!("the lock was no longer poisoned before clear_poison"),
    };
    println!("lock() again: Err(PoisonError); get_ref shows the update finished: {seen:?}");
    assert_eq!(seen, [10, 20, 30, 40, 50]);
    v.clear_poison();
    println!("after clear_poison: is_poisoned = {}", v.is_poisoned());
    let guard = v.lock().expect("clear_poison ended the poisoning");
    println!("lock(): Ok; v: {guard:?}");
    assert_eq!(*guard, [10, 20, 30, 40, 50]);
}
