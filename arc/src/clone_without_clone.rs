//! `Arc<T>` is `Clone` even when `T` is not: `Arc::clone` copies the pointer, never
//! the value, so `impl<T: ?Sized> Clone for Arc<T>` has no bound on `T`.
//!
//! What `Arc` does not do: it gives only `&T`, so mutating through it fails with
//! E0596 (`compile-fail/mutate-through-arc.rs`; use a `Mutex`). And `Arc<T>` is `Send`
//! only when `T` is `Send + Sync`, so an `Arc<RefCell<_>>` cannot go to another
//! thread: E0277 (`compile-fail/send-arc-refcell.rs`).
//!
//! What to notice: the spawned thread and main read the one `Settings`; after the
//! join, main is its only owner again.

use std::sync::Arc;
use std::thread;

/// Deliberately not `Clone`.
struct Settings {
    name: String,
}

pub fn main() {
    let settings = Arc::new(Settings {
        name: String::from("shared settings"),
    });
    let for_thread = Arc::clone(&settings);
    println!(
        "a second Arc<Settings>: ptr_eq = {}, strong_count = {}",
        Arc::ptr_eq(&for_thread, &settings),
        Arc::strong_count(&settings)
    );
    assert!(Arc::ptr_eq(&for_thread, &settings));
    let handle = thread::spawn(move || {
        println!("spawned thread reads: {}", for_thread.name);
    });
    // The thread's clone is dropped when the thread ends, before `join` returns.
    handle.join().expect("the reading thread panicked");
    println!(
        "main reads: {}, strong_count = {}",
        settings.name,
        Arc::strong_count(&settings)
    );
    assert_eq!(Arc::strong_count(&settings), 1);
}
