//! The notes' unbounded example, made deterministic. `mpsc::channel()` has no
//! capacity limit, so `send` never waits for the receiver: the sending thread
//! finishes every send (and is joined) before main receives anything. The notes
//! leave the sending thread unjoined; joining it first makes that order certain.
//!
//! What to notice: every `sent` line and `done` come before the first `got`.

use std::sync::mpsc;
use std::thread;

/// How many messages the sending thread sends, as in the notes (`1..10`).
const UNBOUNDED_MESSAGES: u32 = 9;

pub fn main() {
    let (tx, rx) = mpsc::channel();

    // `move` hands the only Sender to the sending thread; main keeps the Receiver.
    let sender = thread::spawn(move || {
        let thread_id = thread::current().id();
        for i in 1..=UNBOUNDED_MESSAGES {
            // No capacity limit: send queues the message and returns, receiver or not.
            tx.send(format!("Message {i}"))
                .expect("the receiver is still alive");
            println!("{thread_id:?}: sent Message {i}");
        }
        println!("{thread_id:?}: done");
        // The only Sender is dropped here, which will end the loop below.
    });
    // Join before receiving anything. An unbounded channel never blocks the sender,
    // so the join cannot deadlock: the thread finishes every send on its own. (With
    // `sync_channel(3)` it would: the fourth send would wait for a recv that comes
    // only after the join.)
    sender.join().expect("the sending thread panicked");

    // All nine messages are already waiting; the loop ends when they run out,
    // because the Sender is gone.
    let mut received = 0;
    for msg in rx.iter() {
        println!("Main: got {msg}");
        received += 1;
    }
    assert_eq!(received, UNBOUNDED_MESSAGES);
}
