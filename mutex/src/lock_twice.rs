//! A `Mutex` is not reentrant: the thread that holds it cannot lock it again. Its
//! `try_lock` says `WouldBlock`, and a `lock` there would wait for itself (std: it
//! "might panic or deadlock"). So lock once, and hand the helpers the guard's `&mut`.
//!
//! What to notice: `try_lock` fails on the very thread that holds the lock, and the
//! helper changed the balance through the one guard.

use std::sync::{Mutex, TryLockError};

const BALANCE: i64 = 100;
const AMOUNT: i64 = 10;

/// Takes the data, not the `Mutex`: it runs under its caller's lock.
fn deposit(balance: &mut i64, amount: i64) {
    *balance += amount;
}

pub fn main() {
    let account = Mutex::new(BALANCE);
    let mut balance = account.lock().unwrap();
    let again = match account.try_lock() {
        Ok(_) => "Ok",
        Err(TryLockError::WouldBlock) => "WouldBlock",
        Err(TryLockError::Poisoned(_)) => "Poisoned",
    };
    println!("locked again by the thread that holds it: try_lock: {again}");
    assert_eq!(again, "WouldBlock");

    deposit(&mut balance, AMOUNT);
    drop(balance);
    let balance = account.into_inner().unwrap();
    println!("deposited {AMOUNT} through the one guard: balance = {balance}");
    assert_eq!(balance, BALANCE + AMOUNT);
}
