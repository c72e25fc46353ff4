//! Tests of the `channels` binary's real output. Each asserts only what holds under
//! every interleaving; racy sections run `EXAMPLE_RUNS` times (default 5).

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use std::time::Duration;

/// Far more than any section needs: a deadlock fails the test instead of hanging it.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The program's `PRODUCERS` and `MESSAGES` in `many-producers`.
const PRODUCERS: usize = 3;
const MESSAGES: usize = 4;

/// The program's `UNBOUNDED_MESSAGES`: the notes' `1..10`.
const UNBOUNDED_MESSAGES: usize = 9;

/// How many times a racy section runs per test; raise it for a soak.
fn runs() -> usize {
    std::env::var("EXAMPLE_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5)
}

/// Runs one section, checks it succeeded, and returns its stdout lines after the header.
fn section(name: &str) -> Vec<String> {
    let assert = cargo_bin_cmd!("channels")
        .arg(name)
        .timeout(TIMEOUT)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let mut lines = stdout.lines().map(str::to_owned);
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with(&format!("=== {name}: ")) && header.ends_with(" ==="),
        "the first line should be the header of `{name}`:\n{stdout}"
    );
    lines.collect()
}

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
fn every_section_runs_in_teaching_order_and_finishes_before_the_next() {
    let list = cargo_bin_cmd!("channels")
        .arg("--list")
        .timeout(TIMEOUT)
        .assert()
        .success();
    let list = String::from_utf8_lossy(&list.get_output().stdout).into_owned();
    let names: Vec<&str> = list
        .lines()
        .map(|line| line.split("  ").next().unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        [
            "notes-example",
            "many-producers",
            "disconnection",
            "unbounded"
        ],
        "{list}"
    );

    let all = cargo_bin_cmd!("channels")
        .timeout(TIMEOUT)
        .assert()
        .success();
    let all = String::from_utf8_lossy(&all.get_output().stdout).into_owned();
    let headers: Vec<&str> = all
        .lines()
        .filter_map(|line| line.strip_prefix("=== "))
        .map(|rest| rest.split(':').next().unwrap_or_default())
        .collect();
    assert_eq!(headers, names, "{all}");
    // Each section joins its threads before the next starts: its last line stands
    // right before the next header, and the last section's line ends the output.
    for (last, next) in [
        ("Received: Ok(30)", "=== many-producers"),
        (
            "Main: the loop ended after 12 messages: every Sender is gone",
            "=== disconnection",
        ),
        (
            "The value came back: \"an undelivered letter\"",
            "=== unbounded",
        ),
    ] {
        assert!(all.contains(&format!("{last}\n{next}")), "{all}");
    }
    assert!(all.ends_with("Main: got Message 9\n"), "{all}");
}

#[test]
fn help_prints_usage_and_every_section() {
    for flag in ["-h", "--help"] {
        let assert = cargo_bin_cmd!("channels")
            .arg(flag)
            .timeout(TIMEOUT)
            .assert()
            .success()
            .stderr("")
            .stdout(predicate::str::starts_with("Usage: channels [SECTION]"));
        let help = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        for name in [
            "notes-example",
            "many-producers",
            "disconnection",
            "unbounded",
        ] {
            assert!(
                help.contains(name),
                "{flag} does not name `{name}`:\n{help}"
            );
        }
    }
}

#[test]
fn wrong_arguments_exit_with_usage_and_code_2() {
    for args in [&["nope"][..], &["--bogus"], &["notes-example", "unbounded"]] {
        cargo_bin_cmd!("channels")
            .args(args)
            .timeout(TIMEOUT)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with("error: "))
            .stderr(predicate::str::contains("Usage: channels [SECTION]"))
            .stderr(predicate::str::contains("panicked").not());
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
