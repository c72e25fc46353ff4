//! Tests of the `send-sync` binary's real output. The program computes its tables with
//! a probe; these tests get the compiler's answers by a second route, `known()`, and
//! compare every cell, so a wrong probe fails them. Each `yes` in `known()` is a
//! compile-time assertion in this file; each `no` is a bound that `rustc` must refuse
//! (`every_no_in_known_is_refused_by_the_compiler`). Nothing is racy: one run each.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

/// Defines the items here, and keeps their text for the source given to `rustc`.
macro_rules! with_text {
    ($name:ident: $($items:tt)*) => {
        $($items)*
        const $name: &str = stringify!($($items)*);
    };
}
with_text!(USES:
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use std::sync::atomic::{AtomicBool, AtomicU8};
    use std::sync::{Arc, Mutex, MutexGuard, RwLock, mpsc};
);
// The program's `Point` (`the_point_here_is_the_programs_point`).
with_text!(POINT:
    #[allow(dead_code)]
    struct Point {
        x: i32,
        y: f32,
    }
);

/// `yes`: asserts at compile time that `$t: $bound`; `no`: left to `rustc`.
macro_rules! holds {
    (yes, $t:ty, $bound:path) => {{
        fn holds<T: ?Sized + $bound>() {}
        holds::<$t>();
        true
    }};
    (no, $t:ty, $bound:path) => {{
        let _ = std::marker::PhantomData::<$t>; // the type exists
        false
    }};
}

