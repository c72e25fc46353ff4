//! Tests of `cargo xtask` (every path of its command line) and the repository
//! checks: the compile-fail cases, the README's claims table, and, in
//! `checks/examples.rs`, every example crate's command line, section files and
//! shared blocks.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[path = "checks/examples.rs"]
mod examples;
use examples::examples;

/// Generous: the first task of a run may wait for cargo's build lock and build.
const TIMEOUT: Duration = Duration::from_secs(300);

/// The benchmark table's pure functions (`cargo xtask bench`), tested directly.
#[allow(dead_code)] // not every function is tested here
#[path = "../src/table.rs"]
mod table;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ has a parent folder")
        .to_path_buf()
}

fn xtask(args: &[&str]) -> assert_cmd::Command {
    let mut command = cargo_bin_cmd!("xtask");
    command.args(args).env_remove("NO_COLOR").timeout(TIMEOUT);
    command
}

fn stdout_of(args: &[&str]) -> String {
    stdout(&xtask(args).assert().success())
}

/// What a finished command printed on stdout.
fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

/// The example crates, in teaching order.
fn crate_names() -> Vec<&'static str> {
    examples().iter().map(|e| e.name.as_str()).collect()
}

/// The crates a demo ran, from its headers `▶ cargo run -p <crate>`.
fn demo_headers(out: &str) -> Vec<&str> {
    out.lines()
        .filter_map(|line| line.strip_prefix("▶ cargo run -p "))
        .collect()
}

/// A fresh folder for one test's files; the test removes it when done.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("a temp dir");
    dir
}

/// A line of a table, split at its runs of two or more spaces.
fn words(line: &str) -> Vec<String> {
    line.split("  ")
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The task binary, `xtask-tasks`, which `cargo xtask compile-fail` runs through
/// cargo: the tests run it directly, so no test builds anything.
fn tasks(args: &[&str]) -> assert_cmd::Command {
    let mut command = cargo_bin_cmd!("xtask-tasks");
    command.args(args).timeout(TIMEOUT);
    command
}

#[test]
fn without_a_task_it_prints_the_tasks() {
    for args in [&[][..], &["--help"], &["-h"]] {
        xtask(args)
            .assert()
            .success()
            .stdout(predicate::str::starts_with("Usage: cargo xtask <TASK>"))
            .stdout(predicate::str::contains("  demo [--timeline] [CRATE...]"))
            .stdout(predicate::str::contains("  list "))
            .stdout(predicate::str::contains("  bench [CRATE...]"))
            .stdout(predicate::str::contains("  compile-fail "));
    }
}

#[test]
fn help_after_any_task_prints_the_tasks() {
    for args in [
        &["demo", "--help"][..],
        &["list", "-h"],
        &["bench", "--help"],
        &["compile-fail", "-h"],
    ] {
        xtask(args)
            .assert()
            .success()
            .stdout(predicate::str::starts_with("Usage: cargo xtask <TASK>"));
    }
}

#[test]
fn a_wrong_command_line_exits_with_code_2_and_the_usage() {
    for args in [
        &["nope"][..],
        &["--bogus"],
        &["list", "extra"],
        &["demo", "--bogus"],
        &["bench", "--bogus"],
        &["bench", "send-sync"],
        &["compile-fail", "--bogus"],
        &["compile-fail", "no/such/case.rs"],
    ] {
        xtask(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with("error: "))
            .stderr(predicate::str::contains("Usage: cargo xtask <TASK>"));
    }
}

#[test]
fn demo_of_an_unknown_crate_exits_with_code_2_and_names_the_crates() {
    let crates = crate_names();
    xtask(&["demo", "threads", "nope"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "error: unknown crate `nope`; the example crates are: {}",
            crates.join(", ")
        )));
}

#[test]
fn demo_runs_the_crates_it_is_given_once_each_in_teaching_order() {
    let out = stdout_of(&["demo", "mutex", "threads", "mutex"]);
    assert_eq!(demo_headers(&out), ["threads", "mutex"], "{out}");
}

