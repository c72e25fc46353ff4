//! `cargo xtask demo [--timeline] [CRATE...]`: build the examples in one cargo
//! call, run each as soon as it is built, show them in teaching order each under a
//! header, then print a summary.
//!
//! Each section runs as a process of its own (`<crate> <section>`, in `--list`
//! order), so that what it writes to stderr can be shown apart: its stdout as it
//! comes, then, if it wrote to stderr, a block `--- stderr of <crate> <section> ---`
//! whose lines start with `| ` (the empty lines stderr may start with left out). A
//! reader sees which lines Rust wrote to stderr (the panic messages), at the cost of
//! their place between the stdout lines around them: two pipes cannot tell in which
//! order lines were written across them.
//!
//! Every line reaches the terminal through this program, so that a closed stdout
//! (`cargo xtask demo | head`) stops the demo in one place: the write that fails
//! returns its error, `main` ends quietly with exit code 0, and the section that was
//! running is stopped before it can panic on the closed pipe itself.

use std::env;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::workspace::{
    BUILD_FAILED, Error, Messages, built_binary, choose, example_crates, start_build, use_color,
};

/// How one crate's demo ended.
enum Ended {
    Ok,
    /// A section, or `--list`, exited with a failure; the rest did not run.
    Failed(String, ExitStatus),
    /// A process could not be started.
    NotStarted(io::Error),
}

/// One demo's crate, how it ended, and how long it took.
type Outcome<'a> = (&'a str, Ended, Duration);

pub fn run(args: &[String]) -> Result<(), Error> {
    let timeline = args.iter().any(|arg| arg == "--timeline");
    let names: Vec<String> = args
        .iter()
        .filter(|arg| *arg != "--timeline")
        .cloned()
        .collect();
    let chosen = choose("demo", &names, example_crates(), "the example crates are")?;
    let (mut cargo, mut messages) = start_build(&chosen).map_err(Error::no_cargo)?;
    let shown = show_demos(&chosen, &mut messages, timeline);
    // Whatever happened, even a closed stdout, read cargo's last messages and wait
    // for it, so that it is never left writing into a pipe nobody reads.
    messages.map_while(Result::ok).for_each(drop);
    let built = matches!(cargo.wait(), Ok(status) if status.success());
    let outcomes = shown?;
    if !built || outcomes.len() < chosen.len() {
        return Err(Error::Failed(BUILD_FAILED.to_owned()));
    }
    summary(&outcomes)
}

/// One demo that has run: how it ended, how long it took, and its output if it ran
/// before its turn.
type Ran = (Ended, Duration, Vec<u8>);

