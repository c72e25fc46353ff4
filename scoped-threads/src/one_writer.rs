//! A mutable borrow (`&mut T`) goes to one scoped thread only, and while it lives no
//! other thread, main included, may read or write the data: a second writer fails
//! with E0499 (`compile-fail/two-writers.rs`), a reader with E0502
//! (`compile-fail/writer-and-reader.rs`). So the writer needs no lock.
//!
//! What to notice: main runs beside the writer but does not touch `log` until the
//! scope has ended; then it sees the writer's change.

use std::thread;

pub fn main() {
    let mut log = vec!["started"];
    thread::scope(|scope| {
        // The one `&mut`: until the writer ends, `log` is the writer's alone.
        let writer = &mut log;
        scope.spawn(move || {
            writer.push("written by the one writer");
            println!("Writer: holds the only borrow of log, pushed with no lock");
        });
        println!("Main thread: log is lent to the writer; reading it here is E0502");
    });
    println!("Main thread: the scope has ended, and the loan with it: log is {log:?}");
    assert_eq!(log, ["started", "written by the one writer"]);
}
