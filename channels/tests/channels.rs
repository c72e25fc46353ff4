//! Tests of the `channels` binary's real output. Each asserts only what holds under
//! every interleaving; racy sections run `EXAMPLE_RUNS` times (default 5).

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

/// The `PRODUCERS` and `MESSAGES` of many_producers.rs.
const PRODUCERS: usize = 3;
const MESSAGES: usize = 4;

/// The `UNBOUNDED_MESSAGES` of unbounded.rs: the notes' `1..10`.
const UNBOUNDED_MESSAGES: usize = 9;

#[test]
fn the_notes_example_receives_10_and_20_then_30_from_the_cloned_sender() {
    let lines = section("notes-example");
    assert_eq!(
        lines,
        ["Received: Ok(10)", "Received: Ok(20)", "Received: Ok(30)"]
    );
}

#[test]
fn every_producers_messages_arrive_exactly_once_and_in_the_order_sent() {
    for _ in 0..runs() {
        let lines = section("many-producers");
        let output = lines.join("\n");
        let (last, received) = lines
            .split_last()
            .unwrap_or_else(|| panic!("no output:\n{output}"));
        // The loop ended (it did not hang until the timeout), and its closing line
        // stands after every received line, with the count it computed.
        assert_eq!(
            last,
            &format!(
                "Main: the loop ended after {} messages: every Sender is gone",
                PRODUCERS * MESSAGES
            ),
            "the last line should close the receiving loop:\n{output}"
        );
        // Each producer's messages, in the order main received them: each list must
        // be exactly 1..=MESSAGES, so a lost, repeated or reordered message fails.
        let mut by_producer = vec![Vec::new(); PRODUCERS + 1];
        for line in received {
            let (message, producer) = line
                .strip_prefix("Main: got message ")
                .and_then(|rest| rest.split_once(" from producer "))
                .and_then(|(m, p)| Some((m.parse::<usize>().ok()?, p.parse::<usize>().ok()?)))
                .unwrap_or_else(|| panic!("unexpected line `{line}` in:\n{output}"));
            assert!(
                (1..=PRODUCERS).contains(&producer),
                "no producer {producer}:\n{output}"
            );
            by_producer[producer].push(message);
        }
        for (producer, messages) in by_producer.iter().enumerate().skip(1) {
            let sent: Vec<usize> = (1..=MESSAGES).collect();
            assert_eq!(
                messages, &sent,
                "producer {producer}'s messages are missing or out of order:\n{output}"
            );
        }
    }
}

#[test]
fn recv_fails_once_every_sender_is_gone_after_the_buffered_value() {
    let lines = section("disconnection");
    assert_eq!(
        lines.get(..2),
        Some(
            &[
                "Received: Ok(1)".to_owned(),
                "Received: Err(RecvError)".to_owned()
            ][..]
        ),
        "{}",
        lines.join("\n")
    );
}

#[test]
fn send_fails_once_the_receiver_is_gone_and_hands_the_value_back() {
    let lines = section("disconnection");
    assert_eq!(
        lines.get(2..),
        Some(
            &[
                "Sent: Err(SendError { .. })".to_owned(),
                "The value came back: \"an undelivered letter\"".to_owned()
            ][..]
        ),
        "{}",
        lines.join("\n")
    );
}

#[test]
fn the_unbounded_sender_finishes_every_send_before_main_receives_anything() {
    for _ in 0..runs() {
        let lines = section("unbounded");
        let output = lines.join("\n");
        let first_got = lines
            .iter()
            .position(|line| line.starts_with("Main: got "))
            .unwrap_or_else(|| panic!("main received nothing:\n{output}"));
        let (sender, main) = lines.split_at(first_got);

        // Before the first `got`: every `sent` line in order, then `done`, all from
        // one thread, in the notes' `{thread_id:?}: ...` format.
        let thread_id = sender
            .first()
            .and_then(|line| line.split_once(": "))
            .map(|(id, _)| id)
            .unwrap_or_else(|| panic!("no sender line before the first got:\n{output}"));
        assert!(thread_id.starts_with("ThreadId("), "{output}");
        let mut expected: Vec<String> = (1..=UNBOUNDED_MESSAGES)
            .map(|i| format!("{thread_id}: sent Message {i}"))
            .collect();
        expected.push(format!("{thread_id}: done"));
        assert_eq!(
            sender, expected,
            "the sender's lines do not all come, in order, before the first got:\n{output}"
        );

        // After it: every message received once, in the order sent.
        let expected: Vec<String> = (1..=UNBOUNDED_MESSAGES)
            .map(|i| format!("Main: got Message {i}"))
            .collect();
        assert_eq!(main, expected, "{output}");
    }
}

#[test]
fn each_section_finishes_its_threads_before_the_next_starts() {
    // Run order is --list order: xtask/tests checks that for every crate.
    let all = stdout_of(&[]);
    let lines: Vec<String> = all.lines().map(str::to_owned).collect();
    // Each section joins its threads before the next starts: its last line stands
    // right before the next header, and the last section's line ends the output.
    for (last, next) in [
        ("Received: Ok(30)", Some("many-producers")),
        (
            "Main: the loop ended after 12 messages: every Sender is gone",
            Some("disconnection"),
        ),
        (
            "The value came back: \"an undelivered letter\"",
            Some("unbounded"),
        ),
        ("Main: got Message 9", None),
    ] {
        let after = lines.get(position(&lines, last) + 1);
        match next {
            Some(next) => assert!(
                after.is_some_and(|line| line.starts_with(&format!("=== {next}: "))),
                "`{last}` is not right before the header of `{next}`:\n{all}"
            ),
            None => assert_eq!(after, None, "`{last}` does not end the output:\n{all}"),
        }
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
