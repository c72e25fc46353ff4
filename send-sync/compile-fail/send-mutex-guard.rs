// error: E0277
// Lock in the thread that uses the data: see `send-sync/src/table.rs` (row
// `MutexGuard<'_, i32>`). `MutexGuard` is not `Send`: a lock must be released by the
// thread that took it, so the guard, which releases it when dropped, may not move to
// another thread.
use std::sync::Mutex;
use std::thread;

fn main() {
    let count = Mutex::new(0);
    let mut guard = count.lock().unwrap();
    thread::scope(|scope| {
        scope.spawn(move || *guard += 1);
    });
    println!("count: {}", count.lock().unwrap());
}
