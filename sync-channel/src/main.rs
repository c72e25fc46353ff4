//! # Bounded channels: `mpsc::sync_channel`
//!
//! `mpsc::sync_channel(capacity)` makes a channel that holds at most `capacity`
//! messages. When it is full, `send` waits until the receiver makes room, so a fast
//! sender never runs more than `capacity` messages ahead of a slow receiver.
//!
//! Each section file is a whole program: copy it into a project's `src/main.rs`.
//! `cargo run -p sync-channel -- --list` names them; `cargo xtask demo --timeline
//! sync-channel` shows when each line was printed.
//!
//! ## The sections, in teaching order
//!
//! - [`bounded`](mod@bounded): send waits for room once the channel holds its capacity
//! - [`try-send-full`](mod@try_send_full): try_send never waits: the value comes back in Full, or in Disconnected with no receiver
//! - [`rendezvous`](mod@rendezvous): with capacity 0 every send waits for a recv
//! - [`pipeline`](mod@pipeline): no stage runs more than its channel's capacity ahead; closing the first Sender ends all

#[doc(hidden)] // the command line, not a lesson
#[path = "../../common/cli.rs"]
mod cli;
use cli::Section;

mod bounded;
mod pipeline;
mod rendezvous;
mod try_send_full;

/// Every section in teaching order.
const SECTIONS: &[Section] = &[
    Section {
        name: "bounded",
        claim: "send waits for room once the channel holds its capacity",
        run: bounded::main,
    },
    Section {
        name: "try-send-full",
        claim: "try_send never waits: the value comes back in Full, or in Disconnected with no receiver",
        run: try_send_full::main,
    },
    Section {
        name: "rendezvous",
        claim: "with capacity 0 every send waits for a recv",
        run: rendezvous::main,
    },
    Section {
        name: "pipeline",
        claim: "no stage runs more than its channel's capacity ahead; closing the first Sender ends all",
        run: pipeline::main,
    },
];

fn main() -> std::process::ExitCode {
    cli::main(SECTIONS)
}
