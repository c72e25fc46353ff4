//! The store-buffer litmus test: thread A runs `X = 1; r1 = Y`, thread B runs
//! `Y = 1; r2 = X`, from `X = Y = 0`. Can both loads see 0? If every run is one
//! interleaving of the four steps, each thread's in its own order (sequential
//! consistency), no: the program lists all 6, and in each the last step is a load
//! made after both stores. `SeqCst` on every access, or `fence(SeqCst)` between each
//! thread's store and load, promises a run of that kind, so (0, 0) never happens.
//! `Relaxed` and `Release`/`Acquire` allow it, and x86-64 shows it when the threads run
//! at once: a store waits in the core's store buffer while the load after it runs. (A
//! `SeqCst` store is `xchg` there, which drains the buffer; the others are a `mov`.)
//!
//! Beware the lesson this machine could teach wrongly: a `SeqCst` store with a
//! `Relaxed` load also gives 0 here, but the model allows (0, 0) for it, and other
//! processors show it.
//!
//! Each round uses fresh slots, and the two threads meet at a spin barrier first. The
//! counts of the allowed outcome go to stderr, with the architecture: they are facts
//! about this processor, not about Rust, and 0 is as correct as any (one core shows 0).
//!
//! What to notice: none of the 6 interleavings ends in (0, 0), and neither did any
//! round under `SeqCst` or the fences.

use std::env::consts::ARCH;
use std::hint;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering, fence};
use std::thread;
use std::time::{Duration, Instant};

/// Rounds per ordering, unless the time runs out first (on one core, or a loaded machine).
const MAX_ROUNDS: usize = 100_000;
const BUDGET: Duration = Duration::from_millis(50);
/// How often a waiting thread spins before it yields: on one core, the thread it waits
/// for needs the core.
const SPINS: u32 = 100;

const A: [&str; 2] = ["X = 1", "r1 = Y"];
const B: [&str; 2] = ["Y = 1", "r2 = X"];

/// Every interleaving of A's and B's steps, each thread's in its order, and its (r1, r2).
fn interleavings() -> Vec<(String, (u32, u32))> {
    let mut runs = Vec::new();
    for first in 0..4 {
        for second in first + 1..4 {
            // A's steps go at positions `first` and `second`, B's in the other two.
            let (mut a, mut b) = (A.iter(), B.iter());
            let steps: Vec<&str> = (0..4)
                .map(|i| {
                    if i == first || i == second {
                        a.next()
                    } else {
                        b.next()
                    }
                })
                .map(|step| *step.expect("two steps each"))
                .collect();
            let (mut x, mut y, mut r1, mut r2) = (0, 0, 0, 0);
            for &step in &steps {
                match step {
                    "X = 1" => x = 1,
                    "Y = 1" => y = 1,
                    "r1 = Y" => r1 = y,
                    _ => r2 = x,
                }
            }
            runs.push((steps.join("; "), (r1, r2)));
        }
    }
    runs
}

#[derive(Default)]
struct Slots {
    x: AtomicU32,
    y: AtomicU32,
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

/// One thread's side: a store, maybe a fence, then a load, on each round's fresh slots.
/// The `leader` decides at which round both stop; the barrier shows the other that
/// round before it gets there.
fn side(
    rounds: &[Slots],
    (arrivals, stop_at): (&AtomicUsize, &AtomicUsize),
    leader: bool,
    step: impl Fn(&Slots) -> u32,
) -> Vec<u32> {
    let start = Instant::now();
    let mut loaded = Vec::new();
    for (round, slots) in rounds.iter().enumerate() {
        if leader && round > 0 && start.elapsed() > BUDGET {
            stop_at.store(round, Ordering::Relaxed);
        }
        meet(arrivals, round);
        if round >= stop_at.load(Ordering::Relaxed) {
            break;
        }
        loaded.push(step(slots));
    }
    loaded
}

/// Runs the litmus test; returns how many rounds ended in (0, 0), and how many ran.
fn litmus(store: Ordering, load: Ordering, fenced: bool) -> (usize, usize) {
    let rounds: Vec<Slots> = (0..MAX_ROUNDS).map(|_| Slots::default()).collect();
    let sync = (&AtomicUsize::new(0), &AtomicUsize::new(MAX_ROUNDS));
    // Each thread stores 1 to its own variable, then loads the other's.
    let step = |mine: &AtomicU32, other: &AtomicU32| {
        mine.store(1, store);
        if fenced {
            fence(Ordering::SeqCst);
        }
        other.load(load)
    };
    let (r1, r2) = thread::scope(|scope| {
        let a = scope.spawn(|| side(&rounds, sync, true, |s| step(&s.x, &s.y)));
        let b = scope.spawn(|| side(&rounds, sync, false, |s| step(&s.y, &s.x)));
        let r1 = a.join().expect("thread A panicked");
        (r1, b.join().expect("thread B panicked"))
    });
    let both_zero = r1
        .iter()
        .zip(&r2)
        .filter(|&(&r1, &r2)| (r1, r2) == (0, 0))
        .count();
    (both_zero, r1.len())
}

pub fn main() {
    let runs = interleavings();
    println!("the {} sequentially consistent interleavings:", runs.len());
    for (steps, (r1, r2)) in &runs {
        println!("  {steps}  ->  (r1, r2) = ({r1}, {r2})");
    }
    let none = runs.iter().all(|(_, outcome)| *outcome != (0, 0));
    println!("none of them ends in (0, 0): {none}");
    assert!(none && runs.len() == 6);

    use Ordering::{Acquire, Relaxed, Release, SeqCst};
    for (name, store, load) in [
        ("Relaxed", Relaxed, Relaxed),
        ("Release/Acquire", Release, Acquire),
    ] {
        let (k, n) = litmus(store, load, false);
        eprintln!(
            "{ARCH}: (0, 0) under {name}: seen {k} times in {n} rounds; allowed, and k = 0 is also correct"
        );
    }
    for (name, store, load, fenced) in [
        ("SeqCst", SeqCst, SeqCst, false),
        ("Relaxed with fence(SeqCst)", Relaxed, Relaxed, true),
    ] {
        let (k, n) = litmus(store, load, fenced);
        eprintln!("{ARCH}: (0, 0) under {name}: seen {k} times in {n} rounds; forbidden");
        assert_eq!(k, 0, "(0, 0) under {name}, which forbids it");
        println!("(0, 0) under {name}: never, as the model requires");
    }
}
