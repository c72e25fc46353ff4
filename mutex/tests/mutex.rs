//! Tests of the `mutex` binary's real output: one checker a section, asserting what
//! holds under every interleaving, on one run; racy sections run `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

/// Every section in `--list` order with its checker.
const CHECKS: &Checks = &[
    ("notes-example", notes_example_is_right),
    ("shared-counter", shared_counter_is_right),
    ("guard-scope", guard_scope_is_right),
    ("poisoning", poisoning_is_right),
    ("rwlock", rwlock_is_right),
    ("guard-lifetimes", guard_lifetimes_is_right),
    ("worker-pool-stall", worker_pool_stall_is_right),
    ("lock-twice", lock_twice_is_right),
    ("deadlock", deadlock_is_right),
    ("dining-philosophers", dining_philosophers_is_right),
    ("condvar", condvar_is_right),
    ("wake-up-finds-nothing", wake_up_finds_nothing_is_right),
    ("condvar-timeout", condvar_timeout_is_right),
    ("rwlock-policy", rwlock_policy_is_right),
];

fn notes_example_is_right(lines: &[String]) {
    assert_eq!(lines, ["v: [10, 20, 30]", "v: [10, 20, 30, 40]"]);
}

fn shared_counter_is_right(lines: &[String]) {
    let [counted, logged] = lines else {
        panic!("not two lines: the total, then the static log");
    };
    // `total: N (T threads × I increments)`: read all three numbers.
    let numbers: Vec<u64> = counted
        .split(|c: char| !c.is_ascii_digit())
        .filter(|piece| !piece.is_empty())
        .map(|piece| piece.parse().expect("a number"))
        .collect();
    let &[total, threads, increments] = numbers.as_slice() else {
        panic!("not `total: N (T threads × I increments)`");
    };
    assert!(
        threads > 1 && increments > 1,
        "too few threads or increments"
    );
    assert_eq!(total, threads * increments, "updates were lost");
    let log = format!("the static Mutex<Vec> FINISHED lists {threads} threads, each once: true");
    assert_eq!(*logged, log);
}

fn guard_scope_is_right(lines: &[String]) {
    assert_eq!(
        lines,
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

fn poisoning_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "before: is_poisoned = false",
            "the writer's join: is_err = true",
            "after the panic: is_poisoned = true",
            // The push before the panic stands: the data is what the writer left.
            "lock(): Err(PoisonError); into_inner recovers the data: [10, 20, 30, 40]",
            "main: finishes the writer's update: pushes 50",
            "lock() again: Err(PoisonError); get_ref shows the update finished: [10, 20, 30, 40, 50]",
            "after clear_poison: is_poisoned = false",
            "lock(): Ok; v: [10, 20, 30, 40, 50]",
        ]
    );
}

fn rwlock_is_right(lines: &[String]) {
    // Each reader waits at a two-party barrier holding its read guard: readers that
    // excluded each other would hang the run.
    let [held, passed] = [
        "holds a read guard: [10, 20, 30]",
        "passed the barrier, still holding its guard",
    ]
    .map(|line| [1, 2].map(|r| position(lines, &format!("reader {r}: {line}"))));
    assert!(
        held.iter().max() < passed.iter().min(),
        "a reader passed the barrier before both held a read guard"
    );
    assert_eq!(
        lines[4..],
        [
            "while a write guard lives: another thread's try_read: WouldBlock, try_write: WouldBlock",
            "while a read guard lives ([10, 20, 30, 40]): another thread's try_read: Ok, try_write: WouldBlock",
            "with no guard alive: another thread's try_write: Ok",
        ]
    );
}

/// The lines of `guard-lifetimes` built with edition 2024, whose `else` block runs
/// with the lock free.
const GUARD_LIFETIMES: [&str; 5] = [
    "after `let top = stack.lock().unwrap().pop();` (Some(4)): free (try_lock: Ok)",
    "in the then-block of `if let Some(top) = stack.lock().unwrap().pop()` (3): held (try_lock: WouldBlock)",
    "in a `match stack.lock().unwrap().pop()` arm (2): held (try_lock: WouldBlock)",
    "in the body of `while let Some(top) = stack.lock().unwrap().pop()` (1): held (try_lock: WouldBlock)",
    "in the else-block of `if let Some(top) = stack.lock().unwrap().pop()` (none left): free (try_lock: Ok)",
];

fn guard_lifetimes_is_right(lines: &[String]) {
    // Each line comes from a thread that main joins before going on: one order.
    assert_eq!(lines, GUARD_LIFETIMES);
}

fn worker_pool_stall_is_right(lines: &[String]) {
    let at = |pool: &str, line: &str| position(lines, &format!("{pool}: {line}"));
    // `let job`: both jobs wait at the barrier before either passes it; no watchdog
    // watches this pool, so the run ending is the proof.
    let pool = "`let job` pool";
    let waits = [1, 2].map(|job| at(pool, &format!("job {job} waits at the barrier")));
    let past = [1, 2].map(|job| at(pool, &format!("job {job} is past the barrier")));
    let side_by_side = at(pool, "both jobs finished, side by side");
    assert!(
        waits.iter().max() < past.iter().min() && past.iter().max() < Some(&side_by_side),
        "a `let job` job passed the barrier alone"
    );
    // `while let`: job 1 holds the queue's lock at the barrier, so job 2 is taken only
    // after the watchdog let job 1 through. Job 1 may reach the barrier after the report.
    let pool = "`while let` pool";
    let job_1_waits = at(pool, "job 1 waits at the barrier");
    let in_order = [
        "the watchdog: no job finished in 20ms, so the pool is stalled; \
         it waits at the barrier itself, with each job left in turn",
        "job 1 is past the barrier",
        "job 2 waits at the barrier",
        "job 2 is past the barrier",
        "the watchdog: both jobs finished, one at a time",
    ]
    .map(|line| at(pool, line));
    assert!(
        side_by_side < job_1_waits && job_1_waits < in_order[1] && in_order.is_sorted(),
        "the `while let` pool did not stall, or ran out of order"
    );
    assert_eq!(lines.len(), 11, "unexpected lines");
}

