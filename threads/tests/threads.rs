//! Tests of the `threads` binary's real output, each run checked against
//! `guarantees.txt` (its lines, their threads, the orderings every run keeps); racy
//! sections run `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

use std::time::Duration;

/// What the data does not say of a section's lines.
const CHECKS: &Checks = &[(
    "main-does-not-wait",
    the_count_skips_no_number_and_only_the_last_line_is_cut_off,
)];

/// The start of each line of main-does-not-wait's counting thread.
const COUNT: &str = "Count in thread: ";

/// The counting thread was cut off wherever it was: it printed `Count in thread: 1!` up
/// to some k <= 9 (the data allows each count once at most, in order), none skipped. The
/// process may end in the middle of a `println!`, so the last line of all may be only
/// the start of the next count.
fn the_count_skips_no_number_and_only_the_last_line_is_cut_off(lines: &[String]) {
    let whole = |line: &str| {
        line.strip_prefix(COUNT)
            .and_then(|rest| rest.strip_suffix('!'))
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| (1..=9).contains(n))
    };
    let counts: Vec<usize> = lines.iter().filter_map(|line| whole(line)).collect();
    let k = counts.len();
    assert_eq!(
        counts.iter().max().copied().unwrap_or(0),
        k,
        "a count skipped"
    );
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with(COUNT) && whole(line).is_none() {
            let next = format!("{COUNT}{}!", k + 1);
            assert!(
                i + 1 == lines.len() && k < 9 && next.starts_with(line.as_str()),
                "`{line}` is not the start of the next count, cut off at the very end"
            );
        }
    }
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
