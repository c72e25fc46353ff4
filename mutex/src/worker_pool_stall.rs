//! A worker pool whose workers take jobs with `while let` runs one job at a time. Two
//! workers share one job queue, `Arc<Mutex<Receiver<Job>>>`, as in the Rust Book's
//! web server. A worker that takes its job with
//! `let job = rx.lock().unwrap().recv();` unlocks at the `;`, before the job runs, so
//! the other worker can take the next job. A worker written as
//! `while let Ok(job) = rx.lock().unwrap().recv() { job() }` keeps the guard, and the
//! lock, through the loop's body (see `guard_lifetimes.rs`): while its job runs, no
//! other worker can take a job. (In a `loop`, `let Ok(job) = rx.lock().unwrap().recv()
//! else { break };` is as good as the `let`: it too drops the guard at its `;`.)
//!
//! To make that certain rather than slow, the two jobs must meet at a `Barrier`: each
//! waits there until the other arrives. With `let job`, both jobs run and meet, on
//! any machine under any load: the pool needs no watchdog, and joining its workers is
//! the proof. With `while let`, the first job waits at the barrier holding the lock,
//! and the second job stays in the queue: the pool stalls, every time. A watchdog
//! notices that no job finished within 20 ms, reports the stall, and then stands in
//! for the missing job at the barrier, once for each job, so that every thread ends
//! and is joined. The stall is certain, so the deadline only sets how long the
//! watchdog waits before it says so: no machine is too slow for it.
//!
//! What to notice: in the `let job` pool both jobs wait at the barrier before either
//! passes it. In the `while let` pool job 2 does not even start until the watchdog
//! has let job 1 through.

use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Barrier, Mutex};
use std::thread;
use std::time::Duration;

/// A job for the pool: any closure that can run on another thread, once.
type Job = Box<dyn FnOnce() + Send + 'static>;

/// How many workers share the queue, and how many jobs must meet at the barrier.
const WORKERS: usize = 2;
const JOBS: usize = 2;

/// How long the watchdog waits for a job to finish before it calls the pool stalled.
const DEADLINE: Duration = Duration::from_millis(20);

pub fn main() {
    // No watchdog: this pool cannot stall, so `run_pool` returns once both jobs are done.
    run_pool("`let job` pool", None, |rx| {
        loop {
            // The guard is a temporary of this `let`: the lock is released at the `;`,
            // before the job runs, so the other worker can take the next job meanwhile.
            let job = rx.lock().unwrap().recv();
            match job {
                Ok(job) => job(),
                // Every sender is gone and the queue is empty: this worker is done.
                Err(_) => break,
            }
        }
    });
    let while_let_stalled = run_pool("`while let` pool", Some(DEADLINE), |rx| {
        // The guard lives through the whole body: the lock is held while the job runs.
        while let Ok(job) = rx.lock().unwrap().recv() {
            job();
        }
    });
    assert!(while_let_stalled, "the `while let` pool stalls every time");
}

/// Runs `JOBS` jobs that must meet at a barrier on `WORKERS` workers that each run
/// `worker`, and says whether the pool stalled. With a `watchdog` deadline, a pool in
/// which no job finishes in time is called stalled and helped through; without one,
/// this waits for the jobs however long they take.
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
            // Each worker owns a clone of the `Arc`: all of them share one queue.
            thread::spawn(move || worker(&rx))
        })
        .collect();
    for job in 1..=JOBS {
        let (meet, finished) = (Arc::clone(&meet), finished.clone());
        // The queue holds the job until a worker takes it.
        jobs.send(Box::new(move || {
            println!("{name}: job {job} waits at the barrier");
            // Go on only once the other job is here too: both must run at the same time.
            meet.wait();
            println!("{name}: job {job} is past the barrier");
            // Tell whoever is watching: one more job done.
            finished.send(()).expect("run_pool is listening");
        }))
        .expect("the workers are listening");
    }
    // No more jobs: once the queue is empty, each worker's `recv` fails and it ends.
    drop(jobs);

    let mut stalled = false;
    for done in 0..JOBS {
        let finished_in_time = match watchdog {
            // Until it has seen a stall, the watchdog gives each job `deadline`.
            Some(deadline) if !stalled => finished_rx.recv_timeout(deadline).is_ok(),
            // No watchdog, or the stall is known: wait for the job as long as it takes.
            _ => finished_rx.recv().is_ok(),
        };
        if !finished_in_time {
            stalled = true;
            println!(
                "{name}: the watchdog: no job finished in time, the pool is stalled; \
                 it takes the other place at the barrier, once for each job left"
            );
            // The jobs left now run one at a time: each waits alone at the barrier
            // until the watchdog meets it there.
            for _ in done..JOBS {
                meet.wait();
            }
            // Past the barrier, the job that was waiting finishes at once.
            finished_rx.recv().expect("run_pool still holds a sender");
        }
    }
    if stalled {
        println!("{name}: the watchdog: both jobs finished, one at a time, each with its help");
    } else {
        println!("{name}: both jobs finished, side by side");
    }

    // Each worker ends once the queue is empty and closed: join them all.
    for worker in workers {
        worker.join().expect("a worker thread panicked");
    }
    stalled
}
