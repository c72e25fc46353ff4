//! Tests of the `arc` binary's real output, each run checked against `guarantees.txt`
//! (its lines, their threads, the orderings every run keeps); racy sections run
//! `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

use std::env::consts::ARCH;

/// What the data does not say of a section's lines.
const CHECKS: &Checks = &[
    ("notes-example", four_different_threads_print_the_vector),
    (
        "clones-share-one-allocation",
        every_clone_is_at_the_originals_address_and_the_copy_elsewhere,
    ),
    (
        "last-owner-drops",
        the_value_is_dropped_by_one_of_its_owners,
    ),
    (
        "once-init",
        eight_different_threads_see_the_table_at_one_address,
    ),
];

/// How many different texts are in `texts`: thread ids, or addresses.
fn different(mut texts: Vec<&str>) -> usize {
    texts.sort();
    texts.dedup();
    texts.len()
}

/// The data says four `ThreadId(..): [10, 20, 30]` lines; each is another thread's.
fn four_different_threads_print_the_vector(lines: &[String]) {
    let ids = lines
        .iter()
        .filter_map(|line| line.strip_suffix(": [10, 20, 30]"))
        .filter(|label| label.starts_with("ThreadId("))
        .collect();
    assert_eq!(different(ids), 4, "not four threads, once each");
}

/// The address on each line, `<what> at <address>: ...`: the allocator chooses it, so
/// the data matches any; the lines are read here, then compared.
fn every_clone_is_at_the_originals_address_and_the_copy_elsewhere(lines: &[String]) {
    let address = |what: &str| -> &str {
        lines
            .iter()
            .find_map(|line| line.strip_prefix(&format!("{what} at ")))
            .and_then(|rest| rest.split_once(": "))
            .map_or("", |(address, _)| address)
    };
    let original = address("original");
    for n in 1..=3 {
        assert_eq!(
            address(&format!("clone {n}")),
            original,
            "clone {n} is not at the original's address"
        );
    }
    assert_ne!(
        address("copy"),
        original,
        "the copy should be a second allocation"
    );
}

/// The data says one `<thread>: drops the value` line, by whichever thread; it is one
/// of the owners that let go.
fn the_value_is_dropped_by_one_of_its_owners(lines: &[String]) {
    let dropper = lines
        .iter()
        .find_map(|line| line.strip_suffix(": drops the value"))
        .expect("nobody dropped the value");
    assert!(
        ["main", "owner-1", "owner-2", "owner-3"].contains(&dropper),
        "dropped by a non-owner: `{dropper}`"
    );
}

/// The data says eight `ThreadId(..): ... the table at <address>` lines; each is another
/// thread's, and every one gives the same address.
fn eight_different_threads_see_the_table_at_one_address(lines: &[String]) {
    let (ids, tables): (Vec<&str>, Vec<&str>) = lines
        .iter()
        .filter_map(|line| line.split_once(": 41538 primes below 500000, the table at "))
        .unzip();
    assert_eq!(different(ids), 8, "not eight threads, once each");
    assert_eq!(different(tables), 1, "more than one table");
}

/// The numbers in `line` after `prefix`, up to the first `;`.
fn numbers_after(line: &str, prefix: &str) -> Vec<usize> {
    let rest = line.strip_prefix(prefix).unwrap_or("");
    rest.split(';')
        .next()
        .unwrap_or("")
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// The one stderr line that starts with `prefix` and ends with `suffix`.
fn stderr_line<'a>(stderr: &'a str, prefix: &str, suffix: &str) -> &'a str {
    let found: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with(prefix) && line.ends_with(suffix))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one `{prefix}...{suffix}` line on stderr"
    );
    found[0]
}

#[test]
fn four_threads_print_the_shared_vector_and_main_prints_it_after_every_join() {
    check_runs(CHECKS, "notes-example");
}

#[test]
fn clones_point_at_one_allocation_and_strong_count_follows_them() {
    check(CHECKS, "clones-share-one-allocation");
}

