//! `notify_all` wakes every waiter, but one item can go to one waiter only: the others
//! wake to an empty queue and must wait again. So check the condition again after
//! every wake-up, in a loop (`while`, or `wait_while`, which is that loop). (`wait` may
//! also return with no notify at all, a spurious wake-up: std allows it, and the loop
//! covers that too.)
//!
//! Here the producer puts an item in only once every waiter still without one has found
//! the queue empty and waits: item 1's `notify_all` reaches both waiters (one woken by a
//! spurious wake-up is already awake, and looks again all the same), and only one of
//! them can take it.
//!
//! What to notice: each item is taken after it is put in; the waiter woken for item 1
//! but too late says it found the queue empty, and takes item 2 at its second wake-up.
//! Which waiter takes which item varies from run to run.

use std::sync::{Condvar, Mutex};
use std::thread;

const WAITERS: usize = 2;
const ITEMS: [&str; WAITERS] = ["item 1", "item 2"];

/// The items, and which waiters have found them gone since the last `notify_all`.
struct Queue {
    items: Vec<&'static str>,
    found_empty: [bool; WAITERS],
}

pub fn main() {
    let queue = Mutex::new(Queue {
        items: Vec::new(),
        found_empty: [false; WAITERS],
    });
    let (item_put, waiter_waits) = (Condvar::new(), Condvar::new());
    let taken: Vec<(Option<&str>, usize)> = thread::scope(|scope| {
        let waiters: Vec<_> = (0..WAITERS)
            .map(|w| {
                let (queue, item_put, waiter_waits) = (&queue, &item_put, &waiter_waits);
                scope.spawn(move || {
                    let mut queue = queue.lock().unwrap();
                    let mut wake_ups = 0;
                    while queue.items.is_empty() {
                        if wake_ups > 0 {
                            println!(
                                "waiter {}: woke (wake-up {wake_ups}) to find the queue empty; \
                                 it waits again",
                                w + 1
                            );
                        }
                        queue.found_empty[w] = true;
                        waiter_waits.notify_one();
                        queue = item_put.wait(queue).unwrap();
                        wake_ups += 1;
                    }
                    let item = queue.items.pop();
                    // Printed under the lock: before the next item is put in.
                    println!(
                        "waiter {}: took {} at wake-up {wake_ups}",
                        w + 1,
                        item.unwrap_or("nothing")
                    );
                    (item, wake_ups)
                })
            })
            .collect();

        for (given, item) in ITEMS.into_iter().enumerate() {
            let mut queue = waiter_waits
                .wait_while(queue.lock().unwrap(), |queue| {
                    queue.found_empty.iter().filter(|&&empty| empty).count() < WAITERS - given
                })
                .unwrap();
            queue.items.push(item);
            queue.found_empty = [false; WAITERS];
            println!("producer: puts {item} in, notify_all");
            item_put.notify_all();
        }
        waiters
            .into_iter()
            .map(|waiter| waiter.join().expect("a waiter thread panicked"))
            .collect()
    });

    // Each waiter's last wake-up brought its item; every earlier one found nothing.
    let in_vain: usize = taken.iter().map(|(_, wake_ups)| wake_ups - 1).sum();
    println!("wake-ups that found the queue empty: {in_vain}");
    let mut items: Vec<_> = taken.iter().map(|(item, _)| *item).collect();
    items.sort();
    assert_eq!(items, ITEMS.map(Some), "each waiter takes one item");
    assert!(in_vain >= 1, "item 1 went to one of two woken waiters");
}
