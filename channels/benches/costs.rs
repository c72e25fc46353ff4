//! What a channel message costs: `send` + `recv` on one thread (the queue alone), and a
//! round trip to another thread and back (two messages, each waking the other thread),
//! as the machine is and with the other cores kept busy.
//!
//! Run it: `cargo bench -p channels`; `tests/channels.rs` runs `measure(false)`.

use std::hint::black_box;
use std::sync::mpsc;
use std::thread;

#[path = "../../common/sampler.rs"]
mod sampler;
use sampler::{bench, bench_cores_busy, compare};

fn main() {
    measure(std::env::args().any(|arg| arg == "--bench"));
}

/// Every benchmark of this crate; `full` is false in the crate's smoke test.
pub fn measure(full: bool) {
    println!("costs of channels (cargo bench -p channels)");

    let (tx, rx) = mpsc::channel();
    let send_recv = bench(full, "channel send + recv, one thread", || {
        tx.send(black_box(1_u64)).expect("the receiver is alive");
        black_box(rx.recv().expect("the sender is alive"));
    });

    let (to_echo, echo_rx) = mpsc::channel::<u64>();
    let (echo_tx, from_echo) = mpsc::channel::<u64>();
    let (round_trip, round_trip_busy) = thread::scope(|scope| {
        // Sends back every number until `to_echo` is dropped.
        scope.spawn(move || {
            for n in echo_rx {
                if echo_tx.send(n).is_err() {
                    break;
                }
            }
        });
        let mut round_trip = || {
            to_echo
                .send(black_box(1))
                .expect("the echo thread is alive");
            black_box(from_echo.recv().expect("the echo thread answers"));
        };
        let name = "channel round trip to another thread";
        let rows = (
            bench(full, name, &mut round_trip),
            bench_cores_busy(full, name, &mut round_trip),
        );
        drop(to_echo);
        rows
    });

    compare(&round_trip, &send_recv);
    // A woken thread whose core has gone idle waits for the core to wake up too.
    compare(&round_trip, &round_trip_busy);
}
