//! Tests of the `scoped-threads` binary's real output. Each checker asserts only what
//! holds under every interleaving; racy sections run `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

/// The `THREADS` of many_readers.rs and scope_joins_all.rs, the `WORKERS` of
/// panic_in_scope.rs.
const THREADS: usize = 4;
/// The `THREADS` and `PHASES` of barrier.rs.
const BARRIER_THREADS: usize = 3;
const PHASES: usize = 3;

/// Every section in `--list` order with its checker.
const CHECKS: &Checks = &[
    ("borrow-locals", borrow_locals_is_right),
    ("many-readers", many_readers_is_right),
    ("one-writer", one_writer_is_right),
    ("scope-joins-all", scope_joins_all_is_right),
    ("handles-return-values", handles_return_values_is_right),
    ("disjoint-writers", disjoint_writers_is_right),
    ("barrier", barrier_is_right),
    ("panic-in-scope", panic_in_scope_is_right),
    ("parallel-chunks", parallel_chunks_is_right),
];

fn borrow_locals_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "Length: 5",
            "Main thread: still own \"Hello\"; the thread saw this very string, not a copy",
        ]
    );
}

fn many_readers_is_right(lines: &[String]) {
    let borrowing: Vec<String> = (1..=THREADS)
        .map(|r| format!("Reader {r}: borrowing the numbers, their sum is 5050"))
        .collect();
    let passed: Vec<String> = (1..=THREADS)
        .map(|r| format!("Reader {r}: passed the barrier, all {THREADS} readers borrowing"))
        .collect();
    let all: Vec<String> = borrowing.iter().chain(&passed).cloned().collect();
    let main = format!("Main thread: the {THREADS} readers are done; numbers still has 100 items");
    in_any_order_between(lines, &[], &all, &[&main]);
    // No reader passes the barrier before every reader holds its borrow.
    let last_borrowing = lines.iter().rposition(|line| borrowing.contains(line));
    let first_passed = lines.iter().position(|line| passed.contains(line));
    assert!(
        last_borrowing < first_passed,
        "a reader passed the barrier before every reader was borrowing"
    );
}

fn one_writer_is_right(lines: &[String]) {
    // Main's line inside the scope runs beside the writer: either may come first.
    let beside = [
        "Writer: holds the only borrow of log, pushed with no lock".to_owned(),
        "Main thread: log is lent to the writer; reading it here is E0502".to_owned(),
    ];
    let after = "Main thread: the scope has ended, and the loan with it: \
                 log is [\"started\", \"written by the one writer\"]";
    in_any_order_between(lines, &[], &beside, &[after]);
}

fn scope_joins_all_is_right(lines: &[String]) {
    let workers: Vec<String> = (1..=THREADS).map(|w| format!("Worker {w}: done")).collect();
    let main = format!("Main thread: scope returned after {THREADS} of {THREADS} workers finished");
    in_any_order_between(lines, &[], &workers, &[&main]);
}

fn handles_return_values_is_right(lines: &[String]) {
    // Joined in chunk order: the sums of 1..=250, 251..=500, 501..=750, 751..=1000.
    assert_eq!(
        lines,
        [
            "Main thread: a thread returned 31375",
            "Main thread: a thread returned 93875",
            "Main thread: a thread returned 156375",
            "Main thread: a thread returned 218875",
            "Main thread: the total is 500500",
        ]
    );
}

fn disjoint_writers_is_right(lines: &[String]) {
    // 10 squares in chunks of 4: the last thread's part is shorter.
    let parts: Vec<String> = [(0, 0, 4), (1, 4, 8), (2, 8, 10)]
        .iter()
        .map(|(i, start, end)| format!("Thread {i}: wrote squares[{start}..{end}]"))
        .collect();
    let main = "Main thread: squares is [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]";
    in_any_order_between(lines, &[], &parts, &[main]);
}

fn barrier_is_right(lines: &[String]) {
    let work_lines = BARRIER_THREADS * PHASES;
    assert!(lines.len() == work_lines + 1, "wrong number of lines");
    let (work, last) = lines.split_at(work_lines);
    let expected: Vec<String> = (1..=BARRIER_THREADS)
        .flat_map(|w| (1..=PHASES).map(move |p| format!("worker {w}: in phase {p}")))
        .collect();
    in_any_order_between(work, &[], &expected, &[]);
    // The claim: every line of a phase before any line of the next.
    let phases: Vec<&str> = work.iter().map(|line| &line[line.len() - 1..]).collect();
    assert!(
        phases.is_sorted(),
        "a worker began a phase before all finished the last"
    );
    assert_eq!(
        last,
        ["Main thread: how many leaders each phase had: [1, 1, 1]"]
    );
}

