//! `cargo xtask demo [--timeline] [CRATE...]`: build the examples in one cargo
//! call, run each in teaching order under a header as soon as it is built, then
//! print a summary.
//!
//! Every line reaches the terminal through this program, the demos' too, so that a
//! closed stdout (`cargo xtask demo | head`) stops the demo in one place: the write
//! that fails returns its error, `main` ends quietly with exit code 0, and the demo
//! that was running is stopped before it can panic on the closed pipe itself.

use std::env;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::workspace::{
    BUILD_FAILED, Messages, built_binary, choose, example_crates, start_build, use_color,
};

/// One demo's crate, how it ended (or why it could not start), and how long it took.
type Outcome<'a> = (&'a str, io::Result<ExitStatus>, Duration);

pub fn run(args: &[String]) -> io::Result<ExitCode> {
    let timeline = args.iter().any(|arg| arg == "--timeline");
    let names: Vec<String> = args
        .iter()
        .filter(|arg| *arg != "--timeline")
        .cloned()
        .collect();
    let chosen = match choose("demo", &names, example_crates(), "the example crates are") {
        Ok(chosen) => chosen,
        Err(code) => return Ok(code),
    };

    let (mut cargo, mut messages) = match start_build(&chosen) {
        Ok(build) => build,
        Err(error) => {
            eprintln!("error: could not start cargo: {error}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let shown = show_demos(&chosen, &mut messages, timeline);
    // Whatever happened, even a closed stdout, read cargo's last messages and wait
    // for it, so that it is never left writing into a pipe nobody reads.
    messages.map_while(Result::ok).for_each(drop);
    let built = matches!(cargo.wait(), Ok(status) if status.success());
    let outcomes = shown?;
    if !built || outcomes.len() < chosen.len() {
        eprintln!("error: {BUILD_FAILED}");
        return Ok(ExitCode::FAILURE);
    }
    summary(&outcomes)
}

/// Runs each chosen crate's demo as soon as cargo reports it built; stops early,
/// with fewer outcomes than crates, if cargo's messages end first (a failed build).
fn show_demos<'a>(
    chosen: &'a [String],
    messages: &mut Messages,
    timeline: bool,
) -> io::Result<Vec<Outcome<'a>>> {
    let color = use_color(io::stdout().is_terminal(), env::var_os("NO_COLOR"));
    let mut built: Vec<(String, PathBuf)> = Vec::new();
    let mut outcomes = Vec::new();
    for name in chosen {
        // Read cargo's messages until this crate is built (cargo may build others first).
        let path = loop {
            if let Some((_, path)) = built.iter().find(|(built, _)| built == name) {
                break path.clone();
            }
            match messages.next() {
                Some(Ok(message)) => built.extend(built_binary(&message)),
                _ => return Ok(outcomes),
            }
        };
        let header = format!("▶ cargo run -p {name}");
        if color {
            writeln!(io::stdout(), "\n\x1b[1m{header}\x1b[0m")?;
        } else {
            writeln!(io::stdout(), "\n{header}")?;
        }
        let started = Instant::now();
        let status = match demo(&path, timeline).spawn() {
            Ok(child) if timeline => run_with_timeline(child, started)?,
            Ok(child) => pass_through(child)?,
            Err(error) => Err(error),
        };
        outcomes.push((name.as_str(), status, started.elapsed()));
    }
    Ok(outcomes)
}

fn summary(outcomes: &[Outcome]) -> io::Result<ExitCode> {
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
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(out, "{failed} of {} demos failed.", outcomes.len())?;
        Ok(ExitCode::FAILURE)
    }
}

/// The command that runs one demo, its stdout piped to this program (and its stderr
/// too, on a timeline). Its panics (threads, mutex) are part of the lesson, so a
/// `RUST_BACKTRACE` set in the caller's shell is not passed on: a backtrace of each
/// would bury the lesson. `cargo run -p <crate>` still shows them.
fn demo(path: &Path, timeline: bool) -> Command {
    let mut command = Command::new(path);
    command.env_remove("RUST_BACKTRACE").stdout(Stdio::piped());
    if timeline {
        command.stderr(Stdio::piped());
    }
    command
}

fn millis(time: Duration) -> f64 {
    time.as_secs_f64() * 1000.0
}

/// Copies the demo's stdout to ours as it arrives, and waits for the demo. The outer
/// error is ours (stdout closed): the demo is stopped and the error returned.
fn pass_through(mut child: Child) -> io::Result<io::Result<ExitStatus>> {
    let mut from = child.stdout.take().expect("stdout is piped");
    let mut out = io::stdout();
    let mut chunk = [0; 4096];
    // A read error ends the copy like the end of the output: the exit status says the rest.
    while let Ok(n @ 1..) = from.read(&mut chunk) {
        // Flushed at once, so a line keeps its place beside the demo's stderr.
        if let Err(error) = out.write_all(&chunk[..n]).and_then(|()| out.flush()) {
            return Err(stop(&mut child, error));
        }
    }
    Ok(child.wait())
}

/// Stops a demo whose output can no longer be shown, and hands back why.
fn stop(child: &mut Child, error: io::Error) -> io::Error {
    let _ = child.kill();
    let _ = child.wait();
    error
}

/// Runs one demo with its stdout and stderr piped, and prints each of their lines
/// as it arrives, prefixed with the time since `started`. Rust's stdout is line
/// buffered even into a pipe, so a line arrives when the demo prints it.
fn run_with_timeline(mut child: Child, started: Instant) -> io::Result<io::Result<ExitStatus>> {
    let stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take().expect("stderr is piped");
    thread::scope(|scope| {
        scope.spawn(|| stamp(stderr, started, &mut io::stderr()));
        match stamp(stdout, started, &mut io::stdout()) {
            Ok(()) => Ok(child.wait()),
            // Stopping the demo also ends its stderr, and so the thread copying it.
            Err(error) => Err(stop(&mut child, error)),
        }
    })
}

/// Copies `from` to `to` line by line, each line prefixed with `+<ms> ms`, until
/// `from` ends or writing to `to` fails. A last line without a newline (a process
/// can end mid-line) is copied too.
fn stamp(from: impl Read, started: Instant, to: &mut impl Write) -> io::Result<()> {
    let mut reader = BufReader::new(from);
    let mut line = Vec::new();
    while matches!(reader.read_until(b'\n', &mut line), Ok(n) if n > 0) {
        let text = String::from_utf8_lossy(&line);
        let text = text.strip_suffix('\n').unwrap_or(&text);
        writeln!(to, "+{:>7.1} ms  {text}", millis(started.elapsed()))?;
        line.clear();
    }
    Ok(())
}
