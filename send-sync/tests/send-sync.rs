//! Tests of the `send-sync` binary's real output, each run checked against
//! `guarantees.txt` (its lines, their threads, the orderings every run keeps). The
//! program computes its tables' cells with a probe; these tests get the compiler's
//! answers by a second route, `known()`, and compare every cell, so a wrong probe fails
//! them. Each `yes` in `known()` is a compile-time assertion in this file; each `no` is
//! a bound that `rustc` must refuse (`every_no_in_known_is_refused_by_the_compiler`).
//! Only `spawn-needs-send` is racy: it runs `runs()` times, the others once.

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

/// Every type the sections print, with the compiler's answers.
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

/// What the data does not say of a section's lines: the cells of its table, the
/// compiler's answers (`known()`), and what they show.
const CHECKS: &Checks = &[
    ("table", every_cell_is_the_compilers),
    (
        "sync-means-ref-is-send",
        both_columns_are_the_compilers_t_sync_and_read_yes_and_no,
    ),
    (
        "generics-follow-parameters",
        every_cell_is_the_compilers_and_each_container_reads_like_its_parameter,
    ),
    (
        "spawn-needs-send",
        every_cell_is_the_compilers_and_a_blank_line_ends_the_table,
    ),
];

/// The rows of the table a section prints first: after its header (guarantees.txt gives
/// the header's text and the rows' types, in order), a line per row up to a blank line
/// or the end, a type and two cells of `yes` or `no`.
fn table(lines: &[String]) -> Vec<(String, [bool; 2])> {
    let rows = lines.iter().skip(1).take_while(|line| !line.is_empty());
    rows.map(|line| {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.split_last_chunk::<2>() {
            Some((ty, cells))
                if !ty.is_empty() && cells.iter().all(|c| ["yes", "no"].contains(c)) =>
            {
                (ty.join(" "), cells.map(|cell| cell == "yes"))
            }
            _ => panic!(
                "`{line}` is not a row (a type, then `yes` or `no` twice), nor the blank line \
                 that ends the table"
            ),
        }
    })
    .collect()
}

/// A `type  Send  Sync` table's rows, each checked against the compiler's answers.
fn send_sync_table(lines: &[String]) -> Vec<(String, [bool; 2])> {
    let rows = table(lines);
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

/// Every cell of a `type  Send  Sync` table is the compiler's answer.
fn every_cell_is_the_compilers(lines: &[String]) {
    send_sync_table(lines);
}

/// Both columns the compiler's `T: Sync`, on rows that read `yes` and rows that read
/// `no`.
fn both_columns_are_the_compilers_t_sync_and_read_yes_and_no(lines: &[String]) {
    let rows = table(lines);
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

/// Each `Vec<P>`, `Option<P>` and `Box<P>` reads like the row of its `P`, and the `P`s
/// are of all four kinds.
fn every_cell_is_the_compilers_and_each_container_reads_like_its_parameter(lines: &[String]) {
    let rows = send_sync_table(lines);
    let cells_of = |ty: &str| rows.iter().find(|(row, _)| row == ty).map(|(_, c)| c);
    let mut kinds: Vec<&[bool; 2]> = Vec::new();
    for (ty, cells) in &rows {
        let parameter = ["Vec<", "Option<", "Box<"]
            .iter()
            .find_map(|container| ty.strip_prefix(container)?.strip_suffix('>'))
            .filter(|p| cells_of(p).is_some());
        match parameter {
            Some(p) => assert_eq!(
                Some(cells),
                cells_of(p),
                "the container `{ty}` does not read like `{p}`"
            ),
            None => kinds.push(cells),
        }
    }
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds.len(), 4, "a parameter of each kind");
}

/// The blank line under the table stands right after its last row, which guarantees.txt
/// cannot say (an order cannot end at a blank line): `table` reads rows up to the blank
/// line, fails on any other line it meets first, and finds all three rows.
fn every_cell_is_the_compilers_and_a_blank_line_ends_the_table(lines: &[String]) {
    let rows = send_sync_table(lines);
    assert_eq!(
        rows.len(),
        3,
        "the blank line does not stand right after the table's 3 rows"
    );
}

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
