//! What `cargo xtask bench` prints: reading the rows each `benches/costs.rs` prints,
//! then the table of costs, how each row's samples spread (the regimes of a
//! wake-up), the scaling tables, and the conclusions, computed from the rows of the
//! run that prints them. Pure functions, in a file of their own so that
//! `tests/xtask.rs` can include and test them.

/// One row a benchmark printed: nanoseconds per operation (or per unit of work),
/// and how its samples spread.
pub struct Row {
    pub operation: String,
    pub median: f64,
    /// A tenth of the samples took at most this.
    pub fast: f64,
    /// A tenth of the samples took at least this.
    pub slow: f64,
    /// `(k, count)`: `count` samples took 2^(k/2) up to 2^((k+1)/2) ns.
    pub buckets: Vec<(i32, u32)>,
}

/// `<operation>  <median> ns  <fast> ns  <slow> ns  <k:count k:count ...>`, fields
/// separated by two or more spaces; the buckets may be left out.
pub fn parse(line: &str) -> Option<Row> {
    let fields: Vec<&str> = line
        .split("  ")
        .map(str::trim)
        .filter(|field| !field.is_empty())
        .collect();
    let nanos = |field: &str| field.strip_suffix(" ns")?.trim().parse::<f64>().ok();
    let (operation, median, fast, slow, buckets) = match fields.as_slice() {
        [operation, median, fast, slow] => (operation, median, fast, slow, ""),
        [operation, median, fast, slow, buckets] => (operation, median, fast, slow, *buckets),
        _ => return None,
    };
    let buckets = buckets
        .split_whitespace()
        .map(|bucket| {
            let (k, count) = bucket.split_once(':')?;
            Some((k.parse().ok()?, count.parse().ok()?))
        })
        .collect::<Option<Vec<(i32, u32)>>>()?;
    Some(Row {
        operation: (*operation).to_owned(),
        median: nanos(median)?,
        fast: nanos(fast)?,
        slow: nanos(slow)?,
        buckets,
    })
}

/// The rows of the scaling tables are named `scaling: <table>: <series>: <x>`.
const SCALING: &str = "scaling: ";

/// A row of a scaling table: which table, which series, which x, and the row.
struct Point<'a> {
    table: &'a str,
    series: &'a str,
    x: usize,
    row: &'a Row,
}

fn point(row: &Row) -> Option<Point<'_>> {
    let mut parts = row.operation.strip_prefix(SCALING)?.split(": ");
    let (table, series, x) = (parts.next()?, parts.next()?, parts.next()?);
    Some(Point {
        table,
        series,
        x: x.parse().ok()?,
        row,
    })
}

/// A row measured again with the other cores kept busy is named `<row><BUSY>`.
pub const BUSY: &str = ", other cores busy";

/// The table of costs: every row that is not a scaling table's, nor measured again
/// with the other cores busy; empty if there is none.
pub fn cost_table(rows: &[&Row]) -> String {
    let rows: Vec<&Row> = rows
        .iter()
        .copied()
        .filter(|row| !row.operation.starts_with(SCALING) && !row.operation.ends_with(BUSY))
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let cheapest = rows
        .iter()
        .map(|row| row.median)
        .fold(f64::INFINITY, f64::min);
    let width = rows
        .iter()
        .map(|row| row.operation.len())
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "{:<width$}  {:>9}  {:>13}  {:>13}  {:>10}\n",
        "operation", "median", "fastest tenth", "slowest tenth", "× cheapest"
    );
    for row in rows {
        out += &format!(
            "{:<width$}  {:>9}  {:>13}  {:>13}  {:>10}\n",
            row.operation,
            duration(row.median),
            duration(row.fast),
            duration(row.slow),
            round(row.median / cheapest)
        );
    }
    out
}

