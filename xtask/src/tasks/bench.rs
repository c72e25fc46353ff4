//! `cargo xtask bench [CRATE...]`: run every crate's `benches/costs.rs` (release
//! profile, through `cargo bench`) and print one table of what each primitive costs,
//! with a column that compares each row with the cheapest; how the samples of each
//! row spread, which shows the regimes of a wake-up; how costs grow with the
//! threads; and the conclusions, computed from the rows of this run.

use std::io::{BufRead, BufReader};
use std::process::{ExitCode, Stdio};
use std::thread;

use crate::table::{Row, conclusions, cost_table, histograms, parse, regimes, scaling_tables};
use crate::workspace::{cargo, choose, example_crates, project_root};

pub fn run(args: &[String]) -> ExitCode {
    let with_benches: Vec<String> = example_crates()
        .into_iter()
        .filter(|name| project_root().join(name).join("benches/costs.rs").is_file())
        .collect();
    let known_as = "the crates with a benchmark are";
    let chosen = match choose("bench", args, with_benches, known_as) {
        Ok(chosen) => chosen,
        Err(code) => return code,
    };

    let mut command = cargo();
    command.args(["bench", "--bench", "costs"]);
    for name in &chosen {
        command.args(["--package", name]);
    }
    // cargo's own messages (compiling, running) go straight to the terminal on
    // stderr; the benchmarks' rows come back on stdout.
    let mut child = match command.stdout(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(error) => {
            eprintln!("error: could not start cargo: {error}");
            return ExitCode::FAILURE;
        }
    };
    let stdout = child.stdout.take().expect("stdout is piped");
    // cargo runs the benchmarks in its own order; each starts with a title line
    // `costs of <crate> (...)`, which files the rows under their crate.
    let mut by_crate: Vec<(String, Vec<Row>)> = Vec::new();
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        if let Some(title) = line.strip_prefix("costs of ") {
            eprintln!("measuring the {line}");
            let name = title.split(' ').next().unwrap_or_default().to_owned();
            by_crate.push((name, Vec::new()));
        } else if let (Some(row), Some((_, rows))) = (parse(&line), by_crate.last_mut()) {
            rows.push(row);
        }
    }
    match child.wait() {
        Ok(status) if status.success() => {}
        _ => {
            eprintln!("error: `cargo bench` failed; run `cargo bench -p <crate>` to see why");
            return ExitCode::FAILURE;
        }
    }
    // Show them in teaching order, the order of `chosen`.
    let rows: Vec<&Row> = chosen
        .iter()
        .flat_map(|name| by_crate.iter().filter(move |(of, _)| of == name))
        .flat_map(|(_, rows)| rows)
        .collect();
    if rows.is_empty() {
        eprintln!("error: the benchmarks printed no rows");
        return ExitCode::FAILURE;
    }
    print(&rows);
    ExitCode::SUCCESS
}

fn print(rows: &[&Row]) {
    let cores = thread::available_parallelism().map_or(0, |n| n.get());
    let costs = cost_table(rows);
    if !costs.is_empty() {
        println!(
            "\nWhat each operation costs on this machine ({cores} cores, {} {}), release build.",
            std::env::consts::OS,
            std::env::consts::ARCH
        );
        println!("Each row is timed for 0.1 s in samples of about a microsecond, or of one");
        println!("operation if it takes longer; the median sample, and the fastest and slowest");
        println!(
            "tenth (a tenth of the samples took at most, or at least, that), per operation:\n"
        );
        print!("{costs}");
    }
    let regimes = regimes(rows);
    if !regimes.is_empty() {
        println!("\nThe two regimes of a wake-up. A thread that waits sleeps, and its core, with");
        println!("nothing else to run, goes idle: waking the thread is quick while its core is");
        println!("awake, and slower when the core must be woken first. Each row that wakes");
        println!("another thread is measured again with a spinning thread on every other core,");
        println!("which keeps them awake:\n");
        print!("{regimes}");
    }
    let histograms = histograms(rows);
    if !histograms.is_empty() {
        println!("\nHow the samples of each row spread, on a log scale, taller where more fell;");
        println!("two peaks are two regimes. A row that wakes another thread is fast when that");
        println!("thread's core was awake and slow when the core had to be woken first (compare");
        println!("it with the same row with the other cores busy). A contended row spreads with");
        println!("how often the other thread had the lock, or the cache line, at that moment.\n");
        print!("{histograms}");
    }
    let scaling = scaling_tables(rows);
    if !scaling.is_empty() {
        println!("\nHow the costs grow, on {cores} cores:\n");
        print!("{scaling}");
    }
    let sentences = conclusions(rows, cores);
    if !sentences.is_empty() {
        println!("What this run shows (computed from its rows, so it holds on this machine):");
        for sentence in sentences {
            println!("- {sentence}");
        }
    }
}
