//! The notes' example. A `Mutex<T>` owns its value, and `lock` hands out a
//! `MutexGuard`, the only way in to it: the guard derefs to `&mut T`, and the lock
//! is held until the guard drops.
//!
//! What to notice: the second line shows the 40 that a guard pushed inside its own
//! block. That guard had unlocked at the end of the block, so the later `lock` does
//! not wait.
//!
//! `lock` returns `Err` only if a thread panicked while holding the lock (see
//! `poisoning.rs`); here none can, so `unwrap` is fine.

use std::sync::Mutex;

pub fn main() {
    let v = Mutex::new(vec![10, 20, 30]);
    // The guard is a temporary: it unlocks at the end of this statement.
    println!("v: {:?}", v.lock().unwrap());
    {
        // The guard derefs to `&mut Vec<i32>`: the only way in to the vector.
        let mut guard = v.lock().unwrap();
        guard.push(40);
    } // The guard unlocks here, so the next `lock` does not wait.
    println!("v: {:?}", v.lock().unwrap());
    assert_eq!(*v.lock().unwrap(), [10, 20, 30, 40]);
}
