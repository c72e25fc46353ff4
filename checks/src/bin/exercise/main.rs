//! `cargo xtask exercise [NAME [--hint | --reset]]` runs this binary through cargo:
//! the checker needs proc-macro2 and shuttle, which the std-only xtask may not have.
//! Exit codes: 0 solved (or a list, a hint), 1 not solved yet, 2 a wrong command line.
//!
//! `exercise NAME` writes `exercises/<crate>/<NAME>.rs` when absent, then checks it
//! (`check.rs`). A solved check records the hash of the file's tokens in
//! `exercises/.solved/<NAME>`, so a comment added later keeps it solved; the last
//! exercise checked is in `exercises/.last`, for "Next:". `EXERCISES_DIR` puts the
//! folder elsewhere (the tests use it, so as never to touch `exercises/`).

mod check;
mod data;
mod tokens;

use std::env;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use check::{Checked, RUNS, TIMEOUT, Verdict};
use data::{Exercise, Fails};

enum Error {
    Usage(String),
    Failed(String),
    /// Writing our own output failed; a closed stdout (`| head`) means the reader
    /// has seen all they wanted.
    Io(io::Error),
    NotSolved,
}

impl From<io::Error> for Error {
    fn from(error: io::Error) -> Error {
        Error::Io(error)
    }
}

