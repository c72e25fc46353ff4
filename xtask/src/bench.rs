//! `cargo xtask bench [CRATE...]`: run every crate's `benches/costs.rs` (release
//! profile, through `cargo bench`) and print one table of what each primitive costs,
//! with a column that compares each row with the cheapest.

use std::io::{BufRead, BufReader};
use std::process::{ExitCode, Stdio};
use std::thread;

use crate::{cargo, choose, example_crates, project_root};

/// One row a benchmark printed: nanoseconds per operation.
struct Row {
    operation: String,
    median: f64,
    min: f64,
    max: f64,
}

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

/// `<operation>  <median> ns  <min> ns  <max> ns`, fields separated by two or more spaces.
fn parse(line: &str) -> Option<Row> {
    let fields: Vec<&str> = line
        .split("  ")
        .map(str::trim)
        .filter(|field| !field.is_empty())
        .collect();
    let nanos = |field: &str| field.strip_suffix(" ns")?.trim().parse::<f64>().ok();
    match fields.as_slice() {
        [operation, median, min, max] => Some(Row {
            operation: (*operation).to_owned(),
            median: nanos(median)?,
            min: nanos(min)?,
            max: nanos(max)?,
        }),
        _ => None,
    }
}

fn print_table(rows: &[&Row]) {
    let cores = thread::available_parallelism().map_or(0, |n| n.get());
    let cheapest = rows
        .iter()
        .map(|row| row.median)
        .fold(f64::INFINITY, f64::min);
    let width = rows
        .iter()
        .map(|row| row.operation.len())
        .max()
        .unwrap_or(0);
    println!(
        "\nWhat each operation costs on this machine ({cores} cores, {} {}), release build;",
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    println!("median of the samples, spread = fastest to slowest sample:\n");
    println!(
        "{:<width$}  {:>12}  {:>25}  {:>10}",
        "operation", "ns/op", "spread (ns/op)", "× cheapest"
    );
    for row in rows {
        let spread = format!("{} to {}", round(row.min), round(row.max));
        println!(
            "{:<width$}  {:>12}  {:>25}  {:>10}",
            row.operation,
            round(row.median),
            spread,
            round(row.median / cheapest)
        );
    }
}

/// Fewer decimals for bigger numbers, so the orders of magnitude stand out.
fn round(value: f64) -> String {
    match value {
        v if v >= 100.0 => format!("{v:.0}"),
        v => format!("{v:.1}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, round};

    #[test]
    fn a_benchmark_row_parses_and_other_lines_do_not() {
        let row = parse("Arc::clone + drop, one thread       12.5 ns        11.0 ns   14.25 ns")
            .expect("a row");
        assert_eq!(row.operation, "Arc::clone + drop, one thread");
        assert_eq!((row.median, row.min, row.max), (12.5, 11.0, 14.25));
        assert!(parse("costs of arc (cargo bench -p arc)").is_none());
        assert!(parse("smoke test: Arc::clone + drop: ran 3 times").is_none());
    }

    #[test]
    fn numbers_have_one_decimal_below_100_and_none_above() {
        assert_eq!(round(61234.7), "61235");
        assert_eq!(round(12.345), "12.3");
        assert_eq!(round(1.26), "1.3");
    }
}
