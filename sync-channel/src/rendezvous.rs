//! The rendezvous channel: `sync_channel(0)` holds nothing, so every `send` waits
//! until a `recv` takes the message from its hands. The notes' sender and receiver
//! again, with capacity 0; main pauses 10 ms before it receives.
//!
//! What to notice: nothing is sent during the pause; then each `got Message i` and
//! `sent Message i`, in either order, come before the next message's pair. `got` may
//! come first, or `sent`: a `send` returns once a `recv` has been paired with it and
//! taken its message, and that `recv` may still be on its way back. The program
//! asserts that no `send` ever returned before its `recv` had begun.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

const MESSAGES: usize = 9;
const PAUSE: Duration = Duration::from_millis(10);

/// How many of the sender's `send`s have returned.
static SENT: AtomicUsize = AtomicUsize::new(0);

pub fn main() {
    let (tx, rx) = mpsc::sync_channel(0);

    // On main's own thread the first `send` would wait for ever: nobody could `recv`.
    let sender = thread::spawn(move || {
        let thread_id = thread::current().id();
        for i in 1..=MESSAGES {
            tx.send(format!("Message {i}"))
                .expect("the receiver is still alive");
            SENT.fetch_add(1, Ordering::Relaxed);
            println!("{thread_id:?}: sent Message {i}");
        }
        println!("{thread_id:?}: done");
    });

    thread::sleep(PAUSE);
    println!(
        "Main: slept {PAUSE:?}, now receiving; a send returns only once a recv has taken \
         its message, so `got` may print before `sent`"
    );
    // Read before each `recv`: the next send returns only once the next `recv` has
    // been paired with it, so it cannot be counted yet. (std's channel makes that
    // `recv` happen before the send returns, with a lock and Release/Acquire; its docs
    // promise the waiting, not the ordering.)
    let mut most_ahead = SENT.load(Ordering::Relaxed);
    let mut received = 0;
    for msg in rx.iter() {
        println!("Main: got {msg}");
        received += 1;
        let ahead = SENT.load(Ordering::Relaxed).saturating_sub(received);
        most_ahead = most_ahead.max(ahead);
    }
    sender.join().expect("the sending thread panicked");
    println!("Main: {most_ahead} sends returned ahead of their recvs");
    assert_eq!(received, MESSAGES);
    assert_eq!(most_ahead, 0, "a send returned before its recv");
}
