//! What a lock costs: `lock` + unlock with no other thread around, the same while
//! another thread wants the same lock, and an uncontended `RwLock::read`.
//!
//! `cargo bench -p mutex`, or `cargo xtask bench` for every crate's costs in one table.

use std::hint::black_box;
use std::sync::{Mutex, RwLock};

#[path = "../../common/sampler.rs"]
mod sampler;
use sampler::{bench, beside, compare};

fn main() {
    measure(std::env::args().any(|arg| arg == "--bench"));
}

/// Every row of this crate; `full` is false in the crate's tests (tiny samples).
pub fn measure(full: bool) {
    println!("costs of mutex (cargo bench -p mutex)");
    let counter = Mutex::new(0_u64);
    let bump = || *counter.lock().expect("not poisoned") += black_box(1);
    let lock = bench(full, "Mutex lock + unlock, uncontended", bump);

    let contended = beside(1, bump, || {
        bench(full, "Mutex lock + unlock, two threads contending", bump)
    });

    let shared = RwLock::new(1_u64);
    // About as cheap as an uncontended `lock`: which costs more changes from run to run.
    bench(full, "RwLock read + unlock, uncontended", || {
        black_box(*shared.read().expect("not poisoned"));
    });

    compare(&contended, &lock);
}
