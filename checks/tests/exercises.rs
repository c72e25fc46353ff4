//! The exercises of `cargo xtask exercise` (`checks/exercises/*.txt`), checked with
//! the checker's own functions (`src/bin/exercise/`): each bug fails as its file says
//! (under the schedules twice, the same way), each solution passes, and the wrong
//! fixes that reviewers found accepted, and some of our own, are refused.
//!
//! Checks run two at a time (a native hang, idle until its timeout, on a thread of its own), each with one native run (a learner's check makes 20):
//! every bug fails by construction (at compile time, under fixed seeds, or natively by
//! a certain hang or panic), so its first run shows it. Nothing here reads or writes
//! the learner's `exercises/`: every file goes under `CARGO_TARGET_TMPDIR`.

#[path = "../src/bin/exercise/check.rs"]
#[allow(dead_code)]
mod check;
#[path = "../src/bin/exercise/data.rs"]
#[allow(dead_code)]
mod data;
#[path = "../src/bin/exercise/tokens.rs"]
#[allow(dead_code)]
mod tokens;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread;

use check::{Checked, Verdict};
use data::{Exercise, Fails};

fn exercises() -> Vec<Exercise> {
    data::load_all(&data::root()).unwrap_or_else(|e| panic!("{e}"))
}

fn exercise(name: &str) -> Exercise {
    exercises()
        .into_iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no exercise `{name}`"))
}

fn section_of(exercise: &Exercise) -> String {
    data::read_text(&data::root().join(exercise.section_file())).expect("a section file")
}

/// The learner's file with every region's bug replaced by the section's lines.
fn solution(exercise: &Exercise) -> String {
    let mut text = exercise
        .learner_text(&section_of(exercise))
        .expect("it fits");
    for region in &exercise.regions {
        let marked = |lines: &str| format!("{}\n{lines}", data::START);
        let at = text
            .find(&marked(&region.after))
            .expect("the region, as written");
        let start = at + data::START.len() + 1;
        text.replace_range(start..start + region.after.len(), &region.before);
    }
    text
}

/// A folder of this test's own.
fn scratch_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("exercise-{name}"))
}

/// A fresh folder of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = scratch_path(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// Checks `text` as a fix of `exercise`, in a folder named `tag`, with one native run.
fn check(exercise: &Exercise, tag: &str, text: &str) -> Checked {
    let dir = scratch(&format!("{}-{tag}", exercise.name));
    let file = dir.join(format!("{}.rs", exercise.name));
    fs::write(&file, text).expect("written");
    check::check(exercise, &data::root(), &file, &dir.join("build"), 1)
        .unwrap_or_else(|e| panic!("{}: {e}", exercise.name))
}

/// A check to run, and whether it mostly waits (a native run that hangs until its
/// timeout).
type Job<'a, T> = (bool, Box<dyn FnOnce() -> T + Send + 'a>);

