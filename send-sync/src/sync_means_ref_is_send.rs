//! `T: Sync` and `&T: Send` are the same statement: std implements `Send` for `&T`
//! exactly when `T: Sync`. Sharing a `T` between threads *is* sending them `&T`.
//!
//! What to notice: the two columns, each computed by the probe `implements!` on its
//! own, agree on every row, `yes` and `no` alike; the program asserts it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::{Mutex, MutexGuard, RwLock, mpsc};

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

/// The type's name, whether `T: Sync`, and whether `&T: Send`, all computed.
macro_rules! both {
    ($t:ty) => {
        (stringify!($t), implements!($t: Sync), implements!(&$t: Send))
    };
}

pub fn main() {
    let rows = [
        both!(i32),
        both!(String),
        both!(Cell<i32>),
        both!(RefCell<i32>),
        both!(Mutex<Cell<i32>>),
        both!(RwLock<Cell<i32>>),
        both!(MutexGuard<'_, i32>),
        both!(mpsc::Sender<i32>),
        both!(mpsc::Receiver<i32>),
        both!(Rc<i32>),
        both!(*const i32),
    ];
    let width = rows.iter().map(|(ty, ..)| ty.len()).max().unwrap_or(0);
    println!("{:<width$}  T: Sync  &T: Send", "type");
    for (ty, sync, ref_send) in rows {
        let (sync, ref_send) = (yes_no(sync), yes_no(ref_send));
        println!("{ty:<width$}  {sync:<7}  {ref_send}");
    }
    for (ty, sync, ref_send) in rows {
        assert_eq!(sync, ref_send, "{ty}: T: Sync and &T: Send disagree");
    }
}

fn yes_no(answer: bool) -> &'static str {
    if answer { "yes" } else { "no" }
}
