//! A closed channel is an error, not a hang. `recv` returns `Err(RecvError)` once every
//! `Sender` is gone and the channel is empty; `send` returns `Err(SendError(value))`,
//! handing the value back, once the `Receiver` is gone.
//!
//! What to notice: `Ok(1)` still comes out after its sender has been joined, and only
//! then `Err(RecvError)`; the undelivered `String` comes back whole.

use std::sync::mpsc::{self, RecvError, SendError};
use std::thread;

pub fn main() {
    let (tx, rx) = mpsc::channel();
    let sender = thread::spawn(move || {
        tx.send(1).expect("the receiver is still alive");
    });
    // The thread owned the only Sender: after the join none is left.
    sender.join().expect("the sending thread panicked");
    let last = rx.recv();
    println!("Received: {last:?}");
    let after = rx.recv();
    println!("Received: {after:?}");

    let (tx, rx) = mpsc::channel();
    drop(rx);
    let result = tx.send(String::from("an undelivered letter"));
    // `SendError`'s `Debug` hides the value, whose type may not implement `Debug`.
    println!("Sent: {result:?}");
    let Err(SendError(value)) = result else {
        panic!("send succeeded with no Receiver left");
    };
    println!("The value came back: {value:?}");

    assert_eq!((last, after), (Ok(1), Err(RecvError)));
    assert_eq!(value, "an undelivered letter");
}
