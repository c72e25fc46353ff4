//! Tests of the `mutex` binary's real output. Each asserts only what holds under
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
fn a_guard_in_its_own_block_pushes_40() {
    assert_eq!(
        section("notes-example"),
        ["v: [10, 20, 30]", "v: [10, 20, 30, 40]"]
    );
}

#[test]
fn many_threads_incrementing_through_a_mutex_lose_no_update() {
    for _ in 0..runs() {
        let lines = section("shared-counter");
        let output = lines.join("\n");
        assert_eq!(lines.len(), 1, "expected one line:\n{output}");
        // `total: N (T threads × I increments)`: read all three numbers.
        let numbers: Vec<u64> = lines[0]
            .split(|c: char| !c.is_ascii_digit())
            .filter(|piece| !piece.is_empty())
            .map(|piece| piece.parse().expect("a number"))
            .collect();
        let [total, threads, increments] = numbers[..] else {
            panic!("not `total: N (T threads × I increments)`:\n{output}");
        };
        assert!(threads > 1 && increments > 1, "{output}");
        assert_eq!(total, threads * increments, "updates were lost:\n{output}");
    }
}

#[test]
fn try_lock_fails_while_a_guard_lives_and_succeeds_once_it_is_dropped() {
    assert_eq!(
        section("guard-scope"),
        [
            "in the guard's block: another thread's try_lock: WouldBlock",
            "after the guard's block: another thread's try_lock: Ok",
            "guard taken again: another thread's try_lock: WouldBlock",
            "after drop(guard): another thread's try_lock: Ok",
            "after a statement with an unnamed guard: another thread's try_lock: Ok",
            "counter: 3",
        ]
    );
}

#[test]
fn a_panic_holding_the_lock_poisons_it_and_the_data_is_recovered() {
    let assert = cargo_bin_cmd!()
        .arg("poisoning")
        .timeout(TIMEOUT)
        .assert()
        .success()
        // Rust's default hook reports the writer's panic on stderr; the process goes on.
        .stderr(predicate::str::contains(
            "the writer panicked halfway through its update",
        ));
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let lines: Vec<&str> = stdout.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "before: is_poisoned = false",
            "the writer's join: is_err = true",
            "after the panic: is_poisoned = true",
            // The push before the panic stands: the data is what the writer left.
            "lock(): Err(PoisonError); into_inner recovers the data: [10, 20, 30, 40]",
            "after clear_poison: is_poisoned = false",
            "lock(): Ok; v: [10, 20, 30, 40, 50]",
        ],
        "{stdout}"
    );
}

#[test]
fn two_readers_hold_the_rwlock_at_once_and_a_writer_holds_it_alone() {
    for _ in 0..runs() {
        // Each reader waits at a two-party barrier while holding its read guard:
        // if readers excluded each other, the run would hang and hit the timeout.
        let lines = section("rwlock");
        let output = lines.join("\n");
        let held: Vec<usize> = (1..=2)
            .map(|r| {
                position(
                    &lines,
                    &format!("reader {r}: holds a read guard: [10, 20, 30]"),
                )
            })
            .collect();
        let passed: Vec<usize> = (1..=2)
            .map(|r| {
                position(
                    &lines,
                    &format!("reader {r}: passed the barrier, still holding its guard"),
                )
            })
            .collect();
        // Both readers held their guard before either got past the barrier.
        assert!(
            held.iter().max() < passed.iter().min(),
            "a reader passed the barrier before both held a read guard:\n{output}"
        );
        assert_eq!(
            lines[4..],
            [
                "while a write guard lives: another thread's try_read: WouldBlock, try_write: WouldBlock",
                "while a read guard lives ([10, 20, 30, 40]): another thread's try_read: Ok, try_write: WouldBlock",
                "with no guard alive: another thread's try_write: Ok",
            ],
            "{output}"
        );
    }
}

#[test]
fn each_section_finishes_before_the_next_starts() {
    // Run order is --list order, and every header is there: xtask/tests checks
    // that for every crate.
    let all = stdout_of(&[]);
    // Each section joins its threads before returning: its last line stands right
    // before the next header.
    for (last, next) in [
        ("v: [10, 20, 30, 40]", "=== shared-counter"),
        ("increments)", "=== guard-scope"),
        ("counter: 3", "=== poisoning"),
        ("lock(): Ok; v: [10, 20, 30, 40, 50]", "=== rwlock"),
    ] {
        assert!(all.contains(&format!("{last}\n{next}")), "{all}");
    }
    assert!(
        all.ends_with("with no guard alive: another thread's try_write: Ok\n"),
        "{all}"
    );
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
