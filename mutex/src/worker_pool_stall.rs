//! Workers that take jobs with `while let` hold the queue's lock while a job runs, so
//! the pool runs one job at a time. Two workers share `Arc<Mutex<Receiver<Job>>>`, as in
//! the Rust Book's web server. `let Ok(job) = rx.lock().unwrap().recv() else { break };`
//! unlocks at its `;`, before the job runs; `while let Ok(job) = rx.lock().unwrap().recv()`
//! keeps the guard through the loop's body (see `guard_lifetimes.rs`).
//!
//! The two jobs must meet at a `Barrier`, which makes the difference certain. The `let`
//! pool always finishes: its ending is the proof. The `while let` pool always stalls:
//! job 1 waits at the barrier holding the lock, and job 2 stays in the queue. A watchdog
//! that hears of no finished job for 20 ms reports the stall, then takes the missing
//! place at the barrier once for each job, so that every thread ends.
//!
//! What to notice: in the `let` pool both jobs wait at the barrier before either
//! passes it; in the `while let` pool job 2 starts only after the watchdog let job 1 through.

use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Barrier, Mutex};
use std::thread;
use std::time::Duration;

type Job = Box<dyn FnOnce() + Send + 'static>;

const WORKERS: usize = 2;
const JOBS: usize = 2;
const DEADLINE: Duration = Duration::from_millis(20);

pub fn main() {
    run_pool("`let job` pool", None, |rx| {
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
    assert!(while_let_stalled, "the `while let` pool stalls every time");
}

/// Runs `JOBS` jobs that must meet at a barrier on `WORKERS` workers, and says whether
/// the pool stalled: only a pool with a `watchdog` deadline can be called stalled.
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
            println!("{name}: job {job} waits at the barrier");
            meet.wait();
            println!("{name}: job {job} is past the barrier");
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
                "{name}: the watchdog: no job finished in time, the pool is stalled; \
                 it takes the other place at the barrier, once for each job left"
            );
            // The jobs left now run one at a time, each meeting the watchdog.
            for _ in done..JOBS {
                meet.wait();
            }
            finished_rx.recv().expect("run_pool still holds a sender");
        }
    }
    if stalled {
        println!("{name}: the watchdog: both jobs finished, one at a time, each with its help");
    } else {
        println!("{name}: both jobs finished, side by side");
    }
    for worker in workers {
        worker.join().expect("a worker thread panicked");
    }
    stalled
}
