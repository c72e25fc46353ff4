//! `cargo xtask demo [--timeline] [CRATE...]`: build the examples in one cargo
//! call, run each as soon as it is built, show them in teaching order each under a
//! header, then print a summary.
//!
//! Every line reaches the terminal through this program, the demos' too (their
//! stdout and stderr joined, in order), so that a closed stdout
//! (`cargo xtask demo | head`) stops the demo in one place: the write that fails
//! returns its error, `main` ends quietly with exit code 0, and the demo that was
//! running is stopped before it can panic on the closed pipe itself.

use std::env;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
#[cfg(not(unix))]
use std::process::Stdio;
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

use crate::workspace::{
    BUILD_FAILED, Error, Messages, built_binary, choose, example_crates, start_build, use_color,
};

/// One demo's crate, how it ended (or why it could not start), and how long it took.
type Outcome<'a> = (&'a str, io::Result<ExitStatus>, Duration);

pub fn run(args: &[String]) -> Result<(), Error> {
    let timeline = args.iter().any(|arg| arg == "--timeline");
    let names: Vec<String> = args
        .iter()
        .filter(|arg| *arg != "--timeline")
        .cloned()
        .collect();
    let chosen =
        choose("demo", &names, example_crates(), "the example crates are").map_err(Error::Usage)?;
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

/// One demo that has run: how it ended (or why it could not start), how long it
/// took, and its output if it ran before its turn.
type Ran = (io::Result<ExitStatus>, Duration, Vec<u8>);

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
        let status = match start(&path) {
            Ok((child, output)) => show(child, output, timeline.then_some(started), out)?,
            Err(error) => Err(error),
        };
        ran[i] = Some((status, started.elapsed(), buffer));
        // Every demo whose turn has come and that has run, in teaching order.
        while let Some((status, time, buffer)) = ran.get_mut(outcomes.len()).and_then(Option::take)
        {
            io::stdout().write_all(&buffer)?;
            outcomes.push((chosen[outcomes.len()].as_str(), status, time));
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
    for (name, status, time) in outcomes {
        let result = match status {
            Ok(status) if status.success() => "ok".to_owned(),
            Ok(status) => {
                failed += 1;
                format!("FAILED ({status})")
            }
            Err(error) => {
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

/// Starts one demo with its stdout and its stderr joined in one stream that this
/// program reads, so that its lines keep the order the demo wrote them in (the
/// panic messages of `threads` stand between the lines around them). Its panics are
/// part of the lesson, so a `RUST_BACKTRACE` set in the caller's shell is not passed
/// on: a backtrace of each would bury the lesson. `cargo run -p <crate>` shows them.
fn start(path: &Path) -> io::Result<(Child, Box<dyn Read>)> {
    let mut command = Command::new(path);
    command.env_remove("RUST_BACKTRACE");
    #[cfg(unix)]
    {
        // Both streams into one end of a socket pair; this program reads the other.
        let (output, input) = std::os::unix::net::UnixStream::pair()?;
        command
            .stdout(std::os::fd::OwnedFd::from(input.try_clone()?))
            .stderr(std::os::fd::OwnedFd::from(input));
        let child = command.spawn();
        // Close our copies of the demo's end, so that reading ends when the demo does.
        drop(command);
        Ok((child?, Box::new(output)))
    }
    #[cfg(not(unix))]
    {
        // Elsewhere only stdout comes through this program; stderr goes straight out.
        let mut child = command.stdout(Stdio::piped()).spawn()?;
        let output = child.stdout.take().expect("stdout is piped");
        Ok((child, Box::new(output)))
    }
}

fn millis(time: Duration) -> f64 {
    time.as_secs_f64() * 1000.0
}

/// Copies the demo's output to `out` as it arrives (each line stamped with the time
/// since `timeline`, if given), then waits for the demo. The outer error is ours, a
/// closed stdout: then the demo is stopped and the error handed back.
fn show(
    mut child: Child,
    output: impl Read,
    timeline: Option<Instant>,
    out: &mut dyn Write,
) -> io::Result<io::Result<ExitStatus>> {
    let copied = match timeline {
        Some(started) => stamp(output, started, out),
        None => pass_through(output, out),
    };
    match copied {
        Ok(()) => Ok(child.wait()),
        Err(error) => {
            let _ = child.kill();
            let _ = child.wait();
            Err(error)
        }
    }
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

/// Copies `from` to `out` line by line, each line prefixed with `+<ms> ms`, the time
/// since `started`. A last line without a newline (a process can end mid-line) is
/// copied too. Rust's stdout is line buffered even into a pipe, so a line arrives
/// when the demo prints it.
fn stamp(from: impl Read, started: Instant, out: &mut dyn Write) -> io::Result<()> {
    let mut reader = BufReader::new(from);
    let mut line = Vec::new();
    while matches!(reader.read_until(b'\n', &mut line), Ok(n) if n > 0) {
        let text = String::from_utf8_lossy(&line);
        let text = text.strip_suffix('\n').unwrap_or(&text);
        writeln!(out, "+{:>7.1} ms  {text}", millis(started.elapsed()))?;
        line.clear();
    }
    Ok(())
}
