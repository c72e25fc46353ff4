//! Normal borrowing rules apply across scoped threads: shared borrows (`&T`) may be
//! handed to any number of threads at once. A `Barrier` proves they all hold their
//! borrow at the same moment: no reader passes it before every reader has arrived.
//!
//! What to notice: the readers' lines come in a different order from run to run,
//! but every `borrowing` line comes before the first `passed the barrier` line, and
//! main's line comes after all of them.

use std::sync::Barrier;
use std::thread;

/// How many threads read the numbers at once.
const THREADS: usize = 4;

pub fn main() {
    let numbers: Vec<u64> = (1..=100).collect();
    // Each reader waits here, holding its borrow, until all of them hold one: the
    // section could not finish if two shared borrows could not live at the same time.
    let all_reading = Barrier::new(THREADS);
    thread::scope(|scope| {
        for reader in 1..=THREADS {
            // Every thread gets the same `&numbers`: reading needs no lock.
            let (numbers, all_reading) = (&numbers, &all_reading);
            scope.spawn(move || {
                let sum: u64 = numbers.iter().sum();
                println!("Reader {reader}: borrowing the numbers, their sum is {sum}");
                // Wait here, still borrowing, until every reader has arrived.
                all_reading.wait();
                // Every reader has printed its line above by now, and still borrows.
                println!("Reader {reader}: passed the barrier, all {THREADS} readers borrowing");
            });
        }
    });
    println!(
        "Main thread: the readers are done; numbers still has {} items",
        numbers.len()
    );
}
