// error: E0499
// Each thread its own part of one slice: see `scoped-threads/src/disjoint_writers.rs`.
// The compiler does not compare index ranges: each `&mut squares[..]` borrows all of
// `squares` while its thread runs, so the second one is a second `&mut`.
use std::thread;

fn main() {
    let mut squares = [0; 10];
    thread::scope(|scope| {
        for start in [0, 5] {
            let part = &mut squares[start..start + 5];
            scope.spawn(move || part.fill(start));
        }
    });
}
