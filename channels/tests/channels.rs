//! Tests of the `channels` binary's real output. Each checker asserts what holds under
//! every interleaving; racy sections run `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

use std::collections::BTreeSet;

/// Every section in `--list` order with its checker.
const CHECKS: &Checks = &[
    ("notes-example", notes_example_is_right),
    ("many-producers", many_producers_are_right),
    ("disconnection", disconnection_is_right),
    ("unbounded", unbounded_is_right),
    ("stop-a-worker", stop_a_worker_is_right),
    ("empty-or-closed", empty_or_closed_is_right),
    ("join-with-deadline", join_with_deadline_is_right),
    ("reply-channel", reply_channel_is_right),
    ("worker-pool", worker_pool_is_right),
];

fn notes_example_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "tx sent 10, then 20",
            "Received: Ok(10)",
            "Received: Ok(20)",
            "tx2, a clone of tx, sent 30",
            "Received: Ok(30)",
        ]
    );
}

#[test]
fn the_notes_example_receives_10_and_20_then_30_from_the_cloned_sender() {
    check(CHECKS, "notes-example");
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
        )
    );
    // Each list must be exactly 1..=MESSAGES: a lost, repeated or reordered message fails.
    let mut by_producer = vec![Vec::new(); PRODUCERS];
    for line in received {
        let (message, producer) = line
            .strip_prefix("Main: got message ")
            .and_then(|rest| rest.split_once(" from producer "))
            .and_then(|(m, p)| Some((m.parse::<usize>().ok()?, p.parse::<usize>().ok()?)))
            .filter(|(_, p)| (1..=PRODUCERS).contains(p))
            .unwrap_or_else(|| panic!("unexpected line `{line}`"));
        by_producer[producer - 1].push(message);
    }
    let sent: Vec<usize> = (1..=MESSAGES).collect();
    assert!(
        by_producer.iter().all(|messages| *messages == sent),
        "a producer's messages are missing or out of order"
    );
}

#[test]
fn every_producers_messages_arrive_exactly_once_and_in_the_order_sent() {
    check_runs(CHECKS, "many-producers");
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
    check(CHECKS, "disconnection");
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
        .unwrap_or_else(|| panic!("the sender does not speak first"));
    let mut expected: Vec<String> = (1..=UNBOUNDED)
        .map(|i| format!("{id}: sent Message {i}"))
        .collect();
    expected.push(format!("{id}: done"));
    expected.push(format!(
        "Main: joined the sender before receiving: all {UNBOUNDED} sends returned with \
         nobody receiving"
    ));
    expected.extend((1..=UNBOUNDED).map(|i| format!("Main: got Message {i}")));
    assert_eq!(lines, expected);
}

#[test]
fn the_unbounded_sender_finishes_every_send_before_main_receives_anything() {
    check_runs(CHECKS, "unbounded");
}

fn stop_a_worker_is_right(lines: &[String]) {
    // Channels and joins order every line: the whole output is certain.
    assert_eq!(
        lines,
        [
            "Worker: waiting in recv",
            "Worker: did job 1",
            "Worker: waiting in recv",
            "Main: stop flag set; main's recv_timeout, 20ms for the worker's next \
             \"waiting in recv\", gives Err(Timeout): the worker is still in recv",
            "Main: dropping the last Sender",
            "Main: the worker stopped because recv returned Err(RecvError)",
        ]
    );
}

#[test]
fn a_worker_blocked_in_recv_stops_on_the_last_sender_not_on_the_flag() {
    check_runs(CHECKS, "stop-a-worker");
}

fn empty_or_closed_is_right(lines: &[String]) {
    assert_eq!(
        lines,
        [
            "try_recv, a Sender alive: Err(Empty)",
            "recv_timeout(10ms), a Sender alive: Err(Timeout)",
            "try_recv, no Sender left: Ok(7)",
            "try_recv, no Sender left: Err(Disconnected)",
            "recv_timeout(60s), no Sender left: Err(Disconnected)",
        ]
    );
}

#[test]
fn try_recv_and_recv_timeout_wait_while_a_sender_lives_and_fail_at_once_when_none_does() {
    check(CHECKS, "empty-or-closed");
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
    check_runs(CHECKS, "join-with-deadline");
}

/// The `CLIENTS` of reply_channel.rs.
const CLIENTS: u64 = 4;

fn reply_channel_is_right(lines: &[String]) {
    let (last, replies) = lines.split_last().expect("reply-channel printed nothing");
    assert_eq!(
        *last,
        format!("server: answered {CLIENTS} requests, then its inbox closed")
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
            panic!("unexpected line `{line}`");
        };
        assert_eq!(answer, question * question);
        assert!(clients.insert(client), "client {client} answered twice");
        assert!(
            questions.insert(question),
            "question {question} asked twice"
        );
    }
    assert_eq!(clients, (1..=CLIENTS).collect());
}