/// The two regimes of a wake-up: each row measured again with the other cores kept
/// busy, beside the row as measured first; empty if there is none.
pub fn regimes(rows: &[&Row]) -> String {
    let pairs: Vec<(&Row, &Row)> = rows
        .iter()
        .filter_map(|busy| {
            let name = busy.operation.strip_suffix(BUSY)?;
            let alone = rows.iter().find(|row| row.operation == name)?;
            Some((*alone, *busy))
        })
        .collect();
    if pairs.is_empty() {
        return String::new();
    }
    let width = pairs
        .iter()
        .map(|(alone, _)| alone.operation.len())
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "{:<width$}  {:>15}  {:>15}  {:>9}\n",
        "operation (median)", "as measured", "cores kept busy", "× busy"
    );
    for (alone, busy) in pairs {
        out += &format!(
            "{:<width$}  {:>15}  {:>15}  {:>9}\n",
            alone.operation,
            duration(alone.median),
            duration(busy.median),
            ratio(alone.median / busy.median)
        );
    }
    out
}

/// The buckets the histograms show: 0.5 ns (k = -2) up to 2 ms.
const FIRST_BUCKET: i32 = -2;
const LAST_BUCKET: i32 = 41;
/// A bucket with fewer than this share of a row's samples is left blank.
const VISIBLE: f64 = 0.005;
/// A peak of a histogram: a bucket with more samples than its neighbours, and at
/// least this share of them.
const PEAK: f64 = 0.05;

/// One line per row that is not a scaling table's: how its samples spread on a log
/// scale, each column √2 times the one before, taller for more samples; then the
/// peaks, where the samples gather. Two peaks are two regimes. Empty if there is
/// no such row.
pub fn histograms(rows: &[&Row]) -> String {
    let rows: Vec<&Row> = rows
        .iter()
        .copied()
        .filter(|row| !row.operation.starts_with(SCALING))
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let width = rows
        .iter()
        .filter(|row| !row.operation.ends_with(BUSY))
        .map(|row| row.operation.len())
        .max()
        .unwrap_or(0);
    let columns = (LAST_BUCKET - FIRST_BUCKET + 1) as usize;
    // The axis: a label at 1 ns (k = 0), 32 ns, 1 µs, 32 µs and 1 ms (k = 40).
    let mut axis = vec![' '; columns + 8];
    for (k, label) in [
        (0, "1 ns"),
        (10, "32 ns"),
        (20, "1 µs"),
        (30, "32 µs"),
        (40, "1 ms"),
    ] {
        for (i, c) in label.chars().enumerate() {
            axis[(k - FIRST_BUCKET) as usize + i] = c;
        }
    }
    let axis: String = axis.into_iter().collect();
    let mut out = format!("{:<width$}  {}\n", "", axis.trim_end());
    let mut previous: Option<&str> = None;
    for row in rows {
        let total: u32 = row.buckets.iter().map(|(_, count)| count).sum();
        let mut counts = vec![0_u32; columns];
        for &(k, count) in &row.buckets {
            counts[(k.clamp(FIRST_BUCKET, LAST_BUCKET) - FIRST_BUCKET) as usize] += count;
        }
        let tallest = counts.iter().copied().max().unwrap_or(0).max(1);
        let bars: String = counts
            .iter()
            .enumerate()
            .map(|(i, &count)| {
                if f64::from(count) < VISIBLE * f64::from(total) || count == 0 {
                    // A dot under each label, so the eye finds the scale.
                    if i as i32 % 10 == -FIRST_BUCKET {
                        '·'
                    } else {
                        ' '
                    }
                } else {
                    let level = (8 * count).div_ceil(tallest).clamp(1, 8);
                    BARS[level as usize - 1]
                }
            })
            .collect();
        let peaks: Vec<String> = peaks(&row.buckets).into_iter().map(about).collect();
        let peaks = match peaks.len() {
            0 | 1 => String::new(),
            _ => format!("  peaks near {}", peaks.join(", ")),
        };
        // A row measured again with the other cores busy comes right after its own.
        let name = match (row.operation.strip_suffix(BUSY), previous) {
            (Some(name), Some(previous)) if name == previous => "  the same, other cores busy",
            _ => row.operation.as_str(),
        };
        previous = Some(row.operation.as_str());
        out += format!("{name:<width$}  {bars}{peaks}").trim_end();
        out += "\n";
    }
    out
}

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Where a row's samples gather: the middle of each bucket that holds more samples
/// than the buckets on either side and at least `PEAK` of them all, fastest first.
pub fn peaks(buckets: &[(i32, u32)]) -> Vec<f64> {
    let total: u32 = buckets.iter().map(|(_, count)| count).sum();
    let count_of = |k: i32| {
        buckets
            .iter()
            .find(|(of, _)| *of == k)
            .map_or(0, |(_, count)| *count)
    };
    let mut ks: Vec<i32> = buckets.iter().map(|(k, _)| *k).collect();
    ks.sort_unstable();
    ks.into_iter()
        .filter(|&k| {
            let count = count_of(k);
            f64::from(count) >= PEAK * f64::from(total)
                && count > count_of(k - 1)
                && count >= count_of(k + 1)
        })
        .map(|k| 2_f64.powf((f64::from(k) + 0.5) / 2.0))
        .collect()
}

