//! Tests of the `sync-channel` binary's real output: each checker asserts what holds
//! under every interleaving, and racy sections run `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

/// The programs' constants: `bounded`'s `CAPACITY` (the notes' `sync_channel(3)`) and
/// `MESSAGES` (the notes' `1..10`), `pipeline`'s capacities and `ITEMS`.
const CAPACITY: usize = 3;
const MESSAGES: usize = 9;
const NUMBERS_CAPACITY: usize = 2;
const SQUARES_CAPACITY: usize = 1;
const ITEMS: u64 = 10;

/// Checks the bound of a channel of capacity `c` on one run: when the sender prints its
/// `i`-th line containing `sent`, at least `i - c - 1` lines containing `got` (the
/// receiver's) stand before it. Why:
/// - `send` of item `i` returns only once item `i` is in the channel and the channel
///   holds at most `c` items, so `recv` has taken at least `i - c` of them (with `c` = 0,
///   item `i` itself); the sender prints after `send` returns;
/// - the receiver prints `got` after each `recv` returns, before its next `recv`. Once
///   it has taken item `i - c`, the lines of items `1 ..= i - c - 1` are printed, but
///   that of item `i - c` may not be yet: taken, not yet printed. Hence the minus one.
///
/// And the other way: the `k`-th `got` line comes after at least `k - 1` `sent` lines,
/// whatever the capacity: the sender prints item `k - 1`'s line before it sends item `k`.
fn at_most_capacity_ahead(lines: &[String], capacity: usize, sent: &str, got: &str) {
    let (mut sends, mut gots) = (0_usize, 0);
    for line in lines {
        if line.contains(got) {
            gots += 1;
            assert!(
                gots <= sends + 1,
                "`{line}` comes after only {sends} `{sent}` lines"
            );
        } else if line.contains(sent) {
            sends += 1;
            let at_least = sends.saturating_sub(capacity + 1);
            assert!(
                gots >= at_least,
                "`{line}` comes after only {gots} `{got}` lines; with capacity {capacity} \
                 at least {at_least} must come first"
            );
        }
    }
}

/// The notes' sender and receiver on a channel of `capacity`: every message sent once,
/// in order, then `done`, all from one thread; received once, in order; main's
/// `receiving` line once, before every `got` and after at most `capacity` sends (main
/// prints it before its first `recv`, and each send beyond the capacity waits for one);
/// `last`, main's closing lines, after the others; and the capacity bound.
fn sender_and_receiver_are_right(
    lines: &[String],
    capacity: usize,
    receiving: &str,
    last: &[&str],
) {
    let receiving = position(lines, receiving);
    let (body, tail) = lines.split_at(lines.len().saturating_sub(last.len()));
    assert_eq!(tail, last, "main's closing lines do not come last");
    let messages: Vec<String> = (1..=MESSAGES).map(|i| format!("Message {i}")).collect();
    let got: Vec<&str> = body
        .iter()
        .filter_map(|line| line.strip_prefix("Main: got "))
        .collect();
    assert_eq!(got, messages, "not every message got once, in order");
    let (ids, said): (Vec<&str>, Vec<&str>) = body
        .iter()
        .filter(|line| !line.starts_with("Main: "))
        .map(|line| line.split_once(": ").unwrap_or((line, "")))
        .unzip();
    let mut sent: Vec<String> = messages.iter().map(|m| format!("sent {m}")).collect();
    sent.push("done".to_owned());
    assert_eq!(
        said, sent,
        "not every message sent once, in order, then done"
    );
    assert!(
        ids.iter()
            .all(|id| id.starts_with("ThreadId(") && *id == ids[0])
            && body.len() == 2 * MESSAGES + 2,
        "lines not from main or the one sending thread"
    );
    let before = &lines[..receiving];
    assert!(
        before
            .iter()
            .filter(|line| line.contains(": sent "))
            .count()
            <= capacity
            && !before.iter().any(|line| line.starts_with("Main: got ")),
        "more than {capacity} sent, or a message got, before main started receiving"
    );
    at_most_capacity_ahead(lines, capacity, ": sent ", "Main: got ");
}

fn bounded_is_right(lines: &[String]) {
    let receiving =
        format!("Main: slept 100ms, now receiving from a channel that holds {CAPACITY}");
    sender_and_receiver_are_right(lines, CAPACITY, &receiving, &[]);
}

fn rendezvous_is_right(lines: &[String]) {
    let receiving = "Main: slept 10ms, now receiving; a send returns only once a recv has \
                     taken its message, so `got` may print before `sent`";
    let last = ["Main: 0 sends returned ahead of their recvs"];
    sender_and_receiver_are_right(lines, 0, receiving, &last);
}

fn try_send_full_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "try_send(\"Message 1\"): Ok(())",
            "try_send(\"Message 2\"): Ok(())",
            "try_send(\"Message 3\"): Ok(())",
            "try_send(\"Message 4\"): Err(Full(..))",
            "The channel is full: \"Message 4\" came back",
            "Received: Ok(\"Message 1\")",
            "try_send(\"Message 4\"): Ok(())",
            "Buffered: [\"Message 2\", \"Message 3\", \"Message 4\"]",
            "try_send(\"Message 5\"): Err(Disconnected(..))",
            "The receiver is gone: \"Message 5\" came back",
        ]
    );
}

/// Main's first line names the capacities; each stage's lines are each item once, in
/// order, then `done`; the stages say `done` in turn (stage s + 1's loop ends only once
/// stage s has dropped its Sender, after its `done`); main's total comes last, after
/// every join; and both capacity bounds.
fn pipeline_is_right(lines: &[String]) {
    assert_eq!(
        lines.first().map(String::as_str),
        Some(
            "Main: stage 1 sends to stage 2 through a channel of capacity 2, stage 2 to \
             stage 3 through one of capacity 1; a stage prints `sent` once its send has \
             returned, so the next stage's `got` may come first"
        ),
        "main's first line does not name the capacities"
    );
    let stages: [Vec<String>; 3] = [
        (1..=ITEMS).map(|n| format!("sent {n}")).collect(),
        (1..=ITEMS)
            .flat_map(|n| [format!("got {n}"), format!("sent {}", n * n)])
            .collect(),
        (1..=ITEMS).map(|n| format!("got {}", n * n)).collect(),
    ];
    let mut done = Vec::new();
    for (stage, mut expected) in (1..).zip(stages) {
        expected.push("done".to_owned());
        let prefix = format!("stage {stage}: ");
        let said: Vec<&str> = lines
            .iter()
            .filter_map(|l| l.strip_prefix(&prefix))
            .collect();
        assert_eq!(
            said, expected,
            "stage {stage}: not each item once, in order"
        );
        done.push(position(lines, &format!("stage {stage}: done")));
    }
    assert!(done.is_sorted(), "the stages did not end in turn");
    assert_eq!(
        lines.last().map(String::as_str),
        Some("Main: every stage joined; the squares of 1 to 10 add up to 385"),
        "main's total does not come last"
    );
    assert_eq!(lines.len(), 4 * ITEMS as usize + 5);
    at_most_capacity_ahead(lines, NUMBERS_CAPACITY, "stage 1: sent ", "stage 2: got ");
    at_most_capacity_ahead(lines, SQUARES_CAPACITY, "stage 2: sent ", "stage 3: got ");
}

/// Every section in `--list` order with its checker.
const CHECKS: &Checks = &[
    ("bounded", bounded_is_right),
    ("try-send-full", try_send_full_is_right),
    ("rendezvous", rendezvous_is_right),
    ("pipeline", pipeline_is_right),
];

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
