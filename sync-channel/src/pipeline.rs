//! A pipeline with backpressure: three stages, each on its own thread, joined by
//! bounded channels. Stage 1 produces the numbers 1 to 10, stage 2 squares them,
//! stage 3 adds the squares up. Each channel holds only a few items, so a fast stage
//! cannot run ahead of a slow one and pile up work in memory: when the channel to
//! the next stage is full, its `send` waits. The slowest stage sets the pace of all.
//!
//! Shutdown needs no signal of its own: when stage 1 has sent its last number it
//! drops its `Sender`; stage 2's loop then ends once it has taken everything left in
//! the channel, and stage 2 drops its own `Sender`, which ends stage 3 the same way.
//! Main joins all three.
//!
//! What to notice: every number goes through every stage once, in order. A stage's
//! `sent` lines run ahead of the next stage's `got` lines by at most the channel's
//! capacity, plus one item the next stage has taken but not yet printed.

use std::sync::mpsc;
use std::thread;

/// How many numbers wait between stage 1 and stage 2, at most.
const NUMBERS_CAPACITY: usize = 2;

/// How many squares wait between stage 2 and stage 3, at most.
const SQUARES_CAPACITY: usize = 1;

/// Stage 1 produces the numbers `1..=ITEMS`.
const ITEMS: u64 = 10;

pub fn main() {
    let (numbers, numbers_in) = mpsc::sync_channel(NUMBERS_CAPACITY);
    let (squares, squares_in) = mpsc::sync_channel(SQUARES_CAPACITY);

    // Stage 1 owns the first Sender: when it returns, the pipeline starts to close.
    let produce = thread::spawn(move || {
        for n in 1..=ITEMS {
            // Waits while NUMBERS_CAPACITY numbers are waiting for stage 2. Fails only
            // if stage 2 is gone (it panicked, or stopped because stage 3 did): nobody
            // will take more, so stop.
            if numbers.send(n).is_err() {
                break;
            }
            println!("stage 1: sent {n}");
        }
        println!("stage 1: done");
        // Closing the first Sender: once stage 2 has drained the channel, its loop ends.
        drop(numbers);
    });

    // Stage 2 owns the second Sender, and drops it when its input closes.
    let square = thread::spawn(move || {
        // Ends once stage 1 has dropped its Sender and the channel is empty.
        for n in numbers_in {
            println!("stage 2: got {n}");
            // Waits while SQUARES_CAPACITY squares are waiting for stage 3. Fails only
            // if stage 3 is gone: stop, and stage 1's next send fails in turn.
            if squares.send(n * n).is_err() {
                break;
            }
            println!("stage 2: sent {}", n * n);
        }
        println!("stage 2: done");
        // Closing the second Sender ends stage 3's loop the same way.
        drop(squares);
    });

    // Stage 3 returns its result through `join`.
    let sum = thread::spawn(move || {
        let mut total = 0;
        // Ends once stage 2 has dropped its Sender and the channel is empty.
        for square in squares_in {
            println!("stage 3: got {square}");
            total += square;
        }
        println!("stage 3: done");
        total
    });

    // Each join returns once its stage has finished; stage 3's hands back the total.
    produce.join().expect("the stage 1 thread panicked");
    square.join().expect("the stage 2 thread panicked");
    let total = sum.join().expect("the stage 3 thread panicked");
    println!("Main: every stage joined; the squares of 1 to {ITEMS} add up to {total}");
    assert_eq!(total, ITEMS * (ITEMS + 1) * (2 * ITEMS + 1) / 6);
}
