//! A waiter that checks its condition under the lock before it waits misses no notify.
//! A `Condvar` keeps no notifications: a `notify_one` with no thread waiting is lost,
//! and a bare `wait` after it would sleep for ever. The flag is not lost: it changes
//! only under the lock, the waiter checks it under the lock, and `wait` unlocks and
//! sleeps in one step, so no notify can slip in between the check and the wait.
//!
//! What to notice: a setter that ended before the waiter locked woke nobody, and the
//! waiter did not wait; a setter started while the waiter held the lock could set the
//! flag only once `wait` had unlocked it, and its notify (or a spurious wake-up after it
//! set the flag) woke the waiter.

use std::sync::{Condvar, Mutex, MutexGuard};
use std::thread;

pub fn main() {
    let flag = Mutex::new(false);
    let flag_set = Condvar::new();
    let set = || {
        *flag.lock().unwrap() = true;
        flag_set.notify_one();
    };

    // The scope joins the setter: its notify came when nobody waited.
    thread::scope(|scope| {
        scope.spawn(set);
    });
    let early = wait_for(flag.lock().unwrap(), &flag_set);
    println!(
        "the setter ended before the waiter locked (its notify reached nobody); \
         the waiter waited: {early}"
    );

    *flag.lock().unwrap() = false;
    let late = thread::scope(|scope| {
        let unset = flag.lock().unwrap();
        // The setter's `lock` waits until the waiter's `wait` unlocks.
        scope.spawn(set);
        wait_for(unset, &flag_set)
    });
    println!(
        "the setter started while the waiter held the lock (the waiter slept until it set \
         the flag); the waiter waited: {late}"
    );

    assert_eq!((early, late), (false, true));
}

/// The waiter: checks the flag under the lock, and waits only while it is unset.
fn wait_for(mut flag: MutexGuard<'_, bool>, flag_set: &Condvar) -> bool {
    let mut waited = false;
    while !*flag {
        flag = flag_set.wait(flag).unwrap();
        waited = true;
    }
    waited
}
