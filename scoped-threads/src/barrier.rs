//! A `Barrier` for `THREADS` threads holds each thread in `wait` until all of them
//! have called it, so that no thread begins phase 2 before every thread has finished
//! phase 1. In each round, `wait` tells exactly one thread that it is the leader.
//! The workers are named scoped threads, started by `Builder::spawn_scoped`.
//!
//! What to notice: within a phase the workers' lines come in any order, but every
//! line of phase 1 comes before any line of phase 2; each phase has one leader,
//! whichever worker it was in this run (on stderr).

use std::sync::Barrier;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

const THREADS: usize = 3;
const PHASES: usize = 3;

pub fn main() {
    let barrier = Barrier::new(THREADS);
    let finished = AtomicUsize::new(0);
    let mut leaders = [0; PHASES];
    thread::scope(|scope| {
        let workers: Vec<_> = (1..=THREADS)
            .map(|worker| {
                let (barrier, finished) = (&barrier, &finished);
                let work = move || {
                    let me = thread::current();
                    let name = me.name().expect("a named worker");
                    // For each phase: how many phase ends all workers had counted
                    // when `wait` returned, and whether this worker led.
                    let mut seen = Vec::new();
                    for phase in 1..=PHASES {
                        println!("{name}: in phase {phase}");
                        finished.fetch_add(1, Ordering::Relaxed);
                        let wait = barrier.wait();
                        // std's docs promise only that nobody passes before all
                        // arrive. Its `Barrier` is a `Mutex` and a `Condvar`, so in
                        // practice all a thread did before `wait` happens before what
                        // any thread does after it; this count relies on that.
                        seen.push((finished.load(Ordering::Relaxed), wait.is_leader()));
                    }
                    seen
                };
                thread::Builder::new()
                    .name(format!("worker {worker}"))
                    .spawn_scoped(scope, work)
                    .expect("the OS could not start a thread")
            })
            .collect();
        for (worker, handle) in (1..=THREADS).zip(workers) {
            let name = handle.thread().name().expect("a named worker").to_owned();
            assert_eq!(name, format!("worker {worker}"));
            let seen = handle.join().expect("a worker panicked");
            for (phase, (done, leader)) in (1..=PHASES).zip(seen) {
                assert!(done >= THREADS * phase, "{name} left phase {phase} early");
                if leader {
                    leaders[phase - 1] += 1;
                    // Which worker leads changes from run to run: stderr.
                    eprintln!("Main thread: {name} was the leader of phase {phase}");
                }
            }
        }
    });
    println!("Main thread: how many leaders each phase had: {leaders:?}");
    assert_eq!(leaders, [1; PHASES]);
}
