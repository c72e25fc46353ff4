//! Why a counter needs `fetch_add`: adding one is a read, then a write, and the two
//! must be one step. Written as a `load`, then a `store` of that value plus one, they
//! are two, and a thread that comes between them reads the same old value: both store
//! the same new one, and one add is lost. Here a `Barrier` stands between each
//! thread's load and its store, so every thread loads before any stores, in every
//! round: of the 4 adds a round, 3 are lost, on every run. `fetch_add` reads and
//! writes in one indivisible step, so no thread can come between them: released by
//! the same barrier at once, the threads lose no add.
//!
//! What to notice: the two steps count one add a round, whatever the timing;
//! `fetch_add` counts every add.

use std::sync::Barrier;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

const THREADS: usize = 4;
// Fewer rounds under the checkers, which try far more interleavings (CHECKS.md).
const ROUNDS: u64 = if cfg!(miri) { 3 } else { 100 };

/// Runs `add` `ROUNDS` times on each of `THREADS` threads; returns the counter.
fn count(add: impl Fn(&AtomicU64, &Barrier) + Sync) -> u64 {
    let (counter, barrier) = (AtomicU64::new(0), Barrier::new(THREADS));
    thread::scope(|scope| {
        for _ in 0..THREADS {
            scope.spawn(|| (0..ROUNDS).for_each(|_| add(&counter, &barrier)));
        }
    });
    counter.into_inner()
}

pub fn main() {
    let adds = THREADS as u64 * ROUNDS;
    let two_steps = count(|counter, barrier| {
        let seen = counter.load(Ordering::Relaxed);
        // Every thread has loaded before any thread stores: they all saw the same value.
        // (std's docs promise only that nobody passes the barrier before all arrive; the
        // ordering of loads before stores comes from its `Mutex` and `Condvar` inside.)
        barrier.wait();
        counter.store(seen + 1, Ordering::Relaxed);
    });
    println!("load, wait at the barrier, store: counter = {two_steps} of {adds} adds");
    let one_step = count(|counter, barrier| {
        barrier.wait();
        counter.fetch_add(1, Ordering::Relaxed);
    });
    println!("wait at the barrier, fetch_add: counter = {one_step} of {adds} adds");
    assert_eq!(
        two_steps, ROUNDS,
        "the barrier lets exactly one add a round count"
    );
    assert_eq!(one_step, adds, "the one-step count lost an add");
}
