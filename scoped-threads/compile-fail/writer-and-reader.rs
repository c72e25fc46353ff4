// error: E0502
// Readers or one writer, never both: see `scoped-threads/src/many_readers.rs` and
// `scoped-threads/src/one_writer.rs`. While one scoped thread borrows `log` mutably,
// another may not borrow it at all.
use std::thread;

fn main() {
    let mut log = vec!["started"];
    thread::scope(|scope| {
        scope.spawn(|| log.push("the writer"));
        scope.spawn(|| println!("the reader sees {} entries", log.len()));
    });
}
