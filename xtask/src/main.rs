//! The project's task runner, `cargo xtask <task>` (see the matklad/cargo-xtask
//! pattern): plain Rust, std only, so running it needs nothing but the toolchain.
//!
//! - `cargo xtask demo [--timeline] [CRATE...]`: build the examples, run each.
//! - `cargo xtask list`: every example crate with its sections.
//! - `cargo xtask bench [CRATE...]`: what each primitive costs, in one table.
//! - `cargo xtask compile-fail [FILE...]`: check that every `compile-fail/*.rs`
//!   fails to compile with the error codes its first line names.
//!
//! `bench` and `compile-fail` live in a binary of their own, `xtask-tasks`
//! (`src/tasks/`), built the first time one of them is asked for: `cargo xtask
//! demo`, the first thing a newcomer runs, compiles only what the demo needs.

mod demo;
mod workspace;

use std::env;
use std::ffi::OsString;
use std::process::{Command, ExitCode};

use workspace::{HELP, binary, build, example_crates, project_root, usage_error};

fn main() -> ExitCode {
    let args: Vec<String> = env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    let (task, rest) = match args.split_first() {
        Some((task, rest)) => (task.as_str(), rest),
        None => ("--help", &[][..]),
    };
    match task {
        "-h" | "--help" | "help" => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        "demo" => demo::run(rest),
        "list" if rest.is_empty() => list(),
        "bench" | "compile-fail" => run_task(task, rest),
        "list" => usage_error("`list` takes no arguments"),
        _ => usage_error(&format!("unknown task `{task}`")),
    }
}

/// `cargo xtask list`: each crate's `--list`, under the command that runs it.
fn list() -> ExitCode {
    let crates = example_crates();
    if let Err(problem) = build(&crates) {
        eprintln!("error: {problem}");
        return ExitCode::FAILURE;
    }
    for name in &crates {
        match Command::new(binary(name)).arg("--list").output() {
            Ok(output) if output.status.success() => {
                println!("{name}  (cargo run -p {name} -- <section>)");
                for line in String::from_utf8_lossy(&output.stdout).lines() {
                    println!("  {line}");
                }
            }
            _ => {
                eprintln!(
                    "error: `{name} --list` failed; run `cargo run -p {name} -- --list` to see why"
                );
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// Runs `xtask-tasks <task> <args>` through cargo, which builds it first if
/// needed, and exits as it did. The user's working directory is kept: `compile-fail`
/// takes file names relative to it.
fn run_task(task: &str, args: &[String]) -> ExitCode {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let status = Command::new(cargo)
        .args(["run", "--quiet", "--manifest-path"])
        .arg(project_root().join("Cargo.toml"))
        .args(["--package", "xtask", "--bin", "xtask-tasks", "--", task])
        .args(args)
        .status();
    match status {
        Ok(status) => ExitCode::from(status.code().map_or(1, |code| code as u8)),
        Err(error) => {
            eprintln!("error: could not start cargo: {error}");
            ExitCode::FAILURE
        }
    }
}