#[test]
fn demo_runs_every_crate_in_teaching_order_and_ends_with_a_summary() {
    let crates = crate_names();
    let out = stdout_of(&["demo"]);
    // stdout is a pipe here: no escape codes.
    assert!(
        !out.contains('\x1b'),
        "escape codes in piped output:\n{out}"
    );
    assert_eq!(demo_headers(&out), crates, "{out}");
    let summary = out
        .split_once("\nSummary\n")
        .map(|(_, summary)| summary)
        .unwrap_or_else(|| panic!("no summary:\n{out}"));
    for name in &crates {
        let row = summary
            .lines()
            .find(|line| line.split_whitespace().next() == Some(*name))
            .unwrap_or_else(|| panic!("no summary row for {name}:\n{out}"));
        assert!(row.ends_with(" ms  ok"), "{row}");
    }
    assert!(
        out.ends_with(&format!(
            "All {n} of {n} demos succeeded.\n",
            n = crates.len()
        )),
        "{out}"
    );
}

/// Runs `demo --timeline <name>` and returns each line of the demo's output with
/// its time stamp in milliseconds.
fn timeline(name: &str) -> Vec<(f64, String)> {
    let out = stdout_of(&["demo", "--timeline", name]);
    let demo = out
        .split_once(&format!("▶ cargo run -p {name}\n"))
        .and_then(|(_, rest)| rest.split_once("\n\nSummary\n"))
        .map(|(demo, _)| demo)
        .unwrap_or_else(|| panic!("no demo output:\n{out}"));
    demo.lines()
        .map(|line| {
            let (stamp, text) = line
                .strip_prefix('+')
                .and_then(|rest| rest.split_once(" ms  "))
                .unwrap_or_else(|| panic!("line without a time stamp: {line:?}\n{out}"));
            let millis: f64 = stamp.trim().parse().expect("the stamp is a number");
            (millis, text.to_owned())
        })
        .collect()
}

/// The time stamp of the first line that starts with `text`.
fn stamp_of(lines: &[(f64, String)], text: &str) -> f64 {
    lines
        .iter()
        .find(|(_, line)| line.starts_with(text))
        .map(|(millis, _)| *millis)
        .unwrap_or_else(|| panic!("no line `{text}` in:\n{lines:#?}"))
}

#[test]
fn demo_timeline_stamps_every_line_with_the_time_since_the_demo_started() {
    let lines = timeline("threads");
    // The lines of one stream are stamped as they arrive, so time only goes forward.
    assert!(
        lines.windows(2).all(|pair| pair[0].0 <= pair[1].0),
        "{lines:#?}"
    );
    // The daemon section's main thread sleeps 5 ms four times before its last line,
    // and a line is stamped when the xtask reads it, never before it is printed.
    assert!(
        stamp_of(&lines, "Main thread: returning") >= 20.0,
        "{lines:#?}"
    );
}

#[test]
fn demo_timeline_shows_the_bounded_receiver_starting_after_its_pause() {
    // `bounded` is sync-channel's first section; main sleeps 100 ms, then receives.
    let lines = timeline("sync-channel");
    assert!(
        stamp_of(&lines, "Main: got Message 1") >= 100.0,
        "{lines:#?}"
    );
}

#[test]
fn every_compile_fail_case_fails_with_the_codes_it_names() {
    let assert = tasks(&["compile-fail"]).assert().success();
    let out = stdout(&assert);
    let mut cases = 0;
    for entry in fs::read_dir(root()).expect("the root is readable") {
        let dir = entry.expect("an entry").path().join("compile-fail");
        for case in fs::read_dir(&dir).into_iter().flatten() {
            let case = case.expect("an entry").path();
            let shown = case.strip_prefix(root()).expect("under the root").display();
            assert!(
                out.contains(&format!("ok      {shown}  (")),
                "{shown} is not checked:\n{out}"
            );
            cases += 1;
        }
    }
    assert!(cases > 0, "no compile-fail cases found");
}

