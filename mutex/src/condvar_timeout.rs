//! `wait_timeout_while` returns when the condition holds or the time runs out, and
//! `timed_out()` says which. Like `wait_while`, it checks the condition again after
//! every wake-up and then waits only for the time left. A bare `wait_timeout` returns
//! at the first wake-up, even one that finds nothing, and says "not timed out" then.
//!
//! In both rounds main notifies once the waiter is known to wait. In the first it sets
//! nothing: nothing can arrive, so a short timeout runs out. In the second it sets the
//! flag first, and the timeout is one (10 s) that no run comes near.
//!
//! What to notice: `timed_out()` is true exactly when the flag was never set.

use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::Duration;

const SHORT: Duration = Duration::from_millis(50);
const LONG: Duration = Duration::from_secs(10);

struct Flag {
    set: bool,
    waiting: bool,
}

pub fn main() {
    let (timed_out, set) = round(SHORT, false);
    println!(
        "nobody sets the flag, a notify finds nothing: timed_out() = {timed_out}, flag: {set}"
    );
    assert!(timed_out && !set);
    let (timed_out, set) = round(LONG, true);
    println!("the flag set while the waiter waits: timed_out() = {timed_out}, flag: {set}");
    assert!(!timed_out && set);
}

/// A waiter waits up to `timeout` for the flag; once it waits, main sets the flag or
/// not, and notifies. Returns the waiter's `timed_out()` and the flag it saw.
fn round(timeout: Duration, set_flag: bool) -> (bool, bool) {
    let flag = Mutex::new(Flag {
        set: false,
        waiting: false,
    });
    let (changed, waiter_waits) = (Condvar::new(), Condvar::new());
    thread::scope(|scope| {
        let waiter = scope.spawn(|| {
            let mut flag = flag.lock().unwrap();
            flag.waiting = true;
            waiter_waits.notify_one();
            let (flag, result) = changed
                .wait_timeout_while(flag, timeout, |flag| !flag.set)
                .unwrap();
            (result.timed_out(), flag.set)
        });
        // Seen under the lock, `waiting` means the waiter released it inside its wait.
        let mut flag = waiter_waits
            .wait_while(flag.lock().unwrap(), |flag| !flag.waiting)
            .unwrap();
        flag.set = set_flag;
        drop(flag);
        changed.notify_one();
        waiter.join().expect("the waiter panicked")
    })
}
