//! An `RwLock` lets many readers in at once, but a writer only alone. Each reader
//! waits at a barrier holding its read guard, and the barrier opens only once both
//! are there: both hold a read guard at the same time. (With a `Mutex` the second
//! reader could never lock, and this would deadlock.)
//!
//! What to notice: the readers' lines come in any order, but both hold their guard
//! before either passes the barrier. While a write guard lives, another thread can
//! neither read nor write; while a read guard lives, it can read but not write.

use std::sync::{Barrier, RwLock, TryLockError, TryLockResult};
use std::thread;

const READERS: usize = 2;

pub fn main() {
    let lock = RwLock::new(vec![10, 20, 30]);
    let both_reading = Barrier::new(READERS);
    thread::scope(|scope| {
        for reader in 1..=READERS {
            let (lock, both_reading) = (&lock, &both_reading);
            scope.spawn(move || {
                let guard = lock.read().unwrap();
                println!("reader {reader}: holds a read guard: {guard:?}");
                both_reading.wait();
                println!("reader {reader}: passed the barrier, still holding its guard");
                drop(guard);
            });
        }
    });

    {
        let mut writer = lock.write().unwrap();
        writer.push(40);
        let read = elsewhere(|| lock.try_read());
        let write = elsewhere(|| lock.try_write());
        println!(
            "while a write guard lives: another thread's try_read: {read}, try_write: {write}"
        );
        assert_eq!((read, write), ("WouldBlock", "WouldBlock"));
    }

    {
        let reader = lock.read().unwrap();
        let read = elsewhere(|| lock.try_read());
        let write = elsewhere(|| lock.try_write());
        println!(
            "while a read guard lives ({reader:?}): another thread's try_read: {read}, try_write: {write}"
        );
        assert_eq!((read, write), ("Ok", "WouldBlock"));
    }

    let write = elsewhere(|| lock.try_write());
    println!("with no guard alive: another thread's try_write: {write}");
    assert_eq!(write, "Ok");
}

/// What `attempt` returns on another thread: on the thread that holds a guard, a
/// `try_read` or `try_write` would say nothing about other threads.
fn elsewhere<G>(attempt: impl FnOnce() -> TryLockResult<G> + Send) -> &'static str {
    thread::scope(|scope| {
        scope
            .spawn(|| match attempt() {
                Ok(_) => "Ok",
                Err(TryLockError::WouldBlock) => "WouldBlock",
                Err(TryLockError::Poisoned(_)) => "Poisoned",
            })
            .join()
            .expect("the trying thread panicked")
    })
}