/// Runs the waiting jobs each on a thread of its own at once, so that their timeouts
/// pass together, and the others two at a time; the results in order.
fn in_parallel<T: Send>(jobs: Vec<Job<'_, T>>) -> Vec<T> {
    let waits: Vec<bool> = jobs.iter().map(|(waits, _)| *waits).collect();
    let jobs: Vec<Mutex<Option<Job<'_, T>>>> =
        jobs.into_iter().map(|job| Mutex::new(Some(job))).collect();
    let take = |i: usize| jobs[i].lock().unwrap().take().expect("each job once").1;
    let busy: Vec<usize> = (0..jobs.len()).filter(|&i| !waits[i]).collect();
    let next = Mutex::new(busy.into_iter());
    let results: Mutex<Vec<Option<T>>> = Mutex::new(jobs.iter().map(|_| None).collect());
    thread::scope(|scope| {
        for i in (0..jobs.len()).filter(|&i| waits[i]) {
            let (take, results) = (&take, &results);
            scope.spawn(move || {
                let result = take(i)();
                results.lock().unwrap()[i] = Some(result);
            });
        }
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let Some(i) = next.lock().unwrap().next() else {
                        break;
                    };
                    let result = take(i)();
                    results.lock().unwrap()[i] = Some(result);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every job ran"))
        .collect()
}

/// The failing schedule's verdict, all of it, for comparing two checks.
fn schedule_verdict(checked: &Checked) -> Option<String> {
    matches!(checked.verdict, Verdict::Schedule { .. }).then(|| format!("{:?}", checked.verdict))
}

#[test]
fn every_exercise_fits_its_section_and_neither_bug_nor_solution_is_refused() {
    let all = exercises();
    assert!(all.len() >= 20, "{} exercises", all.len());
    for exercise in &all {
        let name = &exercise.name;
        let section = section_of(exercise);
        let text = exercise
            .learner_text(&section)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            text.contains(&format!("//! Check:    cargo xtask exercise {name}\n")),
            "{text}"
        );
        for (what, text) in [("bug", text), ("solution", solution(exercise))] {
            let (refused, _) = check::token_refusals(exercise, &section, &text).expect("fits");
            assert!(
                refused.is_empty(),
                "`{name}`'s {what} is refused: {refused:?}"
            );
        }
    }
}

#[test]
fn every_bug_fails_as_its_file_says_the_same_way_twice_and_every_solution_passes() {
    let all = exercises();
    let root = data::root();
    let miri = check::miri_available();
    let mut jobs: Vec<Job<'_, Option<String>>> = Vec::new();
    for exercise in &all {
        if matches!(exercise.fails, Fails::Miri(_)) && !miri {
            eprintln!(
                "skipped `{}`: its ordering bug shows only under Miri, which is not installed \
                 here (rustup toolchain install nightly --component miri)",
                exercise.name
            );
            continue;
        }
        let explored = data::schedules(&root, &exercise.krate, &exercise.section).is_some();
        let waits = !explored && matches!(exercise.fails, Fails::Hangs(_));
        jobs.push((waits, Box::new(move || {
            let bug = exercise.learner_text(&section_of(exercise)).expect("fits");
            let first = check(exercise, "bug", &bug);
            if !first.verdict.is(&exercise.fails) || first.solved() {
                return Some(format!(
                    "`{}` must fail with {:?}, but: {:?}",
                    exercise.name, exercise.fails, first.verdict
                ));
            }
            if let Fails::Miri(_) = exercise.fails {
                // The same seeds again, under Miri alone: the same lowest seed fails.
                let build = scratch(&format!("{}-bug-again", exercise.name));
                let again = match check::miri(&bug, &build).expect("Miri runs") {
                    check::Miri::Failed { seed, .. } => Some(seed),
                    _ => None,
                };
                let first = match &first.verdict {
                    Verdict::Miri { seed, .. } => Some(seed.clone()),
                    _ => None,
                };
                if first.is_none() || first != again {
                    return Some(format!(
                        "`{}`: under Miri the bug must fail the same way twice: seed {first:?} \
                         then {again:?}",
                        exercise.name
                    ));
                }
            } else if explored && !matches!(exercise.fails, Fails::Compile(_)) {
                // The same schedules again, from the harness the check built.
                let build = scratch_path(&format!("{}-bug", exercise.name)).join("build");
                let harness = build.join(format!("schedules{}", std::env::consts::EXE_SUFFIX));
                let second = match check::explore(&harness, &build).expect("it runs") {
                    Err(verdict) => format!("{verdict:?}"),
                    Ok(ran) => format!("{ran} schedules passed"),
                };
                let (a, b) = (schedule_verdict(&first), Some(second));
                if a.is_none() || a != b {
                    return Some(format!(
                        "`{}`: under schedules the bug must fail the same way twice: {a:?} then {b:?}",
                        exercise.name
                    ));
                }
            }
            None
        })));
        jobs.push((
            false,
            Box::new(move || {
                let checked = check(exercise, "solution", &solution(exercise));
                (!checked.solved()).then(|| {
                    format!(
                        "`{}`'s solution is not solved: {:?}, refused: {:?}",
                        exercise.name, checked.verdict, checked.refused
                    )
                })
            }),
        ));
    }
    let wrong: Vec<String> = in_parallel(jobs).into_iter().flatten().collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

/// The learner's file of `exercise` with the first region's lines replaced.
fn fixed(exercise: &Exercise, lines: &str) -> String {
    let mut text = exercise.learner_text(&section_of(exercise)).expect("fits");
    let region = &exercise.regions[0];
    let at = text
        .find(&format!("{}\n{}", data::START, region.after))
        .expect("a region");
    let start = at + data::START.len() + 1;
    text.replace_range(start..start + region.after.len(), lines);
    text
}

/// The one-step count's closure body, as the section has it, and the rest of the
/// region of `load-then-store-loses-adds`.
const REST: &str = "    });\n    println!(\"wait at the barrier, fetch_add: counter = {one_step} of {adds} adds\");\n";

fn lost_update_fix(body: &str) -> String {
    let exercise = exercise("load-then-store-loses-adds");
    fixed(&exercise, &format!("{body}{REST}"))
}

/// load-then-store-loses-adds left racy, and `one_step`, which the proof reads, bound
/// again inside the marks to the value the proof expects: it compiles, and every run
/// passes.
fn shadowed_fix() -> String {
    let exercise = exercise("load-then-store-loses-adds");
    let racy = &exercise.regions[0].after;
    let (body, println) = racy.split_at(racy.find("    println!").expect("the region prints"));
    fixed(
        &exercise,
        &format!("{body}    let one_step = adds;\n{println}"),
    )
}

#[test]
fn a_region_that_binds_the_checked_value_again_is_refused_for_that() {
    let checked = check(
        &exercise("load-then-store-loses-adds"),
        "shadowed",
        &shadowed_fix(),
    );
    assert!(
        checked
            .refused
            .iter()
            .any(|why| why.contains("binds `one_step` again")),
        "refused for other reasons, or not at all: {:?} {:?}",
        checked.refused,
        checked.verdict
    );
}

#[test]
fn wrong_fixes_are_refused_and_right_ones_one_line_off_pass() {
    let lost = exercise("load-then-store-loses-adds");
    let kept = exercise("sender-kept-alive");
    let panicked = exercise("join-the-panicked-thread");
    // (what it tries, the file, whether it must be solved)
    let tries: Vec<(&str, String, bool)> = vec![
        (
            "a narrowed window: the load after the barrier",
            lost_update_fix(
                "        barrier.wait();\n        let seen = counter.load(Ordering::Relaxed);\n        counter.store(seen + 1, Ordering::Relaxed);\n",
            ),
            false,
        ),
        (
            "a CAS loop that leaves its closure with `return` (right)",
            lost_update_fix(
                "        barrier.wait();\n        loop {\n            let seen = counter.load(Ordering::Relaxed);\n            if counter.compare_exchange(seen, seen + 1, Ordering::Relaxed, Ordering::Relaxed).is_ok() {\n                return;\n            }\n        }\n",
            ),
            true,
        ),
        (
            "a sleep through `use … as`",
            lost_update_fix(
                "        use std::thread::sleep as nap;\n        nap (std::time::Duration::from_micros(1));\n        barrier.wait();\n        counter.fetch_add(1, Ordering::Relaxed);\n",
            ),
            false,
        ),
        (
            "`process::exit` as a function value",
            lost_update_fix(
                "        barrier.wait();\n        counter.fetch_add(1, Ordering::Relaxed);\n        if counter.load(Ordering::Relaxed) > 1_000 { let _ = Some(0).map(std::process::exit); }\n",
            ),
            false,
        ),
        (
            "a delay made with `recv_timeout`",
            lost_update_fix(
                "        let (_keep, wait) = std::sync::mpsc::channel::<()>();\n        let _ = wait.recv_timeout(std::time::Duration::from_micros(1));\n        barrier.wait();\n        counter.fetch_add(1, Ordering::Relaxed);\n",
            ),
            false,
        ),
        (
            "a watchdog timed with `SystemTime`",
            lost_update_fix(
                "        let _started = std::time::SystemTime::now();\n        barrier.wait();\n        counter.fetch_add(1, Ordering::Relaxed);\n",
            ),
            false,
        ),
        (
            "a panic swallowed by `catch_unwind`",
            lost_update_fix(
                "        let _ = std::panic::catch_unwind(|| ());\n        barrier.wait();\n        counter.fetch_add(1, Ordering::Relaxed);\n",
            ),
            false,
        ),
        (
            "a panic hook",
            lost_update_fix(
                "        std::panic::set_hook(Box::new(|_| {}));\n        barrier.wait();\n        counter.fetch_add(1, Ordering::Relaxed);\n",
            ),
            false,
        ),
        (
            "`extern crate` (and an `unsafe extern` block)",
            lost_update_fix(
                "        extern crate std as other;\n        barrier.wait();\n        counter.fetch_add(1, Ordering::Relaxed);\n",
            ),
            false,
        ),
        (
            "libc's `_exit` through an `unsafe extern` block",
            lost_update_fix(
                "        unsafe extern \"C\" {\n            fn _exit(code: i32) -> !;\n        }\n        if counter.load(Ordering::Relaxed) > 1_000 {\n            unsafe { _exit(0) }\n        }\n        barrier.wait();\n        counter.fetch_add(1, Ordering::Relaxed);\n",
            ),
            false,
        ),
        (
            "the race kept where the schedules cannot see it: `cfg!(miri)`",
            lost_update_fix(
                "        if cfg!(miri) {\n            barrier.wait();\n            counter.fetch_add(1, Ordering::Relaxed);\n        } else {\n            barrier.wait();\n            let seen = counter.load(Ordering::Relaxed);\n            counter.store(seen + 1, Ordering::Relaxed);\n        }\n",
            ),
            false,
        ),
        (
            "the race kept where the schedules cannot see it: the thread's name",
            lost_update_fix(
                "        barrier.wait();\n        if std::thread::current().name() == Some(\"main\") {\n            let seen = counter.load(Ordering::Relaxed);\n            counter.store(seen + 1, Ordering::Relaxed);\n        } else {\n            counter.fetch_add(1, Ordering::Relaxed);\n        }\n",
            ),
            false,
        ),
        (
            "the checked value shadowed",
            shadowed_fix(),
            false,
        ),
        (
            "the work skipped: the closure does nothing",
            lost_update_fix("        let _ = (counter, barrier);\n"),
            false,
        ),
        (
            "`main` left early, before its assertions",
            lost_update_fix(
                "        barrier.wait();\n        counter.fetch_add(1, Ordering::Relaxed);\n    });\n    if one_step > 0 {\n        return;\n    }\n    let _ = (|| {\n",
            )
            .replacen(REST, "    })();\n", 1),
            false,
        ),
        (
            "assertions commented out with `/* … */` outside the marks",
            lost_update_fix(
                "        barrier.wait();\n        counter.fetch_add(1, Ordering::Relaxed);\n",
            )
            .replacen("    assert_eq!(\n        two_steps", "    /* // */ assert_eq!(\n        two_steps", 1)
            .replacen("    assert_eq!(one_step", "    /*assert_eq!(one_step", 1)
            .replacen("lost an add\");\n", "lost an add\");*/\n", 1),
            false,
        ),
        (
            "code after a `use` on its line, outside the marks",
            lost_update_fix(
                "        barrier.wait();\n        counter.fetch_add(1, Ordering::Relaxed);\n",
            )
            .replacen("use std::thread;", "use std::thread; const _X: u8 = 0;", 1),
            false,
        ),
        (
            "the proof's expected values copied in, the joins' results thrown away",
            fixed(
                &panicked,
                "        let _ = (handle.join(), describe(&()));\n        payloads.push(if name == \"first\" {\n            r#\"a &'static str payload: \"a literal message\"\"#\n        } else {\n            r#\"a String payload: \"failed at step 3\"\"#\n        }.to_owned());\n",
            ),
            false,
        ),
        (
            "`drop(tx)` one line below the gap (right)",
            fixed(&kept, "\n    let mut received = 0;\n    drop(tx);\n"),
            true,
        ),
    ];
    let mut jobs: Vec<Job<'_, Option<String>>> = Vec::new();
    for (i, (what, text, right)) in tries.iter().enumerate() {
        let exercise = [&kept, &panicked, &lost]
            .into_iter()
            .find(|e| text.contains(&format!("Exercise `{}`", e.name)))
            .expect("an exercise's file");
        jobs.push((
            false,
            Box::new(move || {
                let checked = check(exercise, &format!("try-{i}"), text);
                (checked.solved() != *right).then(|| {
                    format!(
                        "{what}: solved is {}, must be {right}: {:?}, refused {:?}\n{text}",
                        checked.solved(),
                        checked.verdict,
                        checked.refused
                    )
                })
            }),
        ));
    }
    let wrong: Vec<String> = in_parallel(jobs).into_iter().flatten().collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn a_comment_or_new_layout_keeps_the_token_hash() {
    let exercise = exercise("forgot-move");
    let text = solution(&exercise);
    let hash = |text: &str| tokens::hash(&tokens::tokens(text).expect("tokens"));
    let loose = format!("// mine\n{}", text.replace("    ", "  "));
    assert_eq!(hash(&text), hash(&loose));
    assert_ne!(hash(&text), hash(&text.replacen("move ||", "||", 1)));
}

#[test]
fn reset_keeps_every_version_and_next_follows_the_last_exercise_checked() {
    let dir = scratch("flow");
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_exercise"))
            .args(args)
            .env("EXERCISES_DIR", &dir)
            .output()
            .expect("the checker runs");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    // forgot-move does not compile as written: a quick check, exit code 1.
    assert_eq!(run(&["forgot-move"]).0, Some(1));
    let file = dir.join("threads").join("forgot-move.rs");
    for n in 1..=2 {
        fs::write(&file, format!("// version {n}\n")).expect("written");
        let (code, out) = run(&["forgot-move", "--reset"]);
        assert_eq!(code, Some(1), "{out}");
        let kept = dir.join("threads").join(format!("forgot-move.rs.bak{n}"));
        assert_eq!(
            fs::read_to_string(&kept).ok(),
            Some(format!("// version {n}\n"))
        );
    }
    // Next: the exercise after forgot-move in teaching order, not the first one.
    let (code, out) = run(&[]);
    assert_eq!(code, Some(0));
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("  ")).collect();
    let at = rows
        .iter()
        .position(|r| r.contains(" forgot-move "))
        .expect("listed");
    let after = rows[at + 1].split_whitespace().nth(2).expect("a name");
    assert!(
        out.ends_with(&format!("Next: cargo xtask exercise {after}\n")),
        "{out}"
    );
    // Without clippy-driver, a right fix runs but does not count.
    let exercise = exercise("forgot-move");
    fs::write(&file, solution(&exercise)).expect("written");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_exercise"))
        .args(["forgot-move"])
        .env("EXERCISES_DIR", &dir)
        .env("CLIPPY_DRIVER", dir.join("no-such-clippy-driver"))
        .env("EXERCISE_RUNS", "1")
        .output()
        .expect("the checker runs");
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("But clippy-driver is not installed"), "{out}");
    // The manifest for rust-analyzer names the file.
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).expect("a manifest");
    assert!(
        manifest.contains("path = \"threads/forgot-move.rs\""),
        "{manifest}"
    );
}
