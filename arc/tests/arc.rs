//! Tests of the `arc` binary's real output. Each checker asserts only what holds under
//! every interleaving; racy sections run `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

use std::env::consts::ARCH;

/// Every section in `--list` order with its checker.
const CHECKS: &Checks = &[
    ("notes-example", notes_example_is_right),
    (
        "clones-share-one-allocation",
        clones_share_one_allocation_is_right,
    ),
    ("last-owner-drops", last_owner_drops_is_right),
    ("clone-without-clone", clone_without_clone_is_right),
    ("into-inner", into_inner_is_right),
    ("weak", weak_is_right),
    ("cyclic", cyclic_is_right),
    ("lost-update", lost_update_is_right),
    ("atomic-counter", atomic_counter_is_right),
    ("running-max", running_max_is_right),
    ("once-init", once_init_is_right),
    ("lazy-lock", lazy_lock_is_right),
    ("once", once_is_right),
    ("once-poisoned", once_poisoned_is_right),
    ("compare-exchange", compare_exchange_is_right),
    ("release-acquire", release_acquire_is_right),
    ("countdown", countdown_is_right),
    ("store-buffer", store_buffer_is_right),
];

fn notes_example_is_right(lines: &[String]) {
    let (threads, last_two) = lines.split_at(lines.len().saturating_sub(2));
    assert_eq!(
        last_two,
        [
            "v: [10, 20, 30]",
            "4 of 4 threads gave back a clone that points at v"
        ],
        "`v:` and the clones are not last"
    );
    let mut ids: Vec<&str> = threads
        .iter()
        .map(|line| {
            line.strip_suffix(": [10, 20, 30]")
                .filter(|id| id.starts_with("ThreadId("))
        })
        .collect::<Option<_>>()
        .expect("not all `{thread_id:?}: [10, 20, 30]`");
    let printed = ids.len();
    ids.sort();
    ids.dedup();
    assert!(
        printed == 4 && ids.len() == 4,
        "not four threads, once each"
    );
}

fn clones_share_one_allocation_is_right(lines: &[String]) {
    // The addresses are whatever the allocator chose: read them, then compare.
    let address = |i: usize| -> &str {
        let line = lines.get(i).map_or("", String::as_str);
        line.split(" at ")
            .nth(1)
            .and_then(|rest| rest.split(':').next())
            .unwrap_or("")
    };
    let (original, copy) = (address(0), address(4));
    assert_ne!(copy, original, "the copy should be a second allocation");
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
    assert_eq!(lines, expected);
}

fn last_owner_drops_is_right(lines: &[String]) {
    let owners = ["main", "owner-1", "owner-2", "owner-3"];
    let let_go: Vec<usize> = owners
        .iter()
        .map(|owner| position(lines, &format!("{owner}: lets go of its clone")))
        .collect();
    let drops: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].ends_with(": drops the value"))
        .collect();
    assert_eq!(drops.len(), 1, "expected exactly one drop");
    let dropper = lines[drops[0]].trim_end_matches(": drops the value");
    assert!(owners.contains(&dropper), "dropped by a non-owner");
    // It dropped the value after every owner let go: it was the last.
    assert!(
        let_go.iter().all(|&i| i < drops[0]),
        "dropped before an owner let go"
    );
    let last = "main: every owner has let go; drops of the value: 1";
    assert_eq!(lines.last().map(String::as_str), Some(last));
    assert_eq!(lines.len(), owners.len() + 2, "unexpected lines");
}

fn clone_without_clone_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "a second Arc<Settings>: ptr_eq = true, strong_count = 2",
            "spawned thread reads: shared settings",
            "main reads: shared settings, strong_count = 1",
        ]
    );
}

fn into_inner_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "8 owners called Arc::into_inner: 1 got the value [10, 20, 30], 7 got None",
            "try_unwrap while another Arc shares the value: Err, the same Arc back = true",
            "unwrap_or_clone while shared: copies the vector = true",
            "unwrap_or_clone by the last owner: moves it out, same buffer = true",
            "get_mut while another Arc shares the value: gives &mut = false",
            "make_mut: ptr_eq before = true, after = false",
            "mine = [10, 20, 30, 40], the other owner's = [10, 20, 30]",
            "get_mut as the only Arc: changed in place, mine = [10, 20, 30, 40, 50]",
        ]
    );
}

