//! A receiver that must not block tells "nothing yet" from "nothing ever again".
//! `try_recv` returns at once and `recv_timeout` waits at most its timeout; while a
//! `Sender` lives, an empty channel gives `Err(Empty)` or `Err(Timeout)`. Once every
//! `Sender` is gone, the values already sent still come out, and then both return
//! `Err(Disconnected)` at once, however long the timeout.
//!
//! What to notice: `Ok(7)` after the last Sender is gone, and a `recv_timeout` of 60 s
//! that returns `Disconnected` without waiting.

use std::sync::mpsc::{self, RecvTimeoutError, TryRecvError};
use std::time::{Duration, Instant};

/// How long `recv_timeout` waits where nothing can arrive.
const SHORT: Duration = Duration::from_millis(10);
/// Far longer than the program runs: `Disconnected` must not wait for it.
const LONG: Duration = Duration::from_secs(60);

pub fn main() {
    let (tx, rx) = mpsc::channel();
    // Main holds the only Sender and has sent nothing.
    let empty = rx.try_recv();
    println!("try_recv, a Sender alive: {empty:?}");
    let timeout = rx.recv_timeout(SHORT);
    println!("recv_timeout({SHORT:?}), a Sender alive: {timeout:?}");

    tx.send(7).expect("the receiver is alive");
    drop(tx);
    let left = rx.try_recv();
    println!("try_recv, no Sender left: {left:?}");
    let closed = rx.try_recv();
    println!("try_recv, no Sender left: {closed:?}");
    let start = Instant::now();
    let never = rx.recv_timeout(LONG);
    let waited = start.elapsed();
    println!("recv_timeout({LONG:?}), no Sender left: {never:?}");

    assert_eq!(empty, Err(TryRecvError::Empty));
    assert_eq!(timeout, Err(RecvTimeoutError::Timeout));
    assert_eq!((left, closed), (Ok(7), Err(TryRecvError::Disconnected)));
    assert_eq!(never, Err(RecvTimeoutError::Disconnected));
    assert!(waited < LONG, "Disconnected waited out the timeout");
}
