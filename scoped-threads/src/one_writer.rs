//! A mutable borrow (`&mut T`) goes to one scoped thread only, and while it lives no
//! other thread, main included, may read or write the data. Two writers fail with
//! E0499 (`compile-fail/two-writers.rs`), a writer and a reader with E0502
//! (`compile-fail/writer-and-reader.rs`).
//!
//! What to notice: main sees the writer's change once the scope has returned.

use std::thread;

pub fn main() {
    let mut log = vec!["started"];
    thread::scope(|scope| {
        scope.spawn(|| {
            log.push("written by the one writer");
            println!("Writer: log has {} entries", log.len());
        });
    });
    println!("Main thread: log is {log:?}");
    assert_eq!(log, ["started", "written by the one writer"]);
}
