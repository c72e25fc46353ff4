//! A worker pool with a clean shutdown: an offline link checker. Workers share one
//! job queue, an `Arc<Mutex<Receiver<Job>>>`, and send a report for every page back
//! to main on a second channel. Main queues each new link once and counts the jobs
//! pending: at zero the crawl is over, and dropping the pool closes the queue and
//! joins every worker, as the Rust Book's pool does. One page of the site is cut off
//! in the middle of a link, and parsing it panics: the worker catches that panic,
//! reports the page as failed, and takes the next job, so the crawl still ends.
//!
//! What to notice: each page is visited once, by whichever worker was free; the cut-off
//! page is reported as failed (its panic message is on stderr); one `joined` line per
//! worker comes before main's summary of the broken links.

use std::collections::{BTreeSet, HashSet};
use std::num::NonZeroUsize;
use std::panic;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle, ThreadId};

/// The site, offline: a line for each page, its address and its HTML. A link to a
/// page not listed is broken.
const SITE: &str = r#"
/ <a href="/about">About</a> <a href="/blog">Blog</a> <a href="/shop">Shop</a>
/sitemap <a href="/">Home</a> <a href="/contact">Contact</a> <a href="/jobs">Jobs</a>
/about <a href="/">Home</a> <a href="/team">Team</a> <a href="/contact">Contact</a>
/team <a href="/about">About</a> <a href="/jobs">Jobs</a>
/contact <a href="/">Home</a> <a href="/map">Map</a>
/blog <a href="/blog/hello">Hello</a> <a href="/blog/drafts">Drafts</a>
/blog/hello <a href="/blog">Blog</a> <a href="/blog/archive">Archive</a>
/blog/archive <a href="/blog/hello">Hello</a> <a href="/blog/thr
"#;

/// Where the crawl starts, as a link checker given a home page and a sitemap does.
const START_PAGES: &[&str] = &["/", "/sitemap"];

/// The most workers, however many cores there are: for a site this small more
/// threads would only cost memory.
const MAX_WORKERS: usize = 8;

/// A job: the address of one page to fetch.
type Job = &'static str;

/// What a worker found at one address.
struct Report {
    page: &'static str,
    worker: ThreadId,
    fetched: Fetched,
}

enum Fetched {
    Page(Vec<&'static str>),
    NotFound,
    /// Parsing the page panicked.
    Failed,
}

/// Every page's address and HTML.
fn pages() -> impl Iterator<Item = (&'static str, &'static str)> {
    SITE.lines().filter_map(|line| line.split_once(' '))
}

fn fetch(page: &str) -> Option<&'static str> {
    pages()
        .find(|(address, _)| *address == page)
        .map(|(_, html)| html)
}

/// The target of every `href="..."`. Like many a quick parser it trusts the page:
/// a link with no closing quote makes it panic.
fn links(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .map(|link| &link[..link.find('"').expect("a link ends at its closing quote")])
        .collect()
}

struct Pool {
    /// The queue's only `Sender`: `None` once `Drop` has closed the queue.
    jobs: Option<Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl Pool {
    fn new(size: usize, reports: Sender<Report>) -> Pool {
        let (jobs, queue) = mpsc::channel();
        let queue = Arc::new(Mutex::new(queue));
        let workers = (0..size)
            .map(|_| {
                let queue = Arc::clone(&queue);
                let reports = reports.clone();
                thread::spawn(move || work(&queue, &reports))
            })
            .collect();
        // The pool keeps no Sender of reports: were every worker gone, main's `recv`
        // would fail instead of waiting forever.
        Pool {
            jobs: Some(jobs),
            workers,
        }
    }

    fn submit(&self, page: Job) {
        let jobs = self.jobs.as_ref().expect("the queue is open until Drop");
        jobs.send(page)
            .expect("the workers run until the pool is dropped");
    }
}

fn work(queue: &Mutex<Receiver<Job>>, reports: &Sender<Report>) {
    loop {
        // `let`, not `while let`: the guard is a temporary of this statement, so the
        // lock is released at the `;`, before the job runs, and the other workers can
        // take jobs meanwhile. In `while let Ok(page) = queue.lock()...recv()` the
        // guard would live through the whole body, and the pool would run one job at
        // a time (see `mutex/src/guard_lifetimes.rs` and `worker_pool_stall.rs`).
        let job = queue
            .lock()
            .expect("nothing panics while holding the queue's lock")
            .recv();
        // `recv` fails once the pool has dropped its Sender and the queue is empty.
        let Ok(page) = job else { return };
        let fetched = match fetch(page) {
            None => Fetched::NotFound,
            // Were the panic to end this worker, its job would never be reported and
            // main would wait for it forever.
            Some(html) => match panic::catch_unwind(|| links(html)) {
                Ok(found) => Fetched::Page(found),
                Err(_) => Fetched::Failed,
            },
        };
        let report = Report {
            page,
            worker: thread::current().id(),
            fetched,
        };
        // Fails only if main is gone: nobody is left to read reports.
        if reports.send(report).is_err() {
            return;
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // Each worker finishes the jobs already queued, then its `recv` fails.
        drop(self.jobs.take());
        for worker in self.workers.drain(..) {
            let id = worker.thread().id();
            worker.join().expect("a job's panic is caught in `work`");
            println!("Main: joined {id:?}");
        }
    }
}

pub fn main() {
    let workers = thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_WORKERS);
    println!("Main: {workers} worker(s) in the pool");
    let (report_sender, reports) = mpsc::channel();
    let pool = Pool::new(workers, report_sender);

    let mut seen: HashSet<&str> = HashSet::new();
    let mut pending = 0;
    for &page in START_PAGES {
        seen.insert(page);
        pool.submit(page);
        pending += 1;
    }

    let mut visited = BTreeSet::new();
    let mut failed = BTreeSet::new();
    let mut links: Vec<(&str, &str)> = Vec::new();
    let mut not_found: HashSet<&str> = HashSet::new();
    // Every job sends exactly one report, so when none is pending, none is queued or
    // running, and no new link can turn up.
    while pending > 0 {
        let Report {
            page,
            worker,
            fetched,
        } = reports
            .recv()
            .expect("the workers run until the pool is dropped");
        pending -= 1;
        match fetched {
            Fetched::Page(found) => {
                println!("{worker:?}: visited {page}");
                visited.insert(page);
                for link in found {
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
            Fetched::Failed => {
                println!("{worker:?}: {page} failed: parsing it panicked");
                failed.insert(page);
            }
        }
    }
    drop(pool);

    let broken: BTreeSet<(&str, &str)> = links
        .into_iter()
        .filter(|(_, to)| not_found.contains(to))
        .collect();
    for (from, to) in &broken {
        println!("broken link: {from} -> {to}");
    }
    for page in &failed {
        println!("failed page: {page}");
    }
    println!(
        "Main: {} pages visited, {} failed, {} broken links",
        visited.len(),
        failed.len(),
        broken.len()
    );

    // Every page of the site was reached, and `seen` fetched each at most once.
    let reached: BTreeSet<&str> = visited.union(&failed).copied().collect();
    let listed: BTreeSet<&str> = pages().map(|(address, _)| address).collect();
    assert_eq!(reached, listed);
}
