//! `cargo xtask demo [--timeline] [CRATE...]`: build the examples in one cargo
//! call, run each in teaching order under a header as soon as it is built, then
//! print a summary.

use std::collections::HashSet;
use std::env;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use crate::{binary, cargo, choose, example_crates};

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

    let (mut cargo, ready) = match start_build(&chosen) {
        Ok(build) => build,
        Err(error) => {
            eprintln!("error: could not start cargo: {error}");
            return ExitCode::FAILURE;
        }
    };
    let color = use_color(io::stdout().is_terminal(), env::var_os("NO_COLOR"));
    let mut built = HashSet::new();
    let mut results = Vec::new();
    for name in &chosen {
        // Wait until cargo has built this crate (it may build others first); a
        // closed channel means cargo stopped without building it.
        while !built.contains(name) {
            match ready.recv() {
                Ok(done) => built.insert(done),
                Err(_) => {
                    let _ = cargo.wait();
                    eprintln!(
                        "error: `cargo build` of the examples failed; fix the errors above, then run this again"
                    );
                    return ExitCode::FAILURE;
                }
            };
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
            Command::new(binary(name)).status()
        };
        results.push((name, status, started.elapsed()));
    }

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

/// Starts one `cargo build` of the crates' binaries, and a thread that sends each
/// crate's name as soon as cargo reports its binary built, so that the first demos
/// run while cargo still builds the others. The channel closes when cargo ends.
fn start_build(crates: &[String]) -> io::Result<(Child, Receiver<String>)> {
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
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        // One JSON object a line; a built binary's carries `"executable":"<path>"`,
        // and each example's binary is named after its crate.
        for line in BufReader::new(messages).lines().map_while(Result::ok) {
            let Some((_, rest)) = line.split_once("\"executable\":\"") else {
                continue;
            };
            let path = Path::new(rest.split('"').next().unwrap_or_default());
            if let Some(name) = path.file_stem().and_then(|stem| stem.to_str()) {
                if tx.send(name.to_owned()).is_err() {
                    break;
                }
            }
        }
        // `tx` drops here: the demo loop learns that nothing more will come.
    });
    Ok((child, rx))
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
    let mut child: Child = Command::new(binary(name))
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

#[cfg(test)]
mod tests {
    use super::use_color;
    use std::ffi::OsString;

    #[test]
    fn headers_are_bold_only_on_a_terminal_without_no_color() {
        assert!(use_color(true, None));
        assert!(use_color(true, Some(OsString::new())));
        assert!(!use_color(true, Some(OsString::from("1"))));
        assert!(!use_color(false, None));
    }
}