/// The scaling tables' series, `(table, series)` as their rows name them.
const THREADS_AT_ONCE: (&str, &str) = ("threads at once", "spawn + join");
const COUNTERS: [(&str, &str); 3] = [
    ("counter", "Mutex"),
    ("counter", "atomic fetch_add"),
    ("counter", "per-thread counts"),
];
const CHUNKS: (&str, &str) = ("chunks", "sum of squares");

/// Every series a scaling table reads (a test checks that a benchmark prints each).
#[allow(dead_code)] // read by tests/xtask.rs
pub const SERIES: [(&str, &str); 5] = [
    THREADS_AT_ONCE,
    COUNTERS[0],
    COUNTERS[1],
    COUNTERS[2],
    CHUNKS,
];

/// The scaling tables, each under its title; a table with no rows is left out.
pub fn scaling_tables(rows: &[&Row]) -> String {
    let points: Vec<Point> = rows.iter().filter_map(|row| point(row)).collect();
    let of = |(table, series): (&str, &str)| -> Vec<(usize, f64)> {
        let mut found: Vec<(usize, f64)> = points
            .iter()
            .filter(|p| p.table == table && p.series == series)
            .map(|p| (p.x, p.row.median))
            .collect();
        found.sort_by_key(|(x, _)| *x);
        found
    };
    let mut out = String::new();

    let spawns = of(THREADS_AT_ONCE);
    if let Some(&(_, one)) = spawns.first() {
        out += "Starting N threads at once, then joining them all: the cost per thread\n";
        out += &format!(
            "{:>6}  {:>10}  {:>10}  {:>12}\n",
            "N", "all of them", "per thread", "× one thread"
        );
        for (n, per_thread) in &spawns {
            out += &format!(
                "{n:>6}  {:>10}  {:>10}  {:>12}\n",
                duration(per_thread * *n as f64),
                duration(*per_thread),
                ratio(per_thread / one)
            );
        }
        out += "\n";
    }

    let counters: Vec<Vec<(usize, f64)>> = COUNTERS.iter().map(|&series| of(series)).collect();
    let threads: Vec<usize> = {
        let mut all: Vec<usize> = counters.iter().flatten().map(|(t, _)| *t).collect();
        all.sort_unstable();
        all.dedup();
        all
    };
    if !threads.is_empty() {
        out += "A counter bumped by T threads, the same bumps in all shared out between\n";
        out += "them: the time per bump (starting the threads included), and × one thread\n";
        out += &format!("{:>6}", "T");
        for (_, way) in COUNTERS {
            out += &format!("  {way:>22}");
        }
        out += "\n";
        for t in &threads {
            out += &format!("{t:>6}");
            for series in &counters {
                let cell = match (series.first(), series.iter().find(|(x, _)| x == t)) {
                    (Some((_, one)), Some((_, time))) => {
                        format!("{}  {:>6}", duration(*time), ratio(time / one))
                    }
                    _ => "-".to_owned(),
                };
                out += &format!("  {cell:>22}");
            }
            out += "\n";
        }
        out += "\n";
    }

    let chunks = of(CHUNKS);
    if let Some(&(0, alone)) = chunks.first() {
        out += "Parallel chunks (a sum of squares, split into one chunk per thread): the\n";
        out += "time per sum, and how many times as fast as on the calling thread alone\n";
        out += &format!("{:>8}  {:>9}  {:>8}\n", "threads", "time", "speed-up");
        for (threads, time) in &chunks {
            let speed_up = alone / time;
            let bar = "█".repeat((speed_up * 10.0).round() as usize);
            let threads = match threads {
                0 => "none".to_owned(),
                n => n.to_string(),
            };
            out += &format!(
                "{threads:>8}  {:>9}  {:>8}  {bar}\n",
                duration(*time),
                ratio(speed_up)
            );
        }
        out += "\n";
    }
    out
}

