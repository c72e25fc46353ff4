//! Tests of the `threads` binary's real output. Each asserts only what holds under
//! every interleaving; racy sections run `EXAMPLE_RUNS` times (default 5).

// ---- the test helpers: the same in every example crate's tests (xtask/tests checks it) ----

use assert_cmd::cargo::cargo_bin_cmd;
use std::time::Duration;

/// Far more than any section needs: a deadlock fails the test instead of hanging it.
const TIMEOUT: Duration = Duration::from_secs(10);

/// How many times a racy section runs per test (default 5); raise it for a soak
/// with `EXAMPLE_RUNS=200 cargo test`.
#[allow(dead_code)] // a crate whose sections start no threads has nothing racy
fn runs() -> usize {
    std::env::var("EXAMPLE_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5)
}

/// Runs this crate's binary with `args`, checks that it succeeded within `TIMEOUT`,
/// and returns its stdout.
fn stdout_of(args: &[&str]) -> String {
    let assert = cargo_bin_cmd!()
        .args(args)
        .timeout(TIMEOUT)
        .assert()
        .success();
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

/// Runs one section and returns its stdout lines after the header.
fn section(name: &str) -> Vec<String> {
    let stdout = stdout_of(&[name]);
    let mut lines = stdout.lines().map(str::to_owned);
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with(&format!("=== {name}: ")) && header.ends_with(" ==="),
        "the first line should be the header of `{name}`:\n{stdout}"
    );
    lines.collect()
}

/// The position of the one line equal to `wanted`, with the whole output on failure.
fn position(lines: &[String], wanted: &str) -> usize {
    let found: Vec<usize> = (0..lines.len()).filter(|&i| lines[i] == wanted).collect();
    assert_eq!(
        found.len(),
        1,
        "expected `{wanted}` exactly once in:\n{}",
        lines.join("\n")
    );
    found[0]
}

// ---- end of the test helpers ----

use predicates::prelude::*;

#[test]
fn join_returns_the_closures_value_after_the_thread_has_finished() {
    for _ in 0..runs() {
        let lines = section("join-returns-value");
        let spawned = position(&lines, "Spawned thread: the sum of 1..=100 is 5050");
        let joined = position(&lines, "Main thread: join returned 5050");
        assert!(
            spawned < joined,
            "join returned before the thread printed:\n{}",
            lines.join("\n")
        );
    }
}

#[test]
fn a_panicking_thread_leaves_main_running_and_join_returns_its_payload() {
    let assert = cargo_bin_cmd!()
        .arg("panic-stays-in-its-thread")
        .timeout(TIMEOUT)
        .assert()
        .success()
        // Rust's default hook reports each panic on stderr; the process goes on.
        .stderr(predicate::str::contains("a literal message"))
        .stderr(predicate::str::contains("failed at step 3"));
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let lines: Vec<String> = stdout.lines().skip(1).map(str::to_owned).collect();
    // The payload types are what `downcast_ref` found at run time.
    let literal = position(
        &lines,
        "Main thread: the first thread panicked with a &'static str payload: \"a literal message\"",
    );
    let formatted = position(
        &lines,
        "Main thread: the second thread panicked with a String payload: \"failed at step 3\"",
    );
    let still_running = position(&lines, "Main thread: still running after both panics");
    assert!(literal < formatted && formatted < still_running, "{stdout}");
}

#[test]
fn a_move_closure_owns_the_string_it_measures() {
    let lines = section("move-closure");
    assert_eq!(lines, ["Length: 5"]);
}

#[test]
fn a_parked_thread_wakes_once_the_flag_is_set_whichever_came_first() {
    // Whether main's `unpark` comes before the waiting thread's `park` or after it
    // changes from run to run; every run must end (within `TIMEOUT`) with the same
    // three lines in this order. The waiting thread prints only after it has seen
    // the flag, which main sets after printing its line; main prints its last line
    // after the join. And the waiting thread read main's input, not the 0 it
    // started as: it did not go on before the flag was set.
    for _ in 0..runs() {
        assert_eq!(
            section("park-unpark"),
            [
                "Main thread: input written; setting the flag, then unparking the waiting thread",
                "Waiting thread: the flag is set, the input is 100; the sum of 1..=100 is 5050",
                "Main thread: joined; the waiting thread returned 5050",
            ]
        );
    }
}

#[test]
fn main_does_not_wait_for_its_threads_not_even_an_hour_long_one() {
    // One thread of this section waits an hour: finishing inside this limit
    // shows the process did not wait for it.
    const LIMIT: Duration = Duration::from_secs(1);
    for _ in 0..runs() {
        let assert = cargo_bin_cmd!()
            .arg("main-does-not-wait")
            .timeout(LIMIT)
            .assert()
            .success();
        let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        let lines: Vec<&str> = stdout.lines().skip(1).collect();
        // Main's lines are all there, in order, and its farewell is the last of them.
        let main_lines: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|line| line.starts_with("Main thread: "))
            .collect();
        assert_eq!(
            main_lines,
            [
                "Main thread: started a thread that waits an hour before it prints; nobody joins it",
                "Main thread: 1",
                "Main thread: 2",
                "Main thread: 3",
                "Main thread: 4",
                "Main thread: returning; the process ends with both threads unfinished",
            ],
            "{stdout}"
        );
        // The counting thread got some way, in order, and was cut off wherever it was:
        // its lines are `Count in thread: 1!` up to some k of at most 9. The process
        // may even end between the pieces of one `println!`, leaving a last line cut
        // short (and no newline at the end): that line is a prefix of the next count.
        let mut counts: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|line| !line.starts_with("Main thread: "))
            .collect();
        let cut_short = if stdout.ends_with('\n') {
            None
        } else {
            counts.pop()
        };
        let expected: Vec<String> = (1..=counts.len())
            .map(|i| format!("Count in thread: {i}!"))
            .collect();
        assert!(
            counts.len() <= 9 && counts == expected,
            "the counting thread's lines are not an in-order prefix of 1..=9:\n{stdout}"
        );
        if let Some(piece) = cut_short {
            let next = format!("Count in thread: {}!", counts.len() + 1);
            assert!(
                next.starts_with(piece),
                "the unfinished last line is not the start of `{next}`:\n{stdout}"
            );
        }
    }
}

#[test]
fn each_joined_section_finishes_before_the_next_starts_and_the_unjoined_one_is_last() {
    // Run order is --list order: xtask/tests checks that for every crate.
    let list = stdout_of(&["--list"]);
    assert!(
        list.lines()
            .last()
            .unwrap_or_default()
            .starts_with("main-does-not-wait  "),
        "the section that ends the process must run last:\n{list}"
    );
    let all = stdout_of(&[]);
    // The joined sections' last lines stand right before the next header: each
    // section has joined its threads before the next one starts.
    for (last, next) in [
        (
            "Main thread: join returned 5050",
            "=== panic-stays-in-its-thread",
        ),
        (
            "Main thread: still running after both panics",
            "=== move-closure",
        ),
        ("Length: 5", "=== park-unpark"),
        (
            "Main thread: joined; the waiting thread returned 5050",
            "=== main-does-not-wait",
        ),
    ] {
        assert!(all.contains(&format!("{last}\n{next}")), "{all}");
    }
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
