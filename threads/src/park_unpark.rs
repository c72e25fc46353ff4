//! `thread::park` puts the current thread to sleep until another thread calls
//! `unpark` on it: a way to wait without spinning. Here a thread waits until main has
//! written its input and set a flag (an `AtomicBool`), then unparked it.
//!
//! `park` sits in a loop that checks the flag again after every wake-up, because:
//! - `park` may return although nobody meant to wake this thread: a spurious
//!   wake-up, or an `unpark` meant for an earlier wait. Only the flag says the wait
//!   is over;
//! - the `unpark` may come before the `park`. It is not lost: every thread has one
//!   token, `unpark` sets it, and a `park` that finds it set takes it and returns
//!   at once. And a thread that finds the flag already set never parks.
//!
//! So the wait ends whichever of the two threads gets there first. (Unlike Rust
//! Atomics and Locks' `park` example, this program ends.) Prefer a channel or a
//! `Condvar` where one fits: they are built on the same idea.
//!
//! What to notice: the waiting thread's line comes after main's on every run, and
//! the output is the same whichever came first, `park` or `unpark`, or whether the
//! waiting thread parked at all.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;

/// The number main hands to the waiting thread.
const INPUT: u64 = 100;

/// Parks the current thread until `flag` is set. The `Acquire` load pairs with the
/// `Release` store that sets the flag: what the setter wrote before it is visible
/// here after it.
fn wait_for(flag: &AtomicBool) {
    while !flag.load(Ordering::Acquire) {
        thread::park();
    }
}

pub fn main() {
    let ready = AtomicBool::new(false);
    let input = AtomicU64::new(0);
    // A scope, so both threads can borrow the flag and the input; it joins the
    // waiting thread before it returns, whatever happens.
    thread::scope(|scope| {
        // The thread starts at once, but must not read `input` before main has
        // written it: it waits for the flag.
        let waiter = scope.spawn(|| {
            wait_for(&ready);
            let n = input.load(Ordering::Relaxed);
            let sum: u64 = (1..=n).sum();
            println!(
                "Waiting thread: the flag is set, the input is {n}; the sum of 1..={n} is {sum}"
            );
            sum
        });
        input.store(INPUT, Ordering::Relaxed);
        println!("Main thread: input written; setting the flag, then unparking the waiting thread");
        // The flag first, then `unpark`: unparked before the flag is set, the
        // thread could wake, find the flag unset, and park again with nobody left
        // to wake it.
        ready.store(true, Ordering::Release);
        waiter.thread().unpark();
        // Join: the waiting thread has woken, read the input and finished.
        let sum = waiter.join().expect("the waiting thread panicked");
        println!("Main thread: joined; the waiting thread returned {sum}");
        assert_eq!(sum, 5050);
    });
}
