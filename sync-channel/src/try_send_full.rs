//! `try_send` is the `send` that never blocks. On a full channel it returns
//! `Err(TrySendError::Full(value))` at once, handing the value back instead of
//! waiting for room; after one `recv` it succeeds again.
//!
//! What to notice: one thread only, so the output is the same on every run. The
//! error's `Debug` text hides the value (`Full(..)`: the type need not be `Debug`),
//! but the value itself comes back whole.

use std::sync::mpsc::{self, TrySendError};

/// How many messages the channel holds, as in the notes' `sync_channel(3)`.
const CAPACITY: usize = 3;

pub fn main() {
    let (tx, rx) = mpsc::sync_channel(CAPACITY);
    let message = |i: usize| format!("Message {i}");

    // Room for CAPACITY messages: each of these succeeds at once.
    for i in 1..=CAPACITY {
        let value = message(i);
        let result = tx.try_send(value.clone());
        println!("try_send({value:?}): {result:?}");
        assert_eq!(result, Ok(()));
    }

    // The channel is full. `send` would block here forever (nobody else receives);
    // `try_send` returns at once, and the error owns the value.
    // (Its `Debug` hides the value: the type may not implement `Debug`.)
    let extra = message(CAPACITY + 1);
    let result = tx.try_send(extra.clone());
    println!("try_send({extra:?}): {result:?}");
    let Err(TrySendError::Full(value)) = result else {
        panic!("try_send on a full channel did not report Full");
    };
    println!("The channel is full: {value:?} came back");
    assert_eq!(value, extra);

    // One recv makes room for one message.
    println!("Received: {:?}", rx.recv());
    let result = tx.try_send(value);
    println!("try_send({extra:?}): {result:?}");
    assert_eq!(result, Ok(()));

    // What the channel holds now, oldest first.
    let buffered: Vec<String> = rx.try_iter().collect();
    println!("Buffered: {buffered:?}");
    assert_eq!(
        buffered,
        (2..=CAPACITY + 1).map(message).collect::<Vec<_>>()
    );
}
