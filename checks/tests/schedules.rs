//! Every section that `sections.txt` names, explored under controlled schedules.
//!
//! Each test explores its section in a child process (this binary run again) with
//! its output thrown away, since a thousand schedules print a thousand transcripts.
//! A failing schedule fails the test with the scheduler and seed that found it, the
//! panic or the deadlock (with what each thread waits on, recorded as that one
//! schedule runs again), the output of that schedule, and the command that runs it
//! again.

use std::env;
use std::panic::{self, AssertUnwindSafe};
use std::process::{Command, Output, Stdio};

pub use checks::shim;

include!(concat!(env!("OUT_DIR"), "/sections.rs"));

/// Set to a failing schedule, the test runs that schedule alone, output shown.
const REPLAY: &str = "CHECKS_REPLAY";
/// Set in the child process that explores.
const EXPLORE: &str = "CHECKS_EXPLORE";
/// Lines the child writes to stderr about a failure, and that frame an output.
const MARK: &str = "@@checks";

fn explored(krate: &str, section: &str, main: fn(), schedules: usize) {
    let test = format!("{krate}_{section}").replace('-', "_");
    if let Ok(schedule) = env::var(REPLAY) {
        println!("{MARK} output");
        let replayed = panic::catch_unwind(AssertUnwindSafe(|| checks::replay(main, &schedule)));
        println!("{MARK} end");
        if let Err(payload) = replayed {
            let waits = checks::blocked_on(&checks::message(payload.as_ref()));
            println!("{MARK} waits\n{}\n{MARK} end", waits.join("\n"));
            panic::resume_unwind(payload);
        }
        return;
    }
    if env::var_os(EXPLORE).is_some() {
        if let Err(failure) = checks::explore(main, schedules) {
            eprintln!("{MARK} scheduler {}", failure.scheduler);
            eprintln!("{MARK} deadlock {}", failure.is_deadlock());
            eprintln!(
                "{MARK} schedule {}",
                failure.schedule.as_deref().unwrap_or_default()
            );
            eprintln!("{MARK} message\n{}\n{MARK} end", failure.plain());
            std::process::exit(1);
        }
        return;
    }
    let explored = child(&test, &[(EXPLORE, "1")], Stdio::null());
    if explored.status.success() {
        return;
    }
    let said = String::from_utf8_lossy(&explored.stderr);
    let field = |name: &str| {
        let prefix = format!("{MARK} {name} ");
        said.lines()
            .find_map(|line| line.strip_prefix(&prefix))
            .unwrap_or_default()
            .to_owned()
    };
    let (scheduler, schedule) = (field("scheduler"), field("schedule"));
    if scheduler.is_empty() {
        panic!("{krate} {section}: the exploring process failed:\n{said}");
    }
    let message = between(&said, "message");
    let mut report = format!("{krate} {section} failed under a {scheduler} schedule: {message}\n");
    // The schedule again, alone: its output, and for a deadlock each thread's backtrace.
    let again = child(&test, &[(REPLAY, schedule.as_str())], Stdio::piped());
    let stdout = String::from_utf8_lossy(&again.stdout);
    let waits = between(&stdout, "waits");
    if field("deadlock") == "true" && !waits.is_empty() {
        report += "what each thread waits on:\n";
        waits
            .lines()
            .for_each(|line| report += &format!("  {line}\n"));
    }
    report += &format!(
        "the output of that schedule:\n{}\nthat schedule again: {REPLAY}='{schedule}' \
         cargo test -p checks --test schedules -- --exact {test} --nocapture",
        between(&stdout, "output")
    );
    panic!("{report}");
}

/// This test binary run again on one test, with `env` set.
fn child(test: &str, env: &[(&str, &str)], stdout: Stdio) -> Output {
    Command::new(env::current_exe().expect("the test binary has a path"))
        .args(["--exact", test, "--nocapture", "--test-threads", "1"])
        .envs(env.iter().copied())
        .env("RUST_BACKTRACE", "0")
        .stdout(stdout)
        .output()
        .expect("the test binary runs again")
}

/// The lines between `@@checks <name>` (which may end libtest's `test <name> ... `
/// line) and `@@checks end`.
fn between(text: &str, name: &str) -> String {
    let start = format!("{MARK} {name}");
    let end = format!("{MARK} end");
    text.lines()
        .skip_while(|line| !line.ends_with(&start))
        .skip(1)
        .take_while(|line| *line != end)
        .collect::<Vec<_>>()
        .join("\n")
}
