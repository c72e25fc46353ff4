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
const CELLS: usize = 100_000;

static INIT_RUNS: AtomicUsize = AtomicUsize::new(0);

/// The squares below 1,000, and the thread that built them.
static SQUARES: LazyLock<(ThreadId, Vec<u64>)> = LazyLock::new(|| {
    INIT_RUNS.fetch_add(1, Ordering::Relaxed);
    (thread::current().id(), (0..1_000).map(|n| n * n).collect())
});

/// What one racing thread saw.
struct Seen {
    me: ThreadId,
    builder: ThreadId,
    /// The cells whose `set` returned `Ok` to this thread.
    won: Vec<usize>,
    /// How many `Err`s held the value this thread offered.
    own_back: usize,
}

pub fn main() {
    let runs = INIT_RUNS.load(Ordering::Relaxed);
    println!("before first use: the initialiser has run {runs} time(s)");
    let cells: Vec<OnceLock<usize>> = (0..CELLS).map(|_| OnceLock::new()).collect();
    let empty = cells.iter().filter(|cell| cell.get().is_none()).count();
    println!("OnceLock::get before any set: None in {empty} of {CELLS}");

    let seen: Vec<Seen> = thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|offer| {
                let cells = &cells;
                scope.spawn(move || {
                    // The first use: whichever thread gets here first runs the initialiser.
                    let builder = SQUARES.0;
                    let (mut won, mut own_back) = (Vec::new(), 0);
                    for (i, cell) in cells.iter().enumerate() {
                        match cell.set(offer) {
                            Ok(()) => won.push(i),
                            Err(back) => own_back += usize::from(back == offer),
                        }
                    }
                    let me = thread::current().id();
                    Seen {
                        me,
                        builder,
                        won,
                        own_back,
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a racing thread panicked"))
            .collect()
    });

    let runs = INIT_RUNS.load(Ordering::Relaxed);
    let builder = seen[0].builder;
    let on_a_thread =
        seen.iter().all(|s| s.builder == builder) && seen.iter().any(|s| s.me == builder);
    println!("{THREADS} threads used SQUARES: built {runs} time(s), by one of them: {on_a_thread}");
    let (mut wins, mut holds_winner) = (vec![0; CELLS], 0);
    for (offer, thread) in seen.iter().enumerate() {
        for &i in &thread.won {
            wins[i] += 1;
            holds_winner += usize::from(cells[i].get() == Some(&offer));
        }
    }
    let one_winner = wins.iter().filter(|&&n| n == 1).count();
    let own_back: usize = seen.iter().map(|s| s.own_back).sum();
    let losers = THREADS * CELLS - wins.iter().sum::<usize>();
    println!("OnceLocks set by exactly one thread: {one_winner} of {CELLS}");
    println!("set calls that got Err with their own value back: {own_back} of {losers}");
    println!("OnceLock::get after: the winner's value in {holds_winner} of {CELLS}");
    let shares: Vec<usize> = seen.iter().map(|s| s.won.len()).collect();
    eprintln!("OnceLocks won, thread by thread: {shares:?}");
    assert!(runs == 1 && on_a_thread);
    assert_eq!((one_winner, holds_winner), (CELLS, CELLS));
    assert_eq!(own_back, (THREADS - 1) * CELLS);
}
