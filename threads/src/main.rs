//! # OS threads: start them, wait for them, and what they keep to themselves
//!
//! Every Rust thread is an operating-system thread, started with `thread::spawn` or a
//! `thread::Builder` and waited for with `join`. Each section is one file in `src/`, a
//! whole program to copy into a project's `src/main.rs`. `cargo run -p threads` runs
//! every section, `cargo run -p threads -- <section>` one, and `-- --list` lists them.

mod builder;
mod join_returns_value;
mod main_does_not_wait;
mod move_closure;
mod panic_stays_in_its_thread;
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
        name: "move-closure",
        claim: "a spawned closure may not borrow locals (E0373): `move` hands them over",
        run: move_closure::main,
    },
    Section {
        name: "builder",
        claim: "a Builder names a thread, and the panic message of that thread shows the name",
        run: builder::main,
    },
    Section {
        name: "thread-local",
        claim: "each thread has its own copy of a thread_local!: no thread sees another's changes",
        run: thread_local::main,
    },
    Section {
        name: "park-unpark",
        claim: "a thread parks until another sets a flag and unparks it; an early unpark is not lost",
        run: park_unpark::main,
    },
    Section {
        name: "main-does-not-wait",
        claim: "the process ends when main returns, without waiting for its threads",
        run: main_does_not_wait::main,
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
