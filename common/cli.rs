//! The command line of every example binary: one file, included by each crate's
//! `src/main.rs` with `#[path = "../../common/cli.rs"] mod cli;`.

use std::env;
use std::process::ExitCode;

/// One section: its name on the command line, the claim it shows, and its program.
pub struct Section {
    pub name: &'static str,
    pub claim: &'static str,
    pub run: fn(),
}

/// The crate's name, which is also its binary's.
const NAME: &str = env!("CARGO_PKG_NAME");

/// Every example crate's index, its `src/main.rs`, read when this crate is built: a
/// section asked of the wrong crate is looked up in the others' `SECTIONS`, which
/// stay the one place that names a section. `xtask/tests/` asks every crate for each
/// other crate's sections, so a crate missing here fails there.
const INDEXES: &[(&str, &str)] = &[
    ("threads", include_str!("../threads/src/main.rs")),
    (
        "scoped-threads",
        include_str!("../scoped-threads/src/main.rs"),
    ),
    ("channels", include_str!("../channels/src/main.rs")),
    ("sync-channel", include_str!("../sync-channel/src/main.rs")),
    ("send-sync", include_str!("../send-sync/src/main.rs")),
    ("arc", include_str!("../arc/src/main.rs")),
    ("mutex", include_str!("../mutex/src/main.rs")),
];

/// Runs what the command line asks for: every section, one, `--list` or `--help`.
pub fn main(sections: &[Section]) -> ExitCode {
    // `args_os`, not `args`: an argument that is not UTF-8 is a usage error, not a panic.
    let args: Vec<String> = env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    match args.as_slice() {
        [] => sections.iter().for_each(run),
        [flag] if flag == "-h" || flag == "--help" => print!("{}", usage(sections)),
        [flag] if flag == "--list" => print!("{}", list(sections)),
        [flag] if flag.starts_with('-') => {
            return usage_error(&format!("unknown option `{flag}`"));
        }
        [name] => match sections.iter().find(|section| section.name == name) {
            Some(section) => run(section),
            None => return usage_error(&unknown_section(name)),
        },
        _ => return usage_error("expected at most one section name"),
    }
    ExitCode::SUCCESS
}

/// The header line, then the section's program, which has joined every thread it
/// waits for by the time it returns.
fn run(section: &Section) {
    println!("=== {}: {} ===", section.name, section.claim);
    (section.run)();
}

/// One line per section, the claims aligned: `<name>  <claim>`.
fn list(sections: &[Section]) -> String {
    let width = sections.iter().map(|s| s.name.len()).max().unwrap_or(0);
    sections
        .iter()
        .map(|section| format!("{:<width$}  {}\n", section.name, section.claim))
        .collect()
}

fn usage(sections: &[Section]) -> String {
    format!(
        "Usage: {NAME} [SECTION]\n\n\
         Runs every section in teaching order, or only SECTION.\n\n\
         Options:\n  --list      one line per section: its name and the claim it shows\n  \
         -h, --help  print this help\n\nSections:\n{}",
        list(sections)
            .lines()
            .map(|line| format!("  {line}\n"))
            .collect::<String>()
    )
}

/// What to say of a section this crate does not have: the crates that have it, from
/// their `SECTIONS` lines `name: "<section>",`, with the command that runs it.
fn unknown_section(name: &str) -> String {
    let line = format!("name: \"{name}\",");
    let owners: Vec<&str> = INDEXES
        .iter()
        .filter(|(_, index)| index.lines().any(|l| l.trim() == line))
        .map(|(krate, _)| *krate)
        .collect();
    let runs: Vec<String> = owners
        .iter()
        .map(|krate| format!("cargo run -p {krate} -- {name}"))
        .collect();
    match owners.len() {
        0 => format!("unknown section `{name}`"),
        1 => format!("`{name}` is a section of {}: {}", owners[0], runs[0]),
        _ => format!(
            "`{name}` is a section of {}:\n  {}",
            owners.join(", "),
            runs.join("\n  ")
        ),
    }
}

/// A wrong command line is the user's mistake, not a bug: say what was wrong and
/// how to use it, short enough that the error stays on screen, and exit with 2 (no
/// panic, no backtrace).
fn usage_error(problem: &str) -> ExitCode {
    eprintln!(
        "error: {problem}\n\nUsage: {NAME} [SECTION]\n\n\
         `{NAME} --list` lists the sections, `{NAME} --help` says more."
    );
    ExitCode::from(2)
}
