//! `thread::park` sleeps until another thread calls `unpark` on this one: a wait without
//! spinning. An `unpark` that comes before the `park` is not lost: it leaves a token, and
//! the next `park` takes it and returns at once, if nothing else parks the thread in
//! between. std may park inside any of its own waits (the `park` docs name even
//! `println!`), so between the `unpark` and the `park` the parking thread runs only its
//! own code. `park` may also return with nobody meaning to wake it (a spurious wake-up,
//! or a token left over), so a thread that waits for a flag re-checks it each time `park`
//! returns. Atomic flags that the threads spin on put the calls in each order in turn
//! (the spinning is the demonstration's, not the pattern's). Prefer a channel or a
//! `Condvar` where one fits.
//!
//! What to notice: first main unparks before the waiting thread parks, and that `park`
//! returns at once; then the waiting thread finds the flag unset and calls `park`, which
//! returns once main has set the flag and unparked it (at once, if main was first).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;

/// The number main hands to the waiting thread.
const INPUT: u64 = 100;

/// Waits until `flag` is set, calling nothing that could park.
fn spin_until(flag: &AtomicBool) {
    while !flag.load(Ordering::Acquire) {
        thread::yield_now();
    }
}

pub fn main() {
    let ready = AtomicBool::new(false);
    let input = AtomicU64::new(0);
    // The handshake: atomics, not a `Barrier` or a channel, whose waits may park the
    // thread and take its token. Each flag is set once, by the thread named.
    let running = AtomicBool::new(false); // waiter: it runs its own code
    let unparked = AtomicBool::new(false); // main: it has called `unpark`
    let checked = AtomicBool::new(false); // waiter: it has read `ready`
    // A scope, so that the waiting thread can borrow the flags and `input`.
    thread::scope(|scope| {
        let waiter = scope.spawn(|| {
            running.store(true, Ordering::Release);
            spin_until(&unparked);
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
            checked.store(true, Ordering::Release);
            // `Acquire` pairs with main's `Release`: once the flag is seen set, so is
            // the input main wrote before setting it, even after a spurious return
            // from `park` (one that ends with main's `unpark` is synchronized by it).
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
        spin_until(&running); // the waiting thread is in its own code, where nothing parks
        waiter.thread().unpark();
        println!("Main thread: unparked the waiting thread before it called park");
        unparked.store(true, Ordering::Release);
        spin_until(&checked); // the waiting thread has found the flag unset
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
