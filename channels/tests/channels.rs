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
        ("Main: got Message 9", Some("worker-pool")),
        ("Main: 8 pages visited, 5 broken links", None),
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

/// The pages of worker_pool.rs's `SITE`: each must be visited exactly once.
const PAGES: &[&str] = &[
    "/",
    "/sitemap",
    "/about",
    "/team",
    "/contact",
    "/blog",
    "/blog/hello",
    "/blog/threads",
];

/// The pages `SITE` links to but does not list: each is fetched once and not found.
const NOT_FOUND: &[&str] = &["/shop", "/jobs", "/blog/drafts", "/map"];

/// Every link in `SITE` to a page in `NOT_FOUND`, in the order printed (sorted).
const BROKEN_LINKS: &[&str] = &[
    "broken link: / -> /shop",
    "broken link: /blog -> /blog/drafts",
    "broken link: /contact -> /map",
    "broken link: /sitemap -> /jobs",
    "broken link: /team -> /jobs",
];

/// Main's line after `drop(pool)` has joined every worker.
const CRAWL_OVER: &str = "Main: the crawl is over and every worker has returned";

/// One run of `worker-pool`, parsed: the lines before `CRAWL_OVER`, as (worker, page)
/// for `visited` and `not found`, and the lines after it.
struct Crawl {
    visited: Vec<(String, String)>,
    not_found: Vec<(String, String)>,
    after: Vec<String>,
    output: String,
}

fn crawl() -> Crawl {
    let lines = section("worker-pool");
    let output = lines.join("\n");
    let over = position(&lines, CRAWL_OVER);
    let mut crawl = Crawl {
        visited: Vec::new(),
        not_found: Vec::new(),
        after: lines[over + 1..].to_vec(),
        output: output.clone(),
    };
    for line in &lines[..over] {
        let (worker, what) = line
            .split_once(": ")
            .filter(|(worker, _)| worker.starts_with("ThreadId("))
            .unwrap_or_else(|| panic!("unexpected line `{line}` during the crawl:\n{output}"));
        let worker = worker.to_owned();
        if let Some(page) = what.strip_prefix("visited ") {
            crawl.visited.push((worker, page.to_owned()));
        } else if let Some(page) = what.strip_suffix(" not found") {
            crawl.not_found.push((worker, page.to_owned()));
        } else {
            panic!("unexpected line `{line}` during the crawl:\n{output}");
        }
    }
    crawl
}

/// `pages` sorted, to compare as a multiset.
fn sorted(pages: impl IntoIterator<Item = impl Into<String>>) -> Vec<String> {
    let mut pages: Vec<String> = pages.into_iter().map(Into::into).collect();
    pages.sort();
    pages
}

#[test]
fn the_worker_pool_visits_every_page_exactly_once_and_ends() {
    for _ in 0..runs() {
        // `section` fails if the program does not end within its timeout, so each
        // run also checks that the crawl ends and the pool shuts down.
        let crawl = crawl();
        let output = &crawl.output;
        // Compared as sorted lists, so a page visited twice or never fails, and so
        // does a missing page fetched twice or never.
        assert_eq!(
            sorted(crawl.visited.iter().map(|(_, page)| page.as_str())),
            sorted(PAGES.iter().copied()),
            "not every page was visited exactly once:\n{output}"
        );
        assert_eq!(
            sorted(crawl.not_found.iter().map(|(_, page)| page.as_str())),
            sorted(NOT_FOUND.iter().copied()),
            "not every missing page was fetched exactly once:\n{output}"
        );
    }
}

#[test]
fn the_worker_pool_reports_exactly_the_broken_links_once_each() {
    for _ in 0..runs() {
        let crawl = crawl();
        // After the crawl (and the join of every worker), main prints only what it
        // computed from the reports: the broken links, sorted, then the totals.
        let mut expected: Vec<String> = BROKEN_LINKS.iter().map(|&l| l.to_owned()).collect();
        expected.push(format!(
            "Main: {} pages visited, {} broken links",
            PAGES.len(),
            BROKEN_LINKS.len()
        ));
        assert_eq!(crawl.after, expected, "{}", crawl.output);
    }
}

#[test]
fn more_than_one_worker_runs_the_pools_jobs() {
    for _ in 0..runs() {
        let crawl = crawl();
        let output = &crawl.output;
        let worker_of = |wanted: &str| -> &str {
            let workers: Vec<&str> = crawl
                .visited
                .iter()
                .filter(|(_, page)| page == wanted)
                .map(|(worker, _)| worker.as_str())
                .collect();
            assert_eq!(workers.len(), 1, "`{wanted}` not visited once:\n{output}");
            workers[0]
        };
        // The two start pages' fetches wait for each other (the Barrier in `fetch`),
        // so one worker cannot have run both: it would wait forever for itself.
        // This holds only if a worker releases the queue's lock before it runs its
        // job; were the lock held (`while let`), this run would hang and time out.
        assert_ne!(
            worker_of("/"),
            worker_of("/sitemap"),
            "one worker ran both start pages:\n{output}"
        );
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
