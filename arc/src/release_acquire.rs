//! Publishing data through a flag: the writer stores the data, then the flag with
//! `Release`; the reader loads the flag with `Acquire`, then the data. A reader whose
//! `Acquire` load sees the flag sees the data, because everything written before a
//! `Release` store is visible after an `Acquire` load that reads from it. With a
//! `Relaxed` load of the flag there is no such promise. `threads/src/park_unpark.rs`
//! relies on the same pair.
//!
//! Each round uses a fresh data slot and flag, and the two threads meet at a spin
//! barrier first, so that the reader looks while the writer writes. This shows the
//! guarantee, not what happens without it. With `Relaxed` for the pair, the model
//! allows a reader to see the flag and miss the data: a weakly ordered processor
//! (AArch64, say) or the compiler may, in effect, read the data before the flag, or
//! write the flag before the data. x86-64 hardware never does, since it keeps stores in
//! order and loads in order, so there, with today's compiler, even `Relaxed` prints 0. (Swapping the reader's two
//! loads in the source is another bug: then the program itself reads the data before
//! the flag, and it fails on every machine.)
//!
//! What to notice: no round saw the flag without the data. The number of rounds,
//! which the machine decides, is on stderr with the processor's architecture.

use std::hint;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// Rounds to run, unless the time runs out first (on one core, or a loaded machine);
/// fewer under the checkers, which try far more interleavings (CHECKS.md).
const MAX_ROUNDS: usize = if cfg!(miri) { 50 } else { 100_000 };
const BUDGET: Duration = Duration::from_millis(50);
/// How often a waiting thread spins before it yields: on one core, the thread it waits
/// for needs the core.
const SPINS: u32 = 100;
const DATA: u64 = 42;

#[derive(Default)]
struct Slot {
    data: AtomicU64,
    ready: AtomicBool,
}

fn wait_until(mut done: impl FnMut() -> bool) {
    let mut spins = 0;
    while !done() {
        if spins < SPINS {
            spins += 1;
            hint::spin_loop();
        } else {
            thread::yield_now();
        }
    }
}

/// A two-party barrier: each thread's `round`-th call returns once both have made it.
fn meet(arrivals: &AtomicUsize, round: usize) {
    arrivals.fetch_add(1, Ordering::AcqRel);
    wait_until(|| arrivals.load(Ordering::Acquire) >= 2 * (round + 1));
}

pub fn main() {
    let slots: Vec<Slot> = (0..MAX_ROUNDS).map(|_| Slot::default()).collect();
    let (arrivals, stop_at) = (AtomicUsize::new(0), AtomicUsize::new(MAX_ROUNDS));
    let (rounds, without_data) = thread::scope(|scope| {
        scope.spawn(|| {
            let start = Instant::now();
            for (round, slot) in slots.iter().enumerate() {
                // The writer decides at which round both stop; the barrier shows the
                // reader that round before it gets there.
                if round > 0 && start.elapsed() > BUDGET {
                    stop_at.store(round, Ordering::Relaxed);
                }
                meet(&arrivals, round);
                if round >= stop_at.load(Ordering::Relaxed) {
                    break;
                }
                slot.data.store(DATA, Ordering::Relaxed);
                slot.ready.store(true, Ordering::Release);
            }
        });
        let reader = scope.spawn(|| {
            let (mut rounds, mut without_data) = (0, 0);
            for (round, slot) in slots.iter().enumerate() {
                meet(&arrivals, round);
                if round >= stop_at.load(Ordering::Relaxed) {
                    break;
                }
                wait_until(|| slot.ready.load(Ordering::Acquire));
                let data = slot.data.load(Ordering::Relaxed);
                rounds += 1;
                without_data += usize::from(data != DATA);
            }
            (rounds, without_data)
        });
        reader.join().expect("the reader panicked")
    });
    let arch = std::env::consts::ARCH;
    eprintln!("{arch}: {rounds} rounds, each on a fresh slot");
    println!("rounds in which the reader saw the flag but not the data: {without_data}");
    assert_eq!(without_data, 0);
}
