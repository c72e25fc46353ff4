//! The exercises of `cargo xtask exercise`: each a section with one real bug put
//! back in, which fails on every run (a type error, the section's own assertion or
//! a certain panic, or a certain hang), free and pinned to one core, with no sleep.
//! `exercise.rs` says what each field means; CONTRIBUTING.md, how to add one.

use super::exercise::{Exercise, Fails};

pub const EXERCISES: &[Exercise] = &[
    Exercise {
        name: "move-closure",
        krate: "threads",
        section: "move-closure",
        // The printed line and the comment name the fix: they go too.
        bug: &[
            (
                "    println!(\"Main thread: `move` hands s to the thread; a borrow of it would be E0373\");\n",
                "    println!(\"Main thread: the thread measures s\");\n",
            ),
            ("thread::spawn(move || {", "thread::spawn(|| {"),
            (
                "    // `s` belongs to the thread now: main may not use it, and the thread drops it.\n",
                "",
            ),
        ],
        task: "It does not compile: rustc says the thread's closure may outlive `s`. \
               Make it compile, with the thread still printing `Length: 5`; keep the \
               thread and the join.",
        // E0373 whatever the run: `thread::spawn` asks for a `'static` closure.
        fails: Fails::Compile("E0373"),
        hint: "A closure borrows what it uses unless told to take it. A thread may \
               outlive the function that spawned it, so it may not borrow that \
               function's locals: one word before `||` hands `s` to the thread.",
    },
    Exercise {
        name: "sender-kept-alive",
        krate: "channels",
        section: "many-producers",
        // The comment above `drop(tx)` gives the fix away: it goes too.
        bug: &[(
            "    // Main keeps no Sender, or the loop below would wait forever for main's messages.\n    \
             drop(tx);\n",
            "",
        )],
        task: "It prints every producer's messages, then never ends. Make the \
               receiving loop end once the producers are done; keep the producers, \
               the loop and the assertion.",
        // Certain: the producers send and end, but main's own `tx` lives on, so the
        // channel never closes and `for msg in rx` waits for ever.
        fails: Fails::Hangs("`for msg in rx` waits on a channel that never closes"),
        hint: "`for msg in rx` ends only when every `Sender` is gone. Each producer's \
               clone is dropped when its thread ends. Which `Sender` is left?",
    },
    Exercise {
        name: "poisoned-lock",
        krate: "mutex",
        section: "poisoning",
        // The comments and the printed line around the recovery name the fix: they go too.
        bug: &[(
            "    // Poisoned, `lock` returns `Err(PoisonError)`, which still carries the guard.
    let mut guard = match v.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    println!(\"lock(): Err(PoisonError); into_inner recovers the data: {guard:?}\");
    // Finish the half-done update, then declare the data sound again.
    guard.push(50);
    drop(guard);
    v.clear_poison();
",
            "    let mut guard = v.lock().unwrap();
    println!(\"lock(): the data: {guard:?}\");
    // Finish the half-done update.
    guard.push(50);
    drop(guard);
",
        )],
        task: "Main panics when it locks the vector after the writer's panic. Make main \
               finish the writer's update (push the 50) and leave the lock sound; keep \
               the writer's panic and every assertion.",
        // Certain: the writer always panics holding the guard, and main locks only
        // after the join, so `lock()` is always `Err(PoisonError)`.
        fails: Fails::Panic("called `Result::unwrap()` on an `Err` value: PoisonError"),
        hint: "After a panic under the lock, `lock()` returns `Err(PoisonError)`. The \
               error still carries the guard (`PoisonError::into_inner`), and \
               `Mutex::clear_poison` declares the data sound again.",
    },
    Exercise {
        name: "lock-twice",
        krate: "mutex",
        section: "lock-twice",
        bug: &[
            (
                "/// Takes the data, not the `Mutex`: it runs under its caller's lock.
fn deposit(balance: &mut i64, amount: i64) {
    *balance += amount;
}",
                "/// Adds `amount` to the balance in `account`.
fn deposit(account: &Mutex<i64>, amount: i64) {
    *account.lock().unwrap() += amount;
}",
            ),
            (
                "    deposit(&mut balance, AMOUNT);",
                "    deposit(&account, AMOUNT);",
            ),
        ],
        task: "It never ends: main stops in the deposit. Make the deposit happen, so \
               that the balance ends at 110; keep main's one lock of the account, the \
               `try_lock` check and every assertion.",
        // Certain: main's guard lives until `drop(balance)`, after the deposit, and
        // std's Mutex is not reentrant: the second `lock` waits for main itself (std
        // says it "might panic or deadlock"; on Linux it waits for ever).
        fails: Fails::Hangs("a deadlock: `deposit` locks the Mutex that main's guard still holds"),
        hint: "A `Mutex` is not reentrant: a thread that holds a guard and calls `lock` \
               again waits for itself. Main's guard already gives access to the \
               balance; let `deposit` work through it.",
    },
];
