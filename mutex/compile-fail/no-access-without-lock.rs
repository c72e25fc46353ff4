// error: E0599
// Lock first, then use the guard: see `mutex/src/notes_example.rs`. Through a shared
// `&Mutex`, as every thread has one, the only way in to the value is `lock` (or
// `try_lock`): the vector's methods are not reachable on the `Mutex` itself, so no
// thread can skip the lock. (`get_mut` and `into_inner` need the `Mutex` itself, `&mut`
// or by value, which no other thread can then hold.)
use std::sync::Mutex;

fn main() {
    let v = Mutex::new(vec![10, 20, 30]);
    v.push(40);
}
