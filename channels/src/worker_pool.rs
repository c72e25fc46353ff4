//! A worker pool with a clean shutdown: an offline link checker. A fixed pool of
//! worker threads shares one job queue, an `Arc<Mutex<Receiver<Job>>>`; each job is
//! a page to fetch, and each worker sends what it found back to main on a second
//! channel. Main crawls the site: it queues every link it has not seen yet and keeps
//! a count of the jobs still pending, so it knows the crawl is over when the count
//! reaches zero. Then dropping the pool drops its `Sender`, which ends every
//! worker's loop, and joins every worker (in `Drop`, as the Rust Book's pool does).
//!
//! The site is a table in memory: `SITE` lists each page and its links, and a link
//! to a page the table does not list is broken. Only that is offline; the pool, the
//! crawl and the shutdown are what a real checker needs. One piece is not, and is
//! marked in `fetch`: a real fetch waits on the network, while this one is a table
//! lookup that takes a microsecond, so one worker could crawl the whole site before
//! another even woke up. So that several workers certainly run jobs side by side
//! (and the tests can check it), the two start pages' fetches wait for each other.
//! Leave that `Barrier` out when you copy this file.
//!
//! What to notice: each page is visited once, by whichever worker was free, and the
//! two start pages by two different workers; the order differs from run to run.
//! Every broken link is listed once, with the page it is on.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::num::NonZeroUsize;
use std::panic;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Barrier, Mutex};
use std::thread::{self, JoinHandle, ThreadId};

/// The site: each page, and the pages it links to. A link to a page that is not
/// listed here is broken.
const SITE: &[(&str, &[&str])] = &[
    ("/", &["/about", "/blog", "/shop"]),
    ("/sitemap", &["/", "/about", "/blog", "/contact", "/jobs"]),
    ("/about", &["/", "/team", "/contact"]),
    ("/team", &["/about", "/jobs"]),
    ("/contact", &["/", "/map"]),
    ("/blog", &["/blog/hello", "/blog/threads", "/blog/drafts"]),
    ("/blog/hello", &["/blog", "/blog/threads"]),
    ("/blog/threads", &["/blog", "/blog/hello"]),
];

/// Where the crawl starts, as a link checker given a home page and a sitemap does.
const START_PAGES: &[&str] = &["/", "/sitemap"];

/// The fewest workers: a pool of one would be no pool (and the start pages' fetches,
/// which wait for each other, need two).
const MIN_WORKERS: usize = 2;

/// The most workers, however many cores there are: each is a thread with a stack of
/// its own, and for a site this small more would only cost memory.
const MAX_WORKERS: usize = 8;

/// A job: the address of one page to fetch.
type Job = &'static str;

/// What a worker found at one address, sent back to main.
struct Report {
    page: &'static str,
    worker: ThreadId,
    fetched: Fetched,
}

/// The outcome of one fetch.
enum Fetched {
    /// The page exists, and these are its links.
    Page(&'static [&'static str]),
    /// No such page: every link to it is broken.
    NotFound,
    /// Fetching it panicked (a bug in the checker): the crawl goes on without it.
    Panicked,
}

/// Demonstration scaffolding (see the `//!` above): the start pages' fetches meet here.
static START_PAGES_MEET: Barrier = Barrier::new(START_PAGES.len());

/// Fetches a page: offline, looks it up in `SITE`.
fn fetch(page: &str) -> Option<&'static [&'static str]> {
    // Scaffolding: neither start page is fetched until a second worker has taken
    // the other, so the pool certainly runs two jobs at once. Main queues each page
    // once, so the barrier is passed once.
    if START_PAGES.contains(&page) {
        START_PAGES_MEET.wait();
    }
    SITE.iter()
        .find(|(listed, _)| *listed == page)
        .map(|(_, links)| *links)
}

