//! `xtask-tasks`: the tasks of `cargo xtask` that the demo does not need, `bench`,
//! `compile-fail` and `copies`; `cargo xtask <task>` runs it through cargo.

mod bench;
mod compile_fail;
mod copies;
mod table;
#[allow(dead_code)] // shared with the xtask binary, which uses the rest
mod workspace;

use std::fs;
use std::io::{self, Write};
use std::process::ExitCode;

use workspace::{Error, args, example_crates};

fn main() -> ExitCode {
    let args = args();
    workspace::exit(match args.split_first() {
        Some((task, rest)) if task == "bench" => bench::run(rest),
        Some((task, rest)) if task == "compile-fail" => compile_fail::run(rest),
        Some((task, rest)) if task == "copies" => match rest {
            [] => copies(Mode::Write),
            [flag] if flag == "--check" => copies(Mode::Check),
            _ => Err(Error::Usage("`copies` takes only `--check`".to_owned())),
        },
        _ => Err(Error::Usage(
            "xtask-tasks runs `bench`, `compile-fail` or `copies`".to_owned(),
        )),
    })
}

/// What `copies` does with a file whose copies differ from their sources.
enum Mode {
    /// `cargo xtask copies`: writes it.
    Write,
    /// `cargo xtask copies --check`: writes nothing, names it, and fails. The tests
    /// run this, never the writing task: no test writes to the repository.
    Check,
}

/// `cargo xtask copies [--check]`: the files whose copies differ from their sources
/// (today send-sync's section files, each with its copy of `common/probe.rs`),
/// written or named.
fn copies(mode: Mode) -> Result<(), Error> {
    let root = workspace::project_root();
    let found = copies::find(&root, &example_crates())?;
    let mut out = io::stdout().lock();
    let drifted: Vec<_> = found.iter().filter(|c| c.now != c.written).collect();
    for copies in &drifted {
        let shown = copies.file.strip_prefix(&root).unwrap_or(&copies.file);
        let sources = copies.sources.join(", ");
        match mode {
            Mode::Write => {
                fs::write(&copies.file, &copies.written).map_err(|error| {
                    Error::Failed(format!("cannot write {}: {error}", shown.display()))
                })?;
                writeln!(out, "wrote {} from {sources}", shown.display())?;
            }
            Mode::Check => writeln!(
                out,
                "{}: a block differs from its source ({sources})",
                shown.display()
            )?,
        }
    }
    if let (Mode::Check, [_, ..]) = (&mode, drifted.as_slice()) {
        return Err(Error::Failed(format!(
            "{} of {} files that hold copies differ from their sources; run `cargo xtask copies`",
            drifted.len(),
            found.len()
        )));
    }
    writeln!(out, "{} files hold copies, each as its source", found.len())?;
    Ok(())
}
