//! The helpers every example crate's tests use: one file, included by each
//! `tests/<crate>.rs` with `#[path = "../../common/tests.rs"] mod common;`.
//! `cargo_bin_cmd!()` runs the binary of the crate that includes it.

#![allow(dead_code)] // each crate's tests use the parts they need

use assert_cmd::cargo::cargo_bin_cmd;
use std::time::Duration;

#[path = "guarantees.rs"]
pub mod guarantees;
pub use guarantees::Guarantees;

/// Far more than any section needs: a deadlock fails the test instead of hanging it.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// How many times a racy section runs per test: 5, a smoke run; a soak is
/// `EXAMPLE_RUNS=200 cargo test`.
pub fn runs() -> usize {
    std::env::var("EXAMPLE_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5)
}

/// One run of this crate's binary that succeeded within `TIMEOUT`.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str]) -> Run {
    run_within(args, TIMEOUT)
}

/// `run` with another limit than `TIMEOUT`: a section whose lesson is how soon it ends.
/// The run's output is printed once, so libtest shows it under a failing test and no
/// assertion needs to repeat it.
pub fn run_within(args: &[&str], timeout: Duration) -> Run {
    let assert = cargo_bin_cmd!().args(args).timeout(timeout).assert();
    let output = assert.get_output();
    let run = Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    println!("---- {} {} ----", env!("CARGO_PKG_NAME"), args.join(" "));
    println!("{}---- stderr ----\n{}", run.stdout, run.stderr);
    assert.success();
    run
}

/// A section's lines after its header, and its stderr.
pub struct Section {
    pub lines: Vec<String>,
    pub stderr: String,
}

/// Runs one section within `timeout` and checks that its first line is its header.
pub fn section_within(name: &str, timeout: Duration) -> Section {
    let Run { stdout, stderr } = run_within(&[name], timeout);
    let mut blocks = blocks(&stdout);
    assert!(
        blocks.len() == 1 && blocks[0].0 == name,
        "the output should be the header of `{name}`, then its lines"
    );
    let (_, lines) = blocks.remove(0);
    Section { lines, stderr }
}

/// What a section's lines must show beyond its `guarantees.txt`; it panics on failure.
pub type Check = fn(&[String]);

/// The sections whose lines a test checks beyond the data, each with that check.
pub type Checks = [(&'static str, Check)];

/// This crate's `guarantees.txt`: its sections in `--list` order, each with the lines it
/// prints and the orderings every run keeps.
pub fn guarantees() -> Vec<Guarantees> {
    let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/guarantees.txt"));
    guarantees::load(text, concat!(env!("CARGO_PKG_NAME"), "/guarantees.txt"))
}

/// Checks one run of section `name`: its guarantees, then its check in `checks` if any.
pub fn check_lines(checks: &Checks, name: &str, lines: &[String]) {
    let all = guarantees();
    let data = all
        .iter()
        .find(|g| g.section == name)
        .unwrap_or_else(|| panic!("no [{name}] in guarantees.txt"));
    let problems = data.check(lines).problems;
    assert!(
        problems.is_empty(),
        "the run breaks [{name}] of guarantees.txt:\n{}",
        problems.join("\n")
    );
    if let Some((_, extra)) = checks.iter().find(|(listed, _)| *listed == name) {
        extra(lines);
    }
}

/// Runs section `name` once and checks its lines; returns the run for what a test checks
/// beyond the lines (its stderr).
pub fn check(checks: &Checks, name: &str) -> Section {
    check_within(checks, name, TIMEOUT)
}

/// `check` with another limit than `TIMEOUT`.
pub fn check_within(checks: &Checks, name: &str, timeout: Duration) -> Section {
    let section = section_within(name, timeout);
    check_lines(checks, name, &section.lines);
    section
}

/// `check` `runs()` times: a racy section, each run checked on its own.
pub fn check_runs(checks: &Checks, name: &str) {
    for _ in 0..runs() {
        check(checks, name);
    }
}

/// Checks that `lines` are `first`, then `middle` in any order, each once, then `last`.
pub fn in_any_order_between(lines: &[String], first: &[&str], middle: &[String], last: &[&str]) {
    let ends = first.len() + last.len();
    assert!(lines.len() >= ends, "too few lines");
    let (head, rest) = lines.split_at(first.len());
    let (body, tail) = rest.split_at(rest.len() - last.len());
    assert!(head == first && tail == last, "wrong first or last lines");
    let (mut body, mut middle) = (body.to_vec(), middle.to_vec());
    body.sort();
    middle.sort();
    assert_eq!(body, middle, "not each line once");
}

/// The output cut at its header lines `=== <name>: <claim> ===`: each section's name
/// and the lines that stand between its header and the next.
pub fn blocks(stdout: &str) -> Vec<(String, Vec<String>)> {
    let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
    for line in stdout.lines() {
        let header = line
            .strip_prefix("=== ")
            .filter(|_| line.ends_with(" ==="))
            .and_then(|rest| rest.split_once(": "));
        match (header, blocks.last_mut()) {
            (Some((name, _)), _) => blocks.push((name.to_owned(), Vec::new())),
            (None, Some((_, lines))) => lines.push(line.to_owned()),
            (None, None) => panic!("a line before the first header:\n{stdout}"),
        }
    }
    blocks
}

/// Runs every section at once, and checks that each one's lines stand in its own block,
/// in `--list` order, and pass its section's check: a thread that printed after the
/// next section's header would fail it.
pub fn each_section_ends_before_the_next(checks: &Checks) {
    let listed: Vec<String> = run(&["--list"])
        .stdout
        .lines()
        .filter_map(|line| Some(line.split_once("  ")?.0.to_owned()))
        .collect();
    let data: Vec<String> = guarantees().into_iter().map(|g| g.section).collect();
    assert_eq!(
        data, listed,
        "guarantees.txt needs every section, in --list order"
    );
    for (name, _) in checks {
        assert!(
            listed.iter().any(|l| l == name),
            "a check for no section: {name}"
        );
    }
    let stdout = run(&[]).stdout;
    let blocks = blocks(&stdout);
    let names: Vec<&str> = blocks.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, listed, "one header per section, in order");
    for (name, lines) in &blocks {
        check_lines(checks, name, lines);
    }
}

/// `$RUSTC` if it is set, else `rustc`, for the tests that build a file themselves;
/// bounded by `TIMEOUT` like every run here.
pub fn rustc() -> assert_cmd::Command {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let mut command = assert_cmd::Command::new(rustc);
    command.timeout(TIMEOUT);
    command
}

/// The position of the one line equal to `wanted`, with the lines on failure.
pub fn position(lines: &[String], wanted: &str) -> usize {
    let found: Vec<usize> = (0..lines.len()).filter(|&i| lines[i] == wanted).collect();
    assert_eq!(found.len(), 1, "expected `{wanted}` exactly once");
    found[0]
}
