//! Dining philosophers, solved by lock ordering. Five philosophers sit at a round table
//! with a chopstick (a `Mutex`) between each two neighbours, and eat holding both of
//! theirs. "Left, then right" can deadlock: if all five pick up their left one at once,
//! each waits in a circle for a neighbour's. "Put it down and retry" trades that for
//! livelock: while they stay in step, they pick up, fail and put down, again and again.
//!
//! The fix: everyone picks up the lower-numbered of their two chopsticks first, so
//! nobody holds a higher one while waiting for a lower one, and no circle can form.
//! To give a deadlock every chance, before the first meal each of them reaches for
//! their first chopstick (`try_lock`: the one who finds it taken waits later), and no
//! one reaches for a second until all have tried, at a `Barrier`.
//!
//! What to notice: the philosophers finish in any order, but each ate every meal, and
//! each chopstick was used at every meal of both its neighbours.

use std::sync::{Barrier, Mutex};
use std::thread;

const PHILOSOPHERS: usize = 5;
const MEALS: usize = 3;

pub fn main() {
    // Each chopstick counts the meals eaten with it.
    let chopsticks: Vec<Mutex<usize>> = (0..PHILOSOPHERS).map(|_| Mutex::new(0)).collect();
    let all_tried = Barrier::new(PHILOSOPHERS);

    let eaten: Vec<usize> = thread::scope(|scope| {
        let philosophers: Vec<_> = (0..PHILOSOPHERS)
            .map(|p| {
                let (left, right) = (p, (p + 1) % PHILOSOPHERS);
                let (first, second) = (left.min(right), left.max(right));
                let (chopsticks, all_tried) = (&chopsticks, &all_tried);
                scope.spawn(move || {
                    let mut picked_up = chopsticks[first].try_lock().ok();
                    all_tried.wait();
                    let mut eaten = 0;
                    for _ in 0..MEALS {
                        let mut first_stick = picked_up
                            .take()
                            .unwrap_or_else(|| chopsticks[first].lock().unwrap());
                        let mut second_stick = chopsticks[second].lock().unwrap();
                        *first_stick += 1;
                        *second_stick += 1;
                        eaten += 1;
                    }
                    println!(
                        "philosopher {p}: ate {eaten} meals, chopstick {first} first, then {second}"
                    );
                    eaten
                })
            })
            .collect();
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
    assert_eq!(eaten, [MEALS; PHILOSOPHERS]);
    assert_eq!(uses, [2 * MEALS; PHILOSOPHERS]);
}
