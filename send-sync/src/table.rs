//! `Send` and `Sync` for every type the notes list, in the notes' order, then the
//! types that correct them. No cell is typed in: each is the compiler's answer, read
//! off the probe `implements!`.
//!
//! What to notice: the notes' "Send + !Sync" rows are not alike (`mpsc::Sender<i32>`
//! reads `yes yes`: it is `Sync` since Rust 1.72), and a lock over a `Cell` is `Sync`
//! as a `Mutex` (which needs only `T: Send`) but not as an `RwLock` (which needs
//! `T: Send + Sync`). The note under the table says so, citing those rows, and the
//! program asserts them.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU8};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, mpsc};

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

macro_rules! row {
    ($t:ty) => {
        Row {
            ty: stringify!($t),
            send: implements!($t: Send),
            sync: implements!($t: Sync),
        }
    };
}

/// The notes' `struct { x: T }`. Only its type is probed.
#[allow(dead_code)]
struct Point {
    x: i32,
    y: f32,
}

pub fn main() {
    let rows = [
        // "Most of the basic types in Rust are Send and Sync".
        row!(i8),
        row!(f32),
        row!(bool),
        row!(char),
        row!(&str),
        row!((i32, f64)),
        row!([i32; 3]),
        row!(&[i32]),
        row!(Point),
        row!(String),
        row!(Option<i32>),
        row!(Vec<i32>),
        row!(Box<i32>),
        row!(Arc<i32>),
        row!(Mutex<i32>),
        row!(AtomicBool),
        row!(AtomicU8),
        // "Send + !Sync".
        row!(mpsc::Sender<i32>),
        row!(mpsc::Receiver<i32>),
        row!(Cell<i32>),
        row!(RefCell<i32>),
        // "!Send + Sync".
        row!(MutexGuard<'_, i32>),
        // "!Send + !Sync".
        row!(Rc<i32>),
        row!(*const i32),
        row!(*mut i32),
        // RwLock readers share `&T` at once, so it needs `T: Sync` too; Mutex does not.
        row!(Mutex<Cell<i32>>),
        row!(Mutex<RefCell<i32>>),
        row!(RwLock<Cell<i32>>),
        // Mutex needs `T: Send`: an Rc cloned through the lock would share its count.
        row!(Mutex<Rc<i32>>),
        // A guard hands out `&T`: it is Sync only when `T` is.
        row!(MutexGuard<'_, Cell<i32>>),
        // Arc shares `&T` between threads, and its last owner, on any thread, drops `T`.
        row!(Arc<Cell<i32>>),
        row!(Arc<Mutex<i32>>),
        row!(Arc<Mutex<Cell<i32>>>),
        // A container is no better than what it holds.
        row!(Vec<Rc<i32>>),
        row!(Option<Rc<i32>>),
        row!(Box<Cell<i32>>),
    ];
    print_table(&rows);

    let find = |ty: &str| {
        *rows
            .iter()
            .find(|row| row.ty == ty)
            .expect("the note cites a row of the table")
    };
    let sender = find("mpsc::Sender<i32>");
    let mutex_cell = find("Mutex<Cell<i32>>");
    let mutex_refcell = find("Mutex<RefCell<i32>>");
    let rwlock_cell = find("RwLock<Cell<i32>>");
    println!();
    println!(
        "Where the notes (the 2023 text of Comprehensive Rust's concurrency chapter) differ \
         from std, in one rule that changed since and one that never held:"
    );
    let cite = |row: Row| format!("{}: Sync {}", row.ty, yes_no(row.sync));
    println!(
        "- mpsc::Sender<T> is Sync since Rust 1.72, not Send + !Sync as the notes list it \
         ({}).",
        cite(sender)
    );
    println!(
        "- Mutex<T> is Send + Sync whenever T: Send (since Rust 1.0), not only when T is \
         both as the notes say, so a Mutex makes a Cell or a RefCell shareable ({}; {}); \
         RwLock<T> does need T: Send + Sync to be Sync ({}).",
        cite(mutex_cell),
        cite(mutex_refcell),
        cite(rwlock_cell)
    );
    assert!(sender.send && sender.sync, "mpsc::Sender is Send + Sync");
    assert!(mutex_cell.sync, "Mutex<T: Send> is Sync");
    assert!(mutex_refcell.sync, "Mutex<T: Send> is Sync");
    assert!(!rwlock_cell.sync, "RwLock<T> needs T: Sync to be Sync");
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
