//! A `Once` whose closure panicked is poisoned: the setup did not complete, and every
//! later `call_once` panics rather than run on half-done work, until a
//! `call_once_force` finishes the job. `call_once_force` runs
//! its closure anyway and hands it a `OnceState`, whose `is_poisoned` says that an
//! earlier attempt failed, so the closure can check or finish what that one left.
//!
//! What to notice: the first setup panics after loading 3 of 5 entries (its panic
//! message is on stderr); `call_once` then panics too; `call_once_force` sees the
//! poisoning, loads the last 2, and completes the `Once`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Once, OnceState};
use std::thread;

const ENTRIES: usize = 5;

static SETUP: Once = Once::new();
/// How many entries the setup has loaded so far.
static LOADED: AtomicUsize = AtomicUsize::new(0);

/// Loads the entries from `LOADED` on, and fails at `fail_at` if it is given.
fn load(fail_at: Option<usize>) {
    for entry in LOADED.load(Ordering::Relaxed)..ENTRIES {
        if fail_at == Some(entry) {
            panic!("the setup failed at entry {entry}");
        }
        LOADED.store(entry + 1, Ordering::Relaxed);
    }
}

pub fn main() {
    let first = thread::spawn(|| SETUP.call_once(|| load(Some(3))));
    let first_panicked = first.join().is_err();
    let loaded = LOADED.load(Ordering::Relaxed);
    let completed = SETUP.is_completed();
    println!("first setup panicked: {first_panicked}, after loading {loaded} of {ENTRIES}");
    println!("is_completed = {completed}");
    assert!(first_panicked && !completed);

    let again = thread::spawn(|| SETUP.call_once(|| load(None)));
    let again_panicked = again.join().is_err();
    println!("call_once on the poisoned Once panicked: {again_panicked}");

    let mut saw_poisoned = false;
    SETUP.call_once_force(|state: &OnceState| {
        saw_poisoned = state.is_poisoned();
        load(None);
    });
    let loaded = LOADED.load(Ordering::Relaxed);
    println!("call_once_force: is_poisoned = {saw_poisoned}; loaded {loaded} of {ENTRIES}");
    println!("is_completed = {}", SETUP.is_completed());
    assert!(again_panicked && saw_poisoned);
    assert_eq!(loaded, ENTRIES);
    assert!(SETUP.is_completed());
}
