//! std has no `join_timeout`, but a channel gives one. The thread sends on a channel as
//! it ends; main waits for that message with `recv_timeout`, and joins only once the
//! thread has said it is done, so `join` never blocks for long. A thread that overruns
//! its deadline is reported and its handle comes back: join it later, or drop the
//! handle to leave the thread running on its own, and the process ends it when `main`
//! returns. Nothing can stop a thread from outside.
//!
//! Both outcomes are certain here. The quick job has 10 s. The slow one stands for
//! work that overruns: it waits for main to release it, which main does only once the
//! deadline has passed; then main waits again, and joins it.
//!
//! What to notice: the quick job is joined within its deadline; the slow one is
//! reported as still running, and joined only after it says it is done.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Far longer than the quick job needs, even on a loaded machine.
const GENEROUS: Duration = Duration::from_secs(10);
/// The slow job's deadline, which it certainly misses.
const TIGHT: Duration = Duration::from_millis(20);

/// Spawns `work`, and returns with its handle the channel on which it says it is done.
fn spawn_with_done<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> (JoinHandle<T>, Receiver<()>) {
    let (done_tx, done) = mpsc::channel();
    let handle = thread::spawn(move || {
        let value = work();
        // Fails only if main stopped listening; then nobody needs to know.
        let _ = done_tx.send(());
        value
    });
    (handle, done)
}

/// Joins the thread if it ends within `deadline`, or gives its handle back.
fn join_within<T>(
    handle: JoinHandle<T>,
    done: &Receiver<()>,
    deadline: Duration,
) -> Result<thread::Result<T>, JoinHandle<T>> {
    match done.recv_timeout(deadline) {
        // A thread that panicked dropped its Sender unsent: it has ended too.
        Ok(()) | Err(RecvTimeoutError::Disconnected) => Ok(handle.join()),
        Err(RecvTimeoutError::Timeout) => Err(handle),
    }
}

pub fn main() {
    let (quick, done) = spawn_with_done(|| (1..=100).sum::<u64>());
    let Ok(joined) = join_within(quick, &done, GENEROUS) else {
        panic!("the quick job overran {GENEROUS:?}");
    };
    let sum = joined.expect("the quick job panicked");
    println!("quick job: joined within {GENEROUS:?}; it returned {sum}");

    let (release_tx, release) = mpsc::channel();
    let (slow, done) = spawn_with_done(move || {
        release.recv().expect("main releases the slow job");
        "the slow job's result"
    });
    let Err(slow) = join_within(slow, &done, TIGHT) else {
        panic!("the slow job ended before it was released");
    };
    println!("slow job: still running after its {TIGHT:?} deadline");
    release_tx.send(()).expect("the slow job waits for this");
    let Ok(joined) = join_within(slow, &done, GENEROUS) else {
        panic!("the released slow job overran {GENEROUS:?}");
    };
    let result = joined.expect("the slow job panicked");
    println!("slow job: released, then joined; it returned {result:?}");

    assert_eq!((sum, result), (5050, "the slow job's result"));
}