#[test]
fn the_compile_fail_check_rejects_a_case_that_compiles_or_names_the_wrong_code() {
    let dir = scratch("compile-fail");
    let compiles = dir.join("compiles.rs");
    fs::write(&compiles, "// error: E0373\nfn main() {}\n").expect("written");
    let wrong_code = dir.join("wrong_code.rs");
    fs::write(
        &wrong_code,
        "// error: E0499\nfn main() { let _x: i32 = \"text\"; }\n",
    )
    .expect("written");
    let extra_error = dir.join("extra_error.rs");
    fs::write(
        &extra_error,
        "// error: E0308\nfn main() { let _x: i32 = \"text\"; undefined(); }\n",
    )
    .expect("written");
    let no_header = dir.join("no_header.rs");
    fs::write(&no_header, "fn main() { let _x: i32 = \"text\"; }\n").expect("written");
    let paths: Vec<String> = [&compiles, &wrong_code, &extra_error, &no_header]
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    let mut args = vec!["compile-fail"];
    args.extend(paths.iter().map(String::as_str));
    tasks(&args)
        .assert()
        .failure()
        .stdout(predicate::str::contains(
            "compiles.rs: it compiled, but it must not",
        ))
        .stdout(predicate::str::contains(
            "wrong_code.rs: rustc did not report [\"E0499\"]",
        ))
        // What rustc really said is shown.
        .stdout(predicate::str::contains("error[E0308]: mismatched types"))
        .stdout(predicate::str::contains(
            "extra_error.rs: rustc also reported [\"E0425\"], which the first line does not name",
        ))
        .stdout(predicate::str::contains(
            "no_header.rs: its first line is `fn main() { let _x: i32 = \"text\"; }`",
        ))
        .stderr(predicate::str::contains("4 compile-fail case(s) failed"));
    let _ = fs::remove_dir_all(&dir);
}

/// `$RUSTC` if it is set, else `rustc` on the PATH, as the compile-fail check does.
fn rustc() -> assert_cmd::Command {
    let mut command =
        assert_cmd::Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()));
    command.timeout(TIMEOUT);
    command
}

