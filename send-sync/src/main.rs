//! # Send and Sync: a table the compiler computes
//!
//! `Send` and `Sync` are the two marker traits behind every thread-safety rule in
//! Rust. `T: Send` means a `T` may move to another thread; `T: Sync` means a `&T` may
//! be used from several threads at once. `thread::spawn` and `Scope::spawn` demand
//! `Send` of everything the closure takes along, and the compiler refuses (E0277)
//! anything else. This program shows, one section each:
//!
//! 1. `table`: `Send` and `Sync` for every type the notes list, and for the types
//!    that correct them. No cell is typed in by hand: each `yes` or `no` is the
//!    compiler's answer, read off a probe (autoref-based specialization, see
//!    `Probe`). The note under the table names the two places where the notes are
//!    out of date: `mpsc::Sender<T>` is `Sync` since Rust 1.72, and `Mutex<T>` is
//!    `Send + Sync` whenever `T: Send` (that is how a `Mutex` makes a `Cell` or a
//!    `RefCell` shareable), while `RwLock<T>` needs `T: Send + Sync` to be `Sync`.
//! 2. `sync-means-ref-is-send`: `T` is `Sync` exactly when `&T` is `Send`; both
//!    columns are computed and compared.
//! 3. `generics-follow-parameters`: `Vec<T>`, `Option<T>` and `Box<T>` are `Send`
//!    (or `Sync`) exactly when `T` is, for a `T` of each of the four kinds.
//!
//! What the compiler refuses, one file each in `compile-fail/`: sending an `Rc` to a
//! thread (`send-rc.rs`), sharing a `Cell` between scoped threads
//! (`share-cell.rs`), sending a `MutexGuard` to a thread (`send-mutex-guard.rs`),
//! sending a raw pointer to a thread (`send-raw-pointer.rs`): all E0277.
//!
//! What to notice in the output: the rows the notes call "Send + !Sync" are not all
//! alike (`mpsc::Sender<i32>` reads `yes yes`), a lock over a `Cell` is `Sync` for
//! `Mutex` but not for `RwLock`, and `Vec`, `Option` or `Box` never do better than
//! what they hold, while a lock can (`Mutex<Cell<i32>>` is `Sync`).
//! Nothing here starts a thread: the whole answer is known before the program runs.
//!
//! Run it: `cargo run -p send-sync` (every section), `cargo run -p send-sync -- <section>`
//! (one), `cargo run -p send-sync -- --list` (their names).

use std::cell::{Cell, RefCell};
use std::env;
use std::marker::PhantomData;
use std::process::ExitCode;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU8};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, mpsc};

/// The program's name, for its usage text.
const NAME: &str = "send-sync";

/// Every section in teaching order: its name, the claim it shows, and the function
/// that shows it.
const SECTIONS: &[(&str, &str, fn())] = &[
    (
        "table",
        "the compiler computes Send and Sync for every type the notes list",
        table,
    ),
    (
        "sync-means-ref-is-send",
        "T is Sync exactly when &T is Send",
        sync_means_ref_is_send,
    ),
    (
        "generics-follow-parameters",
        "Vec<T>, Option<T> and Box<T> are Send or Sync exactly when T is",
        generics_follow_parameters,
    ),
];

// ---------------------------------------------------------------------------------
// The probe: ask the compiler whether a type is Send or Sync, and get a `bool`.
//
// `(&Probe::<T>(PhantomData)).is_send()` has two candidate methods. Method lookup
// tries the receiver as written (`&Probe<T>`) before it adds another `&`, so:
// - `SendYes::is_send` takes `&Probe<T>`, the receiver as written, but exists only
//   when `T: Send`; when it exists, it wins and says `true`;
// - `SendNo::is_send` takes `&&Probe<T>`, one autoref further, and always exists:
//   it is the fallback, and says `false`.
// The choice is made at compile time, for the concrete type in the macro call: that
// is why `is_send!` is a macro and not a generic function (inside a generic function
// `T: Send` is unknown, and the fallback would always win).
// ---------------------------------------------------------------------------------

/// A value that carries a type and nothing else.
struct Probe<T: ?Sized>(PhantomData<T>);

trait SendYes {
    fn is_send(&self) -> bool {
        true
    }
}
impl<T: ?Sized + Send> SendYes for Probe<T> {}

trait SendNo {
    fn is_send(&self) -> bool {
        false
    }
}
impl<T: ?Sized> SendNo for &Probe<T> {}

trait SyncYes {
    fn is_sync(&self) -> bool {
        true
    }
}
impl<T: ?Sized + Sync> SyncYes for Probe<T> {}

trait SyncNo {
    fn is_sync(&self) -> bool {
        false
    }
}
impl<T: ?Sized> SyncNo for &Probe<T> {}

/// `true` exactly when the compiler finds `$t: Send`.
macro_rules! is_send {
    ($t:ty) => {
        (&Probe::<$t>(PhantomData)).is_send()
    };
}

/// `true` exactly when the compiler finds `$t: Sync`.
macro_rules! is_sync {
    ($t:ty) => {
        (&Probe::<$t>(PhantomData)).is_sync()
    };
}

/// One line of a table: the type as written in this file, and the compiler's answers.
#[derive(Clone, Copy)]
struct Row {
    ty: &'static str,
    send: bool,
    sync: bool,
}

