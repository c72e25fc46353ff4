//! # `Arc`: one value, many owners, on many threads
//!
//! `Arc<T>` ("atomically reference counted") is a pointer to a value on the heap
//! together with a count of how many `Arc`s point at it. Cloning an `Arc` copies
//! the pointer and adds one to the count (an atomic operation, so threads may do it
//! at the same time); dropping one subtracts one; the owner that brings the count
//! to zero drops the value. This program shows, one section each:
//!
//! 1. `notes-example`: the notes' example, four threads printing the same vector
//!    through their own clone of one `Arc`.
//! 2. `clones-share-one-allocation`: a clone is a second pointer to the same
//!    value (`Arc::ptr_eq`, the same address), not a copy of it;
//!    `Arc::strong_count` rises with every clone and falls with every drop.
//! 3. `last-owner-drops`: the value is dropped exactly once, by whichever owner
//!    lets go last, on whichever thread that happens to be.
//! 4. `clone-without-clone`: `Arc<T>` is `Clone` even when `T` is not.
//!
//! What `Arc` does not do: it gives only shared (`&T`) access, so mutating through
//! it fails with E0596 (`compile-fail/mutate-through-arc.rs`; use a `Mutex`, see
//! the mutex crate). (`Arc::get_mut` gives `&mut T` only to the one owner left, and
//! `Arc::make_mut` clones the value first when it is shared.) And `Arc<T>` is `Send`
//! and `Sync` only when `T` is both, so an `Arc<RefCell<_>>` cannot go to another
//! thread, E0277 (`compile-fail/send-arc-refcell.rs`).
//!
//! What to notice in the output: in `notes-example` the thread ids come in a
//! different order from run to run, but `v:` always comes after all of them; in
//! `last-owner-drops` the thread that drops the value changes from run to run, but
//! its line always comes after every owner has let go.
//!
//! Run it: `cargo run -p arc` (every section), `cargo run -p arc -- <section>`
//! (one), `cargo run -p arc -- --list` (their names).

use std::env;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// The program's name, for its usage text.
const NAME: &str = "arc";

/// How many threads share the vector in the notes' example (`for _ in 1..5`).
const THREADS: usize = 4;

/// How many clones `clones-share-one-allocation` makes of its `Arc`.
const CLONES: usize = 3;

/// How many spawned threads own a clone in `last-owner-drops` (main owns one too).
const OWNER_THREADS: usize = 3;

/// Every section in teaching order: its name, the claim it shows, and the function
/// that shows it.
const SECTIONS: &[(&str, &str, fn())] = &[
    (
        "notes-example",
        "threads share one value, each through its own clone of an Arc",
        notes_example,
    ),
    (
        "clones-share-one-allocation",
        "a clone points at the same value; strong_count counts the owners",
        clones_share_one_allocation,
    ),
    (
        "last-owner-drops",
        "the value is dropped once, by whichever owner lets go last",
        last_owner_drops,
    ),
    (
        "clone-without-clone",
        "Arc<T> is Clone even when T is not",
        clone_without_clone,
    ),
];

/// The notes' example: every thread gets its own `Arc`, and all of them point at
/// the one vector, which main can still print once the threads are done.
fn notes_example() {
    let v = Arc::new(vec![10, 20, 30]);
    let mut handles = Vec::new();
    for _ in 0..THREADS {
        // The clone, not `v` itself, moves into the thread: main keeps its own `Arc`.
        let v = Arc::clone(&v);
        // A spawned thread must own what it uses; an `Arc` clone is cheap to own.
        handles.push(thread::spawn(move || {
            let thread_id = thread::current().id();
            println!("{thread_id:?}: {v:?}");
        }));
    }
    // Wait for every thread, so the last line comes after all of theirs.
    handles
        .into_iter()
        .for_each(|h| h.join().expect("a printing thread panicked"));
    println!("v: {v:?}");
}

