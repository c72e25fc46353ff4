//! Tests of `cargo xtask` (every path of its command line, the compile-fail check,
//! the bench report) and, in `checks/examples.rs`, the repository checks: every
//! example crate's command line, section files and copied blocks, and the README
//! and CHECKS.md that point at them.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use std::fs;
use std::path::PathBuf;
use std::time::Duration;

/// The xtask's own knowledge of the workspace: where it is, the crates in teaching
/// order, one `cargo build` of their binaries, `rustc`.
#[allow(dead_code)] // the tests use only part of it
#[path = "../src/workspace.rs"]
mod workspace;

#[path = "checks/examples.rs"]
mod examples;
use examples::examples;

#[path = "checks/exercises.rs"]
mod exercises;

/// Generous: the first task of a run may wait for cargo's build lock and build.
const TIMEOUT: Duration = Duration::from_secs(300);

/// The benchmark table's pure functions (`cargo xtask bench`), tested directly.
#[path = "../src/table.rs"]
mod table;

fn root() -> PathBuf {
    workspace::project_root()
}

fn xtask(args: &[&str]) -> assert_cmd::Command {
    let mut command = cargo_bin_cmd!("xtask");
    command.args(args).env_remove("NO_COLOR").timeout(TIMEOUT);
    command
}

/// The second binary, which `cargo xtask compile-fail` runs through cargo: the
/// tests run it directly.
fn tasks(args: &[&str]) -> assert_cmd::Command {
    let mut command = cargo_bin_cmd!("xtask-tasks");
    command.args(args).timeout(TIMEOUT);
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

/// The names in the root Cargo.toml's list that starts `key = [`.
fn manifest_list(key: &str) -> Vec<String> {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).expect("the root manifest");
    let list = manifest
        .lines()
        .skip_while(|line| *line != format!("{key} = ["))
        .skip(1)
        .take_while(|line| *line != "]");
    list.map(|line| {
        line.trim()
            .trim_end_matches(',')
            .trim_matches('"')
            .to_owned()
    })
    .collect()
}

