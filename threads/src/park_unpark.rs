//! `thread::park` sleeps until another thread calls `unpark` on this one: a wait without
//! spinning. An `unpark` that comes before the `park` is not lost: it leaves a token, and
//! the next `park` takes it and returns at once. `park` may also return with nobody
//! meaning to wake it (a spurious wake-up, or a token left over), so a thread that waits
//! for a flag re-checks it each time `park` returns. A `Barrier` puts the calls in each
//! order in turn. Prefer a channel or a `Condvar` where one fits.
//!
//! What to notice: first main unparks before the waiting thread parks, and that `park`
//! returns at once; then the waiting thread finds the flag unset and parks, and main sets
//! the flag and unparks it.

use std::sync::Barrier;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;

/// The number main hands to the waiting thread.
const INPUT: u64 = 100;

pub fn main() {
    let ready = AtomicBool::new(false);
    let input = AtomicU64::new(0);
    // A barrier, not a channel: a channel's wait may park the thread and take its token.
    let step = Barrier::new(2);
    // A scope, so that the waiting thread can borrow `ready`, `input` and `step`.
    thread::scope(|scope| {
        let waiter = scope.spawn(|| {
            step.wait(); // main has unparked this thread by now
            thread::park();
            println!(
                "Waiting thread: park returned at once, with the token of main's early unpark"
            );
            let was_set = ready.load(Ordering::Acquire);
            let flag = if was_set {
                "already set"
            } else {
                "not yet set"
            };
            println!(
                "Waiting thread: found the flag {flag} ({was_set}); parking until main sets it"
            );
            step.wait();
            // `Acquire` pairs with main's `Release`: once the flag is seen set, so is
            // the input main wrote before setting it.
            loop {
                thread::park();
                if ready.load(Ordering::Acquire) {
                    break;
                }
            }
            let n = input.load(Ordering::Relaxed);
            println!("Waiting thread: unparked, the flag is set, and the input is {n}");
            (was_set, n)
        });
        waiter.thread().unpark();
        println!("Main thread: unparked the waiting thread before it called park");
        step.wait();
        step.wait(); // the waiting thread has found the flag unset
        input.store(INPUT, Ordering::Relaxed);
        println!("Main thread: input written; setting the flag, then unparking the waiting thread");
        // The flag before `unpark`: the other way round, the thread could wake, find the
        // flag unset, and park again with nobody left to wake it.
        ready.store(true, Ordering::Release);
        waiter.thread().unpark();
        let (was_set, n) = waiter.join().expect("the waiting thread panicked");
        println!("Main thread: joined; the waiting thread read {n}");
        assert!(
            !was_set,
            "the waiting thread should have found the flag unset"
        );
        assert_eq!(n, INPUT);
    });
}
