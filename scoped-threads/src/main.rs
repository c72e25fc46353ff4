//! # Scoped threads: threads that borrow from the function that starts them
//!
//! A thread from `thread::spawn` may outlive the function that started it, so its
//! closure may not borrow that function's locals. Every thread spawned in a
//! `thread::scope` is joined before `scope` returns, so those threads may borrow the
//! caller's locals, under the usual borrowing rules, and hand values and panics back.
//!
//! Each section is a whole program in `src/<section>.rs`: copy it into a project's
//! `src/main.rs`. `cargo run -p scoped-threads -- --list` names them.
//!
//! ## The sections, in teaching order
//!
//! - [`borrow-locals`](mod@borrow_locals): a scoped thread may borrow a local of the function that starts it
//! - [`many-readers`](mod@many_readers): many threads may borrow the same data immutably at once
//! - [`one-writer`](mod@one_writer): one thread may borrow the data mutably, and then no other may touch it
//! - [`scope-joins-all`](mod@scope_joins_all): scope returns only after every thread in it has finished
//! - [`handles-return-values`](mod@handles_return_values): a scoped thread's join returns the value its closure returned
//! - [`disjoint-writers`](mod@disjoint_writers): threads may write one slice at once, each its own part, cut by chunks_mut
//! - [`barrier`](mod@barrier): no thread passes a Barrier until all have reached it, and each round has one leader
//! - [`panic-in-scope`](mod@panic_in_scope): a scoped thread's panic is not lost: the scope panics, or join hands it back
//! - [`parallel-chunks`](mod@parallel_chunks): one chunk per core, each borrowed by a scoped thread, gives the sequential result

#[doc(hidden)] // the command line, not a lesson
#[path = "../../common/cli.rs"]
mod cli;
use cli::Section;

mod barrier;
mod borrow_locals;
mod disjoint_writers;
mod handles_return_values;
mod many_readers;
mod one_writer;
mod panic_in_scope;
mod parallel_chunks;
mod scope_joins_all;

/// Every section in teaching order.
const SECTIONS: &[Section] = &[
    Section {
        name: "borrow-locals",
        claim: "a scoped thread may borrow a local of the function that starts it",
        run: borrow_locals::main,
    },
    Section {
        name: "many-readers",
        claim: "many threads may borrow the same data immutably at once",
        run: many_readers::main,
    },
    Section {
        name: "one-writer",
        claim: "one thread may borrow the data mutably, and then no other may touch it",
        run: one_writer::main,
    },
    Section {
        name: "scope-joins-all",
        claim: "scope returns only after every thread in it has finished",
        run: scope_joins_all::main,
    },
    Section {
        name: "handles-return-values",
        claim: "a scoped thread's join returns the value its closure returned",
        run: handles_return_values::main,
    },
    Section {
        name: "disjoint-writers",
        claim: "threads may write one slice at once, each its own part, cut by chunks_mut",
        run: disjoint_writers::main,
    },
    Section {
        name: "barrier",
        claim: "no thread passes a Barrier until all have reached it, and each round has one leader",
        run: barrier::main,
    },
    Section {
        name: "panic-in-scope",
        claim: "a scoped thread's panic is not lost: the scope panics, or join hands it back",
        run: panic_in_scope::main,
    },
    Section {
        name: "parallel-chunks",
        claim: "one chunk per core, each borrowed by a scoped thread, gives the sequential result",
        run: parallel_chunks::main,
    },
];

fn main() -> std::process::ExitCode {
    cli::main(SECTIONS)
}
