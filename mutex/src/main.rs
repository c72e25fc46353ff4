//! # `Mutex` and `RwLock`: shared data that threads may change
//!
//! An `Arc` lets many threads own one value but only read it. To change it, put it
//! in a lock: `Mutex<T>` hands out one `MutexGuard` at a time, and the guard is the
//! only way to reach the `T` inside. The lock is held exactly as long as the guard
//! lives. This program shows, one section each:
//!
//! 1. `notes-example`: the notes' example, a guard in its own block pushes 40.
//! 2. `shared-counter`: `Arc<Mutex<u64>>` shared by many threads, each adding one
//!    many times: not one increment is lost, and the total is exact.
//! 3. `guard-scope`: the guard's scope is the lock's scope: while a guard lives,
//!    another thread's `try_lock` fails with `WouldBlock`; once it is dropped (end
//!    of block, `drop(guard)`, or end of statement for an unnamed guard), it succeeds.
//! 4. `poisoning`: a thread panics while holding the lock; the mutex is then
//!    poisoned and `lock()` returns `Err(PoisonError)`, from which the data (and the
//!    lock) can still be recovered with `into_inner`; `clear_poison` ends it.
//! 5. `rwlock`: an `RwLock` lets many readers hold it at the same time (two
//!    readers meet at a `Barrier` while both hold a read guard), but a writer
//!    holds it alone.
//!
//! What to notice in the output: the `poisoning` section prints the thread's panic
//! message on stderr (Rust's default panic hook), and the program goes on; in
//! `rwlock` the two readers' lines come in any order, but both readers hold their
//! guard before either passes the barrier.
//!
//! Run it: `cargo run -p mutex` (every section), `cargo run -p mutex -- <section>`
//! (one), `cargo run -p mutex -- --list` (their names).

use std::env;
use std::process::ExitCode;
use std::sync::{Arc, Barrier, Mutex, RwLock, TryLockError, TryLockResult};
use std::thread;

/// The program's name, for its usage text.
const NAME: &str = "mutex";

/// How many threads share the counter in `shared-counter`.
const THREADS: usize = 8;

/// How many times each of those threads adds one.
const INCREMENTS: u64 = 1_000;

/// How many readers hold the `RwLock` at the same time in `rwlock`.
const READERS: usize = 2;

/// Every section in teaching order: its name, the claim it shows, and the function
/// that shows it.
const SECTIONS: &[(&str, &str, fn())] = &[
    (
        "notes-example",
        "a MutexGuard gives mutable access to the value inside the Mutex",
        notes_example,
    ),
    (
        "shared-counter",
        "Arc<Mutex<_>> lets many threads change one value without losing an update",
        shared_counter,
    ),
    (
        "guard-scope",
        "the lock is held exactly as long as the guard lives",
        guard_scope,
    ),
    (
        "poisoning",
        "a panic while holding the lock poisons it; the data can still be recovered",
        poisoning,
    ),
    (
        "rwlock",
        "an RwLock lets many readers in at once, but a writer only alone",
        rwlock,
    ),
];

/// The notes' example. `lock` returns `Err` only if a thread panicked while holding
/// the lock (see `poisoning`); here none can, so `unwrap` is fine.
fn notes_example() {
    let v = Mutex::new(vec![10, 20, 30]);
    // The guard is a temporary: it unlocks at the end of this statement.
    println!("v: {:?}", v.lock().unwrap());
    {
        // The guard derefs to `&mut Vec<i32>`: the only way in to the vector.
        let mut guard = v.lock().unwrap();
        guard.push(40);
    } // The guard unlocks here, so the next `lock` does not wait.
    println!("v: {:?}", v.lock().unwrap());
    assert_eq!(*v.lock().unwrap(), [10, 20, 30, 40]);
}

/// `Arc` shares the `Mutex` between the threads; the `Mutex` makes each
/// read-add-write one step that no other thread can get in the middle of.
fn shared_counter() {
    let counter = Arc::new(Mutex::new(0_u64));
    let mut handles = Vec::new();
    for _ in 0..THREADS {
        // Each thread owns a clone of the `Arc`; all of them point at one `Mutex`.
        let counter = Arc::clone(&counter);
        handles.push(thread::spawn(move || {
            for _ in 0..INCREMENTS {
                // Lock, add one, unlock (the unnamed guard drops at the `;`). No
                // other thread can read the old value between the lock and the add.
                *counter.lock().unwrap() += 1;
            }
        }));
    }
    // Only after every join has every increment happened.
    for handle in handles {
        handle.join().expect("an incrementing thread panicked");
    }
    let total = *counter.lock().unwrap();
    println!("total: {total} ({THREADS} threads × {INCREMENTS} increments)");
    assert_eq!(total, THREADS as u64 * INCREMENTS);
}

