//! `try_send` is the `send` that never waits. On a full channel it returns
//! `Err(TrySendError::Full(value))`, and once the receiver is gone
//! `Err(TrySendError::Disconnected(value))`: either way the value comes back whole.
//!
//! What to notice: one thread, so the output is the same on every run.

use std::sync::mpsc::{self, TrySendError};

const CAPACITY: usize = 3;

pub fn main() {
    let (tx, rx) = mpsc::sync_channel(CAPACITY);
    let message = |i: usize| format!("Message {i}");
    let try_send = |value: String| {
        let result = tx.try_send(value.clone());
        // Named by hand: the error's `Debug` text differs between Rust versions.
        let said = match &result {
            Ok(()) => "Ok(())",
            Err(TrySendError::Full(_)) => "Err(Full(..))",
            Err(TrySendError::Disconnected(_)) => "Err(Disconnected(..))",
        };
        println!("try_send({value:?}): {said}");
        result
    };

    for i in 1..=CAPACITY {
        assert_eq!(try_send(message(i)), Ok(()));
    }
    // `send` would wait here for ever: nobody else receives.
    let Err(TrySendError::Full(value)) = try_send(message(CAPACITY + 1)) else {
        panic!("try_send on a full channel did not report Full");
    };
    println!("The channel is full: {value:?} came back");
    assert_eq!(value, message(CAPACITY + 1));

    println!("Received: {:?}", rx.recv());
    assert_eq!(try_send(value), Ok(()));
    let buffered: Vec<String> = rx.try_iter().collect();
    println!("Buffered: {buffered:?}");
    assert_eq!(
        buffered,
        (2..=CAPACITY + 1).map(message).collect::<Vec<_>>()
    );

    drop(rx);
    let Err(TrySendError::Disconnected(value)) = try_send(message(CAPACITY + 2)) else {
        panic!("try_send with no receiver did not report Disconnected");
    };
    println!("The receiver is gone: {value:?} came back");
    assert_eq!(value, message(CAPACITY + 2));
}
