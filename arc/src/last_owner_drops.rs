//! The value behind an `Arc` is dropped exactly once, by whichever owner lets go
//! last, on whichever thread that happens to be. Main and several named threads
//! each own one `Arc` and let go of it. Nobody decides who frees the value: the
//! count does, and the owner that takes it to zero runs `Drop`, on its own thread.
//!
//! What to notice: the thread that drops the value changes from run to run, but its
//! line always comes after every owner has let go.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// How many spawned threads own a clone (main owns one too).
const OWNER_THREADS: usize = 3;

/// How many `Loud` values have been dropped so far, so main can check it was one.
static DROPS: AtomicUsize = AtomicUsize::new(0);

/// A value that says which thread drops it.
struct Loud;

impl Drop for Loud {
    fn drop(&mut self) {
        let name = thread::current().name().unwrap_or("unnamed").to_owned();
        DROPS.fetch_add(1, Ordering::SeqCst);
        println!("{name}: drops the value");
    }
}

pub fn main() {
    let value = Arc::new(Loud);
    let before = DROPS.load(Ordering::SeqCst);
    let mut handles = Vec::new();
    for i in 1..=OWNER_THREADS {
        let mine = Arc::clone(&value);
        let name = format!("owner-{i}");
        // Each thread owns its clone and drops it when it is done; a name makes the
        // drop line say which thread it was.
        let handle = thread::Builder::new()
            .name(name.clone())
            .spawn(move || {
                println!("{name}: lets go of its clone");
                // One count fewer; if it was the last, `Loud::drop` runs right here.
                drop(mine);
            })
            .expect("could not spawn an owner thread");
        handles.push(handle);
    }
    // Main lets go while the threads may still hold theirs: main is not special,
    // it is just one more owner.
    println!("main: lets go of its clone");
    drop(value);
    // After the joins every clone is gone, so the value must have been dropped.
    for handle in handles {
        handle.join().expect("an owner thread panicked");
    }
    let drops = DROPS.load(Ordering::SeqCst) - before;
    println!("main: every owner has let go; the value was dropped {drops} time(s)");
    assert_eq!(drops, 1);
}
