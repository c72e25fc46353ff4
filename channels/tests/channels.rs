//! Tests of the `channels` binary's real output. Each checker asserts what holds under
//! every interleaving; racy sections run `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

use std::collections::BTreeSet;

fn notes_example_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        ["Received: Ok(10)", "Received: Ok(20)", "Received: Ok(30)"]
    );
}

#[test]
fn the_notes_example_receives_10_and_20_then_30_from_the_cloned_sender() {
    notes_example_is_right(&section("notes-example").lines);
}

/// The `PRODUCERS` and `MESSAGES` of many_producers.rs.
const PRODUCERS: usize = 3;
const MESSAGES: usize = 4;

fn many_producers_are_right(lines: &[String]) {
    let (last, received) = lines.split_last().expect("many-producers printed nothing");
    assert_eq!(
        *last,
        format!(
            "Main: the loop ended after {} messages: every Sender is gone",
            PRODUCERS * MESSAGES
        ),
        "{}",
        show(lines)
    );
    // Each list must be exactly 1..=MESSAGES: a lost, repeated or reordered message fails.
    let mut by_producer = vec![Vec::new(); PRODUCERS];
    for line in received {
        let (message, producer) = line
            .strip_prefix("Main: got message ")
            .and_then(|rest| rest.split_once(" from producer "))
            .and_then(|(m, p)| Some((m.parse::<usize>().ok()?, p.parse::<usize>().ok()?)))
            .filter(|(_, p)| (1..=PRODUCERS).contains(p))
            .unwrap_or_else(|| panic!("unexpected line `{line}` in:\n{}", show(lines)));
        by_producer[producer - 1].push(message);
    }
    let sent: Vec<usize> = (1..=MESSAGES).collect();
    assert!(
        by_producer.iter().all(|messages| *messages == sent),
        "a producer's messages are missing or out of order:\n{}",
        show(lines)
    );
}

#[test]
fn every_producers_messages_arrive_exactly_once_and_in_the_order_sent() {
    for _ in 0..runs() {
        many_producers_are_right(&section("many-producers").lines);
    }
}

fn disconnection_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "Received: Ok(1)",
            "Received: Err(RecvError)",
            "Sent: Err(SendError { .. })",
            "The value came back: \"an undelivered letter\"",
        ]
    );
}

#[test]
fn recv_fails_after_the_last_value_and_send_fails_handing_the_value_back() {
    disconnection_is_right(&section("disconnection").lines);
}

/// The `MESSAGES` of unbounded.rs: the notes' `1..10`.
const UNBOUNDED: usize = 9;

fn unbounded_is_right(lines: &[String]) {
    // Its whole output is ordered: the sender is joined before main receives.
    let id = lines
        .first()
        .and_then(|line| line.split_once(": "))
        .map(|(id, _)| id)
        .filter(|id| id.starts_with("ThreadId("))
        .unwrap_or_else(|| panic!("the sender does not speak first:\n{}", show(lines)));
    let mut expected: Vec<String> = (1..=UNBOUNDED)
        .map(|i| format!("{id}: sent Message {i}"))
        .collect();
    expected.push(format!("{id}: done"));
    expected.extend((1..=UNBOUNDED).map(|i| format!("Main: got Message {i}")));
    assert_eq!(lines, expected);
}

#[test]
fn the_unbounded_sender_finishes_every_send_before_main_receives_anything() {
    for _ in 0..runs() {
        unbounded_is_right(&section("unbounded").lines);
    }
}

fn stop_a_worker_is_right(lines: &[String]) {
    // Channels and joins order every line: the whole output is certain.
    assert_eq!(
        lines,
        [
            "Worker: waiting in recv",
            "Worker: did job 1",
            "Worker: waiting in recv",
            "Main: stop flag set; is_finished: false",
            "Main: dropping the last Sender",
            "Main: the worker stopped because recv returned Err(RecvError)",
            "recv_timeout(10ms), a Sender alive: Err(Timeout)",
            "recv_timeout(60s), no Sender left: Ok(7)",
            "recv_timeout(60s), no Sender left: Err(Disconnected)",
            "Poller: try_recv returned Err(Empty): other work meanwhile",
            "Poller: did job 1",
            "Poller: did job 2",
            "Poller: did job 3",
            "Poller: try_recv returned Err(Disconnected): stopping",
        ]
    );
}

#[test]
fn a_worker_blocked_in_recv_stops_on_the_last_sender_not_on_the_flag() {
    for _ in 0..runs() {
        stop_a_worker_is_right(&section("stop-a-worker").lines);
    }
}

fn join_with_deadline_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "quick job: joined within 10s; it returned 5050",
            "slow job: still running after its 20ms deadline",
            "slow job: released, then joined; it returned \"the slow job's result\"",
        ]
    );
}

#[test]
fn a_thread_is_joined_within_its_deadline_or_reported_and_joined_later() {
    for _ in 0..runs() {
        join_with_deadline_is_right(&section("join-with-deadline").lines);
    }
}

/// The `CLIENTS` of reply_channel.rs.
const CLIENTS: u64 = 4;

