//! A panic unwinds only the thread it happens in (with the default `panic = "unwind"`;
//! under `"abort"` it ends the process). `join` returns it as `Err(payload)`: whatever
//! `panic!` was given, boxed as `dyn Any + Send`. `downcast_ref` unpacks it: a
//! `&'static str` from `panic!("literal")`, a `String` from `panic!("formatted {x}")`.
//!
//! What to notice: main carries on after both panics and names both payloads. Rust's
//! default panic hook prints each panic's message on stderr (the demo shows a section's
//! stderr below its output).

use std::any::Any;
use std::thread;

pub fn main() {
    println!("Main thread: two threads are about to panic; their messages go to stderr");
    let literal = thread::spawn(|| panic!("a literal message"));
    let step = 3;
    let formatted = thread::spawn(move || panic!("failed at step {step}"));

    let mut payloads = Vec::new();
    for (name, handle) in [("first", literal), ("second", formatted)] {
        match handle.join() {
            Ok(()) => println!("Main thread: the {name} thread returned"),
            Err(payload) => {
                // `as_ref()`: the value inside the `Box`. A `&Box` is a `dyn Any` too,
                // but one whose type is the `Box`, and no downcast would match it.
                let payload = describe(payload.as_ref());
                println!("Main thread: the {name} thread panicked with {payload}");
                payloads.push(payload);
            }
        }
    }
    println!("Main thread: still running after both panics");
    assert_eq!(
        payloads,
        [
            r#"a &'static str payload: "a literal message""#,
            r#"a String payload: "failed at step 3""#,
        ]
    );
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