/// A type's name, whether it is `Send`, whether it is `Sync`.
type Known = (&'static str, bool, bool);

macro_rules! known {
    ($($t:ty: $send:ident $sync:ident),* $(,)?) => {
        vec![$((stringify!($t), holds!($send, $t, Send), holds!($sync, $t, Sync))),*]
    };
}

/// The table's rows, in its order: the notes' types in the notes' order, then the
/// corrections.
const TABLE_ROWS: usize = 36;

/// The table's rows, then the other types the other sections print.
fn known() -> Vec<Known> {
    known![
        i8: yes yes, f32: yes yes, bool: yes yes, char: yes yes, &str: yes yes,
        (i32, f64): yes yes, [i32; 3]: yes yes, &[i32]: yes yes, Point: yes yes,
        String: yes yes, Option<i32>: yes yes, Vec<i32>: yes yes, Box<i32>: yes yes,
        Arc<i32>: yes yes, Mutex<i32>: yes yes, AtomicBool: yes yes, AtomicU8: yes yes,
        mpsc::Sender<i32>: yes yes, mpsc::Receiver<i32>: yes no, Cell<i32>: yes no,
        RefCell<i32>: yes no, MutexGuard<'_, i32>: no yes, Rc<i32>: no no,
        *const i32: no no, *mut i32: no no,
        Mutex<Cell<i32>>: yes yes, Mutex<RefCell<i32>>: yes yes, RwLock<Cell<i32>>: yes no,
        Mutex<Rc<i32>>: no no, MutexGuard<'_, Cell<i32>>: no no, Arc<Cell<i32>>: no no,
        Arc<Mutex<i32>>: yes yes, Arc<Mutex<Cell<i32>>>: yes yes, Vec<Rc<i32>>: no no,
        Option<Rc<i32>>: no no, Box<Cell<i32>>: yes no,
        i32: yes yes, Vec<Cell<i32>>: yes no, Option<Cell<i32>>: yes no,
        Vec<MutexGuard<'_, i32>>: no yes, Option<MutexGuard<'_, i32>>: no yes,
        Box<MutexGuard<'_, i32>>: no yes, Box<Rc<i32>>: no no,
        Rc<Mutex<i32>>: no no, Arc<RefCell<i32>>: no no,
    ]
}

/// The notes' corrections and `&T: Send` for every `T` at once: compiles only if they
/// hold. (That `RwLock<T>` needs `T: Sync` is `RwLock<Cell<i32>>`'s `no` above.)
#[allow(dead_code)]
fn for_every_t<T: Send, S: Sync>() {
    fn send_sync<U: Send + Sync>() {}
    send_sync::<mpsc::Sender<T>>();
    send_sync::<Mutex<T>>();
    holds!(yes, &S, Send);
}

fn compiler(ty: &str) -> Known {
    known()
        .into_iter()
        .find(|known| known.0 == ty)
        .unwrap_or_else(|| panic!("a row `{ty}` that known() lacks: add it"))
}

/// The table a section prints first, up to a blank line: the header `columns`, then a
/// line per row, a type and two cells of `yes` or `no`.
fn table(lines: &[String], columns: &str) -> Vec<(String, Vec<bool>)> {
    fn words(line: &str) -> Vec<&str> {
        line.split_whitespace().collect()
    }
    let header = lines.first().map_or(Vec::new(), |line| words(line));
    assert_eq!(header.join(" "), columns);
    let rows = lines[1..].iter().take_while(|line| !line.is_empty());
    rows.map(|line| {
        let words = words(line);
        let (ty, cells) = words.split_at(words.len().saturating_sub(2));
        assert!(
            !ty.is_empty() && cells.iter().all(|cell| ["yes", "no"].contains(cell)),
            "the row `{line}`"
        );
        (
            ty.join(" "),
            cells.iter().map(|cell| *cell == "yes").collect(),
        )
    })
    .collect()
}

/// A `type  Send  Sync` table's rows, each checked against the compiler's answers.
fn send_sync_table(lines: &[String]) -> Vec<(String, Vec<bool>)> {
    let rows = table(lines, "type Send Sync");
    for (ty, cells) in &rows {
        let (_, send, sync) = compiler(ty);
        assert_eq!(
            cells,
            &[send, sync],
            "`{ty}`: the compiler says (Send, Sync) = {:?}",
            (send, sync)
        );
    }
    rows
}

/// Every row the compiler's answer, the notes' types in the notes' order, then the
/// corrections; under it the note, citing the rows that prove it.
fn table_is_right(lines: &[String]) {
    let rows = send_sync_table(lines);
    let names: Vec<&str> = rows.iter().map(|(ty, _)| ty.as_str()).collect();
    let expected: Vec<&str> = known()[..TABLE_ROWS].iter().map(|k| k.0).collect();
    assert_eq!(names, expected, "not the rows in order");
    assert_eq!(
        &lines[rows.len() + 1..],
        [
            "",
            "Where the notes (the 2023 text of Comprehensive Rust's concurrency chapter) differ \
             from std, in one rule that changed since and one that never held:",
            "- mpsc::Sender<T> is Sync since Rust 1.72, not Send + !Sync as the notes list \
             it (mpsc::Sender<i32>: Sync yes).",
            "- Mutex<T> is Send + Sync whenever T: Send (since Rust 1.0), not only when T is \
             both as the notes say, so a Mutex makes a Cell or a RefCell shareable \
             (Mutex<Cell<i32>>: Sync yes; Mutex<RefCell<i32>>: Sync yes); RwLock<T> does \
             need T: Send + Sync to be Sync (RwLock<Cell<i32>>: Sync no).",
        ]
    );
}

fn sync_means_ref_is_send_is_right(lines: &[String]) {
    let rows = table(lines, "type T: Sync &T: Send");
    for (ty, cells) in &rows {
        let sync = compiler(ty).2;
        assert_eq!(
            cells, &[sync; 2],
            "`{ty}`: both columns should be the compiler's T: Sync"
        );
    }
    assert!(
        rows.iter().any(|(_, c)| c[0]) && rows.iter().any(|(_, c)| !c[0]),
        "both yes and no rows"
    );
}

/// Families of four rows, `P`, `Vec<P>`, `Option<P>`, `Box<P>`, all alike, with a `P`
/// of each of the four kinds.
fn generics_follow_parameters_is_right(lines: &[String]) {
    let rows = send_sync_table(lines);
    let mut kinds: Vec<&Vec<bool>> = Vec::new();
    for family in rows.chunks(4) {
        let (p, cells) = &family[0];
        let names: Vec<&str> = family.iter().map(|(ty, _)| ty.as_str()).collect();
        let wanted = [
            p.clone(),
            format!("Vec<{p}>"),
            format!("Option<{p}>"),
            format!("Box<{p}>"),
        ];
        assert_eq!(names, wanted, "not a family");
        assert!(
            family.iter().all(|(_, c)| c == cells),
            "the containers of `{p}` do not read like it"
        );
        kinds.push(cells);
    }
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds.len(), 4, "a parameter of each kind");
}

