// error: E0599
// Lock first, then use the guard: see the section `notes-example` in mutex/src/main.rs.
// A `Mutex` has no way in to its value except `lock` (or `try_lock`): the vector's
// methods are not reachable on the `Mutex` itself, so nobody can skip the lock.
use std::sync::Mutex;

fn main() {
    let v = Mutex::new(vec![10, 20, 30]);
    v.push(40);
}
