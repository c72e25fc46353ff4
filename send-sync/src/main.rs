//! # Send and Sync: a table the compiler computes
//!
//! `Send` and `Sync` are the marker traits behind every thread-safety rule in Rust:
//! `T: Send` means a `T` may move to another thread, `T: Sync` that a `&T` may be used
//! from several threads at once. `thread::spawn` demands `Send` of everything its
//! closure takes along, and refuses anything else with E0277 (`compile-fail/`). Every
//! `yes` or `no` printed here is the compiler's answer, read off the probe `implements!`.
//!
//! Each section file is a whole program: copy it into a project's `src/main.rs`.
//! `cargo run -p send-sync -- --list` names them.
//!
//! ## The sections, in teaching order
//!
//! - [`table`](mod@table): the compiler computes Send and Sync for every type the notes list
//! - [`sync-means-ref-is-send`](mod@sync_means_ref_is_send): T is Sync exactly when &T is Send
//! - [`generics-follow-parameters`](mod@generics_follow_parameters): Vec\<T>, Option\<T> and Box\<T> are Send exactly when T is Send, and Sync exactly when T is Sync
//! - [`spawn-needs-send`](mod@spawn_needs_send): a thread takes only Send values: an Arc\<Mutex\<T>> crosses to it, an Rc or an Arc\<RefCell\<T>> is refused (E0277)

#[doc(hidden)] // the command line, not a lesson
#[path = "../../common/cli.rs"]
mod cli;
use cli::Section;

mod generics_follow_parameters;
mod spawn_needs_send;
mod sync_means_ref_is_send;
mod table;

/// Every section in teaching order.
const SECTIONS: &[Section] = &[
    Section {
        name: "table",
        claim: "the compiler computes Send and Sync for every type the notes list",
        run: table::main,
    },
    Section {
        name: "sync-means-ref-is-send",
        claim: "T is Sync exactly when &T is Send",
        run: sync_means_ref_is_send::main,
    },
    Section {
        name: "generics-follow-parameters",
        claim: "Vec<T>, Option<T> and Box<T> are Send exactly when T is Send, and Sync exactly when T is Sync",
        run: generics_follow_parameters::main,
    },
    Section {
        name: "spawn-needs-send",
        claim: "a thread takes only Send values: an Arc<Mutex<T>> crosses to it, an Rc or an Arc<RefCell<T>> is refused (E0277)",
        run: spawn_needs_send::main,
    },
];

fn main() -> std::process::ExitCode {
    cli::main(SECTIONS)
}
