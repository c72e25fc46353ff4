//! `xtask-tasks`: the tasks of `cargo xtask` that the demo does not need, `bench`,
//! `compile-fail`, `copies` and `exercise`; `cargo xtask <task>` runs it through cargo.

mod bench;
mod compile_fail;
mod copies;
mod exercise;
mod exercises;
/// The benches' sampler, for its `beside`: the exercise check runs half its runs
/// beside threads that keep every core busy.
#[path = "../../common/sampler.rs"]
mod sampler;
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
        Some((task, rest)) if task == "exercise" => exercise::run(rest),
        Some((task, rest)) if task == "copies" && rest.is_empty() => write_copies(),
        Some((task, _)) if task == "copies" => {
            Err(Error::Usage("`copies` takes no arguments".to_owned()))
        }
        _ => Err(Error::Usage(
            "xtask-tasks runs `bench`, `compile-fail`, `copies` or `exercise`".to_owned(),
        )),
    })
}

/// `cargo xtask copies`: writes each file whose copies differ from their sources
/// (today send-sync's section files, each with its copy of `common/probe.rs`).
fn write_copies() -> Result<(), Error> {
    let root = workspace::project_root();
    let found = copies::find(&root, &example_crates())?;
    let mut out = io::stdout().lock();
    for copies in found.iter().filter(|copies| copies.now != copies.written) {
        let shown = copies.file.strip_prefix(&root).unwrap_or(&copies.file);
        fs::write(&copies.file, &copies.written)
            .map_err(|error| Error::Failed(format!("cannot write {}: {error}", shown.display())))?;
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
