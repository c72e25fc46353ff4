//! The notes' example: a channel has a `Sender`, which puts values in, and a
//! `Receiver`, which takes them out in the order sent. A clone of the `Sender` feeds
//! the same channel. `recv` returns a `Result`, printed as the notes print it.
//!
//! What to notice: `Ok(10)`, `Ok(20)`, then `Ok(30)` from the clone.

use std::sync::mpsc::{self, TryRecvError};

pub fn main() {
    let (tx, rx) = mpsc::channel();

    tx.send(10).expect("the receiver is still alive");
    tx.send(20).expect("the receiver is still alive");

    println!("Received: {:?}", rx.recv());
    println!("Received: {:?}", rx.recv());

    let tx2 = tx.clone();
    tx2.send(30).expect("the receiver is still alive");
    println!("Received: {:?}", rx.recv());

    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
}
