//! The picture of one run: a lane a thread, a row a printed line in the order the lines
//! came out (stdout is locked per line, so the order is exact; the times are not drawn),
//! and an arrow for each ordering the section's guarantees require of the run: green
//! where the run keeps it, red and named where it breaks it. A row whose place among
//! the others the arrows do not fix is drawn hollow: it varies between runs.

use crate::guarantees::{Edge, Verdict};
use crate::html::escape;
use std::fmt::Write;

const ROW: usize = 20;
const LANE: usize = 26;
const TOP: usize = 92;
const LEFT: usize = 16;
const CHAR: f64 = 7.3;
const COLORS: [&str; 8] = [
    "#1f5fa8", "#b5651d", "#2e7d32", "#7b3fa0", "#00838f", "#ad1457", "#5d6b00", "#6d4c41",
];

/// The lanes of a run: main's first if it prints, then the others by name, numbers by
/// value (`thread 2` before `thread 10`), so that the three runs line up.
pub fn lanes(verdict: &Verdict) -> Vec<String> {
    let mut others: Vec<&String> = Vec::new();
    for lane in &verdict.lanes {
        if *lane != verdict.main_lane && !others.contains(&lane) {
            others.push(lane);
        }
    }
    others.sort_by_key(|lane| {
        let digits = lane
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(lane.len());
        let number: String = lane[digits..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        (
            lane[..digits].to_owned(),
            number.len(),
            number,
            lane.to_string(),
        )
    });
    let main = verdict.lanes.contains(&verdict.main_lane);
    let main = main.then(|| verdict.main_lane.clone());
    main.into_iter()
        .chain(others.into_iter().cloned())
        .collect()
}

/// Which rows the kept orderings, followed one after another, put after each row.
fn reach(verdict: &Verdict) -> Vec<Vec<bool>> {
    let n = verdict.lanes.len();
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); n];
    for edge in verdict.edges.iter().filter(|e| e.kept) {
        next[edge.from].push(edge.to);
    }
    (0..n)
        .map(|start| {
            let mut seen = vec![false; n];
            let mut stack = vec![start];
            while let Some(at) = stack.pop() {
                for &to in &next[at] {
                    if !seen[to] {
                        seen[to] = true;
                        stack.push(to);
                    }
                }
            }
            seen
        })
        .collect()
}

/// Whether each row's place among all the others is guaranteed: the kept orderings put
/// it before or after every other row. A thread's own lines do not count: what a thread
/// prints next can vary too.
fn placed(reach: &[Vec<bool>]) -> Vec<bool> {
    let n = reach.len();
    (0..n)
        .map(|row| (0..n).all(|other| other == row || reach[row][other] || reach[other][row]))
        .collect()
}

