//! Tests of the `threads` binary's real output. Each asserts only what holds under
//! every interleaving; racy sections run `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

use std::time::Duration;

/// The lines are exactly `expected`, in order.
fn lines_are(lines: &[String], expected: &[&str]) {
    assert_eq!(lines, expected, "{}", show(lines));
}

fn join_returns_value_is_right(lines: &[String]) {
    // Main prints only after `join` has returned.
    lines_are(
        lines,
        &[
            "Spawned thread: the sum of 1..=100 is 5050",
            "Main thread: join returned 5050",
        ],
    );
}

fn panic_stays_in_its_thread_is_right(lines: &[String]) {
    // The payload types are what `downcast_ref` found at run time.
    lines_are(
        lines,
        &[
            "Main thread: two threads are about to panic (Rust prints their messages on stderr)",
            "Main thread: the first thread panicked with a &'static str payload: \"a literal message\"",
            "Main thread: the second thread panicked with a String payload: \"failed at step 3\"",
            "Main thread: still running after both panics",
        ],
    );
}

fn move_closure_is_right(lines: &[String]) {
    lines_are(lines, &["Length: 5"]);
}

fn builder_is_right(lines: &[String]) {
    lines_are(
        lines,
        &[
            "Worker thread: thread::current().name() is Some(\"worker\")",
            "Main thread: \"failing-worker\" panicked, and its panic message on stderr names it",
        ],
    );
}

fn thread_local_is_right(lines: &[String]) {
    // Every thread once, in any order, each with its own 1000 bumps although all had
    // bumped before any read; then main, after the joins, with its copy untouched.
    let mut threads = lines.to_vec();
    let main = threads.pop();
    threads.sort();
    let expected: Vec<String> = (0..4)
        .map(|i| format!("Thread {i}: all 4 threads bumped COUNT 1000 times each; mine is 1000"))
        .collect();
    assert!(
        threads == expected
            && main.as_deref() == Some("Main thread: joined them all; my own COUNT is 0"),
        "{}",
        show(lines)
    );
}

fn park_unpark_is_right(lines: &[String]) {
    // The waiting thread prints only once it has seen the flag, which main sets after
    // its first line, and it read main's input, not the 0 it started as.
    lines_are(
        lines,
        &[
            "Main thread: input written; setting the flag, then unparking the waiting thread",
            "Waiting thread: the flag is set, the input is 100; the sum of 1..=100 is 5050",
            "Main thread: joined; the waiting thread returned 5050",
        ],
    );
}

fn main_does_not_wait_is_right(lines: &[String]) {
    let (main, counts): (Vec<&String>, Vec<&String>) = lines
        .iter()
        .partition(|line| line.starts_with("Main thread: "));
    assert_eq!(
        main,
        [
            "Main thread: started a thread that waits an hour before it prints; nobody joins it",
            "Main thread: 1",
            "Main thread: 2",
            "Main thread: 3",
            "Main thread: 4",
            "Main thread: returning; the process ends with the hour-long thread unfinished",
        ],
        "{}",
        show(lines)
    );
    // The counting thread was cut off wherever it was: `Count in thread: 1!` up to some
    // k <= 9. The process may end in the middle of a `println!`, so the last line of
    // all may be only the start of the next count.
    let in_order = counts.iter().enumerate().all(|(i, &line)| {
        let count = format!("Count in thread: {}!", i + 1);
        *line == count || (lines.last() == Some(line) && count.starts_with(line.as_str()))
    });
    assert!(counts.len() <= 9 && in_order, "{}", show(lines));
}

#[test]
fn join_returns_the_closures_value_after_the_thread_has_finished() {
    join_returns_value_is_right(&section("join-returns-value").lines);
}

#[test]
fn a_panicking_thread_leaves_main_running_and_join_returns_its_payload() {
    let Section { lines, stderr } = section("panic-stays-in-its-thread");
    panic_stays_in_its_thread_is_right(&lines);
    // Rust's default hook reports each panic on stderr; the process goes on.
    for message in ["a literal message", "failed at step 3"] {
        assert!(stderr.contains(message), "{stderr}");
    }
}

#[test]
fn a_move_closure_owns_the_string_it_measures() {
    move_closure_is_right(&section("move-closure").lines);
}

#[test]
fn a_builder_names_a_thread_and_its_panic_message_shows_the_name() {
    let Section { lines, stderr } = section("builder");
    builder_is_right(&lines);
    // `thread 'failing-worker' panicked at` on 1.85; later versions print the thread's
    // id between the name and `panicked at`.
    assert!(
        stderr
            .lines()
            .any(|line| line.starts_with("thread 'failing-worker' ")
                && line.contains(" panicked at ")),
        "{stderr}"
    );
}

#[test]
fn each_thread_bumps_its_own_thread_local_and_mains_stays_zero() {
    for _ in 0..runs() {
        thread_local_is_right(&section("thread-local").lines);
    }
}

#[test]
fn a_parked_thread_wakes_once_the_flag_is_set_whichever_came_first() {
    // Whether `unpark` comes before `park` or after it changes from run to run.
    for _ in 0..runs() {
        park_unpark_is_right(&section("park-unpark").lines);
    }
}

#[test]
fn main_does_not_wait_for_its_threads_not_even_an_hour_long_one() {
    // One thread waits an hour: ending within a second shows nobody waited for it.
    for _ in 0..runs() {
        let section = section_within("main-does-not-wait", Duration::from_secs(1));
        main_does_not_wait_is_right(&section.lines);
    }
}

#[test]
fn each_section_ends_before_the_next_starts() {
    each_section_ends_before_the_next(&[
        ("join-returns-value", join_returns_value_is_right),
        (
            "panic-stays-in-its-thread",
            panic_stays_in_its_thread_is_right,
        ),
        ("move-closure", move_closure_is_right),
        ("builder", builder_is_right),
        ("thread-local", thread_local_is_right),
        ("park-unpark", park_unpark_is_right),
        // Last: it ends the process without waiting for its threads.
        ("main-does-not-wait", main_does_not_wait_is_right),
    ]);
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
