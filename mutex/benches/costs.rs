//! What a lock costs: `lock` + unlock with no other thread around, the same while
//! another thread wants the same lock, and an uncontended `RwLock::read`.
//!
//! `cargo bench -p mutex`, or `cargo xtask bench` for every crate's costs in one table.

use std::hint::black_box;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, RwLock};
use std::thread;

#[path = "../../common/sampler.rs"]
mod sampler;
use sampler::{bench, compare};

fn main() {
    measure(std::env::args().any(|arg| arg == "--bench"));
}

/// Every row of this crate; `full` is false in the crate's tests (tiny samples).
pub fn measure(full: bool) {
    println!("costs of mutex (cargo bench -p mutex)");
    let counter = Mutex::new(0_u64);
    let bump = || *counter.lock().expect("not poisoned") += black_box(1);
    let lock = bench(full, "Mutex lock + unlock, uncontended", bump);

    let stop = AtomicBool::new(false);
    let contended = thread::scope(|scope| {
        scope.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                bump();
            }
        });
        let row = bench(full, "Mutex lock + unlock, two threads contending", bump);
        stop.store(true, Ordering::Relaxed);
        row
    });

    let shared = RwLock::new(1_u64);
    // About as cheap as an uncontended `lock`: which costs more changes from run to run.
    bench(full, "RwLock read + unlock, uncontended", || {
        black_box(*shared.read().expect("not poisoned"));
    });

    compare(&contended, &lock);
}