#[test]
fn the_value_is_dropped_once_by_the_owner_that_lets_go_last() {
    check_runs(CHECKS, "last-owner-drops");
}

#[test]
fn an_arc_of_a_type_without_clone_can_still_be_cloned() {
    check(CHECKS, "clone-without-clone");
}

#[test]
fn exactly_one_owner_gets_the_value_and_make_mut_leaves_the_other_owner_unchanged() {
    check_runs(CHECKS, "into-inner");
}

#[test]
fn a_weak_linked_tree_is_freed_an_arc_linked_one_leaks_and_upgrade_fails_after_the_drop() {
    // Channels fix the order of the two threads' lines: one run is every run.
    check(CHECKS, "weak");
}

#[test]
fn new_cyclic_gives_the_value_a_weak_that_upgrades_to_its_own_allocation() {
    check(CHECKS, "cyclic");
}

#[test]
fn a_load_then_a_store_loses_the_adds_made_in_between_and_fetch_add_loses_none() {
    check_runs(CHECKS, "lost-update");
}

#[test]
fn the_atomic_counter_counts_every_job_exactly_once() {
    check_runs(CHECKS, "atomic-counter");
}

#[test]
fn fetch_max_leaves_the_true_maximum_and_fetch_or_collects_every_threads_flag() {
    check_runs(CHECKS, "running-max");
}

#[test]
fn the_once_lock_is_built_once_and_every_thread_sees_the_same_table() {
    check_runs(CHECKS, "once-init");
}

#[test]
fn the_lazy_lock_is_built_once_and_each_once_lock_has_one_winner() {
    check_runs(CHECKS, "lazy-lock");
}

#[test]
fn call_once_runs_its_closure_once_and_every_caller_returns_after_it_completed() {
    check_runs(CHECKS, "once");
}

#[test]
fn call_once_force_sees_the_poisoning_and_completes_the_once() {
    let run = check(CHECKS, "once-poisoned");
    assert!(
        run.stderr.contains("the setup failed at entry 3"),
        "the first setup's panic message is not on stderr"
    );
}

#[test]
fn the_compare_exchange_loop_hands_out_each_id_once_and_swap_elects_one_thread() {
    check_runs(CHECKS, "compare-exchange");
}

#[test]
fn a_reader_that_sees_the_release_stored_flag_sees_the_data() {
    for _ in 0..runs() {
        let Section { stderr, .. } = check(CHECKS, "release-acquire");
        let rounds = numbers_after(
            stderr_line(&stderr, ARCH, " rounds, each on a fresh slot"),
            ARCH,
        );
        assert!(rounds.len() == 1 && rounds[0] >= 1);
    }
}

#[test]
fn exactly_one_thread_is_told_it_is_last_and_it_sees_every_result() {
    check_runs(CHECKS, "countdown");
}

#[test]
fn no_round_ends_in_0_0_under_seqcst_or_the_fences_and_no_count_is_required_otherwise() {
    for _ in 0..runs() {
        let Section { stderr, .. } = check(CHECKS, "store-buffer");
        for (ordering, verdict) in [
            ("Relaxed", "allowed: any count, 0 too, is correct"),
            ("Release/Acquire", "allowed: any count, 0 too, is correct"),
            (
                "SeqCst stores, Acquire loads",
                "allowed: any count, 0 too, is correct",
            ),
            ("SeqCst", "forbidden"),
            ("Relaxed with fence(SeqCst)", "forbidden"),
            ("SeqCst in A, fence(SeqCst) in B", "forbidden"),
        ] {
            let prefix = format!("{ARCH}: (0, 0) under {ordering}: in ");
            let counts = numbers_after(stderr_line(&stderr, &prefix, verdict), &prefix);
            // In k of n rounds: any k is right for an ordering that allows (0, 0).
            let [k, n] = counts[..] else {
                panic!("no `in k of n rounds` on stderr")
            };
            assert!(n >= 1 && k <= n);
            assert!(verdict != "forbidden" || k == 0);
        }
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
