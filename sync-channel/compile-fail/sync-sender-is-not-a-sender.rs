// error: E0308
// A bounded channel has its own sender type: see `produce` in `sync-channel/src/bounded.rs`.
// `sync_channel` returns a `SyncSender`, whose `send` may block, and `channel` a
// `Sender`, whose `send` never does. They are different types, so code written for one
// kind of channel does not silently take the other.
use std::sync::mpsc::{self, Sender};

fn produce(tx: Sender<String>) {
    tx.send(String::from("Message 1")).unwrap();
}

fn main() {
    let (tx, rx) = mpsc::sync_channel(3);
    produce(tx);
    println!("Main: got {}", rx.recv().unwrap());
}
