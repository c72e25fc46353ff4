//! Tests of the `send-sync` binary's real output. The program computes its tables
//! with a probe; these tests get the compiler's answers by a second route and compare
//! every row, so a wrong probe fails them:
//! - every `yes` in `known()` is a compile-time assertion in this file
//!   (`assert_send::<T>()` / `assert_sync::<T>()`): were it wrong, this file would
//!   not compile;
//! - every `no` in `known()` is a bound the compiler must refuse: one test hands all
//!   of them to `rustc` and requires an E0277 on each one's line.
//!
//! Nothing in the program is racy (it starts no threads), so each section runs once.

// ---- the test helpers: the same in every example crate's tests (xtask/tests checks it) ----

use assert_cmd::cargo::cargo_bin_cmd;
use std::time::Duration;

/// Far more than any section needs: a deadlock fails the test instead of hanging it.
const TIMEOUT: Duration = Duration::from_secs(10);

/// How many times a racy section runs per test (default 5); raise it for a soak
/// with `EXAMPLE_RUNS=200 cargo test`.
#[allow(dead_code)] // a crate whose sections start no threads has nothing racy
fn runs() -> usize {
    std::env::var("EXAMPLE_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5)
}

/// Runs this crate's binary with `args`, checks that it succeeded within `TIMEOUT`,
/// and returns its stdout.
fn stdout_of(args: &[&str]) -> String {
    let assert = cargo_bin_cmd!()
        .args(args)
        .timeout(TIMEOUT)
        .assert()
        .success();
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

/// Runs one section and returns its stdout lines after the header.
fn section(name: &str) -> Vec<String> {
    let stdout = stdout_of(&[name]);
    let mut lines = stdout.lines().map(str::to_owned);
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with(&format!("=== {name}: ")) && header.ends_with(" ==="),
        "the first line should be the header of `{name}`:\n{stdout}"
    );
    lines.collect()
}

/// The position of the one line equal to `wanted`, with the whole output on failure.
fn position(lines: &[String], wanted: &str) -> usize {
    let found: Vec<usize> = (0..lines.len()).filter(|&i| lines[i] == wanted).collect();
    assert_eq!(
        found.len(),
        1,
        "expected `{wanted}` exactly once in:\n{}",
        lines.join("\n")
    );
    found[0]
}

// ---- end of the test helpers ----

use std::cell::{Cell, RefCell};
use std::path::Path;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU8};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, mpsc};

/// Compiles only when `T: Send`.
fn assert_send<T: ?Sized + Send>() {}

/// Compiles only when `T: Sync`.
fn assert_sync<T: ?Sized + Sync>() {}

/// Defines the program's `Point` here too, and keeps its text, so a test can check
/// that `src/table.rs` defines the very same struct.
macro_rules! same_point {
    ($($definition:tt)*) => {
        #[allow(dead_code)]
        $($definition)*
        const POINT: &str = stringify!($($definition)*);
    };
}
same_point! {
    struct Point {
        x: i32,
        y: f32,
    }
}

/// What the compiler says about one type.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Known {
    ty: &'static str,
    send: bool,
    sync: bool,
}

/// A row of `known()`. A `yes` expands to a compile-time assertion; a `no` is checked
/// by `every_no_in_this_tests_list_is_refused_by_the_compiler`.
macro_rules! known {
    ($t:ty, yes, yes) => {{
        assert_send::<$t>();
        assert_sync::<$t>();
        Known {
            ty: stringify!($t),
            send: true,
            sync: true,
        }
    }};
    ($t:ty, yes, no) => {{
        assert_send::<$t>();
        Known {
            ty: stringify!($t),
            send: true,
            sync: false,
        }
    }};
    ($t:ty, no, yes) => {{
        assert_sync::<$t>();
        Known {
            ty: stringify!($t),
            send: false,
            sync: true,
        }
    }};
    ($t:ty, no, no) => {{
        // Nothing to assert at compile time; this only checks that the type exists.
        let _ = std::marker::PhantomData::<$t>;
        Known {
            ty: stringify!($t),
            send: false,
            sync: false,
        }
    }};
}