fn reply_channel_is_right(lines: &[String]) {
    let (last, replies) = lines.split_last().expect("reply-channel printed nothing");
    assert_eq!(
        *last,
        format!("server: answered {CLIENTS} requests, then its inbox closed"),
        "{}",
        show(lines)
    );
    let mut clients = BTreeSet::new();
    let mut questions = BTreeSet::new();
    for line in replies {
        let parsed = line.strip_prefix("client ").and_then(|rest| {
            let (client, rest) = rest.split_once(": asked for ")?;
            let (question, answer) = rest.split_once(" squared, got ")?;
            let number = |text: &str| text.parse::<u64>().ok();
            Some((number(client)?, number(question)?, number(answer)?))
        });
        let Some((client, question, answer)) = parsed else {
            panic!("unexpected line `{line}` in:\n{}", show(lines));
        };
        assert_eq!(answer, question * question, "{}", show(lines));
        assert!(
            clients.insert(client) && questions.insert(question),
            "{}",
            show(lines)
        );
    }
    assert_eq!(clients, (1..=CLIENTS).collect(), "{}", show(lines));
}

#[test]
fn each_client_gets_the_answer_to_its_own_question() {
    for _ in 0..runs() {
        reply_channel_is_right(&section("reply-channel").lines);
    }
}

/// worker_pool.rs's `SITE`: the pages that parse, the page cut off mid-link, and the
/// pages it links to but does not list.
const VISITED: &[&str] = &[
    "/",
    "/about",
    "/blog",
    "/blog/hello",
    "/contact",
    "/sitemap",
    "/team",
];
const FAILED: &str = "/blog/archive";
const NOT_FOUND: &[&str] = &["/blog/drafts", "/jobs", "/map", "/shop"];

/// Every link to a page in `NOT_FOUND`, sorted, then the failed page and the totals.
const SUMMARY: &[&str] = &[
    "broken link: / -> /shop",
    "broken link: /blog -> /blog/drafts",
    "broken link: /contact -> /map",
    "broken link: /sitemap -> /jobs",
    "broken link: /team -> /jobs",
    "failed page: /blog/archive",
    "Main: 7 pages visited, 1 failed, 5 broken links",
];

fn worker_pool_is_right(lines: &[String]) {
    let output = show(lines);
    let workers: usize = lines
        .first()
        .and_then(|line| line.strip_prefix("Main: "))
        .and_then(|rest| rest.strip_suffix(" worker(s) in the pool")?.parse().ok())
        .unwrap_or_else(|| panic!("no worker count first:\n{output}"));
    let crawl_end = lines
        .iter()
        .position(|line| line.starts_with("Main: joined "))
        .unwrap_or_else(|| panic!("no worker was joined:\n{output}"));
    let (crawl, rest) = lines[1..].split_at(crawl_end - 1);
    let (joined, summary) = rest.split_at(workers.min(rest.len()));

    // Each page once: a page fetched twice or never fails the comparison.
    let (mut visited, mut not_found, mut failed) = (Vec::new(), Vec::new(), Vec::new());
    let mut crawlers = BTreeSet::new();
    for line in crawl {
        let (worker, what) = line
            .split_once(": ")
            .filter(|(worker, _)| worker.starts_with("ThreadId("))
            .unwrap_or_else(|| panic!("unexpected line `{line}` in:\n{output}"));
        crawlers.insert(worker);
        if let Some(page) = what.strip_prefix("visited ") {
            visited.push(page);
        } else if let Some(page) = what.strip_suffix(" not found") {
            not_found.push(page);
        } else if let Some(page) = what.strip_suffix(" failed: parsing it panicked") {
            failed.push(page);
        } else {
            panic!("unexpected line `{line}` in:\n{output}");
        }
    }
    visited.sort();
    not_found.sort();
    assert_eq!(visited, VISITED, "{output}");
    assert_eq!(not_found, NOT_FOUND, "{output}");
    assert_eq!(failed, [FAILED], "{output}");

    // Every worker started is joined, once each, and did every job reported.
    let joined: BTreeSet<&str> = joined
        .iter()
        .filter_map(|line| line.strip_prefix("Main: joined "))
        .collect();
    assert_eq!(
        joined.len(),
        workers,
        "not every worker was joined:\n{output}"
    );
    assert!(crawlers.is_subset(&joined), "{output}");
    assert_eq!(summary, SUMMARY, "{output}");
}

#[test]
fn the_pool_survives_a_page_that_panics_visits_every_page_once_and_joins_every_worker() {
    for _ in 0..runs() {
        let run = section("worker-pool");
        worker_pool_is_right(&run.lines);
        assert!(
            run.stderr.contains("a link ends at its closing quote"),
            "the parser's panic message is not on stderr:\n{}",
            run.stderr
        );
    }
}

#[test]
fn each_section_ends_before_the_next_starts() {
    each_section_ends_before_the_next(&[
        ("notes-example", notes_example_is_right),
        ("many-producers", many_producers_are_right),
        ("disconnection", disconnection_is_right),
        ("unbounded", unbounded_is_right),
        ("stop-a-worker", stop_a_worker_is_right),
        ("join-with-deadline", join_with_deadline_is_right),
        ("reply-channel", reply_channel_is_right),
        ("worker-pool", worker_pool_is_right),
    ]);
}

#[allow(dead_code)] // its `main` is for `cargo bench`
#[path = "../benches/costs.rs"]
mod costs;

#[test]
fn every_benchmark_runs() {
    costs::measure(false);
}
