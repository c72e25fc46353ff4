//! # `Mutex` and `RwLock`: shared data that threads may change
//!
//! An `Arc` lets many threads own one value, but only read it. To change it, put it in
//! a lock: the guard that `lock` hands out is the only way in to the value. The notes'
//! sections come first; then locks in real code: how long a guard lives, deadlocks and
//! how to rule them out, and waiting for a condition with a `Condvar`.
//!
//! Each section file in `src/` is a whole program: copy it into a project's `src/main.rs`.
//!
//! ## The sections, in teaching order
//!
//! - [`notes-example`](mod@notes_example): a MutexGuard gives mutable access to the value inside the Mutex
//! - [`shared-counter`](mod@shared_counter): Arc\<Mutex\<_>> lets many threads change one value without losing an update
//! - [`guard-scope`](mod@guard_scope): the lock is held exactly as long as the guard lives
//! - [`poisoning`](mod@poisoning): a panic while holding the lock poisons it; the data can still be recovered
//! - [`rwlock`](mod@rwlock): an RwLock lets many readers in at once, but a writer only alone
//! - [`guard-lifetimes`](mod@guard_lifetimes): a guard in an if-let, match or while-let scrutinee holds the lock through the block
//! - [`worker-pool-stall`](mod@worker_pool_stall): a while-let worker holds the lock through each job: jobs run one at a time, and jobs that wait on each other stall
//! - [`lock-twice`](mod@lock_twice): a Mutex is not reentrant: the thread that holds it cannot lock it again
//! - [`deadlock`](mod@deadlock): two locks taken in opposite orders can deadlock; a barrier makes it certain here, and a watchdog breaks it
//! - [`dining-philosophers`](mod@dining_philosophers): taking locks in one global order rules out deadlock: every philosopher eats
//! - [`condvar`](mod@condvar): a waiter that checks its condition under the lock before it waits misses no notify
//! - [`wake-up-finds-nothing`](mod@wake_up_finds_nothing): notify_all wakes every waiter, but one item goes to one: check again in a loop
//! - [`condvar-timeout`](mod@condvar_timeout): wait_timeout_while returns when the condition holds or the time runs out, and says which
//! - [`rwlock-policy`](mod@rwlock_policy): RwLock promises no order between new readers and a waiting writer; a gate of Mutex and Condvar in front of it lets the writer go first

#[doc(hidden)] // the command line, not a lesson
#[path = "../../common/cli.rs"]
mod cli;
use cli::Section;

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
mod rwlock_policy;
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
        claim: "a while-let worker holds the lock through each job: jobs run one at a time, and jobs that wait on each other stall",
        run: worker_pool_stall::main,
    },
    Section {
        name: "lock-twice",
        claim: "a Mutex is not reentrant: the thread that holds it cannot lock it again",
        run: lock_twice::main,
    },
    Section {
        name: "deadlock",
        claim: "two locks taken in opposite orders can deadlock; a barrier makes it certain here, and a watchdog breaks it",
        run: deadlock::main,
    },
    Section {
        name: "dining-philosophers",
        claim: "taking locks in one global order rules out deadlock: every philosopher eats",
        run: dining_philosophers::main,
    },
    Section {
        name: "condvar",
        claim: "a waiter that checks its condition under the lock before it waits misses no notify",
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
    Section {
        name: "rwlock-policy",
        claim: "RwLock promises no order between new readers and a waiting writer; a gate of Mutex and Condvar in front of it lets the writer go first",
        run: rwlock_policy::main,
    },
];

fn main() -> std::process::ExitCode {
    cli::main(SECTIONS)
}
