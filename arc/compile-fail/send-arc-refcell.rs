// error: E0277
// Share an `Arc<Mutex<_>>` instead: see `mutex/src/shared_counter.rs`. `Arc<T>` is
// `Send` only when `T` is `Send + Sync`. `RefCell` is not `Sync` (its borrow flag is not
// atomic), so an `Arc<RefCell<_>>` may not move to another thread.
use std::cell::RefCell;
use std::sync::Arc;
use std::thread;

fn main() {
    let v = Arc::new(RefCell::new(vec![10, 20, 30]));
    let for_thread = Arc::clone(&v);
    let handle = thread::spawn(move || {
        for_thread.borrow_mut().push(40);
    });
    handle.join().unwrap();
    println!("v: {:?}", v.borrow());
}
