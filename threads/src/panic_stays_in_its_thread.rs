//! A panic unwinds only the thread it happens in (with the default `panic = "unwind"`;
//! under `"abort"` it ends the process). `join` returns it as `Err(payload)`: whatever
//! `panic!` was given, boxed as `dyn Any + Send`. `downcast_ref` unpacks it: a
//! `&'static str` from `panic!("literal")`, a `String` from `panic!("formatted {x}")`.
//!
//! What to notice: Rust's default panic hook prints both panic messages on stderr, and
//! main carries on after both.

use std::any::Any;
use std::thread;

pub fn main() {
    println!("Main thread: two threads are about to panic (Rust prints their messages on stderr)");
    let literal = thread::spawn(|| panic!("a literal message"));
    let step = 3;
    let formatted = thread::spawn(move || panic!("failed at step {step}"));

    for (name, handle) in [("first", literal), ("second", formatted)] {
        let payload = handle.join().expect_err("the thread should have panicked");
        println!(
            "Main thread: the {name} thread panicked with {}",
            describe(payload.as_ref())
        );
    }
    println!("Main thread: still running after both panics");
}

/// The two payloads `panic!` makes; `panic_any` can carry any other type.
fn describe(payload: &(dyn Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<&'static str>() {
        format!("a &'static str payload: {message:?}")
    } else if let Some(message) = payload.downcast_ref::<String>() {
        format!("a String payload: {message:?}")
    } else {
        "a payload of another type".to_string()
    }
}
