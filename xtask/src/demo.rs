//! `cargo xtask demo [--timeline] [CRATE...]`: build the examples in one cargo
//! call, run each in teaching order under a header as soon as it is built, then
//! print a summary.

use std::env;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::workspace::{
    BUILD_FAILED, built_binary, choose, example_crates, start_build, use_color,
};

pub fn run(args: &[String]) -> ExitCode {
    let timeline = args.iter().any(|arg| arg == "--timeline");
    let names: Vec<String> = args
        .iter()
        .filter(|arg| *arg != "--timeline")
        .cloned()
        .collect();
    let chosen = match choose("demo", &names, example_crates(), "the example crates are") {
        Ok(chosen) => chosen,
        Err(code) => return code,
    };

    let (mut cargo, mut messages) = match start_build(&chosen) {
        Ok(build) => build,
        Err(error) => {
            eprintln!("error: could not start cargo: {error}");
            return ExitCode::FAILURE;
        }
    };
    let color = use_color(io::stdout().is_terminal(), env::var_os("NO_COLOR"));
    let mut built: Vec<(String, PathBuf)> = Vec::new();
    let mut results = Vec::new();
    for name in &chosen {
        // Read cargo's messages until this crate is built (cargo may build others
        // first); if they end without it, the build failed.
        let path = loop {
            if let Some((_, path)) = built.iter().find(|(built, _)| built == name) {
                break path.clone();
            }
            match messages.next() {
                Some(Ok(message)) => built.extend(built_binary(&message)),
                _ => {
                    // Stop reading before waiting, so cargo never waits on us.
                    drop(messages);
                    let _ = cargo.wait();
                    eprintln!("error: {BUILD_FAILED}");
                    return ExitCode::FAILURE;
                }
            }
        };
        let header = format!("▶ cargo run -p {name}");
        if color {
            println!("\n\x1b[1m{header}\x1b[0m");
        } else {
            println!("\n{header}");
        }
        let _ = io::stdout().flush();
        let started = Instant::now();
        let status = if timeline {
            run_with_timeline(&path, started)
        } else {
            demo(&path).status()
        };
        results.push((name, status, started.elapsed()));
    }

    // Read cargo's last messages, so that it is never left waiting to write them.
    messages.map_while(Result::ok).for_each(drop);
    if !matches!(cargo.wait(), Ok(status) if status.success()) {
        eprintln!("error: {BUILD_FAILED}");
        return ExitCode::FAILURE;
    }

    println!("\nSummary");
    let width = chosen.iter().map(String::len).max().unwrap_or(0);
    let mut failed = 0;
    for (name, status, time) in &results {
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
        println!("  {name:<width$}  {:>8.1} ms  {result}", millis(*time));
    }
    if failed == 0 {
        println!("All {n} of {n} demos succeeded.", n = results.len());
        ExitCode::SUCCESS
    } else {
        println!("{failed} of {} demos failed.", results.len());
        ExitCode::FAILURE
    }
}

/// The command that runs one demo. Its panics (threads, mutex) are part of the
/// lesson, so a `RUST_BACKTRACE` set in the caller's shell is not passed on: a
/// backtrace of each would bury the lesson (and take most of the demo's time).
/// `cargo run -p <crate>` still shows them.
fn demo(path: &Path) -> Command {
    let mut command = Command::new(path);
    command.env_remove("RUST_BACKTRACE");
    command
}

fn millis(time: Duration) -> f64 {
    time.as_secs_f64() * 1000.0
}

/// Runs one demo with its stdout and stderr piped, and prints each of their lines
/// as it arrives, prefixed with the time since `started`. Rust's stdout is line
/// buffered even into a pipe, so a line arrives when the demo prints it.
fn run_with_timeline(path: &Path, started: Instant) -> io::Result<ExitStatus> {
    let mut child: Child = demo(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take().expect("stderr is piped");
    thread::scope(|scope| {
        scope.spawn(|| stamp(stdout, started, &mut io::stdout()));
        scope.spawn(|| stamp(stderr, started, &mut io::stderr()));
    });
    child.wait()
}

/// Copies `from` to `to` line by line, each line prefixed with `+<ms> ms`.
/// A last line without a newline (a process can end mid-line) is copied too.
fn stamp(from: impl Read, started: Instant, to: &mut impl Write) {
    let mut reader = BufReader::new(from);
    let mut line = Vec::new();
    while matches!(reader.read_until(b'\n', &mut line), Ok(n) if n > 0) {
        let text = String::from_utf8_lossy(&line);
        let text = text.strip_suffix('\n').unwrap_or(&text);
        let _ = writeln!(to, "+{:>7.1} ms  {text}", millis(started.elapsed()));
        line.clear();
    }
}
