//! What a section's run must show, read from its crate's `guarantees.txt`: the lines it
//! prints, which thread prints each, and the orderings that hold in every run. The
//! crate's tests check every run against it (`common/tests.rs`), and `cargo xtask site`
//! draws the same relations on its pictures of real runs: one file, included by both.
//!
//! The format, a line each (blank lines and `#` comments are skipped):
//!
//! ```text
//! [many-producers]                     a section, in `--list` order
//! main Main                            the label main prints under, which names its
//!                                      lane ("main" without it)
//! threads producer {p}                 labels of the other threads, one lane per label
//! line Main: got message {m in 1..=4} from producer {p in 1..=3}
//! line Main: the loop ended
//! order "each producer's messages in the order sent":
//!     Main: got message {m-1} from producer {p} < Main: got message {m} from producer {p}
//! ```
//!
//! - `line P` is a line the section prints. `{x}` in P matches any text, `{}` too without
//!   a name, and `{{` or `}}` is a brace of the line's own; `{x in a..=b}` an integer in
//!   that range, and then P's lines are one for each value (each combination, with
//!   several). `line 4× P` is P printed four times, `line 1..=8× P` one to eight times,
//!   `line 1..× P` once or more; a line without either is printed once. Every line
//!   printed matches a `line`: the first that matches is the one it counts for.
//! - `ordered` says the lines come out in the order listed (a ranged line counting up).
//! - `same t` says the hole `{t}` holds one value on every line: one thread prints them.
//! - `order "name": A < B`, on one line or with B's part on the next: every line that
//!   matches B comes after each line that matches A and agrees with it, where A may use
//!   B's names, `{m}` for the same value, `{m-1}` or `{m+2}` for an integer off it.
//! - A line's thread is its label, the text before its first `: `, when that label
//!   matches a `threads` pattern; any other line is main's, `Main: …` and `Received: …`
//!   alike.

#![allow(dead_code)] // the tests use the checks, the site the layout too

// Every crate's tests compile this file: no derive that nothing uses, no generic map;
// each made the cold `cargo test --no-run` measurably longer.

/// One section's guarantees.
pub struct Guarantees {
    pub section: String,
    pub main_label: Option<String>,
    pub thread_labels: Vec<Pattern>,
    pub lines: Vec<LineSpec>,
    pub ordered: bool,
    pub orders: Vec<Order>,
    /// Holes that hold one value on every line of the section: `same t`.
    pub same: Vec<String>,
}

pub struct LineSpec {
    pub pattern: Pattern,
    /// `Some((low, high))` for `n×` (`low` = `high` = `n`) or `low..=high×`; `None` for
    /// once, or once per value of its ranges.
    pub times: Option<(usize, usize)>,
}

pub struct Order {
    pub name: String,
    pub before: Pattern,
    pub after: Pattern,
}

pub enum Piece {
    Text(String),
    /// `{name}`, `{name-1}`, `{name in 1..=4}`, or `{}`.
    Hole {
        name: String,
        offset: i64,
        range: Option<(i64, i64)>,
    },
}

pub struct Pattern {
    pub source: String,
    pub pieces: Vec<Piece>,
}

/// The text each named hole matched, by name.
pub type Values = Vec<(String, String)>;

fn value<'a>(values: &'a Values, name: &str) -> Option<&'a String> {
    values.iter().find(|(n, _)| n == name).map(|(_, v)| v)
}

