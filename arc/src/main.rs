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
//!
//! ## The sections, in teaching order
//!
//! - [`notes-example`](mod@notes_example): threads share one value, each through its own clone of an Arc
//! - [`clones-share-one-allocation`](mod@clones_share_one_allocation): a clone points at the same value; strong_count counts the owners
//! - [`last-owner-drops`](mod@last_owner_drops): the value is dropped once, by whichever owner lets go last
//! - [`clone-without-clone`](mod@clone_without_clone): Arc\<T> is Clone even when T is not
//! - [`into-inner`](mod@into_inner): Arc::into_inner gives the value to exactly one owner; unwrap_or_clone and make_mut clone a shared value
//! - [`weak`](mod@weak): with Weak parent links a tree is freed; upgrade gives None once the last Arc is gone
//! - [`cyclic`](mod@cyclic): Arc::new_cyclic gives a value a Weak to itself, which upgrades to the same allocation
//! - [`lost-update`](mod@lost_update): a load then a store loses the adds of threads in between; fetch_add, one indivisible step, loses none
//! - [`atomic-counter`](mod@atomic_counter): an AtomicU64 that many threads bump with fetch_add counts exactly, without a lock
//! - [`running-max`](mod@running_max): fetch_max from many threads leaves the true maximum; fetch_or collects one flag from each
//! - [`once-init`](mod@once_init): a static OnceLock is initialised once, however many threads race to it
//! - [`lazy-lock`](mod@lazy_lock): a static LazyLock runs its initialiser once; OnceLock::set lets exactly one thread win
//! - [`once`](mod@once): Once::call_once runs its closure once, however many threads call it; is_completed says when it has
//! - [`once-poisoned`](mod@once_poisoned): after a panicking closure, call_once panics, and call_once_force sees is_poisoned and can finish the job
//! - [`compare-exchange`](mod@compare_exchange): a compare_exchange loop hands out each ID below a limit once; swap, or one strong compare_exchange, elects one thread
//! - [`release-acquire`](mod@release_acquire): a reader that loads with Acquire a flag stored with Release sees the data written before the store
//! - [`countdown`](mod@countdown): fetch_sub(Release) tells exactly one thread it is last; its fence(Acquire) shows it every result
//! - [`store-buffer`](mod@store_buffer): in the store-buffer test, both loads may see 0 unless each thread makes its store and load SeqCst or puts a SeqCst fence between them

#[doc(hidden)] // the command line, not a lesson
#[path = "../../common/cli.rs"]
mod cli;
use cli::Section;

mod atomic_counter;
mod clone_without_clone;
mod clones_share_one_allocation;
mod compare_exchange;
mod countdown;
mod cyclic;
mod into_inner;
mod last_owner_drops;
mod lazy_lock;
mod lost_update;
mod notes_example;
mod once;
mod once_init;
mod once_poisoned;
mod release_acquire;
mod running_max;
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
        claim: "Arc::into_inner gives the value to exactly one owner; unwrap_or_clone and make_mut clone a shared value",
        run: into_inner::main,
    },
    Section {
        name: "weak",
        claim: "with Weak parent links a tree is freed; upgrade gives None once the last Arc is gone",
        run: weak::main,
    },
    Section {
        name: "cyclic",
        claim: "Arc::new_cyclic gives a value a Weak to itself, which upgrades to the same allocation",
        run: cyclic::main,
    },
    Section {
        name: "lost-update",
        claim: "a load then a store loses the adds of threads in between; fetch_add, one indivisible step, loses none",
        run: lost_update::main,
    },
    Section {
        name: "atomic-counter",
        claim: "an AtomicU64 that many threads bump with fetch_add counts exactly, without a lock",
        run: atomic_counter::main,
    },
    Section {
        name: "running-max",
        claim: "fetch_max from many threads leaves the true maximum; fetch_or collects one flag from each",
        run: running_max::main,
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
        name: "once",
        claim: "Once::call_once runs its closure once, however many threads call it; is_completed says when it has",
        run: once::main,
    },
    Section {
        name: "once-poisoned",
        claim: "after a panicking closure, call_once panics, and call_once_force sees is_poisoned and can finish the job",
        run: once_poisoned::main,
    },
    Section {
        name: "compare-exchange",
        claim: "a compare_exchange loop hands out each ID below a limit once; swap, or one strong compare_exchange, elects one thread",
        run: compare_exchange::main,
    },
    Section {
        name: "release-acquire",
        claim: "a reader that loads with Acquire a flag stored with Release sees the data written before the store",
        run: release_acquire::main,
    },
    Section {
        name: "countdown",
        claim: "fetch_sub(Release) tells exactly one thread it is last; its fence(Acquire) shows it every result",
        run: countdown::main,
    },
    Section {
        name: "store-buffer",
        claim: "in the store-buffer test, both loads may see 0 unless each thread makes its store and load SeqCst or puts a SeqCst fence between them",
        run: store_buffer::main,
    },
];

fn main() -> std::process::ExitCode {
    cli::main(SECTIONS)
}
