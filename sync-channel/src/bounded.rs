//! The notes' `sync_channel(3)` example: a bounded channel holds at most 3 messages,
//! and once it is full `send` waits until the receiver makes room. Main pauses 100 ms
//! before it starts receiving.
//!
//! What to notice: during the pause the sender prints `sent Message 1` to `3` and
//! stops; then each `got` lets one more `send` through. A `sent` line may come one
//! early (`sent Message 4` before `got Message 1`): main has received, not yet printed.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

const CAPACITY: usize = 3;
const MESSAGES: u32 = 9;
const PAUSE: Duration = Duration::from_millis(100);

pub fn main() {
    let (tx, rx) = mpsc::sync_channel(CAPACITY);

    let sender = thread::spawn(move || {
        let thread_id = thread::current().id();
        for i in 1..=MESSAGES {
            tx.send(format!("Message {i}"))
                .expect("the receiver is still alive");
            println!("{thread_id:?}: sent Message {i}");
        }
        println!("{thread_id:?}: done");
    });

    thread::sleep(PAUSE);
    println!("Main: slept {PAUSE:?}, now receiving");
    let mut received = 0;
    // Ends when the sender's thread returns and drops `tx`.
    for msg in rx.iter() {
        println!("Main: got {msg}");
        received += 1;
    }
    sender.join().expect("the sending thread panicked");
    assert_eq!(received, MESSAGES);
}
