//! A pipeline with backpressure: three stages on their own threads, joined by
//! bounded channels. Stage 1 produces 1 to 10, stage 2 squares them, stage 3 adds the
//! squares up. When the channel to the next stage is full, `send` waits: the slowest
//! stage sets the pace, and no work piles up in memory. Shutdown needs no signal of
//! its own: each stage's loop ends once the stage before has dropped its `Sender`.
//!
//! What to notice: every number passes every stage once, in order, and the stages say
//! `done` in turn. A stage's `sent` lines run ahead of the next stage's `got` lines by
//! at most the channel's capacity, plus the one item taken but not yet printed; and a
//! `got` line may come before its `sent` line, as main's first line says.

use std::sync::mpsc;
use std::thread;

const NUMBERS_CAPACITY: usize = 2;
const SQUARES_CAPACITY: usize = 1;
const ITEMS: u64 = 10;

pub fn main() {
    let (numbers, numbers_in) = mpsc::sync_channel(NUMBERS_CAPACITY);
    let (squares, squares_in) = mpsc::sync_channel(SQUARES_CAPACITY);
    println!(
        "Main: stage 1 sends to stage 2 through a channel of capacity {NUMBERS_CAPACITY}, \
         stage 2 to stage 3 through one of capacity {SQUARES_CAPACITY}; a stage prints \
         `sent` once its send has returned, so the next stage's `got` may come first"
    );

    let produce = thread::spawn(move || {
        for n in 1..=ITEMS {
            // Fails only if the next stage is gone (it panicked): nobody will take more.
            if numbers.send(n).is_err() {
                break;
            }
            println!("stage 1: sent {n}");
        }
        println!("stage 1: done");
        // Closes the channel: stage 2's loop ends once it has taken what is left.
        drop(numbers);
    });
    let square = thread::spawn(move || {
        for n in numbers_in {
            println!("stage 2: got {n}");
            if squares.send(n * n).is_err() {
                break;
            }
            println!("stage 2: sent {}", n * n);
        }
        println!("stage 2: done");
        drop(squares);
    });
    let sum = thread::spawn(move || {
        let mut total = 0;
        for square in squares_in {
            println!("stage 3: got {square}");
            total += square;
        }
        println!("stage 3: done");
        total
    });

    produce.join().expect("the stage 1 thread panicked");
    square.join().expect("the stage 2 thread panicked");
    let total = sum.join().expect("the stage 3 thread panicked");
    println!("Main: every stage joined; the squares of 1 to {ITEMS} add up to {total}");
    assert_eq!(total, ITEMS * (ITEMS + 1) * (2 * ITEMS + 1) / 6);
}