impl From<String> for Error {
    fn from(problem: String) -> Error {
        Error::Failed(problem)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::NotSolved) => ExitCode::FAILURE,
        Err(Error::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Error::Io(error)) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
        Err(Error::Usage(problem)) => {
            eprintln!(
                "error: {problem}\n\nUsage: cargo xtask exercise [NAME [--hint | --reset]]\n\n\
                 `cargo xtask --help` lists the tasks and what each takes."
            );
            ExitCode::from(2)
        }
        Err(Error::Failed(problem)) => {
            eprintln!("error: {problem}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), Error> {
    let (names, options): (Vec<&String>, Vec<&String>) =
        args.iter().partition(|arg| !arg.starts_with('-'));
    if let Some(wrong) = options
        .iter()
        .find(|option| !["--hint", "--reset"].contains(&option.as_str()))
    {
        return Err(Error::Usage(format!(
            "unknown option `{wrong}` for `exercise`: it takes `--hint` or `--reset`"
        )));
    }
    let root = data::root();
    let all = data::load_all(&root)?;
    let dir = env::var_os("EXERCISES_DIR").map_or_else(|| root.join("exercises"), PathBuf::from);
    let mut out = io::stdout().lock();
    let name = match (names.as_slice(), options.as_slice()) {
        ([], []) => return Ok(list(&mut out, &root, &dir, &all)?),
        ([], _) => return Err(usage(&all, "name the exercise".to_owned())),
        ([name], [] | [_]) => name.as_str(),
        ([_], _) => {
            return Err(Error::Usage(
                "`exercise NAME` takes `--hint` or `--reset`, not both".to_owned(),
            ));
        }
        _ => return Err(usage(&all, "name one exercise".to_owned())),
    };
    let Some(exercise) = all.iter().find(|e| e.name == name) else {
        let nearest = all
            .iter()
            // The nearest name, or the exercise of the nearest section.
            .min_by_key(|e| {
                let part = e.name.contains(name) || e.section.contains(name);
                (
                    !part,
                    distance(&e.name, name).min(distance(&e.section, name)),
                )
            })
            .map(|e| format!("; did you mean `{}`?", e.name))
            .unwrap_or_default();
        return Err(usage(&all, format!("unknown exercise `{name}`{nearest}")));
    };
    match options.first().map(|option| option.as_str()) {
        Some("--hint") => Ok(writeln!(out, "Hint for {name}: {}", exercise.hint)?),
        reset => write_and_check(&mut out, exercise, &all, &root, &dir, reset.is_some()),
    }
}

fn usage(all: &[Exercise], problem: String) -> Error {
    let names: Vec<&str> = all.iter().map(|e| e.name.as_str()).collect();
    Error::Usage(format!("{problem}\nThe exercises: {}", names.join(", ")))
}

/// The edit distance between two names (Levenshtein).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for j in 0..b.len() {
            let next = (diagonal + usize::from(ca != b[j]))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The first free `<file>.bakN`, from 1: a backup is never overwritten.
fn backup_path(path: &Path) -> PathBuf {
    (1..)
        .map(|n| path.with_extension(format!("rs.bak{n}")))
        .find(|candidate| !candidate.exists())
        .expect("some number is free")
}

fn write_and_check(
    out: &mut impl Write,
    exercise: &Exercise,
    all: &[Exercise],
    root: &Path,
    dir: &Path,
    reset: bool,
) -> Result<(), Error> {
    let section = data::read_text(&root.join(exercise.section_file()))?;
    let shown = Path::new("exercises").join(exercise.learner_file());
    let path = dir.join(exercise.learner_file());
    if reset && path.exists() {
        let kept = backup_path(&path);
        fs::rename(&path, &kept)
            .map_err(|e| format!("cannot keep {} as {}: {e}", path.display(), kept.display()))?;
        let kept_name = kept.file_name().unwrap_or_default().to_string_lossy();
        writeln!(
            out,
            "Kept your file as {}.",
            shown.with_file_name(&*kept_name).display()
        )?;
    }
    if !path.exists() {
        let text = exercise.learner_text(&section)?;
        fs::create_dir_all(dir.join(&exercise.krate))
            .and_then(|()| fs::write(&path, text))
            .map_err(|e| format!("cannot write {}: {e}", shown.display()))?;
        writeln!(
            out,
            "Wrote {}{}: the task is at its top, the bug between the marks.",
            shown.display(),
            if reset { " afresh" } else { "" }
        )?;
    }
    let _ = fs::write(dir.join(".last"), &exercise.name);
    write_manifest(dir, all)?;
    let runs = runs_from_env()?;
    let explored = data::schedules(root, &exercise.krate, &exercise.section);
    let miri = match exercise.fails {
        data::Fails::Miri(_) => format!(", under Miri (seeds {})", check::MIRI_SEEDS),
        _ => String::new(),
    };
    let plan = match explored {
        Some(n) => format!(
            "build it, run it under {n} PCT and {n} random schedules (fixed seeds){miri}, \
             then natively up to {runs} times"
        ),
        None if miri.is_empty() => format!("build it, then run it natively up to {runs} times"),
        None => format!(
            "build it, run it{}, then natively up to {runs} times",
            miri.trim_start_matches(',')
        ),
    };
    writeln!(out, "Checking {}: {plan}.", shown.display())?;
    out.flush()?;
    let build = check::build_dir(root).join(&exercise.name);
    let checked = check::check(exercise, root, &path, &build, runs)?;
    report(out, exercise, &checked)?;
    if !checked.solved() {
        writeln!(
            out,
            "Not solved yet. Fix the file, then check it again: cargo xtask exercise {0}\n\
             Stuck? cargo xtask exercise {0} --hint",
            exercise.name
        )?;
        return Err(Error::NotSolved);
    }
    let record = dir.join(".solved").join(&exercise.name);
    fs::create_dir_all(dir.join(".solved"))
        .and_then(|()| fs::write(&record, format!("{:016x}\n", checked.hash)))
        .map_err(|e| format!("cannot write {}: {e}", record.display()))?;
    writeln!(
        out,
        "Solved! Compare your fix with the section it came from: {}",
        exercise.section_file()
    )?;
    let ordered = in_teaching_order(root, all);
    let solved = ordered
        .iter()
        .filter(|e| state(e, dir) == State::Solved)
        .count();
    write!(out, "{solved} of {} solved.", ordered.len())?;
    match next(&ordered, dir) {
        Some(next) => writeln!(out, " Next: cargo xtask exercise {next}")?,
        None => writeln!(out, " That is all of them.")?,
    }
    Ok(())
}

/// `exercises/Cargo.toml`: a package of its own (its own `[workspace]`, so the
/// repository's workspace leaves it alone) whose binaries are the exercise files
/// written so far, so that rust-analyzer checks and completes the file being fixed.
fn write_manifest(dir: &Path, all: &[Exercise]) -> Result<(), Error> {
    let mut text = String::from(
        "# Written by `cargo xtask exercise` for rust-analyzer: each exercise file is a\n\
         # binary. Open this folder in your editor (or list this file in rust-analyzer's\n\
         # `linkedProjects`); `cargo xtask exercise NAME` is what checks a fix.\n\
         [package]\nname = \"exercises\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
         publish = false\n\n[workspace]\n",
    );
    for exercise in all {
        let file = exercise.learner_file();
        if dir.join(&file).exists() {
            let path = file.to_string_lossy().replace('\\', "/");
            text.push_str(&format!(
                "\n[[bin]]\nname = \"{}\"\npath = \"{path}\"\ntest = false\n",
                exercise.name
            ));
        }
    }
    let manifest = dir.join("Cargo.toml");
    if fs::read_to_string(&manifest).ok().as_deref() != Some(text.as_str()) {
        fs::write(&manifest, text)
            .map_err(|e| format!("cannot write {}: {e}", manifest.display()))?;
    }
    Ok(())
}

/// `EXERCISE_RUNS`, or `RUNS`.
fn runs_from_env() -> Result<usize, Error> {
    match env::var("EXERCISE_RUNS") {
        Err(_) => Ok(RUNS),
        Ok(value) => match value.trim().parse() {
            Ok(runs) if runs > 0 => Ok(runs),
            _ => Err(Error::Failed(format!(
                "EXERCISE_RUNS is `{value}`; it must be a whole number of runs, 1 or more"
            ))),
        },
    }
}

#[derive(PartialEq, Debug)]
enum State {
    NotStarted,
    Started,
    Solved,
}

/// Solved: the file's tokens hash to what a passing check recorded.
fn state(exercise: &Exercise, dir: &Path) -> State {
    let Ok(text) = data::read_text(&dir.join(exercise.learner_file())) else {
        return State::NotStarted;
    };
    let recorded = fs::read_to_string(dir.join(".solved").join(&exercise.name)).ok();
    let hash = tokens::tokens(&text).map(|t| format!("{:016x}", tokens::hash(&t)));
    match (recorded, hash) {
        (Some(recorded), Ok(hash)) if recorded.trim() == hash => State::Solved,
        _ => State::Started,
    }
}

/// The exercise after the last one checked that is not solved, else the first not
/// solved.
fn next<'a>(ordered: &[&'a Exercise], dir: &Path) -> Option<&'a str> {
    let last = fs::read_to_string(dir.join(".last")).unwrap_or_default();
    let from = ordered
        .iter()
        .position(|e| e.name == last.trim())
        .map_or(0, |at| at + 1);
    ordered[from..]
        .iter()
        .chain(&ordered[..from])
        .find(|e| state(e, dir) != State::Solved)
        .map(|e| e.name.as_str())
}

