//! The notes' example: a channel has a `Sender`, which puts values in, and a
//! `Receiver`, which takes them out in the order sent. A clone of the `Sender` feeds
//! the same channel. `recv` returns a `Result`, printed as the notes print it.
//!
//! What to notice: `tx` sends 10 and 20, which come out in that order; then `tx2`, a
//! clone of `tx`, sends 30, and the same `rx` receives it.

use std::sync::mpsc;

pub fn main() {
    let (tx, rx) = mpsc::channel();

    tx.send(10).expect("the receiver is still alive");
    tx.send(20).expect("the receiver is still alive");
    println!("tx sent 10, then 20");

    let first = rx.recv();
    println!("Received: {first:?}");
    let second = rx.recv();
    println!("Received: {second:?}");

    let tx2 = tx.clone();
    tx2.send(30).expect("the receiver is still alive");
    println!("tx2, a clone of tx, sent 30");
    let third = rx.recv();
    println!("Received: {third:?}");

    assert_eq!((first, second, third), (Ok(10), Ok(20), Ok(30)));
}
