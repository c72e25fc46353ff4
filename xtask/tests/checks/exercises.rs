//! The exercises of `cargo xtask exercise` (`xtask/src/exercises.rs`), checked with
//! the xtask's own functions, included here: each bug still fits its section and
//! fails its check as the table says; each section, the solution, passes; the proof
//! and sleep rules refuse what they must.
//!
//! A check here makes `RUNS` run, not a learner's 20, and none beside busy cores:
//! with every binary running at once, spinning rivals would only slow the other
//! tests. Each bug fails on every run (the table's rule), so its first run shows it;
//! the 20-run figures, free and pinned, are measured once in the note that adds an
//! exercise. Builds go `available_parallelism()` at a time, then every run at once,
//! so a hang costs one `exercise::TIMEOUT` in all. Nothing here reads or writes the
//! learner's `exercises/`: every file goes under `CARGO_TARGET_TMPDIR`.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread;

use predicates::prelude::*;

use super::{root, tasks, workspace};

#[allow(dead_code)] // the command's own paths (`run`, the report) are not called here
#[path = "../../src/exercise.rs"]
mod exercise;
/// The table; `exercise.rs` finds it as `super::exercises`.
#[path = "../../src/exercises.rs"]
mod table;
use table as exercises;

use exercise::{Exercise, Fails, Outcome, State};
use table::EXERCISES;

/// Runs a check makes here (the first run of a learner's check is the free one).
const RUNS: usize = 1;

/// A fresh folder of this test's own under `CARGO_TARGET_TMPDIR`.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("exercise-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// The section of an exercise, line endings made LF.
fn section_of(exercise: &Exercise) -> String {
    exercise::read_text(&root().join(exercise::section_file(exercise))).expect("a section file")
}

/// Builds each (file, binary), `available_parallelism()` at a time, and runs each
/// binary `RUNS` times as soon as it is built, so that a hang's timeout passes while
/// the others build: the outcome of each job, in order.
fn check_all(jobs: &[(PathBuf, PathBuf)]) -> Vec<Outcome> {
    let next = Mutex::new(0..jobs.len());
    let outcomes: Mutex<Vec<Option<Outcome>>> = Mutex::new(jobs.iter().map(|_| None).collect());
    let workers = thread::available_parallelism().map_or(1, |n| n.get());
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(i) = next.lock().unwrap().next() {
                    let (file, binary) = &jobs[i];
                    let outcomes = &outcomes;
                    match exercise::compile(&root(), file, binary, false).expect("rustc runs") {
                        Err(rustc_said) => {
                            outcomes.lock().unwrap()[i] = Some(Outcome::DoesNotCompile(rustc_said));
                        }
                        Ok(()) => {
                            scope.spawn(move || {
                                let outcome = exercise::run_many(binary, RUNS, exercise::TIMEOUT)
                                    .expect("the binary runs");
                                outcomes.lock().unwrap()[i] = Some(outcome);
                            });
                        }
                    }
                }
            });
        }
    });
    outcomes
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|outcome| outcome.expect("every job checked"))
        .collect()
}

/// What a check saw, in a few words.
fn describe(outcome: &Outcome) -> String {
    match outcome {
        Outcome::DoesNotCompile(rustc_said) => format!("does not compile:\n{rustc_said}"),
        Outcome::Failed {
            run, code, stderr, ..
        } => {
            format!("run {run} failed with exit code {code:?}; stderr:\n{stderr}")
        }
        Outcome::DidNotEnd { run, .. } => format!("run {run} did not end"),
        Outcome::Passed => format!("all {RUNS} runs passed"),
    }
}

fn expected(fails: &Fails) -> String {
    match fails {
        Fails::Compile(code) => format!("a compile error {code}"),
        Fails::Panic(text) => format!("a failed run whose stderr holds `{text}`"),
        Fails::Hangs(_) => "a run that does not end".to_owned(),
    }
}

#[test]
fn every_exercise_fits_its_section_and_keeps_its_proof() {
    let mut names = Vec::new();
    for exercise in EXERCISES {
        let name = exercise.name;
        assert!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "the exercise name `{name}` is not kebab-case"
        );
        assert!(!names.contains(&name), "two exercises are named `{name}`");
        names.push(name);
        assert!(
            exercise::sections(&root(), exercise.krate).contains(&exercise.section.to_owned()),
            "the exercise `{name}` names the section `{}` of `{}`, which its SECTIONS does not list",
            exercise.section,
            exercise.krate
        );
        let section = section_of(exercise);
        // Each find text once, outside the `//!`, or an error naming the exercise.
        let text = exercise::exercise_text(exercise, &section).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            text.contains(&format!("//! Check:    cargo xtask exercise {name}\n")),
            "the file of `{name}` does not say how to check it:\n{text}"
        );
        // The file as written keeps the proof: only its bug is to fix.
        let refused = exercise::refusals(exercise, &section, &text).expect("it fits");
        assert!(
            refused.is_empty(),
            "`{name}` as written is refused: {refused:?}"
        );
    }
}

