//! Tests of the `scoped-threads` binary's real output. Each asserts only what holds
//! under every interleaving; racy sections run `EXAMPLE_RUNS` times (default 5).

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

/// The `THREADS` of many_readers.rs, scope_joins_all.rs and handles_return_values.rs.
const THREADS: usize = 4;

/// Checks that `lines` are `expected` in any order, each exactly once, followed by
/// `last`: the line main prints once the scope has joined every thread.
fn all_once_then(lines: &[String], mut expected: Vec<String>, last: &str) {
    let output = lines.join("\n");
    let (threads, after) = lines.split_at(lines.len().saturating_sub(1));
    assert_eq!(after, [last], "main's line is not last:\n{output}");
    let mut threads = threads.to_vec();
    threads.sort();
    expected.sort();
    assert_eq!(
        threads, expected,
        "the threads' lines are not each there once:\n{output}"
    );
}

#[test]
fn a_scoped_thread_borrows_a_local_that_main_still_owns_afterwards() {
    assert_eq!(
        section("borrow-locals"),
        ["Length: 5", "Main thread: still own \"Hello\""]
    );
}

#[test]
fn every_reader_holds_its_borrow_at_the_same_time_and_main_continues_after_all() {
    // Each reader prints its first line, then waits at a barrier for the others,
    // borrowing all the while: no reader gets past it before all have borrowed.
    let borrowing: Vec<String> = (1..=THREADS)
        .map(|r| format!("Reader {r}: borrowing the numbers, their sum is 5050"))
        .collect();
    let passed: Vec<String> = (1..=THREADS)
        .map(|r| format!("Reader {r}: passed the barrier, all {THREADS} readers borrowing"))
        .collect();
    for _ in 0..runs() {
        let lines = section("many-readers");
        let output = lines.join("\n");
        let last_borrowing = (0..lines.len())
            .filter(|&i| borrowing.contains(&lines[i]))
            .max();
        let first_passed = (0..lines.len()).find(|&i| passed.contains(&lines[i]));
        assert!(
            last_borrowing < first_passed,
            "a reader passed the barrier before every reader borrowed:\n{output}"
        );
        all_once_then(
            &lines,
            borrowing.iter().chain(&passed).cloned().collect(),
            "Main thread: the readers are done; numbers still has 100 items",
        );
    }
}

#[test]
fn the_one_writers_change_is_seen_by_main_after_the_scope() {
    assert_eq!(
        section("one-writer"),
        [
            "Writer: log has 2 entries",
            "Main thread: log is [\"started\", \"written by the one writer\"]",
        ]
    );
}

#[test]
fn the_scope_returns_only_after_every_worker_finished() {
    let expected: Vec<String> = (1..=THREADS).map(|w| format!("Worker {w}: done")).collect();
    for _ in 0..runs() {
        all_once_then(
            &section("scope-joins-all"),
            expected.clone(),
            &format!("Main thread: scope returned after {THREADS} of {THREADS} workers finished"),
        );
    }
}

#[test]
fn the_values_returned_through_scoped_handles_add_up_to_the_total() {
    for _ in 0..runs() {
        let lines = section("handles-return-values");
        let output = lines.join("\n");
        let parts: Vec<u64> = lines
            .iter()
            .filter_map(|line| line.strip_prefix("Main thread: a thread returned "))
            .map(|part| part.parse().expect("a partial sum is a number"))
            .collect();
        assert_eq!(parts.len(), THREADS, "{output}");
        assert_eq!(
            lines.last().map(String::as_str),
            Some("Main thread: the total is 500500"),
            "{output}"
        );
        assert_eq!(parts.iter().sum::<u64>(), 500_500, "{output}");
    }
}

#[test]
fn the_parallel_sum_over_chunks_equals_the_sequential_one_for_every_length() {
    // The section asserts, for every length and every thread count from 1 to its
    // cap, that the parallel sum is the sequential one and that there are never more
    // chunks than threads; a failed assert fails the run. Here the sums are checked
    // once more against the closed form n(n+1)(2n+1)/6, in the order of the lengths.
    // The threads only compute: what is printed does not depend on their interleaving.
    let expected: Vec<String> = [0_u64, 1, 2, 7, 8, 9, 1_000, 1_001]
        .iter()
        .map(|&n| {
            let sum = n * (n + 1) * (2 * n + 1) / 6;
            format!("the squares of 1..={n} add up to {sum}, in parallel as in sequence")
        })
        .collect();
    for _ in 0..runs() {
        assert_eq!(section("parallel-chunks"), expected);
    }
}

#[test]
fn each_section_finishes_its_threads_before_the_next_starts() {
    // Run order is --list order: xtask/tests checks that for every crate.
    let all = stdout_of(&[]);
    let lines: Vec<String> = all.lines().map(str::to_owned).collect();
    // Each section's last line is main's, printed after its scope has joined every
    // thread: it stands right before the next header, and the last one ends the run.
    for (last, next) in [
        ("Main thread: still own \"Hello\"", Some("many-readers")),
        (
            "Main thread: the readers are done; numbers still has 100 items",
            Some("one-writer"),
        ),
        (
            "Main thread: log is [\"started\", \"written by the one writer\"]",
            Some("scope-joins-all"),
        ),
        (
            "Main thread: scope returned after 4 of 4 workers finished",
            Some("handles-return-values"),
        ),
        ("Main thread: the total is 500500", Some("parallel-chunks")),
        (
            "the squares of 1..=1001 add up to 334835501, in parallel as in sequence",
            None,
        ),
    ] {
        let after = lines.get(position(&lines, last) + 1);
        match next {
            Some(next) => assert!(
                after.is_some_and(|line| line.starts_with(&format!("=== {next}: "))),
                "`{last}` is not right before the header of `{next}`:\n{all}"
            ),
            None => assert_eq!(after, None, "`{last}` does not end the output:\n{all}"),
        }
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
