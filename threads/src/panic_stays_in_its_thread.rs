//! A panic unwinds only the thread it happens in (with the default
//! `panic = "unwind"`; under `"abort"` it ends the process). `join` reports it as
//! `Err(payload)`, where the payload is whatever `panic!` was given, boxed as
//! `dyn Any + Send`, and `downcast_ref` tells a `&'static str` payload
//! (`panic!("literal")`) from a `String` one (`panic!("formatted {x}")`).
//!
//! What to notice: Rust's default panic hook prints both panic messages on stderr,
//! and main carries on after both.

use std::any::Any;
use std::thread;

pub fn main() {
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