/// Runs the chosen crates' demos one at a time, each as soon as cargo reports it
/// built (cargo builds in an order of its own), and shows them in teaching order: the
/// demo whose turn it is straight to the terminal, one that ran early from a buffer
/// when its turn comes, so the last crate built is the only one left to run after the
/// build. Stops early, with fewer outcomes than crates, if cargo's messages end first
/// (a failed build).
fn show_demos<'a>(
    chosen: &'a [String],
    messages: &mut Messages,
    timeline: bool,
) -> io::Result<Vec<Outcome<'a>>> {
    let color = use_color(io::stdout().is_terminal(), env::var_os("NO_COLOR"));
    let mut built: Vec<(String, PathBuf)> = Vec::new();
    let mut ran: Vec<Option<Ran>> = chosen.iter().map(|_| None).collect();
    let mut outcomes: Vec<Outcome> = Vec::new();
    writeln!(
        io::stdout(),
        "Each section starts with `=== <section>: <the claim it shows> ===`. Lines under\n\
         `--- stderr of <crate> <section> ---` went to stderr: panic messages, and figures\n\
         that change from run to run."
    )?;
    while outcomes.len() < chosen.len() {
        let turn = outcomes.len();
        let path_of = |i: usize| built.iter().find(|(name, _)| *name == chosen[i]);
        // The first crate in teaching order that is built and has not run yet.
        let Some(i) = (turn..chosen.len()).find(|&i| ran[i].is_none() && path_of(i).is_some())
        else {
            match messages.next() {
                Some(Ok(message)) => built.extend(built_binary(&message)),
                _ => return Ok(outcomes),
            }
            continue;
        };
        let path = path_of(i)
            .map(|(_, path)| path.clone())
            .expect("it is built");
        let (mut terminal, mut buffer) = (io::stdout(), Vec::new());
        let out: &mut dyn Write = if i == turn {
            &mut terminal
        } else {
            &mut buffer
        };
        let header = format!("▶ cargo run -p {}", chosen[i]);
        if color {
            writeln!(out, "\n\x1b[1m{header}\x1b[0m")?;
        } else {
            writeln!(out, "\n{header}")?;
        }
        let started = Instant::now();
        let clock = Clock {
            started,
            stamped: timeline,
        };
        let ended = run_sections(&chosen[i], &path, clock, out)?;
        ran[i] = Some((ended, started.elapsed(), buffer));
        // Every demo whose turn has come and that has run, in teaching order.
        while let Some((ended, time, buffer)) = ran.get_mut(outcomes.len()).and_then(Option::take) {
            io::stdout().write_all(&buffer)?;
            outcomes.push((chosen[outcomes.len()].as_str(), ended, time));
        }
    }
    Ok(outcomes)
}

fn summary(outcomes: &[Outcome]) -> Result<(), Error> {
    let mut out = io::stdout().lock();
    writeln!(out, "\nSummary")?;
    let width = outcomes
        .iter()
        .map(|(name, ..)| name.len())
        .max()
        .unwrap_or(0);
    let mut failed = 0;
    for (name, ended, time) in outcomes {
        let result = match ended {
            Ended::Ok => "ok".to_owned(),
            Ended::Failed(section, status) => {
                failed += 1;
                format!("FAILED ({section}: {status})")
            }
            Ended::NotStarted(error) => {
                failed += 1;
                format!("FAILED (could not start: {error})")
            }
        };
        writeln!(out, "  {name:<width$}  {:>8.1} ms  {result}", millis(*time))?;
    }
    if failed == 0 {
        writeln!(out, "All {n} of {n} demos succeeded.", n = outcomes.len())?;
        Ok(())
    } else {
        let n = outcomes.len();
        Err(Error::Failed(format!(
            "{failed} of {n} demos failed; run `cargo run -p <crate>` to see one alone"
        )))
    }
}

/// When a demo started, and whether each line is stamped with the time since.
#[derive(Clone, Copy)]
struct Clock {
    started: Instant,
    stamped: bool,
}

impl Clock {
    /// `text` as one line of the demo's output, stamped `+<ms> ms` if asked for,
    /// with the time `at` (since the demo started).
    fn line(self, out: &mut dyn Write, at: Duration, text: &str) -> io::Result<()> {
        if self.stamped {
            writeln!(out, "+{:>7.1} ms  {text}", millis(at))
        } else {
            writeln!(out, "{text}")
        }
    }
}