/// The exercises in teaching order: the crates in the workspace's order, then each
/// crate's sections in its `SECTIONS` order, then by name.
fn in_teaching_order<'a>(root: &Path, all: &'a [Exercise]) -> Vec<&'a Exercise> {
    let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap_or_default();
    let crate_at = |krate: &str| manifest.find(&format!("\"{krate}\"")).unwrap_or(usize::MAX);
    let section_at = |e: &Exercise| {
        let main =
            fs::read_to_string(root.join(&e.krate).join("src").join("main.rs")).unwrap_or_default();
        main.find(&format!("name: \"{}\"", e.section))
            .unwrap_or(usize::MAX)
    };
    let mut ordered: Vec<&Exercise> = all.iter().collect();
    ordered.sort_by_cached_key(|e| (crate_at(&e.krate), section_at(e), e.name.clone()));
    ordered
}

fn list(out: &mut impl Write, root: &Path, dir: &Path, all: &[Exercise]) -> io::Result<()> {
    let ordered = in_teaching_order(root, all);
    let width = ordered.iter().map(|e| e.name.len()).max().unwrap_or(0);
    writeln!(
        out,
        "Exercises: sections with a bug put back in. `cargo xtask exercise NAME` writes\n\
         exercises/<crate>/NAME.rs with the task at its top, and checks it.\n"
    )?;
    let mut krate = "";
    let mut solved = 0;
    for exercise in &ordered {
        if exercise.krate != krate {
            krate = &exercise.krate;
            writeln!(out, "{krate}")?;
        }
        let state = state(exercise, dir);
        solved += usize::from(state == State::Solved);
        let state = match state {
            State::NotStarted => "not started",
            State::Started => "started",
            State::Solved => "solved",
        };
        let first = match exercise.task.find(". ") {
            Some(end) => &exercise.task[..=end],
            None => &exercise.task,
        };
        writeln!(out, "  {state:<11}  {:<width$}  {first}", exercise.name)?;
    }
    write!(out, "\n{solved} of {} solved.", ordered.len())?;
    match next(&ordered, dir) {
        Some(next) => writeln!(out, " Next: cargo xtask exercise {next}"),
        None => writeln!(out),
    }
}