#[test]
fn a_crlf_checkout_fits_every_exercise_as_well() {
    let dir = scratch("crlf");
    for exercise in EXERCISES {
        let crlf = dir.join(format!("{}.rs", exercise.name));
        fs::write(&crlf, section_of(exercise).replace('\n', "\r\n")).expect("written");
        let section = exercise::read_text(&crlf).expect("read");
        exercise::exercise_text(exercise, &section).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn every_exercise_as_written_fails_its_check_as_the_table_says() {
    let dir = scratch("bugs");
    // The hangs first: their timeouts then pass while the others build.
    let mut ordered: Vec<&Exercise> = EXERCISES.iter().collect();
    ordered.sort_by_key(|exercise| !matches!(exercise.fails, Fails::Hangs(_)));
    let jobs: Vec<(PathBuf, PathBuf)> = ordered
        .iter()
        .map(|exercise| {
            let file = dir.join(format!("{}.rs", exercise.name));
            let text = exercise::exercise_text(exercise, &section_of(exercise))
                .unwrap_or_else(|e| panic!("{e}"));
            fs::write(&file, text).expect("written");
            let binary = dir.join(format!("{}{}", exercise.name, std::env::consts::EXE_SUFFIX));
            (file, binary)
        })
        .collect();
    let mut wrong = Vec::new();
    for (exercise, outcome) in ordered.iter().zip(check_all(&jobs)) {
        if !exercise.fails.is(&outcome) {
            wrong.push(format!(
                "the exercise `{}` must fail with {}, but it {}",
                exercise.name,
                expected(&exercise.fails),
                describe(&outcome)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn every_section_of_an_exercise_passes_its_check() {
    let dir = scratch("solutions");
    let mut jobs: Vec<(PathBuf, PathBuf)> = Vec::new();
    for exercise in EXERCISES {
        let file = PathBuf::from(exercise::section_file(exercise));
        let binary = dir.join(format!(
            "{}-{}{}",
            exercise.krate,
            exercise.section,
            std::env::consts::EXE_SUFFIX
        ));
        if !jobs.contains(&(file.clone(), binary.clone())) {
            jobs.push((file, binary));
        }
        // The solution keeps the proof, by the same rules as a learner's fix.
        let section = section_of(exercise);
        let refused = exercise::refusals(exercise, &section, &section).expect("it fits");
        assert!(
            refused.is_empty(),
            "the section of `{}` is refused as its own solution: {refused:?}",
            exercise.name
        );
    }
    let mut wrong = Vec::new();
    for ((file, _), outcome) in jobs.iter().zip(check_all(&jobs)) {
        if !matches!(outcome, Outcome::Passed) {
            wrong.push(format!("{}: {}", file.display(), describe(&outcome)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

/// The section with `line` put in before the line at byte `at`, indented alike.
fn with_line_before(section: &str, at: usize, line: &str) -> String {
    let start = section[..at].rfind('\n').map_or(0, |i| i + 1);
    format!("{}    {line}\n{}", &section[..start], &section[start..])
}

#[test]
fn an_edited_assertion_an_early_exit_or_an_added_sleep_is_not_counted() {
    for exercise in EXERCISES {
        let name = exercise.name;
        let section = section_of(exercise);
        let refused =
            |learner: &str| exercise::refusals(exercise, &section, learner).expect("fits");
        let spans = exercise::bug_spans(exercise, &section).expect("fits");
        let first_fix = spans[0].0.start;

        // The section's last assertion weakened (the bug may not reach it).
        let fixed = |at: usize| spans.iter().any(|(span, _)| span.contains(&at));
        if let Some(at) = section.rfind("assert").filter(|&at| !fixed(at)) {
            let end = at
                + section[at..]
                    .find(";\n")
                    .expect("an assertion ends with `;`");
            let edited = format!("{}assert!(true){}", &section[..at], &section[end..]);
            let refused = refused(&edited);
            assert!(
                refused.iter().any(|r| r.contains("the proof was changed")),
                "`{name}`: an edited assertion is not refused: {refused:?}"
            );
        }
        // `exit(0)` at the top of main, outside the fix.
        let main = section.find("pub fn main() {\n").expect("a main") + "pub fn main() {\n".len();
        let exits = refused(&with_line_before(&section, main, "std::process::exit(0);"));
        assert!(
            !exits.is_empty(),
            "`{name}`: exit(0) at the top of main is not refused"
        );
        // Inside the fix's lines: an early end, and a sleep.
        let returns = refused(&with_line_before(&section, first_fix, "return;"));
        assert!(
            returns
                .iter()
                .any(|r| r.contains("ends early skips its proof")),
            "`{name}`: a `return` in the fix is not refused: {returns:?}"
        );
        // As a learner may write it, with `use std::thread::sleep;` at the top.
        let sleep = "sleep(std::time::Duration::from_millis(1));";
        let sleeps = refused(&with_line_before(&section, first_fix, sleep));
        assert!(
            sleeps.len() == 1 && sleeps[0].starts_with("the fix adds a wait (`sleep(`, line "),
            "`{name}`: a sleep in the fix: {sleeps:?}"
        );
        // Comments, blank lines, `use` lines and indentation are free.
        let loose = with_line_before(&section, main, "// mine\n\n    use std::thread;\n")
            .replace("    ", "  ");
        assert_eq!(
            refused(&loose),
            Vec::<String>::new(),
            "`{name}`: loose text"
        );
    }
}

#[test]
fn the_list_shows_every_exercise_in_teaching_order_with_its_state() {
    let dir = scratch("list");
    let [first, second, ..] = exercise::in_teaching_order(&root())[..] else {
        panic!("fewer than two exercises");
    };
    // The first solved (its file holds the text that passed), the second started.
    fs::create_dir_all(dir.join(first.krate)).expect("a folder");
    fs::create_dir_all(dir.join(second.krate)).expect("a folder");
    fs::create_dir_all(dir.join(".solved")).expect("a folder");
    fs::write(
        dir.join(first.krate).join(format!("{}.rs", first.name)),
        "fixed",
    )
    .expect("w");
    fs::write(dir.join(".solved").join(first.name), "fixed").expect("w");
    fs::write(
        dir.join(second.krate).join(format!("{}.rs", second.name)),
        "x",
    )
    .expect("w");
    assert_eq!(exercise::state(first, &dir), State::Solved);
    assert_eq!(exercise::state(second, &dir), State::Started);

    let mut out = Vec::new();
    exercise::list(&mut out, &root(), &dir).unwrap_or_else(|e| panic!("{e}"));
    let out = String::from_utf8(out).expect("UTF-8");
    let rows: Vec<Vec<&str>> = out
        .lines()
        .filter(|line| line.starts_with("  "))
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), EXERCISES.len(), "{out}");
    assert_eq!(rows[0][..2], ["solved", first.name], "{out}");
    assert_eq!(rows[1][..2], ["started", second.name], "{out}");
    assert!(rows[2..].iter().all(|row| row[0] == "not started"), "{out}");
    // Teaching order: the crates in the workspace's order.
    let crates = workspace::example_crates();
    let order: Vec<usize> = exercise::in_teaching_order(&root())
        .iter()
        .map(|e| crates.iter().position(|c| c == e.krate).expect("a crate"))
        .collect();
    assert!(order.is_sorted(), "{out}");
    assert!(
        out.ends_with(&format!(
            "1 of {} solved. Next: cargo xtask exercise {}\n",
            EXERCISES.len(),
            second.name
        )),
        "{out}"
    );
}

#[test]
fn exercise_hint_prints_the_hint_and_a_wrong_command_line_exits_with_code_2() {
    let exercise = &EXERCISES[0];
    tasks(&["exercise", exercise.name, "--hint"])
        .assert()
        .success()
        .stdout(predicate::str::contains(exercise.hint));
    // A wrong name gets the names; a wrong option, what the options are.
    for (args, names) in [
        (&["exercise", "no-such-exercise"][..], true),
        (&["exercise", exercise.name, exercise.name], true),
        (&["exercise", "--hint"], true),
        (&["exercise", exercise.name, "--bogus"], false),
        (&["exercise", exercise.name, "--hint", "--reset"], false),
    ] {
        tasks(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::function(|err: &str| {
                let listed = EXERCISES.iter().all(|e| err.contains(e.name));
                listed == names && err.contains("Usage:")
            }));
    }
}