/// A fixed number of worker threads taking jobs from one queue.
struct Pool {
    /// The queue's only `Sender`: `None` once `Drop` has closed the queue.
    jobs: Option<Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl Pool {
    /// Starts `size` workers, each sending a `Report` on `reports` for every job.
    fn new(size: usize, reports: Sender<Report>) -> Pool {
        let (jobs, queue) = mpsc::channel();
        // One Receiver for all the workers: the Mutex lets one of them at a time
        // take the next job, the Arc lets them all own it.
        let queue = Arc::new(Mutex::new(queue));
        let workers = (0..size)
            .map(|_| {
                let queue = Arc::clone(&queue);
                let reports = reports.clone();
                // Each worker runs until the queue is closed and empty.
                thread::spawn(move || work(&queue, &reports))
            })
            .collect();
        // The pool keeps no Sender of reports (`reports` is dropped here): if every
        // worker were gone, main's `recv` would fail instead of waiting forever.
        Pool {
            jobs: Some(jobs),
            workers,
        }
    }

    /// Queues a page for the first free worker.
    fn submit(&self, page: Job) {
        let jobs = self.jobs.as_ref().expect("the queue is open until Drop");
        // Fails only if every worker has stopped, and a worker stops only when the
        // queue is closed or main has dropped the Receiver of reports.
        jobs.send(page)
            .expect("the workers run until the pool is dropped");
    }
}

/// One worker's loop: take a job, do it, report it; stop when the queue closes.
fn work(queue: &Mutex<Receiver<Job>>, reports: &Sender<Report>) {
    loop {
        // `let`, not `while let`: the guard is a temporary of this statement, so the
        // lock is released at the `;`, before the job runs, and the other workers can
        // take jobs meanwhile. In `while let Ok(page) = queue.lock()...recv()` the
        // guard would live through the whole body, and the pool would run one job at
        // a time (see `mutex/src/guard_lifetimes.rs` and `worker_pool_stall.rs`
        // there); here it would hang, as a start page's job waited for the other.
        // Nothing panics while holding this lock, so it cannot be poisoned.
        let job = queue
            .lock()
            .expect("the queue's lock is not poisoned")
            .recv();
        // `recv` fails once the pool has dropped its Sender and the queue is empty.
        let Ok(page) = job else { return };
        // A panic in one job must not kill the worker: main would wait forever for
        // that job's report. Catch it and report it instead.
        let fetched = match panic::catch_unwind(|| fetch(page)) {
            Ok(Some(links)) => Fetched::Page(links),
            Ok(None) => Fetched::NotFound,
            Err(_) => Fetched::Panicked,
        };
        let report = Report {
            page,
            worker: thread::current().id(),
            fetched,
        };
        // Fails only if main is gone (it returned or panicked): nobody is left to
        // read reports, so stop.
        if reports.send(report).is_err() {
            return;
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // Dropping the only Sender closes the queue: each worker finishes the jobs
        // already queued, then its `recv` fails and it returns.
        drop(self.jobs.take());
        for worker in self.workers.drain(..) {
            // Wait for every worker, so that no thread outlives the pool. A job's
            // panic is caught in `work`, so this is only a bug in the pool itself.
            worker.join().expect("a worker thread panicked");
        }
    }
}

pub fn main() {
    // One worker per core (if the count is unknown, the fewest), within the limits.
    let workers = thread::available_parallelism()
        .map_or(MIN_WORKERS, NonZeroUsize::get)
        .clamp(MIN_WORKERS, MAX_WORKERS);
    let (report_sender, reports) = mpsc::channel();
    let pool = Pool::new(workers, report_sender);

    // Every page queued so far, so that none is fetched twice.
    let mut seen: HashSet<&str> = HashSet::new();
    // Jobs queued whose report has not come back yet.
    let mut pending = 0;
    for &page in START_PAGES {
        seen.insert(page);
        pool.submit(page);
        pending += 1;
    }

    let mut visited_by: HashMap<&str, ThreadId> = HashMap::new();
    let mut links: Vec<(&str, &str)> = Vec::new();
    let mut not_found: HashSet<&str> = HashSet::new();
    // Every job sends exactly one report, so when none is pending, none is queued or
    // running, and no new link can turn up: the crawl is over.
    while pending > 0 {
        // Fails only if every worker has stopped, which none does while the pool lives.
        let report = reports
            .recv()
            .expect("the workers run until the pool is dropped");
        pending -= 1;
        let Report {
            page,
            worker,
            fetched,
        } = report;
        match fetched {
            Fetched::Page(found) => {
                println!("{worker:?}: visited {page}");
                visited_by.insert(page, worker);
                for &link in found {
                    links.push((page, link));
                    if seen.insert(link) {
                        pool.submit(link);
                        pending += 1;
                    }
                }
            }
            Fetched::NotFound => {
                println!("{worker:?}: {page} not found");
                not_found.insert(page);
            }
            Fetched::Panicked => eprintln!("{worker:?}: fetching {page} panicked; skipped"),
        }
    }
    // Nothing is pending: dropping the pool closes its queue and joins every worker.
    drop(pool);
    println!("Main: the crawl is over and every worker has returned");

    // Each broken link once, in order, with the page it is on.
    let broken: BTreeSet<(&str, &str)> = links
        .into_iter()
        .filter(|(_, to)| not_found.contains(to))
        .collect();
    for (from, to) in &broken {
        println!("broken link: {from} -> {to}");
    }
    println!(
        "Main: {} pages visited, {} broken links",
        visited_by.len(),
        broken.len()
    );

    // Every page of the site was reached (and `seen` fetched each at most once).
    let mut visited: Vec<&str> = visited_by.keys().copied().collect();
    let mut listed: Vec<&str> = SITE.iter().map(|(page, _)| *page).collect();
    visited.sort();
    listed.sort();
    assert_eq!(visited, listed);
    // The start pages' fetches waited for each other: two workers ran them.
    assert_ne!(visited_by[START_PAGES[0]], visited_by[START_PAGES[1]]);
}