impl Pattern {
    fn parse(source: &str) -> Result<Pattern, String> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut rest = source;
        while let Some(at) = rest.find(['{', '}']) {
            text.push_str(&rest[..at]);
            rest = &rest[at..];
            // `{{` and `}}` are a brace of the line's own, as in `format!`.
            if let Some(after) = rest.strip_prefix("{{").or_else(|| rest.strip_prefix("}}")) {
                text.push_str(&rest[..1]);
                rest = after;
                continue;
            }
            let close = rest
                .find('}')
                .filter(|_| rest.starts_with('{'))
                .ok_or_else(|| format!("a lone brace in `{source}`: write `{{{{` or `}}}}`"))?;
            if !text.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut text)));
            }
            pieces.push(Self::hole(&rest[1..close], source)?);
            rest = &rest[close + 1..];
        }
        text.push_str(rest);
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Pattern {
            source: source.to_owned(),
            pieces,
        })
    }

    fn hole(inside: &str, source: &str) -> Result<Piece, String> {
        let bad = || {
            format!("`{{{inside}}}` in `{source}` is not `{{x}}`, `{{x-1}}` or `{{x in 1..=4}}`")
        };
        let (name, range) = match inside.split_once(" in ") {
            Some((name, range)) => {
                let (low, high) = range.split_once("..=").ok_or_else(bad)?;
                let low = low.trim().parse().map_err(|_| bad())?;
                let high = high.trim().parse().map_err(|_| bad())?;
                (name.trim(), Some((low, high)))
            }
            None => (inside.trim(), None),
        };
        let (name, offset) = match name.find(['-', '+']) {
            Some(at) => {
                let offset: i64 = name[at + 1..].trim().parse().map_err(|_| bad())?;
                let sign = if name[at..].starts_with('-') { -1 } else { 1 };
                (name[..at].trim(), sign * offset)
            }
            None => (name, 0),
        };
        if !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(bad());
        }
        Ok(Piece::Hole {
            name: name.to_owned(),
            offset,
            range,
        })
    }

    /// The values of the named holes if `line` matches; each hole takes the shortest text
    /// that lets the rest match.
    pub fn matches(&self, line: &str) -> Option<Values> {
        let mut values = Values::new();
        self.match_from(0, line, &mut values).then_some(values)
    }

    fn match_from(&self, at: usize, line: &str, values: &mut Values) -> bool {
        let Some(piece) = self.pieces.get(at) else {
            return line.is_empty();
        };
        match piece {
            Piece::Text(text) => line
                .strip_prefix(text.as_str())
                .is_some_and(|rest| self.match_from(at + 1, rest, values)),
            Piece::Hole { name, range, .. } => {
                for end in line
                    .char_indices()
                    .map(|(i, _)| i)
                    .skip(1)
                    .chain([line.len()])
                {
                    let value = &line[..end];
                    if let Some((low, high)) = range {
                        match value.parse::<i64>() {
                            Ok(n) if (*low..=*high).contains(&n) => {}
                            _ => continue,
                        }
                    }
                    values.retain(|(n, _)| n != name);
                    if !name.is_empty() {
                        values.push((name.clone(), value.to_owned()));
                    }
                    if self.match_from(at + 1, &line[end..], values) {
                        return true;
                    }
                }
                values.retain(|(n, _)| n != name);
                false
            }
        }
    }

    /// Whether `line`, matched by this pattern, agrees with `bound`: a hole named in
    /// `bound` must hold its value, moved by the hole's offset.
    fn agrees(&self, line: &str, bound: &Values) -> bool {
        let Some(values) = self.matches(line) else {
            return false;
        };
        self.pieces.iter().all(|piece| match piece {
            Piece::Hole { name, offset, .. } => match (value(&values, name), value(bound, name)) {
                (Some(mine), Some(theirs)) if *offset == 0 => mine == theirs,
                (Some(mine), Some(theirs)) => match (mine.parse::<i64>(), theirs.parse::<i64>()) {
                    (Ok(mine), Ok(theirs)) => mine == theirs + offset,
                    _ => false,
                },
                _ => true,
            },
            Piece::Text(_) => true,
        })
    }

    fn ranges(&self) -> Vec<(String, i64, i64)> {
        self.pieces
            .iter()
            .filter_map(|piece| match piece {
                Piece::Hole {
                    name,
                    range: Some((low, high)),
                    ..
                } => Some((name.clone(), *low, *high)),
                _ => None,
            })
            .collect()
    }
}

/// Every section of a crate's `guarantees.txt`, in the file's order.
pub fn parse(text: &str) -> Result<Vec<Guarantees>, String> {
    let mut sections: Vec<Guarantees> = Vec::new();
    let mut pending: Option<(String, String)> = None; // an `order` whose `<` part is next
    for (number, raw) in text.lines().enumerate() {
        let at = |message: String| format!("guarantees.txt line {}: {message}", number + 1);
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            sections.push(Guarantees {
                section: name.to_owned(),
                main_label: None,
                thread_labels: Vec::new(),
                lines: Vec::new(),
                ordered: false,
                orders: Vec::new(),
                same: Vec::new(),
            });
            continue;
        }
        let section = sections
            .last_mut()
            .ok_or_else(|| at("a line before the first `[section]`".into()))?;
        if let Some((name, before)) = pending.take() {
            section
                .orders
                .push(order(name, &format!("{before} {line}")).map_err(at)?);
            continue;
        }
        let (keyword, rest) = line.split_once(' ').unwrap_or((line, ""));
        match keyword {
            "main" => section.main_label = Some(rest.to_owned()),
            "threads" => section
                .thread_labels
                .push(Pattern::parse(rest).map_err(at)?),
            "ordered" => section.ordered = true,
            "same" => section.same.push(rest.to_owned()),
            "line" => {
                // `4× ` or `1..=8× ` before the pattern; a `×` later on is the line's own.
                let (times, source) = match rest.split_once("× ") {
                    Some((n, source)) if times(n).is_some() => (times(n), source),
                    _ => (None, rest),
                };
                section.lines.push(LineSpec {
                    pattern: Pattern::parse(source).map_err(at)?,
                    times,
                });
            }
            "order" => {
                let (name, relation) = rest
                    .strip_prefix('"')
                    .and_then(|r| r.split_once("\":"))
                    .ok_or_else(|| at("`order` needs a quoted name and `:`".into()))?;
                let relation = relation.trim();
                if relation.contains(" < ") {
                    section
                        .orders
                        .push(order(name.to_owned(), relation).map_err(at)?);
                } else {
                    pending = Some((name.to_owned(), relation.to_owned()));
                }
            }
            _ => return Err(at(format!("unknown keyword `{keyword}`"))),
        }
    }
    if let Some((name, _)) = pending {
        return Err(format!("the order \"{name}\" has no `<` part"));
    }
    for section in &sections {
        let holes = |name: &String| {
            let named = |piece: &Piece| matches!(piece, Piece::Hole { name: n, .. } if n == name);
            section
                .lines
                .iter()
                .any(|l| l.pattern.pieces.iter().any(named))
        };
        if let Some(name) = section.same.iter().find(|name| !holes(name)) {
            return Err(format!(
                "[{}]: `same {name}`, but no line has {{{name}}}",
                section.section
            ));
        }
    }
    Ok(sections)
}

