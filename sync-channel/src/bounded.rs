//! The notes' `sync_channel(3)` example: a bounded channel holds at most 3 messages,
//! and once it is full `send` waits until the receiver makes room. Main pauses 100 ms
//! before it starts receiving.
//!
//! What to notice: the sender stops after `sent Message 3` (during the pause, unless
//! it was slower than 100 ms to start); then each `got` lets one more `send` through.
//! What is certain: `sent Message i` never comes before `got Message i-4`, and a `sent`
//! line may come one early (main has received, not yet printed).

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
