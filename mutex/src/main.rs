//! # `Mutex` and `RwLock`: shared data that threads may change
//!
//! An `Arc` lets many threads own one value, but only read it. To change it, put it in
//! a lock: the guard that `lock` hands out is the only way in to the value. The notes'
//! sections come first; then locks in real code: how long a guard lives, deadlocks and
//! how to rule them out, and waiting for a condition with a `Condvar`.
//!
//! Each section file in `src/` is a whole program: copy it into a project's `src/main.rs`.

mod condvar;
mod condvar_timeout;
mod deadlock;
mod dining_philosophers;
mod guard_lifetimes;
mod guard_scope;
mod lock_twice;
mod notes_example;
mod poisoning;
mod rwlock;
mod shared_counter;
mod wake_up_finds_nothing;
mod worker_pool_stall;

/// Every section in teaching order.
const SECTIONS: &[Section] = &[
    Section {
        name: "notes-example",
        claim: "a MutexGuard gives mutable access to the value inside the Mutex",
        run: notes_example::main,
    },
    Section {
        name: "shared-counter",
        claim: "Arc<Mutex<_>> lets many threads change one value without losing an update",
        run: shared_counter::main,
    },
    Section {
        name: "guard-scope",
        claim: "the lock is held exactly as long as the guard lives",
        run: guard_scope::main,
    },
    Section {
        name: "poisoning",
        claim: "a panic while holding the lock poisons it; the data can still be recovered",
        run: poisoning::main,
    },
    Section {
        name: "rwlock",
        claim: "an RwLock lets many readers in at once, but a writer only alone",
        run: rwlock::main,
    },
    Section {
        name: "guard-lifetimes",
        claim: "a guard in an if-let, match or while-let scrutinee holds the lock through the block",
        run: guard_lifetimes::main,
    },
    Section {
        name: "worker-pool-stall",
        claim: "workers that take jobs with while-let hold the lock while a job runs: the pool stalls",
        run: worker_pool_stall::main,
    },
    Section {
        name: "lock-twice",
        claim: "a Mutex is not reentrant: the thread that holds it cannot lock it again",
        run: lock_twice::main,
    },
    Section {
        name: "deadlock",
        claim: "two locks taken in opposite orders deadlock; a watchdog sees it and breaks it",
        run: deadlock::main,
    },
    Section {
        name: "dining-philosophers",
        claim: "taking locks in one global order rules out deadlock: every philosopher eats",
        run: dining_philosophers::main,
    },
    Section {
        name: "condvar",
        claim: "a Condvar loses no wake-up: the waiter checks the condition before it waits",
        run: condvar::main,
    },
    Section {
        name: "wake-up-finds-nothing",
        claim: "notify_all wakes every waiter, but one item goes to one: check again in a loop",
        run: wake_up_finds_nothing::main,
    },
    Section {
        name: "condvar-timeout",
        claim: "wait_timeout_while returns when the condition holds or the time runs out, and says which",
        run: condvar_timeout::main,
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