fn times(n: &str) -> Option<(usize, usize)> {
    match (n.split_once("..="), n.strip_suffix("..")) {
        (Some((low, high)), _) => Some((low.parse().ok()?, high.parse().ok()?)),
        (None, Some(low)) => Some((low.parse().ok()?, usize::MAX)),
        (None, None) => n.parse().ok().map(|n| (n, n)),
    }
}

fn order(name: String, relation: &str) -> Result<Order, String> {
    let (before, after) = relation
        .split_once(" < ")
        .ok_or_else(|| format!("the order \"{name}\" is not `A < B`"))?;
    Ok(Order {
        name,
        before: Pattern::parse(before.trim())?,
        after: Pattern::parse(after.trim())?,
    })
}

/// One ordering between two lines of a run, as a relation requires it.
pub struct Edge {
    pub relation: String,
    pub from: usize,
    pub to: usize,
    pub kept: bool,
}

/// One run checked: each line's thread, the orderings the relations require of it, and
/// every way the run breaks the data.
#[derive(Default)]
pub struct Verdict {
    /// Each line's thread, and main's lane among them.
    pub lanes: Vec<String>,
    pub main_lane: String,
    pub edges: Vec<Edge>,
    pub problems: Vec<String>,
}

impl Guarantees {
    /// The name of main's lane: the label it prints under, or "main".
    pub fn main_lane(&self) -> String {
        self.main_label.clone().unwrap_or_else(|| "main".to_owned())
    }

    /// The thread that printed `line`: its label if that is a thread's, else main.
    pub fn lane(&self, line: &str) -> String {
        let thread = |label: &str| {
            self.thread_labels
                .iter()
                .any(|p| p.matches(label).is_some())
        };
        match line.split_once(": ") {
            Some((label, _)) if thread(label) => label.to_owned(),
            _ => self.main_lane(),
        }
    }

    pub fn check(&self, lines: &[String]) -> Verdict {
        let mut verdict = Verdict {
            lanes: lines.iter().map(|line| self.lane(line)).collect(),
            main_lane: self.main_lane(),
            ..Verdict::default()
        };
        let spec_of = self.specs_of(lines);
        for (line, spec) in lines.iter().zip(&spec_of) {
            if spec.is_none() {
                verdict.problems.push(format!(
                    "`{line}` is none of the lines [{}] prints",
                    self.section
                ));
            }
        }
        for (index, spec) in self.lines.iter().enumerate() {
            self.count(spec, lines, &spec_of, index, &mut verdict.problems);
        }
        if self.ordered {
            self.in_listed_order(lines, &spec_of, &mut verdict);
        }
        for order in &self.orders {
            order_edges(order, lines, &mut verdict);
        }
        for name in &self.same {
            let mut seen: Vec<String> = Vec::new();
            for (line, spec) in lines.iter().zip(&spec_of) {
                let values = spec.and_then(|spec| self.lines[spec].pattern.matches(line));
                if let Some(v) = values.as_ref().and_then(|values| value(values, name)) {
                    if !seen.contains(v) {
                        seen.push(v.clone());
                    }
                }
            }
            if seen.len() > 1 {
                verdict.problems.push(format!(
                    "`{{{name}}}` is {} on different lines, not one value",
                    seen.join(", ")
                ));
            }
        }
        verdict
    }

