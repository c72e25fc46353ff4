// error: E0382
// The fix is to move a clone into the thread: see `channels/src/many_producers.rs`.
// `move` hands `tx` itself to the thread, so main no longer has it.
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();
    let handle = thread::spawn(move || {
        tx.send(1).unwrap();
    });
    tx.send(2).unwrap();
    handle.join().unwrap();
    println!("{:?} {:?}", rx.recv(), rx.recv());
}
