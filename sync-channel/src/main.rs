//! # Bounded channels: `mpsc::sync_channel`, `try_send`, and the rendezvous channel
//!
//! `mpsc::sync_channel(capacity)` makes a channel that holds at most `capacity`
//! messages. When it is full, `send` blocks until the receiver makes room, so a fast
//! sender can never run more than `capacity` messages ahead of a slow receiver.
//! This program shows, one section each:
//!
//! 1. `bounded`: the notes' `sync_channel(3)` example. Main waits 100 ms before
//!    receiving; the sender fills the channel and then waits for room.
//! 2. `try-send-full`: `try_send` never blocks. On a full channel it returns
//!    `Err(TrySendError::Full(value))`, handing the value back; after one `recv` it
//!    succeeds again.
//! 3. `rendezvous`: `sync_channel(0)` holds nothing. Every `send` waits until a
//!    `recv` takes the message from its hands, so no send completes before its recv.
//!
//! What to notice in the output: in `bounded`, during main's pause the sender prints
//! `sent Message 1` to `3` and stops; after that, each `got` lets one more `send`
//! through. In `rendezvous` nothing is sent during the pause at all, and `sent` and
//! `got` lines then alternate. A `sent` line can run one ahead (`sent Message 4`
//! before `got Message 1`, or a rendezvous `sent Message 2` before `got Message 2`):
//! `recv` has taken the message and let the send complete, but main has not printed
//! its line yet. `cargo xtask demo --timeline` shows when each line was printed.
//!
//! Run it: `cargo run -p sync-channel` (every section), `cargo run -p sync-channel --
//! <section>` (one), `cargo run -p sync-channel -- --list` (their names).

use std::env;
use std::process::ExitCode;
use std::sync::mpsc::{self, TrySendError};
use std::thread;
use std::time::Duration;

/// The program's name, for its usage text.
const NAME: &str = "sync-channel";

/// How many messages the bounded channel holds, as in the notes' `sync_channel(3)`.
const CAPACITY: usize = 3;

/// How many messages the sending thread sends, as in the notes (`1..10`).
const MESSAGES: u32 = 9;

/// How long main waits before it starts receiving in the notes' example: 100 ms,
/// long enough for the sender to fill the channel and block.
const NOTES_PAUSE: Duration = Duration::from_millis(100);

/// The rendezvous receiver's pause: a few milliseconds in which nothing is sent.
const RENDEZVOUS_PAUSE: Duration = Duration::from_millis(10);

/// Every section in teaching order: its name, the claim it shows, and the function
/// that shows it.
const SECTIONS: &[(&str, &str, fn())] = &[
    (
        "bounded",
        "send waits for room once the channel holds its capacity",
        bounded,
    ),
    (
        "try-send-full",
        "try_send never waits: on a full channel it hands the value back in Full",
        try_send_full,
    ),
    (
        "rendezvous",
        "with capacity 0 every send waits for a recv",
        rendezvous,
    ),
];

/// The notes' bounded example: a channel of capacity 3, a sender of nine messages,
/// and a receiver that starts 100 ms late. The sender fills the channel during the
/// pause, then each `recv` makes room for one more `send`.
fn bounded() {
    sender_and_late_receiver(CAPACITY, NOTES_PAUSE);
}

/// The notes' sender and receiver, over `sync_channel(capacity)`, with main
/// starting to receive after `pause`.
fn sender_and_late_receiver(capacity: usize, pause: Duration) {
    let (tx, rx) = mpsc::sync_channel(capacity);
    let sender = thread::spawn(move || {
        let thread_id = thread::current().id();
        for i in 1..=MESSAGES {
            // Blocks while `capacity` messages wait in the channel, until a recv
            // makes room (with capacity 0: until a recv takes this very message).
            tx.send(format!("Message {i}"))
                .expect("the receiver is still alive");
            println!("{thread_id:?}: sent Message {i}");
        }
        println!("{thread_id:?}: done");
        // The Sender is dropped here, which will end the receiving loop.
    });
    // Nobody receives yet: the sender fills the channel, then waits for room.
    thread::sleep(pause);
    println!("Main: slept {pause:?}, now receiving");
    // Each recv makes room for (or takes) one more send. A `sent` line may still
    // come before the `got` line of the same message: the send has completed, but
    // main has not printed yet.
    let mut received = 0;
    for msg in rx.iter() {
        println!("Main: got {msg}");
        received += 1;
    }
    // The loop ended, so the sender has dropped its Sender; wait for it to finish.
    sender.join().expect("the sending thread panicked");
    assert_eq!(received, MESSAGES);
}

/// `try_send` is the `send` that never blocks: instead of waiting for room it
/// reports `Full` and gives the value back. Single-threaded, so the output is
/// always the same.
fn try_send_full() {
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

/// The rendezvous channel: `sync_channel(0)` has no buffer at all, so each `send`
/// waits until main's `recv` takes the message, and nothing is sent during main's
/// pause. The notes' sender and receiver again, with capacity 0.
fn rendezvous() {
    sender_and_late_receiver(0, RENDEZVOUS_PAUSE);
}

fn main() -> ExitCode {
    // `args_os`, not `args`: an argument that is not UTF-8 is a usage error, not a panic.
    let args: Vec<String> = env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    match args.as_slice() {
        [] => SECTIONS.iter().for_each(run),
        [flag] if flag == "-h" || flag == "--help" => print!("{}", usage()),
        [flag] if flag == "--list" => {
            for (name, claim, _) in SECTIONS {
                println!("{name}  {claim}");
            }
        }
        [name] => match SECTIONS.iter().find(|section| section.0 == name) {
            Some(section) => run(section),
            None => return usage_error(&format!("unknown section `{name}`")),
        },
        _ => return usage_error("expected at most one section name"),
    }
    ExitCode::SUCCESS
}

fn run((name, claim, show): &(&str, &str, fn())) {
    println!("=== {name}: {claim} ===");
    show();
}

fn usage() -> String {
    let mut text = format!(
        "Usage: {NAME} [SECTION]\n\n\
         Runs every section in teaching order, or only SECTION.\n\n\
         Options:\n  --list      one line per section: its name and the claim it shows\n  \
         -h, --help  print this help\n\nSections:\n"
    );
    let width = SECTIONS
        .iter()
        .map(|section| section.0.len())
        .max()
        .unwrap_or(0);
    for (name, claim, _) in SECTIONS {
        text += &format!("  {name:<width$}  {claim}\n");
    }
    text
}

/// A wrong command line is the user's mistake, not a bug: say what was wrong,
/// print the usage, and exit with 2 (no panic, no backtrace).
fn usage_error(problem: &str) -> ExitCode {
    eprint!("error: {problem}\n\n{}", usage());
    ExitCode::from(2)
}
