//! What `cargo xtask bench` prints, from the lines the benches print through
//! `common/sampler.rs`: the table of costs, the two regimes of a wake-up, the scaling
//! tables, and the conclusions each bench asks for. Pure functions, tested in
//! `tests/xtask.rs`.

/// One row a bench printed: nanoseconds per operation (or per unit of work).
pub struct Row {
    pub name: String,
    pub median: f64,
    /// A tenth of the samples took at most this.
    pub fast: f64,
    /// A tenth of the samples took at least this.
    pub slow: f64,
}

/// What a bench prints: a row, or a conclusion to draw, "a costs more than b".
pub enum Line {
    Row(Row),
    Compare(String, String),
}

/// `<name>  <median> ns  <fast> ns  <slow> ns`, or `compare  <a>  <b>`, fields
/// separated by two or more spaces.
pub fn parse(line: &str) -> Option<Line> {
    let fields: Vec<&str> = line
        .split("  ")
        .map(str::trim)
        .filter(|field| !field.is_empty())
        .collect();
    let nanos = |field: &str| field.strip_suffix(" ns")?.trim().parse::<f64>().ok();
    match fields.as_slice() {
        ["compare", a, b] => Some(Line::Compare((*a).to_owned(), (*b).to_owned())),
        [name, median, fast, slow] => Some(Line::Row(Row {
            name: (*name).to_owned(),
            median: nanos(median)?,
            fast: nanos(fast)?,
            slow: nanos(slow)?,
        })),
        _ => None,
    }
}

/// A row measured again with the other cores kept busy is named `<row><BUSY>`.
const BUSY: &str = ", other cores busy";
/// A point of a scaling table is named `scaling: <table>: <series>: <x>`.
const SCALING: &str = "scaling: ";

/// The table of costs: every row but the scaling tables' and the busy ones, with its
/// cost as a multiple of the cheapest.
pub fn cost_table(rows: &[Row]) -> String {
    let rows: Vec<&Row> = rows
        .iter()
        .filter(|row| !row.name.starts_with(SCALING) && !row.name.ends_with(BUSY))
        .collect();
    let cheapest = rows
        .iter()
        .map(|row| row.median)
        .fold(f64::INFINITY, f64::min);
    let cells = |row: &&Row| {
        [
            row.name.clone(),
            duration(row.median),
            duration(row.fast),
            duration(row.slow),
            ratio(row.median / cheapest),
        ]
    };
    let header = [
        "operation",
        "median",
        "fastest tenth",
        "slowest tenth",
        "× cheapest",
    ];
    table(header.map(str::to_owned), rows.iter().map(cells))
}

/// The two regimes of a wake-up: each busy row beside the row as first measured.
pub fn regimes(rows: &[Row]) -> String {
    let pairs = rows.iter().filter_map(|busy| {
        let name = busy.name.strip_suffix(BUSY)?;
        let alone = rows.iter().find(|row| row.name == name)?;
        Some([
            name.to_owned(),
            duration(alone.median),
            duration(busy.median),
            ratio(alone.median / busy.median),
        ])
    });
    let header = [
        "operation (median)",
        "as measured",
        "cores kept busy",
        "× busy",
    ];
    table(header.map(str::to_owned), pairs)
}

/// One table per scaling table, a line per x, a column per series: the cost per unit
/// and its multiple of the series' first point.
pub fn scaling_tables(rows: &[Row]) -> String {
    let points: Vec<(&str, &str, usize, f64)> = rows
        .iter()
        .filter_map(|row| {
            let mut parts = row.name.strip_prefix(SCALING)?.split(": ");
            let (table, series, x) = (parts.next()?, parts.next()?, parts.next()?);
            Some((table, series, x.parse().ok()?, row.median))
        })
        .collect();
    let mut out = String::new();
    for name in unique(points.iter().map(|p| p.0)) {
        let of: Vec<_> = points.iter().filter(|p| p.0 == name).collect();
        let series = unique(of.iter().map(|p| p.1));
        let mut xs: Vec<usize> = of.iter().map(|p| p.2).collect();
        xs.sort_unstable();
        xs.dedup();
        let header = std::iter::once(name.to_owned()).chain(series.iter().map(|s| s.to_string()));
        let lines = xs.iter().map(|&x| {
            let cells = series.iter().map(|&s| {
                let first = of.iter().filter(|p| p.1 == s).min_by_key(|p| p.2);
                let first = first.map_or(f64::NAN, |p| p.3);
                match of.iter().find(|p| p.1 == s && p.2 == x) {
                    Some(p) => format!("{} ({}×)", duration(p.3), ratio(p.3 / first)),
                    None => "-".to_owned(),
                }
            });
            std::iter::once(x.to_string())
                .chain(cells)
                .collect::<Vec<_>>()
        });
        if !out.is_empty() {
            out += "\n";
        }
        out += &table(header.collect::<Vec<_>>(), lines);
    }
    out
}

