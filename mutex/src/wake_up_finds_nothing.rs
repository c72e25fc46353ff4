//! `notify_all` wakes every waiter, but one item can go to one waiter only: the others
//! wake to an empty queue and must wait again. So check the condition again after
//! every wake-up, in a loop (`while`, or `wait_while`, which is that loop); with `if`,
//! a waiter would go on as if the item were there. (`wait` may also return with no
//! notify at all, a spurious wake-up: std allows it.)
//!
//! Here the producer puts an item in only once every waiter still without one waits,
//! so item 1's `notify_all` surely wakes both waiters.
//!
//! What to notice: each item is taken after it is put in, by a different thread each
//! time, and at least one wake-up found the queue empty.

use std::sync::{Condvar, Mutex};
use std::thread;

const WAITERS: usize = 2;
const ITEMS: [&str; WAITERS] = ["item 1", "item 2"];

/// The items, and how many waiters have started to wait since the last `notify_all`.
struct Queue {
    items: Vec<&'static str>,
    waiting: usize,
}

pub fn main() {
    let queue = Mutex::new(Queue {
        items: Vec::new(),
        waiting: 0,
    });
    let (item_put, waiter_waits) = (Condvar::new(), Condvar::new());
    let wake_ups: Vec<usize> = thread::scope(|scope| {
        let waiters: Vec<_> = (0..WAITERS)
            .map(|_| {
                scope.spawn(|| {
                    let mut queue = queue.lock().unwrap();
                    let mut wake_ups = 0;
                    while queue.items.is_empty() {
                        queue.waiting += 1;
                        waiter_waits.notify_one();
                        queue = item_put.wait(queue).unwrap();
                        wake_ups += 1;
                    }
                    let item = queue.items.pop().expect("the loop ends on an item");
                    // Printed under the lock: before the next item is put in.
                    println!("{:?}: took {item}", thread::current().id());
                    wake_ups
                })
            })
            .collect();

        for (given, item) in ITEMS.into_iter().enumerate() {
            let mut queue = waiter_waits
                .wait_while(queue.lock().unwrap(), |queue| {
                    queue.waiting < WAITERS - given
                })
                .unwrap();
            queue.items.push(item);
            queue.waiting = 0;
            println!("producer: puts {item} in, notify_all");
            item_put.notify_all();
        }
        waiters
            .into_iter()
            .map(|waiter| waiter.join().expect("a waiter thread panicked"))
            .collect()
    });

    // Each waiter's last wake-up brought its item; every earlier one found nothing.
    let in_vain: usize = wake_ups.iter().map(|n| n.saturating_sub(1)).sum();
    println!(
        "wake-ups that found the queue empty: {}",
        if in_vain > 0 { "at least one" } else { "none" }
    );
    assert!(in_vain >= 1, "item 1's notify_all woke both waiters");
    assert!(queue.into_inner().unwrap().items.is_empty());
}
