// error: E0277
// Send the value itself, or an `Arc` of it: see `send-sync/src/table.rs`
// (rows `*const i32`, `Arc<i32>`). Raw pointers are neither `Send` nor `Sync`: the
// compiler knows nothing of what they point to, so it lets no thread take one to another.
use std::thread;

fn main() {
    let value = Box::new(5);
    let pointer: *const i32 = &*value;
    let handle = thread::spawn(move || {
        println!("pointer: {pointer:?}");
    });
    handle.join().unwrap();
}