/// Runs `attempt` on another thread and returns its result. A `try_lock` from the
/// thread that already holds the guard would say nothing about other threads (and
/// a `lock` there would deadlock), so the attempts in this program come from here.
/// (A `dyn` closure: one copy of this function serves every attempt.)
fn elsewhere(attempt: &(dyn Fn() -> &'static str + Sync)) -> &'static str {
    // A scoped thread may borrow the lock; the scope joins it before returning.
    thread::scope(|scope| {
        scope
            .spawn(attempt)
            .join()
            .expect("the trying thread panicked")
    })
}

/// What a `try_lock`, `try_read` or `try_write` came back with. The guard, if
/// there was one, is dropped right here, at once.
fn outcome<G>(attempt: TryLockResult<G>) -> &'static str {
    match attempt {
        Ok(_) => "Ok",
        Err(TryLockError::WouldBlock) => "WouldBlock",
        Err(TryLockError::Poisoned(_)) => "Poisoned",
    }
}

/// The lock is released when the guard is dropped, and not before: at the end of
/// its block, at `drop(guard)`, or at the end of the statement for an unnamed one.
fn guard_scope() {
    let counter = Mutex::new(0_u32);

    {
        let mut guard = counter.lock().unwrap();
        *guard += 1;
        // `try_lock` does not wait: it fails at once while someone holds the lock.
        let attempt = elsewhere(&|| outcome(counter.try_lock()));
        println!("in the guard's block: another thread's try_lock: {attempt}");
        assert_eq!(attempt, "WouldBlock");
    } // The guard unlocks here, at the end of its block.
    let attempt = elsewhere(&|| outcome(counter.try_lock()));
    println!("after the guard's block: another thread's try_lock: {attempt}");
    assert_eq!(attempt, "Ok");

    let mut guard = counter.lock().unwrap();
    *guard += 1;
    let attempt = elsewhere(&|| outcome(counter.try_lock()));
    println!("guard taken again: another thread's try_lock: {attempt}");
    assert_eq!(attempt, "WouldBlock");
    // `drop` ends the guard, and the lock with it, before the end of the block.
    drop(guard);
    let attempt = elsewhere(&|| outcome(counter.try_lock()));
    println!("after drop(guard): another thread's try_lock: {attempt}");
    assert_eq!(attempt, "Ok");

    // An unnamed guard is a temporary: it unlocks at the end of this statement.
    *counter.lock().unwrap() += 1;
    let attempt = elsewhere(&|| outcome(counter.try_lock()));
    println!("after a statement with an unnamed guard: another thread's try_lock: {attempt}");
    assert_eq!(attempt, "Ok");

    let value = *counter.lock().unwrap();
    println!("counter: {value}");
    assert_eq!(value, 3);
}

/// A panic while a guard lives may leave the data half-changed. The guard's drop
/// (during the unwinding) unlocks the mutex and marks it poisoned, so that every
/// later `lock` warns: `Err(PoisonError)`, which still carries the guard.
fn poisoning() {
    let v = Arc::new(Mutex::new(vec![10, 20, 30]));
    println!("before: is_poisoned = {}", v.is_poisoned());

    let for_writer = Arc::clone(&v);
    let writer = thread::spawn(move || {
        let mut guard = for_writer.lock().unwrap();
        guard.push(40);
        // Meant to push 50 too, but panics first, while holding the guard.
        panic!("the writer panicked halfway through its update");
    });
    // `join` hands the panic back as `Err`; main carries on.
    let joined = writer.join();
    println!("the writer's join: is_err = {}", joined.is_err());
    println!("after the panic: is_poisoned = {}", v.is_poisoned());
    assert!(joined.is_err() && v.is_poisoned());

    match v.lock() {
        Ok(_) => println!("lock(): Ok (not poisoned)"),
        Err(poisoned) => {
            // The lock is ours even so: the error holds the guard.
            let mut guard = poisoned.into_inner();
            println!("lock(): Err(PoisonError); into_inner recovers the data: {guard:?}");
            // Finish the half-done update, then say the data is sound again.
            guard.push(50);
            v.clear_poison();
        } // The recovered guard unlocks here.
    }
    println!("after clear_poison: is_poisoned = {}", v.is_poisoned());
    let guard = v
        .lock()
        .expect("clear_poison should have ended the poisoning");
    println!("lock(): Ok; v: {guard:?}");
    assert_eq!(*guard, [10, 20, 30, 40, 50]);
}

/// Readers share an `RwLock`: each reader waits at a barrier while holding its
/// read guard, and the barrier opens only when both are there, so both hold a
/// read guard at the same time. (With a `Mutex` the second reader could never
/// lock, the first would wait at the barrier forever, and this would deadlock.)
/// A writer, though, holds the lock alone.
fn rwlock() {
    let lock = RwLock::new(vec![10, 20, 30]);
    let both_reading = Barrier::new(READERS);
    thread::scope(|scope| {
        for reader in 1..=READERS {
            let (lock, both_reading) = (&lock, &both_reading);
            // Scoped threads may borrow the lock and the barrier.
            scope.spawn(move || {
                let guard = lock.read().unwrap();
                println!("reader {reader}: holds a read guard: {guard:?}");
                // Still holding the guard, wait until the other reader holds one too.
                both_reading.wait();
                println!("reader {reader}: passed the barrier, still holding its guard");
                // Only now, past the barrier, does this reader unlock.
                drop(guard);
            });
        }
    }); // The scope joins both readers here.

    {
        let mut writer = lock.write().unwrap();
        writer.push(40);
        let read = elsewhere(&|| outcome(lock.try_read()));
        let write = elsewhere(&|| outcome(lock.try_write()));
        println!(
            "while a write guard lives: another thread's try_read: {read}, try_write: {write}"
        );
        assert_eq!((read, write), ("WouldBlock", "WouldBlock"));
    } // The write guard unlocks here.

    {
        let reader = lock.read().unwrap();
        let read = elsewhere(&|| outcome(lock.try_read()));
        let write = elsewhere(&|| outcome(lock.try_write()));
        println!(
            "while a read guard lives ({reader:?}): another thread's try_read: {read}, try_write: {write}"
        );
        assert_eq!((read, write), ("Ok", "WouldBlock"));
    } // The read guard unlocks here.

    let write = elsewhere(&|| outcome(lock.try_write()));
    println!("with no guard alive: another thread's try_write: {write}");
    assert_eq!(write, "Ok");
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
