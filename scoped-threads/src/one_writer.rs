//! Normal borrowing rules apply across scoped threads: a mutable borrow (`&mut T`)
//! goes to one thread only, and while it lives no other thread (main included) may
//! read or write the data. Two writers fail with E0499
//! (`compile-fail/two-writers.rs`), a writer and a reader with E0502
//! (`compile-fail/writer-and-reader.rs`).
//!
//! What to notice: main sees the writer's change once the scope has returned.

use std::thread;

pub fn main() {
    let mut log = vec!["started"];
    thread::scope(|scope| {
        // The writer holds `&mut log` until it finishes. Spawning a second writer
        // (E0499) or a reader (E0502) here would not compile.
        scope.spawn(|| {
            log.push("written by the one writer");
            println!("Writer: log has {} entries", log.len());
        });
    });
    // The scope joined the writer, so its mutable borrow is over and main sees the change.
    println!("Main thread: log is {log:?}");
    assert_eq!(log, ["started", "written by the one writer"]);
}
