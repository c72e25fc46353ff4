//! The project's task runner, `cargo xtask <task>` (the matklad/cargo-xtask
//! pattern): plain Rust, std only, so running it needs nothing but the toolchain.
//! Every task returns `Result<(), Error>`, and `workspace::exit` alone turns an error
//! into what the user sees and the exit code.
//!
//! `demo` and `list` are here. `bench`, `compile-fail` and `copies` are in a binary of
//! their own, `xtask-tasks` (`src/tasks.rs`), which this one runs through cargo: the
//! first `cargo xtask demo` compiles only what the demo needs (0.3 s less, measured).
//! `exercise` runs the `exercise` binary of the `checks` crate, also through cargo: the
//! checker needs a Rust tokenizer and shuttle, which this std-only crate does not have.
//! `site` runs the `site` crate's binary the same way, for its Markdown and highlighter.

mod demo;
#[allow(dead_code)] // shared with xtask-tasks, which uses the rest (`rustc()`)
mod workspace;

use std::env;
use std::io::{self, Write};
use std::process::{Command, ExitCode};

use workspace::{Error, HELP, args, cargo, example_crates};

fn main() -> ExitCode {
    workspace::exit(task(&args()))
}

fn task(args: &[String]) -> Result<(), Error> {
    let (task, rest) = match args.split_first() {
        Some((task, rest)) => (task.as_str(), rest),
        None => ("--help", &[][..]),
    };
    // `cargo xtask <task> --help` is help too, whatever the task.
    if rest.iter().any(|arg| arg == "-h" || arg == "--help") {
        return Ok(write!(io::stdout(), "{HELP}")?);
    }
    match (task, rest) {
        ("-h" | "--help" | "help", _) => Ok(write!(io::stdout(), "{HELP}")?),
        ("demo", _) => demo::run(rest),
        ("bench" | "compile-fail" | "copies", _) => run_tasks(task, rest),
        ("exercise", _) => run_binary("checks", "exercise", &[], rest),
        ("site", [] | [_]) if rest.iter().all(|arg| arg == "--open") => site(rest),
        ("site", _) => Err(Error::Usage("`site` takes only `--open`".to_owned())),
        ("list", []) => list(),
        ("list", _) => Err(Error::Usage(format!("`{task}` takes no arguments"))),
        _ => Err(Error::Usage(format!("unknown task `{task}`"))),
    }
}

/// `cargo xtask list`: each crate's `--list`, under the command that runs it.
fn list() -> Result<(), Error> {
    let built = workspace::build(&example_crates())?;
    let mut out = io::stdout().lock();
    for (name, path) in &built {
        match Command::new(path).arg("--list").output() {
            Ok(output) if output.status.success() => {
                writeln!(out, "{name}  (cargo run -p {name} -- <section>)")?;
                for line in String::from_utf8_lossy(&output.stdout).lines() {
                    writeln!(out, "  {line}")?;
                }
            }
            _ => {
                return Err(Error::Failed(format!(
                    "`{name} --list` failed; run `cargo run -p {name} -- --list` to see why"
                )));
            }
        }
    }
    Ok(())
}

/// `cargo xtask site [--open]`: builds the example binaries, then runs the `site` binary
/// (its own crate: it needs a Markdown renderer and a highlighter) with each of them.
fn site(args: &[String]) -> Result<(), Error> {
    let built = workspace::build(&example_crates())?;
    let mut all: Vec<String> = args.to_vec();
    all.extend(
        built
            .iter()
            .map(|(name, path)| format!("{name}={}", path.display())),
    );
    run_binary("site", "site", &[], &all)
}

/// Runs `xtask-tasks <task> <args>` through cargo, which builds it first if needed,
/// and ends as it did. The files `compile-fail` takes are made absolute first: cargo
/// runs it from the workspace root, not from where the user is.
fn run_tasks(task: &str, args: &[String]) -> Result<(), Error> {
    let here = env::current_dir().unwrap_or_default();
    let args = args.iter().map(|arg| match task {
        "compile-fail" if !arg.starts_with('-') => here.join(arg).display().to_string(),
        _ => arg.clone(),
    });
    let args: Vec<String> = args.collect();
    run_binary("xtask", "xtask-tasks", &[task], &args)
}

/// Runs a binary of the workspace through cargo, which builds it first if needed,
/// with `first` then `args`, and ends as it did.
fn run_binary(package: &str, bin: &str, first: &[&str], args: &[String]) -> Result<(), Error> {
    let status = cargo()
        .args(["run", "--quiet", "--package", package, "--bin", bin, "--"])
        .args(first)
        .args(args)
        .status()
        .map_err(Error::no_cargo)?;
    // It has said what went wrong; only its exit code is left to pass on.
    match status.code() {
        Some(0) => Ok(()),
        code => Err(Error::Exited(
            code.and_then(|code| u8::try_from(code).ok()).unwrap_or(1),
        )),
    }
}
