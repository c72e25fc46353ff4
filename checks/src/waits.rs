//! What each scheduled thread is blocked on, for naming a deadlock. shuttle says of a
//! deadlock only which threads are blocked; this records, per thread, the last wait it
//! entered: from shuttle's own trace events (a lock, a `Condvar`, a `Barrier`, a
//! channel, `call_once`, the end of a scope) and, where shuttle traces nothing, from
//! the harness (`join`, `park`). It records only while `replay` runs a failing
//! schedule again, so exploring pays nothing for it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

thread_local! {
    /// Whether this OS thread records (the one that replays), and what it recorded:
    /// shuttle runs every scheduled thread on it, each known by its `TaskId`.
    static WAITS: RefCell<Option<HashMap<String, &'static str>>> = const { RefCell::new(None) };
}

/// shuttle's trace messages that say a thread is about to wait, and what on.
const TRACED: &[(&str, &str)] = &[
    (
        "waiting to acquire mutex",
        "lock of a Mutex that another thread holds",
    ),
    (
        "lock on rwlock",
        "lock of an RwLock that another thread holds",
    ),
    (
        "waiting on condvar",
        "wait on a Condvar that nobody notifies",
    ),
    (
        "blocked on barrier",
        "wait at a Barrier that not every thread reaches",
    ),
    (
        "blocking receiver",
        "recv on a channel whose Senders live on but send nothing",
    ),
    (
        "blocking sender",
        "send on a full sync_channel that nobody receives from",
    ),
    (
        "call_once on cell",
        "call_once while another thread runs its closure",
    ),
    (
        "waiting for completion of scoped threads",
        "the end of thread::scope, which waits for threads that never end",
    ),
];
pub const JOIN: &str = "join of a thread that never ends";
pub const PARK: &str = "park, with nobody left to unpark it";

/// Records that the current scheduled thread enters `what`, if this thread records.
pub fn note(what: &'static str) {
    WAITS.with(|waits| {
        if let Some(waits) = waits.borrow_mut().as_mut() {
            if let Some(task) = shuttle::current::get_current_task() {
                waits.insert(format!("{task:?}"), what);
            }
        }
    });
}

/// Runs `f` with this thread recording, and shuttle's trace events sent here.
pub fn recording<R>(f: impl FnOnce() -> R) -> R {
    WAITS.with(|waits| *waits.borrow_mut() = Some(HashMap::new()));
    tracing::subscriber::with_default(Waits, f)
}

/// What each thread that shuttle's deadlock message lists was waiting on, one line a
/// thread: `main-thread: join of a thread that never ends`. Empty for a message that
/// is no deadlock, or when nothing was recorded.
pub fn blocked_on(message: &str) -> Vec<String> {
    let Some(tasks) = message.strip_prefix("deadlock! blocked tasks: [") else {
        return Vec::new();
    };
    let waits = WAITS
        .with(|waits| waits.borrow().clone())
        .unwrap_or_default();
    // `main-thread (task main-thread(0)), <unknown> (task main-thread(1))]`
    tasks
        .split(", ")
        .filter_map(|task| {
            let (name, id) = task.split_once(" (task ")?;
            let id = id.split([',', ')']).next()?;
            let id = format!("{id})");
            // shuttle numbers the threads in the order they were spawned, main 0.
            let number = id
                .rsplit('(')
                .next()
                .unwrap_or_default()
                .trim_end_matches(')');
            let name = match name {
                "<unknown>" => format!("spawned thread {number}"),
                name => name.to_owned(),
            };
            let what = waits
                .get(&id)
                .copied()
                .unwrap_or("a wait this harness cannot name");
            Some(format!("{name}: {what}"))
        })
        .collect()
}

/// The subscriber that reads shuttle's trace events, and nothing else.
struct Waits;

impl Subscriber for Waits {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut message = Message(String::new());
        event.record(&mut message);
        if let Some(&(_, what)) = TRACED.iter().find(|(text, _)| message.0.contains(text)) {
            note(what);
        }
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// An event's `message` field, as text.
struct Message(String);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }
}
