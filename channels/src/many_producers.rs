//! `mpsc` means multiple producer, single consumer: each thread sends on its own clone
//! of the `Sender` into one `Receiver`. Every message arrives once, each producer's in
//! the order sent, and `for msg in rx` ends when the last `Sender` is dropped. The
//! `Receiver` cannot be cloned (E0599, `compile-fail/clone-receiver.rs`), and a
//! `Sender` moved into a thread is gone from main (E0382,
//! `compile-fail/sender-used-after-move.rs`): move a clone.
//!
//! What to notice: the producers' messages interleave differently from run to run, but
//! each producer's own are always in order.

use std::sync::mpsc;
use std::thread;

const PRODUCERS: usize = 3;
const MESSAGES: usize = 4;

pub fn main() {
    let (tx, rx) = mpsc::channel();

    let mut producers = Vec::new();
    for producer in 1..=PRODUCERS {
        let tx = tx.clone();
        producers.push(thread::spawn(move || {
            for message in 1..=MESSAGES {
                tx.send(format!("message {message} from producer {producer}"))
                    .expect("the receiver is still alive");
                // Lets the messages interleave more often; nothing depends on it.
                thread::yield_now();
            }
        }));
    }
    // Main keeps no Sender, or the loop below would wait forever for main's messages.
    drop(tx);

    let mut received = 0;
    for msg in rx {
        println!("Main: got {msg}");
        received += 1;
    }
    println!("Main: the loop ended after {received} messages: every Sender is gone");

    for producer in producers {
        producer.join().expect("a producer thread panicked");
    }
    assert_eq!(received, PRODUCERS * MESSAGES);
}
