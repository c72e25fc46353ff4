//! The notes' `sync_channel(3)` example: a bounded channel holds at most 3 messages,
//! and once it is full `send` waits until the receiver makes room. Main pauses 100 ms
//! before it starts receiving.
//!
//! The producer is a function that takes a `SyncSender`, the bounded channel's own
//! type, not a `Sender`: it is written for a channel that makes it wait, and the
//! unbounded channel's `Sender` from `mpsc::channel()` would be refused (E0308).
//!
//! What to notice: the sender stops after `sent Message 3` (during the pause, unless
//! it was slower than 100 ms to start); then each `got` lets one more `send` through.
//! What is certain, and asserted: no more than 3 sends ever return ahead of the
//! receives. A `got` line may come before its `sent` line: the sender prints once its
//! `send` has returned, and the receiver may take the message first.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, SyncSender};
use std::thread;
use std::time::Duration;

const CAPACITY: usize = 3;
const MESSAGES: usize = 9;
const PAUSE: Duration = Duration::from_millis(100);

/// How many of the producer's `send`s have returned.
static SENT: AtomicUsize = AtomicUsize::new(0);

/// Sends `Message 1` to `Message 9`; each `send` waits while the channel is full.
fn produce(tx: SyncSender<String>) {
    let thread_id = thread::current().id();
    for i in 1..=MESSAGES {
        tx.send(format!("Message {i}"))
            .expect("the receiver is still alive");
        SENT.fetch_add(1, Ordering::Relaxed);
        println!("{thread_id:?}: sent Message {i}");
    }
    println!("{thread_id:?}: done");
}

pub fn main() {
    let (tx, rx) = mpsc::sync_channel(CAPACITY);
    let sender = thread::spawn(move || produce(tx));

    thread::sleep(PAUSE);
    println!("Main: slept {PAUSE:?}, now receiving from a channel that holds {CAPACITY}");
    // Read before each `recv`: a send beyond the channel's room returns only after the
    // next `recv` has taken a message out, so it cannot be counted yet. (std's channel
    // hands the freed slot to the waiting sender with Release/Acquire, so that `recv`
    // happens before the send returns; its docs promise the waiting, not the ordering.)
    let mut most_ahead = SENT.load(Ordering::Relaxed);
    let mut received = 0;
    // Ends when the sender's thread returns and drops `tx`.
    for msg in rx.iter() {
        println!("Main: got {msg}");
        received += 1;
        let ahead = SENT.load(Ordering::Relaxed).saturating_sub(received);
        most_ahead = most_ahead.max(ahead);
    }
    sender.join().expect("the sending thread panicked");
    eprintln!("Main: at most {most_ahead} sends returned ahead of the receives");
    assert_eq!(received, MESSAGES);
    assert!(most_ahead <= CAPACITY, "{most_ahead} sends ran ahead");
}
