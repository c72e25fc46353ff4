//! The benchmark table: reading the rows each `benches/costs.rs` prints, and
//! printing them as one table. Pure functions, in a file of their own so that
//! `tests/xtask.rs` can include and test them.

use std::thread;

/// One row a benchmark printed: nanoseconds per operation.
pub struct Row {
    pub operation: String,
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

/// `<operation>  <median> ns  <min> ns  <max> ns`, fields separated by two or more spaces.
pub fn parse(line: &str) -> Option<Row> {
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

pub fn print_table(rows: &[&Row]) {
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
pub fn round(value: f64) -> String {
    match value {
        v if v >= 100.0 => format!("{v:.0}"),
        v => format!("{v:.1}"),
    }
}
