//! Tests of the `mutex` binary's real output, each run checked against `guarantees.txt`
//! (its lines, their threads, the orderings every run keeps); racy sections run
//! `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

use std::collections::BTreeMap;

/// What the data does not say of a section's lines.
const CHECKS: &Checks = &[
    (
        "shared-counter",
        the_total_is_threads_times_increments_and_the_log_lists_every_thread,
    ),
    (
        "wake-up-finds-nothing",
        every_wake_up_count_adds_up_and_a_waiter_finds_item_1_already_taken,
    ),
];

/// The numbers in `line` at the named holes of its `line` in `section`'s data: from
/// `waiter 1: took item 2 at wake-up 3`, `w` = 1, `i` = 2 and `took_at` = 3. The data has already
/// matched the line; the code compares what the data cannot.
fn holes(section: &str, line: &str) -> BTreeMap<String, u64> {
    let data = guarantees()
        .into_iter()
        .find(|g| g.section == section)
        .unwrap_or_else(|| panic!("no [{section}] in guarantees.txt"));
    let values = data
        .lines
        .iter()
        .find_map(|spec| spec.pattern.matches(line))
        .unwrap_or_else(|| panic!("`{line}` is none of the lines [{section}] prints"));
    values
        .into_iter()
        .map(|(name, value)| {
            let number = value
                .parse()
                .unwrap_or_else(|_| panic!("`{name}` is not a number in `{line}`"));
            (name, number)
        })
        .collect()
}

/// `total: {total} ({threads} threads × {increments} increments)`, then the static
/// log's `{listed}` threads: the data says the lines, the numbers are compared here.
fn the_total_is_threads_times_increments_and_the_log_lists_every_thread(lines: &[String]) {
    let counted = holes("shared-counter", &lines[0]);
    let [total, threads, increments] = ["total", "threads", "increments"].map(|n| counted[n]);
    assert!(
        threads > 1 && increments > 1,
        "too few threads or increments"
    );
    assert_eq!(total, threads * increments, "updates were lost");
    let listed = holes("shared-counter", &lines[1])["listed"];
    assert_eq!(listed, threads, "the log lists other threads");
}

/// The data says the lines, at least one empty wake-up, and their order: every empty
/// wake-up before item 2 is put in, `{in_vain}` last. A spurious wake-up adds one to a
/// count, and a line of its own, so each wake-up number is at least one.
fn every_wake_up_count_adds_up_and_a_waiter_finds_item_1_already_taken(lines: &[String]) {
    let holes: Vec<BTreeMap<String, u64>> = lines
        .iter()
        .map(|line| holes("wake-up-finds-nothing", line))
        .collect();
    let empty: Vec<usize> = (0..lines.len())
        .filter(|&i| holes[i].contains_key("woke"))
        .collect();
    for &i in &empty {
        assert!(holes[i]["woke"] >= 1, "`{}`: before any wake-up", lines[i]);
    }
    // `waiter {w}: took item {i} at wake-up {took_at}`: where, and at which wake-up.
    let took = |item: u64| -> (usize, u64) {
        (0..lines.len())
            .find_map(|at| match (holes[at].get("i"), holes[at].get("took_at")) {
                (Some(&i), Some(&took_at)) if i == item => Some((at, took_at)),
                _ => None,
            })
            .unwrap_or_else(|| panic!("item {item} not taken"))
    };
    let ((took_1, wake_up_1), (_, wake_up_2)) = (took(1), took(2));
    assert!(wake_up_1 >= 1, "item 1 taken before any wake-up");
    // Item 2's waiter woke for item 1 too, and found it taken.
    assert!(wake_up_2 >= 2, "item 2 taken at its waiter's first wake-up");
    let in_vain = holes.last().expect("no lines")["in_vain"];
    assert_eq!(in_vain, empty.len() as u64, "each empty wake-up says so");
    assert!(
        empty.iter().any(|&i| took_1 < i),
        "no waiter found the queue empty between item 1 taken and item 2 put in"
    );
}

#[test]
fn a_guard_in_its_own_block_pushes_40() {
    check(CHECKS, "notes-example");
}