#[test]
fn the_compile_fail_check_ignores_warnings_beside_the_expected_error() {
    let dir = scratch("warning");
    let case = dir.join("warning.rs");
    // An unused variable is a warning (code `unused_variables`), not an error.
    fs::write(
        &case,
        "// error: E0308\nfn main() { let unused = 1; let _x: i32 = \"text\"; }\n",
    )
    .expect("written");
    tasks(&["compile-fail", &case.display().to_string()])
        .assert()
        .success()
        .stdout(predicate::str::contains("warning.rs  (E0308)"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn every_claim_in_the_readme_is_checked_by_a_test_or_file_that_exists() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README.md exists");
    let table = readme
        .split_once("## Every claim of the notes")
        .and_then(|(_, rest)| rest.split("\n## ").next())
        .expect("README.md has the section `## Every claim of the notes, and what checks it`");
    let mut tests = String::new();
    for example in examples() {
        let name = &example.name;
        tests += &fs::read_to_string(root().join(name).join("tests").join(format!("{name}.rs")))
            .unwrap_or_default();
    }
    let rows: Vec<&str> = table
        .lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| claim of the notes"))
        .collect();
    assert!(rows.len() > 20, "the claims table is missing:\n{table}");
    for row in rows {
        let checks = row
            .trim_end_matches('|')
            .rsplit('|')
            .next()
            .unwrap_or_default();
        let named: Vec<&str> = checks.split('`').skip(1).step_by(2).collect();
        assert!(
            !named.is_empty(),
            "this claim names no check; add one:\n{row}"
        );
        for check in named {
            let exists = if check.contains('/') {
                root().join(check).is_file()
            } else {
                tests.contains(&format!("#[test]\nfn {check}()"))
            };
            assert!(
                exists,
                "README.md names the check `{check}`, which does not exist; fix the row:\n{row}"
            );
        }
    }
}

#[test]
fn a_benchmark_row_parses_and_other_lines_do_not() {
    let line = "channel round trip to another thread     6480.0 ns   4236.0 ns   6991.0 ns  23:51 24:3062 25:2";
    let row = table::parse(line).expect("a row");
    assert_eq!(row.operation, "channel round trip to another thread");
    assert_eq!((row.median, row.fast, row.slow), (6480.0, 4236.0, 6991.0));
    assert_eq!(row.buckets, [(23, 51), (24, 3062), (25, 2)]);
    // Without buckets, too; a bucket that is not `k:count` is no row.
    let row =
        table::parse("Rc::clone + drop, one thread   0.5 ns   0.4 ns   0.6 ns").expect("a row");
    assert!(row.buckets.is_empty());
    assert!(table::parse("Rc::clone + drop   0.5 ns   0.4 ns   0.6 ns  -4:12 x").is_none());
    assert!(table::parse("costs of arc (cargo bench -p arc)").is_none());
    assert!(table::parse("operation  median  fastest tenth  slowest tenth  × cheapest").is_none());
}

#[test]
fn numbers_have_one_decimal_below_100_and_none_above() {
    assert_eq!(table::round(61234.7), "61235");
    assert_eq!(table::round(12.345), "12.3");
    assert_eq!(table::round(1.26), "1.3");
}

#[test]
fn times_are_shown_in_their_unit_with_three_significant_digits() {
    assert_eq!(table::duration(0.52), "0.5 ns");
    assert_eq!(table::duration(28.74), "28.7 ns");
    assert_eq!(table::duration(598.4), "598 ns");
    assert_eq!(table::duration(6_648.0), "6.65 µs");
    assert_eq!(table::duration(43_111.0), "43.1 µs");
    assert_eq!(table::duration(1_254_000.0), "1.25 ms");
    assert_eq!(table::ratio(1501.7), "1502");
    assert_eq!(table::ratio(7.18), "7.2");
}

/// A row with every sample at `median`, and no buckets.
fn row(operation: &str, median: f64) -> table::Row {
    table::Row {
        operation: operation.to_owned(),
        median,
        fast: median,
        slow: median,
        buckets: Vec::new(),
    }
}

/// The rows of a run, fixed, so that the wording is tested without timing anything.
fn a_run() -> Vec<table::Row> {
    let mut rows = vec![
        row(table::SPAWN, 43_100.0),
        row(table::SPAWN_BUSY, 21_900.0),
        row(table::SCOPE, 41_800.0),
        row(table::SEND_RECV, 28.7),
        row(table::ROUND_TRIP, 6_000.0),
        row(table::ROUND_TRIP_BUSY, 4_500.0),
        row(table::SYNC_1, 12_000.0),
        row(table::RENDEZVOUS, 6_300.0),
        row(table::RC, 0.5),
        row(table::ARC, 9.0),
        row(table::ARC_CONTENDED, 27.0),
        row(table::ADD_CONTENDED, 11.5),
        row(table::LOCK, 10.0),
        row(table::LOCK_CONTENDED, 40.0),
        row(table::READ, 10.5),
    ];
    for (n, per_thread) in [(1, 30_000.0), (4, 26_000.0), (16, 27_000.0), (64, 33_000.0)] {
        rows.push(row(
            &format!("scaling: threads at once: spawn + join: {n}"),
            per_thread,
        ));
    }
    for (t, mutex, atomic, counts) in [
        (1, 10.0, 4.8, 0.3),
        (2, 30.0, 7.2, 0.2),
        (4, 60.0, 6.0, 0.2),
    ] {
        rows.push(row(&format!("scaling: counter: Mutex: {t}"), mutex));
        rows.push(row(
            &format!("scaling: counter: atomic fetch_add: {t}"),
            atomic,
        ));
        rows.push(row(
            &format!("scaling: counter: per-thread counts: {t}"),
            counts,
        ));
    }
    for (threads, time) in [(0, 250_000.0), (1, 280_000.0), (2, 170_000.0)] {
        rows.push(row(
            &format!("scaling: chunks: sum of squares: {threads}"),
            time,
        ));
    }
    rows
}

fn conclusions_of(rows: &[table::Row]) -> Vec<String> {
    let rows: Vec<&table::Row> = rows.iter().collect();
    table::conclusions(&rows, 2)
}

/// The sentence that starts with `start`, or a failure that shows them all.
fn sentence<'a>(said: &'a [String], start: &str) -> &'a str {
    said.iter()
        .find(|sentence| sentence.starts_with(start))
        .unwrap_or_else(|| panic!("no sentence starts with {start:?}:\n{}", said.join("\n")))
}

