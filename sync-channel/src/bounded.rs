//! The notes' `sync_channel(3)` example. A bounded channel holds at most its
//! capacity; once it is full, `send` waits until the receiver makes room, so the
//! sender can never run more than 3 messages ahead. Main waits 100 ms before it
//! starts receiving, long enough for the sender to fill the channel and block.
//!
//! What to notice: during main's pause the sender prints `sent Message 1` to `3`
//! and stops; after that, each `got` lets one more `send` through. A `sent` line can
//! run one ahead (`sent Message 4` before `got Message 1`): `recv` has taken a
//! message and made room, but main has not printed its line yet.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// How many messages the channel holds, as in the notes' `sync_channel(3)`.
const CAPACITY: usize = 3;

/// How many messages the sending thread sends, as in the notes (`1..10`).
const MESSAGES: u32 = 9;

/// How long main waits before it starts receiving, as in the notes: long enough
/// for the sender to fill the channel and block.
const PAUSE: Duration = Duration::from_millis(100);

pub fn main() {
    let (tx, rx) = mpsc::sync_channel(CAPACITY);

    // The sender gets a thread of its own, so that it can block in `send` while main
    // goes on (here: sleeps, then receives).
    let sender = thread::spawn(move || {
        let thread_id = thread::current().id();
        for i in 1..=MESSAGES {
            // Blocks while CAPACITY messages wait in the channel, until a recv
            // makes room.
            tx.send(format!("Message {i}"))
                .expect("the receiver is still alive");
            println!("{thread_id:?}: sent Message {i}");
        }
        println!("{thread_id:?}: done");
        // The Sender is dropped here, which will end the receiving loop.
    });

    // Nobody receives yet: the sender fills the channel, then waits for room.
    thread::sleep(PAUSE);
    println!("Main: slept {PAUSE:?}, now receiving");

    // Each recv makes room for one more send. A `sent` line may still come before
    // the `got` line of the same message: the send has completed, but main has not
    // printed yet.
    let mut received = 0;
    for msg in rx.iter() {
        println!("Main: got {msg}");
        received += 1;
    }
    // The loop ended, so the sender has dropped its Sender; wait for it to finish.
    sender.join().expect("the sending thread panicked");
    assert_eq!(received, MESSAGES);
}
