//! `thread::Builder` sets a thread up before it starts. Its name is what
//! `thread::current().name()` returns and what its panic message shows (an unnamed
//! thread's says `'<unnamed>'`), so a panic says which thread failed. Its stack size is
//! a request, here a generous one: std's documentation promises only that the real
//! stack "may be greater" than asked, where the platform has a minimum. What the
//! program shows is that 3 MiB of locals fit, not the stack's real size. Too small a stack is no error at spawn, but the thread may
//! overflow it later (on x86-64 Linux, a 16 KiB thread survives a panic but overflows
//! when `RUST_BACKTRACE=1` makes it print the backtrace), and a stack overflow aborts
//! the whole process instead of panicking.
//!
//! `Builder::spawn` returns an `io::Result` where `thread::spawn` would panic. It fails
//! only when the OS refuses a thread (out of memory, or at its limit of threads) or the
//! stack size is impossible, so `.expect` with that reason is right.
//!
//! What to notice: the worker prints its own name, and uses more stack than std's
//! default of 2 MiB would hold (without the request, the overflow would abort the
//! program); the panic message on stderr names the thread that panicked.

use std::hint::black_box;
use std::thread;

const WORKER: &str = "worker";
const FAILING: &str = "failing-worker";
/// 8 MiB: four times what std gives a spawned thread today.
const STACK_SIZE: usize = 8 * 1024 * 1024;
/// What the worker keeps on its stack: more than the default, less than the request.
const ON_STACK: usize = 3 * 1024 * 1024;
const SPAWN_FAILED: &str = "the OS refused a thread, or the stack size is impossible";

pub fn main() {
    let worker = thread::Builder::new()
        .name(WORKER.to_owned())
        .stack_size(STACK_SIZE)
        .spawn(|| {
            let name = thread::current().name().map(str::to_owned);
            println!("Worker thread: thread::current().name() is {name:?}");
            // A local array lives on the stack; `black_box` keeps it there, whole.
            let mut bytes = [0u8; ON_STACK];
            black_box(&mut bytes).fill(1);
            let sum: usize = black_box(&bytes).iter().map(|&b| usize::from(b)).sum();
            println!(
                "Worker thread: kept {} MiB on a stack of {} MiB requested",
                sum / 1024 / 1024,
                STACK_SIZE / 1024 / 1024
            );
            (name, sum)
        })
        .expect(SPAWN_FAILED);
    let (name, on_stack) = worker.join().expect("the worker panicked");

    let failing = thread::Builder::new()
        .name(FAILING.to_owned())
        .spawn(|| panic!("the input was malformed"))
        .expect(SPAWN_FAILED);
    failing
        .join()
        .expect_err("the failing worker should have panicked");
    println!("Main thread: {FAILING:?} panicked, and its panic message on stderr names it");
    assert_eq!(name.as_deref(), Some(WORKER));
    assert_eq!(on_stack, ON_STACK);
}
