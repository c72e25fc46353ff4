// error: E0597
// The fix is `Box::leak` (or an `Arc`): see `threads/src/leak_for_static.rs`. The same
// program with a borrow of the local `Vec` in place of the leaked one: each thread gets
// a copy of the reference, but `thread::spawn` wants `'static`, and the `Vec` is freed
// when `main` returns, so the compiler refuses the borrow.
use std::thread;

const THREADS: usize = 3;

fn main() {
    let words: Vec<String> = "the quick brown fox".split(' ').map(String::from).collect();
    let words: &[String] = &words;
    let handles: Vec<_> = (0..THREADS)
        .map(|i| {
            thread::spawn(move || {
                println!("Thread {i}: the words are {}", words.join(" "));
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a reading thread panicked");
    }
}
