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
#[allow(dead_code)] // print_table is the bench task's, not the tests'
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
    let assert = xtask(args).assert().success();
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
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
    let crates: Vec<&str> = examples().iter().map(|e| e.name.as_str()).collect();
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
    let headers: Vec<&str> = out
        .lines()
        .filter_map(|line| line.strip_prefix("▶ cargo run -p "))
        .collect();
    assert_eq!(headers, ["threads", "mutex"], "{out}");
}

#[test]
fn demo_runs_every_crate_in_teaching_order_and_ends_with_a_summary() {
    let crates: Vec<&str> = examples().iter().map(|e| e.name.as_str()).collect();
    let out = stdout_of(&["demo"]);
    // stdout is a pipe here: no escape codes.
    assert!(
        !out.contains('\x1b'),
        "escape codes in piped output:\n{out}"
    );
    let headers: Vec<&str> = out
        .lines()
        .filter_map(|line| line.strip_prefix("▶ cargo run -p "))
        .collect();
    assert_eq!(headers, crates, "{out}");
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
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
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
    let dir = std::env::temp_dir().join(format!("xtask-test-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("a temp dir");
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
    let dir = std::env::temp_dir().join(format!("xtask-warning-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("a temp dir");
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
                tests.contains(&format!("fn {check}()"))
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
    let row = table::parse("Arc::clone + drop, one thread       12.5 ns        11.0 ns   14.25 ns")
        .expect("a row");
    assert_eq!(row.operation, "Arc::clone + drop, one thread");
    assert_eq!((row.median, row.min, row.max), (12.5, 11.0, 14.25));
    assert!(table::parse("costs of arc (cargo bench -p arc)").is_none());
    assert!(table::parse("operation  ns/op  spread (ns/op)  × cheapest").is_none());
}

#[test]
fn numbers_have_one_decimal_below_100_and_none_above() {
    assert_eq!(table::round(61234.7), "61235");
    assert_eq!(table::round(12.345), "12.3");
    assert_eq!(table::round(1.26), "1.3");
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
    let assert = script.assert().success();
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
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
