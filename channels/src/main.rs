//! # Channels: `mpsc`, sending values from thread to thread
//!
//! A channel has two ends: a `Sender` that puts values in and a `Receiver` that takes
//! them out, in the order they were sent. `mpsc` means multiple producer, single
//! consumer: the `Sender` can be cloned, the `Receiver` cannot. Here are the notes'
//! examples, then what programs built on channels need: a worker pool, stopping a
//! worker, waiting with a deadline, and replies.
//!
//! Each section file is a whole program: copy it into a project's `src/main.rs`.

mod disconnection;
mod join_with_deadline;
mod many_producers;
mod notes_example;
mod reply_channel;
mod stop_a_worker;
mod unbounded;
mod worker_pool;

/// Every section in teaching order.
const SECTIONS: &[Section] = &[
    Section {
        name: "notes-example",
        claim: "values come out in the order sent; a cloned Sender feeds the same Receiver",
        run: notes_example::main,
    },
    Section {
        name: "many-producers",
        claim: "each producer's messages arrive once, in order; the loop ends with the last Sender",
        run: many_producers::main,
    },
    Section {
        name: "disconnection",
        claim: "recv fails once every Sender is gone; send fails once the Receiver is, returning the value",
        run: disconnection::main,
    },
    Section {
        name: "unbounded",
        claim: "an unbounded channel never blocks the sender",
        run: unbounded::main,
    },
    Section {
        name: "stop-a-worker",
        claim: "a worker blocked in recv stops when the last Sender drops; a flag cannot wake it",
        run: stop_a_worker::main,
    },
    Section {
        name: "join-with-deadline",
        claim: "a thread's done message and recv_timeout give join a deadline",
        run: join_with_deadline::main,
    },
    Section {
        name: "reply-channel",
        claim: "a request that carries its own reply Sender is answered to the client that asked",
        run: reply_channel::main,
    },
    Section {
        name: "worker-pool",
        claim: "a pool shares one job queue, survives a panicking job, and joins every worker on drop",
        run: worker_pool::main,
    },
];

// ---- the command line: written from common/cli.rs by `cargo xtask copies` ----

use std::env;
use std::process::ExitCode;

/// One section: its name on the command line, the claim it shows, and its program.
struct Section {
    name: &'static str,
    claim: &'static str,
    run: fn(),
}

/// The crate's name, which is also its binary's.
const NAME: &str = env!("CARGO_PKG_NAME");

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
            for section in SECTIONS {
                println!("{}  {}", section.name, section.claim);
            }
        }
        [name] => match SECTIONS.iter().find(|section| section.name == name) {
            Some(section) => run(section),
            None => return usage_error(&format!("unknown section `{name}`")),
        },
        _ => return usage_error("expected at most one section name"),
    }
    ExitCode::SUCCESS
}

/// The header line, then the section's program, which has joined every thread it
/// waits for by the time it returns.
fn run(section: &Section) {
    println!("=== {}: {} ===", section.name, section.claim);
    (section.run)();
}

fn usage() -> String {
    let mut text = format!(
        "Usage: {NAME} [SECTION]\n\n\
         Runs every section in teaching order, or only SECTION.\n\n\
         Options:\n  --list      one line per section: its name and the claim it shows\n  \
         -h, --help  print this help\n\nSections:\n"
    );
    let width = SECTIONS.iter().map(|s| s.name.len()).max().unwrap_or(0);
    for section in SECTIONS {
        text += &format!("  {:<width$}  {}\n", section.name, section.claim);
    }
    text
}

/// A wrong command line is the user's mistake, not a bug: say what was wrong,
/// print the usage, and exit with 2 (no panic, no backtrace).
fn usage_error(problem: &str) -> ExitCode {
    eprint!("error: {problem}\n\n{}", usage());
    ExitCode::from(2)
}

// ---- end of the command line ----
