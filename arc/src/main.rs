//! # `Arc`: one value, many owners, on many threads
//!
//! `Arc<T>` ("atomically reference counted") is a pointer to a value on the heap
//! together with a count of how many `Arc`s point at it. Cloning an `Arc` copies
//! the pointer and adds one to the count; dropping one subtracts one; the owner that
//! brings the count to zero drops the value. The sections, in teaching order, one
//! file each:
//!
//! 1. `notes-example` (`notes_example.rs`): the notes' example, four threads printing
//!    the same vector through their own clone of one `Arc`.
//! 2. `clones-share-one-allocation` (`clones_share_one_allocation.rs`): a clone
//!    points at the same value; `strong_count` counts the owners.
//! 3. `last-owner-drops` (`last_owner_drops.rs`): the value is dropped once, by
//!    whichever owner lets go last, on whatever thread.
//! 4. `clone-without-clone` (`clone_without_clone.rs`): `Arc<T>` is `Clone` even
//!    when `T` is not; what `Arc` does not do (E0596, E0277).
//! 5. `atomic-counter` (`atomic_counter.rs`), beyond the notes: an `Arc<AtomicU64>`
//!    that many threads bump with `fetch_add` counts exactly, without a lock.
//! 6. `once-init` (`once_init.rs`), beyond the notes: a `static` `OnceLock` built
//!    once, by whichever thread comes first, and shared by all: no `static mut`.
//!
//! Each section file is a whole program: copy it into a project's `src/main.rs`.
//! Run them here with `cargo run -p arc` (every section),
//! `cargo run -p arc -- <section>` (one), `cargo run -p arc -- --list`.

mod atomic_counter;
mod clone_without_clone;
mod clones_share_one_allocation;
mod last_owner_drops;
mod notes_example;
mod once_init;

/// Every section in teaching order.
const SECTIONS: &[Section] = &[
    Section {
        name: "notes-example",
        claim: "threads share one value, each through its own clone of an Arc",
        run: notes_example::main,
    },
    Section {
        name: "clones-share-one-allocation",
        claim: "a clone points at the same value; strong_count counts the owners",
        run: clones_share_one_allocation::main,
    },
    Section {
        name: "last-owner-drops",
        claim: "the value is dropped once, by whichever owner lets go last",
        run: last_owner_drops::main,
    },
    Section {
        name: "clone-without-clone",
        claim: "Arc<T> is Clone even when T is not",
        run: clone_without_clone::main,
    },
    Section {
        name: "atomic-counter",
        claim: "an AtomicU64 that many threads bump with fetch_add counts exactly, without a lock",
        run: atomic_counter::main,
    },
    Section {
        name: "once-init",
        claim: "a static OnceLock is initialised once, however many threads race to it",
        run: once_init::main,
    },
];

// ---- the command line: the same in every example crate (xtask/tests checks it) ----

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