#[test]
fn each_client_gets_the_answer_to_its_own_question() {
    check_runs(CHECKS, "reply-channel");
}

/// The `JOBS` and `PANICKING_JOB` of worker_pool.rs.
const JOBS: usize = 8;
const PANICKING_JOB: usize = 3;

fn worker_pool_is_right(lines: &[String]) {
    let size: usize = lines
        .first()
        .and_then(|line| line.strip_prefix("Main: starting a pool of size "))
        .and_then(|size| size.parse().ok())
        .unwrap_or_else(|| panic!("no pool size first"));
    let (last, rest) = lines[1..].split_last().expect("no summary last");
    // `Main: joined ThreadId(<n>), thread 'worker <id>'`: which thread each worker is.
    let joined: Vec<&String> = rest
        .iter()
        .filter(|line| line.starts_with("Main: joined "))
        .collect();
    let thread_ids: Vec<&str> = (1..=size)
        .map(|id| {
            let suffix = format!(", thread 'worker {id}'");
            let line = joined
                .get(id - 1)
                .unwrap_or_else(|| panic!("worker {id} not joined"));
            line.strip_prefix("Main: joined ")
                .and_then(|rest| rest.strip_suffix(&suffix))
                .filter(|id| id.starts_with("ThreadId("))
                .unwrap_or_else(|| panic!("worker {id} joined out of order: `{line}`"))
        })
        .collect();
    let (mut done, mut caught) = (Vec::<usize>::new(), 0);
    for (i, line) in rest.iter().enumerate() {
        if line.starts_with("Main: joined ") {
            continue;
        }
        let (thread_id, what) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("unexpected line `{line}`"));
        let worker = thread_ids
            .iter()
            .position(|id| *id == thread_id)
            .unwrap_or_else(|| panic!("`{line}` is from no worker of the pool"));
        // The pool's drop joins a worker only once it has ended: after its last line.
        let join = position(rest, joined[worker]);
        assert!(i < join, "`{line}` came after its worker was joined");
        if what == format!("caught job {PANICKING_JOB}'s panic; on to the next job") {
            caught += 1;
        } else {
            let job = what
                .strip_prefix("did job ")
                .and_then(|job| job.parse().ok());
            done.push(job.unwrap_or_else(|| panic!("unexpected line `{line}`")));
        }
    }
    // Each job once, but the one that panicked, whose panic a worker caught.
    done.sort();
    let expected: Vec<usize> = (1..=JOBS).filter(|&job| job != PANICKING_JOB).collect();
    assert_eq!(done, expected);
    assert_eq!(caught, 1, "one job panicked");
    // Every worker joined once, in the order started (the ids above), each a thread of
    // its own.
    assert_eq!(joined.len(), size, "one join a worker");
    let mut distinct = thread_ids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), size, "each worker its own thread");
    assert_eq!(*last, format!("Main: jobs done: {expected:?}"));
}

#[test]
fn the_pool_survives_a_panicking_job_runs_every_job_once_and_joins_every_worker() {
    for _ in 0..runs() {
        let run = check(CHECKS, "worker-pool");
        let panic = format!("job {PANICKING_JOB} panics, as a job with a bug may");
        assert!(
            run.stderr.contains(&panic),
            "the job's panic message is not on stderr"
        );
        // `Main: jobs taken per worker: worker 1: <n>, worker 2: <m>`, every job once,
        // the panicking one too.
        let taken: Vec<usize> = run
            .stderr
            .lines()
            .find_map(|line| line.strip_prefix("Main: jobs taken per worker: "))
            .unwrap_or_else(|| panic!("no jobs per worker on stderr"))
            .split(", ")
            .enumerate()
            .map(|(i, worker)| {
                worker
                    .strip_prefix(&format!("worker {}: ", i + 1))
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("not `worker {}: <jobs>`: `{worker}`", i + 1))
            })
            .collect();
        // Each count is the number of that worker's lines on stdout, one a job.
        let joined: Vec<&str> = run
            .lines
            .iter()
            .filter_map(|line| line.strip_prefix("Main: joined "))
            .filter_map(|line| line.split_once(", ").map(|(thread_id, _)| thread_id))
            .collect();
        assert_eq!(taken.len(), joined.len(), "not one count a worker");
        for (worker, (thread_id, jobs)) in joined.iter().zip(&taken).enumerate() {
            let prefix = format!("{thread_id}: ");
            let lines = run.lines.iter().filter(|l| l.starts_with(&prefix)).count();
            assert_eq!(lines, *jobs, "worker {}'s count of jobs", worker + 1);
        }
        assert_eq!(
            taken.iter().sum::<usize>(),
            JOBS,
            "a job taken twice or never"
        );
    }
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
