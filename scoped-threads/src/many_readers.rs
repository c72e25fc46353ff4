//! Shared borrows (`&T`) may go to any number of scoped threads at once, and reading
//! needs no lock. A `Barrier` proves that the readers all hold their borrow at the
//! same moment: its `wait` returns to none of them before every one has arrived.
//!
//! What to notice: the readers' lines come in a different order from run to run,
//! but every `borrowing` line comes before the first `passed the barrier` line, and
//! main's line comes after all of them.

use std::sync::Barrier;
use std::thread;

const THREADS: usize = 4;

pub fn main() {
    let numbers: Vec<u64> = (1..=100).collect();
    let all_reading = Barrier::new(THREADS);
    let sums: Vec<u64> = thread::scope(|scope| {
        let readers: Vec<_> = (1..=THREADS)
            .map(|reader| {
                // `move` for `reader`, a new value each turn; the data stays borrowed.
                let (numbers, all_reading) = (&numbers, &all_reading);
                scope.spawn(move || {
                    let sum: u64 = numbers.iter().sum();
                    println!("Reader {reader}: borrowing the numbers, their sum is {sum}");
                    all_reading.wait();
                    println!(
                        "Reader {reader}: passed the barrier, all {THREADS} readers borrowing"
                    );
                    sum
                })
            })
            .collect();
        readers
            .into_iter()
            .map(|reader| reader.join().expect("a reader panicked"))
            .collect()
    });
    println!(
        "Main thread: the {} readers are done; numbers still has {} items",
        sums.len(),
        numbers.len()
    );
    // Every reader got past the barrier, so all THREADS held their borrow at once.
    assert_eq!(sums, [5_050; THREADS]);
}
