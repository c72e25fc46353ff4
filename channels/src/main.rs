//! # Channels: `mpsc::channel`, many producers, disconnection, and an unbounded queue
//!
//! A channel has two ends: a `Sender` that puts values in and a `Receiver` that takes
//! them out, in the order they were sent. `mpsc` means multiple producer, single
//! consumer: the `Sender` can be cloned, the `Receiver` cannot (E0599, see
//! `compile-fail/clone-receiver.rs`). This program shows, one section each:
//!
//! 1. `notes-example`: the notes' example. `send(10)`, `send(20)`, two `recv`s, then
//!    a cloned `Sender` sends `30` into the same channel.
//! 2. `many-producers`: several threads, each with its own clone of the `Sender`.
//!    Every message arrives once, each producer's in the order it sent them, and
//!    `for msg in rx` ends by itself when the last `Sender` is dropped.
//! 3. `disconnection`: `recv` returns `Err(RecvError)` once every `Sender` is gone,
//!    and `send` returns `Err(SendError(value))`, handing the value back, once the
//!    `Receiver` is gone.
//! 4. `unbounded`: the notes' unbounded example. `channel()` has no capacity limit,
//!    so `send` never waits for the receiver: the sending thread finishes (and is
//!    joined) before main receives anything.
//!
//! What to notice in the output: in `many-producers` the producers' messages
//! interleave differently from run to run, but each producer's own messages are
//! always in order; in `unbounded` every `sent` line and `done` come before the first
//! `got`. A `Sender` moved into a thread cannot be used afterwards (E0382, see
//! `compile-fail/sender-used-after-move.rs`): clone it first, as `many-producers` does.
//!
//! Run it: `cargo run -p channels` (every section), `cargo run -p channels -- <section>`
//! (one), `cargo run -p channels -- --list` (their names).

use std::env;
use std::process::ExitCode;
use std::sync::mpsc::{self, RecvError, SendError, TryRecvError};
use std::thread;

/// The program's name, for its usage text.
const NAME: &str = "channels";

/// How many producer threads `many-producers` starts.
const PRODUCERS: usize = 3;

/// How many messages each producer sends in `many-producers`.
const MESSAGES: usize = 4;

/// How many messages the sending thread of `unbounded` sends, as in the notes (`1..10`).
const UNBOUNDED_MESSAGES: u32 = 9;

/// Every section in teaching order: its name, the claim it shows, and the function
/// that shows it.
const SECTIONS: &[(&str, &str, fn())] = &[
    (
        "notes-example",
        "values come out in the order sent; a cloned Sender feeds the same Receiver",
        notes_example,
    ),
    (
        "many-producers",
        "each producer's messages arrive once, in order; the loop ends with the last Sender",
        many_producers,
    ),
    (
        "disconnection",
        "recv fails once every Sender is gone; send fails, handing the value back, once the Receiver is",
        disconnection,
    ),
    (
        "unbounded",
        "an unbounded channel never blocks the sender",
        unbounded,
    ),
];

/// The notes' example: two sends, two receives, then a cloned `Sender` sends into
/// the same channel. Each `recv` returns a `Result`, printed as the notes print it.
fn notes_example() {
    let (tx, rx) = mpsc::channel();

    // An unbounded channel has room for both: each send returns at once.
    tx.send(10).expect("the receiver is still alive");
    tx.send(20).expect("the receiver is still alive");

    // Values come out in the order they went in.
    println!("Received: {:?}", rx.recv());
    println!("Received: {:?}", rx.recv());

    // A clone is a second Sender into the same channel, not a new channel.
    let tx2 = tx.clone();
    tx2.send(30).expect("the receiver is still alive");
    println!("Received: {:?}", rx.recv());

    // Three sends, three receives: nothing is left waiting.
    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
}

/// Several producers, each on its own thread with its own clone of the `Sender`.
/// The receiving loop ends by itself once every `Sender` has been dropped.
fn many_producers() {
    let (tx, rx) = mpsc::channel();

    let mut producers = Vec::new();
    for producer in 1..=PRODUCERS {
        // Each thread needs a Sender of its own: `move` takes the clone into the thread.
        let tx = tx.clone();
        producers.push(thread::spawn(move || {
            for message in 1..=MESSAGES {
                // One thread's sends are queued in the order it makes them.
                tx.send(format!("message {message} from producer {producer}"))
                    .expect("the receiver is still alive");
                // Give the other producers a turn, so that their messages are more
                // likely to interleave (nothing guarantees it, and nothing needs it).
                thread::yield_now();
            }
            // The thread's Sender is dropped here, when the closure returns.
        }));
    }
    // Main keeps no Sender: otherwise the loop below would wait forever for a
    // message main will never send.
    drop(tx);

    // `for msg in rx` calls `recv` until it fails, which happens only when the
    // channel is empty and the last Sender is gone.
    let mut received = 0;
    for msg in rx {
        println!("Main: got {msg}");
        received += 1;
    }
    println!("Main: the loop ended after {received} messages: every Sender is gone");

    for producer in producers {
        // Every producer has dropped its Sender; join waits for its thread to finish.
        producer.join().expect("a producer thread panicked");
    }
    assert_eq!(received, PRODUCERS * MESSAGES);
}

/// A closed channel is an error, not a hang: `recv` with no `Sender` left, and
/// `send` with no `Receiver` left, both return `Err` at once.
fn disconnection() {
    let (tx, rx) = mpsc::channel();
    // This thread owns the only Sender; it is dropped when the closure returns.
    let sender = thread::spawn(move || {
        tx.send(1).expect("the receiver is still alive");
    });
    // After the join no Sender is left, but what it sent is still in the channel.
    sender.join().expect("the sending thread panicked");
    println!("Received: {:?}", rx.recv());
    // Empty, and nobody can ever send again: recv returns Err instead of waiting.
    let after = rx.recv();
    println!("Received: {after:?}");
    assert_eq!(after, Err(RecvError));

    let (tx, rx) = mpsc::channel();
    // Dropping the Receiver closes the channel for every Sender.
    drop(rx);
    // The send fails, and the error owns the value that could not be delivered.
    // (Its `Debug` hides the value: the type may not implement `Debug`.)
    let result = tx.send(String::from("an undelivered letter"));
    println!("Sent: {result:?}");
    let Err(SendError(value)) = result else {
        panic!("send succeeded with no Receiver left");
    };
    println!("The value came back: {value:?}");
    assert_eq!(value, "an undelivered letter");
}

/// The notes' unbounded example, made deterministic: the sending thread is joined
/// before main receives anything, so all of its lines come first.
fn unbounded() {
    let (tx, rx) = mpsc::channel();

    let sender = thread::spawn(move || {
        let thread_id = thread::current().id();
        for i in 1..=UNBOUNDED_MESSAGES {
            // No capacity limit: send queues the message and returns, receiver or not.
            tx.send(format!("Message {i}"))
                .expect("the receiver is still alive");
            println!("{thread_id:?}: sent Message {i}");
        }
        println!("{thread_id:?}: done");
        // The only Sender is dropped here, which will end the loop below.
    });
    // Join before receiving anything. An unbounded channel never blocks the sender,
    // so the join cannot deadlock: the thread finishes every send on its own. (With
    // `sync_channel(3)` it would: the fourth send would wait for a recv that comes
    // only after the join.)
    sender.join().expect("the sending thread panicked");

    // All nine messages are already waiting; the loop ends when they run out,
    // because the Sender is gone.
    let mut received = 0;
    for msg in rx.iter() {
        println!("Main: got {msg}");
        received += 1;
    }
    assert_eq!(received, UNBOUNDED_MESSAGES);
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
