//! A worker pool with a clean shutdown, as the Rust Book's final pool: the workers share
//! one job queue, and dropping the pool closes the queue and joins every worker. The
//! `Receiver` cannot be cloned (mpsc has a single consumer, and std's mpmc channel is not
//! stable), so the workers share it as an `Arc<Mutex<Receiver<Job>>>`. One thing more
//! than the Book: a job that panics does not take its worker down. The worker catches
//! the panic and takes the next job, so `drop`'s joins all succeed.
//!
//! What to notice: each job is done once, by whichever worker (`ThreadId`) was free;
//! job 3's panic message (on stderr) names the worker that took it (`'worker 1'`, or
//! another: which one varies from run to run), whose line says it caught job 3's panic; each join line pairs a `ThreadId` with its worker's name, and
//! comes after that worker's last line; main then finds every other job's result
//! waiting. The jobs each worker took (on stderr) vary from run to run.

use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

const JOBS: usize = 8;
/// The job that panics.
const PANICKING_JOB: usize = 3;

/// A job, and its number: 1 for the first one queued, 2 for the next, and so on.
type Job = (usize, Box<dyn FnOnce() + Send + 'static>);

struct ThreadPool {
    workers: Vec<Worker>,
    /// The queue's only `Sender`: `None` once `drop` has closed the queue.
    sender: Option<Sender<Job>>,
    /// How many jobs have been queued.
    queued: usize,
}

impl ThreadPool {
    fn new(size: usize) -> ThreadPool {
        let (sender, receiver) = mpsc::channel();
        let receiver = Arc::new(Mutex::new(receiver));
        let workers = (1..=size)
            .map(|id| Worker::new(id, Arc::clone(&receiver)))
            .collect();
        ThreadPool {
            workers,
            sender: Some(sender),
            queued: 0,
        }
    }

    fn execute(&mut self, job: impl FnOnce() + Send + 'static) {
        self.queued += 1;
        let sender = self.sender.as_ref().expect("the queue is open until drop");
        sender
            .send((self.queued, Box::new(job)))
            .expect("the workers run until drop");
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        // Each worker finishes the jobs already queued, then its `recv` fails.
        drop(self.sender.take());
        let mut taken = Vec::new();
        for Worker { id, thread } in self.workers.drain(..) {
            let thread_id = thread.thread().id();
            let jobs = thread.join().expect("a worker catches its jobs' panics");
            // The name is the one a panic message on stderr gives: `thread 'worker 1'`.
            println!("Main: joined {thread_id:?}, thread 'worker {id}'");
            taken.push(format!("worker {id}: {jobs}"));
        }
        // Whichever worker is free takes the next job, so this varies: stderr.
        eprintln!("Main: jobs taken per worker: {}", taken.join(", "));
    }
}

struct Worker {
    id: usize,
    /// Returns how many jobs the worker took.
    thread: JoinHandle<usize>,
}

impl Worker {
    fn new(id: usize, receiver: Arc<Mutex<Receiver<Job>>>) -> Worker {
        let thread = thread::Builder::new()
            .name(format!("worker {id}"))
            .spawn(move || {
                let mut taken = 0;
                loop {
                    // `let`, not `while let`: the guard is a temporary of this statement,
                    // so the lock is released at the `;`, before the job runs (see
                    // mutex's worker-pool-stall).
                    let message = receiver.lock().expect("no job runs under the lock").recv();
                    let Ok((number, job)) = message else {
                        return taken;
                    };
                    taken += 1;
                    // `AssertUnwindSafe`: after a panic the worker touches nothing the job
                    // touched, it only takes the next job.
                    if panic::catch_unwind(AssertUnwindSafe(job)).is_err() {
                        let thread_id = thread::current().id();
                        println!("{thread_id:?}: caught job {number}'s panic; on to the next job");
                    }
                }
            })
            .expect("the OS starts a thread");
        Worker { id, thread }
    }
}

pub fn main() {
    let size = thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(JOBS);
    println!("Main: starting a pool of size {size}");
    let mut pool = ThreadPool::new(size);
    let (results_tx, results) = mpsc::channel();
    for job in 1..=JOBS {
        let results = results_tx.clone();
        pool.execute(move || {
            if job == PANICKING_JOB {
                panic!("job {job} panics, as a job with a bug may");
            }
            println!("{:?}: did job {job}", thread::current().id());
            results.send(job).expect("main keeps the Receiver");
        });
    }
    drop(pool);

    // `try_iter` never waits: once `drop(pool)` has joined every worker, every job has run.
    let mut done: Vec<usize> = results.try_iter().collect();
    done.sort();
    println!("Main: jobs done: {done:?}");
    let expected: Vec<usize> = (1..=JOBS).filter(|&job| job != PANICKING_JOB).collect();
    assert_eq!(done, expected);
}