/// Every type any section of the program prints, with the compiler's answers.
fn known() -> Vec<Known> {
    vec![
        known!(i8, yes, yes),
        known!(i32, yes, yes),
        known!(f32, yes, yes),
        known!(bool, yes, yes),
        known!(char, yes, yes),
        known!(&str, yes, yes),
        known!((i32, f64), yes, yes),
        known!([i32; 3], yes, yes),
        known!(&[i32], yes, yes),
        known!(Point, yes, yes),
        known!(String, yes, yes),
        known!(Option<i32>, yes, yes),
        known!(Vec<i32>, yes, yes),
        known!(Box<i32>, yes, yes),
        known!(Arc<i32>, yes, yes),
        known!(Mutex<i32>, yes, yes),
        known!(AtomicBool, yes, yes),
        known!(AtomicU8, yes, yes),
        known!(mpsc::Sender<i32>, yes, yes),
        known!(mpsc::Receiver<i32>, yes, no),
        known!(Cell<i32>, yes, no),
        known!(RefCell<i32>, yes, no),
        known!(MutexGuard<'_, i32>, no, yes),
        known!(Rc<i32>, no, no),
        known!(*const i32, no, no),
        known!(*mut i32, no, no),
        known!(Mutex<Cell<i32>>, yes, yes),
        known!(Mutex<RefCell<i32>>, yes, yes),
        known!(RwLock<Cell<i32>>, yes, no),
        known!(Mutex<Rc<i32>>, no, no),
        known!(MutexGuard<'_, Cell<i32>>, no, no),
        known!(Arc<Cell<i32>>, no, no),
        known!(Arc<Mutex<i32>>, yes, yes),
        known!(Arc<Mutex<Cell<i32>>>, yes, yes),
        known!(Vec<Cell<i32>>, yes, no),
        known!(Option<Cell<i32>>, yes, no),
        known!(Box<Cell<i32>>, yes, no),
        known!(Vec<MutexGuard<'_, i32>>, no, yes),
        known!(Option<MutexGuard<'_, i32>>, no, yes),
        known!(Box<MutexGuard<'_, i32>>, no, yes),
        known!(Vec<Rc<i32>>, no, no),
        known!(Option<Rc<i32>>, no, no),
        known!(Box<Rc<i32>>, no, no),
    ]
}

/// The compiler's answers for `ty`, or a failure that says what to add.
fn lookup(ty: &str) -> Known {
    known()
        .into_iter()
        .find(|known| known.ty == ty)
        .unwrap_or_else(|| {
            panic!("the program prints a row `{ty}` that the test does not know: add it to known()")
        })
}

/// One parsed row: the type, then one bool per column.
type Row = (String, Vec<bool>);

/// Parses the table a section prints first (`stdout` is its lines after the header):
/// a column header line (columns separated by at least two spaces), then rows of a
/// type and `yes`/`no` cells, up to the first blank line. Returns the column names
/// and the rows.
fn table(stdout: &str) -> (Vec<String>, Vec<Row>) {
    let split = |line: &str| -> Vec<String> {
        line.split("  ")
            .map(str::trim)
            .filter(|cell| !cell.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut lines = stdout.lines();
    let columns = split(lines.next().unwrap_or_default());
    assert_eq!(
        columns.first().map(String::as_str),
        Some("type"),
        "no table header:\n{stdout}"
    );
    let rows: Vec<Row> = lines
        .take_while(|line| !line.is_empty())
        .map(|line| {
            let cells = split(line);
            assert_eq!(cells.len(), columns.len(), "row `{line}`:\n{stdout}");
            let answers = cells[1..]
                .iter()
                .map(|cell| match cell.as_str() {
                    "yes" => true,
                    "no" => false,
                    other => panic!("cell `{other}` is neither yes nor no:\n{stdout}"),
                })
                .collect();
            (cells[0].clone(), answers)
        })
        .collect();
    assert!(!rows.is_empty(), "an empty table:\n{stdout}");
    (columns, rows)
}

/// Checks every row of a `type  Send  Sync` table against `known()`.
fn assert_rows_match_the_compiler(stdout: &str) -> Vec<Row> {
    let (columns, rows) = table(stdout);
    assert_eq!(columns, ["type", "Send", "Sync"], "{stdout}");
    for (ty, cells) in &rows {
        let known = lookup(ty);
        assert_eq!(
            (cells[0], cells[1]),
            (known.send, known.sync),
            "the row `{ty}` says (Send, Sync) = {:?}, the compiler says {:?}:\n{stdout}",
            (cells[0], cells[1]),
            (known.send, known.sync)
        );
    }
    rows
}

/// Adds `item` to `list` unless it is there already: a set, for a few items.
fn push_new<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

#[test]
fn every_row_of_the_table_matches_the_compilers_answer_in_this_test() {
    let stdout = section("table").join("\n");
    let rows = assert_rows_match_the_compiler(&stdout);
    // Each of the four kinds is in the table, so no probe that answers one way passes.
    let mut kinds: Vec<(bool, bool)> = Vec::new();
    for (_, c) in &rows {
        push_new(&mut kinds, (c[0], c[1]));
    }
    assert_eq!(kinds.len(), 4, "{stdout}");
}

#[test]
fn the_table_has_a_row_for_every_type_the_notes_list_and_for_each_correction() {
    // The notes' lists, with concrete parameters, in the notes' order.
    const NOTES: &[&str] = &[
        "i8",
        "f32",
        "bool",
        "char",
        "&str",
        "(i32, f64)",
        "[i32; 3]",
        "&[i32]",
        "Point",
        "String",
        "Option<i32>",
        "Vec<i32>",
        "Box<i32>",
        "Arc<i32>",
        "Mutex<i32>",
        "AtomicBool",
        "AtomicU8",
        "mpsc::Sender<i32>",
        "mpsc::Receiver<i32>",
        "Cell<i32>",
        "RefCell<i32>",
        "MutexGuard<'_, i32>",
        "Rc<i32>",
        "*const i32",
        "*mut i32",
    ];
    // The rows that show where the notes are out of date, and containers of a
    // !Send or !Sync type.
    const CORRECTIONS: &[&str] = &[
        "Mutex<Cell<i32>>",
        "Mutex<RefCell<i32>>",
        "RwLock<Cell<i32>>",
        "Arc<Cell<i32>>",
        "Arc<Mutex<i32>>",
        "Arc<Mutex<Cell<i32>>>",
        "Vec<Rc<i32>>",
        "Option<Rc<i32>>",
        "Box<Cell<i32>>",
    ];
    let stdout = section("table").join("\n");
    let (_, rows) = table(&stdout);
    let names: Vec<&str> = rows.iter().map(|(ty, _)| ty.as_str()).collect();
    for ty in NOTES.iter().chain(CORRECTIONS) {
        assert!(names.contains(ty), "the table has no row `{ty}`:\n{stdout}");
    }
    // In the notes' order: the reader can hold the table next to the notes.
    let in_notes_order: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| NOTES.contains(name))
        .collect();
    assert_eq!(in_notes_order, NOTES, "{stdout}");
}

#[test]
fn the_out_of_date_note_cites_rows_of_the_table_that_prove_it() {
    let lines = section("table");
    let stdout = lines.join("\n");
    let (_, rows) = table(&stdout);
    // The note is the lines after its heading, which comes after the table.
    let heading = position(&lines, "Where the notes are out of date:");
    assert!(
        heading > rows.len(),
        "the note stands above the table:\n{stdout}"
    );
    let note: Vec<&str> = lines[heading + 1..]
        .iter()
        .map(String::as_str)
        .filter(|line| line.starts_with("- "))
        .collect();
    assert_eq!(note.len(), 2, "two out-of-date places:\n{stdout}");
    // Every citation `(T: Sync yes; U: Sync no)` is the row of that type in the
    // table above, and the compiler's answer.
    let mut cited = Vec::new();
    for line in &note {
        for group in line.split('(').skip(1) {
            let group = group.split(')').next().unwrap_or_default();
            for citation in group.split("; ") {
                let (ty, cell) = citation
                    .rsplit_once(": Sync ")
                    .unwrap_or_else(|| panic!("`{citation}` is not a citation:\n{stdout}"));
                let row = rows.iter().find(|(name, _)| name == ty).unwrap_or_else(|| {
                    panic!("the note cites `{ty}`, not in the table:\n{stdout}")
                });
                let sync = cell == "yes";
                assert!(
                    row.1[1] == sync && lookup(ty).sync == sync,
                    "the note says `{citation}`, the table and the compiler disagree:\n{stdout}"
                );
                cited.push(citation.to_owned());
            }
        }
    }
    // Each statement is made with the rows that prove it.
    for (statement, proofs) in [
        (
            "mpsc::Sender<T> is Sync since Rust 1.72",
            &["mpsc::Sender<i32>: Sync yes"][..],
        ),
        (
            "Mutex<T> is Send + Sync whenever T: Send",
            &[
                "Mutex<Cell<i32>>: Sync yes",
                "Mutex<RefCell<i32>>: Sync yes",
                "RwLock<Cell<i32>>: Sync no",
            ],
        ),
    ] {
        let line = note
            .iter()
            .find(|line| line.contains(statement))
            .unwrap_or_else(|| panic!("the note does not say `{statement}`:\n{stdout}"));
        for proof in proofs {
            assert!(
                line.contains(&format!("({proof})"))
                    || line.contains(&format!("({proof};"))
                    || line.contains(&format!("; {proof})")),
                "`{statement}` is not cited with `{proof}`:\n{stdout}"
            );
        }
    }
    assert_eq!(cited.len(), 4, "{stdout}");
}

#[test]
fn every_no_in_this_tests_list_is_refused_by_the_compiler() {
    // One library, one line per `no`: `assert_send::<Rc<i32>>();` and so on. Each
    // line must give an E0277, and nothing else may go wrong.
    let mut source = format!(
        "#![allow(dead_code)]\n\
         use std::cell::{{Cell, RefCell}};\n\
         use std::rc::Rc;\n\
         use std::sync::atomic::{{AtomicBool, AtomicU8}};\n\
         use std::sync::{{Arc, Mutex, MutexGuard, RwLock, mpsc}};\n\
         {POINT}\n\
         fn assert_send<T: ?Sized + Send>() {{}}\n\
         fn assert_sync<T: ?Sized + Sync>() {{}}\n\
         pub fn refused() {{\n"
    );
    let mut expected = Vec::new();
    for known in known() {
        for (holds, bound) in [(known.send, "send"), (known.sync, "sync")] {
            if !holds {
                source += &format!("    assert_{bound}::<{}>();\n", known.ty);
                expected.push((source.lines().count(), format!("{}: {bound}", known.ty)));
            }
        }
    }
    source += "}\n";
    assert!(expected.len() > 20, "too few `no` cells to be a check");

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join(format!("send-sync-refused-{}.rs", std::process::id()));
    std::fs::write(&file, &source).expect("cannot write the probe source");
    // `$RUSTC` if it is set, else `rustc` on the PATH; with the same timeout as
    // every other run here.
    let output =
        assert_cmd::Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
            .timeout(TIMEOUT)
            .args([
                "--edition",
                "2024",
                "--crate-type",
                "lib",
                "--emit=metadata",
            ])
            .args(["--error-format=short", "--crate-name", "refused", "-o"])
            .arg(file.with_extension("rmeta"))
            .arg(&file)
            .output()
            .expect("cannot run rustc");
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_file(file.with_extension("rmeta"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let listing = format!("{source}\nrustc said:\n{stderr}");
    assert!(
        !output.status.success(),
        "rustc accepted every bound:\n{listing}"
    );

    // `path:line:column: error[E0277]: ...`, one line per error.
    let prefix = format!("{}:", file.display());
    let mut refused: Vec<usize> = Vec::new();
    for line in stderr.lines() {
        let Some(rest) = line.strip_prefix(&prefix) else {
            continue;
        };
        let (line_number, message) = rest.split_once(':').unwrap_or_default();
        let message = message.split_once(": ").map_or("", |(_, m)| m);
        if message.starts_with("error") {
            assert!(
                message.starts_with("error[E0277]"),
                "an error other than E0277:\n{listing}"
            );
            push_new(&mut refused, line_number.parse::<usize>().unwrap_or(0));
        }
    }
    for (line_number, bound) in &expected {
        assert!(
            refused.contains(line_number),
            "the compiler accepts `{bound}` (line {line_number}): the `no` in known() is wrong\n{listing}"
        );
    }
    assert_eq!(refused.len(), expected.len(), "{listing}");
}

#[test]
fn the_point_in_this_test_is_the_programs_point() {
    let squeeze = |text: &str| text.split_whitespace().collect::<String>();
    assert!(
        squeeze(include_str!("../src/table.rs")).contains(&squeeze(POINT)),
        "src/table.rs no longer defines `{POINT}`: change the `same_point!` in this test to match"
    );
}

#[test]
fn sync_and_ref_send_agree_for_every_type_and_match_the_compiler() {
    let stdout = section("sync-means-ref-is-send").join("\n");
    let (columns, rows) = table(&stdout);
    assert_eq!(columns, ["type", "T: Sync", "&T: Send"], "{stdout}");
    for (ty, cells) in &rows {
        assert_eq!(
            cells[0], cells[1],
            "`{ty}`: T: Sync and &T: Send disagree:\n{stdout}"
        );
        assert_eq!(
            cells[0],
            lookup(ty).sync,
            "`{ty}`: the compiler says otherwise:\n{stdout}"
        );
    }
    assert!(
        rows.iter().any(|(_, cells)| cells[0]) && rows.iter().any(|(_, cells)| !cells[0]),
        "both yes and no should appear:\n{stdout}"
    );
}

#[test]
fn each_container_reads_the_same_as_its_parameter_for_all_four_kinds() {
    const CONTAINERS: [&str; 3] = ["Vec", "Option", "Box"];
    let stdout = section("generics-follow-parameters").join("\n");
    let rows = assert_rows_match_the_compiler(&stdout);
    let cells_of = |ty: &str| rows.iter().find(|(name, _)| name == ty).map(|row| &row.1);
    let mut kinds: Vec<(bool, bool)> = Vec::new();
    let mut containers = 0;
    for (ty, cells) in &rows {
        let parameter = CONTAINERS.iter().find_map(|container| {
            ty.strip_prefix(container)?
                .strip_prefix('<')?
                .strip_suffix('>')
        });
        match parameter {
            Some(parameter) => {
                containers += 1;
                assert_eq!(
                    Some(cells),
                    cells_of(parameter),
                    "`{ty}` does not read like `{parameter}`:\n{stdout}"
                );
            }
            None => {
                push_new(&mut kinds, (cells[0], cells[1]));
                for container in CONTAINERS {
                    let wanted = format!("{container}<{ty}>");
                    assert!(cells_of(&wanted).is_some(), "no row `{wanted}`:\n{stdout}");
                }
            }
        }
    }
    assert_eq!(kinds.len(), 4, "a parameter of each kind:\n{stdout}");
    assert_eq!(containers, 3 * kinds.len(), "{stdout}");
}

#[test]
fn every_section_prints_the_same_alone_as_in_the_whole_run() {
    // Run order is --list order, under the right headers: xtask/tests checks that for
    // every crate. This crate's own claim: every answer is the compiler's, fixed before
    // the program runs, so the whole run prints exactly what each section prints alone.
    let names: Vec<String> = stdout_of(&["--list"])
        .lines()
        .map(|line| line.split("  ").next().unwrap_or_default().to_owned())
        .collect();
    let alone: String = names
        .iter()
        .map(|name| stdout_of(&[name.as_str()]))
        .collect();
    assert_eq!(stdout_of(&[]), alone);
}
