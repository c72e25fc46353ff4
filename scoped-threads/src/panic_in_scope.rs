//! A panic in a scoped thread is not lost. If nobody joins that thread,
//! `thread::scope` still waits for every other thread in it, then panics with a
//! message of its own: the thread's payload is dropped. To keep the payload, join the
//! thread: `join` returns it as `Err`, and `panic::resume_unwind` raises it again in
//! the joining thread. Here `catch_unwind` catches both panics, so that main can look
//! at what is left.
//!
//! What to notice: the workers start only after the unjoined thread has panicked,
//! yet every one counts its items before the scope's panic reaches main. The payload
//! caught at the end is the joined thread's own `String`. The panic messages are on
//! stderr, even those of caught panics, which is why main's first line announces the
//! scope's; `resume_unwind` prints none, so the joined thread's message is there once.

use std::panic;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

/// How many workers run beside the thread that panics, and how much each counts.
const WORKERS: usize = 4;
const ITEMS_EACH: usize = 1_000;
/// The unjoined thread's panic message, which the scope's panic does not carry.
const UNJOINED_MESSAGE: &str = "a thread nobody joins failed";
/// The item the joined thread fails on, which its panic message names.
const BAD_ITEM: usize = 7;

pub fn main() {
    let counted = AtomicUsize::new(0);
    println!(
        "Main thread: a thread nobody joins will panic, so its scope panics in main \
         (stderr: thread 'main' panicked), and catch_unwind catches that"
    );
    let scope_panic = panic::catch_unwind(|| {
        thread::scope(|scope| {
            let (sender, panicked) = mpsc::channel::<()>();
            scope.spawn(move || {
                // Dropped as the panic unwinds this thread: then `recv` below fails.
                let _sender = sender;
                panic!("{UNJOINED_MESSAGE}");
            });
            panicked.recv().expect_err("nothing is ever sent");
            println!("Main thread: the unjoined thread has panicked; starting {WORKERS} workers");
            for worker in 1..=WORKERS {
                let counted = &counted;
                scope.spawn(move || {
                    for _ in 0..ITEMS_EACH {
                        counted.fetch_add(1, Ordering::Relaxed);
                    }
                    println!("Worker {worker}: counted {ITEMS_EACH} items");
                });
            }
        });
    });
    let scope_payload = scope_panic.expect_err("a thread nobody joined panicked");
    // std documents that the scope panics, not what its payload is (today a `&str`).
    let scope_message = scope_payload
        .downcast_ref::<&str>()
        .copied()
        .unwrap_or("(not a &str)");
    let counted = counted.into_inner();
    println!("Main thread: caught the scope's panic, with its own payload {scope_message:?}");
    println!(
        "Main thread: before it, the workers counted {counted} of {} items",
        WORKERS * ITEMS_EACH
    );

    let reraised = panic::catch_unwind(|| {
        thread::scope(|scope| {
            let parser = scope.spawn(|| panic!("item {BAD_ITEM} is malformed"));
            let payload = parser.join().expect_err("the parser always panics");
            println!("Main thread: join returned Err with the payload; resume_unwind raises it");
            panic::resume_unwind(payload);
        });
    });
    let payload = reraised.expect_err("resume_unwind always panics");
    let message = payload
        .downcast_ref::<String>()
        .expect("the payload is the thread's String");
    println!("Main thread: caught the raised payload, the thread's own: {message:?}");

    assert_eq!(counted, WORKERS * ITEMS_EACH);
    assert_ne!(scope_message, UNJOINED_MESSAGE);
    assert_eq!(*message, format!("item {BAD_ITEM} is malformed"));
}
