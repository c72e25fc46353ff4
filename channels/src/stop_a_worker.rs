//! How to stop a worker blocked in `recv`: drop the last `Sender`. A stop flag does not
//! wake it: the worker checks the flag only between jobs, and while a `Sender` lives,
//! `recv` waits. Once every `Sender` is gone, `recv` returns `Err(RecvError)`, and that
//! is what stops the worker.
//!
//! What to notice: with the flag set, main waits 20 ms for the worker to say it is
//! waiting again, and that wait times out (`Err(Timeout)`): the worker has neither ended
//! nor come round its loop; it stops only on `Err(RecvError)`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvError, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// How long main gives the stop flag to work: the pause is the lesson.
const GRACE: Duration = Duration::from_millis(20);

pub fn main() {
    let (jobs, queue) = mpsc::channel::<u32>();
    // The worker says here each time it is about to wait in `recv`; its Sender drops,
    // and `waiting` disconnects, when the worker ends.
    let (waiting_tx, waiting) = mpsc::channel();
    let stop = Arc::new(AtomicBool::new(false));
    let worker = thread::spawn({
        let stop = Arc::clone(&stop);
        move || {
            while !stop.load(Ordering::Relaxed) {
                println!("Worker: waiting in recv");
                waiting_tx.send(()).expect("main waits for this");
                match queue.recv() {
                    Ok(job) => println!("Worker: did job {job}"),
                    Err(RecvError) => return "recv returned Err(RecvError)",
                }
            }
            "it saw the stop flag"
        }
    });
    jobs.send(1).expect("the worker is alive");
    // The second time, the worker has done job 1 and checked the flag: it is about to
    // block, and cannot return from `recv` while `jobs` lives and holds nothing.
    waiting.recv().expect("the worker says when it waits");
    waiting.recv().expect("the worker says when it waits");
    stop.store(true, Ordering::Relaxed);
    let after_flag = waiting.recv_timeout(GRACE);
    println!(
        "Main: stop flag set; main's recv_timeout, {GRACE:?} for the worker's next \
         \"waiting in recv\", gives {after_flag:?}: the worker is still in recv"
    );
    println!("Main: dropping the last Sender");
    drop(jobs);
    let stopped = worker.join().expect("the worker panicked");
    println!("Main: the worker stopped because {stopped}");

    assert_eq!(after_flag, Err(RecvTimeoutError::Timeout));
    assert_eq!(stopped, "recv returned Err(RecvError)");
}
