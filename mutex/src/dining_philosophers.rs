//! Dining philosophers, solved by lock ordering. Five philosophers sit at a round table
//! with a chopstick (a `Mutex`) between each two neighbours, and eat holding both of
//! theirs. "Left, then right" can deadlock: if all five pick up their left one at once,
//! each waits in a circle for a neighbour's. "Put it down and retry" trades that for
//! livelock: in step, they pick up, fail and put down for ever.
//!
//! The fix: everyone picks up the lower-numbered of their two chopsticks first, so
//! nobody holds a higher one while waiting for a lower one, and no circle can form.
//! To give a deadlock every chance, they sit down together at a `Barrier` (whose
//! `wait` names exactly one of them its leader) and pause between the two chopsticks.
//!
//! What to notice: the philosophers finish in any order, but each ate every meal, and
//! each chopstick was used at every meal of both its neighbours.

use std::sync::{Barrier, Mutex};
use std::thread;
use std::time::Duration;

const PHILOSOPHERS: usize = 5;
const MEALS: usize = 3;
const PAUSE: Duration = Duration::from_millis(1);

pub fn main() {
    // Each chopstick counts the meals eaten with it.
    let chopsticks: Vec<Mutex<usize>> = (0..PHILOSOPHERS).map(|_| Mutex::new(0)).collect();
    let sit_down = Barrier::new(PHILOSOPHERS);

    let ends: Vec<(usize, bool)> = thread::scope(|scope| {
        let philosophers: Vec<_> = (0..PHILOSOPHERS)
            .map(|p| {
                let (left, right) = (p, (p + 1) % PHILOSOPHERS);
                let (first, second) = (left.min(right), left.max(right));
                let (chopsticks, sit_down) = (&chopsticks, &sit_down);
                scope.spawn(move || {
                    let leader = sit_down.wait().is_leader();
                    let mut eaten = 0;
                    for _ in 0..MEALS {
                        let mut first = chopsticks[first].lock().unwrap();
                        // The moment when, in the naive order, every neighbour takes theirs.
                        thread::sleep(PAUSE);
                        let mut second = chopsticks[second].lock().unwrap();
                        *first += 1;
                        *second += 1;
                        eaten += 1;
                    }
                    println!(
                        "philosopher {p}: ate {eaten} meals, chopstick {first} first, then {second}"
                    );
                    (eaten, leader)
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
    let leaders = ends.iter().filter(|(_, leader)| *leader).count();
    println!("meals eaten with each chopstick: {uses:?}");
    println!("philosophers the barrier named its leader: {leaders}");
    assert_eq!(
        ends.iter().map(|(eaten, _)| *eaten).collect::<Vec<_>>(),
        [MEALS; PHILOSOPHERS]
    );
    assert_eq!(uses, [2 * MEALS; PHILOSOPHERS]);
    assert_eq!(leaders, 1);
}
