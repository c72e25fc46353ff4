//! `JoinHandle::is_finished` asks whether a thread has ended and returns at once: a
//! thread with work of its own, such as a loading screen that keeps drawing frames,
//! checks between its steps and joins a worker only once it says `true`. `true` means
//! the worker's closure has returned; the thread may still be cleaning up, so `join`
//! may wait a moment more, no longer. `false` only means "not yet".
//!
//! Both workers here wait for main to release them, so neither can have finished
//! before that, and a call that waited for them would never return. Main releases
//! the first and polls it; once it has said `true`, the second still waits.
//!
//! What to notice: each `is_finished()` speaks for its own thread. How many frames main
//! drew while it polled differs from run to run; it is on stderr.

use std::sync::mpsc;
use std::thread::{self, JoinHandle};

/// A worker that waits for main's word, then sums 1 to `n`.
fn worker(n: u64) -> (mpsc::Sender<()>, JoinHandle<u64>) {
    let (release, released) = mpsc::channel();
    let handle = thread::spawn(move || {
        released.recv().expect("main releases every worker");
        (1..=n).sum()
    });
    (release, handle)
}

/// Main's loop while `worker` runs: one frame (here only counted), then a look at the
/// worker, never a wait for it. Returns the frames drawn.
fn draw_frames_until_finished(worker: &JoinHandle<u64>) -> u64 {
    let mut frames = 0;
    while !worker.is_finished() {
        frames += 1;
        thread::yield_now();
    }
    frames
}

pub fn main() {
    let (release_first, first) = worker(100);
    let (release_second, second) = worker(1_000);
    let before = (first.is_finished(), second.is_finished());
    println!(
        "before main releases them: first is_finished() = {}, second is_finished() = {}",
        before.0, before.1
    );

    release_first.send(()).expect("the first worker waits");
    let frames_first = draw_frames_until_finished(&first);
    let second_then = second.is_finished();
    println!("once the first said true, the second: is_finished() = {second_then}");
    let first_sum = first.join().expect("the first worker panicked");

    release_second.send(()).expect("the second worker waits");
    let frames_second = draw_frames_until_finished(&second);
    let second_sum = second.join().expect("the second worker panicked");
    println!("joined: the first returned {first_sum}, the second {second_sum}");
    eprintln!(
        "frames main drew while the first worker ran: {frames_first}; the second: {frames_second}"
    );

    assert_eq!(before, (false, false));
    assert!(
        !second_then,
        "the second worker ended before main released it"
    );
    assert_eq!((first_sum, second_sum), (5_050, 500_500));
}