#[test]
fn the_conclusions_take_their_numbers_from_the_rows() {
    let said = conclusions_of(&a_run());
    for expected in [
        "Starting and joining a thread (43.1 µs) costs as much as 1502 channel sends + recvs on one thread (28.7 ns each).",
        "Starting and joining a thread (43.1 µs) costs 7.2 times a channel round trip to another thread (6.00 µs).",
        "Starting and joining a thread with the other cores kept busy (21.9 µs) costs 4.9 times a channel round trip to another thread with the other cores kept busy (4.50 µs).",
        "A scoped thread (41.8 µs) costs about as much as a spawned thread (43.1 µs).",
        "A channel round trip to another thread (6.00 µs) costs 1.3 times a channel round trip with the other cores kept busy (4.50 µs).",
        "A message through sync_channel(1) (12.0 µs) costs 1.9 times a rendezvous hand-off (6.30 µs).",
        "Arc::clone + drop (9.0 ns) costs as much as 18 Rc::clone + drops (0.5 ns each).",
        "A Mutex lock + unlock while another thread wants the same lock (40.0 ns) costs 4.0 times an uncontended Mutex lock + unlock (10.0 ns).",
        "An uncontended RwLock read + unlock (10.5 ns) costs about as much as an uncontended Mutex lock + unlock (10.0 ns).",
        "A contended Mutex lock + unlock (40.0 ns) costs 3.5 times a contended AtomicU64::fetch_add (11.5 ns).",
        "Starting 64 threads at once costs 33.0 µs per thread, 1.1 times the cost with 1 (30.0 µs): the cost of starting threads grows in proportion to their number.",
        "A counter bumped by 4 threads on 2 cores, against 1, costs per bump: Mutex 60.0 ns against 10.0 ns (6.0 times), atomic fetch_add 6.0 ns against 4.8 ns (1.2 times), per-thread counts 0.2 ns against 0.3 ns (0.7 times).",
        "Parallel chunks on 2 threads run 1.5 times as fast as on the calling thread alone (170 µs against 250 µs).",
    ] {
        assert!(
            said.iter().any(|sentence| sentence == expected),
            "not said: {expected}\nsaid:\n{}",
            said.join("\n")
        );
    }
}

#[test]
fn a_conclusion_whose_row_is_missing_is_left_out() {
    let mut run = a_run();
    let said = conclusions_of(&run);
    run.retain(|row| row.operation != table::ROUND_TRIP);
    let without = conclusions_of(&run);
    // Exactly the sentences that read the round trip are gone; the others stay as
    // they were, the busy round trip's among them.
    let reads_it = |sentence: &&String| {
        sentence
            .to_lowercase()
            .contains("a channel round trip to another thread (")
    };
    assert_eq!(said.iter().filter(reads_it).count(), 3, "{said:#?}");
    let kept: Vec<&String> = said.iter().filter(|sentence| !reads_it(sentence)).collect();
    assert_eq!(without.iter().collect::<Vec<_>>(), kept);
    // Without the scaling rows, their sentences go too.
    run.retain(|row| !row.operation.starts_with("scaling: "));
    let without = conclusions_of(&run);
    assert!(
        !without.iter().any(|s| s.contains("threads at once")
            || s.contains("per bump")
            || s.contains("chunks")),
        "{without:#?}"
    );
}

#[test]
fn a_comparison_that_does_not_hold_is_said_the_other_way_round() {
    // The issue's run: spawn 35 µs, round trip 57 µs; Arc::clone 15 times an Rc's.
    let mut run = a_run();
    for row in &mut run {
        match row.operation.as_str() {
            table::SPAWN => row.median = 35_000.0,
            table::ROUND_TRIP => row.median = 57_000.0,
            table::ARC => row.median = 14.9,
            table::RC => row.median = 1.0,
            _ => {}
        }
    }
    let said = conclusions_of(&run);
    assert_eq!(
        sentence(
            &said,
            "A channel round trip to another thread (57.0 µs) costs "
        ),
        "A channel round trip to another thread (57.0 µs) costs 1.6 times starting and joining a thread (35.0 µs)."
    );
    assert!(
        !said.iter().any(
            |s| s.starts_with("Starting and joining a thread (35.0 µs) costs")
                && s.contains("round trip")
        ),
        "{said:#?}"
    );
    assert_eq!(
        sentence(&said, "Arc::clone + drop (14.9 ns)"),
        "Arc::clone + drop (14.9 ns) costs as much as 15 Rc::clone + drops (1.0 ns each)."
    );
    // A scaling table that shrinks per thread is said so.
    let mut run = a_run();
    for row in &mut run {
        if row.operation == "scaling: threads at once: spawn + join: 64" {
            row.median = 15_000.0;
        }
    }
    let said = conclusions_of(&run);
    assert!(
        sentence(&said, "Starting 64 threads").ends_with(
            "0.5 times the cost with 1 (30.0 µs): the cost of starting threads grows more slowly than their number: they start on several cores at once."
        ),
        "{said:#?}"
    );
    assert!(
        !said.iter().any(|s| s.contains("several times")),
        "{said:#?}"
    );
}