/// What a comparison is about: the row, which of its figures, and how to say it.
struct Term {
    row: &'static str,
    /// A noun phrase for one operation: "a channel send + recv on one thread".
    one: &'static str,
    /// The same for many: "channel sends + recvs on one thread".
    many: &'static str,
}

/// The rows the conclusions read, by the names the benchmarks give them.
pub const SPAWN: &str = "thread::spawn + join, empty closure";
pub const SPAWN_BUSY: &str = "thread::spawn + join, empty closure, other cores busy";
pub const SCOPE: &str = "thread::scope spawning one thread";
pub const SEND_RECV: &str = "channel send + recv, one thread";
pub const ROUND_TRIP: &str = "channel round trip to another thread";
pub const ROUND_TRIP_BUSY: &str = "channel round trip to another thread, other cores busy";
pub const SYNC_1: &str = "sync_channel(1): one message from another thread";
pub const RENDEZVOUS: &str = "sync_channel(0): one rendezvous hand-off";
pub const RC: &str = "Rc::clone + drop, one thread";
pub const ARC: &str = "Arc::clone + drop, one thread";
pub const ARC_CONTENDED: &str = "Arc::clone + drop, two threads on one Arc";
pub const ADD_CONTENDED: &str = "AtomicU64::fetch_add, two threads contending";
pub const LOCK: &str = "Mutex lock + unlock, uncontended";
pub const LOCK_CONTENDED: &str = "Mutex lock + unlock, two threads contending";
pub const READ: &str = "RwLock read + unlock, uncontended";

/// Every row a conclusion reads (a test checks that a benchmark prints each).
#[allow(dead_code)] // read by tests/xtask.rs
pub const READS: &[&str] = &[
    SPAWN,
    SPAWN_BUSY,
    SCOPE,
    SEND_RECV,
    ROUND_TRIP,
    ROUND_TRIP_BUSY,
    SYNC_1,
    RENDEZVOUS,
    RC,
    ARC,
    ARC_CONTENDED,
    ADD_CONTENDED,
    LOCK,
    LOCK_CONTENDED,
    READ,
];

const fn term(row: &'static str, one: &'static str, many: &'static str) -> Term {
    Term { row, one, many }
}

/// The comparisons, each `(a, b)`: "a costs N times b", or the other way round.
/// The terms that several comparisons use, each named once.
const SPAWN_TERM: Term = term(
    SPAWN,
    "starting and joining a thread",
    "thread starts and joins",
);
const SEND_RECV_TERM: Term = term(
    SEND_RECV,
    "a channel send + recv on one thread",
    "channel sends + recvs on one thread",
);
const ROUND_TRIP_TERM: Term = term(
    ROUND_TRIP,
    "a channel round trip to another thread",
    "channel round trips to another thread",
);
const ARC_TERM: Term = term(ARC, "Arc::clone + drop", "Arc::clone + drops");
const LOCK_TERM: Term = term(
    LOCK,
    "an uncontended Mutex lock + unlock",
    "uncontended Mutex locks + unlocks",
);

