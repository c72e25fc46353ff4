//! A `static` initialised once, with or without a closure at hand. A `LazyLock` keeps
//! its initialiser beside the `static` and runs it once, on first use, on whichever
//! thread gets there first. A `OnceLock` is given its value later, with `set`: when
//! threads race to set it, exactly one gets `Ok`, and every other gets `Err` holding
//! the value it offered, to use or drop. (`get_or_init`, in `once_init.rs`, is the
//! closure form.) The race runs on 100,000 fresh `OnceLock`s, so that a `set` that
//! let two threads win would show.
//!
//! What to notice: the initialiser had not run before first use, and ran once, on
//! one of the threads; each `OnceLock` had one winner and holds the winner's value.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};
use std::thread::{self, ThreadId};

/// Callers, not a split of the work: a fixed number, so that even one core has a race.
const THREADS: usize = 8;
// Fewer under the checkers, which try far more interleavings (CHECKS.md).
const CELLS: usize = if cfg!(miri) { 3 } else { 100_000 };

static INIT_RUNS: AtomicUsize = AtomicUsize::new(0);

/// The squares below 1,000, and the thread that built them.
static SQUARES: LazyLock<(ThreadId, Vec<u64>)> = LazyLock::new(|| {
    INIT_RUNS.fetch_add(1, Ordering::Relaxed);
    (thread::current().id(), (0..1_000).map(|n| n * n).collect())
});

pub fn main() {
    let runs = INIT_RUNS.load(Ordering::Relaxed);
    println!("initialiser runs before first use: {runs}");
    let cells: Vec<OnceLock<usize>> = (0..CELLS).map(|_| OnceLock::new()).collect();
    let empty = cells.iter().filter(|cell| cell.get().is_none()).count();
    println!("OnceLocks that get() finds empty before any set: {empty} of {CELLS}");

    // Thread `t` offers the value `t` to every cell, and keeps what each `set` returned.
    let (built_here, sets): (Vec<bool>, Vec<Vec<Result<(), usize>>>) = thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let cells = &cells;
                scope.spawn(move || {
                    // The first use: whichever thread gets here first runs the initialiser.
                    // `force` is what `*SQUARES` does, with the moment named.
                    let (builder, _) = LazyLock::force(&SQUARES);
                    let built_here = *builder == thread::current().id();
                    (built_here, cells.iter().map(|cell| cell.set(t)).collect())
                })
            })
            .collect();
        let joined = handles
            .into_iter()
            .map(|h| h.join().expect("a racing thread panicked"));
        joined.unzip()
    });

    let runs = INIT_RUNS.load(Ordering::Relaxed);
    let builders = built_here.iter().filter(|&&b| b).count();
    println!(
        "initialiser runs after {THREADS} threads used SQUARES: {runs}, on one of those threads: {}",
        builders == 1
    );
    // Cell by cell, the threads whose `set` returned `Ok`.
    let winners: Vec<Vec<usize>> = (0..CELLS)
        .map(|i| (0..THREADS).filter(|&t| sets[t][i].is_ok()).collect())
        .collect();
    let one_winner = winners.iter().filter(|w| w.len() == 1).count();
    let holds_winner = cells
        .iter()
        .zip(&winners)
        .filter(|(cell, w)| cell.get() == w.first())
        .count();
    let own_back = (0..THREADS)
        .map(|t| sets[t].iter().filter(|&&r| r == Err(t)).count())
        .sum::<usize>();
    let losers = (THREADS - 1) * CELLS;
    println!("OnceLocks whose set returned Ok to exactly one thread: {one_winner} of {CELLS}");
    println!("other set calls that got Err with their own value back: {own_back} of {losers}");
    println!("OnceLocks whose get() now gives the winner's value: {holds_winner} of {CELLS}");
    assert_eq!((runs, builders), (1, 1));
    assert_eq!((one_winner, holds_winner), (CELLS, CELLS));
    assert_eq!(own_back, losers);
}