fn weak_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "Weak links: a child reaches the root: true; root strong_count = 1, weak_count = 3",
            "Weak links: after dropping the root, 0 of 4 nodes are left",
            "Arc links: a child reaches the root: true; root strong_count = 4, weak_count = 0",
            "Arc links: after dropping the root, 4 of 4 nodes are left",
            "other thread: upgrade() while main owns it: Some(\"settings\")",
            "main: strong_count = 1, weak_count = 1; dropping the last Arc",
            "other thread: upgrade() after: None, strong_count = 0",
        ]
    );
}

fn cyclic_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "inside new_cyclic the Weak cannot upgrade yet (None): the value is still being built",
            "the thread runs the service \"the cache\"",
            "the thread's Arc points at main's service: true",
            "after the last Arc is dropped, so is the service (upgrade gives None): true",
        ]
    );
}

fn lost_update_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "load, wait at the barrier, store: counter = 100 of 400 adds",
            "wait at the barrier, fetch_add: counter = 400 of 400 adds",
        ]
    );
}

fn atomic_counter_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        ["jobs done: 100000 of 100000, counted by every thread in one AtomicU64"]
    );
}

fn running_max_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "8 threads offered 100000 numbers each to fetch_max: it holds 16777192",
            "the maximum main finds by looking at every number: 16777192",
            "flags after each thread's fetch_or: 0b11111111; each bit set once: true",
        ]
    );
}

fn once_init_is_right(lines: &[String]) {
    let (last, threads) = lines.split_last().expect("no output");
    let built = "main: 8 threads got the table; runs of its initialiser: 1";
    assert_eq!(last, built);
    let (mut ids, mut tables): (Vec<&str>, Vec<&str>) = threads
        .iter()
        .map(|line| line.split_once(": 41538 primes below 500000, the table at "))
        .collect::<Option<_>>()
        .expect("not all threads' lines");
    let printed = ids.len();
    ids.sort();
    ids.dedup();
    tables.dedup();
    assert!(
        printed == 8 && ids.len() == 8,
        "not eight threads, once each"
    );
    assert_eq!(tables.len(), 1, "more than one table");
}

fn lazy_lock_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "initialiser runs before first use: 0",
            "OnceLocks that get() finds empty before any set: 100000 of 100000",
            "initialiser runs after 8 threads used SQUARES: 1, on one of those threads: true",
            "OnceLocks whose set returned Ok to exactly one thread: 100000 of 100000",
            "other set calls that got Err with their own value back: 700000 of 700000",
            "OnceLocks whose get() now gives the winner's value: 100000 of 100000",
        ]
    );
}

fn once_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "before any call: is_completed = false",
            "8 threads called call_once; runs of its closure: 1",
            "threads that saw the setup done as call_once returned: 8 of 8",
            "after: is_completed = true",
        ]
    );
}

fn once_poisoned_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "first setup panicked: true, after loading 3 of 5",
            "is_completed = false",
            "call_once on the poisoned Once panicked: true",
            "call_once_force: is_poisoned = true; loaded 5 of 5",
            "is_completed = true",
        ]
    );
}

fn compare_exchange_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "4 threads × 100000 calls: 300000 IDs handed out, 100000 calls refused",
            "every ID below 300000 handed out exactly once: true",
            "swap(true) on one flag: 1 of 4 threads got false back",
            "one compare_exchange each on the leader: 1 got Ok; 3 got Err with the winner's number",
        ]
    );
}

fn release_acquire_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        ["rounds in which the reader saw the flag but not the data: 0"]
    );
}

fn countdown_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "threads told they were last: 1 of 4",
            "the last thread found 400000 of 400000 results",
        ]
    );
}

fn store_buffer_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "the 6 sequentially consistent interleavings:",
            "  X = 1; r1 = Y; Y = 1; r2 = X  ->  (r1, r2) = (0, 1)",
            "  X = 1; Y = 1; r1 = Y; r2 = X  ->  (r1, r2) = (1, 1)",
            "  X = 1; Y = 1; r2 = X; r1 = Y  ->  (r1, r2) = (1, 1)",
            "  Y = 1; X = 1; r1 = Y; r2 = X  ->  (r1, r2) = (1, 1)",
            "  Y = 1; X = 1; r2 = X; r1 = Y  ->  (r1, r2) = (1, 1)",
            "  Y = 1; r2 = X; X = 1; r1 = Y  ->  (r1, r2) = (1, 0)",
            "none of them ends in (0, 0): true",
            "(0, 0) under SeqCst: in no round, as the model requires",
            "(0, 0) under Relaxed with fence(SeqCst): in no round, as the model requires",
            "(0, 0) under SeqCst in A, fence(SeqCst) in B: in no round, as the model requires",
        ]
    );
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