const COMPARISONS: &[(Term, Term)] = &[
    (SPAWN_TERM, SEND_RECV_TERM),
    (SPAWN_TERM, ROUND_TRIP_TERM),
    (
        term(
            SPAWN_BUSY,
            "starting and joining a thread with the other cores kept busy",
            "thread starts and joins with the other cores kept busy",
        ),
        term(
            ROUND_TRIP_BUSY,
            "a channel round trip to another thread with the other cores kept busy",
            "channel round trips to another thread with the other cores kept busy",
        ),
    ),
    (
        term(SCOPE, "a scoped thread", "scoped threads"),
        term(SPAWN, "a spawned thread", "spawned threads"),
    ),
    (ROUND_TRIP_TERM, SEND_RECV_TERM),
    (
        ROUND_TRIP_TERM,
        term(
            ROUND_TRIP_BUSY,
            "a channel round trip with the other cores kept busy",
            "channel round trips with the other cores kept busy",
        ),
    ),
    (
        term(
            SYNC_1,
            "a message through sync_channel(1)",
            "messages through sync_channel(1)",
        ),
        term(RENDEZVOUS, "a rendezvous hand-off", "rendezvous hand-offs"),
    ),
    (ARC_TERM, term(RC, "Rc::clone + drop", "Rc::clone + drops")),
    (
        term(
            ARC_CONTENDED,
            "Arc::clone + drop while another thread clones the same Arc",
            "Arc::clone + drops while another thread clones the same Arc",
        ),
        term(
            ARC,
            "Arc::clone + drop on one thread",
            "Arc::clone + drops on one thread",
        ),
    ),
    (LOCK_TERM, ARC_TERM),
    (
        term(
            LOCK_CONTENDED,
            "a Mutex lock + unlock while another thread wants the same lock",
            "Mutex locks + unlocks while another thread wants the same lock",
        ),
        LOCK_TERM,
    ),
    (
        term(
            READ,
            "an uncontended RwLock read + unlock",
            "uncontended RwLock reads + unlocks",
        ),
        LOCK_TERM,
    ),
    (
        term(
            LOCK_CONTENDED,
            "a contended Mutex lock + unlock",
            "contended Mutex locks + unlocks",
        ),
        term(
            ADD_CONTENDED,
            "a contended AtomicU64::fetch_add",
            "contended AtomicU64::fetch_adds",
        ),
    ),
];

/// Within this factor of each other, two costs are "about the same".
const ABOUT: f64 = 1.1;

/// The conclusions of a run, each a sentence computed from its rows: a comparison
/// whose rows are missing is left out, and one that does not hold the usual way
/// round is said the other way round.
pub fn conclusions(rows: &[&Row], cores: usize) -> Vec<String> {
    let median = |name: &str| {
        rows.iter()
            .find(|row| row.operation == name)
            .map(|row| row.median)
    };
    let mut sentences = Vec::new();
    for (a, b) in COMPARISONS {
        let (Some(a_nanos), Some(b_nanos)) = (median(a.row), median(b.row)) else {
            continue;
        };
        sentences.push(compare(a, a_nanos, b, b_nanos));
    }
    sentences.extend(scaling_conclusions(rows, cores));
    sentences
}

/// "A (a) costs N times B (b).", or "as much as N Bs" when N is large, or "about
/// as much as" when they are close; if B costs more, the same the other way round.
fn compare(a: &Term, a_nanos: f64, b: &Term, b_nanos: f64) -> String {
    if a_nanos < b_nanos / ABOUT {
        return compare(b, b_nanos, a, a_nanos);
    }
    let times = a_nanos / b_nanos;
    let (a_cost, b_cost) = (duration(a_nanos), duration(b_nanos));
    let sentence = if times < ABOUT {
        format!(
            "{} ({a_cost}) costs about as much as {} ({b_cost}).",
            a.one, b.one
        )
    } else if times < 10.0 {
        format!(
            "{} ({a_cost}) costs {} times {} ({b_cost}).",
            a.one,
            ratio(times),
            b.one
        )
    } else {
        format!(
            "{} ({a_cost}) costs as much as {} {} ({b_cost} each).",
            a.one,
            ratio(times),
            b.many
        )
    };
    capitalised(&sentence)
}

