// error: E0499
// One writer at a time: see `scoped-threads/src/one_writer.rs`. Two scoped threads may
// not both borrow `log` mutably, even inside one scope.
use std::thread;

fn main() {
    let mut log = vec!["started"];
    thread::scope(|scope| {
        scope.spawn(|| log.push("first writer"));
        scope.spawn(|| log.push("second writer"));
    });
}
