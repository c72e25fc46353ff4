//! Tests of the `sync-channel` binary's real output. Each asserts only what holds
//! under every interleaving; racy sections run `EXAMPLE_RUNS` times (default 5).

// ---- the test helpers: the same in every example crate's tests (xtask/tests checks it) ----

use assert_cmd::cargo::cargo_bin_cmd;
use std::time::Duration;

/// Far more than any section needs: a deadlock fails the test instead of hanging it.
const TIMEOUT: Duration = Duration::from_secs(10);

/// How many times a racy section runs per test (default 5); raise it for a soak
/// with `EXAMPLE_RUNS=200 cargo test`.
#[allow(dead_code)] // a crate whose sections start no threads has nothing racy
fn runs() -> usize {
    std::env::var("EXAMPLE_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5)
}

/// Runs this crate's binary with `args`, checks that it succeeded within `TIMEOUT`,
/// and returns its stdout.
fn stdout_of(args: &[&str]) -> String {
    let assert = cargo_bin_cmd!()
        .args(args)
        .timeout(TIMEOUT)
        .assert()
        .success();
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

/// Runs one section and returns its stdout lines after the header.
fn section(name: &str) -> Vec<String> {
    let stdout = stdout_of(&[name]);
    let mut lines = stdout.lines().map(str::to_owned);
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with(&format!("=== {name}: ")) && header.ends_with(" ==="),
        "the first line should be the header of `{name}`:\n{stdout}"
    );
    lines.collect()
}

/// The position of the one line equal to `wanted`, with the whole output on failure.
fn position(lines: &[String], wanted: &str) -> usize {
    let found: Vec<usize> = (0..lines.len()).filter(|&i| lines[i] == wanted).collect();
    assert_eq!(
        found.len(),
        1,
        "expected `{wanted}` exactly once in:\n{}",
        lines.join("\n")
    );
    found[0]
}

// ---- end of the test helpers ----

/// The program's `CAPACITY`: the notes' `sync_channel(3)`.
const CAPACITY: usize = 3;

/// The program's `MESSAGES`: the notes' `1..10`.
const MESSAGES: usize = 9;

/// One line of the notes' sender/receiver output.
#[derive(Debug, PartialEq)]
enum Line {
    /// `{thread_id:?}: sent Message {i}`
    Sent(usize),
    /// `{thread_id:?}: done`
    Done,
    /// `Main: got Message {i}`
    Got(usize),
    /// `Main: slept {pause:?}, now receiving`
    Receiving,
}

/// Parses the lines of `bounded` or `rendezvous`. Every line must be one of the
/// four kinds, and the sender's lines must all carry one `ThreadId(..)`.
fn parse(lines: &[String]) -> Vec<Line> {
    let output = lines.join("\n");
    let message = |text: &str| -> usize {
        text.strip_prefix("Message ")
            .and_then(|i| i.parse().ok())
            .unwrap_or_else(|| panic!("`{text}` is not `Message <i>` in:\n{output}"))
    };
    let mut sender_id: Option<&str> = None;
    lines
        .iter()
        .map(|line| {
            if let Some(msg) = line.strip_prefix("Main: got ") {
                return Line::Got(message(msg));
            }
            if line.starts_with("Main: slept ") && line.ends_with(", now receiving") {
                return Line::Receiving;
            }
            let (id, rest) = line
                .split_once(": ")
                .unwrap_or_else(|| panic!("unexpected line `{line}` in:\n{output}"));
            assert!(
                id.starts_with("ThreadId(") && *sender_id.get_or_insert(id) == id,
                "`{line}` is not from the one sending thread:\n{output}"
            );
            match rest.strip_prefix("sent ") {
                Some(msg) => Line::Sent(message(msg)),
                None if rest == "done" => Line::Done,
                None => panic!("unexpected line `{line}` in:\n{output}"),
            }
        })
        .collect()
}

/// Checks the blocking bound of `sync_channel(capacity)` on one run's output.
///
/// Why at least `i - capacity - 1` `got` lines stand before `sent Message i`:
/// - `send(i)` returns only when message `i` is in the channel and the channel
///   holds at most `capacity` messages, so at least `i - capacity` messages have
///   already been taken out by `recv`. (With capacity 0, `send(i)` returns only when
///   a `recv` has taken message `i` itself: again `i - 0` messages.)
/// - The sender prints `sent Message i` after `send(i)` returns.
/// - Main prints `got Message j` after `recv` returns message `j`, and only then
///   calls `recv` again. So when `recv` has taken message `i - capacity`, the lines
///   for messages `1 ..= i - capacity - 1` are already printed, but the line for
///   message `i - capacity` itself may not be yet: main can be between that `recv`
///   and its `println!` while the sender prints. Hence the minus one.
///
/// And no `sent Message i` with `i > capacity` comes before main's `now receiving`:
/// such a send needs at least one `recv`, and main prints that line before its
/// first `recv`. (So nothing beyond the capacity is sent during main's pause.)
fn assert_send_waits_for_room(lines: &[String], capacity: usize) {
    let output = lines.join("\n");
    let mut got_so_far = 0;
    let mut receiving = false;
    for line in parse(lines) {
        match line {
            Line::Got(_) => got_so_far += 1,
            Line::Receiving => receiving = true,
            Line::Sent(i) => {
                let at_least = i.saturating_sub(capacity + 1);
                assert!(
                    got_so_far >= at_least,
                    "`sent Message {i}` is printed after only {got_so_far} got lines; with \
                     capacity {capacity} at least {at_least} must come first:\n{output}"
                );
                assert!(
                    receiving || i <= capacity,
                    "`sent Message {i}` is printed before main started receiving; with \
                     capacity {capacity} only {capacity} can be sent before:\n{output}"
                );
            }
            Line::Done => {}
        }
    }
}

/// Checks that every message was sent and received once, in order, and that the
/// sender printed `done` after its last send.
fn assert_every_message_once_in_order(lines: &[String]) {
    let output = lines.join("\n");
    let parsed = parse(lines);
    let all: Vec<usize> = (1..=MESSAGES).collect();
    let got: Vec<usize> = parsed
        .iter()
        .filter_map(|line| match line {
            Line::Got(i) => Some(*i),
            _ => None,
        })
        .collect();
    assert_eq!(
        got, all,
        "main did not get every message once, in order:\n{output}"
    );
    // Main receives only after its pause, and says so once.
    let receiving: Vec<usize> = (0..parsed.len())
        .filter(|&i| parsed[i] == Line::Receiving)
        .collect();
    let first_got = parsed.iter().position(|line| matches!(line, Line::Got(_)));
    assert!(
        receiving.len() == 1 && first_got.is_some_and(|got| receiving[0] < got),
        "main's `now receiving` line is not there once, before every `got`:\n{output}"
    );
    // The sender's own lines, in its order: each `sent` once, in order, then `done`.
    let sender: Vec<&Line> = parsed
        .iter()
        .filter(|line| matches!(line, Line::Sent(_) | Line::Done))
        .collect();
    let mut expected: Vec<Line> = (1..=MESSAGES).map(Line::Sent).collect();
    expected.push(Line::Done);
    assert_eq!(
        sender,
        expected.iter().collect::<Vec<_>>(),
        "the sender did not send every message once, in order, then finish:\n{output}"
    );
}

#[test]
fn a_bounded_send_returns_only_when_at_most_three_messages_wait() {
    for _ in 0..runs() {
        let lines = section("bounded");
        // Main pauses the notes' 100 ms before its first recv, and says so once.
        position(&lines, "Main: slept 100ms, now receiving");
        assert_send_waits_for_room(&lines, CAPACITY);
    }
}

#[test]
fn the_bounded_channel_delivers_every_message_once_in_order_and_the_sender_finishes() {
    for _ in 0..runs() {
        assert_every_message_once_in_order(&section("bounded"));
    }
}

#[test]
fn every_rendezvous_send_waits_for_main_to_take_its_message() {
    for _ in 0..runs() {
        let lines = section("rendezvous");
        // Main pauses 10 ms before its first recv, and says so once.
        position(&lines, "Main: slept 10ms, now receiving");
        assert_send_waits_for_room(&lines, 0);
    }
}

#[test]
fn the_rendezvous_channel_delivers_every_message_once_in_order_and_the_sender_finishes() {
    for _ in 0..runs() {
        assert_every_message_once_in_order(&section("rendezvous"));
    }
}

#[test]
fn try_send_reports_full_with_the_value_and_succeeds_again_after_one_recv() {
    let lines = section("try-send-full");
    let output = lines.join("\n");
    // The `Debug` text of the error has changed between Rust versions
    // (`Full(..)`, `TrySendError::Full(..)`): check only that it is a Full error.
    let full = lines.get(CAPACITY).map(String::as_str).unwrap_or_default();
    assert!(
        full.starts_with("try_send(\"Message 4\"): Err(") && full.contains("Full(..)"),
        "the fourth try_send should report Full:\n{output}"
    );
    let mut rest = lines.clone();
    rest.remove(CAPACITY);
    assert_eq!(
        rest,
        [
            "try_send(\"Message 1\"): Ok(())",
            "try_send(\"Message 2\"): Ok(())",
            "try_send(\"Message 3\"): Ok(())",
            "The channel is full: \"Message 4\" came back",
            "Received: Ok(\"Message 1\")",
            "try_send(\"Message 4\"): Ok(())",
            "Buffered: [\"Message 2\", \"Message 3\", \"Message 4\"]",
        ],
        "{output}"
    );
}

#[test]
fn each_threaded_section_joins_its_sender_before_the_next_section_starts() {
    // Run order is --list order: xtask/tests checks that for every crate.
    let all = stdout_of(&[]);
    // Split the output at its headers: one block of lines per section.
    let mut blocks: Vec<(&str, Vec<String>)> = Vec::new();
    for line in all.lines() {
        match line.strip_prefix("=== ") {
            Some(rest) => blocks.push((rest.split(':').next().unwrap_or_default(), Vec::new())),
            None => blocks
                .last_mut()
                .unwrap_or_else(|| panic!("output before the first header:\n{all}"))
                .1
                .push(line.to_owned()),
        }
    }
    // The sending thread of each threaded section is joined before the next header:
    // all of its lines, `done` included, are inside its own section's block.
    let block_of = |name: &str| -> &Vec<String> {
        let (_, block) = blocks
            .iter()
            .find(|(header, _)| *header == name)
            .unwrap_or_else(|| panic!("no `{name}` section in:\n{all}"));
        block
    };
    for name in ["bounded", "rendezvous"] {
        assert_every_message_once_in_order(block_of(name));
    }
    // The pipeline's three stages are joined before main's last line, the last of
    // the output.
    assert_every_item_passes_every_stage_once_in_order(block_of("pipeline"));
}

/// The program's `NUMBERS_CAPACITY` (stage 1 to stage 2) and `SQUARES_CAPACITY`
/// (stage 2 to stage 3).
const NUMBERS_CAPACITY: usize = 2;
const SQUARES_CAPACITY: usize = 1;

/// The program's `ITEMS`: stage 1 sends the numbers `1..=ITEMS`.
const ITEMS: u64 = 10;

/// One line of the pipeline: `stage <s>: sent <v>`, `stage <s>: got <v>`, `stage
/// <s>: done`, as (stage, what, value); main's last line is not one.
fn pipeline_steps(lines: &[String]) -> Vec<(u8, &str, u64)> {
    let output = lines.join("\n");
    lines
        .iter()
        .filter(|line| !line.starts_with("Main: "))
        .map(|line| {
            let parsed = line.strip_prefix("stage ").and_then(|rest| {
                let (stage, step) = rest.split_once(": ")?;
                let stage = stage.parse().ok()?;
                match step.split_once(' ') {
                    None if step == "done" => Some((stage, "done", 0)),
                    Some((what @ ("sent" | "got"), value)) => {
                        Some((stage, what, value.parse().ok()?))
                    }
                    _ => None,
                }
            });
            parsed.unwrap_or_else(|| panic!("unexpected line `{line}` in:\n{output}"))
        })
        .collect()
}

/// Checks that every item passes every stage once, in order; that each stage says
/// `done` only after the stage before it did (closing the first Sender ends the
/// stages one after another); and that main's total comes last, after every join.
fn assert_every_item_passes_every_stage_once_in_order(lines: &[String]) {
    let output = lines.join("\n");
    let steps = pipeline_steps(lines);
    let values = |stage: u8, what: &str| -> Vec<u64> {
        steps
            .iter()
            .filter(|(s, w, _)| *s == stage && *w == what)
            .map(|(_, _, value)| *value)
            .collect()
    };
    let numbers: Vec<u64> = (1..=ITEMS).collect();
    let squares: Vec<u64> = numbers.iter().map(|n| n * n).collect();
    for (stage, what, expected) in [
        (1, "sent", &numbers),
        (2, "got", &numbers),
        (2, "sent", &squares),
        (3, "got", &squares),
    ] {
        assert_eq!(
            &values(stage, what),
            expected,
            "stage {stage} did not print `{what}` for every item once, in order:\n{output}"
        );
    }
    // Stage s + 1's loop ends only once stage s has dropped its Sender, which it does
    // after printing `done`. Each stage's `done` comes after all of its own lines.
    let done: Vec<usize> = (1..=3)
        .map(|stage| position(lines, &format!("stage {stage}: done")))
        .collect();
    assert!(
        done.windows(2).all(|pair| pair[0] < pair[1]),
        "the stages did not finish one after another:\n{output}"
    );
    for (i, (stage, _, _)) in steps.iter().enumerate() {
        assert!(
            i <= done[usize::from(*stage) - 1],
            "stage {stage} printed after its `done`:\n{output}"
        );
    }
    assert_eq!(
        lines.last().map(String::as_str),
        Some("Main: every stage joined; the squares of 1 to 10 add up to 385"),
        "main's total does not come last:\n{output}"
    );
}

/// Checks that a stage never runs more than `capacity` items, plus one, ahead of
/// the stage after it, on one run's output.
///
/// Why at least `k - capacity - 1` of the next stage's `got` lines stand before the
/// sending stage's `k`-th `sent` line (the `i - capacity - 1` of `bounded` again):
/// - the sending stage prints its `k`-th `sent` line after its `k`-th `send`
///   returns, and that returns only once item `k` is in the channel and the channel
///   holds at most `capacity` items: so the next stage's `recv` has already taken
///   at least `k - capacity` items (with capacity 0, item `k` itself);
/// - the next stage prints `got` for each item after its `recv` returns it, and only
///   then calls `recv` again (stage 2 also sends in between): so once `recv` has
///   returned item `k - capacity`, the `got` lines of items `1 ..= k - capacity - 1`
///   are printed, but the one of item `k - capacity` may not be yet. That item is
///   the one in the next stage's hand: taken, not yet printed.
///
/// So at any point of the output, a stage's `sent` lines outnumber the next stage's
/// `got` lines by at most `capacity + 1`.
fn assert_no_stage_runs_ahead(lines: &[String], sender: u8, capacity: usize) {
    let output = lines.join("\n");
    let receiver = sender + 1;
    let mut sent: usize = 0;
    let mut got = 0;
    for (stage, what, _) in pipeline_steps(lines) {
        match (stage, what) {
            (s, "got") if s == receiver => got += 1,
            (s, "sent") if s == sender => {
                sent += 1;
                let at_least = sent.saturating_sub(capacity + 1);
                assert!(
                    got >= at_least,
                    "stage {sender}'s `sent` line for its item {sent} comes after only {got} \
                     `got` lines of stage {receiver}; with capacity {capacity} at least \
                     {at_least} must come first:\n{output}"
                );
            }
            _ => {}
        }
    }
}

#[test]
fn no_pipeline_stage_runs_more_than_its_channels_capacity_ahead_of_the_next() {
    for _ in 0..runs() {
        let lines = section("pipeline");
        assert_no_stage_runs_ahead(&lines, 1, NUMBERS_CAPACITY);
        assert_no_stage_runs_ahead(&lines, 2, SQUARES_CAPACITY);
    }
}

#[test]
fn every_item_passes_every_pipeline_stage_once_in_order_and_the_stages_end_in_turn() {
    for _ in 0..runs() {
        assert_every_item_passes_every_stage_once_in_order(&section("pipeline"));
    }
}

/// The crate's benchmark, compiled into this test so that `cargo test` proves it
/// runs (with tiny samples, timing nothing) without building it separately.
#[allow(dead_code)] // its `main` is for `cargo bench`
#[path = "../benches/costs.rs"]
mod costs;

#[test]
fn every_benchmark_runs() {
    costs::measure(false);
}
