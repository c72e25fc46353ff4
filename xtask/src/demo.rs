//! `cargo xtask demo [--timeline] [CRATE...]`: build the examples in one cargo
//! call, run each in teaching order under a header as soon as it is built, then
//! print a summary.

use std::env;
use std::io::{self, BufRead, BufReader, IsTerminal, Lines, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, ExitCode, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::workspace::{binary, cargo, choose, example_crates};

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
    let mut built: Vec<String> = Vec::new();
    let mut results = Vec::new();
    for name in &chosen {
        // Read cargo's messages until this crate is built (cargo may build others
        // first); if cargo ends without building it, the build failed.
        while !built.contains(name) {
            match messages.next() {
                Some(Ok(message)) => built.extend(built_binary(&message)),
                _ => {
                    let _ = cargo.wait();
                    eprintln!(
                        "error: `cargo build` of the examples failed; fix the errors above, then run this again"
                    );
                    return ExitCode::FAILURE;
                }
            }
        }
        let header = format!("▶ cargo run -p {name}");
        if color {
            println!("\n\x1b[1m{header}\x1b[0m");
        } else {
            println!("\n{header}");
        }
        let _ = io::stdout().flush();
        let started = Instant::now();
        let status = if timeline {
            run_with_timeline(name, started)
        } else {
            demo(name).status()
        };
        results.push((name, status, started.elapsed()));
    }

    // Read cargo's last messages, so that it is never left waiting to write them.
    messages.for_each(drop);
    if !matches!(cargo.wait(), Ok(status) if status.success()) {
        eprintln!("error: `cargo build` of the examples failed; fix the errors above");
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

/// Starts one `cargo build` of the crates' binaries, with one JSON message a line
/// on its stdout, so that each demo can run as soon as its binary is built, while
/// cargo builds the others. (While a demo runs nobody reads the messages; if they
/// fill the pipe, cargo waits until the next read.)
fn start_build(crates: &[String]) -> io::Result<(Child, Lines<BufReader<ChildStdout>>)> {
    let mut command = cargo();
    command.args([
        "build",
        "--quiet",
        "--bins",
        "--message-format=json-render-diagnostics",
    ]);
    for name in crates {
        command.args(["--package", name]);
    }
    let mut child = command.stdout(Stdio::piped()).spawn()?;
    let messages = child.stdout.take().expect("stdout is piped");
    Ok((child, BufReader::new(messages).lines()))
}

/// The crate whose binary a cargo message reports built, if it reports one: its
/// `"executable":"<path>"`, where each example's binary is named after its crate.
fn built_binary(message: &str) -> Option<String> {
    let (_, rest) = message.split_once("\"executable\":\"")?;
    let path = Path::new(rest.split('"').next()?);
    Some(path.file_stem()?.to_str()?.to_owned())
}

/// The command that runs one demo. Its panics (threads, mutex) are part of the
/// lesson, so a `RUST_BACKTRACE` set in the caller's shell is not passed on: a
/// backtrace of each would bury the lesson (and take most of the demo's time).
/// `cargo run -p <crate>` still shows them.
fn demo(name: &str) -> Command {
    let mut command = Command::new(binary(name));
    command.env_remove("RUST_BACKTRACE");
    command
}

/// Bold headers only on a terminal, and never when `NO_COLOR` is set to anything
/// non-empty (https://no-color.org).
fn use_color(is_terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    is_terminal && no_color.is_none_or(|value| value.is_empty())
}

fn millis(time: Duration) -> f64 {
    time.as_secs_f64() * 1000.0
}

/// Runs one demo with its stdout and stderr piped, and prints each of their lines
/// as it arrives, prefixed with the time since `started`. Rust's stdout is line
/// buffered even into a pipe, so a line arrives when the demo prints it.
fn run_with_timeline(name: &str, started: Instant) -> io::Result<ExitStatus> {
    let mut child: Child = demo(name)
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
