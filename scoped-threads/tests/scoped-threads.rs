//! Tests of the `scoped-threads` binary's real output, each run checked against
//! `guarantees.txt` (its lines, their threads, the orderings every run keeps); racy
//! sections run `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

/// The `PHASES` of barrier.rs.
const PHASES: usize = 3;

/// What the data does not say of a section's lines.
const CHECKS: &Checks = &[
    (
        "panic-in-scope",
        the_scopes_payload_is_its_own_not_the_unjoined_threads,
    ),
    (
        "parallel-chunks",
        each_length_takes_the_chunks_this_machines_thread_count_gives,
    ),
];

/// The `UNJOINED_MESSAGE` of panic_in_scope.rs.
const UNJOINED_MESSAGE: &str = "a thread nobody joins failed";

/// The scope's payload is std's own text (the data gives only its shape), not the
/// message of the thread whose panic made the scope panic.
fn the_scopes_payload_is_its_own_not_the_unjoined_threads(lines: &[String]) {
    let scope_line = lines
        .iter()
        .find(|line| line.starts_with("Main thread: caught the scope's panic, "))
        .expect("the data requires the scope's line");
    assert!(
        !scope_line.contains(UNJOINED_MESSAGE),
        "the scope's panic carries the thread's payload, not one of its own"
    );
}

/// The thread count is the machine's, one per core up to 8: each length n takes
/// n.div_ceil(n.div_ceil(threads).max(1)) chunks.
fn each_length_takes_the_chunks_this_machines_thread_count_gives(lines: &[String]) {
    let threads: usize = lines[0]
        .strip_prefix("threads: ")
        .and_then(|rest| rest.strip_suffix(" (one per core, at most 8)"))
        .and_then(|n| n.parse().ok())
        .expect("the first line gives the thread count");
    assert!((1..=8).contains(&threads), "{threads} threads, not 1 to 8");
    for line in &lines[1..] {
        let (n, chunks) = line
            .strip_prefix("length ")
            .and_then(|rest| rest.split_once(", chunks: "))
            .and_then(|(n, rest)| Some((n.parse::<usize>().ok()?, rest.split_once(',')?.0)))
            .unwrap_or_else(|| panic!("not `length <n>, chunks: <c>, …`: `{line}`"));
        let expected = n.div_ceil(n.div_ceil(threads).max(1));
        assert_eq!(chunks, expected.to_string(), "length {n}'s chunks");
    }
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