fn lock_twice_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "locked again by the thread that holds it: try_lock: WouldBlock",
            "deposited 10 through the one guard: balance = 110",
        ]
    );
}

fn deadlock_is_right(lines: &[String]) {
    let holds = [
        "thread 1: holds account a, wants account b",
        "thread 2: holds account b, wants account a",
    ]
    .map(|line| position(lines, line));
    // The watchdog hears both threads wait before its deadline starts; thread 2 gives
    // up only when told; thread 1 gets `b` only once thread 2 let go of it.
    let in_order = [
        "the watchdog: for 20ms each thread has waited for the lock the other holds: \
         a deadlock; it tells thread 2 to give up",
        "thread 2: gives up, lets go of account b",
        "thread 1: holds both, moved 10 from a to b",
        "balances: a = 90, b = 110",
    ]
    .map(|line| position(lines, line));
    assert!(
        holds.iter().max() < Some(&in_order[0]) && in_order.is_sorted(),
        "out of order"
    );
    assert_eq!(lines.len(), 6, "unexpected lines");
}

fn dining_philosophers_is_right(lines: &[String]) {
    // A deadlock would hang the run. The philosophers finish in any order, before
    // main's lines.
    assert_eq!(lines.len(), 6, "unexpected lines");
    let mut philosophers = lines[..5].to_vec();
    philosophers.sort();
    assert_eq!(
        philosophers,
        [
            "philosopher 0: ate 3 meals, chopstick 0 first, then 1",
            "philosopher 1: ate 3 meals, chopstick 1 first, then 2",
            "philosopher 2: ate 3 meals, chopstick 2 first, then 3",
            "philosopher 3: ate 3 meals, chopstick 3 first, then 4",
            "philosopher 4: ate 3 meals, chopstick 0 first, then 4",
        ]
    );
    assert_eq!(lines[5], "meals eaten with each chopstick: [6, 6, 6, 6, 6]");
}

fn condvar_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "the setter ended before the waiter locked (its notify reached nobody); \
             the waiter waited: false",
            "the setter started while the waiter held the lock (the waiter slept until it set \
             the flag); the waiter waited: true",
        ]
    );
}

fn wake_up_finds_nothing_is_right(lines: &[String]) {
    // Each item is taken after it is put in; item 2 is put in only once the waiter
    // without an item has woken for item 1, found it taken, and waits again.
    let empty = |line: &String| {
        line.strip_prefix("a waiter woke (wake-up ")
            .and_then(|rest| rest.strip_suffix(") to find the queue empty; it waits again"))
            .is_some_and(|n| n.parse::<usize>().is_ok_and(|n| n >= 1))
    };
    /// A line and where it is.
    type At<'a> = (usize, &'a String);
    let (found_empty, events): (Vec<At>, Vec<At>) =
        lines.iter().enumerate().partition(|(_, line)| empty(line));
    let [put_1, took_1, put_2, took_2, in_vain] = events.as_slice() else {
        panic!("not five lines besides the empty wake-ups");
    };
    assert_eq!(
        [put_1.1, put_2.1],
        [
            "producer: puts item 1 in, notify_all",
            "producer: puts item 2 in, notify_all"
        ]
    );
    // A spurious wake-up adds one to a count, and a line of its own, so each count is a
    // least number. Item 2's waiter woke for item 1 too, and found it taken.
    let count = |line: &str, prefix: &str| -> usize {
        line.strip_prefix(prefix)
            .and_then(|count| count.parse().ok())
            .unwrap_or_else(|| panic!("`{line}` is not `{prefix}N`"))
    };
    assert!(count(took_1.1, "a waiter took item 1 at wake-up ") >= 1);
    assert!(count(took_2.1, "a waiter took item 2 at wake-up ") >= 2);
    let in_vain_count = count(in_vain.1, "wake-ups that found the queue empty: ");
    assert!(in_vain_count >= 1);
    assert_eq!(
        in_vain_count,
        found_empty.len(),
        "each empty wake-up says so"
    );
    assert!(
        found_empty
            .iter()
            .any(|(i, _)| took_1.0 < *i && *i < put_2.0),
        "no waiter found the queue empty between item 1 taken and item 2 put in"
    );
    assert!(
        [put_1.0, took_1.0, put_2.0, took_2.0, in_vain.0].is_sorted()
            && in_vain.0 == lines.len() - 1,
        "out of order"
    );
}

fn condvar_timeout_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "nobody sets the flag, a notify finds nothing: timed_out() = true, flag: false",
            "the flag set while the waiter waits: timed_out() = false, flag: true",
        ]
    );
}

fn rwlock_policy_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "first reader: inside, reads [10, 20, 30]",
            "a writer waits behind the first reader; the gate's try_read is refused: true \
             (a bare RwLock promises nothing either way)",
            "writer: the first reader has left; pushed 40",
            "the next read waits for the writer, and reads [10, 20, 30, 40]",
        ]
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
    guard_lifetimes_is_right(&run("2024"));
    // Edition 2021 kept the scrutinee's temporaries, the guard among them, through
    // the `else` block: that line, and only that line, says the lock is held there.
    let mut in_2021 = GUARD_LIFETIMES.map(str::to_owned);
    in_2021[4] = in_2021[4].replace("free (try_lock: Ok)", "held (try_lock: WouldBlock)");
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
