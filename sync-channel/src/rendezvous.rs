//! The rendezvous channel: `sync_channel(0)` holds nothing at all. Every `send`
//! waits until a `recv` takes the message from its hands, so no send completes
//! before its recv, and nothing is sent while main pauses. The notes' sender and
//! receiver again, with capacity 0.
//!
//! What to notice: nothing is sent during main's pause, and then `sent` and `got`
//! lines alternate. A `sent` line can run one ahead (`sent Message 2` before
//! `got Message 2`): `recv` has taken the message and let the send complete, but
//! main has not printed its line yet.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// How many messages the sending thread sends, as in the notes (`1..10`).
const MESSAGES: u32 = 9;

/// How long main waits before it starts receiving: a few milliseconds in which
/// nothing is sent.
const PAUSE: Duration = Duration::from_millis(10);

pub fn main() {
    // Capacity 0: no buffer, so every message goes straight from `send` to `recv`.
    let (tx, rx) = mpsc::sync_channel(0);

    // The sender gets a thread of its own: each of its `send`s blocks until main
    // receives, so on main's thread it would wait for ever.
    let sender = thread::spawn(move || {
        let thread_id = thread::current().id();
        for i in 1..=MESSAGES {
            // Blocks until a recv takes this very message: there is no room to
            // leave it in.
            tx.send(format!("Message {i}"))
                .expect("the receiver is still alive");
            println!("{thread_id:?}: sent Message {i}");
        }
        println!("{thread_id:?}: done");
        // The Sender is dropped here, which will end the receiving loop.
    });

    // Nobody receives yet, so the sender's first send waits the whole pause.
    thread::sleep(PAUSE);
    println!("Main: slept {PAUSE:?}, now receiving");

    // Each recv takes one message and lets its send complete. A `sent` line may
    // still come before the `got` line of the same message: the send has
    // completed, but main has not printed yet.
    let mut received = 0;
    for msg in rx.iter() {
        println!("Main: got {msg}");
        received += 1;
    }
    // The loop ended, so the sender has dropped its Sender; wait for it to finish.
    sender.join().expect("the sending thread panicked");
    assert_eq!(received, MESSAGES);
}
