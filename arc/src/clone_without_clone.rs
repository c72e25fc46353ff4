//! `Arc<T>` is `Clone` even when `T` is not: `Arc::clone` never clones the value,
//! only the pointer, so `impl<T: ?Sized> Clone for Arc<T>` has no bound on `T`.
//!
//! What `Arc` does not do: it gives only shared (`&T`) access, so mutating through
//! it fails with E0596 (`compile-fail/mutate-through-arc.rs`; use a `Mutex`, see
//! the mutex crate). (`Arc::get_mut` gives `&mut T` only to the one owner left, and
//! `Arc::make_mut` clones the value first when it is shared.) And `Arc<T>` is `Send`
//! and `Sync` only when `T` is both, so an `Arc<RefCell<_>>` cannot go to another
//! thread, E0277 (`compile-fail/send-arc-refcell.rs`).
//!
//! What to notice: the spawned thread and main read the one `Settings`; after the
//! join, main is its only owner again.

use std::sync::Arc;
use std::thread;

/// Deliberately not `Clone`: there is no way to copy a `Settings`.
struct Settings {
    name: String,
}

pub fn main() {
    let settings = Arc::new(Settings {
        name: String::from("shared settings"),
    });
    // `Settings` has no `clone`, but `Arc<Settings>` does: it copies the pointer.
    let for_thread = Arc::clone(&settings);
    println!(
        "a second Arc<Settings>: ptr_eq = {}, strong_count = {}",
        Arc::ptr_eq(&for_thread, &settings),
        Arc::strong_count(&settings)
    );
    assert!(Arc::ptr_eq(&for_thread, &settings));
    // The clone can go to another thread, and both read the one `Settings`.
    let handle = thread::spawn(move || {
        println!("spawned thread reads: {}", for_thread.name);
    });
    // Joining drops the thread's clone with the thread: one owner is left.
    handle.join().expect("the reading thread panicked");
    println!(
        "main reads: {}, strong_count = {}",
        settings.name,
        Arc::strong_count(&settings)
    );
    assert_eq!(Arc::strong_count(&settings), 1);
}
