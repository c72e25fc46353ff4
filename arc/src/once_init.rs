//! One-time initialisation without `static mut` or `lazy_static`: a `static`
//! `OnceLock` holds a value that is built on first use, by whichever thread gets
//! there first. `get_or_init` runs the initialiser exactly once, however many
//! threads arrive at once: the others wait for it to finish, then every thread gets
//! a `&'static` reference to the same value. (`LazyLock` does the same with the
//! initialiser written beside the `static`.)
//!
//! What to notice: every thread sees the table at the same address, and the
//! initialiser ran once, on every run.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// How many threads need the table, all at once.
const THREADS: usize = 8;

/// The table holds the primes below this.
const LIMIT: usize = 500_000;

/// The primes below `LIMIT`, built on first use, then shared by every thread.
static PRIMES: OnceLock<Vec<usize>> = OnceLock::new();

/// How many times the initialiser has run, so main can check it was once.
static RUNS: AtomicUsize = AtomicUsize::new(0);

/// The table, built by the first caller; the callers that arrive while it is being
/// built wait for it, and the ones after take it as it is.
fn primes() -> &'static [usize] {
    PRIMES.get_or_init(|| {
        RUNS.fetch_add(1, Ordering::Relaxed);
        sieve(LIMIT)
    })
}

/// The primes below `limit`, by the sieve of Eratosthenes: milliseconds of work, long
/// enough that the threads that need the table all arrive while it is being built.
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
            // Started one right after another, the threads ask for the table while
            // the first of them is most likely still building it.
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
    // Every thread has had the table by the time its join returns.
    let tables: Vec<&'static [usize]> = handles
        .into_iter()
        .map(|handle| {
            handle
                .join()
                .expect("a thread that needs the table panicked")
        })
        .collect();
    let runs = RUNS.load(Ordering::Relaxed);
    println!("main: {THREADS} threads got the table; it was built {runs} time(s)");
    assert_eq!(runs, 1);
    assert!(tables.iter().all(|table| std::ptr::eq(*table, primes())));
}
