//! Every section that `sections.txt` names, explored under controlled schedules.
//!
//! A failing schedule fails its section's test with the scheduler and seed that
//! found it, the panic or the deadlock (with what each thread waits on), and the
//! command that runs that one schedule again with its output shown.

use std::env;
use std::process::Command;

pub use checks::shim;

include!(concat!(env!("OUT_DIR"), "/sections.rs"));

/// Set to a failing schedule, the test replays that schedule alone.
const REPLAY: &str = "CHECKS_REPLAY";

fn explored(krate: &str, section: &str, main: fn(), schedules: usize) {
    if let Ok(schedule) = env::var(REPLAY) {
        return checks::replay(main, &schedule);
    }
    let Err(failure) = checks::explore(main, schedules) else {
        return;
    };
    let test = format!("{}_{}", krate, section).replace('-', "_");
    let mut said = format!(
        "{krate} {section} failed under a {} schedule: {}\n",
        failure.scheduler,
        failure.plain()
    );
    if let Some(schedule) = &failure.schedule {
        if failure.is_deadlock() {
            said += "every thread waits for ever:\n";
            for line in checks::blocked_on(&replayed(&test, schedule)) {
                said += &format!("  {line}\n");
            }
        }
        said += &format!(
            "that schedule again, with its output: {REPLAY}='{schedule}' \
             cargo test -p checks --test schedules -- --exact {test} --nocapture"
        );
    }
    panic!("{said}");
}

/// The deadlock message of the schedule run again in a child process, where shuttle
/// captures each blocked thread's backtrace (it reads that setting once a process).
fn replayed(test: &str, schedule: &str) -> String {
    let out = Command::new(env::current_exe().expect("the test binary has a path"))
        .args(["--exact", test, "--nocapture", "--test-threads", "1"])
        .env(REPLAY, schedule)
        .env("SHUTTLE_CAPTURE_BACKTRACE", "1")
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("the test binary runs again");
    let text = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
    let from = text
        .find("deadlock! blocked tasks: [")
        .unwrap_or(text.len());
    text[from..].to_owned()
}