#[test]
fn the_regimes_table_sets_each_wake_up_beside_the_same_with_the_cores_busy() {
    let run = a_run();
    let rows: Vec<&table::Row> = run.iter().collect();
    let regimes = table::regimes(&rows);
    let lines: Vec<&str> = regimes.lines().collect();
    assert_eq!(lines.len(), 3, "{regimes}");
    assert!(lines[0].starts_with("operation (median)"), "{regimes}");
    assert_eq!(words(lines[1]), [table::SPAWN, "43.1 µs", "21.9 µs", "2.0"]);
    assert_eq!(
        words(lines[2]),
        [table::ROUND_TRIP, "6.00 µs", "4.50 µs", "1.3"]
    );
    // The busy rows are left out of the table of costs, as are the scaling rows.
    let costs = table::cost_table(&rows);
    assert!(
        !costs.contains(table::BUSY) && !costs.contains("scaling"),
        "{costs}"
    );
    assert!(costs.contains(table::ROUND_TRIP), "{costs}");
}

#[test]
fn a_histogram_shows_where_the_samples_gather_and_two_peaks_as_two_regimes() {
    let mut round_trip = row(table::ROUND_TRIP, 40_000.0);
    // 4.1 µs (k = 24) and 45 µs (k = 31); a few stragglers too few to show.
    round_trip.buckets = vec![(24, 500), (25, 100), (31, 400), (40, 1)];
    let mut busy = row(table::ROUND_TRIP_BUSY, 4_500.0);
    busy.buckets = vec![(24, 900), (25, 100)];
    let mut rc = row(table::RC, 0.5);
    rc.buckets = vec![(-2, 1000)];
    let rows = [&round_trip, &busy, &rc];
    let shown = table::histograms(&rows);
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines.len(), 4, "{shown}");
    // The axis: 1 ns is two columns in (0.5 ns is the first), 1 µs twenty more.
    let start = lines[0].find("1 ns").expect("the axis") - 2;
    assert_eq!(lines[0][start..].find("1 µs"), Some(22), "{shown}");
    let column = |line: &str, k: i32| line[start..].chars().nth((k + 2) as usize);
    assert_eq!(column(lines[1], 24), Some('█'), "{shown}");
    assert_eq!(column(lines[1], 31), Some('▇'), "{shown}");
    assert_eq!(column(lines[1], 40), Some('·'), "{shown}");
    assert!(lines[1].ends_with("peaks near 4.9 µs, 55 µs"), "{shown}");
    // The busy row, right after its own, is named for what differs; one peak, no list.
    assert!(
        lines[2].starts_with("  the same, other cores busy "),
        "{shown}"
    );
    assert!(!lines[2].contains("peaks"), "{shown}");
    assert_eq!(column(lines[3], -2), Some('█'), "{shown}");
}

