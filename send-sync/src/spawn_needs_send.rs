//! `thread::spawn` moves its closure, and everything the closure captures, to the new
//! thread, so it takes only a closure that is `Send`. To share a counter, each thread
//! takes its own clone of an `Arc<Mutex<i32>>`, which is `Send`: `Arc` counts its clones
//! with atomic operations, and a `Mutex` lets one thread at a time change the value.
//! The two near misses are not `Send`, as the probe shows: `Rc<Mutex<i32>>`, whose
//! count is not atomic, and `Arc<RefCell<i32>>`, since an `Arc` shares its value between
//! threads and a `RefCell` is not `Sync`. `thread::spawn` refuses a closure that
//! captures one with E0277 (`send-sync/compile-fail/send-rc.rs` shows it for an
//! `Rc<i32>`).
//!
//! What to notice: the three rows are the compiler's answers, read off the probe
//! `implements!`, and only the first type could cross to the threads below. They add
//! to the one counter, in any order, and after the joins the total is exact. The
//! program asserts both.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::thread;

// ---- the probe: written from common/probe.rs by `cargo xtask copies` ----

/// `implements!(T: Send)` is `true` exactly when the compiler finds `T: Send` (any
/// trait may stand after the colon): the answer is computed, never typed in.
///
/// How (autoref-based specialization): `(&Probe::<T>(..)).answer()` has two candidate
/// methods, and method lookup tries the receiver as written, `&Probe<T>`, before it
/// adds another `&`. `Yes::answer` takes `&Probe<T>` but exists only when the bound
/// holds: then it wins and says `true`. `No::answer` takes `&&Probe<T>`, one autoref
/// further, and always exists: the fallback, `false`. The choice is made at compile
/// time for the concrete type in the call, which is why this is a macro and not a
/// generic function (inside one, `T: Send` is unknown and the fallback always wins).
/// Copy the whole macro: it is the probe, and nothing of it works alone.
macro_rules! implements {
    ($t:ty: $bound:path) => {{
        struct Probe<T: ?Sized>(::std::marker::PhantomData<T>);
        #[allow(dead_code)] // called only when the bound holds
        trait Yes {
            fn answer(&self) -> bool {
                true
            }
        }
        impl<T: ?Sized + $bound> Yes for Probe<T> {}
        #[allow(dead_code)] // called only when it does not
        trait No {
            fn answer(&self) -> bool {
                false
            }
        }
        impl<T: ?Sized> No for &Probe<T> {}
        (&Probe::<$t>(::std::marker::PhantomData)).answer()
    }};
}

// ---- end of the probe ----

const THREADS: i32 = 4;
/// Fewer under the checkers, which try far more interleavings (CHECKS.md).
const ADDS: i32 = if cfg!(miri) { 10 } else { 1000 };

/// The type's name, whether it is `Send`, whether it is `Sync`: the compiler's answers.
macro_rules! row {
    ($t:ty) => {
        (stringify!($t), implements!($t: Send), implements!($t: Sync))
    };
}

pub fn main() {
    let rows = [
        row!(Arc<Mutex<i32>>),
        row!(Rc<Mutex<i32>>),
        row!(Arc<RefCell<i32>>),
    ];
    println!("{:<17}  Send  Sync", "type");
    for (ty, send, sync) in rows {
        println!("{ty:<17}  {:<4}  {}", yes_no(send), yes_no(sync));
    }
    println!();

    let counter = Arc::new(Mutex::new(0));
    let mut handles = Vec::new();
    for i in 1..=THREADS {
        let counter = Arc::clone(&counter);
        handles.push(thread::spawn(move || {
            for _ in 0..ADDS {
                *counter.lock().unwrap() += 1;
            }
            println!("Thread {i}: added 1 to the shared counter {ADDS} times");
        }));
    }
    for handle in handles {
        handle.join().expect("a counting thread panicked");
    }
    let total = *counter.lock().unwrap();
    println!("Main: joined {THREADS} threads; the counter is {total}");
    let crosses: Vec<bool> = rows.iter().map(|&(_, send, _)| send).collect();
    assert_eq!(crosses, [true, false, false], "only the first type is Send");
    assert_eq!(total, THREADS * ADDS);
}

fn yes_no(answer: bool) -> &'static str {
    if answer { "yes" } else { "no" }
}
