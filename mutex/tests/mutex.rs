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

/// The expected lines of `guard-lifetimes`, built with edition 2024 (as the crate is),
/// whose `else` block runs with the lock free.
const GUARD_LIFETIMES: [&str; 5] = [
    "after `let top = stack.lock().unwrap().pop();` (Some(4)): free (try_lock: Ok)",
    "in the then-block of `if let Some(top) = stack.lock().unwrap().pop()` (3): held (try_lock: WouldBlock)",
    "in a `match stack.lock().unwrap().pop()` arm (2): held (try_lock: WouldBlock)",
    "in the body of `while let Some(top) = stack.lock().unwrap().pop()` (1): held (try_lock: WouldBlock)",
    "in the else-block of `if let Some(top) = stack.lock().unwrap().pop()` (none left): free (try_lock: Ok)",
];

#[test]
fn a_guard_in_if_let_match_or_while_let_holds_the_lock_through_the_block() {
    // Each line comes from a thread that main joins before going on: one order.
    assert_eq!(section("guard-lifetimes"), GUARD_LIFETIMES);
}

#[test]
fn only_the_else_block_of_if_let_differs_between_editions_2021_and_2024() {
    // The section's own file, built alone with each edition and run.
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/src/guard_lifetimes.rs");
    let run = |edition: &str| -> Vec<String> {
        let binary = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("guard-lifetimes-{edition}-{}", std::process::id()));
        let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
        let build = std::process::Command::new(rustc)
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
    assert_eq!(run("2024"), GUARD_LIFETIMES);
    // Edition 2021 kept the scrutinee's temporaries, the guard among them, through
    // the `else` block: that line, and only that line, says the lock is held there.
    let mut in_2021 = GUARD_LIFETIMES.map(str::to_owned);
    in_2021[4] = in_2021[4].replace("free (try_lock: Ok)", "held (try_lock: WouldBlock)");
    assert_eq!(run("2021"), in_2021);
}

#[test]
fn workers_that_take_jobs_with_let_run_together_and_with_while_let_stall() {
    for _ in 0..runs() {
        let lines = section("worker-pool-stall");
        let stdout = lines.join("\n");
        let at = |line: &str| position(&lines, line);

        // `let job`: each job waits at the barrier until the other arrives, so both
        // arrive before either passes, in either order.
        let pool = "`let job` pool";
        let waits = [1, 2].map(|job| at(&format!("{pool}: job {job} waits at the barrier")));
        let past = [1, 2].map(|job| at(&format!("{pool}: job {job} is past the barrier")));
        // No watchdog watches this pool: it cannot stall, so the run itself ending is
        // the proof, and its last line comes after both jobs passed the barrier.
        let in_time = at(&format!("{pool}: both jobs finished, side by side"));
        assert!(
            waits.iter().max() < past.iter().min() && past.iter().max() < Some(&in_time),
            "a `let job` job passed the barrier alone:\n{stdout}"
        );

        // `while let`: job 1 holds the queue's lock at the barrier, so job 2 cannot
        // even be taken until the watchdog has let job 1 through. Job 1 may be slow
        // to reach the barrier, so its first line may come after the report.
        let pool = "`while let` pool";
        let job_1_waits = at(&format!("{pool}: job 1 waits at the barrier"));
        let in_order = [
            "the watchdog: no job finished in time, the pool is stalled; \
             it takes the other place at the barrier, once for each job left",
            "job 1 is past the barrier",
            "job 2 waits at the barrier",
            "job 2 is past the barrier",
            "the watchdog: both jobs finished, one at a time, each with its help",
        ]
        .map(|line| at(&format!("{pool}: {line}")));
        assert!(
            in_order.is_sorted() && job_1_waits < in_order[1],
            "the `while let` pool did not stall, or ran its jobs out of order:\n{stdout}"
        );
        assert_eq!(lines.len(), 11, "unexpected lines:\n{stdout}");
        // The whole `let job` pool ran before the `while let` pool started.
        assert!(in_time < job_1_waits, "{stdout}");
    }
}

