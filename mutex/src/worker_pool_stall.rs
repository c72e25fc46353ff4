//! A worker that takes jobs with `while let` holds the queue's lock while its job runs,
//! so the pool runs one job at a time; jobs that wait on each other then stall it. Two
//! workers share `Arc<Mutex<Receiver<Job>>>`, as in the Rust Book's web server.
//! `let Ok(job) = rx.lock().unwrap().recv() else { break };` unlocks at its `;`, before
//! the job runs; `while let Ok(job) = rx.lock().unwrap().recv()` keeps the guard through
//! the loop's body (see `guard_lifetimes.rs`).
//!
//! Here the two jobs wait on each other: they must meet at a `Barrier`. The `let` pool
//! always finishes, and its ending is the proof. The `while let` pool always stalls:
//! job 1 waits at the barrier holding the lock, and job 2 stays in the queue. A watchdog
//! that hears of no finished job for 20 ms reports the stall, then waits at the barrier
//! itself with each job left in turn, so that every thread ends.
//!
//! What to notice: in the `let` pool both jobs wait at the barrier before either
//! passes it, each on its own worker (the `ThreadId` on its lines); in the `while let`
//! pool job 2 starts only after the watchdog has waited at the barrier with job 1.

use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Barrier, Mutex};
use std::thread;
use std::time::Duration;

type Job = Box<dyn FnOnce() + Send + 'static>;

const WORKERS: usize = 2;
const JOBS: usize = 2;
const DEADLINE: Duration = Duration::from_millis(20);

pub fn main() {
    let let_job_stalled = run_pool("`let job` pool", None, |rx| {
        loop {
            // The guard drops at the `;`: the other worker may take a job while this one runs.
            let Ok(job) = rx.lock().unwrap().recv() else {
                break;
            };
            job();
        }
    });
    let while_let_stalled = run_pool("`while let` pool", Some(DEADLINE), |rx| {
        while let Ok(job) = rx.lock().unwrap().recv() {
            job();
        }
    });
    assert!(!let_job_stalled && while_let_stalled);
}

/// Runs `JOBS` jobs that must meet at a barrier on `WORKERS` workers, and says whether
/// the pool stalled: only a pool with a `watchdog` deadline can be called stalled, and
/// one without is proved by its ending.
fn run_pool(
    name: &'static str,
    watchdog: Option<Duration>,
    worker: fn(&Mutex<Receiver<Job>>),
) -> bool {
    let (jobs, rx) = mpsc::channel::<Job>();
    let rx = Arc::new(Mutex::new(rx));
    let meet = Arc::new(Barrier::new(JOBS));
    let (finished, finished_rx) = mpsc::channel();

    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let rx = Arc::clone(&rx);
            thread::spawn(move || worker(&rx))
        })
        .collect();
    for job in 1..=JOBS {
        let (meet, finished) = (Arc::clone(&meet), finished.clone());
        jobs.send(Box::new(move || {
            let worker = thread::current().id();
            println!("{name}, {worker:?}: job {job} waits at the barrier");
            meet.wait();
            println!("{name}, {worker:?}: job {job} is past the barrier");
            finished.send(()).expect("run_pool is listening");
        }))
        .expect("the workers are listening");
    }
    // Once the queue is empty, each worker's `recv` fails and it ends.
    drop(jobs);

    let mut stalled = false;
    for done in 0..JOBS {
        let finished_in_time = match watchdog {
            Some(deadline) if !stalled => finished_rx.recv_timeout(deadline).is_ok(),
            _ => finished_rx.recv().is_ok(),
        };
        if !finished_in_time {
            stalled = true;
            println!(
                "{name}: the watchdog: no job finished in {DEADLINE:?}, so the pool is stalled; \
                 it waits at the barrier itself, with each job left in turn"
            );
            for _ in done..JOBS {
                meet.wait();
            }
            finished_rx.recv().expect("run_pool still holds a sender");
        }
    }
    if stalled {
        println!("{name}: the watchdog: both jobs finished, one at a time");
    } else {
        println!("{name}: both jobs finished, side by side");
    }
    for worker in workers {
        worker.join().expect("a worker thread panicked");
    }
    stalled
}
