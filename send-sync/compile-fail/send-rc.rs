// error: E0277
// Share an `Arc` instead: see `send-sync/src/spawn_needs_send.rs`, and
// `send-sync/src/table.rs` (rows `Rc<i32>`, `Arc<i32>`).
// `Rc<T>` is not `Send`: its reference count is not atomic, so two threads holding
// clones could update it at the same time. `thread::spawn` refuses to move one.
use std::rc::Rc;
use std::thread;

fn main() {
    let shared = Rc::new(5);
    let handle = thread::spawn(move || {
        println!("shared: {shared}");
    });
    handle.join().unwrap();
}
