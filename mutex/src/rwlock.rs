//! An `RwLock` lets many readers in at once, but a writer only alone. Each reader
//! waits at a barrier while holding its read guard, and the barrier opens only when
//! both are there, so both hold a read guard at the same time. (With a `Mutex` the
//! second reader could never lock, the first would wait at the barrier forever, and
//! this would deadlock.) A writer, though, holds the lock alone.
//!
//! What to notice: the two readers' lines come in any order, but both readers hold
//! their guard before either passes the barrier. While a write guard lives, another
//! thread can neither read nor write; while a read guard lives, it can read but not
//! write.

use std::sync::{Barrier, RwLock, TryLockError, TryLockResult};
use std::thread;

/// How many readers hold the `RwLock` at the same time.
const READERS: usize = 2;

pub fn main() {
    let lock = RwLock::new(vec![10, 20, 30]);
    let both_reading = Barrier::new(READERS);
    thread::scope(|scope| {
        for reader in 1..=READERS {
            let (lock, both_reading) = (&lock, &both_reading);
            // Scoped threads may borrow the lock and the barrier.
            scope.spawn(move || {
                // A read lock: granted while other readers hold one too.
                let guard = lock.read().unwrap();
                println!("reader {reader}: holds a read guard: {guard:?}");
                // Still holding the guard, wait until the other reader holds one too.
                both_reading.wait();
                println!("reader {reader}: passed the barrier, still holding its guard");
                // Only now, past the barrier, does this reader unlock.
                drop(guard);
            });
        }
    }); // The scope joins both readers here.

    {
        // A write lock: granted only when nobody else holds the lock at all.
        let mut writer = lock.write().unwrap();
        writer.push(40);
        let read = elsewhere(|| lock.try_read());
        let write = elsewhere(|| lock.try_write());
        println!(
            "while a write guard lives: another thread's try_read: {read}, try_write: {write}"
        );
        assert_eq!((read, write), ("WouldBlock", "WouldBlock"));
    } // The write guard unlocks here.

    {
        // A read lock on main's thread: other readers may still come in, a writer not.
        let reader = lock.read().unwrap();
        let read = elsewhere(|| lock.try_read());
        let write = elsewhere(|| lock.try_write());
        println!(
            "while a read guard lives ({reader:?}): another thread's try_read: {read}, try_write: {write}"
        );
        assert_eq!((read, write), ("Ok", "WouldBlock"));
    } // The read guard unlocks here.

    let write = elsewhere(|| lock.try_write());
    println!("with no guard alive: another thread's try_write: {write}");
    assert_eq!(write, "Ok");
}

/// Runs `attempt` on another thread and says what it came back with. A `try_read`
/// or `try_write` from the thread that already holds a guard would say nothing about
/// other threads (and a blocking `read` or `write` there could deadlock), so the attempts
/// come from here.
fn elsewhere<G>(attempt: impl FnOnce() -> TryLockResult<G> + Send) -> &'static str {
    // A scoped thread may borrow the lock; the scope joins it before returning.
    thread::scope(|scope| {
        scope
            .spawn(|| match attempt() {
                // The guard, if there was one, is dropped right here, at once.
                Ok(_) => "Ok",
                Err(TryLockError::WouldBlock) => "WouldBlock",
                Err(TryLockError::Poisoned(_)) => "Poisoned",
            })
            .join()
            .expect("the trying thread panicked")
    })
}
