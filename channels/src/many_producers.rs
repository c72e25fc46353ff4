//! `mpsc` means multiple producer, single consumer: several threads, each with its
//! own clone of the `Sender`, feed one `Receiver`. Every message arrives once, each
//! producer's in the order it sent them, and `for msg in rx` ends by itself when the
//! last `Sender` is dropped. The `Receiver` cannot be cloned (E0599,
//! `compile-fail/clone-receiver.rs`), and a `Sender` moved into a thread cannot be
//! used afterwards (E0382, `compile-fail/sender-used-after-move.rs`): clone it
//! first, as this program does.
//!
//! What to notice: the producers' messages interleave differently from run to run,
//! but each producer's own messages are always in order.

use std::sync::mpsc;
use std::thread;

/// How many producer threads send.
const PRODUCERS: usize = 3;

/// How many messages each producer sends.
const MESSAGES: usize = 4;

pub fn main() {
    let (tx, rx) = mpsc::channel();

    let mut producers = Vec::new();
    for producer in 1..=PRODUCERS {
        // Each thread needs a Sender of its own: `move` takes the clone into the thread.
        let tx = tx.clone();
        producers.push(thread::spawn(move || {
            for message in 1..=MESSAGES {
                // One thread's sends are queued in the order it makes them.
                tx.send(format!("message {message} from producer {producer}"))
                    .expect("the receiver is still alive");
                // Give the other producers a turn, so that their messages are more
                // likely to interleave (nothing guarantees it, and nothing needs it).
                thread::yield_now();
            }
            // The thread's Sender is dropped here, when the closure returns.
        }));
    }
    // Main keeps no Sender: otherwise the loop below would wait forever for a
    // message main will never send.
    drop(tx);

    // `for msg in rx` calls `recv` until it fails, which happens only when the
    // channel is empty and the last Sender is gone.
    let mut received = 0;
    for msg in rx {
        println!("Main: got {msg}");
        received += 1;
    }
    println!("Main: the loop ended after {received} messages: every Sender is gone");

    for producer in producers {
        // Every producer has dropped its Sender; join waits for its thread to finish.
        producer.join().expect("a producer thread panicked");
    }
    assert_eq!(received, PRODUCERS * MESSAGES);
}