fn capitalised(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// How the costs grow, from the scaling tables: each sentence compares the largest
/// size with the smallest.
fn scaling_conclusions(rows: &[&Row], cores: usize) -> Vec<String> {
    let points: Vec<Point> = rows.iter().filter_map(|row| point(row)).collect();
    let ends = |(table, series): (&str, &str)| {
        let mut found: Vec<(usize, f64)> = points
            .iter()
            .filter(|p| p.table == table && p.series == series)
            .map(|p| (p.x, p.row.median))
            .collect();
        found.sort_by_key(|(x, _)| *x);
        match (found.first(), found.last()) {
            (Some(&first), Some(&last)) if first.0 != last.0 => Some((first, last)),
            _ => None,
        }
    };
    let mut sentences = Vec::new();
    if let Some(((one, one_cost), (n, n_cost))) = ends(THREADS_AT_ONCE) {
        let times = n_cost / one_cost;
        let grows = if times > GROWS {
            "faster than their number"
        } else if times < 1.0 / GROWS {
            "more slowly than their number: they start on several cores at once"
        } else {
            "in proportion to their number"
        };
        sentences.push(format!(
            "Starting {n} threads at once costs {} per thread, {} times the cost with {one} \
             ({}): the cost of starting threads grows {grows}.",
            duration(n_cost),
            ratio(times),
            duration(one_cost),
        ));
    }
    let counted: Vec<(usize, usize, String)> = COUNTERS
        .iter()
        .filter_map(|&(table, way)| {
            let ((one, one_cost), (t, t_cost)) = ends((table, way))?;
            let said = format!(
                "{way} {} against {} ({} times)",
                duration(t_cost),
                duration(one_cost),
                ratio(t_cost / one_cost)
            );
            Some((one, t, said))
        })
        .collect();
    if let Some((one, t, _)) = counted.first() {
        let said: Vec<&str> = counted.iter().map(|(_, _, said)| said.as_str()).collect();
        sentences.push(format!(
            "A counter bumped by {t} threads on {cores} cores, against {one}, costs per bump: {}.",
            said.join(", ")
        ));
    }
    if let Some(((0, alone), (threads, time))) = ends(CHUNKS) {
        sentences.push(format!(
            "Parallel chunks on {threads} threads run {} times as fast as on the calling \
             thread alone ({} against {}).",
            ratio(alone / time),
            duration(time),
            duration(alone),
        ));
    }
    sentences
}

/// Past this factor, the cost per thread grows (or shrinks) with the threads.
const GROWS: f64 = 1.25;

/// A time in nanoseconds, in the unit that suits it, with three significant digits
/// (one decimal below 10 ns): "0.5 ns", "28.7 ns", "598 ns", "6.65 µs", "1.25 ms".
pub fn duration(nanos: f64) -> String {
    let (value, unit) = match nanos {
        n if n >= 1e6 => (n / 1e6, "ms"),
        n if n >= 1e3 => (n / 1e3, "µs"),
        n => (n, "ns"),
    };
    match value {
        v if v >= 100.0 => format!("{v:.0} {unit}"),
        v if v >= 10.0 || unit == "ns" => format!("{v:.1} {unit}"),
        v => format!("{v:.2} {unit}"),
    }
}

/// A time to two significant digits, as a peak is known only to its bucket, √2
/// wide: "9.5 ns", "28 µs".
fn about(nanos: f64) -> String {
    let (value, unit) = match nanos {
        n if n >= 1e6 => (n / 1e6, "ms"),
        n if n >= 1e3 => (n / 1e3, "µs"),
        n => (n, "ns"),
    };
    match value {
        v if v >= 10.0 => format!("{v:.0} {unit}"),
        v => format!("{v:.1} {unit}"),
    }
}

/// A ratio: one decimal below 10, none from 10 up.
pub fn ratio(value: f64) -> String {
    match value {
        v if v >= 10.0 => format!("{v:.0}"),
        v => format!("{v:.1}"),
    }
}

/// Fewer decimals for bigger numbers, so the orders of magnitude stand out.
pub fn round(value: f64) -> String {
    match value {
        v if v >= 100.0 => format!("{v:.0}"),
        v => format!("{v:.1}"),
    }
}
