//! `thread::park` sleeps until another thread calls `unpark` on this one: a wait without
//! spinning. Here a thread waits until main has written its input and set a flag, then
//! unparked it. `park` may return with nobody meaning to wake it (a spurious wake-up, or
//! a token left over from an earlier `unpark`), so it sits in a loop that re-checks the
//! flag. An `unpark` that comes before the `park` is not lost: the next `park` takes its
//! token and returns at once. Prefer a channel or a `Condvar` where one fits.
//!
//! What to notice: the waiting thread's line comes after main's, on every run.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;

/// The number main hands to the waiting thread.
const INPUT: u64 = 100;

pub fn main() {
    let ready = AtomicBool::new(false);
    let input = AtomicU64::new(0);
    // A scope, so that the waiting thread can borrow `ready` and `input`.
    thread::scope(|scope| {
        let waiter = scope.spawn(|| {
            // `Acquire` pairs with main's `Release`: once the flag is seen set, so is
            // the input main wrote before setting it.
            while !ready.load(Ordering::Acquire) {
                thread::park();
            }
            let n = input.load(Ordering::Relaxed);
            let sum: u64 = (1..=n).sum();
            println!(
                "Waiting thread: the flag is set, the input is {n}; the sum of 1..={n} is {sum}"
            );
            sum
        });
        input.store(INPUT, Ordering::Relaxed);
        println!("Main thread: input written; setting the flag, then unparking the waiting thread");
        // The flag before `unpark`: the other way round, the thread could wake, find the
        // flag unset, and park again with nobody left to wake it.
        ready.store(true, Ordering::Release);
        waiter.thread().unpark();
        let sum = waiter.join().expect("the waiting thread panicked");
        println!("Main thread: joined; the waiting thread returned {sum}");
        assert_eq!(sum, 5050);
    });
}
