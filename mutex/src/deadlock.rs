//! Two locks taken in opposite orders can deadlock. Thread 1 moves money from account
//! `a` to `b`, thread 2 from `b` to `a`, and each locks the account it takes from first:
//! if both get their first lock, each holds one and waits for the other's. Usually that
//! takes bad luck; here a `Barrier` between the two locks makes it certain.
//!
//! A thread blocked in `lock` cannot be called back, so these two wait with `try_lock`,
//! a millisecond apart. Each tells a watchdog when it starts waiting for its second
//! lock, and again if it gets it. Hearing nothing for 20 ms while both wait, the
//! watchdog reports the deadlock and tells thread 2 to give up; thread 2 lets go of
//! `b`, and thread 1 finishes. The fix is one order for everyone: see
//! `dining_philosophers.rs`.
//!
//! What to notice: the threads' first lines come in either order, both before the
//! watchdog's report; thread 2 gives up after it, and only then does thread 1 get `b`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Barrier, Mutex, TryLockError};
use std::thread;
use std::time::Duration;

const DEADLINE: Duration = Duration::from_millis(20);
const PAUSE: Duration = Duration::from_millis(1);
const BALANCE: i64 = 100;
const AMOUNT: i64 = 10;

pub fn main() {
    let a = Mutex::new(BALANCE);
    let b = Mutex::new(BALANCE);
    let both_hold_one = Barrier::new(2);
    let (give_up_1, give_up_2) = (AtomicBool::new(false), AtomicBool::new(false));
    let (progress, progress_rx) = mpsc::channel();

    let deadlocked = thread::scope(|scope| {
        let transfers = [
            ("thread 1", ("a", &a), ("b", &b), &give_up_1),
            ("thread 2", ("b", &b), ("a", &a), &give_up_2),
        ];
        for (name, (from_name, from), (to_name, to), give_up) in transfers {
            let (both_hold_one, progress) = (&both_hold_one, progress.clone());
            scope.spawn(move || {
                let mut from = from.lock().unwrap();
                println!("{name}: holds account {from_name}, wants account {to_name}");
                both_hold_one.wait();
                progress.send(()).expect("the watchdog is listening");
                loop {
                    match to.try_lock() {
                        Ok(mut to) => {
                            *from -= AMOUNT;
                            *to += AMOUNT;
                            println!(
                                "{name}: holds both, moved {AMOUNT} from {from_name} to {to_name}"
                            );
                            progress.send(()).expect("the watchdog is listening");
                            break;
                        }
                        Err(TryLockError::WouldBlock) if give_up.load(Ordering::Relaxed) => {
                            println!("{name}: gives up, lets go of account {from_name}");
                            break;
                        }
                        Err(TryLockError::WouldBlock) => thread::sleep(PAUSE),
                        Err(TryLockError::Poisoned(_)) => {
                            unreachable!("nobody panics holding a lock")
                        }
                    }
                }
            });
        }

        // The watchdog: both threads surely start waiting for their second lock...
        for _ in 0..transfers.len() {
            progress_rx
                .recv()
                .expect("each thread reports before it waits");
        }
        // ...and would report again on getting it. Silence means deadlock.
        match progress_rx.recv_timeout(DEADLINE) {
            Err(RecvTimeoutError::Timeout) => {
                println!(
                    "the watchdog: for {DEADLINE:?} each thread has waited for the lock the \
                     other holds: a deadlock; it tells thread 2 to give up"
                );
                give_up_2.store(true, Ordering::Relaxed);
                true
            }
            Ok(()) | Err(RecvTimeoutError::Disconnected) => {
                println!("the watchdog: a thread got both locks: no deadlock");
                false
            }
        }
    });

    let (a, b) = (a.into_inner().unwrap(), b.into_inner().unwrap());
    println!("balances: a = {a}, b = {b}");
    assert!(deadlocked, "the barrier makes the deadlock certain");
    assert_eq!(
        (a, b),
        (BALANCE - AMOUNT, BALANCE + AMOUNT),
        "only thread 1 moves money"
    );
}
