//! Tests of the `channels` binary's real output, each run checked against
//! `guarantees.txt` (its lines, their threads, the orderings every run keeps); racy
//! sections run `runs()` times.

#[path = "../../common/tests.rs"]
mod common;
use common::*;

/// What the data does not say of a section's lines.
const CHECKS: &Checks = &[(
    "worker-pool",
    workers_are_joined_in_order_each_its_own_thread,
)];

/// The `JOBS` and `PANICKING_JOB` of worker_pool.rs.
const JOBS: usize = 8;
const PANICKING_JOB: usize = 3;

/// `Main: joined ThreadId(<n>), thread 'worker <id>'`, once a worker of the pool's size,
/// in the order started, each worker a thread of its own, and every job's line from one
/// of them.
fn workers_are_joined_in_order_each_its_own_thread(lines: &[String]) {
    let size: usize = lines
        .first()
        .and_then(|line| line.strip_prefix("Main: starting a pool of size "))
        .and_then(|size| size.parse().ok())
        .unwrap_or_else(|| panic!("no pool size first"));
    let mut thread_ids: Vec<&str> = lines
        .iter()
        .filter_map(|line| line.strip_prefix("Main: joined "))
        .enumerate()
        .map(|(i, rest)| {
            rest.strip_suffix(&format!(", thread 'worker {}'", i + 1))
                .unwrap_or_else(|| panic!("worker {} joined out of order: `{rest}`", i + 1))
        })
        .collect();
    assert_eq!(thread_ids.len(), size, "one join a worker");
    // A job's line is a joined worker's: the data orders each before its worker's join.
    for line in lines.iter().filter(|line| line.starts_with("ThreadId(")) {
        let (id, _) = line.split_once(": ").unwrap_or_default();
        assert!(
            thread_ids.contains(&id),
            "`{line}` is from no worker of the pool"
        );
    }
    thread_ids.sort();
    thread_ids.dedup();
    assert_eq!(thread_ids.len(), size, "each worker its own thread");
}

#[test]
fn the_notes_example_receives_10_and_20_then_30_from_the_cloned_sender() {
    check(CHECKS, "notes-example");
}

#[test]
fn every_producers_messages_arrive_exactly_once_and_in_the_order_sent() {
    check_runs(CHECKS, "many-producers");
}

#[test]
fn recv_fails_after_the_last_value_and_send_fails_handing_the_value_back() {
    check(CHECKS, "disconnection");
}

#[test]
fn the_unbounded_sender_finishes_every_send_before_main_receives_anything() {
    check_runs(CHECKS, "unbounded");
}

#[test]
fn a_worker_blocked_in_recv_stops_on_the_last_sender_not_on_the_flag() {
    check_runs(CHECKS, "stop-a-worker");
}

#[test]
fn try_recv_and_recv_timeout_wait_while_a_sender_lives_and_fail_at_once_when_none_does() {
    check(CHECKS, "empty-or-closed");
}

#[test]
fn a_thread_is_joined_within_its_deadline_or_reported_and_joined_later() {
    check_runs(CHECKS, "join-with-deadline");
}

#[test]
fn each_client_gets_the_answer_to_its_own_question() {
    check_runs(CHECKS, "reply-channel");
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
