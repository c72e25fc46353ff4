//! The notes' own example: spawned threads are not waited for. When `main` returns,
//! the process exits and takes every thread with it, finished or not, even one that
//! would sleep for an hour. (The notes call these "daemon threads", Java's and
//! Python's word; in Rust no thread keeps the process alive once `main` returns.)
//!
//! What to notice: the counting thread usually gets only part of the way to 9, and
//! how far changes from run to run. The process can even end in the middle of that
//! thread's `println!`, leaving half a line. No assertion can show this from inside:
//! the proof is that the process ends at all, long before the hour is up.

use std::thread;
use std::time::Duration;

pub fn main() {
    println!("Main thread: starting a thread that waits an hour before it prints; nobody joins it");
    thread::spawn(|| {
        thread::sleep(Duration::from_secs(60 * 60));
        println!("Sleeping thread: an hour has passed");
    });
    println!("Main thread: starting a thread that counts to 9, 5 ms a count; nobody joins it");
    thread::spawn(|| {
        for i in 1..10 {
            println!("Count in thread: {i}!");
            thread::sleep(Duration::from_millis(5));
        }
    });
    for i in 1..5 {
        println!("Main thread: {i}");
        thread::sleep(Duration::from_millis(5));
    }
    println!("Main thread: returning; the process ends now, however far the count has got");
}
