//! Two locks taken in opposite orders deadlock. Thread 1 moves money from account `a`
//! to account `b`, thread 2 from `b` to `a`, and each locks the account it takes from
//! first. So thread 1 holds `a` and waits for `b` while thread 2 holds `b` and waits
//! for `a`: neither lets go before it gets the other, so neither ever moves again.
//! Usually that takes bad luck, which is why deadlocks are hard to reproduce; here a
//! `Barrier` between the two locks makes it certain: neither thread reaches for its
//! second lock until both hold their first.
//!
//! A thread blocked in `lock` cannot be called back, so these two wait with `try_lock`
//! in a loop, a millisecond apart, and each can be told to give up. A watchdog hears
//! from each thread when it starts waiting for its second lock, and would hear again
//! if one got it. When it hears nothing for 20 ms while both wait, it reports the
//! deadlock and tells thread 2 to give up (as a database picks a victim). Thread 2
//! lets go of `b`, thread 1 gets it and finishes, and every thread is joined. The fix
//! is one order for everyone: see `dining_philosophers.rs`.
//!
//! One thread can deadlock alone, too: a `Mutex` is not reentrant. Locking it again on
//! the thread that holds it never succeeds: `try_lock` says `WouldBlock`, and std says
//! that `lock` there "might panic or deadlock".
//!
//! What to notice: the threads' first lines come in either order, but both come
//! before the watchdog's report; thread 2 gives up after it, and thread 1 gets `b`
//! only after that.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Barrier, Mutex, TryLockError};
use std::thread;
use std::time::Duration;

/// How long both threads must wait with nothing happening before the watchdog calls
/// it a deadlock.
const DEADLINE: Duration = Duration::from_millis(20);

/// How long a waiting thread pauses between two `try_lock`s.
const PAUSE: Duration = Duration::from_millis(1);

/// What each account holds at the start, and what each transfer moves.
const BALANCE: i64 = 100;
const AMOUNT: i64 = 10;

pub fn main() {
    let a = Mutex::new(BALANCE);
    let b = Mutex::new(BALANCE);
    let both_hold_one = Barrier::new(2);
    let (give_up_1, give_up_2) = (AtomicBool::new(false), AtomicBool::new(false));
    let (progress, progress_rx) = mpsc::channel();

    thread::scope(|scope| {
        let transfers = [
            ("thread 1", ("a", &a), ("b", &b), &give_up_1),
            ("thread 2", ("b", &b), ("a", &a), &give_up_2),
        ];
        for (name, (from_name, from), (to_name, to), give_up) in transfers {
            let (both_hold_one, progress) = (&both_hold_one, progress.clone());
            // Scoped threads may borrow the accounts, the barrier and the flags.
            scope.spawn(move || {
                // The first lock: the account the money comes from.
                let mut from = from.lock().unwrap();
                println!("{name}: holds account {from_name}, wants account {to_name}");
                // Holding the first lock, wait until the other thread holds its own.
                both_hold_one.wait();
                // Tell the watchdog: this thread now waits for its second lock.
                progress.send(()).expect("the watchdog is listening");
                loop {
                    // `try_lock`, not `lock`: it returns at once, so the thread can
                    // check between tries whether it has been told to give up.
                    match to.try_lock() {
                        Ok(mut to) => {
                            *from -= AMOUNT;
                            *to += AMOUNT;
                            println!(
                                "{name}: holds both, moved {AMOUNT} from {from_name} to {to_name}"
                            );
                            // Tell the watchdog: this thread got somewhere.
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
                } // `from`, the first guard, unlocks as the thread ends here.
            });
        }

        // The watchdog. Both threads report when they start waiting for their second
        // lock, which they surely do...
        for _ in 0..transfers.len() {
            progress_rx
                .recv()
                .expect("each thread reports before it waits");
        }
        // ...and one would report again if it got its second lock. Silence: deadlock.
        match progress_rx.recv_timeout(DEADLINE) {
            Err(RecvTimeoutError::Timeout) => {
                println!(
                    "the watchdog: for {DEADLINE:?} each thread has waited for the lock the \
                     other holds: a deadlock; it tells thread 2 to give up"
                );
                give_up_2.store(true, Ordering::Relaxed);
            }
            Ok(()) | Err(RecvTimeoutError::Disconnected) => {
                println!("the watchdog: a thread got both locks: no deadlock");
            }
        }
    }); // The scope joins both threads here: thread 2 gave up, thread 1 finished.

    let (a, b) = (a.into_inner().unwrap(), b.into_inner().unwrap());
    println!("balances: a = {a}, b = {b}");
    assert_eq!(
        (a, b),
        (BALANCE - AMOUNT, BALANCE + AMOUNT),
        "only thread 1 moves money"
    );

    // One thread, one Mutex, locked twice.
    let m = Mutex::new(0);
    let guard = m.lock().unwrap();
    // Never `m.lock()` here: this thread would wait for itself, and std says that
    // "might panic or deadlock". `try_lock` only reports that the lock is held.
    let again = match m.try_lock() {
        Ok(_) => "Ok",
        Err(TryLockError::WouldBlock) => "WouldBlock",
        Err(TryLockError::Poisoned(_)) => "Poisoned",
    };
    println!("the same Mutex locked again by the thread that holds it: try_lock: {again}");
    assert_eq!(again, "WouldBlock");
    // The lock is released here, and not before: the `try_lock` above saw it held.
    drop(guard);
}
