//! A `Condvar` lets a thread wait for a condition on the data in a `Mutex`, instead of
//! polling it or sleeping. The waiter locks, checks the condition, and if it does not
//! hold, `wait` unlocks and sleeps in one step, then locks again before it returns.
//! The other thread changes the data under the same lock, then notifies.
//!
//! No wake-up is lost, whichever comes first. If the notify comes before the waiter
//! starts waiting, nobody hears it, but the waiter checks the condition before it
//! waits, finds it true, and does not wait at all. If the notify comes after, the
//! waiter hears it. It cannot come in between: the check and the start of `wait` are
//! both under the lock, and the data changes only under the lock. In the first part
//! below, main's notify usually comes first (starting a thread takes longer than
//! setting a flag); a bare `wait` there, with no check before it, would wait for
//! ever. In the second part every notify comes after the wait has started, for
//! certain.
//!
//! A wake-up does not mean the condition holds, so always check it again, in a loop
//! (`while`, or `wait_while`, which is that loop):
//! - `wait` may return without any notify at all (a spurious wake-up): std allows it;
//! - `notify_all` wakes every waiter, but one item can go to one waiter only. The
//!   second part below makes that certain: the producer puts in an item only once
//!   every waiter still without one is waiting, so item 1's `notify_all` wakes both
//!   waiters. One takes it; the other wakes to an empty queue and must wait again.
//!   With `if` instead of `while`, it would go on as if the item were there.
//!
//! What to notice: the waiter goes on only after main has set the flag; each item is
//! taken after it is put in, by a different thread each time.

use std::sync::{Condvar, Mutex};
use std::thread;

/// How many threads wait for an item in the second part...
const WAITERS: usize = 2;
/// ...and the items the producer puts in, one for each of them.
const ITEMS: [&str; WAITERS] = ["item 1", "item 2"];

/// The queue the waiters take items from, and how many of them have started to wait
/// since the last `notify_all`.
struct Queue {
    items: Vec<&'static str>,
    waiting: usize,
}

pub fn main() {
    // Part 1: wait for a flag.
    let ready = Mutex::new(false);
    let ready_set = Condvar::new();
    thread::scope(|scope| {
        // A scoped thread may borrow the flag and the condvar.
        scope.spawn(|| {
            // `wait_while` checks the flag (under the lock) before each wait.
            let ready = ready_set.wait_while(ready.lock().unwrap(), |ready| !*ready);
            println!("waiter: the flag is {}: goes on", ready.unwrap());
        });
        let mut flag = ready.lock().unwrap();
        *flag = true;
        println!("main: sets the flag and notifies, before or after the waiter starts to wait");
        // Unlock first, so the woken waiter finds the lock free.
        drop(flag);
        ready_set.notify_one();
    }); // The scope joins the waiter here.

    // Part 2: two waiters, one item at a time, `notify_all`.
    let queue = Mutex::new(Queue {
        items: Vec::new(),
        waiting: 0,
    });
    let item_put = Condvar::new();
    let waiter_waits = Condvar::new();
    let wake_ups: Vec<usize> = thread::scope(|scope| {
        let waiters: Vec<_> = (0..WAITERS)
            .map(|_| {
                // Scoped threads may borrow the queue and the condvars.
                scope.spawn(|| {
                    let mut queue = queue.lock().unwrap();
                    let mut wake_ups = 0;
                    // `while`, not `if`: a wake-up does not mean there is an item.
                    while queue.items.is_empty() {
                        queue.waiting += 1;
                        // Tell the producer that one more waiter waits.
                        waiter_waits.notify_one();
                        // Unlocks while asleep, and locks again before it returns.
                        queue = item_put.wait(queue).unwrap();
                        wake_ups += 1;
                    }
                    let item = queue
                        .items
                        .pop()
                        .expect("the loop ends only when there is one");
                    // Print holding the lock, so this line comes before the next item's.
                    println!("{:?}: took {item}", thread::current().id());
                    wake_ups
                })
            })
            .collect();

        for (given, item) in ITEMS.into_iter().enumerate() {
            // Put an item in only once every waiter still without one is waiting.
            let mut queue = waiter_waits
                .wait_while(queue.lock().unwrap(), |queue| {
                    queue.waiting < WAITERS - given
                })
                .unwrap();
            queue.items.push(item);
            // `notify_all` wakes every waiter: none is waiting any more.
            queue.waiting = 0;
            println!("producer: puts {item} in, notify_all");
            item_put.notify_all();
        } // The guard is a local of each round: it unlocks at the end of the round.

        // Each waiter ends once it has an item: join them all.
        waiters
            .into_iter()
            .map(|waiter| waiter.join().expect("a waiter thread panicked"))
            .collect()
    });

    // Each waiter's last wake-up brought its item; every earlier one found no item.
    let in_vain: usize = wake_ups.iter().map(|n| n.saturating_sub(1)).sum();
    println!(
        "wake-ups that found the queue empty: {}",
        if in_vain > 0 { "at least one" } else { "none" }
    );
    assert!(in_vain >= 1, "item 1's notify_all woke both waiters");
    assert!(queue.into_inner().unwrap().items.is_empty());
}
