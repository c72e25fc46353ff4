//! `thread::spawn` takes only a `'static` closure, so its threads cannot borrow main's
//! locals. One thread can be given data built at run time by `move`, but several threads
//! that share one value need an `Arc`, a copy each, or `Box::leak`. `Box::leak` gives up
//! the box, so the value is never freed, and returns a `&'static` reference that any
//! number of threads may share, with no count and no copy. Leak only what lives as long
//! as the program (its settings, a table): its memory comes back only when the process
//! ends.
//!
//! What to notice: every thread reads the words main built, through its own copy of the
//! one reference (a reference is `Copy`: `move` copies the address, not the words). The
//! spawns compile; the same program with a borrow of the local `Vec` does not (E0597,
//! `threads/compile-fail/borrow-a-local-for-threads.rs`).

use std::thread;

const THREADS: usize = 3;

pub fn main() {
    // Built at run time, as if read from a file or the command line.
    let words: Vec<String> = "the quick brown fox".split(' ').map(String::from).collect();
    let words: &'static [String] = Box::leak(words.into_boxed_slice());
    let handles: Vec<_> = (0..THREADS)
        .map(|i| {
            thread::spawn(move || {
                println!("Thread {i}: the words are {}", words.join(" "));
                words
            })
        })
        .collect();
    for handle in handles {
        let seen = handle.join().expect("a reading thread panicked");
        assert!(std::ptr::eq(seen, words), "a thread read a copy");
    }
    println!(
        "Main thread: all {THREADS} threads read the very slice main leaked (same address, \
         no copy); it is never freed"
    );
}
