//! `cargo xtask exercise`: practise by fixing the bugs people really write. An
//! exercise is a section with one bug put back in (the table, `exercises.rs`); the
//! section file is the solution, so there is one source.
//!
//! `cargo xtask exercise NAME` writes `exercises/<crate>/<NAME>.rs` (git-ignored):
//! the section with its bug, its `//!` replaced by the task. Then it checks the file:
//! 1. it builds the file alone with `rustc --edition 2024`, into `target/exercises/`;
//!    a compile error is shown as rustc prints it;
//! 2. it runs it `EXERCISE_RUNS` times (20), each within `TIMEOUT`, every second run
//!    beside rival threads that keep every core busy, and stops at the first run that
//!    fails or does not end;
//! 3. it counts the fix only if the proof is as it was: outside the lines the bug
//!    replaced, the file equals the section (blank, comment and `use` lines aside),
//!    and the fix adds no sleep and no early end of the program.
//!
//! A passing check stores the text it passed in `exercises/.solved/<NAME>`: an
//! exercise is solved while its file still holds that text, so listing the
//! exercises runs nothing. The tests call the functions below on paths of their own
//! and never touch `exercises/`.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, IsTerminal, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::exercises::EXERCISES;
use crate::sampler;
use crate::workspace::{self, Error, example_crates, project_root};

/// One exercise: a section, the bug to put back in, and what the learner is told.
pub struct Exercise {
    /// Unique, kebab-case: `cargo xtask exercise <name>`.
    pub name: &'static str,
    /// The crate of the section.
    pub krate: &'static str,
    /// The section (its file: the name with `_` for `-`).
    pub section: &'static str,
    /// (text to find in the section, text to put instead): each find text occurs
    /// exactly once in the section file outside its `//!` lines. A comment or a
    /// printed line that would give the fix away belongs inside a find text.
    pub bug: &'static [(&'static str, &'static str)],
    /// The symptom and what to keep, never the fix; the first sentence is the one
    /// the list shows.
    pub task: &'static str,
    /// How the bug fails, on every run.
    pub fails: Fails,
    pub hint: &'static str,
}