/// `Arc::clone` copies a pointer and adds one to the count; the vector itself is
/// never copied. Dropping a clone subtracts one.
fn clones_share_one_allocation() {
    let original = Arc::new(vec![10, 20, 30]);
    println!(
        "original at {:p}: strong_count = {}",
        original,
        Arc::strong_count(&original)
    );
    assert_eq!(Arc::strong_count(&original), 1);

    let mut clones = Vec::new();
    for n in 1..=CLONES {
        let clone = Arc::clone(&original);
        println!(
            "clone {n} at {:p}: ptr_eq = {}, strong_count = {}",
            clone,
            Arc::ptr_eq(&clone, &original),
            Arc::strong_count(&original)
        );
        assert!(Arc::ptr_eq(&clone, &original));
        assert_eq!(Arc::strong_count(&original), 1 + n);
        clones.push(clone);
    }

    // For contrast, a new `Arc` around a copy of the vector: equal, but a second
    // allocation with its own count.
    let copy = Arc::new(original.to_vec());
    println!(
        "copy at {:p}: equal = {}, ptr_eq = {}, strong_count = {}",
        copy,
        copy == original,
        Arc::ptr_eq(&copy, &original),
        Arc::strong_count(&copy)
    );
    assert!(!Arc::ptr_eq(&copy, &original));

    while let Some(clone) = clones.pop() {
        // Dropping a clone gives back one count; the vector stays while any remain.
        drop(clone);
        println!(
            "clone dropped: strong_count = {}",
            Arc::strong_count(&original)
        );
    }
    assert_eq!(Arc::strong_count(&original), 1);
}

/// How many `Loud` values have been dropped so far, so main can check it was one.
static DROPS: AtomicUsize = AtomicUsize::new(0);

/// A value that says which thread drops it.
struct Loud;

impl Drop for Loud {
    fn drop(&mut self) {
        let name = thread::current().name().unwrap_or("unnamed").to_owned();
        DROPS.fetch_add(1, Ordering::SeqCst);
        println!("{name}: drops the value");
    }
}

/// Main and several named threads each own one `Arc<Loud>` and let go of it.
/// Nobody decides who frees the value: the count does, and the owner that takes
/// it to zero runs `Drop`, on its own thread.
fn last_owner_drops() {
    let value = Arc::new(Loud);
    let before = DROPS.load(Ordering::SeqCst);
    let mut handles = Vec::new();
    for i in 1..=OWNER_THREADS {
        let mine = Arc::clone(&value);
        let name = format!("owner-{i}");
        // Each thread owns its clone and drops it when it is done; a name makes the
        // drop line say which thread it was.
        let handle = thread::Builder::new()
            .name(name.clone())
            .spawn(move || {
                println!("{name}: lets go of its clone");
                // One count fewer; if it was the last, `Loud::drop` runs right here.
                drop(mine);
            })
            .expect("could not spawn an owner thread");
        handles.push(handle);
    }
    // Main lets go while the threads may still hold theirs: main is not special,
    // it is just one more owner.
    println!("main: lets go of its clone");
    drop(value);
    // After the joins every clone is gone, so the value must have been dropped.
    for handle in handles {
        handle.join().expect("an owner thread panicked");
    }
    let drops = DROPS.load(Ordering::SeqCst) - before;
    println!("main: every owner has let go; the value was dropped {drops} time(s)");
    assert_eq!(drops, 1);
}

/// Deliberately not `Clone`: there is no way to copy a `Settings`.
struct Settings {
    name: String,
}

/// `Arc::clone` never clones the value, so `T` need not be `Clone`:
/// `impl<T: ?Sized> Clone for Arc<T>` has no bound on `T`.
fn clone_without_clone() {
    let settings = Arc::new(Settings {
        name: String::from("shared settings"),
    });
    // `Settings` has no `clone`, but `Arc<Settings>` does: it copies the pointer.
    let for_thread = Arc::clone(&settings);
    println!(
        "a second Arc<Settings>: ptr_eq = {}, strong_count = {}",
        Arc::ptr_eq(&for_thread, &settings),
        Arc::strong_count(&settings)
    );
    assert!(Arc::ptr_eq(&for_thread, &settings));
    // The clone can go to another thread, and both read the one `Settings`.
    let handle = thread::spawn(move || {
        println!("spawned thread reads: {}", for_thread.name);
    });
    // Joining drops the thread's clone with the thread: one owner is left.
    handle.join().expect("the reading thread panicked");
    println!(
        "main reads: {}, strong_count = {}",
        settings.name,
        Arc::strong_count(&settings)
    );
    assert_eq!(Arc::strong_count(&settings), 1);
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
