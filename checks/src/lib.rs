//! Controlled schedules for the sections: each section file runs unchanged under
//! [shuttle](https://docs.rs/shuttle)'s scheduler, which picks at every lock, channel
//! operation, atomic access and spawn which thread goes next. Seeded PCT and random
//! schedulers explore interleavings that the OS shows once in thousands of runs, with
//! the same verdict on every machine, and a thread that waits for ever is a deadlock
//! that the scheduler names, not a timeout.
//!
//! The section file is not edited for this. [`rewrite`] maps its `std::` paths to
//! [`shim`], which is std with `thread` and `sync` taken from shuttle, makes each
//! `static` fresh for every schedule, and reads `cfg!(miri)` as true, the one switch
//! by which a section shrinks its rounds for the checkers. `build.rs` does this for
//! the sections that `tests/schedules.rs` explores.

pub use shuttle;

#[path = "rewrite.rs"]
mod rewrite_file;
mod waits;
pub use rewrite_file::rewrite;
pub use waits::blocked_on;

use shuttle::scheduler::{PctScheduler, RandomScheduler, ReplayScheduler, Scheduler};
use shuttle::{Config, FailurePersistence, Runner};
use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::{env, fs};

/// std, with what shuttle schedules in place of std's own.
pub mod shim {
    pub use std::*;

    /// std's `thread` with shuttle's threads, parking and scopes.
    pub mod thread {
        pub use shuttle::thread::{
            AccessError, Builder, JoinHandle, LocalKey, Scope, ScopedJoinHandle, Thread, ThreadId,
            current, park_timeout, scope, sleep, spawn, yield_now,
        };
        pub use std::thread::*;

        /// shuttle's `park`, noted for naming a deadlock.
        pub fn park() {
            crate::waits::note(crate::waits::PARK);
            shuttle::thread::park();
        }

        /// The same on every machine, so that a section sizes its threads alike
        /// everywhere and a seed gives the same verdict.
        pub fn available_parallelism() -> std::io::Result<std::num::NonZeroUsize> {
            Ok(std::num::NonZeroUsize::new(4).expect("4 is not zero"))
        }
    }

    /// std's `sync` with shuttle's locks, channels, atomics, barriers and `Once`, and
    /// `OnceLock` and `LazyLock` built on that `Once`, which shuttle lacks.
    pub mod sync {
        pub use shuttle::sync::{
            Barrier, BarrierWaitResult, Condvar, Mutex, MutexGuard, Once, OnceState, RwLock,
            RwLockReadGuard, RwLockWriteGuard, WaitTimeoutResult, atomic, mpsc,
        };
        pub use std::sync::*;

        /// std's `OnceLock` as far as the sections use it: shuttle's `Once` decides
        /// who initialises it, and schedules every thread that races to; a std
        /// `OnceLock`, which only that one thread touches, keeps the value.
        #[derive(Debug)]
        pub struct OnceLock<T> {
            once: Once,
            value: std::sync::OnceLock<T>,
        }

        impl<T> OnceLock<T> {
            pub const fn new() -> Self {
                OnceLock {
                    once: Once::new(),
                    value: std::sync::OnceLock::new(),
                }
            }

            pub fn get(&self) -> Option<&T> {
                self.once.is_completed().then(|| self.value.get()).flatten()
            }

            pub fn set(&self, value: T) -> Result<(), T> {
                let mut value = Some(value);
                self.once.call_once(|| {
                    let _ = self.value.set(value.take().expect("call_once runs once"));
                });
                value.map_or(Ok(()), Err)
            }

            pub fn get_or_init(&self, init: impl FnOnce() -> T) -> &T {
                self.once.call_once(|| {
                    let _ = self.value.set(init());
                });
                self.value.get().expect("call_once has returned")
            }
        }

        impl<T> Default for OnceLock<T> {
            fn default() -> Self {
                OnceLock::new()
            }
        }

        /// std's `LazyLock`, on the `OnceLock` above.
        #[derive(Debug)]
        pub struct LazyLock<T, F = fn() -> T> {
            cell: OnceLock<T>,
            init: std::sync::Mutex<Option<F>>,
        }

        impl<T, F: FnOnce() -> T> LazyLock<T, F> {
            pub const fn new(init: F) -> Self {
                LazyLock {
                    cell: OnceLock::new(),
                    init: std::sync::Mutex::new(Some(init)),
                }
            }

            pub fn force(this: &Self) -> &T {
                this.cell.get_or_init(|| {
                    let init = this.init.lock().expect("no initialiser panics").take();
                    init.expect("the initialiser runs once")()
                })
            }
        }

        impl<T, F: FnOnce() -> T> std::ops::Deref for LazyLock<T, F> {
            type Target = T;
            fn deref(&self) -> &T {
                LazyLock::force(self)
            }
        }
    }
}

/// `join`, noted for naming a deadlock: the rewrite calls `checks_join` where a
/// section calls `join()` (shuttle traces nothing there, and a method of shuttle's
/// own type cannot be wrapped by the same name).
pub trait Join {
    type Output;
    fn checks_join(self) -> Self::Output;
}

impl<T> Join for shuttle::thread::JoinHandle<T> {
    type Output = std::thread::Result<T>;
    fn checks_join(self) -> Self::Output {
        waits::note(waits::JOIN);
        self.join()
    }
}

