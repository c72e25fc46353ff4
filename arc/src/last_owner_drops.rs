//! The value behind an `Arc` is dropped exactly once, by whichever owner lets go
//! last, on whichever thread that is: nobody decides, the count does.
//!
//! What to notice: the thread that drops the value changes from run to run, but its
//! line always comes after every owner has let go.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// Spawned threads that own a clone; main owns one too.
const OWNER_THREADS: usize = 3;

static DROPS: AtomicUsize = AtomicUsize::new(0);

/// A value that says which thread drops it.
struct Loud;

impl Drop for Loud {
    fn drop(&mut self) {
        let name = thread::current().name().unwrap_or("unnamed").to_owned();
        DROPS.fetch_add(1, Ordering::Relaxed);
        println!("{name}: drops the value");
    }
}

pub fn main() {
    let value = Arc::new(Loud);
    let mut handles = Vec::new();
    for i in 1..=OWNER_THREADS {
        let mine = Arc::clone(&value);
        let name = format!("owner-{i}");
        let handle = thread::Builder::new()
            .name(name.clone())
            .spawn(move || {
                println!("{name}: lets go of its clone");
                // If this was the last clone, `Loud::drop` runs here, on this thread.
                drop(mine);
            })
            .expect("could not spawn an owner thread");
        handles.push(handle);
    }
    // Main is not special: it is one more owner, letting go while others may hold on.
    println!("main: lets go of its clone");
    drop(value);
    for handle in handles {
        handle.join().expect("an owner thread panicked");
    }
    let drops = DROPS.load(Ordering::Relaxed);
    println!("main: every owner has let go; drops of the value: {drops}");
    assert_eq!(drops, 1);
}
