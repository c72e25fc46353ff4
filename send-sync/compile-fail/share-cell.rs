// error: E0277
// Put it in a `Mutex`: see `send-sync/src/table.rs` (rows `Cell<i32>`,
// `Mutex<Cell<i32>>`). `Cell<T>` is not `Sync`: `set` writes through a shared reference
// with no synchronization. Sharing it means sending `&Cell<_>` to each thread, and
// `&Cell<_>` is not `Send` (see `send-sync/src/sync_means_ref_is_send.rs`).
use std::cell::Cell;
use std::thread;

fn main() {
    let count = Cell::new(0);
    thread::scope(|scope| {
        scope.spawn(|| count.set(count.get() + 1));
        scope.spawn(|| count.set(count.get() + 1));
    });
    println!("count: {}", count.get());
}
