// error: E0502
// `get_mut` takes no lock because it borrows the `Mutex` mutably: the compiler then
// proves that no guard lives. Drop the guard first, see `mutex/src/guard_scope.rs`.
use std::sync::Mutex;

fn main() {
    let mut counter = Mutex::new(0);
    let guard = counter.lock().unwrap();
    *counter.get_mut().unwrap() += 1;
    drop(guard);
}
