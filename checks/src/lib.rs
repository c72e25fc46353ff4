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
pub use rewrite_file::rewrite;

use shuttle::scheduler::{PctScheduler, RandomScheduler, Scheduler};
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
            current, park, park_timeout, scope, sleep, spawn, yield_now,
        };
        pub use std::thread::*;

        /// The same on every machine, so that a section sizes its threads alike
        /// everywhere and a seed gives the same verdict.
        pub fn available_parallelism() -> std::io::Result<std::num::NonZeroUsize> {
            Ok(std::num::NonZeroUsize::new(4).expect("4 is not zero"))
        }
    }

    /// std's `sync` with shuttle's locks, channels, atomics, barriers and `Once`.
    pub mod sync {
        pub use shuttle::sync::{
            Barrier, BarrierWaitResult, Condvar, Mutex, MutexGuard, Once, OnceState, RwLock,
            RwLockReadGuard, RwLockWriteGuard, WaitTimeoutResult, atomic, mpsc,
        };
        pub use std::sync::*;
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

impl Failure {
    /// Whether every thread was blocked, so that nothing could go on.
    pub fn is_deadlock(&self) -> bool {
        self.message.starts_with("deadlock!")
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
pub fn replay(main: fn(), schedule: &str) {
    shuttle::replay(main, schedule);
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
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        Runner::new(scheduler, config).run(main)
    }));
    let schedule = fs::read_dir(&dir)
        .ok()
        .and_then(|mut files| files.next())
        .and_then(|file| fs::read_to_string(file.ok()?.path()).ok())
        .map(|text| text.trim().to_owned());
    let _ = fs::remove_dir_all(&dir);
    result.map_err(|payload| Failure {
        scheduler: name,
        message: message(payload.as_ref()),
        schedule,
    })
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
