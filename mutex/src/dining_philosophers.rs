//! Dining philosophers, solved by lock ordering. Five philosophers sit at a round
//! table with five chopsticks, one between each two neighbours; each `Mutex` is a
//! chopstick, and a philosopher eats only holding both of theirs.
//!
//! The naive order, "my left chopstick, then my right", can deadlock: if all five pick
//! up their left chopstick at once, each waits for the right one, which a neighbour
//! holds and keeps. Five threads waiting in a circle, as the two threads of
//! `deadlock.rs` do. "Try the right one, and if it is taken put the left one down, wait
//! and retry" trades that for livelock: five philosophers who do it in step pick up,
//! fail, put down and retry for ever, busy yet never eating.
//!
//! The fix: number the chopsticks, and let everyone pick up the lower-numbered of
//! their two first. Philosopher 4 (chopsticks 4 and 0) now reaches for 0 first, like
//! philosopher 0. A circle of waiting would need someone to hold a higher-numbered
//! chopstick while waiting for a lower one, and nobody ever does, so no circle can
//! form, whatever the timing.
//!
//! To give a deadlock every chance, the philosophers sit down together (a `Barrier`)
//! and each pauses a moment between the first chopstick and the second: with the naive
//! order, all five would then very likely hold their left one and wait for ever.
//!
//! What to notice: the philosophers finish in any order, but every one ate the planned
//! number of meals, and each chopstick was used at every meal of both its neighbours.

use std::sync::{Barrier, Mutex};
use std::thread;
use std::time::Duration;

/// Philosophers at the table, and chopsticks between them.
const PHILOSOPHERS: usize = 5;

/// How many meals each philosopher eats.
const MEALS: usize = 3;

/// How long a philosopher holds the first chopstick before reaching for the second.
const PAUSE: Duration = Duration::from_millis(1);

pub fn main() {
    // Each chopstick counts the meals eaten with it.
    let chopsticks: Vec<Mutex<usize>> = (0..PHILOSOPHERS).map(|_| Mutex::new(0)).collect();
    let sit_down = Barrier::new(PHILOSOPHERS);

    let meals: Vec<usize> = thread::scope(|scope| {
        let philosophers: Vec<_> = (0..PHILOSOPHERS)
            .map(|p| {
                let (left, right) = (p, (p + 1) % PHILOSOPHERS);
                // The lower-numbered chopstick first, for everyone.
                let (first, second) = (left.min(right), left.max(right));
                let (chopsticks, sit_down) = (&chopsticks, &sit_down);
                // Scoped threads may borrow the chopsticks and the barrier.
                scope.spawn(move || {
                    // Start together, so that all reach for a chopstick at once.
                    sit_down.wait();
                    let mut eaten = 0;
                    for _ in 0..MEALS {
                        let mut first = chopsticks[first].lock().unwrap();
                        // Holding one chopstick, pause: the moment when, with the
                        // naive order, every neighbour takes theirs.
                        thread::sleep(PAUSE);
                        let mut second = chopsticks[second].lock().unwrap();
                        *first += 1;
                        *second += 1;
                        eaten += 1;
                    } // Each meal's two guards drop at the end of its round: chopsticks down.
                    println!(
                        "philosopher {p}: ate {eaten} meals, chopstick {first} first, then {second}"
                    );
                    eaten
                })
            })
            .collect();
        // Each philosopher ends after the last meal: join them all.
        philosophers
            .into_iter()
            .map(|p| p.join().expect("a philosopher thread panicked"))
            .collect()
    });

    let uses: Vec<usize> = chopsticks
        .into_iter()
        .map(|chopstick| chopstick.into_inner().unwrap())
        .collect();
    println!("meals eaten with each chopstick: {uses:?}");
    assert_eq!(meals, [MEALS; PHILOSOPHERS]);
    assert_eq!(uses, [2 * MEALS; PHILOSOPHERS]);
}