/// The end of what a run printed, where a failure shows.
fn printed(out: &mut impl Write, stdout: &str, stderr: &str) -> io::Result<()> {
    for (text, header, most) in [(stdout, "It printed:", 12), (stderr, "On stderr:", 20)] {
        if text.trim().is_empty() {
            continue;
        }
        let lines: Vec<&str> = text.lines().collect();
        let from = lines.len().saturating_sub(most);
        writeln!(out, "{header}")?;
        if from > 0 {
            writeln!(out, "    ... ({from} lines before)")?;
        }
        for line in &lines[from..] {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(())
}

fn report(out: &mut impl Write, exercise: &Exercise, checked: &Checked) -> io::Result<()> {
    let still = if checked.verdict.is(&exercise.fails) {
        " This is still the bug's failure."
    } else {
        ""
    };
    match &checked.verdict {
        Verdict::DoesNotCompile(rustc_said) => {
            write!(out, "{rustc_said}")?;
            writeln!(out, "It does not compile: rustc's errors are above.{still}")?;
        }
        Verdict::Warns(rustc_said) => {
            write!(out, "{rustc_said}")?;
            writeln!(
                out,
                "It passes its runs, but rustc warns (above): the check builds with \
                 `-D warnings`, as the sections are built."
            )?;
        }
        Verdict::Schedule {
            scheduler,
            schedule: _,
            panic,
            printed: output,
            blocked,
        } => {
            printed(out, output, "")?;
            let section = data::root().join(exercise.section_file());
            if data::read_text(&section).is_ok_and(|text| text.contains("cfg!(miri)")) {
                writeln!(
                    out,
                    "(Under the schedules the program runs its smaller `cfg!(miri)` sizes.)"
                )?;
            }
            match panic {
                Some(message) if message == check::RETURNED_EARLY => writeln!(
                    out,
                    "Under a {scheduler} schedule, `main` returned before its last line, so \
                     the proof at its end did not run."
                )?,
                Some(message) if message.contains("did not exercise any concurrency") => writeln!(
                    out,
                    "Under a {scheduler} schedule, the program started no thread: the lesson's \
                     threads must stay."
                )?,
                Some(message) => writeln!(
                    out,
                    "A {scheduler} schedule failed: the program panicked: {message}\n{}",
                    still.trim_start()
                )?,
                None => {
                    writeln!(
                        out,
                        "A {scheduler} schedule deadlocked: every thread waits, none can go on:"
                    )?;
                    for thread in blocked {
                        writeln!(out, "    {thread}")?;
                    }
                    if !still.is_empty() {
                        writeln!(out, "{}", still.trim_start())?;
                    }
                }
            }
            if panic.as_deref() != Some(check::RETURNED_EARLY) {
                writeln!(
                    out,
                    "The schedules are the same on every machine: a fix that only makes a \
                     race rarer still fails here."
                )?;
            }
        }
        Verdict::ScheduleEndedEarly(what) => writeln!(out, "Under schedules, {what}.")?,
        Verdict::Failed {
            run,
            code,
            stdout,
            stderr,
        } => {
            printed(out, stdout, stderr)?;
            let how = match code {
                Some(code) => format!("exit code {code}"),
                None => "killed by a signal".to_owned(),
            };
            writeln!(out, "Native run {run} failed ({how}).{still}")?;
        }
        Verdict::DidNotEnd {
            run,
            stdout,
            stderr,
        } => {
            printed(out, stdout, stderr)?;
            let what = match &exercise.fails {
                Fails::Hangs(what) => what.as_str(),
                _ => "something waits for ever",
            };
            writeln!(
                out,
                "Native run {run} did not end within {} s: {what}.",
                TIMEOUT.as_secs()
            )?;
        }
        Verdict::EndedEarly { run, stdout } => {
            printed(out, stdout, "")?;
            writeln!(
                out,
                "Native run {run} did not reach the end of `main`: the program ended itself, or \
                 `main` returned early, so the proof at its end did not run."
            )?;
        }
        Verdict::Miri {
            seed,
            output,
            failed,
        } => {
            let panic = output
                .lines()
                .skip_while(|line| !line.contains("panicked at"))
                .skip(1)
                .take_while(|line| !line.starts_with("note:") && !line.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            writeln!(
                out,
                "Under Miri, whose loads may return any store the memory model allows, {failed} \
                 seeds of {} failed; seed {seed}, the lowest: {panic}\n{}\nReplay it: \
                 MIRIFLAGS=-Zmiri-seed={seed} cargo +nightly miri run, on a copy of the file as \
                 a package's src/main.rs.",
                check::MIRI_SEEDS,
                still.trim_start()
            )?;
        }
        Verdict::NotRun => {
            writeln!(
                out,
                "It cannot count as it is, so the check did not run it:"
            )?;
            for refused in &checked.refused {
                writeln!(out, "  - {refused}")?;
            }
            return Ok(());
        }
        Verdict::Passed { schedules, runs } => {
            if let data::Fails::Miri(_) = exercise.fails {
                writeln!(out, "Under Miri, seeds {} passed.", check::MIRI_SEEDS)?;
            }
            if *schedules > 0 {
                writeln!(
                    out,
                    "All {schedules} schedules passed, then all {runs} native runs."
                )?;
            } else {
                writeln!(
                    out,
                    "All {runs} native runs passed, half of them beside busy cores."
                )?;
            }
        }
    }
    for refused in &checked.refused {
        writeln!(out, "But {refused}")?;
    }
    Ok(())
}