/// The compiler's answers for the counter's type and its two near misses, then each
/// thread's line once, in any order, and main's total after every join.
fn spawn_needs_send_is_right(lines: &[String]) {
    let rows = send_sync_table(lines);
    let names: Vec<&str> = rows.iter().map(|(ty, _)| ty.as_str()).collect();
    assert_eq!(
        names,
        ["Arc<Mutex<i32>>", "Rc<Mutex<i32>>", "Arc<RefCell<i32>>"],
        "not the counter's type, then the two refused"
    );
    let threads: Vec<String> = (1..=4)
        .map(|i| format!("Thread {i}: added 1 to the shared counter 1000 times"))
        .collect();
    in_any_order_between(
        &lines[rows.len() + 1..],
        &[""],
        &threads,
        &["Main: joined 4 threads; the counter is 4000"],
    );
}

/// Every section in `--list` order with its checker.
const CHECKS: &Checks = &[
    ("table", table_is_right),
    ("sync-means-ref-is-send", sync_means_ref_is_send_is_right),
    (
        "generics-follow-parameters",
        generics_follow_parameters_is_right,
    ),
    ("spawn-needs-send", spawn_needs_send_is_right),
];

#[test]
fn every_cell_of_the_table_is_the_compilers_and_the_note_cites_its_corrections() {
    check(CHECKS, "table");
}

#[test]
fn t_is_sync_exactly_when_ref_t_is_send() {
    check(CHECKS, "sync-means-ref-is-send");
}

#[test]
fn each_container_reads_like_its_parameter_for_all_four_kinds() {
    check(CHECKS, "generics-follow-parameters");
}

#[test]
fn threads_share_a_counter_through_the_one_type_that_is_send_and_lose_no_add() {
    check_runs(CHECKS, "spawn-needs-send");
}

#[test]
fn each_section_ends_before_the_next_starts() {
    each_section_ends_before_the_next(CHECKS);
}

#[test]
fn every_no_in_known_is_refused_by_the_compiler() {
    // A line per `no`, `send::<Rc<i32>>();` and so on (and `send::<&T>()` for each
    // `T` that is not Sync), each of which must give an E0277.
    let mut source = format!(
        "#![allow(warnings)]\n{USES}\n{POINT}\nfn send<T: ?Sized + Send>() {{}}\n\
         fn sync<T: ?Sized + Sync>() {{}}\nfn refused() {{\n"
    );
    let mut expected = Vec::new();
    for (ty, send, sync) in known() {
        for (holds, call) in [(send, "send::<"), (sync, "sync::<"), (sync, "send::<&")] {
            if !holds {
                source += &format!("    {call}{ty}>();\n");
                expected.push(source.lines().count());
            }
        }
    }
    source += "}\n";
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("refused_{}.rs", std::process::id()));
    std::fs::write(&file, &source).expect("cannot write the source for rustc");
    let output = rustc()
        .args(["--edition=2024", "--crate-type=lib", "--emit=metadata"])
        .args(["--error-format=short", "-o"])
        .arg(file.with_extension("rmeta"))
        .arg(&file)
        .output()
        .expect("cannot run rustc");
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_file(file.with_extension("rmeta"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let listing = format!("{source}\nrustc said:\n{stderr}");
    // `<file>:<line>:<column>: error[E0277]: ...`, a line per error.
    let prefix = format!("{}:", file.display());
    let mut refused: Vec<usize> = stderr
        .lines()
        .filter_map(|line| {
            let (number, rest) = line.strip_prefix(&prefix)?.split_once(':')?;
            let error = rest.split_once(": error")?.1;
            assert!(error.starts_with("[E0277]"), "not an E0277:\n{listing}");
            number.parse().ok()
        })
        .collect();
    refused.sort();
    refused.dedup();
    assert_eq!(refused, expected, "the lines refused:\n{listing}");
}

#[test]
fn the_point_here_is_the_programs_point() {
    let squeeze = |text: &str| text.split_whitespace().collect::<String>();
    assert!(
        squeeze(include_str!("../src/table.rs")).contains(&squeeze(POINT)),
        "src/table.rs no longer defines `{POINT}`: make the `POINT` here the same"
    );
}