/// The row of `$t`: its name is the type itself (`stringify!`), its cells are probed.
/// `row!(name => T)` names the row explicitly, for a type built inside another macro.
macro_rules! row {
    ($t:ty) => {
        row!(stringify!($t) => $t)
    };
    ($name:expr => $t:ty) => {
        Row {
            ty: $name,
            send: is_send!($t),
            sync: is_sync!($t),
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
fn table() {
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
    print_table(
        &["Send", "Sync"],
        rows.map(|row| (row.ty, vec![row.send, row.sync])),
    );

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

/// `T: Sync` and `&T: Send` are the same statement: std implements `Send` for `&T`
/// exactly when `T: Sync`. Sharing a `T` between threads *is* sending them `&T`.
fn sync_means_ref_is_send() {
    /// The type's name, whether `T: Sync`, and whether `&T: Send`, all computed.
    macro_rules! both {
        ($t:ty) => {
            (stringify!($t), is_sync!($t), is_send!(&$t))
        };
    }
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
    print_table(
        &["T: Sync", "&T: Send"],
        rows.map(|(ty, sync, ref_send)| (ty, vec![sync, ref_send])),
    );
    for (ty, sync, ref_send) in rows {
        assert_eq!(sync, ref_send, "{ty}: T: Sync and &T: Send disagree");
    }
}

/// A generic container is Send (or Sync) exactly when its parameter is. For a plain
/// struct the compiler derives both traits field by field. `Vec` and `Box` hold a
/// raw pointer (which alone would make them neither), inside std's internal pointer
/// type `Unique<T>`, which declares `unsafe impl<T: Send> Send` (and the same for
/// `Sync`) by hand, to the same effect.
/// Each parameter row is followed by its three containers, which read the same.
fn generics_follow_parameters() {
    /// The row of `$t`, then the rows of `Vec<$t>`, `Option<$t>` and `Box<$t>`.
    /// (`concat!` names them: `stringify!(Vec<$t>)` would print `Vec < i32 >`.)
    macro_rules! family {
        ($t:ty) => {
            [
                row!($t),
                row!(concat!("Vec<", stringify!($t), ">") => Vec<$t>),
                row!(concat!("Option<", stringify!($t), ">") => Option<$t>),
                row!(concat!("Box<", stringify!($t), ">") => Box<$t>),
            ]
        };
    }
    let families = [
        // Send + Sync.
        family!(i32),
        // Send, not Sync.
        family!(Cell<i32>),
        // Sync, not Send.
        family!(MutexGuard<'_, i32>),
        // Neither.
        family!(Rc<i32>),
    ];
    print_table(
        &["Send", "Sync"],
        families
            .iter()
            .flatten()
            .map(|row| (row.ty, vec![row.send, row.sync])),
    );
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

/// Prints a header line and one line per row: the type, then `yes` or `no` under
/// each column, at least two spaces between columns.
fn print_table(columns: &[&str], rows: impl IntoIterator<Item = (&'static str, Vec<bool>)>) {
    let rows: Vec<_> = rows.into_iter().collect();
    let width = rows.iter().map(|(ty, _)| ty.len()).max().unwrap_or(0);
    let mut header = format!("{:<width$}", "type");
    for column in columns {
        header += &format!("  {column}");
    }
    println!("{header}");
    for (ty, cells) in &rows {
        let mut line = format!("{ty:<width$}");
        for (column, &cell) in columns.iter().zip(cells) {
            line += &format!("  {:<1$}", yes_no(cell), column.len());
        }
        println!("{}", line.trim_end());
    }
}

fn yes_no(answer: bool) -> &'static str {
    if answer { "yes" } else { "no" }
}

fn main() -> ExitCode {
    // `args_os`, not `args`: an argument that is not UTF-8 is a usage error, not a panic.
    let args: Vec<String> = env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    match args.as_slice() {
        [] => SECTIONS.iter().for_each(run),
        [flag] if flag == "-h" || flag == "--help" => print!("{}", usage()),
        [flag] if flag == "--list" => {
            for (name, claim, _) in SECTIONS {
                println!("{name}  {claim}");
            }
        }
        [name] => match SECTIONS.iter().find(|section| section.0 == name) {
            Some(section) => run(section),
            None => return usage_error(&format!("unknown section `{name}`")),
        },
        _ => return usage_error("expected at most one section name"),
    }
    ExitCode::SUCCESS
}

fn run((name, claim, show): &(&str, &str, fn())) {
    println!("=== {name}: {claim} ===");
    show();
}

fn usage() -> String {
    let mut text = format!(
        "Usage: {NAME} [SECTION]\n\n\
         Runs every section in teaching order, or only SECTION.\n\n\
         Options:\n  --list      one line per section: its name and the claim it shows\n  \
         -h, --help  print this help\n\nSections:\n"
    );
    let width = SECTIONS
        .iter()
        .map(|section| section.0.len())
        .max()
        .unwrap_or(0);
    for (name, claim, _) in SECTIONS {
        text += &format!("  {name:<width$}  {claim}\n");
    }
    text
}

/// A wrong command line is the user's mistake, not a bug: say what was wrong,
/// print the usage, and exit with 2 (no panic, no backtrace).
fn usage_error(problem: &str) -> ExitCode {
    eprint!("error: {problem}\n\n{}", usage());
    ExitCode::from(2)
}
