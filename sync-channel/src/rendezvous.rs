//! The rendezvous channel: `sync_channel(0)` holds nothing, so every `send` waits
//! until a `recv` takes the message from its hands. The notes' sender and receiver
//! again, with capacity 0; main pauses 10 ms before it receives.
//!
//! What to notice: nothing is sent during the pause; then each `got Message i` and
//! `sent Message i`, in either order, come before the next message's pair.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

const MESSAGES: u32 = 9;
const PAUSE: Duration = Duration::from_millis(10);

pub fn main() {
    let (tx, rx) = mpsc::sync_channel(0);

    // On main's own thread the first `send` would wait for ever: nobody could `recv`.
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
    for msg in rx.iter() {
        println!("Main: got {msg}");
        received += 1;
    }
    sender.join().expect("the sending thread panicked");
    assert_eq!(received, MESSAGES);
}