#[test]
fn the_scaling_tables_show_each_series_with_its_ratio() {
    let run = a_run();
    let rows: Vec<&table::Row> = run.iter().collect();
    let tables = table::scaling_tables(&rows);
    // The three tables, in order, each ends with a blank line.
    let parts: Vec<&str> = tables.split("\n\n").collect();
    assert_eq!(parts.len(), 4, "{tables}");
    let words_of = |part: usize, start: &str| -> Vec<String> {
        let line = parts[part]
            .lines()
            .find(|line| line.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no line {start:?}:\n{tables}"));
        words(line)
    };
    assert!(
        parts[0].starts_with("Starting N threads at once"),
        "{tables}"
    );
    assert_eq!(words_of(0, "64 "), ["64", "2.11 ms", "33.0 µs", "1.1"]);
    assert_eq!(
        words_of(1, "4 "),
        ["4", "60.0 ns", "6.0", "6.0 ns", "1.2", "0.2 ns", "0.7"]
    );
    assert_eq!(
        words_of(2, "none "),
        ["none", "250 µs", "1.0", "██████████"]
    );
    assert_eq!(
        words_of(2, "2 ").last().map(String::as_str),
        Some("███████████████")
    );
    // No rows, no tables; only scaling rows (`cargo xtask bench scoped-threads`),
    // no table of costs and no histograms.
    assert_eq!(table::scaling_tables(&[]), "");
    let scaling_only: Vec<&table::Row> = rows
        .iter()
        .copied()
        .filter(|row| row.operation.starts_with("scaling: "))
        .collect();
    assert_eq!(table::cost_table(&scaling_only), "");
    assert_eq!(table::histograms(&scaling_only), "");
    assert_eq!(table::regimes(&scaling_only), "");
}

#[test]
fn every_row_the_conclusions_read_is_printed_by_a_benchmark() {
    let benches: Vec<(String, String)> = examples()
        .iter()
        .filter_map(|example| {
            let file = format!("{}/benches/costs.rs", example.name);
            Some((file.clone(), fs::read_to_string(root().join(&file)).ok()?))
        })
        .collect();
    let printed_by = |text: &str| benches.iter().find(|(_, bench)| bench.contains(text));
    // The sampler names a row measured again with the cores busy as the table expects.
    assert!(
        printed_by(&format!("\"{{name}}{}\"", table::BUSY)).is_some(),
        "the sampler no longer names its busy rows `<name>{}`; change table::BUSY to match",
        table::BUSY
    );
    for name in table::READS {
        let (base, busy) = match name.strip_suffix(table::BUSY) {
            Some(base) => (base, true),
            None => (*name, false),
        };
        let Some((file, bench)) = printed_by(&format!("\"{base}\"")) else {
            panic!(
                "xtask/src/table.rs draws a conclusion from the row `{base}`, which no \
                 benches/costs.rs prints; rename it in table.rs to the benchmark's name"
            );
        };
        assert!(
            !busy || bench.contains("bench_cores_busy("),
            "xtask/src/table.rs reads `{name}`, but {file} measures nothing with the cores busy"
        );
    }
    for (table, series) in table::SERIES {
        let key = format!("scaling: {table}: {series}: ");
        assert!(
            printed_by(&key).is_some(),
            "xtask/src/table.rs shows the scaling series `{key}<x>`, which no benches/costs.rs prints"
        );
    }
}

/// Runs `xtask demo send-sync` on a terminal (a pseudo-terminal from `script`, in
/// util-linux) with `NO_COLOR` as given, and returns what the terminal showed.
#[cfg(target_os = "linux")]
fn on_a_terminal(no_color: Option<&str>) -> String {
    let xtask = assert_cmd::cargo::cargo_bin!("xtask").display().to_string();
    // `script` hands its command to the shell: quote the path.
    let command = format!("'{}' demo send-sync", xtask.replace('\'', r"'\''"));
    let mut script = assert_cmd::Command::new("script");
    script
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .timeout(TIMEOUT);
    match no_color {
        Some(value) => script.env("NO_COLOR", value),
        None => script.env_remove("NO_COLOR"),
    };
    stdout(&script.assert().success())
}

#[test]
#[cfg(target_os = "linux")]
fn headers_are_bold_on_a_terminal_unless_no_color_is_set() {
    let bold = "\x1b[1m▶ cargo run -p send-sync\x1b[0m";
    assert!(
        on_a_terminal(None).contains(bold),
        "no bold header on a terminal"
    );
    // https://no-color.org: set and not empty means no colour; empty means unset.
    assert!(
        on_a_terminal(Some("")).contains(bold),
        "NO_COLOR= (empty) turned bold off"
    );
    let plain = on_a_terminal(Some("1"));
    assert!(
        plain.contains("▶ cargo run -p send-sync") && !plain.contains("\x1b[1m"),
        "NO_COLOR=1 still shows bold headers:\n{plain}"
    );
}