/// The items in the order they first come, each once.
fn unique<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

/// Within this factor of each other, two costs are "about the same".
const ABOUT: f64 = 1.1;

/// One sentence per `compare` line whose two rows this run has.
pub fn conclusions(lines: &[Line]) -> Vec<String> {
    let median = |name: &str| {
        lines.iter().find_map(|line| match line {
            Line::Row(row) if row.name == name => Some(row.median),
            _ => None,
        })
    };
    // `a` is expected to cost more; a run that shows otherwise is said that way round.
    let said = |(a, b): (&String, &String)| {
        let (a_cost, b_cost) = (median(a)?, median(b)?);
        let (a_said, b_said) = (duration(a_cost), duration(b_cost));
        Some(match a_cost / b_cost {
            times if times >= ABOUT => {
                format!("{a} ({a_said}) costs {}× {b} ({b_said}).", ratio(times))
            }
            times if times > 1.0 / ABOUT => {
                format!("{a} ({a_said}) costs about the same as {b} ({b_said}).")
            }
            times => format!(
                "{b} ({b_said}) costs {}× {a} ({a_said}) in this run.",
                ratio(1.0 / times)
            ),
        })
    };
    lines
        .iter()
        .filter_map(|line| match line {
            Line::Compare(a, b) => said((a, b)),
            Line::Row(_) => None,
        })
        .collect()
}

/// Columns padded to their widest cell, the first left-aligned, the rest right;
/// empty if there are no lines.
fn table<C: AsRef<[String]>>(header: C, lines: impl Iterator<Item = C>) -> String {
    let lines: Vec<C> = std::iter::once(header).chain(lines).collect();
    if lines.len() < 2 {
        return String::new();
    }
    let columns = lines[0].as_ref().len();
    let width = |i: usize| {
        lines
            .iter()
            .map(|l| l.as_ref()[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..columns).map(width).collect();
    let mut out = String::new();
    for line in &lines {
        for (i, cell) in line.as_ref().iter().enumerate() {
            let pad = " ".repeat(widths[i] - cell.chars().count());
            out += &if i == 0 {
                format!("{cell}{pad}")
            } else {
                format!("  {pad}{cell}")
            };
        }
        out = out.trim_end().to_owned() + "\n";
    }
    out
}

/// A time in nanoseconds, in the unit that suits it, with three significant digits
/// (one decimal below 10 ns): "0.5 ns", "28.7 ns", "598 ns", "6.65 µs", "1.25 ms".
pub fn duration(nanos: f64) -> String {
    // The unit and the decimals are chosen for the value as rounded: 999.7 ns is 1.00 µs.
    let (value, unit) = match nanos {
        n if n >= 999.5e3 => (n / 1e6, "ms"),
        n if n >= 999.5 => (n / 1e3, "µs"),
        n => (n, "ns"),
    };
    match value {
        v if v >= 99.95 => format!("{v:.0} {unit}"),
        v if v >= 9.995 || unit == "ns" => format!("{v:.1} {unit}"),
        v => format!("{v:.2} {unit}"),
    }
}

/// A ratio: one decimal below 10, none from 10 up.
pub fn ratio(value: f64) -> String {
    match value {
        v if v >= 10.0 => format!("{v:.0}"),
        v => format!("{v:.1}"),
    }
}
