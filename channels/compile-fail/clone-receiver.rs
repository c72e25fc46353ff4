// error: E0599
// The fix is one Receiver and many Senders: see `channels/src/many_producers.rs`. mpsc
// is multiple producer, single consumer: `Receiver` does not implement `Clone`, so there
// is no `clone` method to call.
use std::sync::mpsc;

fn main() {
    let (tx, rx) = mpsc::channel::<i32>();
    let rx2 = rx.clone();
    tx.send(1).unwrap();
    println!("{:?} {:?}", rx.recv(), rx2.recv());
}
