//! A closed channel is an error, not a hang. `recv` returns `Err(RecvError)` once
//! every `Sender` is gone and the channel is empty (what was sent before is still
//! received first); `send` returns `Err(SendError(value))`, handing the value back,
//! once the `Receiver` is gone.
//!
//! What to notice: the buffered `Ok(1)` comes out after its sender has finished,
//! and only then `Err(RecvError)`; the undelivered `String` comes back whole.

use std::sync::mpsc::{self, RecvError, SendError};
use std::thread;

pub fn main() {
    let (tx, rx) = mpsc::channel();
    // This thread owns the only Sender; it is dropped when the closure returns.
    let sender = thread::spawn(move || {
        tx.send(1).expect("the receiver is still alive");
    });
    // After the join no Sender is left, but what it sent is still in the channel.
    sender.join().expect("the sending thread panicked");
    println!("Received: {:?}", rx.recv());
    // Empty, and nobody can ever send again: recv returns Err instead of waiting.
    let after = rx.recv();
    println!("Received: {after:?}");
    assert_eq!(after, Err(RecvError));

    let (tx, rx) = mpsc::channel();
    // Dropping the Receiver closes the channel for every Sender.
    drop(rx);
    // The send fails, and the error owns the value that could not be delivered.
    // (Its `Debug` hides the value: the type may not implement `Debug`.)
    let result = tx.send(String::from("an undelivered letter"));
    println!("Sent: {result:?}");
    let Err(SendError(value)) = result else {
        panic!("send succeeded with no Receiver left");
    };
    println!("The value came back: {value:?}");
    assert_eq!(value, "an undelivered letter");
}
