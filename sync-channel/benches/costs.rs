//! What a bounded hand-off costs: one message through `sync_channel(1)` from a
//! producer thread, and one rendezvous (`sync_channel(0)`), each also with the other
//! cores kept busy. `cargo bench -p sync-channel`; `tests/sync-channel.rs` runs
//! `measure(false)`, the same code timing nothing. Neither row costs more than the
//! other on every run, so no conclusion is drawn.

use std::hint::black_box;
use std::sync::mpsc;
use std::thread;

#[path = "../../common/sampler.rs"]
mod sampler;
use sampler::{bench, bench_cores_busy};

fn main() {
    measure(std::env::args().any(|arg| arg == "--bench"));
}

pub fn measure(full: bool) {
    println!("costs of sync-channel (cargo bench -p sync-channel)");
    for (capacity, name) in [
        (1, "sync_channel(1): one message from another thread"),
        (0, "sync_channel(0): one rendezvous hand-off"),
    ] {
        let (tx, rx) = mpsc::sync_channel::<u64>(capacity);
        thread::scope(|scope| {
            // Sends until the receiver is dropped below and `send` fails.
            scope.spawn(move || while tx.send(black_box(1)).is_ok() {});
            let mut receive = || {
                black_box(rx.recv().expect("the producer is alive"));
            };
            bench(full, name, &mut receive);
            bench_cores_busy(full, name, &mut receive);
            drop(rx);
        });
    }
}
