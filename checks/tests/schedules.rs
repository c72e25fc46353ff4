//! Every section that `sections.txt` names, explored under controlled schedules.

pub use checks::shim;

include!(concat!(env!("OUT_DIR"), "/sections.rs"));

/// Explores the section; a failing schedule fails the test with its scheduler, its
/// message and how to replay it.
fn explored(krate: &str, section: &str, main: fn(), schedules: usize) {
    if let Err(failure) = checks::explore(main, schedules) {
        panic!(
            "{krate} {section} failed under a {} schedule:\n{}\n{}",
            failure.scheduler,
            failure.message,
            failure
                .schedule
                .map(|s| format!("replay it with checks::replay(main, {s:?})"))
                .unwrap_or_default()
        );
    }
}