/// How an exercise's bug fails: the tests check that it does, every time.
pub enum Fails {
    /// rustc fails with this error code, e.g. `E0373`.
    Compile(&'static str),
    /// A run exits non-zero and its stderr holds this text.
    Panic(&'static str),
    /// A run does not end; what blocks forever, said when it does not.
    Hangs(&'static str),
}

/// How many runs a check makes, unless `EXERCISE_RUNS` says otherwise.
pub const RUNS: usize = 20;
/// How long one run may take: the sections end in milliseconds.
pub const TIMEOUT: Duration = Duration::from_secs(2);

/// What a sleep looks like; the fix may not add one, as it makes a race unlikely,
/// not impossible. A word counts where no identifier character comes before it.
const SLEEPS: &[&str] = &[
    "sleep(",
    "park_timeout",
    "recv_timeout",
    "wait_timeout",
    "Instant::now",
];
/// What ends the program before its proof runs; the fix may not add one either.
const EARLY_ENDS: &[&str] = &["exit(", "abort(", "return"];

/// `cargo xtask exercise [NAME [--hint | --reset]]`.
pub fn run(args: &[String]) -> Result<(), Error> {
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
    let root = project_root();
    let dir = root.join("exercises");
    let mut out = io::stdout().lock();
    let name = match (names.as_slice(), options.as_slice()) {
        ([], []) => return list(&mut out, &root, &dir),
        ([], _) => return Err(usage("name the exercise".to_owned())),
        ([name], [] | [_]) => name.as_str(),
        ([_], _) => {
            return Err(Error::Usage(
                "`exercise NAME` takes `--hint` or `--reset`, not both".to_owned(),
            ));
        }
        _ => return Err(usage("name one exercise".to_owned())),
    };
    let exercise = find(name)?;
    match options.first().map(|option| option.as_str()) {
        Some("--hint") => Ok(writeln!(out, "Hint for {name}: {}", exercise.hint)?),
        reset => write_and_check(&mut out, exercise, &root, &dir, reset.is_some()),
    }
}

/// The usage error, with every exercise's name.
fn usage(problem: String) -> Error {
    let names: Vec<&str> = EXERCISES.iter().map(|exercise| exercise.name).collect();
    Error::Usage(format!("{problem}; the exercises: {}", names.join(", ")))
}

/// The exercise called `name`.
pub fn find(name: &str) -> Result<&'static Exercise, Error> {
    EXERCISES
        .iter()
        .find(|exercise| exercise.name == name)
        .ok_or_else(|| usage(format!("unknown exercise `{name}`")))
}

/// The section file of an exercise, relative to the project root.
pub fn section_file(exercise: &Exercise) -> String {
    format!(
        "{}/src/{}.rs",
        exercise.krate,
        exercise.section.replace('-', "_")
    )
}

/// The learner's file of an exercise, relative to the exercises folder.
fn learner_file(exercise: &Exercise) -> PathBuf {
    Path::new(exercise.krate).join(format!("{}.rs", exercise.name))
}

/// A file's text with its line endings made LF: a Windows checkout has CRLF.
pub fn read_text(path: &Path) -> Result<String, Error> {
    fs::read_to_string(path)
        .map(|text| text.replace("\r\n", "\n"))
        .map_err(|error| Error::Failed(format!("cannot read {}: {error}", path.display())))
}

/// Writes the exercise's file if it is not there (or afresh with `reset`), then
/// checks it and says what happened: exit code 0 solved, 1 not yet.
fn write_and_check(
    out: &mut impl Write,
    exercise: &Exercise,
    root: &Path,
    dir: &Path,
    reset: bool,
) -> Result<(), Error> {
    let section = read_text(&root.join(section_file(exercise)))?;
    let file = Path::new("exercises").join(learner_file(exercise));
    let path = dir.join(learner_file(exercise));
    if reset && path.exists() {
        // A learner's work is never thrown away: `--reset` keeps it beside the new file.
        let kept = path.with_extension("rs.bak");
        fs::rename(&path, &kept).map_err(|error| {
            Error::Failed(format!(
                "cannot keep {} as {}: {error}",
                file.display(),
                kept.display()
            ))
        })?;
        writeln!(
            out,
            "Kept your file as {}.",
            file.with_extension("rs.bak").display()
        )?;
    }
    if !path.exists() {
        let text = exercise_text(exercise, &section)?;
        fs::create_dir_all(dir.join(exercise.krate))
            .and_then(|()| fs::write(&path, text))
            .map_err(|error| Error::Failed(format!("cannot write {}: {error}", file.display())))?;
        writeln!(
            out,
            "Wrote {}{}: the task is at its top.",
            file.display(),
            if reset { " afresh" } else { "" }
        )?;
    }
    let runs = runs_from_env()?;
    let build = root.join("target").join("exercises");
    writeln!(
        out,
        "Checking {}: build it, then run it up to {runs} times, each within {} s.",
        file.display(),
        TIMEOUT.as_secs()
    )?;
    let checked = check(exercise, &section, root, &file, &build, runs, TIMEOUT)?;
    report(out, exercise, &checked, runs)?;
    if !checked.solved() {
        writeln!(
            out,
            "Not solved yet. Fix the file, then check it again: cargo xtask exercise {0}\n\
             Stuck? cargo xtask exercise {0} --hint",
            exercise.name
        )?;
        return Err(Error::Exited(1));
    }
    let record = dir.join(".solved").join(exercise.name);
    fs::create_dir_all(dir.join(".solved"))
        .and_then(|()| fs::write(&record, &checked.text))
        .map_err(|error| Error::Failed(format!("cannot write {}: {error}", record.display())))?;
    writeln!(
        out,
        "Solved! Compare your fix with the section it came from: {}",
        section_file(exercise)
    )?;
    let ordered = in_teaching_order(root);
    let solved = ordered
        .iter()
        .filter(|exercise| state(exercise, dir) == State::Solved)
        .count();
    write!(out, "{solved} of {} solved.", ordered.len())?;
    match ordered
        .iter()
        .find(|exercise| state(exercise, dir) != State::Solved)
    {
        Some(next) => writeln!(out, " Next: cargo xtask exercise {}", next.name)?,
        None => writeln!(out, " That is all of them.")?,
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

// ---- The list ----

/// Where a learner is with an exercise.
#[derive(PartialEq, Debug)]
pub enum State {
    NotStarted,
    Started,
    Solved,
}

/// Not started: no file. Solved: the file holds the very text a check passed.
pub fn state(exercise: &Exercise, dir: &Path) -> State {
    let Ok(text) = fs::read(dir.join(learner_file(exercise))) else {
        return State::NotStarted;
    };
    match fs::read(dir.join(".solved").join(exercise.name)) {
        Ok(passed) if passed == text => State::Solved,
        _ => State::Started,
    }
}

/// The exercises in teaching order: the crates in the workspace's order, then each
/// crate's sections in its `SECTIONS` order, then the table's order.
pub fn in_teaching_order(root: &Path) -> Vec<&'static Exercise> {
    let crates = example_crates();
    let mut ordered: Vec<(usize, usize, &Exercise)> = EXERCISES
        .iter()
        .map(|exercise| {
            let krate = crates.iter().position(|name| name == exercise.krate);
            let section = krate.and_then(|_| {
                sections(root, exercise.krate)
                    .iter()
                    .position(|name| name == exercise.section)
            });
            (
                krate.unwrap_or(usize::MAX),
                section.unwrap_or(usize::MAX),
                exercise,
            )
        })
        .collect();
    // A stable sort: the table's order among the exercises of one section.
    ordered.sort_by_key(|&(krate, section, _)| (krate, section));
    ordered
        .into_iter()
        .map(|(_, _, exercise)| exercise)
        .collect()
}

/// A crate's sections in teaching order: the `name: "..."` lines of the `SECTIONS`
/// in its `src/main.rs`, read rather than built, so that the list runs nothing.
pub fn sections(root: &Path, krate: &str) -> Vec<String> {
    let main = fs::read_to_string(root.join(krate).join("src").join("main.rs")).unwrap_or_default();
    main.lines()
        .filter_map(|line| line.trim().strip_prefix("name: \""))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// `cargo xtask exercise`: every exercise in teaching order, with its crate, its
/// task's first sentence and its state, then how many are solved.
pub fn list(out: &mut impl Write, root: &Path, dir: &Path) -> Result<(), Error> {
    let ordered = in_teaching_order(root);
    let width = ordered.iter().map(|e| e.name.len()).max().unwrap_or(0);
    writeln!(
        out,
        "Exercises: sections with a bug put back in. `cargo xtask exercise NAME` writes\n\
         exercises/<crate>/NAME.rs with the task at its top, and checks it.\n"
    )?;
    let mut krate = "";
    let mut solved = 0;
    let mut next = None;
    for exercise in &ordered {
        if exercise.krate != krate {
            krate = exercise.krate;
            writeln!(out, "{krate}")?;
        }
        let state = state(exercise, dir);
        if state == State::Solved {
            solved += 1;
        } else if next.is_none() {
            next = Some(exercise.name);
        }
        let state = match state {
            State::NotStarted => "not started",
            State::Started => "started",
            State::Solved => "solved",
        };
        writeln!(
            out,
            "  {state:<11}  {:<width$}  {}",
            exercise.name,
            first_sentence(exercise.task)
        )?;
    }
    write!(out, "\n{solved} of {} solved.", ordered.len())?;
    match next {
        Some(next) => writeln!(out, " Next: cargo xtask exercise {next}")?,
        None => writeln!(out)?,
    }
    Ok(())
}

/// The text up to the end of its first sentence.
fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    }
}

// ---- The exercise's file ----

/// The length of a text's leading `//!` lines.
fn header_len(text: &str) -> usize {
    text.split_inclusive('\n')
        .take_while(|line| line.trim_start().starts_with("//!"))
        .map(str::len)
        .sum()
}

/// Where the bug goes: each find text's place in the section (the `//!` lines
/// aside), in order, with the text to put there. A find text that does not occur
/// exactly once, or two that overlap, mean the section was edited past its exercise.
pub fn bug_spans(
    exercise: &Exercise,
    section: &str,
) -> Result<Vec<(Range<usize>, &'static str)>, Error> {
    let stale = |problem: String| {
        Error::Failed(format!(
            "the exercise `{}` no longer fits {}: {problem}; update its entry in \
             xtask/src/exercises.rs",
            exercise.name,
            section_file(exercise)
        ))
    };
    let start = header_len(section);
    let body = &section[start..];
    let mut spans = Vec::new();
    for &(find, replace) in exercise.bug {
        let found: Vec<usize> = body.match_indices(find).map(|(at, _)| at).collect();
        match found.as_slice() {
            _ if find.is_empty() => return Err(stale("a find text is empty".to_owned())),
            [at] => spans.push((start + at..start + at + find.len(), replace)),
            found => {
                return Err(stale(format!(
                    "the find text `{}` occurs {} times outside its `//!` lines, not once",
                    find.lines().next().unwrap_or_default().trim(),
                    found.len()
                )));
            }
        }
    }
    spans.sort_by_key(|(span, _)| span.start);
    if spans.windows(2).any(|pair| pair[0].0.end > pair[1].0.start) {
        return Err(stale("two find texts overlap".to_owned()));
    }
    Ok(spans)
}

/// The section with its bug in, from its first line after the `//!` lines on.
fn bug_body(section: &str, spans: &[(Range<usize>, &str)]) -> String {
    let mut body = String::new();
    let mut at = header_len(section);
    for (span, replace) in spans {
        body.push_str(&section[at..span.start]);
        body.push_str(replace);
        at = span.end;
    }
    body.push_str(&section[at..]);
    body
}

/// The learner's file: the section with its bug in, and the task in place of its
/// `//!` lines.
pub fn exercise_text(exercise: &Exercise, section: &str) -> Result<String, Error> {
    let body = bug_body(section, &bug_spans(exercise, section)?);
    let name = exercise.name;
    let mut text = format!(
        "//! Exercise `{name}`, from the section `{}` of the crate `{}`.\n//!\n",
        exercise.section, exercise.krate
    );
    let mut paragraph = |words: &str| {
        let mut line = String::new();
        for word in words.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > 84 {
                let _ = writeln!(text, "//! {line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        let _ = writeln!(text, "//! {line}\n//!");
    };
    paragraph(exercise.task);
    paragraph(
        "Change only the lines with the bug. The check counts a fix only if the rest of \
         the file, every assertion with it, is as it was, and if the fix adds no sleep.",
    );
    let _ = write!(
        text,
        "//! Check:    cargo xtask exercise {name}\n\
         //! Hint:     cargo xtask exercise {name} --hint\n\
         //! Solution: {} (open it once you are done)\n",
        section_file(exercise)
    );
    Ok(text + &body)
}

// ---- The proof: outside the bug's lines, the file is the section ----

/// A line that the proof comparison keeps: its number in its file (from 1) and its
/// text, trimmed. `None` stands for the lines of the bug, which the fix may change.
type Kept = Option<(usize, String)>;

/// The lines of `text` that the comparison looks at, with the lines that touch a
/// span of `free` made one `None` each run of them: blank lines, comment lines and
/// `use` declarations are left out.
fn kept_lines(text: &str, free: &[Range<usize>]) -> Vec<Kept> {
    let mut kept = Vec::new();
    let mut at = 0;
    let mut in_use = false;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        let span = at..at + line.len();
        at = span.end;
        let trimmed = line.trim();
        if free
            .iter()
            .any(|free| free.start < span.end && free.end > span.start)
        {
            if kept.last() != Some(&None) {
                kept.push(None);
            }
        } else if in_use || trimmed.starts_with("use ") || trimmed.starts_with("pub use ") {
            in_use = !trimmed.ends_with(';');
        } else if !trimmed.is_empty() && !trimmed.starts_with("//") {
            kept.push(Some((number + 1, trimmed.to_owned())));
        }
    }
    kept
}

/// What is wrong with the proof in the learner's file, if anything: the section's
/// kept lines outside the bug must all be there, in order, each run of them
/// unbroken, and nothing may come before the first or after the last.
fn proof_changed(section: &str, spans: &[Range<usize>], learner: &str) -> Option<String> {
    let section = kept_lines(section, spans);
    let runs: Vec<Vec<&(usize, String)>> = section
        .split(Option::is_none)
        .map(|run| run.iter().flatten().collect())
        .collect();
    let learner: Vec<(usize, String)> = kept_lines(learner, &[]).into_iter().flatten().collect();
    let same = |at: usize, line: &(usize, String)| learner.get(at).is_some_and(|l| l.1 == line.1);
    let changed = |at: Option<usize>, wanted: &(usize, String)| {
        let what = match at.and_then(|at| learner.get(at)) {
            Some((number, text)) => {
                format!(
                    "line {number} of your file is `{text}`, where the exercise has `{}`",
                    wanted.1
                )
            }
            None => format!("the exercise's line `{}` is missing or moved", wanted.1),
        };
        Some(format!(
            "the proof was changed outside the bug's lines ({what}): the check counts a \
             fix only where the bug is, so that the rest of the file, its assertions with \
             it, still proves the claim (`--reset` writes the file afresh)."
        ))
    };
    let (first, rest) = runs.split_first().expect("split gives one run at least");
    // The first run: from the first line on.
    if let Some(i) = (0..first.len()).find(|&i| !same(i, first[i])) {
        return changed(Some(i), first[i]);
    }
    if rest.is_empty() {
        return (learner.len() > first.len()).then(|| {
            format!(
                "the proof was changed outside the bug's lines: line {} of your file, \
                 `{}`, was added, so the check cannot count it.",
                learner[first.len()].0,
                learner[first.len()].1
            )
        });
    }
    let mut at = first.len();
    let (last, middle) = rest.split_last().expect("rest is not empty");
    // Each run between two bug regions: unbroken, anywhere after the one before.
    for run in middle {
        let common = |start: usize| {
            (0..run.len())
                .take_while(|&i| same(start + i, run[i]))
                .count()
        };
        match (at..=learner.len()).find(|&start| common(start) == run.len()) {
            Some(start) => at = start + run.len(),
            None => {
                let (start, k) = (at..learner.len())
                    .map(|start| (start, common(start)))
                    .max_by_key(|&(start, k)| (k, usize::MAX - start))
                    .unwrap_or((at, 0));
                return changed((k > 0).then_some(start + k), run[k]);
            }
        }
    }
    // The last run: up to the last line, after the runs before it.
    for i in 1..=last.len() {
        let yours = learner.len().checked_sub(i).filter(|&j| j >= at);
        if yours.is_none_or(|j| learner[j].1 != last[last.len() - i].1) {
            return changed(yours, last[last.len() - i]);
        }
    }
    None
}

/// How often `word` occurs in a line's code (a `//` comment aside) where no
/// identifier character comes before it (nor after it, for a word like `return`).
fn count_in_line(line: &str, word: &str) -> usize {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let whole = word.ends_with(ident);
    let code = line.split("//").next().unwrap_or_default();
    code.match_indices(word)
        .filter(|&(at, _)| {
            let glued_after = whole && code[at + word.len()..].starts_with(ident);
            !code[..at].ends_with(ident) && !glued_after
        })
        .count()
}

/// How often `word` occurs in the code of `text`.
fn count(text: &str, word: &str) -> usize {
    text.lines().map(|line| count_in_line(line, word)).sum()
}

/// The number of the first line of `learner` that holds `word` and is none of the
/// bug file's lines: where the learner added it.
fn added_at(learner: &str, bug: &str, word: &str) -> usize {
    let bug: Vec<&str> = bug.lines().map(str::trim).collect();
    learner
        .lines()
        .position(|line| count_in_line(line, word) > 0 && !bug.contains(&line.trim()))
        .map_or(0, |at| at + 1)
}

/// Why the learner's text cannot count as a fix, whatever its runs do: the proof
/// changed, a sleep added, an early end added. Empty when none of these.
pub fn refusals(exercise: &Exercise, section: &str, learner: &str) -> Result<Vec<String>, Error> {
    let spans = bug_spans(exercise, section)?;
    let bug = bug_body(section, &spans);
    let learner = learner.replace("\r\n", "\n");
    let body = &section[header_len(section)..];
    let added = |word: &&&str| count(&learner, word) > count(body, word).max(count(&bug, word));
    let spans: Vec<Range<usize>> = spans.into_iter().map(|(span, _)| span).collect();
    let mut refused = Vec::from_iter(proof_changed(section, &spans, &learner));
    if let Some(sleep) = SLEEPS.iter().find(added) {
        let line = added_at(&learner, &bug, sleep);
        refused.push(format!(
            "the fix adds a wait (`{sleep}`, line {line}): a fix that waits makes the \
             failure rarer, not impossible, so the check cannot count it."
        ));
    }
    if let Some(end) = EARLY_ENDS.iter().find(added) {
        let line = added_at(&learner, &bug, end);
        refused.push(format!(
            "the fix adds `{end}` (line {line}): a program that ends early skips its \
             proof, so the check cannot count it."
        ));
    }
    Ok(refused)
}

// ---- The check ----

impl Fails {
    /// Whether `outcome` is this failure: the tests check that every bug fails so,
    /// and the report tells the learner whether they still see the bug's symptom.
    pub fn is(&self, outcome: &Outcome) -> bool {
        match (self, outcome) {
            (Fails::Compile(code), Outcome::DoesNotCompile(rustc_said)) => {
                rustc_said.contains(&format!("error[{code}]"))
            }
            (Fails::Panic(text), Outcome::Failed { stderr, .. }) => stderr.contains(text),
            (Fails::Hangs(_), Outcome::DidNotEnd { .. }) => true,
            _ => false,
        }
    }
}

/// How the build and the runs went.
pub enum Outcome {
    /// rustc failed; what it printed.
    DoesNotCompile(String),
    /// Run `run` (from 1) exited with `code` (`None`: killed by a signal).
    Failed {
        run: usize,
        code: Option<i32>,
        stdout: String,
        stderr: String,
    },
    /// Run `run` (from 1) did not end within the timeout, and was killed.
    DidNotEnd {
        run: usize,
        stdout: String,
        stderr: String,
    },
    /// Every run exited with 0.
    Passed,
}

/// A checked file: its text, how its runs went, and why it does not count if it
/// does not.
pub struct Checked {
    pub text: Vec<u8>,
    pub outcome: Outcome,
    pub refused: Vec<String>,
}

impl Checked {
    pub fn solved(&self) -> bool {
        matches!(self.outcome, Outcome::Passed) && self.refused.is_empty()
    }
}

/// Checks `file` (relative to `root`, or absolute) as a fix of `exercise`, whose
/// section's text is `section`: builds it into `build`, runs it up to `runs` times
/// within `timeout` each, and compares it with the section.
pub fn check(
    exercise: &Exercise,
    section: &str,
    root: &Path,
    file: &Path,
    build: &Path,
    runs: usize,
    timeout: Duration,
) -> Result<Checked, Error> {
    let text = fs::read(root.join(file))
        .map_err(|error| Error::Failed(format!("cannot read {}: {error}", file.display())))?;
    let refused = refusals(exercise, section, &String::from_utf8_lossy(&text))?;
    let binary = build.join(format!("{}{}", exercise.name, env::consts::EXE_SUFFIX));
    let color = workspace::use_color(io::stdout().is_terminal(), env::var_os("NO_COLOR"));
    let outcome = match compile(root, file, &binary, color)? {
        Err(rustc_said) => Outcome::DoesNotCompile(rustc_said),
        Ok(()) => run_many(&binary, runs, timeout)?,
    };
    Ok(Checked {
        text,
        outcome,
        refused,
    })
}

/// Builds `file` alone (run from `root`, so rustc names it as given) into `binary`:
/// `Ok(Err(what rustc said))` if it does not compile. Warnings are left out: one
/// may give the fix away ("variable does not need to be mutable"). `color`: rustc's
/// colors, as it would show them on a terminal.
pub fn compile(
    root: &Path,
    file: &Path,
    binary: &Path,
    color: bool,
) -> Result<Result<(), String>, Error> {
    if let Some(folder) = binary.parent() {
        fs::create_dir_all(folder).map_err(|error| {
            Error::Failed(format!("cannot create {}: {error}", folder.display()))
        })?;
    }
    let output = workspace::rustc()
        .current_dir(root)
        .args(["--edition", "2024", "--crate-type", "bin", "-A", "warnings"])
        .arg(if color {
            "--color=always"
        } else {
            "--color=never"
        })
        .arg("-o")
        .arg(binary)
        .arg(file)
        .stdin(Stdio::null())
        .output()
        .map_err(|error| Error::Failed(format!("could not run rustc: {error}")))?;
    if output.status.success() {
        Ok(Ok(()))
    } else {
        Ok(Err(String::from_utf8_lossy(&output.stderr).into_owned()))
    }
}

/// Runs `binary` up to `runs` times, every second run beside rival threads that keep
/// every core busy, and stops at the first run that fails or does not end.
pub fn run_many(binary: &Path, runs: usize, timeout: Duration) -> Result<Outcome, Error> {
    let rivals = thread::available_parallelism().map_or(1, |n| n.get());
    for run in 1..=runs {
        let outcome = if run % 2 == 0 {
            sampler::beside(rivals, std::hint::spin_loop, || run_once(binary, timeout))
        } else {
            run_once(binary, timeout)
        };
        let outcome = outcome.map_err(|error| {
            Error::Failed(format!("could not run {}: {error}", binary.display()))
        })?;
        match outcome {
            Outcome::Failed {
                stdout,
                stderr,
                code,
                ..
            } => {
                return Ok(Outcome::Failed {
                    run,
                    code,
                    stdout,
                    stderr,
                });
            }
            Outcome::DidNotEnd { stdout, stderr, .. } => {
                return Ok(Outcome::DidNotEnd {
                    run,
                    stdout,
                    stderr,
                });
            }
            _ => {}
        }
    }
    Ok(Outcome::Passed)
}

/// One run of `binary`, killed if it has not ended within `timeout`.
fn run_once(binary: &Path, timeout: Duration) -> io::Result<Outcome> {
    // A backtrace would bury the panic message, which is what the learner needs.
    let mut child = Command::new(binary)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // Read both pipes as the program writes, or a full pipe would stop it. The
    // readers reach the pipes' ends when the program ends, and say so: waiting for
    // that, with a deadline, needs no polling.
    let (ended, end) = mpsc::channel();
    let stdout = read_all(child.stdout.take(), ended.clone());
    let stderr = read_all(child.stderr.take(), ended);
    let deadline = Instant::now() + timeout;
    let both_closed = (0..2).all(|_| {
        let left = deadline.saturating_duration_since(Instant::now());
        end.recv_timeout(left).is_ok()
    });
    let status = if both_closed {
        Some(child.wait()?)
    } else {
        kill(&mut child);
        None
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    Ok(match status {
        None => Outcome::DidNotEnd {
            run: 0,
            stdout,
            stderr,
        },
        Some(status) if status.success() => Outcome::Passed,
        Some(status) => Outcome::Failed {
            run: 0,
            code: status.code(),
            stdout,
            stderr,
        },
    })
}

/// Ends a run that went on too long.
fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// A thread that reads a pipe to its end, then says so on `ended`.
fn read_all(
    pipe: Option<impl Read + Send + 'static>,
    ended: mpsc::Sender<()>,
) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        let _ = ended.send(());
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Says plainly how the check went.
fn report(
    out: &mut impl Write,
    exercise: &Exercise,
    checked: &Checked,
    runs: usize,
) -> io::Result<()> {
    // The end of what a run printed, where a failure shows.
    let printed = |out: &mut dyn Write, stdout: &str, stderr: &str| -> io::Result<()> {
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
    };
    let still = if exercise.fails.is(&checked.outcome) {
        " This is still the bug's failure."
    } else {
        ""
    };
    match &checked.outcome {
        Outcome::DoesNotCompile(rustc_said) => {
            write!(out, "{rustc_said}")?;
            writeln!(out, "It does not compile: rustc's errors are above.{still}")?;
        }
        Outcome::Failed {
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
            writeln!(out, "Run {run} of {runs} failed ({how}).{still}")?;
        }
        Outcome::DidNotEnd {
            run,
            stdout,
            stderr,
        } => {
            printed(out, stdout, stderr)?;
            let what = match exercise.fails {
                Fails::Hangs(what) => what,
                _ => {
                    "something waits for ever (a lock never released, a join or a recv that never returns)"
                }
            };
            writeln!(
                out,
                "Run {run} of {runs} did not end within {} s: {what}.",
                TIMEOUT.as_secs()
            )?;
        }
        Outcome::Passed => {
            writeln!(
                out,
                "All {runs} runs passed, half of them beside busy cores."
            )?;
        }
    }
    for refused in &checked.refused {
        writeln!(out, "But {refused}")?;
    }
    Ok(())
}
