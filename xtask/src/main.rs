//! The project's task runner, `cargo xtask <task>` (see the matklad/cargo-xtask
//! pattern): plain Rust, std only, so running it needs nothing but the toolchain.
//!
//! - `cargo xtask demo [--timeline] [CRATE...]`: build the examples, run each.
//! - `cargo xtask list`: every example crate with its sections.
//! - `cargo xtask bench [CRATE...]`: what each primitive costs, how the costs grow
//!   with the threads, and what the run shows, computed from its rows.
//! - `cargo xtask compile-fail [FILE...]`: check that every `compile-fail/*.rs`
//!   fails to compile with the error codes its first line names.
//!
//! `bench` and `compile-fail` live in a binary of their own, `xtask-tasks`
//! (`src/tasks/`), built the first time one of them is asked for: `cargo xtask
//! demo`, the first thing a newcomer runs, compiles only what the demo needs.

mod demo;
mod workspace;

use std::env;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode};

use workspace::{
    BUILD_FAILED, HELP, args, built_binary, cargo, example_crates, start_build, usage_error,
};

fn main() -> ExitCode {
    match task(&args()) {
        Ok(code) => code,
        // `cargo xtask demo | head`: the reader has seen all it wanted. Not a failure.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the task the command line names. An error is one writing our own output;
/// everything else ends in the exit code.
fn task(args: &[String]) -> io::Result<ExitCode> {
    let (task, rest) = match args.split_first() {
        Some((task, rest)) => (task.as_str(), rest),
        None => ("--help", &[][..]),
    };
    // `cargo xtask <task> --help` is help too, whatever the task.
    if rest.iter().any(|arg| arg == "-h" || arg == "--help") {
        write!(io::stdout(), "{HELP}")?;
        return Ok(ExitCode::SUCCESS);
    }
    match task {
        "-h" | "--help" | "help" => {
            write!(io::stdout(), "{HELP}")?;
            Ok(ExitCode::SUCCESS)
        }
        "demo" => demo::run(rest),
        "list" if rest.is_empty() => list(),
        "bench" | "compile-fail" => Ok(run_task(task, rest)),
        "list" => Ok(usage_error("`list` takes no arguments")),
        _ => Ok(usage_error(&format!("unknown task `{task}`"))),
    }
}

/// `cargo xtask list`: each crate's `--list`, under the command that runs it.
fn list() -> io::Result<ExitCode> {
    let crates = example_crates();
    let (mut cargo, messages) = match start_build(&crates) {
        Ok(build) => build,
        Err(error) => {
            eprintln!("error: could not start cargo: {error}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let built: Vec<(String, PathBuf)> = messages
        .map_while(Result::ok)
        .filter_map(|message| built_binary(&message))
        .collect();
    if !matches!(cargo.wait(), Ok(status) if status.success()) {
        eprintln!("error: {BUILD_FAILED}");
        return Ok(ExitCode::FAILURE);
    }
    let mut out = io::stdout().lock();
    for name in &crates {
        let path = built
            .iter()
            .find(|(built, _)| built == name)
            .map(|(_, path)| path);
        match path.map(|path| Command::new(path).arg("--list").output()) {
            Some(Ok(output)) if output.status.success() => {
                writeln!(out, "{name}  (cargo run -p {name} -- <section>)")?;
                for line in String::from_utf8_lossy(&output.stdout).lines() {
                    writeln!(out, "  {line}")?;
                }
            }
            _ => {
                eprintln!(
                    "error: `{name} --list` failed; run `cargo run -p {name} -- --list` to see why"
                );
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `xtask-tasks <task> <args>` through cargo (from the workspace root, like
/// every command here), which builds it first if needed, and exits as it did. The
/// file names `compile-fail` takes are made absolute first: they are relative to
/// the directory the user is in.
fn run_task(task: &str, args: &[String]) -> ExitCode {
    let here = env::current_dir().unwrap_or_default();
    let args = args.iter().map(|arg| {
        if task == "compile-fail" && !arg.starts_with('-') {
            here.join(arg).display().to_string()
        } else {
            arg.clone()
        }
    });
    let status = cargo()
        .args([
            "run",
            "--quiet",
            "--package",
            "xtask",
            "--bin",
            "xtask-tasks",
            "--",
            task,
        ])
        .args(args)
        .status();
    match status {
        // A code outside 1..=255 (Windows has wider ones) still means failure.
        Ok(status) => match status.code().map(u8::try_from) {
            Some(Ok(code)) => ExitCode::from(code),
            _ => ExitCode::FAILURE,
        },
        Err(error) => {
            eprintln!("error: could not start cargo: {error}");
            ExitCode::FAILURE
        }
    }
}
