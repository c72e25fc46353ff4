//! `Vec<T>`, `Option<T>` and `Box<T>` are `Send` exactly when `T` is `Send`, and
//! `Sync` exactly when `T` is `Sync`. For `Option` the compiler derives both traits
//! field by field, as for any plain struct or enum. `Vec` and `Box` hold raw pointers
//! (which alone would make them neither), and std's internals restore the rule: their
//! rustdoc pages list `Send` and `Sync` impls that ask the same of `T`.
//!
//! Not every generic type follows its parameter. Pointers, cells and locks have rules
//! of their own: `Rc<T>` is never `Send`, `Cell<T>` never `Sync`, `Arc<T>` needs
//! `T: Send + Sync` for either, and `Mutex<T>` is `Sync` when `T` is only `Send`: the
//! row the notes get wrong (`Mutex<Cell<i32>>`, in `table`).
//!
//! What to notice: each parameter, one of each of the four kinds, is followed by its
//! `Vec`, `Option` and `Box`, which read the same; the program asserts it.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::MutexGuard;

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

#[derive(Clone, Copy)]
struct Row {
    ty: &'static str,
    send: bool,
    sync: bool,
}

/// The row named `$name` for the type `$t`, its cells probed.
macro_rules! row {
    ($name:expr => $t:ty) => {
        Row {
            ty: $name,
            send: implements!($t: Send),
            sync: implements!($t: Sync),
        }
    };
}

/// The row of `$t`, then the rows of `Vec<$t>`, `Option<$t>` and `Box<$t>`.
/// (`concat!` names them: `stringify!(Vec<$t>)` would print `Vec < i32 >`.)
macro_rules! family {
    ($t:ty) => {
        [
            row!(stringify!($t) => $t),
            row!(concat!("Vec<", stringify!($t), ">") => Vec<$t>),
            row!(concat!("Option<", stringify!($t), ">") => Option<$t>),
            row!(concat!("Box<", stringify!($t), ">") => Box<$t>),
        ]
    };
}

pub fn main() {
    let families = [
        family!(i32),                 // Send + Sync
        family!(Cell<i32>),           // Send, not Sync
        family!(MutexGuard<'_, i32>), // Sync, not Send
        family!(Rc<i32>),             // neither
    ];
    print_table(families.as_flattened());
    for [parameter, containers @ ..] in families {
        for container in containers {
            assert_eq!(
                (container.send, container.sync),
                (parameter.send, parameter.sync),
                "{} does not follow {}",
                container.ty,
                parameter.ty
            );
        }
    }
}

/// A header line, then a line per row: the type, `yes` or `no` under each column.
fn print_table(rows: &[Row]) {
    let width = rows.iter().map(|row| row.ty.len()).max().unwrap_or(0);
    println!("{:<width$}  Send  Sync", "type");
    for row in rows {
        let (send, sync) = (yes_no(row.send), yes_no(row.sync));
        println!("{:<width$}  {send:<4}  {sync}", row.ty);
    }
}

fn yes_no(answer: bool) -> &'static str {
    if answer { "yes" } else { "no" }
}
