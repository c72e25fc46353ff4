//! Tests of the `threads` binary's real output. Each asserts only what holds under
//! every interleaving; racy sections run `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

use std::time::Duration;

/// Every section in `--list` order with its checker.
const CHECKS: &Checks = &[
    ("join-returns-value", join_returns_value_is_right),
    (
        "panic-stays-in-its-thread",
        panic_stays_in_its_thread_is_right,
    ),
    ("drop-during-panic", drop_during_panic_is_right),
    ("move-closure", move_closure_is_right),
    ("leak-for-static", leak_for_static_is_right),
    ("builder", builder_is_right),
    ("thread-local", thread_local_is_right),
    ("park-unpark", park_unpark_is_right),
    ("park-timeout", park_timeout_is_right),
    ("is-finished", is_finished_is_right),
    // Last: it ends the process without waiting for its threads.
    ("main-does-not-wait", main_does_not_wait_is_right),
];

fn join_returns_value_is_right(lines: &[String]) {
    // Main prints only after `join` has returned.
    assert_eq!(
        lines,
        [
            "Spawned thread: the sum of 1..=100 is 5050",
            "Main thread: join returned 5050",
        ]
    );
}

fn panic_stays_in_its_thread_is_right(lines: &[String]) {
    // The payload types are what `downcast_ref` found at run time.
    assert_eq!(
        lines,
        [
            "Main thread: two threads are about to panic; their messages go to stderr",
            "Main thread: the first thread panicked with a &'static str payload: \"a literal message\"",
            "Main thread: the second thread panicked with a String payload: \"failed at step 3\"",
            "Main thread: still running after both panics",
        ]
    );
}

fn drop_during_panic_is_right(lines: &[String]) {
    // Each thread's guard reports once, in either order, and only the panicking
    // thread's saw `thread::panicking()`; main prints after both joins.
    in_any_order_between(
        lines,
        &["Main thread: one of two threads will panic; its message goes to stderr"],
        &[
            "Finishing thread: thread::panicking() is false: the guard commits".to_owned(),
            "Panicking thread: thread::panicking() is true: the guard rolls back".to_owned(),
        ],
        &["Main thread: both guards dropped; here thread::panicking() is false"],
    );
}

fn move_closure_is_right(lines: &[String]) {
    // Main's second line comes after `join`, so after the thread's `Length: 5`.
    assert_eq!(
        lines,
        [
            "Main thread: `move` hands s to the thread; a borrow of it would be E0373",
            "Length: 5",
            "Main thread: join returned 5, measured by the thread that owned s",
        ]
    );
}

fn leak_for_static_is_right(lines: &[String]) {
    // Every thread once, in any order, each reading the leaked words; main after the joins.
    let threads: Vec<String> = (0..3)
        .map(|i| format!("Thread {i}: the words are the quick brown fox"))
        .collect();
    in_any_order_between(
        lines,
        &[],
        &threads,
        &[
            "Main thread: all 3 threads read the very slice main leaked (same address, no copy); \
             it is never freed",
        ],
    );
}

fn builder_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "Worker thread: thread::current().name() is Some(\"worker\")",
            // 3 MiB is more than std's default stack of 2 MiB holds: without the request
            // the overflow aborts the process, and the run fails.
            "Worker thread: kept 3 MiB on a stack of 8 MiB requested",
            "Main thread: \"failing-worker\" panicked, and its panic message on stderr names it",
        ]
    );
}

fn thread_local_is_right(lines: &[String]) {
    // Every thread once, in any order, each with its own 1000 bumps although all had
    // bumped before any read; then main, after the joins, with its copy untouched.
    let threads: Vec<String> = (0..4)
        .map(|i| format!("Thread {i}: all 4 threads bumped COUNT 1000 times each; mine is 1000"))
        .collect();
    in_any_order_between(
        lines,
        &[],
        &threads,
        &["Main thread: joined them all; my own COUNT is 0"],
    );
}

fn park_unpark_is_right(lines: &[String]) {
    // One order only, made by the atomic handshake: main unparks, then the waiter parks and
    // returns at once; the waiter finds the flag unset, then main sets it and unparks.
    // The waiter read main's input, not the 0 it started as.
    assert_eq!(
        lines,
        [
            "Main thread: unparked the waiting thread before it called park",
            "Waiting thread: park returned at once, with the token of main's early unpark",
            "Waiting thread: found the flag not yet set (false); parking until main sets it",
            "Main thread: input written; setting the flag, then unparking the waiting thread",
            "Waiting thread: unparked, the flag is set, and the input is 100",
            "Main thread: joined; the waiting thread read 100",
        ]
    );
}

