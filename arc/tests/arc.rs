//! Tests of the `arc` binary's real output. Each asserts only what holds under
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

#[test]
fn four_threads_print_the_shared_vector_and_main_prints_it_after_every_join() {
    for _ in 0..runs() {
        let lines = section("notes-example");
        let output = lines.join("\n");
        let (last, threads) = lines.split_last().expect("no output");
        assert_eq!(last, "v: [10, 20, 30]", "`v:` is not last:\n{output}");
        assert_eq!(threads.len(), 4, "expected four thread lines:\n{output}");
        let mut ids: Vec<&str> = Vec::new();
        for line in threads {
            let id = line
                .strip_suffix(": [10, 20, 30]")
                .filter(|id| id.starts_with("ThreadId(") && id.ends_with(')'))
                .unwrap_or_else(|| panic!("not `{{thread_id:?}}: [10, 20, 30]`: {line}\n{output}"));
            assert!(
                !ids.contains(&id),
                "thread id {id} printed twice:\n{output}"
            );
            ids.push(id);
        }
    }
}

#[test]
fn clones_point_at_one_allocation_and_strong_count_follows_them() {
    let lines = section("clones-share-one-allocation");
    let output = lines.join("\n");
    // The address is whatever the allocator chose: read it, then compare with it.
    let address = |line: &str| -> String {
        line.split(" at ")
            .nth(1)
            .and_then(|rest| rest.split(':').next())
            .unwrap_or_else(|| panic!("no address in `{line}`:\n{output}"))
            .to_owned()
    };
    assert_eq!(lines.len(), 8, "expected eight lines:\n{output}");
    let original = address(&lines[0]);
    let copy = address(&lines[4]);
    assert_ne!(
        copy, original,
        "the copy should be a second allocation:\n{output}"
    );
    let expected = [
        format!("original at {original}: strong_count = 1"),
        format!("clone 1 at {original}: ptr_eq = true, strong_count = 2"),
        format!("clone 2 at {original}: ptr_eq = true, strong_count = 3"),
        format!("clone 3 at {original}: ptr_eq = true, strong_count = 4"),
        format!("copy at {copy}: equal = true, ptr_eq = false, strong_count = 1"),
        "clone dropped: strong_count = 3".to_owned(),
        "clone dropped: strong_count = 2".to_owned(),
        "clone dropped: strong_count = 1".to_owned(),
    ];
    assert_eq!(lines, expected, "{output}");
}

#[test]
fn the_value_is_dropped_once_by_the_owner_that_lets_go_last() {
    let owners = ["main", "owner-1", "owner-2", "owner-3"];
    for _ in 0..runs() {
        let lines = section("last-owner-drops");
        let output = lines.join("\n");
        // Every owner lets go exactly once.
        let let_go: Vec<usize> = owners
            .iter()
            .map(|owner| position(&lines, &format!("{owner}: lets go of its clone")))
            .collect();
        // The value is dropped exactly once, by one of the owners...
        let drops: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].ends_with(": drops the value"))
            .collect();
        assert_eq!(drops.len(), 1, "expected exactly one drop:\n{output}");
        let dropper = lines[drops[0]].trim_end_matches(": drops the value");
        assert!(
            owners.contains(&dropper),
            "dropped by `{dropper}`, who is not an owner:\n{output}"
        );
        // ...after every owner has let go: it was the last one.
        assert!(
            let_go.iter().all(|&i| i < drops[0]),
            "the value was dropped before every owner let go:\n{output}"
        );
        assert_eq!(
            lines.last().map(String::as_str),
            Some("main: every owner has let go; the value was dropped 1 time(s)"),
            "{output}"
        );
        assert_eq!(lines.len(), owners.len() + 2, "unexpected lines:\n{output}");
    }
}

#[test]
fn an_arc_of_a_type_without_clone_can_still_be_cloned() {
    let lines = section("clone-without-clone");
    assert_eq!(
        lines,
        [
            "a second Arc<Settings>: ptr_eq = true, strong_count = 2",
            "spawned thread reads: shared settings",
            "main reads: shared settings, strong_count = 1",
        ]
    );
}

#[test]
fn the_atomic_counter_counts_every_job_exactly_once() {
    // Every `fetch_add` is one indivisible read-add-write, so no increment is lost
    // however the threads interleave, and main reads the total only after joining
    // every thread. The section asserts the total too: a wrong one fails the run.
    for _ in 0..runs() {
        assert_eq!(
            section("atomic-counter"),
            ["jobs done: 100000 of 100000, counted by every thread in one AtomicU64"]
        );
    }
}

#[test]
fn the_once_lock_is_built_once_and_every_thread_sees_the_same_table() {
    // Which thread builds the table, and in which order the threads print, changes
    // from run to run; what holds on every run: each of the eight threads prints
    // once, all of them see the table at one address, and main, after joining them
    // all, counts one run of the initialiser (the section asserts that too). A
    // check-then-set in place of `get_or_init` builds it more than once on most
    // runs, so the runs are repeated.
    const THREADS: usize = 8;
    for _ in 0..runs() {
        let lines = section("once-init");
        let output = lines.join("\n");
        let (last, threads) = lines.split_last().expect("no output");
        assert_eq!(
            last, "main: 8 threads got the table; it was built 1 time(s)",
            "{output}"
        );
        assert_eq!(
            threads.len(),
            THREADS,
            "expected a line per thread:\n{output}"
        );
        let mut ids = Vec::new();
        let mut addresses = Vec::new();
        for line in threads {
            let (id, address) = line
                .split_once(": 41538 primes below 500000, the table at ")
                .filter(|(id, _)| id.starts_with("ThreadId(") && id.ends_with(')'))
                .unwrap_or_else(|| panic!("not a thread's line: {line}\n{output}"));
            ids.push(id);
            addresses.push(address);
        }
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), THREADS, "a thread printed twice:\n{output}");
        addresses.dedup();
        assert_eq!(
            addresses.len(),
            1,
            "the threads saw the table at different addresses:\n{output}"
        );
    }
}

#[test]
fn each_section_finishes_before_the_next_starts() {
    // Run order is --list order: xtask/tests checks that for every crate.
    for _ in 0..runs() {
        let all = stdout_of(&[]);
        // Each section joins its threads before returning: its last line stands
        // right before the next header.
        for (last, next) in [
            ("v: [10, 20, 30]", "=== clones-share-one-allocation"),
            ("clone dropped: strong_count = 1", "=== last-owner-drops"),
            (
                "main: every owner has let go; the value was dropped 1 time(s)",
                "=== clone-without-clone",
            ),
            (
                "main reads: shared settings, strong_count = 1",
                "=== atomic-counter",
            ),
            (
                "jobs done: 100000 of 100000, counted by every thread in one AtomicU64",
                "=== once-init",
            ),
        ] {
            assert!(all.contains(&format!("{last}\n{next}")), "{all}");
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
