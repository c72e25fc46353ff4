//! # `Arc`: one value, many owners, on many threads
//!
//! `Arc<T>` ("atomically reference counted") is a pointer to a value on the heap and a
//! count of the `Arc`s that point at it: a clone adds one, a drop takes one off, and
//! the owner that takes it to zero drops the value. That count is an atomic, so the
//! crate goes on to atomics themselves: counters, one-time initialisation,
//! compare-and-swap, and the memory orderings that decide what one thread sees of
//! another's writes.
//!
//! Each section file is a whole program: copy it into a project's `src/main.rs`.
//! `cargo run -p arc` runs every section, `cargo run -p arc -- <section>` runs one,
//! and `cargo run -p arc -- --list` lists them.

mod atomic_counter;
mod clone_without_clone;
mod clones_share_one_allocation;
mod compare_exchange;
mod countdown;
mod into_inner;
mod last_owner_drops;
mod lazy_lock;
mod notes_example;
mod once_init;
mod release_acquire;
mod store_buffer;
mod weak;

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
        name: "into-inner",
        claim: "Arc::into_inner gives the value to exactly one owner; make_mut clones a shared value",
        run: into_inner::main,
    },
    Section {
        name: "weak",
        claim: "with Weak parent links a tree is freed; upgrade gives None once the last Arc is gone",
        run: weak::main,
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
    Section {
        name: "lazy-lock",
        claim: "a static LazyLock runs its initialiser once; OnceLock::set lets exactly one thread win",
        run: lazy_lock::main,
    },
    Section {
        name: "compare-exchange",
        claim: "a compare_exchange loop hands out each ID below a limit once; swap elects one thread",
        run: compare_exchange::main,
    },
    Section {
        name: "release-acquire",
        claim: "a reader that sees a flag stored with Release sees the data written before it",
        run: release_acquire::main,
    },
    Section {
        name: "countdown",
        claim: "fetch_sub(Release) tells exactly one thread it is last; its fence(Acquire) shows it every result",
        run: countdown::main,
    },
    Section {
        name: "store-buffer",
        claim: "SeqCst forbids both loads seeing 0 in the store-buffer test; weaker orderings allow it",
        run: store_buffer::main,
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