fn park_timeout_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        ["Main thread: waited 20ms for a flag nobody sets, then gave up (set: false)"]
    );
}

fn is_finished_is_right(lines: &[String]) {
    // Both workers wait for main's word, so both are unfinished before it; the second
    // still waits when the first has ended.
    assert_eq!(
        lines,
        [
            "before main releases them: first is_finished() = false, second is_finished() = false",
            "once the first said true, the second: is_finished() = false",
            "joined: the first returned 5050, the second 500500",
        ]
    );
}

fn main_does_not_wait_is_right(lines: &[String]) {
    let (main, counts): (Vec<&String>, Vec<&String>) = lines
        .iter()
        .partition(|line| line.starts_with("Main thread: "));
    assert_eq!(
        main,
        [
            "Main thread: starting a thread that waits an hour before it prints; nobody joins it",
            "Main thread: starting a thread that counts to 9, 5 ms a count; nobody joins it",
            "Main thread: 1",
            "Main thread: 2",
            "Main thread: 3",
            "Main thread: 4",
            "Main thread: returning; the process ends now, however far the count has got",
        ]
    );
    // The counting thread was cut off wherever it was: `Count in thread: 1!` up to some
    // k <= 9. The process may end in the middle of a `println!`, so the last line of
    // all may be only the start of the next count.
    let in_order = counts.iter().enumerate().all(|(i, &line)| {
        let count = format!("Count in thread: {}!", i + 1);
        *line == count || (lines.last() == Some(line) && count.starts_with(line.as_str()))
    });
    assert!(
        counts.len() <= 9 && in_order,
        "the counts are not 1, 2, … in order"
    );
}

#[test]
fn join_returns_the_closures_value_after_the_thread_has_finished() {
    check(CHECKS, "join-returns-value");
}

#[test]
fn a_panicking_thread_leaves_main_running_and_join_returns_its_payload() {
    let Section { stderr, .. } = check(CHECKS, "panic-stays-in-its-thread");
    // Rust's default hook reports each panic on stderr; the process goes on.
    for message in ["a literal message", "failed at step 3"] {
        assert!(stderr.contains(message), "no `{message}` on stderr");
    }
}

#[test]
fn a_guard_dropped_by_a_panic_sees_thread_panicking_and_one_dropped_normally_does_not() {
    let Section { stderr, .. } = check(CHECKS, "drop-during-panic");
    assert!(
        stderr.contains("the job failed"),
        "no panic message on stderr"
    );
}

#[test]
fn a_move_closure_owns_the_string_it_measures() {
    check(CHECKS, "move-closure");
}

#[test]
fn threads_share_one_leaked_allocation_through_a_static_reference() {
    check_runs(CHECKS, "leak-for-static");
}

#[test]
fn a_builder_names_a_thread_and_its_panic_message_shows_the_name() {
    let Section { stderr, .. } = check(CHECKS, "builder");
    // `thread 'failing-worker' panicked at` on 1.85; later versions print the thread's
    // id between the name and `panicked at`.
    assert!(
        stderr
            .lines()
            .any(|line| line.starts_with("thread 'failing-worker' ")
                && line.contains(" panicked at ")),
        "no panic message naming `failing-worker` on stderr"
    );
}

#[test]
fn each_thread_bumps_its_own_thread_local_and_mains_stays_zero() {
    check_runs(CHECKS, "thread-local");
}

#[test]
fn a_parked_thread_wakes_once_the_flag_is_set_whichever_came_first() {
    // A lost unpark leaves the waiting thread parked for ever: the run times out.
    check_runs(CHECKS, "park-unpark");
}

#[test]
fn a_waiter_with_a_deadline_gives_up_when_nobody_unparks_it() {
    // Without the timeout, main would park for ever: the run would time out.
    check(CHECKS, "park-timeout");
}

#[test]
fn is_finished_says_true_only_for_the_worker_that_has_ended() {
    check_runs(CHECKS, "is-finished");
}

#[test]
fn main_does_not_wait_for_its_threads_not_even_an_hour_long_one() {
    // One thread waits an hour: ending within seconds shows nobody waited for it.
    for _ in 0..runs() {
        check_within(CHECKS, "main-does-not-wait", Duration::from_secs(5));
    }
}

#[test]
fn each_section_ends_before_the_next_starts() {
    each_section_ends_before_the_next(CHECKS);
}

/// The crate's benchmark, compiled into this test so that `cargo test` proves it
/// runs (with tiny samples, timing nothing) without building it separately.
#[allow(dead_code)] // its `main` is for `cargo bench`
#[path = "../benches/costs.rs"]
mod costs;

#[test]
fn every_benchmark_runs() {
    costs::measure(false);
}
