// error: E0597
// A `MutexGuard` borrows its `Mutex`, so it cannot outlive it: take the value out of
// the guard instead (`let top = stack.lock().unwrap().pop();`), see
// `mutex/src/guard_lifetimes.rs`, or keep the `Mutex` alive as long as the guard.
use std::sync::{Mutex, MutexGuard};

fn main() {
    let top: MutexGuard<'_, Vec<i32>>;
    {
        let stack = Mutex::new(vec![1, 2, 3]);
        top = stack.lock().unwrap();
    } // `stack` is dropped here, while `top` still borrows it.
    println!("{top:?}");
}
