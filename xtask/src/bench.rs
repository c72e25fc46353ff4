//! `cargo xtask bench [CRATE...]`: run the crates' `benches/costs.rs` in a release
//! build (`cargo bench`), then print what each primitive costs, the two regimes of a
//! wake-up, the scaling tables, and the conclusions the benches ask for, all computed
//! from this run's rows.

use std::io::{self, BufRead, BufReader, Write};
use std::process::Stdio;
use std::thread;

use crate::table::{Line, conclusions, cost_table, parse, regimes, scaling_tables};
use crate::workspace::{Error, cargo, choose, example_crates, project_root};

pub fn run(args: &[String]) -> Result<(), Error> {
    let with_benches: Vec<String> = example_crates()
        .into_iter()
        .filter(|name| project_root().join(name).join("benches/costs.rs").is_file())
        .collect();
    let chosen = choose(
        "bench",
        args,
        with_benches,
        "the crates with a benchmark are",
    )?;
    let mut command = cargo();
    command.args(["bench", "--bench", "costs"]);
    for name in &chosen {
        command.args(["--package", name]);
    }
    // cargo's own messages go straight to stderr; the rows come back on stdout.
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(Error::no_cargo)?;
    let stdout = child.stdout.take().expect("stdout is piped");
    // cargo runs the benches in its own order; each starts with `costs of <crate> (...)`.
    let mut by_crate: Vec<(String, Vec<Line>)> = Vec::new();
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        if let Some(title) = line.strip_prefix("costs of ") {
            eprintln!("measuring the {line}");
            let name = title.split(' ').next().unwrap_or_default().to_owned();
            by_crate.push((name, Vec::new()));
        } else if let (Some(parsed), Some((_, lines))) = (parse(&line), by_crate.last_mut()) {
            lines.push(parsed);
        }
    }
    if !child.wait().is_ok_and(|status| status.success()) {
        return Err(Error::Failed(
            "`cargo bench` failed; run `cargo bench -p <crate>` to see why".to_owned(),
        ));
    }
    // In teaching order, the order of `chosen`.
    let mut lines: Vec<Line> = Vec::new();
    for name in &chosen {
        if let Some(at) = by_crate.iter().position(|(of, _)| of == name) {
            lines.append(&mut by_crate.remove(at).1);
        }
    }
    print(lines)
}

fn print(lines: Vec<Line>) -> Result<(), Error> {
    let conclusions = conclusions(&lines);
    let rows: Vec<_> = lines
        .into_iter()
        .filter_map(|line| match line {
            Line::Row(row) => Some(row),
            Line::Compare(..) => None,
        })
        .collect();
    if rows.is_empty() {
        return Err(Error::Failed("the benchmarks printed no rows".to_owned()));
    }
    let cores = thread::available_parallelism().map_or(0, |n| n.get());
    let (os, arch) = (std::env::consts::OS, std::env::consts::ARCH);
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "What each operation costs here ({cores} cores, {os} {arch}), release build."
    )?;
    writeln!(
        out,
        "Each row is sampled for 0.1 s in batches of about a microsecond (or one"
    )?;
    writeln!(
        out,
        "operation, if longer): the median per operation, the fastest and the"
    )?;
    writeln!(
        out,
        "slowest tenth (a tenth of the samples took at most, or at least, that).\n"
    )?;
    write!(out, "{}", cost_table(&rows))?;
    let regimes = regimes(&rows);
    if !regimes.is_empty() {
        writeln!(
            out,
            "\nThe two regimes of a wake-up: a thread that waits sleeps, and its idle"
        )?;
        writeln!(
            out,
            "core may sleep too. Each row that wakes another thread, measured again"
        )?;
        writeln!(
            out,
            "with a spinning thread keeping every other core awake:\n"
        )?;
        write!(out, "{regimes}")?;
    }
    let scaling = scaling_tables(&rows);
    if !scaling.is_empty() {
        writeln!(
            out,
            "\nHow the costs grow, on {cores} cores (cost per unit, × the first line):\n"
        )?;
        write!(out, "{scaling}")?;
    }
    if !conclusions.is_empty() {
        writeln!(out, "\nWhat this run shows:")?;
        for sentence in conclusions {
            writeln!(out, "- {sentence}")?;
        }
    }
    Ok(())
}
