//! `xtask-tasks`: the tasks of `cargo xtask` that the demo does not need, `bench`
//! and `compile-fail`. `cargo xtask <task>` runs this binary through cargo, which
//! builds it the first time it is asked for.

mod bench;
mod compile_fail;
// The benchmark table's pure functions, in a file that tests/xtask.rs tests too.
#[path = "../table.rs"]
mod table;
#[allow(dead_code)] // shared with the xtask binary, which uses all of it
#[path = "../workspace.rs"]
mod workspace;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = workspace::args();
    match args.split_first() {
        Some((task, rest)) if task == "bench" => bench::run(rest),
        Some((task, rest)) if task == "compile-fail" => compile_fail::run(rest),
        _ => workspace::usage_error("xtask-tasks runs `bench` or `compile-fail`"),
    }
}
