//! `try_send` is the `send` that never waits. On a full channel it returns
//! `Err(TrySendError::Full(value))`, and once the receiver is gone
//! `Err(TrySendError::Disconnected(value))`: either way the value it was given comes
//! back, moved out of the error, so nothing is lost and nothing is copied.
//!
//! What to notice: one thread, so the output is the same on every run. The program
//! asserts that the `String` that came back from `Full` is the one sent: its text is
//! at the same address.

use std::sync::mpsc::{self, SyncSender, TrySendError};

const CAPACITY: usize = 3;

/// `tx.try_send(value)`, printed: the call, then what it returned.
fn try_send_and_print(tx: &SyncSender<String>, value: String) -> Result<(), TrySendError<String>> {
    let call = format!("try_send({value:?})");
    let result = tx.try_send(value);
    // Named by hand: the error's `Debug` text differs between Rust versions.
    let said = match &result {
        Ok(()) => "Ok(())",
        Err(TrySendError::Full(_)) => "Err(Full(..))",
        Err(TrySendError::Disconnected(_)) => "Err(Disconnected(..))",
    };
    println!("{call}: {said}");
    result
}

pub fn main() {
    let (tx, rx) = mpsc::sync_channel(CAPACITY);
    let message = |i: usize| format!("Message {i}");

    for i in 1..=CAPACITY {
        assert_eq!(try_send_and_print(&tx, message(i)), Ok(()));
    }
    let fourth = message(CAPACITY + 1);
    let text_address = fourth.as_ptr();
    // `send` would wait here for ever: nobody else receives.
    let Err(TrySendError::Full(value)) = try_send_and_print(&tx, fourth) else {
        panic!("try_send on a full channel did not report Full");
    };
    println!("The channel is full: {value:?} came back");
    assert_eq!(value, message(CAPACITY + 1));
    assert_eq!(value.as_ptr(), text_address, "the same String, not a copy");

    println!("Received: {:?}", rx.recv());
    // The very `String` that came back, sent again.
    assert_eq!(try_send_and_print(&tx, value), Ok(()));
    let buffered: Vec<String> = rx.try_iter().collect();
    println!("Buffered: {buffered:?}");
    assert_eq!(
        buffered,
        (2..=CAPACITY + 1).map(message).collect::<Vec<_>>()
    );

    drop(rx);
    let Err(TrySendError::Disconnected(value)) = try_send_and_print(&tx, message(CAPACITY + 2))
    else {
        panic!("try_send with no receiver did not report Disconnected");
    };
    println!("The receiver is gone: {value:?} came back");
    assert_eq!(value, message(CAPACITY + 2));
}