#[test]
fn the_default_members_are_every_member_but_the_site() {
    let mut members = manifest_list("members");
    members.retain(|member| member != "site");
    assert!(members.len() > 2, "no members found");
    assert_eq!(
        manifest_list("default-members"),
        members,
        "Cargo.toml: `default-members` must list every member but `site`, in order, so \
         that a plain `cargo test` tests each and builds none of the site's dependencies"
    );
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
        &["site", "--bogus"],
        &["site", "--open", "--open"],
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
#[cfg(unix)]
fn every_task_ends_quietly_on_a_closed_stdout() {
    let xtask = assert_cmd::cargo::cargo_bin!("xtask");
    let tasks = assert_cmd::cargo::cargo_bin!("xtask-tasks");
    for (binary, task) in [
        (xtask, "list"),
        (xtask, "demo threads"),
        (tasks, "compile-fail"),
        // `--check`: a test never writes to the repository.
        (tasks, "copies --check"),
    ] {
        // Its stdout is a socket whose other end is already closed: the first write fails.
        let (closed, stdout) = std::os::unix::net::UnixStream::pair().expect("a socket pair");
        drop(closed);
        let mut child = std::process::Command::new(binary)
            .args(task.split(' '))
            .env("RUST_BACKTRACE", "1")
            .stdout(std::os::fd::OwnedFd::from(stdout))
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the xtask starts");
        // Its stderr ends when it does: a thread reads it to the end, and the test
        // waits for that, no longer than TIMEOUT.
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let (done, ended) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
            let _ = done.send(text);
        });
        let Ok(stderr) = ended.recv_timeout(TIMEOUT) else {
            let _ = child.kill();
            panic!("`{task}` did not end on a closed stdout");
        };
        let status = child.wait().expect("it can be waited for");
        assert!(
            status.success() && !stderr.contains("panicked") && !stderr.contains("error"),
            "`{task}` on a closed stdout: {status}\n{stderr}"
        );
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

#[test]
fn demo_shows_each_sections_stderr_as_a_block_of_its_own_after_its_stdout() {
    let run = xtask(&["demo", "threads"]).assert().success();
    let out = stdout(&run);
    // The demo's own stderr carries no section's output: a reader who drops it
    // (`2>/dev/null`) still sees every block.
    let stderr = String::from_utf8_lossy(&run.get_output().stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let marker = "--- stderr of threads panic-stays-in-its-thread ---";
    let (before, block) = out
        .split_once(&format!("\n{marker}\n"))
        .unwrap_or_else(|| panic!("no line `{marker}`:\n{out}"));
    // The section's stdout stands before its block, with no stderr line among it.
    let section = before
        .rsplit_once("\n=== panic-stays-in-its-thread: ")
        .map(|(_, section)| section)
        .unwrap_or_else(|| panic!("no header of panic-stays-in-its-thread:\n{out}"));
    assert!(!section.contains("panicked at"), "{out}");
    // The block: its lines each marked, up to the next section's header.
    let block: Vec<&str> = block
        .lines()
        .take_while(|l| !l.starts_with("=== "))
        .collect();
    assert!(block.iter().all(|line| line.starts_with('|')), "{out}");
    // Rust's empty line before a panic message does not open the block.
    assert_ne!(
        block.first().map(|line| line.trim_end()),
        Some("|"),
        "{out}"
    );
    let panics = block
        .iter()
        .filter(|line| line.contains("panicked at"))
        .count();
    assert_eq!(panics, 2, "{out}");
    // And no stderr line outside a block.
    let unmarked = out
        .lines()
        .filter(|line| line.contains("panicked at") && !line.starts_with("| "));
    assert_eq!(unmarked.count(), 0, "{out}");
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

/// The `rustc` the compile-fail check runs, with the tests' time limit.
fn rustc() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::from(workspace::rustc());
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
fn a_built_binarys_path_is_read_with_its_json_escapes_undone() {
    // On Windows cargo reports `C:\\Users\\...`: each backslash escaped in JSON.
    let windows = r#"{"reason":"compiler-artifact","executable":"C:\\Users\\a \"b\"\\target\\debug\\threads.exe","fresh":true}"#;
    assert_eq!(
        workspace::built_binary(windows),
        Some((
            "threads".to_owned(),
            PathBuf::from(r#"C:\Users\a "b"\target\debug\threads.exe"#)
        ))
    );
    let unix = r#"{"executable":"/home/a/target/debug/sync-channel","fresh":false}"#;
    assert_eq!(
        workspace::built_binary(unix),
        Some((
            "sync-channel".to_owned(),
            PathBuf::from("/home/a/target/debug/sync-channel")
        ))
    );
    // A library, or the build of a test, has `"executable":null`.
    assert_eq!(workspace::built_binary(r#"{"executable":null}"#), None);
}

fn lines(text: &str) -> Vec<table::Line> {
    text.lines().filter_map(table::parse).collect()
}

fn rows(text: &str) -> Vec<table::Row> {
    let rows = lines(text).into_iter().filter_map(|line| match line {
        table::Line::Row(row) => Some(row),
        table::Line::Compare(..) => None,
    });
    rows.collect()
}

/// A bench's lines as `common/sampler.rs` prints them.
const A_RUN: &str = "\
send + recv                                          100.0 ns        90.0 ns       130.0 ns
round trip                                          8000.0 ns      7000.0 ns     20000.0 ns
round trip, other cores busy                        2000.0 ns      1900.0 ns      2500.0 ns
scaling: counter: Mutex: 1                            20.0 ns        19.0 ns        22.0 ns
scaling: counter: atomic: 1                            5.0 ns         4.0 ns         6.0 ns
scaling: counter: Mutex: 2                            60.0 ns        50.0 ns        70.0 ns
scaling: counter: atomic: 2                           10.0 ns         9.0 ns        12.0 ns
compare  round trip  send + recv
compare  send + recv  round trip, other cores busy
compare  round trip  no such row
costs of a crate (a line that is no row)
";

#[test]
fn the_cost_table_shows_every_plain_row_against_the_cheapest() {
    let table = table::cost_table(&rows(A_RUN));
    let got: Vec<Vec<String>> = table.lines().map(words).collect();
    assert_eq!(
        got,
        [
            [
                "operation",
                "median",
                "fastest tenth",
                "slowest tenth",
                "× cheapest"
            ],
            ["send + recv", "100 ns", "90.0 ns", "130 ns", "1.0"],
            ["round trip", "8.00 µs", "7.00 µs", "20.0 µs", "80"],
        ],
        "{table}"
    );
}

#[test]
fn the_regimes_set_each_wake_up_beside_the_same_with_the_cores_busy() {
    let regimes = table::regimes(&rows(A_RUN));
    let got: Vec<Vec<String>> = regimes.lines().skip(1).map(words).collect();
    assert_eq!(
        got,
        [["round trip", "8.00 µs", "2.00 µs", "4.0"]],
        "{regimes}"
    );
}

#[test]
fn a_scaling_table_has_a_line_per_x_and_a_column_per_series() {
    let scaling = table::scaling_tables(&rows(A_RUN));
    let got: Vec<Vec<String>> = scaling.lines().map(words).collect();
    assert_eq!(
        got[..3],
        [
            vec!["counter", "Mutex", "atomic"],
            vec!["1", "20.0 ns (1.0×)", "5.0 ns (1.0×)"],
            vec!["2", "60.0 ns (3.0×)", "10.0 ns (2.0×)"],
        ],
        "{scaling}"
    );
}

#[test]
fn a_conclusion_is_computed_from_the_run_and_left_out_without_its_rows() {
    assert_eq!(
        table::conclusions(&lines(A_RUN)),
        [
            "round trip (8.00 µs) costs 80× send + recv (100 ns).",
            "round trip, other cores busy (2.00 µs) costs 20× send + recv (100 ns) in this run.",
        ]
    );
}

#[test]
fn times_are_shown_in_their_unit_with_three_significant_digits() {
    let shown: Vec<String> = [0.54, 28.71, 598.2, 999.7, 6_650.0, 9_999.6, 1_250_000.0]
        .into_iter()
        .map(table::duration)
        .collect();
    assert_eq!(
        shown,
        [
            "0.5 ns", "28.7 ns", "598 ns", "1.00 µs", "6.65 µs", "10.0 µs", "1.25 ms"
        ]
    );
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
