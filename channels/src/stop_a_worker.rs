//! How to stop a worker blocked in `recv`: drop the last `Sender`. A stop flag does not
//! wake it: the worker checks the flag only between jobs, and while a `Sender` lives,
//! `recv` waits. Once every `Sender` is gone, `recv` returns `Err(RecvError)`, and that
//! is what stops the worker. A receiver that must not block tells "nothing yet" from
//! "nothing ever again": `recv_timeout` returns `Timeout` or `Disconnected`, `try_recv`
//! `Empty` or `Disconnected`, and a polling loop stops on `Disconnected`.
//!
//! What to notice: with the flag set, the worker is still blocked (`is_finished: false`),
//! and it stops only on `Err(RecvError)`. `recv_timeout` returns `Disconnected` at
//! once, although it was given a minute.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvError, RecvTimeoutError, TryRecvError};
use std::thread;
use std::time::Duration;

/// How long `recv_timeout` waits where nothing can arrive.
const SHORT: Duration = Duration::from_millis(10);
/// Far longer than the program runs: `Disconnected` must not wait for it.
const LONG: Duration = Duration::from_secs(60);
/// How many jobs the polling worker gets.
const JOBS: u32 = 3;

pub fn main() {
    let (jobs, queue) = mpsc::channel::<u32>();
    let (blocking_tx, blocking) = mpsc::channel();
    let stop = Arc::new(AtomicBool::new(false));
    let worker = thread::spawn({
        let stop = Arc::clone(&stop);
        move || {
            while !stop.load(Ordering::Relaxed) {
                println!("Worker: waiting in recv");
                blocking_tx.send(()).expect("main waits for this");
                match queue.recv() {
                    Ok(job) => println!("Worker: did job {job}"),
                    Err(RecvError) => return "recv returned Err(RecvError)",
                }
            }
            "the stop flag was set"
        }
    });
    jobs.send(1).expect("the worker is alive");
    // The second time, the worker has done job 1 and is about to block: it cannot
    // return from `recv` while `jobs` lives and holds nothing.
    blocking.recv().expect("the worker says when it waits");
    blocking.recv().expect("the worker says when it waits");
    stop.store(true, Ordering::Relaxed);
    let finished = worker.is_finished();
    println!("Main: stop flag set; is_finished: {finished}");
    println!("Main: dropping the last Sender");
    drop(jobs);
    let woke = worker.join().expect("the worker panicked");
    println!("Main: the worker stopped because {woke}");
    assert!(!finished);
    assert_eq!(woke, "recv returned Err(RecvError)");

    let (tx, rx) = mpsc::channel::<u32>();
    // Main holds the only Sender and sends nothing: nothing can arrive.
    let nothing_yet = rx.recv_timeout(SHORT);
    println!("recv_timeout({SHORT:?}), a Sender alive: {nothing_yet:?}");
    tx.send(7).expect("the receiver is alive");
    drop(tx);
    let left = rx.recv_timeout(LONG);
    println!("recv_timeout({LONG:?}), no Sender left: {left:?}");
    let never = rx.recv_timeout(LONG);
    println!("recv_timeout({LONG:?}), no Sender left: {never:?}");
    assert_eq!(nothing_yet, Err(RecvTimeoutError::Timeout));
    assert_eq!((left, never), (Ok(7), Err(RecvTimeoutError::Disconnected)));

    let (jobs, queue) = mpsc::channel::<u32>();
    let (idle_tx, idle) = mpsc::channel();
    let poller = thread::spawn(move || {
        let mut empty = 0;
        loop {
            match queue.try_recv() {
                Ok(job) => println!("Poller: did job {job}"),
                Err(TryRecvError::Empty) => {
                    empty += 1;
                    if empty == 1 {
                        println!("Poller: try_recv returned Err(Empty): other work meanwhile");
                        idle_tx.send(()).expect("main waits for this");
                    }
                    // Other work goes here.
                    thread::yield_now();
                }
                Err(TryRecvError::Disconnected) => {
                    println!("Poller: try_recv returned Err(Disconnected): stopping");
                    return empty;
                }
            }
        }
    });
    // Nothing is sent before the poller has found the channel empty once.
    idle.recv().expect("the poller says when it found nothing");
    for job in 1..=JOBS {
        jobs.send(job).expect("the poller runs until disconnected");
    }
    drop(jobs);
    let empty = poller.join().expect("the poller panicked");
    eprintln!("Main: the poller found the channel empty {empty} times");
    assert!(empty >= 1);
}
