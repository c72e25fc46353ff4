//! `Send` and `Sync` for every type the notes list, in the notes' order, then the
//! types that correct them. No cell is typed in by hand: each `yes` or `no` is the
//! compiler's answer, read off the probe `implements!` (`T: Send`: a `T` may move to
//! another thread; `T: Sync`: a `&T` may be used from several threads at once).
//!
//! What to notice: the rows the notes call "Send + !Sync" are not all alike
//! (`mpsc::Sender<i32>` reads `yes yes`: it is `Sync` since Rust 1.72), and a lock
//! over a `Cell` is `Sync` for `Mutex` (which needs only `T: Send`) but not for
//! `RwLock` (which needs `T: Send + Sync`). The note under the table says so, citing
//! those rows; the program stops rather than print a note its own table denies.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU8};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, mpsc};

// ---- the probe: the same in every send-sync section (xtask/tests checks it) ----

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

/// One line of the table: the type's name, and the compiler's answers.
#[derive(Clone, Copy)]
struct Row {
    ty: &'static str,
    send: bool,
    sync: bool,
}

/// The row of `$t`: its name is the type itself (`stringify!`), its cells are probed.
macro_rules! row {
    ($t:ty) => {
        Row {
            ty: stringify!($t),
            send: implements!($t: Send),
            sync: implements!($t: Sync),
        }
    };
}

/// The notes' `struct { x: T }`: a struct of Send + Sync fields. Only its type is
/// probed, so no `Point` is ever built.
#[allow(dead_code)]
struct Point {
    x: i32,
    y: f32,
}

/// The notes' lists, in the notes' order, then the rows that correct them.
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
        // What the notes call "Send + !Sync".
        row!(mpsc::Sender<i32>),
        row!(mpsc::Receiver<i32>),
        row!(Cell<i32>),
        row!(RefCell<i32>),
        // What the notes call "!Send + Sync".
        row!(MutexGuard<'_, i32>),
        // What the notes call "!Send + !Sync".
        row!(Rc<i32>),
        row!(*const i32),
        row!(*mut i32),
        // A lock over a type that is Send but not Sync: Mutex shares it, RwLock does not
        // (readers share `&T` at the same time, so RwLock needs `T: Sync` as well).
        row!(Mutex<Cell<i32>>),
        row!(Mutex<RefCell<i32>>),
        row!(RwLock<Cell<i32>>),
        // A Mutex needs `T: Send`: a clone of the Rc could be taken out through the lock,
        // and two threads would then update one non-atomic count.
        row!(Mutex<Rc<i32>>),
        // A guard is Sync only when what it guards is.
        row!(MutexGuard<'_, Cell<i32>>),
        // Arc needs both: it shares `&T` between threads, and the last owner drops `T`.
        row!(Arc<Cell<i32>>),
        row!(Arc<Mutex<i32>>),
        row!(Arc<Mutex<Cell<i32>>>),
        // A container of a !Send or !Sync type is no better than what it holds.
        row!(Vec<Rc<i32>>),
        row!(Option<Rc<i32>>),
        row!(Box<Cell<i32>>),
    ];
    print_table(&rows);

    // The two places where the notes are out of date, proven by rows of the table
    // above: the program stops here rather than print a note its own table denies.
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
    assert!(sender.send && sender.sync, "mpsc::Sender is Send + Sync");
    assert!(
        mutex_cell.sync && mutex_refcell.sync,
        "Mutex<T: Send> is Sync"
    );
    assert!(!rwlock_cell.sync, "RwLock<T> needs T: Sync to be Sync");
    println!();
    println!("Where the notes are out of date:");
    let cite = |row: Row| format!("{}: Sync {}", row.ty, yes_no(row.sync));
    println!(
        "- mpsc::Sender<T> is Sync since Rust 1.72, not Send + !Sync as the notes list it \
         ({}).",
        cite(sender)
    );
    println!(
        "- Mutex<T> is Send + Sync whenever T: Send, not only when T is both as the notes \
         say, so a Mutex makes a Cell or a RefCell shareable ({}; {}); RwLock<T> does need \
         T: Send + Sync to be Sync ({}).",
        cite(mutex_cell),
        cite(mutex_refcell),
        cite(rwlock_cell)
    );
}

/// A header line, then one line per row: the type, then `yes` or `no` under each
/// column, two spaces between columns.
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
