//! `thread::park_timeout` parks like `park`, but returns by itself once its time is up,
//! so a thread waiting for a flag can give up instead of waiting for ever. It may also
//! return early (a spurious wake-up, or a token left over), so the waiter loops to a
//! deadline and re-checks the flag each time round.
//!
//! An `unpark` ends the wait early, as it ends a `park` (see park-unpark); here nobody
//! sets the flag or unparks main, and that is the case a deadline is for.
//!
//! What to notice: main gives up after 20 ms, with the flag still unset.

use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_millis(20);

/// Waits until `flag` is set or `patience` has passed; says whether the flag was set.
fn wait_for(flag: &AtomicBool, patience: Duration) -> bool {
    let deadline = Instant::now() + patience;
    loop {
        if flag.load(Ordering::Acquire) {
            return true;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        thread::park_timeout(left);
    }
}

pub fn main() {
    let never_set = AtomicBool::new(false);
    let start = Instant::now();
    let was_set = wait_for(&never_set, PATIENCE);
    let waited = start.elapsed();
    println!(
        "Main thread: waited {PATIENCE:?} for a flag nobody sets, then gave up (set: {was_set})"
    );
    assert!(!was_set, "nobody sets the flag");
    assert!(waited >= PATIENCE, "gave up before the deadline");
}
