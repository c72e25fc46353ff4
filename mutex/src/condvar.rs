//! A `Condvar` loses no wake-up, whether the notify comes before the wait or after.
//! The waiter checks the flag under the lock before it waits, `wait` unlocks and
//! sleeps in one step, and the flag changes only under the lock: a notify that comes
//! first finds the flag already set, one that comes later wakes the waiter, and none
//! can slip in between. A bare `wait`, with no check first, would sleep for ever after
//! an early notify.
//!
//! What to notice: with the flag set before the waiter starts, it never waits; set
//! once the waiter is known to wait, the notify wakes it.

use std::sync::{Condvar, Mutex};
use std::thread;

struct Flag {
    set: bool,
    waiting: bool,
}

pub fn main() {
    for (when, set_early) in [
        ("before the waiter starts", true),
        ("while it waits", false),
    ] {
        let waited = round(set_early);
        println!("the flag set {when}: the waiter waited: {waited}");
        assert_eq!(waited, !set_early);
    }
}

/// Sets the flag early, or once the waiter waits; says whether the waiter waited.
fn round(set_early: bool) -> bool {
    let flag = Mutex::new(Flag {
        set: false,
        waiting: false,
    });
    let (flag_set, waiter_waits) = (Condvar::new(), Condvar::new());
    let set = || {
        flag.lock().unwrap().set = true;
        flag_set.notify_one();
    };
    thread::scope(|scope| {
        if set_early {
            set();
        }
        let waiter = scope.spawn(|| {
            let mut flag = flag.lock().unwrap();
            let mut waited = false;
            while !flag.set {
                flag.waiting = true;
                waiter_waits.notify_one();
                flag = flag_set.wait(flag).unwrap();
                waited = true;
            }
            waited
        });
        if !set_early {
            // Seen under the lock, `waiting` means the waiter released it inside `wait`.
            let waiting = waiter_waits.wait_while(flag.lock().unwrap(), |flag| !flag.waiting);
            drop(waiting.unwrap());
            set();
        }
        waiter.join().expect("the waiter panicked")
    })
}