    /// The `line` each printed line counts for: the first that matches; in an `ordered`
    /// section, the first from the last one used on, so that a line listed twice counts
    /// once for each listing.
    fn specs_of(&self, lines: &[String]) -> Vec<Option<usize>> {
        let matching = |line: &str, from: usize| {
            (from..self.lines.len()).find(|&i| self.lines[i].pattern.matches(line).is_some())
        };
        let (mut current, mut used) = (0, 0);
        let mut specs = Vec::new();
        for line in lines {
            let spec = if !self.ordered {
                matching(line, 0)
            } else {
                let room = match self.lines.get(current) {
                    Some(spec) => match spec.times {
                        Some((_, high)) => used < high,
                        None => !spec.pattern.ranges().is_empty() || used == 0,
                    },
                    None => false,
                };
                let here = room && self.lines[current].pattern.matches(line).is_some();
                let next = if here {
                    Some(current)
                } else {
                    matching(line, current + 1)
                };
                match next {
                    Some(next) => {
                        used = if next == current { used + 1 } else { 1 };
                        current = next;
                        Some(next)
                    }
                    None => matching(line, 0),
                }
            };
            specs.push(spec);
        }
        specs
    }

    fn count(
        &self,
        spec: &LineSpec,
        lines: &[String],
        spec_of: &[Option<usize>],
        index: usize,
        problems: &mut Vec<String>,
    ) {
        let mine: Vec<&String> = lines
            .iter()
            .zip(spec_of)
            .filter(|(_, s)| **s == Some(index))
            .map(|(line, _)| line)
            .collect();
        let source = &spec.pattern.source;
        let ranges = spec.pattern.ranges();
        if ranges.is_empty() {
            let (low, high) = spec.times.unwrap_or((1, 1));
            if !(low..=high).contains(&mine.len()) {
                let wanted = match (low == high, high == usize::MAX) {
                    (true, _) => low.to_string(),
                    (false, true) => format!("{low} or more"),
                    (false, false) => format!("{low} to {high}"),
                };
                problems.push(format!("`{source}`: {} lines, not {wanted}", mine.len()));
            }
            return;
        }
        let mut keys: Vec<Vec<String>> = mine
            .iter()
            .map(|line| {
                let values = spec.pattern.matches(line).unwrap_or_default();
                let named = |name: &String| value(&values, name).cloned().unwrap_or_default();
                ranges.iter().map(|(name, ..)| named(name)).collect()
            })
            .collect();
        keys.sort();
        let twice = keys
            .windows(2)
            .find(|pair| pair[0] == pair[1])
            .map(|pair| pair[0].clone());
        keys.dedup();
        let wanted: usize = ranges
            .iter()
            .map(|(_, low, high)| (high - low + 1) as usize)
            .product();
        if let Some(key) = twice {
            problems.push(format!("`{source}` with {key:?}: more than one line"));
        }
        if keys.len() != wanted {
            problems.push(format!("`{source}`: {} of its {wanted} lines", keys.len()));
        }
    }

    /// `ordered`: each line's place is its `line`'s, then its ranged values counting up.
    fn in_listed_order(&self, lines: &[String], spec_of: &[Option<usize>], verdict: &mut Verdict) {
        let key = |i: usize| -> Option<(usize, Vec<i64>)> {
            let spec = spec_of[i]?;
            let pattern = &self.lines[spec].pattern;
            let values = pattern.matches(&lines[i])?;
            let numbers = pattern
                .ranges()
                .iter()
                .map(|(name, ..)| value(&values, name).map_or(0, |v| v.parse().unwrap_or(0)))
                .collect();
            Some((spec, numbers))
        };
        for i in 1..lines.len() {
            let kept = match (key(i - 1), key(i)) {
                (Some(a), Some(b)) => a < b || (a == b && self.lines[a.0].times.is_some()),
                _ => false,
            };
            if !kept {
                verdict.problems.push(format!(
                    "\"every line in the order listed\": `{}` comes after `{}`",
                    lines[i],
                    lines[i - 1]
                ));
            }
            verdict.edges.push(Edge {
                relation: "every line in the order listed".to_owned(),
                from: i - 1,
                to: i,
                kept,
            });
        }
    }
}

/// The edges of `order` in one run: each pair of lines it orders, kept or broken.
fn order_edges(order: &Order, lines: &[String], verdict: &mut Verdict) {
    for (to, line) in lines.iter().enumerate() {
        let Some(bound) = order.after.matches(line) else {
            continue;
        };
        for from in (0..lines.len()).filter(|&from| from != to) {
            if !order.before.agrees(&lines[from], &bound) {
                continue;
            }
            if from > to {
                verdict.problems.push(format!(
                    "\"{}\": `{}` comes before `{}`",
                    order.name, line, lines[from]
                ));
            }
            verdict.edges.push(Edge {
                relation: order.name.clone(),
                from,
                to,
                kept: from < to,
            });
        }
    }
}

/// The sections of `text`, with a message naming the file on a mistake in it.
pub fn load(text: &str, file: &str) -> Vec<Guarantees> {
    parse(text).unwrap_or_else(|message| panic!("{file}: {message}"))
}
