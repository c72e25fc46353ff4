//! `thread::Builder` sets a thread up before it starts. Its name is what
//! `thread::current().name()` returns and what its panic message shows (an unnamed
//! thread's says `'<unnamed>'`), so a panic says which thread failed. Its stack size is
//! a request, here a generous one: std raises it to the platform's minimum, and the real
//! stack may be larger. Too small a stack is no error at spawn, but the thread may
//! overflow it later (on x86-64 Linux, a 16 KiB thread survives a panic but overflows
//! when `RUST_BACKTRACE=1` makes it print the backtrace), and a stack overflow aborts
//! the whole process instead of panicking.
//!
//! `Builder::spawn` returns an `io::Result` where `thread::spawn` would panic. It fails
//! only when the OS refuses a thread (out of memory, or at its limit of threads) or the
//! stack size is impossible, so `.expect` with that reason is right.
//!
//! What to notice: the worker prints its own name; the panic message on stderr names
//! the thread that panicked.

use std::thread;

const WORKER: &str = "worker";
const FAILING: &str = "failing-worker";
/// 4 MiB: room to spare, twice what std gives a spawned thread today.
const STACK_SIZE: usize = 4 * 1024 * 1024;
const SPAWN_FAILED: &str = "the OS refused a thread, or the stack size is impossible";

pub fn main() {
    let worker = thread::Builder::new()
        .name(WORKER.to_owned())
        .stack_size(STACK_SIZE)
        .spawn(|| {
            let name = thread::current().name().map(str::to_owned);
            println!("Worker thread: thread::current().name() is {name:?}");
            name
        })
        .expect(SPAWN_FAILED);
    let name = worker.join().expect("the worker panicked");
    println!(
        "Main thread: asked for a {} MiB stack for it, a request that the platform may round up",
        STACK_SIZE / 1024 / 1024
    );

    let failing = thread::Builder::new()
        .name(FAILING.to_owned())
        .spawn(|| panic!("the input was malformed"))
        .expect(SPAWN_FAILED);
    failing
        .join()
        .expect_err("the failing worker should have panicked");
    println!("Main thread: {FAILING:?} panicked, and its panic message on stderr names it");
    assert_eq!(name.as_deref(), Some(WORKER));
}
