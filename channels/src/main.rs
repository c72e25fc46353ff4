//! # Channels: `mpsc`, sending values from thread to thread
//!
//! A channel has two ends: a `Sender` that puts values in and a `Receiver` that takes
//! them out, in the order they were sent. `mpsc` means multiple producer, single
//! consumer: the `Sender` can be cloned, the `Receiver` cannot. Here are the notes'
//! examples, then what programs built on channels need: stopping a worker, telling
//! an empty channel from a closed one, waiting with a deadline, replies, and a worker
//! pool.
//!
//! Each section file is a whole program: copy it into a project's `src/main.rs`.
//!
//! ## The sections, in teaching order
//!
//! - [`notes-example`](mod@notes_example): values come out in the order sent; a cloned Sender feeds the same Receiver
//! - [`many-producers`](mod@many_producers): each producer's messages arrive once, in order; the loop ends with the last Sender
//! - [`disconnection`](mod@disconnection): recv fails once every Sender is gone and the channel is empty; send fails once the Receiver is, returning the value
//! - [`unbounded`](mod@unbounded): an unbounded channel never blocks the sender
//! - [`stop-a-worker`](mod@stop_a_worker): a worker blocked in recv stops when the last Sender drops; a flag cannot wake it
//! - [`empty-or-closed`](mod@empty_or_closed): try_recv and recv_timeout tell an empty channel (Empty, Timeout) from a closed one (Disconnected)
//! - [`join-with-deadline`](mod@join_with_deadline): a thread's done message and recv_timeout give join a deadline
//! - [`reply-channel`](mod@reply_channel): a request that carries its own reply Sender is answered to the client that asked
//! - [`worker-pool`](mod@worker_pool): a pool shares one job queue, survives a panicking job, and joins every worker on drop

#[doc(hidden)] // the command line, not a lesson
#[path = "../../common/cli.rs"]
mod cli;
use cli::Section;

mod disconnection;
mod empty_or_closed;
mod join_with_deadline;
mod many_producers;
mod notes_example;
mod reply_channel;
mod stop_a_worker;
mod unbounded;
mod worker_pool;

/// Every section in teaching order.
const SECTIONS: &[Section] = &[
    Section {
        name: "notes-example",
        claim: "values come out in the order sent; a cloned Sender feeds the same Receiver",
        run: notes_example::main,
    },
    Section {
        name: "many-producers",
        claim: "each producer's messages arrive once, in order; the loop ends with the last Sender",
        run: many_producers::main,
    },
    Section {
        name: "disconnection",
        claim: "recv fails once every Sender is gone and the channel is empty; send fails once the Receiver is, returning the value",
        run: disconnection::main,
    },
    Section {
        name: "unbounded",
        claim: "an unbounded channel never blocks the sender",
        run: unbounded::main,
    },
    Section {
        name: "stop-a-worker",
        claim: "a worker blocked in recv stops when the last Sender drops; a flag cannot wake it",
        run: stop_a_worker::main,
    },
    Section {
        name: "empty-or-closed",
        claim: "try_recv and recv_timeout tell an empty channel (Empty, Timeout) from a closed one (Disconnected)",
        run: empty_or_closed::main,
    },
    Section {
        name: "join-with-deadline",
        claim: "a thread's done message and recv_timeout give join a deadline",
        run: join_with_deadline::main,
    },
    Section {
        name: "reply-channel",
        claim: "a request that carries its own reply Sender is answered to the client that asked",
        run: reply_channel::main,
    },
    Section {
        name: "worker-pool",
        claim: "a pool shares one job queue, survives a panicking job, and joins every worker on drop",
        run: worker_pool::main,
    },
];

fn main() -> std::process::ExitCode {
    cli::main(SECTIONS)
}