#[test]
fn many_threads_incrementing_through_a_mutex_lose_no_update() {
    check_runs(CHECKS, "shared-counter");
}

#[test]
fn try_lock_fails_while_a_guard_lives_and_succeeds_once_it_is_dropped() {
    check(CHECKS, "guard-scope");
}

#[test]
fn a_panic_holding_the_lock_poisons_it_and_the_data_is_recovered() {
    let Section { stderr, .. } = check(CHECKS, "poisoning");
    // Rust's default hook reports the writer's panic on stderr; the process goes on.
    assert!(
        stderr.contains("the writer panicked halfway through its update"),
        "{stderr}"
    );
}

#[test]
fn two_readers_hold_the_rwlock_at_once_and_a_writer_holds_it_alone() {
    check_runs(CHECKS, "rwlock");
}

#[test]
fn a_guard_in_if_let_match_or_while_let_holds_the_lock_through_the_block() {
    check(CHECKS, "guard-lifetimes");
}

#[test]
fn only_the_else_block_of_if_let_differs_between_editions_2021_and_2024() {
    // The section's own file, built alone with each edition and run.
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/src/guard_lifetimes.rs");
    let run = |edition: &str| -> Vec<String> {
        let binary = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("guard-lifetimes-{edition}-{}", std::process::id()));
        let build = rustc()
            .args(["--edition", edition, "-o"])
            .arg(&binary)
            .arg(file)
            .output()
            .expect("rustc runs");
        assert!(
            build.status.success(),
            "{file} does not build with `rustc --edition {edition}`:\n{}",
            String::from_utf8_lossy(&build.stderr)
        );
        let run = assert_cmd::Command::new(&binary)
            .timeout(TIMEOUT)
            .assert()
            .success();
        let _ = std::fs::remove_file(&binary);
        let stdout = String::from_utf8_lossy(&run.get_output().stdout).into_owned();
        stdout.lines().map(str::to_owned).collect()
    };
    let in_2024 = run("2024");
    check_lines(CHECKS, "guard-lifetimes", &in_2024);
    // Edition 2021 kept the scrutinee's temporaries, the guard among them, through
    // the `else` block: that line, the last, and only that line, says the lock is held.
    let mut in_2021 = in_2024;
    let else_block = in_2021.last_mut().expect("no lines");
    *else_block = else_block.replace("free (try_lock: Ok)", "held (try_lock: WouldBlock)");
    assert_eq!(run("2021"), in_2021);
}

#[test]
fn workers_that_take_jobs_with_let_run_together_and_with_while_let_stall() {
    check_runs(CHECKS, "worker-pool-stall");
}

#[test]
fn the_thread_that_holds_a_mutex_cannot_lock_it_again() {
    check(CHECKS, "lock-twice");
}

#[test]
fn two_locks_in_opposite_orders_deadlock_and_the_watchdog_breaks_it() {
    check_runs(CHECKS, "deadlock");
}

#[test]
fn philosophers_who_take_the_lower_chopstick_first_all_eat() {
    check_runs(CHECKS, "dining-philosophers");
}

#[test]
fn a_condvar_waiter_misses_no_notify_whether_it_comes_before_the_wait_or_after() {
    check_runs(CHECKS, "condvar");
}

#[test]
fn a_waiter_woken_by_notify_all_for_an_item_another_took_waits_again() {
    check_runs(CHECKS, "wake-up-finds-nothing");
}

#[test]
fn wait_timeout_while_times_out_only_when_the_flag_is_never_set() {
    check_runs(CHECKS, "condvar-timeout");
}

#[test]
fn a_gate_keeps_new_readers_out_while_a_writer_waits_and_the_next_read_sees_the_write() {
    // Channels and the gate's own counts fix the order: every run prints the same lines.
    check_runs(CHECKS, "rwlock-policy");
}

#[test]
fn each_section_ends_before_the_next_starts() {
    each_section_ends_before_the_next(CHECKS);
}

#[allow(dead_code)] // its `main` is for `cargo bench`
#[path = "../benches/costs.rs"]
mod costs;

#[test]
fn every_benchmark_runs() {
    costs::measure(false);
}
