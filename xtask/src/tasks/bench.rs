//! `cargo xtask bench [CRATE...]`: run every crate's `benches/costs.rs` (release
//! profile, through `cargo bench`) and print one table of what each primitive costs,
//! with a column that compares each row with the cheapest.

use std::io::{BufRead, BufReader};
use std::process::{ExitCode, Stdio};

use crate::table::{Row, parse, print_table};
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
    print_table(&rows);
    ExitCode::SUCCESS
}
