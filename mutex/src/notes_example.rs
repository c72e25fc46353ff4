//! The notes' example. `lock` hands out a `MutexGuard`, the only way in to the value:
//! it derefs to `&mut Vec<i32>`, and the lock is held until the guard drops.
//!
//! What to notice: the second line shows the 40 pushed by a guard in its own block;
//! that guard unlocked at the end of the block, so the later `lock` does not wait.

use std::sync::Mutex;

pub fn main() {
    let v = Mutex::new(vec![10, 20, 30]);
    println!("v: {:?}", v.lock().unwrap());
    {
        let mut guard = v.lock().unwrap();
        guard.push(40);
    }
    println!("v: {:?}", v.lock().unwrap());
    assert_eq!(*v.lock().unwrap(), [10, 20, 30, 40]);
}
