//! Tests of the `sync-channel` binary's real output, each run checked against
//! `guarantees.txt` (its lines, their threads, the orderings every run keeps, the
//! capacity bounds among them); racy sections run `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

/// What the data does not say of a section's lines.
const CHECKS: &Checks = &[(
    "pipeline",
    the_squares_go_through_stages_2_and_3_in_order_at_most_capacity_1_ahead,
)];

/// `bounded`'s `CAPACITY` (the notes' `sync_channel(3)`), and `pipeline`'s
/// `SQUARES_CAPACITY`.
const CAPACITY: usize = 3;
const SQUARES_CAPACITY: usize = 1;

/// The number on a line `<prefix><number>`.
fn number(line: &str, prefix: &str) -> Option<u64> {
    line.strip_prefix(prefix)?.parse().ok()
}

/// Stage 2 sends the square of each number it gets, its `sent` line right after its
/// `got`; stage 3 gets the squares in the order stage 2 sent them; and the squares'
/// channel keeps the bound of capacity 1 (guarantees.txt derives it), which the data
/// cannot say: its items are squares, not a number `{n-2}` off another.
fn the_squares_go_through_stages_2_and_3_in_order_at_most_capacity_1_ahead(lines: &[String]) {
    let stage_2: Vec<&String> = lines
        .iter()
        .filter(|line| line.starts_with("stage 2: ") && *line != "stage 2: done")
        .collect();
    let mut squares = Vec::new();
    for pair in stage_2.chunks(2) {
        let got = number(pair[0], "stage 2: got ");
        let sent = pair.get(1).and_then(|line| number(line, "stage 2: sent "));
        match (got, sent) {
            (Some(n), Some(square)) if square == n * n => squares.push(square),
            _ => panic!("stage 2: {pair:?} is not `got <n>`, then `sent <n squared>`"),
        }
    }
    let got: Vec<u64> = lines
        .iter()
        .filter_map(|line| number(line, "stage 3: got "))
        .collect();
    assert_eq!(
        got, squares,
        "stage 3 does not get the squares in the order sent"
    );
    // The bound, counted in lines: when stage 2 prints its `k`-th `sent`, at least
    // `k - c - 1` of stage 3's `got` lines stand before it; and stage 3's `k`-th `got`
    // comes after at least `k - 1` of stage 2's `sent` lines.
    let (mut sends, mut gots) = (0_usize, 0);
    for line in lines {
        if line.starts_with("stage 3: got ") {
            gots += 1;
            assert!(
                gots <= sends + 1,
                "`{line}` comes after only {sends} `stage 2: sent` lines"
            );
        } else if line.starts_with("stage 2: sent ") {
            sends += 1;
            let at_least = sends.saturating_sub(SQUARES_CAPACITY + 1);
            assert!(
                gots >= at_least,
                "`{line}` comes after only {gots} `stage 3: got` lines; with capacity \
                 {SQUARES_CAPACITY} at least {at_least} must come first"
            );
        }
    }
}

#[test]
fn a_bounded_send_waits_for_room_once_three_messages_wait() {
    check_runs(CHECKS, "bounded");
}

#[test]
fn bounded_says_how_far_the_sender_ran_ahead_on_stderr() {
    let stderr = check(CHECKS, "bounded").stderr;
    let ahead: Option<usize> = stderr
        .trim()
        .strip_prefix("Main: at most ")
        .and_then(|rest| rest.strip_suffix(" sends returned ahead of the receives"))
        .and_then(|n| n.parse().ok());
    assert!(
        ahead.is_some_and(|n| n <= CAPACITY),
        "stderr should say how many sends ran ahead, at most {CAPACITY}"
    );
}

#[test]
fn try_send_hands_the_value_back_when_full_and_when_the_receiver_is_gone() {
    check(CHECKS, "try-send-full");
}

#[test]
fn every_rendezvous_send_waits_for_its_recv() {
    check_runs(CHECKS, "rendezvous");
}

#[test]
fn no_pipeline_stage_runs_ahead_and_closing_the_first_sender_ends_every_stage() {
    check_runs(CHECKS, "pipeline");
}

#[test]
fn each_section_ends_before_the_next_starts() {
    each_section_ends_before_the_next(CHECKS);
}

#[allow(dead_code)] // its `main` is for `cargo bench`
#[path = "../benches/costs.rs"]
mod costs;

#[test]
fn every_benchmark_runs() {
    costs::measure(false);
}
