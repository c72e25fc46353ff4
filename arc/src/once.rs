//! `Once` is one-time initialisation with no value inside: the setup of something that
//! lives elsewhere, such as a logger or a C library's global state. (`OnceLock`, in
//! `once_init.rs`, is the form that holds the value.) `call_once` runs its closure the
//! first time; a thread that arrives while it runs waits for it, and one that arrives
//! later returns at once. Either way, when `call_once` returns, the closure has finished
//! and its writes are visible. `is_completed` says whether that has happened yet.
//!
//! What to notice: the closure ran once, although every thread called `call_once`;
//! each thread saw the setup done as soon as its `call_once` returned.

use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Barrier, Once};
use std::thread;

/// Callers, not a split of the work: a fixed number, so that even one core has a race.
const THREADS: usize = 8;

static SETUP: Once = Once::new();
static RUNS: AtomicUsize = AtomicUsize::new(0);
/// What the setup configures: 0 until it has run.
static LEVEL: AtomicU32 = AtomicU32::new(0);

fn setup() {
    SETUP.call_once(|| {
        RUNS.fetch_add(1, Ordering::Relaxed);
        LEVEL.store(3, Ordering::Relaxed);
    });
}

pub fn main() {
    let before = SETUP.is_completed();
    println!("before any call: is_completed = {before}");
    let start = Barrier::new(THREADS);
    let saw_it_done: Vec<bool> = thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                scope.spawn(|| {
                    // Released together, so that they race to `call_once`.
                    start.wait();
                    setup();
                    SETUP.is_completed() && LEVEL.load(Ordering::Relaxed) == 3
                })
            })
            .collect();
        let joined = handles.into_iter();
        joined
            .map(|h| h.join().expect("a setup thread panicked"))
            .collect()
    });
    let runs = RUNS.load(Ordering::Relaxed);
    let done = saw_it_done.iter().filter(|&&saw| saw).count();
    println!("{THREADS} threads called call_once; runs of its closure: {runs}");
    println!("threads that saw the setup done as call_once returned: {done} of {THREADS}");
    println!("after: is_completed = {}", SETUP.is_completed());
    assert!(!before && SETUP.is_completed());
    assert_eq!((runs, done), (1, THREADS));
}
