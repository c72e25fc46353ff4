//! # OS threads: `spawn`, `join`, panics, `move`, and a main that does not wait
//!
//! Every Rust thread is an operating-system thread, started with
//! `std::thread::spawn`. This program shows, one section each:
//!
//! 1. `join-returns-value`: `spawn` hands back a `JoinHandle`; `join` waits for
//!    the thread and returns whatever its closure returned.
//! 2. `panic-stays-in-its-thread`: a panic unwinds only the thread it happens
//!    in (with the default `panic = "unwind"`; under `"abort"` it ends the process).
//!    `join` returns the panic's payload as `Err`, and `downcast_ref` tells a
//!    `&'static str` payload (`panic!("literal")`) from a `String` one
//!    (`panic!("formatted {x}")`, with an argument known only at run time).
//! 3. `move-closure`: a closure that borrows a local cannot be spawned (E0373,
//!    see `compile-fail/borrow-without-move.rs`): `spawn` wants a `'static` closure,
//!    one that may outlive the function. `move` moves the local into the thread.
//! 4. `main-does-not-wait`: the notes' example. Spawned threads are not waited
//!    for: when `main` returns, the process ends, even with a thread that would
//!    sleep for an hour. This section runs last, because it ends the process.
//!
//! What to notice in the output: in section 2 the two panic messages (printed on
//! stderr by Rust's default panic hook) are followed by main carrying on; in
//! section 4 the counting thread gets only part of the way to 9, and which part
//! changes from run to run. The process can even end in the middle of that
//! thread's `println!`, leaving half a line.
//!
//! Run it: `cargo run -p threads` (every section), `cargo run -p threads -- <section>`
//! (one), `cargo run -p threads -- --list` (their names).

use std::any::Any;
use std::env;
use std::process::ExitCode;
use std::thread;
use std::time::Duration;

/// The program's name, for its usage text.
const NAME: &str = "threads";

/// Every section in teaching order: its name, the claim it shows, and the function
/// that shows it. `main-does-not-wait` is last because it ends the process.
const SECTIONS: &[(&str, &str, fn())] = &[
    (
        "join-returns-value",
        "join waits for the thread and returns the closure's value",
        join_returns_value,
    ),
    (
        "panic-stays-in-its-thread",
        "a panic stops only its own thread; join hands back the payload",
        panic_stays_in_its_thread,
    ),
    (
        "move-closure",
        "a spawned closure may not borrow locals (E0373): `move` hands them over",
        move_closure,
    ),
    (
        "main-does-not-wait",
        "the process ends when main returns, without waiting for its threads",
        main_does_not_wait,
    ),
];

/// `spawn` returns at once with a `JoinHandle`; `join` blocks until the thread
/// has finished and returns the value its closure returned.
fn join_returns_value() {
    // The closure starts running on a new OS thread; `spawn` does not wait for it.
    let handle = thread::spawn(|| {
        let sum: u64 = (1..=100).sum();
        println!("Spawned thread: the sum of 1..=100 is {sum}");
        sum
    });
    // `join` waits for the thread to finish, so its line above is always printed
    // before the next one, and hands back what the closure returned.
    let sum = handle.join().expect("the summing thread panicked");
    println!("Main thread: join returned {sum}");
    assert_eq!(sum, 5050);
}

/// A panic unwinds its own thread only. `join` reports it as `Err(payload)`,
/// where the payload is whatever `panic!` was given, boxed as `dyn Any + Send`.
fn panic_stays_in_its_thread() {
    println!("Main thread: two threads are about to panic (Rust prints their messages on stderr)");
    // A literal message: the payload is a `&'static str`.
    let literal = thread::spawn(|| -> u32 { panic!("a literal message") });
    // A message with an argument is formatted at run time: the payload is a `String`.
    let step = 3;
    let formatted = thread::spawn(move || -> u32 { panic!("failed at step {step}") });

    for (name, handle) in [("first", literal), ("second", formatted)] {
        // `join` does not propagate the panic: it returns it as a value.
        match handle.join() {
            Ok(value) => println!("Main thread: the {name} thread returned {value}"),
            Err(payload) => println!(
                "Main thread: the {name} thread panicked with {}",
                describe(payload.as_ref())
            ),
        }
    }
    println!("Main thread: still running after both panics");
}

/// Unpacks a panic payload: `panic!` with a plain literal carries a `&'static str`,
/// and `panic!` with an argument formatted at run time (or `panic_any(String)`)
/// carries a `String`.
fn describe(payload: &(dyn Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<&'static str>() {
        format!("a &'static str payload: {message:?}")
    } else if let Some(message) = payload.downcast_ref::<String>() {
        format!("a String payload: {message:?}")
    } else {
        "a payload of another type".to_string()
    }
}

/// The notes' `Length: {}` example, fixed. Without `move` the closure would borrow
/// `s`, which this function owns and may drop while the thread still runs: E0373
/// (`compile-fail/borrow-without-move.rs`).
fn move_closure() {
    let s = String::from("Hello");
    // `move` hands the String itself to the thread, which now owns it for as long
    // as it needs it. (To borrow `s` instead, use a scoped thread: see scoped-threads.)
    let handle = thread::spawn(move || {
        println!("Length: {}", s.len());
    });
    handle.join().expect("the length thread panicked");
}

/// The notes' own example: threads are not waited for. When `main` returns, the
/// process exits and takes every thread with it, finished or not.
fn main_does_not_wait() {
    // Nobody joins this thread, and it would sleep for an hour. It does not keep
    // the process alive: the process ends a few milliseconds from now.
    thread::spawn(|| {
        thread::sleep(Duration::from_secs(60 * 60));
        println!("Sleeping thread: an hour has passed");
    });
    println!("Main thread: started a thread that waits an hour before it prints; nobody joins it");
    // Nobody joins this one either: it counts for as long as the process lives.
    thread::spawn(|| {
        for i in 1..10 {
            println!("Count in thread: {i}!");
            thread::sleep(Duration::from_millis(5));
        }
    });
    for i in 1..5 {
        println!("Main thread: {i}");
        thread::sleep(Duration::from_millis(5));
    }
    println!("Main thread: returning; the process ends with both threads unfinished");
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
