//! One-time initialisation without `static mut` or `lazy_static`: a `static`
//! `OnceLock` is built on first use, by whichever thread gets there first.
//! `get_or_init` runs the initialiser once, however many threads arrive at once: the
//! others wait for it, then every thread gets a `&'static` to the same value.
//!
//! What to notice: every thread sees the table at the same address, and the
//! initialiser ran once, on every run.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// Callers, not a split of the work: a fixed number, so that even one core has a race.
const THREADS: usize = 8;
// Fewer under the checkers, which try far more interleavings (CHECKS.md).
const LIMIT: usize = if cfg!(miri) { 100 } else { 500_000 };

static PRIMES: OnceLock<Vec<usize>> = OnceLock::new();
static RUNS: AtomicUsize = AtomicUsize::new(0);

fn primes() -> &'static [usize] {
    PRIMES.get_or_init(|| {
        RUNS.fetch_add(1, Ordering::Relaxed);
        sieve(LIMIT)
    })
}

/// The primes below `limit`: milliseconds of work, so the other threads arrive while
/// the first is still building the table.
fn sieve(limit: usize) -> Vec<usize> {
    let mut composite = vec![false; limit];
    let mut primes = Vec::new();
    for n in 2..limit {
        if !composite[n] {
            primes.push(n);
            for multiple in (2 * n..limit).step_by(n) {
                composite[multiple] = true;
            }
        }
    }
    primes
}

pub fn main() {
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            thread::spawn(|| {
                let primes = primes();
                let thread_id = thread::current().id();
                println!(
                    "{thread_id:?}: {} primes below {LIMIT}, the table at {:p}",
                    primes.len(),
                    primes.as_ptr()
                );
                primes
            })
        })
        .collect();
    let tables: Vec<&'static [usize]> = handles
        .into_iter()
        .map(|handle| {
            handle
                .join()
                .expect("a thread that needs the table panicked")
        })
        .collect();
    let runs = RUNS.load(Ordering::Relaxed);
    println!("main: {THREADS} threads got the table; runs of its initialiser: {runs}");
    assert_eq!(runs, 1);
    assert!(tables.iter().all(|table| std::ptr::eq(*table, primes())));
}
