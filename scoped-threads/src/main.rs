//! # Scoped threads: threads that borrow from the function that starts them
//!
//! A thread from `thread::spawn` may outlive the function that started it, so its
//! closure may not borrow that function's locals. Every thread spawned in a
//! `thread::scope` is joined before `scope` returns, so those threads may borrow the
//! caller's locals, under the usual borrowing rules, and hand values and panics back.
//!
//! Each section is a whole program in `src/<section>.rs`: copy it into a project's
//! `src/main.rs`. `cargo run -p scoped-threads -- --list` names them.

mod borrow_locals;
mod handles_return_values;
mod many_readers;
mod one_writer;
mod panic_in_scope;
mod parallel_chunks;
mod scope_joins_all;

/// Every section in teaching order.
const SECTIONS: &[Section] = &[
    Section {
        name: "borrow-locals",
        claim: "a scoped thread may borrow a local of the function that starts it",
        run: borrow_locals::main,
    },
    Section {
        name: "many-readers",
        claim: "many threads may borrow the same data immutably at once",
        run: many_readers::main,
    },
    Section {
        name: "one-writer",
        claim: "one thread may borrow the data mutably, and then no other may touch it",
        run: one_writer::main,
    },
    Section {
        name: "scope-joins-all",
        claim: "scope returns only after every thread in it has finished",
        run: scope_joins_all::main,
    },
    Section {
        name: "handles-return-values",
        claim: "a scoped thread's join returns the value its closure returned",
        run: handles_return_values::main,
    },
    Section {
        name: "panic-in-scope",
        claim: "a scoped thread's panic is not lost: the scope panics, or join hands it back",
        run: panic_in_scope::main,
    },
    Section {
        name: "parallel-chunks",
        claim: "one chunk per core, each borrowed by a scoped thread, gives the sequential result",
        run: parallel_chunks::main,
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
