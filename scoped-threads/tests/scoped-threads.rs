//! Tests of the `scoped-threads` binary's real output. Each checker asserts only what
//! holds under every interleaving; racy sections run `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

/// The `THREADS` of many_readers.rs and scope_joins_all.rs, the `WORKERS` of
/// panic_in_scope.rs.
const THREADS: usize = 4;

/// Checks that `lines` are `first`, then `middle` in any order, each once, then `last`.
fn in_any_order_between(lines: &[String], first: &[&str], middle: &[String], last: &[&str]) {
    let ends = first.len() + last.len();
    assert!(lines.len() >= ends, "too few lines:\n{}", show(lines));
    let (head, rest) = lines.split_at(first.len());
    let (body, tail) = rest.split_at(rest.len() - last.len());
    assert!(
        head == first && tail == last,
        "wrong first or last lines:\n{}",
        show(lines)
    );
    let (mut body, mut middle) = (body.to_vec(), middle.to_vec());
    body.sort();
    middle.sort();
    assert_eq!(body, middle, "not each line once:\n{}", show(lines));
}

fn borrow_locals_is_right(lines: &[String]) {
    assert_eq!(lines, ["Length: 5", "Main thread: still own \"Hello\""]);
}

fn many_readers_is_right(lines: &[String]) {
    let borrowing: Vec<String> = (1..=THREADS)
        .map(|r| format!("Reader {r}: borrowing the numbers, their sum is 5050"))
        .collect();
    let passed: Vec<String> = (1..=THREADS)
        .map(|r| format!("Reader {r}: passed the barrier, all {THREADS} readers borrowing"))
        .collect();
    let all: Vec<String> = borrowing.iter().chain(&passed).cloned().collect();
    let main = "Main thread: the readers are done; numbers still has 100 items";
    in_any_order_between(lines, &[], &all, &[main]);
    // No reader passes the barrier before every reader holds its borrow.
    let last_borrowing = lines.iter().rposition(|line| borrowing.contains(line));
    let first_passed = lines.iter().position(|line| passed.contains(line));
    assert!(last_borrowing < first_passed, "{}", show(lines));
}

fn one_writer_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "Writer: log has 2 entries",
            "Main thread: log is [\"started\", \"written by the one writer\"]",
        ]
    );
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

fn panic_in_scope_is_right(lines: &[String]) {
    let workers: Vec<String> = (1..=THREADS)
        .map(|w| format!("Worker {w}: counted 1000 items"))
        .collect();
    in_any_order_between(
        lines,
        &["Main thread: the unjoined thread has panicked; starting 4 workers"],
        &workers,
        &[
            "Main thread: caught the scope's panic, with its own payload \"a scoped thread panicked\"",
            "Main thread: before it, the workers counted 4000 of 4000 items",
            "Main thread: join returned Err with the payload; resume_unwind raises it",
            "Main thread: caught the raised payload, the thread's own: \"item 7 is malformed\"",
        ],
    );
}

fn parallel_chunks_is_right(lines: &[String]) {
    // The program asserts the sequential result itself; here each sum is checked
    // against the closed form n(n+1)(2n+1)/6, in the order of the lengths.
    let expected: Vec<String> = [0_u64, 1, 2, 7, 8, 9, 1_000, 1_001]
        .iter()
        .map(|&n| {
            let sum = n * (n + 1) * (2 * n + 1) / 6;
            format!("the squares of 1..={n} add up to {sum}, in parallel as in sequence")
        })
        .collect();
    assert_eq!(lines, expected);
}

#[test]
fn a_scoped_thread_borrows_a_local_that_main_still_owns_afterwards() {
    borrow_locals_is_right(&section("borrow-locals").lines);
}

#[test]
fn every_reader_holds_its_borrow_at_the_same_time_and_main_continues_after_all() {
    for _ in 0..runs() {
        many_readers_is_right(&section("many-readers").lines);
    }
}

#[test]
fn the_one_writers_change_is_seen_by_main_after_the_scope() {
    one_writer_is_right(&section("one-writer").lines);
}

#[test]
fn the_scope_returns_only_after_every_worker_finished() {
    for _ in 0..runs() {
        scope_joins_all_is_right(&section("scope-joins-all").lines);
    }
}

#[test]
fn the_values_returned_through_scoped_handles_add_up_to_the_total() {
    handles_return_values_is_right(&section("handles-return-values").lines);
}

#[test]
fn a_scoped_panic_reaches_main_after_the_other_threads_or_with_its_own_payload() {
    for _ in 0..runs() {
        let Section { lines, stderr } = section("panic-in-scope");
        panic_in_scope_is_right(&lines);
        // Three panics print a message: the unjoined thread's, the scope's in main,
        // and the joined thread's; `resume_unwind` prints none.
        let panics = stderr
            .lines()
            .filter(|line| line.starts_with("thread '") && line.contains(" panicked at "))
            .count();
        assert_eq!(panics, 3, "{stderr}");
        assert!(stderr.contains("a thread nobody joins failed"), "{stderr}");
        assert_eq!(stderr.matches("item 7 is malformed").count(), 1, "{stderr}");
    }
}

#[test]
fn the_parallel_sum_over_chunks_equals_the_sequential_one_for_every_length() {
    parallel_chunks_is_right(&section("parallel-chunks").lines);
}

#[test]
fn each_section_ends_before_the_next_starts() {
    each_section_ends_before_the_next(&[
        ("borrow-locals", borrow_locals_is_right),
        ("many-readers", many_readers_is_right),
        ("one-writer", one_writer_is_right),
        ("scope-joins-all", scope_joins_all_is_right),
        ("handles-return-values", handles_return_values_is_right),
        ("panic-in-scope", panic_in_scope_is_right),
        ("parallel-chunks", parallel_chunks_is_right),
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
