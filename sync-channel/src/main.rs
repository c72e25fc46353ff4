//! # Bounded channels: `mpsc::sync_channel`
//!
//! `mpsc::sync_channel(capacity)` makes a channel that holds at most `capacity`
//! messages. When it is full, `send` waits until the receiver makes room, so a fast
//! sender never runs more than `capacity` messages ahead of a slow receiver.
//!
//! Each section file is a whole program: copy it into a project's `src/main.rs`.
//! `cargo run -p sync-channel -- --list` names them; `cargo xtask demo --timeline
//! sync-channel` shows when each line was printed.

mod bounded;
mod pipeline;
mod rendezvous;
mod try_send_full;

/// Every section in teaching order.
const SECTIONS: &[Section] = &[
    Section {
        name: "bounded",
        claim: "send waits for room once the channel holds its capacity",
        run: bounded::main,
    },
    Section {
        name: "try-send-full",
        claim: "try_send never waits: the value comes back in Full, or in Disconnected with no receiver",
        run: try_send_full::main,
    },
    Section {
        name: "rendezvous",
        claim: "with capacity 0 every send waits for a recv",
        run: rendezvous::main,
    },
    Section {
        name: "pipeline",
        claim: "no stage runs more than its channel's capacity ahead; closing the first Sender ends all",
        run: pipeline::main,
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