/// The SVG of one run of `lines`, checked into `verdict`.
pub fn svg(lines: &[String], verdict: &Verdict) -> String {
    let lanes = lanes(verdict);
    let lane_of: Vec<usize> = verdict
        .lanes
        .iter()
        .map(|lane| lanes.iter().position(|l| l == lane).unwrap_or(0))
        .collect();
    let reach = reach(verdict);
    let placed = placed(&reach);
    // A kept ordering that others already imply, through a row between, is not drawn;
    // between lanes a thread's next line counts too, as the lane shows it: what comes
    // after a thread's line comes after the line that thread printed before it.
    let mut with_lanes = Verdict {
        lanes: verdict.lanes.clone(),
        ..Verdict::default()
    };
    for edge in verdict.edges.iter().filter(|e| e.kept) {
        with_lanes.edges.push(Edge {
            relation: String::new(),
            kept: true,
            ..*edge
        });
    }
    for from in 0..lines.len() {
        if let Some(to) = (from + 1..lines.len()).find(|&to| lane_of[to] == lane_of[from]) {
            with_lanes.edges.push(Edge {
                relation: String::new(),
                from,
                to,
                kept: true,
            });
        }
    }
    let shown = self::reach(&with_lanes);
    // Within one lane only the guarantees count: there the lane's own order would imply
    // every arrow, and hide what the section guarantees (one producer's messages in
    // order, among the others').
    let implied = |from: usize, to: usize| {
        let via = if lane_of[from] == lane_of[to] {
            &reach
        } else {
            &shown
        };
        (0..lines.len()).any(|c| c != to && c != from && via[from][c] && via[c][to])
    };
    let text_x = LEFT + lanes.len() * LANE + 10;
    let x = |lane: usize| LEFT + lane * LANE + LANE / 2;
    let y = |row: usize| TOP + row * ROW + ROW / 2;
    let broken: Vec<_> = verdict.edges.iter().filter(|e| !e.kept).collect();
    let note_of = |row: usize| {
        let names: Vec<&str> = broken
            .iter()
            .filter(|e| e.to == row)
            .map(|e| e.relation.as_str())
            .collect();
        (!names.is_empty()).then(|| format!("  ✗ broken: {}", names.join("; ")))
    };
    let widest = (0..lines.len())
        .map(|row| lines[row].chars().count() + note_of(row).map_or(0, |n| n.chars().count()))
        .max()
        .unwrap_or(0);
    let width = text_x + (widest as f64 * CHAR) as usize + 20;
    let height = TOP + lines.len() * ROW + 44;

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="picture" width="{width}" height="{height}" viewBox="0 0 {width} {height}" data-lanes="{}" role="img" aria-label="{} lines from {} threads">"#,
        lanes.len(),
        lines.len(),
        lanes.len()
    );
    svg.push_str(
        r##"<defs><marker id="kept" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L8,4L0,8z" fill="#2a8a3e"/></marker><marker id="broken" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L8,4L0,8z" fill="#d11"/></marker></defs>"##,
    );
    for (i, lane) in lanes.iter().enumerate() {
        let color = COLORS[i % COLORS.len()];
        let _ = write!(
            svg,
            r#"<g class="lane" data-lane="{name}"><line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="{color}" stroke-opacity="0.35" stroke-width="2"/><text x="{x}" y="{label}" transform="rotate(-40 {x} {label})" fill="{color}" class="lane-name">{name}</text></g>"#,
            name = escape(lane),
            x = x(i),
            top = TOP - 4,
            bottom = TOP + lines.len() * ROW,
            label = TOP - 10,
        );
    }
    for (row, line) in lines.iter().enumerate() {
        let lane = lane_of[row];
        let color = COLORS[lane % COLORS.len()];
        let (fill, place) = if placed[row] {
            (color, "its place among the lines is guaranteed")
        } else {
            ("#fff", "varies between runs")
        };
        let _ = write!(
            svg,
            r#"<g class="row" data-lane="{lane_name}"><title>{lane_name}: {place}</title><circle cx="{cx}" cy="{cy}" r="5" fill="{fill}" stroke="{color}" stroke-width="2"/><text x="{text_x}" y="{ty}" class="line">{text}</text>"#,
            lane_name = escape(&lanes[lane]),
            cx = x(lane),
            cy = y(row),
            ty = y(row) + 4,
            text = escape(line),
        );
        if let Some(note) = note_of(row) {
            let _ = write!(
                svg,
                r##"<text x="{}" y="{}" class="broken-note" fill="#d11">{}</text>"##,
                text_x as f64 + line.chars().count() as f64 * CHAR,
                y(row) + 4,
                escape(&note)
            );
        }
        svg.push_str("</g>");
    }
    for edge in &verdict.edges {
        let same_lane = lane_of[edge.from] == lane_of[edge.to];
        let next_in_lane =
            same_lane && !(edge.from + 1..edge.to).any(|row| lane_of[row] == lane_of[edge.from]);
        // Within a lane, of one relation's arrows into a line only the nearest is drawn:
        // the lane carries the rest (every earlier line of it into `stage 2: done`).
        let nearer = same_lane
            && verdict.edges.iter().any(|other| {
                other.kept
                    && other.to == edge.to
                    && other.relation == edge.relation
                    && lane_of[other.from] == lane_of[edge.to]
                    && other.from > edge.from
            });
        if edge.kept && (next_in_lane || nearer || implied(edge.from, edge.to)) {
            continue; // follows from other arrows, or the lane already joins the two
        }
        let (x1, y1, x2, y2) = (
            x(lane_of[edge.from]) as f64,
            y(edge.from) as f64,
            x(lane_of[edge.to]) as f64,
            y(edge.to) as f64,
        );
        let d = if same_lane {
            let bend = 8.0 + (y2 - y1).abs().sqrt() * 1.5;
            format!(
                "M{x1},{y1}C{a},{y1} {a},{y2} {x2},{}",
                y2 - 5.0,
                a = x1 - bend
            )
        } else {
            let mid = (y1 + y2) / 2.0;
            let end_x = if x2 > x1 { x2 - 5.0 } else { x2 + 5.0 };
            format!("M{x1},{y1}C{x1},{mid} {x2},{mid} {end_x},{y2}")
        };
        let (class, color, word) = if edge.kept {
            ("kept", "#2a8a3e", "guaranteed")
        } else {
            ("broken", "#d11", "broken")
        };
        let dash = if edge.kept {
            ""
        } else {
            r#" stroke-dasharray="4 3""#
        };
        let _ = write!(
            svg,
            r#"<path class="edge {class}" d="{d}" fill="none" stroke="{color}" stroke-width="1.4"{dash} marker-end="url(#{class})"><title>{word}: {}</title></path>"#,
            escape(&edge.relation)
        );
    }
    let legend_y = TOP + lines.len() * ROW + 22;
    let _ = write!(
        svg,
        r##"<g class="legend"><path d="M{LEFT},{ly} h22" stroke="#2a8a3e" stroke-width="1.4" marker-end="url(#kept)"/><text x="{a}" y="{ty}">guaranteed</text><circle cx="{c}" cy="{ly}" r="5" fill="#fff" stroke="#555" stroke-width="2"/><text x="{b}" y="{ty}">varies between runs</text></g>"##,
        ly = legend_y,
        ty = legend_y + 4,
        a = LEFT + 28,
        c = LEFT + 122,
        b = LEFT + 132,
    );
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guarantees;

    const DATA: &str = "[s]\nmain Main\nthreads T{n}\nline T{n in 1..=2}: done\nline Main: joined\n\
                        order \"main joins every thread\": T{}: done < Main: joined\n";

    fn drawn(lines: &[&str]) -> String {
        let g = &guarantees::parse(DATA).expect("the data parses")[0];
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        svg(&lines, &g.check(&lines))
    }

    #[test]
    fn a_kept_ordering_is_drawn_green_and_named_as_guaranteed() {
        let svg = drawn(&["T2: done", "T1: done", "Main: joined"]);
        // Main's line after each thread's: two arrows, neither implied by the other.
        assert_eq!(svg.matches(r#"class="edge kept""#).count(), 2, "{svg}");
        assert!(svg.contains("<title>guaranteed: main joins every thread</title>"));
        assert!(!svg.contains("edge broken") && !svg.contains("✗"), "{svg}");
        assert_eq!(svg.matches(r#"<g class="lane""#).count(), 3);
    }

    #[test]
    fn a_broken_ordering_is_drawn_red_and_named_on_its_row() {
        let svg = drawn(&["T2: done", "Main: joined", "T1: done"]);
        assert!(svg.contains(r#"class="edge broken""#));
        assert!(svg.contains("✗ broken: main joins every thread"));
    }

    #[test]
    fn lines_the_orderings_do_not_place_are_hollow_and_said_to_vary() {
        let svg = drawn(&["T2: done", "T1: done", "Main: joined"]);
        // T1 and T2 may come out either way round; Main's line is after both.
        assert_eq!(svg.matches("<title>T").count(), 2);
        assert_eq!(svg.matches(": varies between runs</title>").count(), 2);
        assert_eq!(
            svg.matches(": its place among the lines is guaranteed</title>")
                .count(),
            1
        );
    }
}
