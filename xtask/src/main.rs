//! The project's task runner, `cargo xtask <task>` (the matklad/cargo-xtask
//! pattern): plain Rust, std only, so running it needs nothing but the toolchain.
//! Every task returns `Result<(), Error>`, and `main` alone turns an error into
//! what the user sees and the exit code.

mod bench;
mod compile_fail;
mod copies;
mod demo;
mod table;
mod workspace;

use std::fs;
use std::io::{self, Write};
use std::process::{Command, ExitCode};

use workspace::{args, built_binary, example_crates, start_build};

const HELP: &str = "\
Usage: cargo xtask <TASK>

Tasks:
  demo [--timeline] [CRATE...]  build the example crates (one cargo build) and run
                                each in teaching order as soon as it is built (all
                                of them, or only those named), then a summary;
                                --timeline prefixes every line with the time
                                since that demo started
  list                          every example crate with its sections and claims
  bench [CRATE...]              run the crates' benchmarks (release build) and
                                print what each primitive costs, the two regimes
                                of a wake-up, how costs grow with the threads,
                                and the conclusions the benches ask for
  compile-fail [FILE...]        check that each compile-fail/*.rs (or each FILE)
                                fails to compile with the error codes its first
                                line names, e.g. `// error: E0373`
  copies                        write every block that stays copied (the command
                                line, send-sync's probe) from its source in common/

Run `cargo test` for every test; it runs the compile-fail check too.
";

/// Why a task did not succeed.
pub enum Error {
    /// The command line was wrong: exit code 2, with the usage.
    Usage(String),
    /// A step failed: exit code 1, with what failed and what to do.
    Failed(String),
    /// Writing our own output failed; a closed stdout (`cargo xtask demo | head`)
    /// means the reader has seen all they wanted: exit code 0.
    Io(io::Error),
}

impl From<io::Error> for Error {
    fn from(error: io::Error) -> Error {
        Error::Io(error)
    }
}

impl Error {
    /// Cargo, which every task but `compile-fail` runs, could not be started.
    fn no_cargo(error: io::Error) -> Error {
        Error::Failed(format!("could not start cargo: {error}"))
    }
}

/// What to say when cargo could not build the examples (its errors are above).
const BUILD_FAILED: &str =
    "`cargo build` of the examples failed; fix the errors above, then run this again";

fn main() -> ExitCode {
    match task(&args()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Error::Usage(problem)) => {
            eprint!("error: {problem}\n\n{HELP}");
            ExitCode::from(2)
        }
        Err(Error::Failed(problem)) => {
            eprintln!("error: {problem}");
            ExitCode::FAILURE
        }
        Err(Error::Io(error)) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
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
        ("bench", _) => bench::run(rest),
        ("compile-fail", _) => compile_fail::run(rest),
        ("list", []) => list(),
        ("copies", []) => write_copies(),
        ("list" | "copies", _) => Err(Error::Usage(format!("`{task}` takes no arguments"))),
        _ => Err(Error::Usage(format!("unknown task `{task}`"))),
    }
}

/// `cargo xtask list`: each crate's `--list`, under the command that runs it.
fn list() -> Result<(), Error> {
    let crates = example_crates();
    let (mut cargo, messages) = start_build(&crates).map_err(Error::no_cargo)?;
    let built: Vec<_> = messages
        .map_while(Result::ok)
        .filter_map(|message| built_binary(&message))
        .collect();
    if !matches!(cargo.wait(), Ok(status) if status.success()) {
        return Err(Error::Failed(BUILD_FAILED.to_owned()));
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
                return Err(Error::Failed(format!(
                    "`{name} --list` failed; run `cargo run -p {name} -- --list` to see why"
                )));
            }
        }
    }
    Ok(())
}

/// `cargo xtask copies`: writes each file whose copies differ from their sources.
fn write_copies() -> Result<(), Error> {
    let root = workspace::project_root();
    let found = copies::find(&root, &example_crates())
        .map_err(|error| Error::Failed(format!("cannot write the copies: {error}")))?;
    let mut out = io::stdout().lock();
    for copies in found.iter().filter(|copies| copies.now != copies.written) {
        fs::write(&copies.file, &copies.written)?;
        let shown = copies.file.strip_prefix(&root).unwrap_or(&copies.file);
        let sources = copies.sources.join(", ");
        writeln!(out, "wrote {} from {sources}", shown.display())?;
    }
    writeln!(
        out,
        "{} files hold copies, each as its source now",
        found.len()
    )?;
    Ok(())
}
