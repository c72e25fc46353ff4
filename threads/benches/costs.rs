//! What a thread costs: `thread::spawn` + `join` of an empty closure, and a
//! `thread::scope` spawning one thread, each a whole OS thread created, scheduled and
//! torn down; then N threads started at once and joined, per thread. Run it with
//! `cargo bench -p threads --bench costs`; `tests/threads.rs` runs `measure(false)`.

use std::hint::black_box;
use std::thread;

#[path = "../../common/sampler.rs"]
mod sampler;
use sampler::{bench, bench_cores_busy, bench_per};

fn main() {
    measure(std::env::args().any(|arg| arg == "--bench"));
}

/// Every row; `full` is false in the smoke test: tiny samples, timing nothing.
pub fn measure(full: bool) {
    println!("costs of threads (cargo bench -p threads)");
    let name = "thread::spawn + join, empty closure";
    let mut spawn_join = || {
        let handle = thread::spawn(|| black_box(1));
        black_box(handle.join().expect("the empty thread panicked"));
    };
    bench(full, name, &mut spawn_join);
    // `join` sleeps until the new thread ends: again with the other cores kept awake.
    bench_cores_busy(full, name, &mut spawn_join);
    bench(full, "thread::scope spawning one thread", || {
        thread::scope(|scope| {
            scope.spawn(|| black_box(1));
        });
    });
    for threads in [1, 4, 16, 64] {
        let name = format!("scaling: threads at once: spawn + join: {threads}");
        bench_per(full, &name, threads, || {
            let handles: Vec<_> = (0..threads)
                .map(|_| thread::spawn(|| black_box(1)))
                .collect();
            for handle in handles {
                black_box(handle.join().expect("an empty thread panicked"));
            }
        });
    }
    // No `compare`: which of these rows costs more changes from run to run.
}
