//! The notes' unbounded example, made deterministic. `mpsc::channel()` has no capacity
//! limit, so `send` never waits for the receiver: the sending thread finishes every
//! send, and is joined, before main receives anything. (The notes leave it unjoined.)
//!
//! What to notice: every `sent` line and `done` come before the first `got`: main
//! joined the sender before it received anything. The
//! sender's `ThreadId` counts every thread the process started before it, so it differs
//! between a run of this section alone and a run of the whole crate.

use std::sync::mpsc;
use std::thread;

/// As in the notes: `1..10`.
const MESSAGES: u32 = 9;

pub fn main() {
    let (tx, rx) = mpsc::channel();

    let sender = thread::spawn(move || {
        let thread_id = thread::current().id();
        for i in 1..=MESSAGES {
            tx.send(format!("Message {i}"))
                .expect("the receiver is still alive");
            println!("{thread_id:?}: sent Message {i}");
        }
        println!("{thread_id:?}: done");
    });
    // With `sync_channel(3)` this join would deadlock: the fourth send would wait for
    // a `recv` that comes only after the join.
    sender.join().expect("the sending thread panicked");
    println!(
        "Main: joined the sender before receiving: all {MESSAGES} sends returned with nobody receiving"
    );

    let mut received = 0;
    for msg in rx.iter() {
        println!("Main: got {msg}");
        received += 1;
    }
    assert_eq!(received, MESSAGES);
}