/// The leader lines on stderr: one leader a phase, whichever worker; main joins the
/// workers in order, so the lines come in worker order.
fn barrier_leaders_are_one_a_phase(stderr: &str) {
    let mut led: Vec<(usize, usize)> = stderr
        .lines()
        .filter_map(|line| {
            let (worker, phase) = line
                .strip_prefix("Main thread: worker ")?
                .split_once(" was the leader of phase ")?;
            Some((worker.parse().ok()?, phase.parse().ok()?))
        })
        .collect();
    assert!(led.is_sorted(), "the leaders in join order");
    led.sort_by_key(|&(_, phase)| phase);
    let led_phases: Vec<usize> = led.iter().map(|&(_, phase)| phase).collect();
    assert_eq!(
        led_phases,
        (1..=PHASES).collect::<Vec<_>>(),
        "one leader a phase"
    );
}

fn panic_in_scope_is_right(lines: &[String]) {
    assert!(lines.len() == THREADS + 6, "wrong number of lines");
    let workers: Vec<String> = (1..=THREADS)
        .map(|w| format!("Worker {w}: counted 1000 items"))
        .collect();
    in_any_order_between(
        &lines[..THREADS + 2],
        &[
            "Main thread: a thread nobody joins will panic, so its scope panics in main \
             (stderr: thread 'main' panicked), and catch_unwind catches that",
            "Main thread: the unjoined thread has panicked; starting 4 workers",
        ],
        &workers,
        &[],
    );
    // The scope's own payload: its text is std's (undocumented), so only its shape is
    // checked; the section asserts that it is not the thread's.
    let scope_line = &lines[THREADS + 2];
    assert!(
        scope_line.starts_with("Main thread: caught the scope's panic, with its own payload \"")
            && !scope_line.contains("a thread nobody joins failed"),
        "the scope's panic carries a payload of its own"
    );
    assert_eq!(
        lines[THREADS + 3..],
        [
            "Main thread: before it, the workers counted 4000 of 4000 items",
            "Main thread: join returned Err with the payload; resume_unwind raises it",
            "Main thread: caught the raised payload, the thread's own: \"item 7 is malformed\"",
        ]
    );
}

fn parallel_chunks_is_right(lines: &[String]) {
    // The thread count is the machine's: read it, then expect each length's chunks.
    let threads: usize = lines[0]
        .strip_prefix("threads: ")
        .and_then(|rest| rest.strip_suffix(" (one per core, at most 8)"))
        .and_then(|n| n.parse().ok())
        .expect("the first line gives the thread count");
    assert!((1..=8).contains(&threads));
    // The program asserts the sequential result itself; here each sum is checked
    // against the closed form n(n+1)(2n+1)/6, in the order of the lengths.
    let expected: Vec<String> = [0_usize, 1, 2, 7, 8, 9, 1_000, 1_001]
        .iter()
        .map(|&n| {
            let chunks = n.div_ceil(n.div_ceil(threads).max(1));
            let sum = n * (n + 1) * (2 * n + 1) / 6;
            format!(
                "length {n}, chunks: {chunks}, sum of the squares: {sum} in parallel and in sequence"
            )
        })
        .collect();
    assert_eq!(lines[1..], expected);
}

#[test]
fn a_scoped_thread_borrows_a_local_that_main_still_owns_afterwards() {
    check(CHECKS, "borrow-locals");
}

#[test]
fn every_reader_holds_its_borrow_at_the_same_time_and_main_continues_after_all() {
    check_runs(CHECKS, "many-readers");
}

#[test]
fn the_one_writers_change_is_seen_by_main_after_the_scope() {
    check_runs(CHECKS, "one-writer");
}

#[test]
fn the_scope_returns_only_after_every_worker_finished() {
    check_runs(CHECKS, "scope-joins-all");
}

#[test]
fn the_values_returned_through_scoped_handles_add_up_to_the_total() {
    check(CHECKS, "handles-return-values");
}

#[test]
fn threads_write_their_own_parts_of_one_slice_at_once() {
    check_runs(CHECKS, "disjoint-writers");
}

#[test]
fn no_worker_begins_a_phase_before_all_finished_the_last_and_each_phase_has_one_leader() {
    for _ in 0..runs() {
        barrier_leaders_are_one_a_phase(&check(CHECKS, "barrier").stderr);
    }
}

#[test]
fn a_scoped_panic_reaches_main_after_the_other_threads_or_with_its_own_payload() {
    for _ in 0..runs() {
        let Section { stderr, .. } = check(CHECKS, "panic-in-scope");
        // Three panics print a message: the unjoined thread's, the scope's in main,
        // and the joined thread's; `resume_unwind` prints none.
        let panics = stderr
            .lines()
            .filter(|line| line.starts_with("thread '") && line.contains(" panicked at "))
            .count();
        assert_eq!(panics, 3);
        assert!(stderr.contains("a thread nobody joins failed"));
        assert_eq!(stderr.matches("item 7 is malformed").count(), 1);
    }
}

#[test]
fn the_parallel_sum_over_chunks_equals_the_sequential_one_for_every_length() {
    check(CHECKS, "parallel-chunks");
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