/// Runs each section of one crate, in `--list` order, as a process of its own, and
/// shows its stdout, then its stderr as a block. Stops at the first section that
/// fails. The outer error is ours, a closed stdout.
fn run_sections(name: &str, binary: &Path, clock: Clock, out: &mut dyn Write) -> io::Result<Ended> {
    let list = match Command::new(binary).arg("--list").output() {
        Ok(list) if list.status.success() => list,
        Ok(list) => return Ok(Ended::Failed("--list".to_owned(), list.status)),
        Err(error) => return Ok(Ended::NotStarted(error)),
    };
    let list = String::from_utf8_lossy(&list.stdout);
    for section in list
        .lines()
        .filter_map(|line| line.split_whitespace().next())
    {
        let child = match start(binary, section) {
            Ok(child) => child,
            Err(error) => return Ok(Ended::NotStarted(error)),
        };
        let (status, stderr) = show(child, clock, out)?;
        // Rust may put an empty line before a panic message; a block starts with text.
        let blank = stderr.iter().take_while(|(_, line)| line.trim().is_empty());
        let stderr = &stderr[blank.count()..];
        if !stderr.is_empty() {
            let shown_at = clock.started.elapsed();
            clock.line(
                out,
                shown_at,
                &format!("--- stderr of {name} {section} ---"),
            )?;
            for (at, line) in stderr {
                clock.line(out, *at, &format!("| {line}"))?;
            }
        }
        match status {
            Ok(status) if status.success() => {}
            Ok(status) => return Ok(Ended::Failed(section.to_owned(), status)),
            Err(error) => return Ok(Ended::NotStarted(error)),
        }
    }
    Ok(Ended::Ok)
}

/// Starts one section with its stdout and its stderr each on a pipe of its own. Its
/// panics are part of the lesson, so a `RUST_BACKTRACE` set in the caller's shell is
/// not passed on: a backtrace of each would bury the lesson. `cargo run -p <crate>`
/// shows them.
fn start(binary: &Path, section: &str) -> io::Result<Child> {
    Command::new(binary)
        .arg(section)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
}

fn millis(time: Duration) -> f64 {
    time.as_secs_f64() * 1000.0
}

/// A line of stderr, with the time it was read (since the demo started).
type Stamped = (Duration, String);

/// Copies the section's stdout to `out` as it arrives, while a thread of its own
/// reads its stderr (so that neither pipe fills and stops the section), then waits
/// for it: how it ended and its stderr lines. The outer error is ours, a closed
/// stdout: then the section is stopped and the error handed back.
fn show(
    mut child: Child,
    clock: Clock,
    out: &mut dyn Write,
) -> io::Result<(io::Result<ExitStatus>, Vec<Stamped>)> {
    let stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take().expect("stderr is piped");
    let (copied, stderr) = thread::scope(|scope| {
        let reading = scope.spawn(move || lines(stderr, clock.started).collect());
        let copied = if clock.stamped {
            stamp(stdout, clock, out)
        } else {
            pass_through(stdout, out)
        };
        if copied.is_err() {
            // Ends the reading too: the section's end of the pipe closes with it.
            let _ = child.kill();
        }
        (copied, reading.join().unwrap_or_default())
    });
    let status = child.wait();
    copied.map(|()| (status, stderr))
}

/// Copies `from` to `out`, flushing each piece at once, until `from` ends. A read
/// error ends the copy like the end of the output: the exit status says the rest.
fn pass_through(mut from: impl Read, out: &mut dyn Write) -> io::Result<()> {
    let mut chunk = [0; 4096];
    while let Ok(n @ 1..) = from.read(&mut chunk) {
        out.write_all(&chunk[..n])?;
        out.flush()?;
    }
    Ok(())
}

/// Copies `from` to `out` line by line, each line stamped with the time since the
/// demo started. Rust's stdout is line buffered even into a pipe, so a line arrives
/// when the section prints it.
fn stamp(from: impl Read, clock: Clock, out: &mut dyn Write) -> io::Result<()> {
    for (at, line) in lines(from, clock.started) {
        clock.line(out, at, &line)?;
    }
    Ok(())
}

/// The lines of `from` as they arrive, each with the time since `started`; a last
/// line without a newline (a process can end mid-line) is one too. A read error ends
/// them like the end of the output.
fn lines(from: impl Read, started: Instant) -> impl Iterator<Item = Stamped> {
    let mut reader = BufReader::new(from);
    let mut line = Vec::new();
    std::iter::from_fn(move || {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(1..) => {
                let text = String::from_utf8_lossy(&line);
                let text = text.strip_suffix('\n').unwrap_or(&text);
                Some((started.elapsed(), text.to_owned()))
            }
            _ => None,
        }
    })
}
