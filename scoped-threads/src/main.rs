//! # Scoped threads: threads that borrow from the function that starts them
//!
//! A thread from `thread::spawn` may outlive the function that started it, so its
//! closure may not borrow that function's locals (`move` hands them over instead).
//! `thread::scope` is the other way: every thread spawned in the scope is joined
//! before `scope` returns, so those threads may borrow the caller's locals, under
//! the usual borrowing rules. This program
//! shows, one section each:
//!
//! 1. `borrow-locals`: the notes' example, a scoped thread reading a local `String`.
//! 2. `many-readers`: any number of threads may borrow the same data at once
//!    (a `Barrier` proves they all hold their borrow at the same moment).
//! 3. `one-writer`: or one thread may borrow it mutably (two writers: E0499,
//!    a writer and a reader: E0502; see `compile-fail/`).
//! 4. `scope-joins-all`: `scope` returns only after every thread in it has finished.
//! 5. `handles-return-values`: a scoped `join` hands back the thread's value.
//!
//! What to notice in the output: the threads' lines come in a different order
//! from run to run, but the line after the scope always comes after all of them.
//!
//! Run it: `cargo run -p scoped-threads` (every section),
//! `cargo run -p scoped-threads -- <section>` (one), `-- --list` (their names).

use std::env;
use std::process::ExitCode;
use std::sync::Barrier;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// The program's name, for its usage text.
const NAME: &str = "scoped-threads";

/// How many threads the sections that share data start.
const THREADS: usize = 4;

/// Every section in teaching order: its name, the claim it shows, and the function
/// that shows it.
const SECTIONS: &[(&str, &str, fn())] = &[
    (
        "borrow-locals",
        "a scoped thread may borrow a local of the function that starts it",
        borrow_locals,
    ),
    (
        "many-readers",
        "many threads may borrow the same data immutably at once",
        many_readers,
    ),
    (
        "one-writer",
        "one thread may borrow the data mutably, and then no other may touch it",
        one_writer,
    ),
    (
        "scope-joins-all",
        "scope returns only after every thread in it has finished",
        scope_joins_all,
    ),
    (
        "handles-return-values",
        "a scoped thread's join returns the value its closure returned",
        handles_return_values,
    ),
];

/// The notes' example: no `move`, no `Arc`; the thread borrows `s` directly.
fn borrow_locals() {
    let s = String::from("Hello");
    thread::scope(|scope| {
        // This closure borrows `s`. That compiles (unlike with `thread::spawn`,
        // E0373) because the scope joins the thread before `s` can be dropped.
        scope.spawn(|| {
            println!("Length: {}", s.len());
        });
    });
    // The borrow ended with the scope: `s` is still ours.
    println!("Main thread: still own {s:?}");
}

/// Shared borrows (`&T`) may be handed to any number of threads at once.
fn many_readers() {
    let numbers: Vec<u64> = (1..=100).collect();
    // Each reader waits here, holding its borrow, until all of them hold one: the
    // section could not finish if two shared borrows could not live at the same time.
    let all_reading = Barrier::new(THREADS);
    thread::scope(|scope| {
        for reader in 1..=THREADS {
            // Every thread gets the same `&numbers`: reading needs no lock.
            let (numbers, all_reading) = (&numbers, &all_reading);
            scope.spawn(move || {
                let sum: u64 = numbers.iter().sum();
                println!("Reader {reader}: borrowing the numbers, their sum is {sum}");
                all_reading.wait();
                // Every reader has printed its line above by now, and still borrows.
                println!("Reader {reader}: passed the barrier, all {THREADS} readers borrowing");
            });
        }
    });
    println!(
        "Main thread: the readers are done; numbers still has {} items",
        numbers.len()
    );
}

/// A mutable borrow (`&mut T`) goes to one thread only; while it lives, no other
/// thread (main included) may read or write the data.
fn one_writer() {
    let mut log = vec!["started"];
    thread::scope(|scope| {
        // The writer holds `&mut log` until it finishes. Spawning a second writer
        // (E0499) or a reader (E0502) here would not compile.
        scope.spawn(|| {
            log.push("written by the one writer");
            println!("Writer: log has {} entries", log.len());
        });
    });
    // The scope joined the writer, so its mutable borrow is over and main sees the change.
    println!("Main thread: log is {log:?}");
    assert_eq!(log, ["started", "written by the one writer"]);
}

/// Nothing needs `join` by hand: leaving `scope` waits for every thread in it.
fn scope_joins_all() {
    let finished = AtomicUsize::new(0);
    thread::scope(|scope| {
        for worker in 1..=THREADS {
            let finished = &finished;
            // No handle is kept: the scope itself will wait for this thread.
            scope.spawn(move || {
                println!("Worker {worker}: done");
                finished.fetch_add(1, Ordering::Relaxed);
            });
        }
    });
    // Every worker has finished by now, whatever order they ran in.
    let finished = finished.into_inner();
    println!("Main thread: scope returned after {finished} of {THREADS} workers finished");
    assert_eq!(finished, THREADS);
}

/// `scope.spawn` returns a `ScopedJoinHandle`; its `join` returns the closure's value.
fn handles_return_values() {
    let numbers: Vec<u64> = (1..=1_000).collect();
    let chunk_len = numbers.len().div_ceil(THREADS);
    let total: u64 = thread::scope(|scope| {
        // Each thread sums one borrowed chunk of the same vector.
        let handles: Vec<_> = numbers
            .chunks(chunk_len)
            .map(|chunk| scope.spawn(move || chunk.iter().sum::<u64>()))
            .collect();
        // Joining inside the scope hands each partial sum back to main.
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a summing thread panicked"))
            .inspect(|part| println!("Main thread: a thread returned {part}"))
            .sum()
    });
    println!("Main thread: the total is {total}");
    assert_eq!(total, 500_500);
}

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
            for (name, claim, _) in SECTIONS {
                println!("{name}  {claim}");
            }
        }
        [name] => match SECTIONS.iter().find(|section| section.0 == name) {
            Some(section) => run(section),
            None => return usage_error(&format!("unknown section `{name}`")),
        },
        _ => return usage_error("expected at most one section name"),
    }
    ExitCode::SUCCESS
}

fn run((name, claim, show): &(&str, &str, fn())) {
    println!("=== {name}: {claim} ===");
    show();
}

fn usage() -> String {
    let mut text = format!(
        "Usage: {NAME} [SECTION]\n\n\
         Runs every section in teaching order, or only SECTION.\n\n\
         Options:\n  --list      one line per section: its name and the claim it shows\n  \
         -h, --help  print this help\n\nSections:\n"
    );
    let width = SECTIONS
        .iter()
        .map(|section| section.0.len())
        .max()
        .unwrap_or(0);
    for (name, claim, _) in SECTIONS {
        text += &format!("  {name:<width$}  {claim}\n");
    }
    text
}

/// A wrong command line is the user's mistake, not a bug: say what was wrong,
/// print the usage, and exit with 2 (no panic, no backtrace).
fn usage_error(problem: &str) -> ExitCode {
    eprint!("error: {problem}\n\n{}", usage());
    ExitCode::from(2)
}
