//! The notes' example: a channel has two ends, a `Sender` that puts values in and a
//! `Receiver` that takes them out, in the order they were sent. `send(10)`,
//! `send(20)`, two `recv`s, then a cloned `Sender` sends `30` into the same channel.
//! `send` and `recv` return a `Result`: `recv` is printed as the notes print it.
//!
//! What to notice: `Ok(10)`, `Ok(20)`, then `Ok(30)`, from the clone, out of the one
//! `Receiver`.

use std::sync::mpsc::{self, TryRecvError};

pub fn main() {
    let (tx, rx) = mpsc::channel();

    // An unbounded channel has room for both: each send returns at once.
    tx.send(10).expect("the receiver is still alive");
    tx.send(20).expect("the receiver is still alive");

    // Values come out in the order they went in.
    println!("Received: {:?}", rx.recv());
    println!("Received: {:?}", rx.recv());

    // A clone is a second Sender into the same channel, not a new channel.
    let tx2 = tx.clone();
    tx2.send(30).expect("the receiver is still alive");
    println!("Received: {:?}", rx.recv());

    // Three sends, three receives: nothing is left waiting.
    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
}