impl<T> Join for shuttle::thread::ScopedJoinHandle<'_, T> {
    type Output = std::thread::Result<T>;
    fn checks_join(self) -> Self::Output {
        waits::note(waits::JOIN);
        self.join()
    }
}

/// The seed of both schedulers: fixed, so every machine explores the same schedules.
pub const SEED: u64 = 0x5EED;
/// PCT's depth: how many priority changes a schedule may have. Three finds the
/// bugs that need a thread to be preempted twice, as a lost update between three
/// threads does.
pub const PCT_DEPTH: usize = 3;

/// A schedule under which the section failed: a panic (its assertion) or a deadlock.
#[derive(Debug)]
pub struct Failure {
    /// Which scheduler found it, with its seed.
    pub scheduler: String,
    /// The panic's message; for a deadlock, shuttle's list of the blocked threads.
    pub message: String,
    /// The schedule, encoded: `replay` runs it again, the same way.
    pub schedule: Option<String>,
}

/// What shuttle 0.9.10 says, instead of "deadlock", when a thread waits on a `Condvar`
/// that is never notified and a scoped thread ends: its own consistency check fails.
const UNNOTIFIED: &str = "should not have been woken while in Waiting status";

impl Failure {
    /// Whether every thread was blocked, so that nothing could go on.
    pub fn is_deadlock(&self) -> bool {
        self.message.starts_with("deadlock!") || self.message == UNNOTIFIED
    }

    /// The failure in plain words: the panic's message, or for a deadlock what shuttle
    /// says of it, or, where shuttle's own check stands for one, what it means.
    pub fn plain(&self) -> String {
        if self.message == UNNOTIFIED {
            "deadlock: a thread waits on a Condvar that is never notified".to_owned()
        } else if self.is_deadlock() {
            "deadlock: every thread waits, and none can wake another".to_owned()
        } else {
            self.message.clone()
        }
    }
}

/// Runs `main` under `schedules` PCT schedules, then as many random ones, both with
/// [`SEED`], and stops at the first that fails. Returns how many ran.
pub fn explore(main: fn(), schedules: usize) -> Result<usize, Failure> {
    let pct = PctScheduler::new_from_seed(SEED, PCT_DEPTH, schedules);
    let random = RandomScheduler::new_from_seed(SEED, schedules);
    let ran = run(
        pct,
        main,
        format!("PCT (depth {PCT_DEPTH}, seed {SEED:#x})"),
    )?;
    Ok(ran + run(random, main, format!("random (seed {SEED:#x})"))?)
}

/// Runs `main` once more under a schedule that `explore` reported, so that its
/// output can be seen; panics as that schedule did.
/// Records what each thread waits on, for [`blocked_on`] after a deadlock.
pub fn replay(main: fn(), schedule: &str) {
    let mut config = Config::new();
    config.failure_persistence = FailurePersistence::None;
    config.silence_warnings = true;
    let scheduler = ReplayScheduler::new_from_encoded(schedule);
    waits::recording(|| Runner::new(scheduler, config).run(main));
}

fn run(scheduler: impl Scheduler + 'static, main: fn(), name: String) -> Result<usize, Failure> {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let dir: PathBuf = env::temp_dir().join(format!(
        "checks-{}-{}",
        std::process::id(),
        RUNS.fetch_add(1, Ordering::Relaxed)
    ));
    let mut config = Config::new();
    config.failure_persistence = FailurePersistence::File(Some(dir.clone()));
    config.silence_warnings = true;
    let _ = fs::create_dir_all(&dir);
    keep_panic_messages();
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        Runner::new(scheduler, config).run(main)
    }));
    let schedule = fs::read_dir(&dir)
        .ok()
        .and_then(|mut files| files.next())
        .and_then(|file| fs::read_to_string(file.ok()?.path()).ok())
        // shuttle wraps a long schedule over several lines.
        .map(|text| text.split_whitespace().collect());
    let _ = fs::remove_dir_all(&dir);
    result.map_err(|payload| {
        // shuttle's own message names the thread that panicked, and then how to replay;
        // the panic it stands for is the last one this thread saw.
        let said = message(payload.as_ref());
        let said = said.split("\nfailing schedule").next().unwrap_or_default();
        let message = match said.starts_with("test panicked in task") {
            true => LAST_PANIC.with(|last| last.borrow_mut().take()),
            false => None,
        };
        Failure {
            scheduler: name,
            message: message.unwrap_or_else(|| said.to_owned()),
            schedule,
        }
    })
}

thread_local! {
    /// The message of the last panic on this thread, where shuttle runs every scheduled
    /// thread.
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Keeps each panic's message in `LAST_PANIC`, then does what the hook before did.
fn keep_panic_messages() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let before = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            LAST_PANIC.with(|last| *last.borrow_mut() = Some(message(info.payload())));
            before(info);
        }));
    });
}

/// A panic's message, whichever of the two payload types it has.
pub fn message(payload: &(dyn Any + Send)) -> String {
    match (
        payload.downcast_ref::<&str>(),
        payload.downcast_ref::<String>(),
    ) {
        (Some(text), _) => (*text).to_owned(),
        (_, Some(text)) => text.clone(),
        _ => "a panic with a payload that is not text".to_owned(),
    }
}