#[test]
fn two_locks_in_opposite_orders_deadlock_and_the_watchdog_breaks_it() {
    for _ in 0..runs() {
        let lines = section("deadlock");
        let output = lines.join("\n");
        let holds = [
            position(&lines, "thread 1: holds account a, wants account b"),
            position(&lines, "thread 2: holds account b, wants account a"),
        ];
        // Then, in this order: the watchdog hears both threads waiting before its
        // deadline starts; thread 2 gives up only when told; thread 1 gets `b` only
        // once thread 2 has let go of it; the balances come after both are joined.
        let in_order = [
            "the watchdog: for 20ms each thread has waited for the lock the other holds: \
             a deadlock; it tells thread 2 to give up",
            "thread 2: gives up, lets go of account b",
            "thread 1: holds both, moved 10 from a to b",
            "balances: a = 90, b = 110",
            "the same Mutex locked again by the thread that holds it: try_lock: WouldBlock",
        ]
        .map(|line| position(&lines, line));
        assert!(
            holds.iter().max() < Some(&in_order[0]) && in_order.is_sorted(),
            "out of order:\n{output}"
        );
        assert_eq!(lines.len(), 7, "unexpected lines:\n{output}");
    }
}

#[test]
fn philosophers_who_take_the_lower_chopstick_first_all_eat() {
    for _ in 0..runs() {
        // A deadlock would hang the run, and the timeout would fail it.
        let lines = section("dining-philosophers");
        let output = lines.join("\n");
        assert_eq!(lines.len(), 6, "unexpected lines:\n{output}");
        // The philosophers finish in any order; main prints the chopsticks after
        // joining all of them.
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
            ],
            "{output}"
        );
        assert_eq!(
            lines[5], "meals eaten with each chopstick: [6, 6, 6, 6, 6]",
            "{output}"
        );
    }
}

#[test]
fn a_condvar_waiter_misses_no_notify_and_waits_again_when_woken_for_nothing() {
    // Whether main's notify comes before or after the waiter starts to wait is up
    // to the scheduler: run it many times, so that both happen.
    for _ in 0..runs() * 10 {
        let lines = section("condvar");
        let output = lines.join("\n");
        // Thread ids differ from run to run: read them, then compare without them.
        let (took, ids): (Vec<String>, Vec<String>) = lines
            .iter()
            .map(|line| match line.split_once(": took ") {
                Some((id, item)) => (format!("#: took {item}"), id.to_owned()),
                None => (line.clone(), String::new()),
            })
            .unzip();
        // The flag is set under the lock before the waiter can see it; each item is
        // put in before it is taken; item 2 only once the waiter without an item is
        // waiting again, after item 1 was taken.
        assert_eq!(
            took,
            [
                "main: sets the flag and notifies, before or after the waiter starts to wait",
                "waiter: the flag is true: goes on",
                "producer: puts item 1 in, notify_all",
                "#: took item 1",
                "producer: puts item 2 in, notify_all",
                "#: took item 2",
                "wake-ups that found the queue empty: at least one",
            ],
            "{output}"
        );
        // Each waiter took one item: two different threads.
        assert!(
            ids[3].starts_with("ThreadId(") && ids[3] != ids[5],
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
        ("another thread's try_write: Ok", "=== guard-lifetimes"),
        ("(none left): free (try_lock: Ok)", "=== worker-pool-stall"),
        ("one at a time, each with its help", "=== deadlock"),
        ("try_lock: WouldBlock", "=== dining-philosophers"),
        ("[6, 6, 6, 6, 6]", "=== condvar"),
    ] {
        assert!(all.contains(&format!("{last}\n{next}")), "{all}");
    }
    assert!(
        all.ends_with("wake-ups that found the queue empty: at least one\n"),
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
