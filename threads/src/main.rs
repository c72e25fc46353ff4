//! # OS threads: start them, wait for them, and what they keep to themselves
//!
//! Every Rust thread is an operating-system thread, started with `thread::spawn` or a
//! `thread::Builder` and waited for with `join`. Each section is one file in `src/`, a
//! whole program to copy into a project's `src/main.rs`. `cargo run -p threads` runs
//! every section, `cargo run -p threads -- <section>` one, and `-- --list` lists them.
//!
//! ## The sections, in teaching order
//!
//! - [`join-returns-value`](mod@join_returns_value): join waits for the thread and returns the closure's value
//! - [`panic-stays-in-its-thread`](mod@panic_stays_in_its_thread): a panic stops only its own thread; join hands back the payload
//! - [`drop-during-panic`](mod@drop_during_panic): a guard's Drop runs when its thread panics too, and thread::panicking() tells it so
//! - [`move-closure`](mod@move_closure): a spawned closure may not borrow locals (E0373): `move` hands them over
//! - [`leak-for-static`](mod@leak_for_static): Box::leak turns data built at run time into a &'static that threads share, never freed
//! - [`builder`](mod@builder): a Builder names a thread, which its panic message shows, and requests its stack size, here large enough for 3 MiB of locals
//! - [`thread-local`](mod@thread_local): each thread has its own copy of a thread_local!: no thread sees another's changes
//! - [`park-unpark`](mod@park_unpark): a thread parks until another sets a flag and unparks it; an unpark before the park is not lost, if nothing else parks the thread in between
//! - [`park-timeout`](mod@park_timeout): park_timeout returns once its time is up: a waiter with a deadline gives up instead of hanging
//! - [`is-finished`](mod@is_finished): is_finished says without waiting whether a thread has ended: main polls between its own steps and joins a worker once it says true
//! - [`main-does-not-wait`](mod@main_does_not_wait): the process ends when main returns, without waiting for its threads

#[doc(hidden)] // the command line, not a lesson
#[path = "../../common/cli.rs"]
mod cli;
use cli::Section;

mod builder;
mod drop_during_panic;
mod is_finished;
mod join_returns_value;
mod leak_for_static;
mod main_does_not_wait;
mod move_closure;
mod panic_stays_in_its_thread;
mod park_timeout;
mod park_unpark;
mod thread_local;

/// Every section in teaching order. `main-does-not-wait` is last: it ends the process.
const SECTIONS: &[Section] = &[
    Section {
        name: "join-returns-value",
        claim: "join waits for the thread and returns the closure's value",
        run: join_returns_value::main,
    },
    Section {
        name: "panic-stays-in-its-thread",
        claim: "a panic stops only its own thread; join hands back the payload",
        run: panic_stays_in_its_thread::main,
    },
    Section {
        name: "drop-during-panic",
        claim: "a guard's Drop runs when its thread panics too, and thread::panicking() tells it so",
        run: drop_during_panic::main,
    },
    Section {
        name: "move-closure",
        claim: "a spawned closure may not borrow locals (E0373): `move` hands them over",
        run: move_closure::main,
    },
    Section {
        name: "leak-for-static",
        claim: "Box::leak turns data built at run time into a &'static that threads share, never freed",
        run: leak_for_static::main,
    },
    Section {
        name: "builder",
        claim: "a Builder names a thread, which its panic message shows, and requests its stack size, here large enough for 3 MiB of locals",
        run: builder::main,
    },
    Section {
        name: "thread-local",
        claim: "each thread has its own copy of a thread_local!: no thread sees another's changes",
        run: thread_local::main,
    },
    Section {
        name: "park-unpark",
        claim: "a thread parks until another sets a flag and unparks it; an unpark before the park is not lost, if nothing else parks the thread in between",
        run: park_unpark::main,
    },
    Section {
        name: "park-timeout",
        claim: "park_timeout returns once its time is up: a waiter with a deadline gives up instead of hanging",
        run: park_timeout::main,
    },
    Section {
        name: "is-finished",
        claim: "is_finished says without waiting whether a thread has ended: main polls between its own steps and joins a worker once it says true",
        run: is_finished::main,
    },
    Section {
        name: "main-does-not-wait",
        claim: "the process ends when main returns, without waiting for its threads",
        run: main_does_not_wait::main,
    },
];

fn main() -> std::process::ExitCode {
    cli::main(SECTIONS)
}
