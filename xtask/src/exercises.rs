//! The exercises of `cargo xtask exercise`: each a section with one real bug put
//! back in, which fails on every run (a type error, the section's own assertion or
//! a certain panic, or a certain hang), free and pinned to one core, with no sleep.
//! `exercise.rs` says what each field means; CONTRIBUTING.md, how to add one.

use super::exercise::{Exercise, Fails};

pub const EXERCISES: &[Exercise] = &[
    Exercise {
        name: "join-the-panicked-thread",
        krate: "threads",
        section: "panic-stays-in-its-thread",
        bug: &[(
            "        match handle.join() {\n            Ok(()) => println!(\"Main thread: the {name} thread returned\"),\n            Err(payload) => {\n                // `as_ref()`: the value inside the `Box`. A `&Box` is a `dyn Any` too,\n                // but one whose type is the `Box`, and no downcast would match it.\n                let payload = describe(payload.as_ref());\n                println!(\"Main thread: the {name} thread panicked with {payload}\");\n                payloads.push(payload);\n            }\n        }\n",
            "        let payload = describe(&handle.join().unwrap());\n        println!(\"Main thread: the {name} thread panicked with {payload}\");\n        payloads.push(payload);\n",
        )],
        task: "Main panics as soon as it joins the first thread, so it never reports either payload. Make main survive both panics and name each payload; keep every assertion.",
        fails: Fails::Panic("called `Result::unwrap()` on an `Err` value"),
        hint: "`join` returns a `Result`: `Err` holds the payload of the thread's panic. What does `unwrap` do with an `Err`? And pass `describe` the payload inside the `Box` (`.as_ref()`), not a `&Box`: a `&Box` is a `dyn Any` whose type is the `Box`, and no downcast matches it.",
    },
    Exercise {
        name: "forgot-move",
        krate: "threads",
        section: "move-closure",
        bug: &[
            (
                "    println!(\"Main thread: `move` hands s to the thread; a borrow of it would be E0373\");\n",
                "    println!(\"Main thread: a thread measures s\");\n",
            ),
            (
                "    let handle = thread::spawn(move || {",
                "    let handle = thread::spawn(|| {",
            ),
            (
                "    // `s` belongs to the thread now: main may not use it, and the thread drops it.\n",
                "",
            ),
        ],
        task: "rustc refuses the spawn with E0373: the closure may outlive main's `s`. Make it compile without cloning `s` or making it static; keep the assertion.",
        fails: Fails::Compile("E0373"),
        hint: "The closure borrows `s`. Who should own the String while the thread runs?",
    },
    Exercise {
        name: "borrow-a-local-in-spawn",
        krate: "threads",
        section: "leak-for-static",
        bug: &[(
            "    let words: &'static [String] = Box::leak(words.into_boxed_slice());\n",
            "    let words: &[String] = &words;\n",
        )],
        task: "rustc refuses with E0597: `words` does not live long enough, because `thread::spawn` takes only a `'static` closure, which may not borrow main's locals. Make every thread share one allocation of the words for the whole run, with no Arc and no copy; keep the assertion.",
        fails: Fails::Compile("E0597"),
        hint: "A reference is `'static` when what it points to is never freed. Which `Box` method gives that up?",
    },
    Exercise {
        name: "forgot-to-unpark",
        krate: "threads",
        section: "park-unpark",
        bug: &[
            (
                "        println!(\"Main thread: input written; setting the flag, then unparking the waiting thread\");\n",
                "        println!(\"Main thread: input written; setting the flag\");\n",
            ),
            (
                "        // The flag before `unpark`: the other way round, the thread could wake, find the\n        // flag unset, and park again with nobody left to wake it.\n        ready.store(true, Ordering::Release);\n        waiter.thread().unpark();\n",
                "        ready.store(true, Ordering::Release);\n",
            ),
        ],
        task: "The program never ends after main sets the flag: the waiting thread sleeps on. Make it wake and the program end; keep every assertion.",
        fails: Fails::Hangs(
            "the waiting thread stays parked for ever, and main waits for ever in `join`",
        ),
        hint: "A parked thread does not watch the flag. What does main call to wake it, and must it come before or after the store?",
    },
    Exercise {
        name: "wait-without-a-deadline",
        krate: "threads",
        section: "park-timeout",
        bug: &[(
            "        thread::park_timeout(left);",
            "        thread::park();",
        )],
        task: "Main waits for a flag that nobody sets, and the program never ends. Make the wait give up once its patience has run out; keep every assertion.",
        fails: Fails::Hangs("main stays parked for ever: nothing wakes it"),
        hint: "`park` returns only after an `unpark` (or spuriously). Which call parks for at most a given time?",
    },
    Exercise {
        name: "spawn-where-a-scoped-thread-must-borrow",
        krate: "scoped-threads",
        section: "borrow-locals",
        bug: &[
            (
                "    let seen = thread::scope(|scope| {\n        let reader = scope.spawn(|| {",
                "    let seen = {\n        let reader = thread::spawn(|| {",
            ),
            (
                "        reader.join().expect(\"the reader panicked\")\n    });",
                "        reader.join().expect(\"the reader panicked\")\n    };",
            ),
        ],
        task: "The file does not compile: the thread borrows `s`, a local of main. Make it compile with the thread still borrowing `s` (main checks that the thread saw main's own string, not a copy), and keep every assertion.",
        fails: Fails::Compile("E0373"),
        hint: "A thread from `thread::spawn` may outlive `main`'s locals, so it may not borrow them, and `move` would take `s` away from main. Which kind of thread is certain to have ended before the code after it runs?",
    },
    Exercise {
        name: "two-threads-write-one-slice",
        krate: "scoped-threads",
        section: "disjoint-writers",
        bug: &[(
            "        for (i, chunk) in squares.chunks_mut(chunk_len).enumerate() {\n",
            "        for i in 0..THREADS {\n            let start = i * chunk_len;\n            let chunk = &mut squares[start..LEN.min(start + chunk_len)];\n",
        )],
        task: "The file does not compile: each thread takes its part of `squares` by index. Make it compile with every thread writing its own part at the same time, with no lock, and keep every assertion.",
        fails: Fails::Compile("E0499"),
        hint: "The compiler does not look at index ranges: each `&mut squares[..]` borrows all of `squares` for as long as its thread may run. Slices have methods that cut one `&mut` slice into `&mut` parts that share no element.",
    },
    Exercise {
        name: "sender-kept-alive",
        krate: "channels",
        section: "many-producers",
        bug: &[(
            "    // Main keeps no Sender, or the loop below would wait forever for main's messages.\n    drop(tx);\n",
            "",
        )],
        task: "Every producer's messages arrive, then main waits forever and the program never ends. Make the receiving loop end after the last message; keep the producers, the loop and the final assertion.",
        fails: Fails::Hangs(
            "after the last message, `for msg in rx` waits for ever: a `recv` on a channel that never closes",
        ),
        hint: "`for msg in rx` ends only when every `Sender` is gone. Count the Senders: one per producer, and one more.",
    },
    Exercise {
        name: "stop-flag-in-recv",
        krate: "channels",
        section: "stop-a-worker",
        bug: &[(
            "    println!(\"Main: dropping the last Sender\");\n    drop(jobs);\n",
            "",
        )],
        task: "Main sets the stop flag, but the worker never stops and main's `join` waits forever. Make the worker stop; keep the flag, the worker's loop and both assertions (the worker must stop because `recv` returned `Err(RecvError)`).",
        fails: Fails::Hangs(
            "the worker waits for ever in `recv`, and main waits for ever in `join`",
        ),
        hint: "The worker checked the flag before it blocked. What makes a blocked `recv` return without a job?",
    },
    Exercise {
        name: "capacity-needs-a-sync-channel",
        krate: "sync-channel",
        section: "bounded",
        bug: &[(
            "    let (tx, rx) = mpsc::sync_channel(CAPACITY);",
            "    let (tx, rx) = mpsc::channel();",
        )],
        task: "It does not compile: `produce` refuses the sender it is given. The producer must never run more than CAPACITY messages ahead of the receiver. Keep `produce` and its signature, the pause and every assertion.",
        fails: Fails::Compile("E0308"),
        hint: "`mpsc::channel()` makes an unbounded channel: its `Sender` never waits, so nothing holds the producer back. `produce` asks for a `SyncSender`, the sender of a channel made with a capacity.",
    },
    Exercise {
        name: "refcell-shared-through-arc",
        krate: "send-sync",
        section: "spawn-needs-send",
        bug: &[
            (
                "    let counter = Arc::new(Mutex::new(0));",
                "    let counter = Arc::new(RefCell::new(0));",
            ),
            (
                "                *counter.lock().unwrap() += 1;",
                "                *counter.borrow_mut() += 1;",
            ),
            (
                "    let total = *counter.lock().unwrap();",
                "    let total = *counter.borrow();",
            ),
        ],
        task: "It does not compile: the compiler says the counter cannot be shared between threads safely. Let the four threads share one counter so that the total is exact. Keep the `Arc`, the table, the threads and every assertion.",
        fails: Fails::Compile("E0277"),
        hint: "An `Arc<T>` is `Send` only when `T` is `Sync`, and a `RefCell`'s borrow flag is not atomic, so it is not `Sync`. Which std type lets one thread at a time change the value, and is `Sync` whenever its value is `Send`?",
    },
    Exercise {
        name: "rc-sent-to-threads",
        krate: "arc",
        section: "notes-example",
        bug: &[
            ("use std::sync::Arc;", "use std::rc::Rc;"),
            (
                "    let v = Arc::new(vec![10, 20, 30]);",
                "    let v = Rc::new(vec![10, 20, 30]);",
            ),
            (
                "        let v = Arc::clone(&v);",
                "        let v = Rc::clone(&v);",
            ),
            (
                "    let same = clones.iter().filter(|clone| Arc::ptr_eq(clone, &v)).count();",
                "    let same = clones.iter().filter(|clone| Rc::ptr_eq(clone, &v)).count();",
            ),
        ],
        task: "The file does not compile: the threads may not be given their clones of `v`. Make it compile with every thread still holding its own clone of the one vector (main checks that each clone points at main's vector), and keep every assertion.",
        fails: Fails::Compile("E0277"),
        hint: "Read which trait rustc says is missing, and for which type. `Rc` counts its owners with a plain integer, so two threads cloning or dropping at once could miscount; std has a pointer like it whose count is atomic.",
    },
    Exercise {
        name: "load-then-store-loses-adds",
        krate: "arc",
        section: "lost-update",
        bug: &[(
            "        barrier.wait();\n        counter.fetch_add(1, Ordering::Relaxed);\n    });\n    println!(\"wait at the barrier, fetch_add: counter",
            "        let seen = counter.load(Ordering::Relaxed);\n        barrier.wait();\n        counter.store(seen + 1, Ordering::Relaxed);\n    });\n    println!(\"the second count: counter",
        )],
        task: "The second count ends at 100 of 400 adds, like the first, and main panics: \"the one-step count lost an add\". Make the second count every add, with every thread still waiting at the barrier each round, and keep the first count and every assertion.",
        fails: Fails::Panic("the one-step count lost an add"),
        hint: "Between the `load` and the `store`, the barrier lets every other thread load the same value, so all of them store the same sum. No barrier can come between the read and the write if they are one operation: look at what `AtomicU64` offers besides `load` and `store`.",
    },
    Exercise {
        name: "while-let-holds-the-lock",
        krate: "mutex",
        section: "worker-pool-stall",
        bug: &[(
            "    let let_job_stalled = run_pool(\"`let job` pool\", None, |rx| {\n        loop {\n            // The guard drops at the `;`: the other worker may take a job while this one runs.\n            let Ok(job) = rx.lock().unwrap().recv() else {\n                break;\n            };\n            job();\n        }\n    });\n",
            "    let let_job_stalled = run_pool(\"first pool\", None, |rx| {\n        while let Ok(job) = rx.lock().unwrap().recv() {\n            job();\n        }\n    });\n",
        )],
        task: "The first pool prints `first pool: job 1 waits at the barrier` and then nothing: the program never ends. Make the first pool's two workers run its two jobs side by side, so that both meet at the barrier, with no watchdog; keep the second pool and every assertion.",
        fails: Fails::Hangs(
            "a deadlock: job 1 waits at the barrier for job 2, and no worker takes job 2 out of the queue",
        ),
        hint: "Ask when the guard from `rx.lock().unwrap()` drops. A temporary in a `while let` scrutinee lives until the end of the loop's body, so the lock is held while `job()` runs. Take the job out in a statement of its own, and the guard drops at its `;`.",
    },
    Exercise {
        name: "lock-while-holding-the-guard",
        krate: "mutex",
        section: "lock-twice",
        bug: &[
            (
                "/// Takes the data, not the `Mutex`: it runs under its caller's lock.\nfn deposit(balance: &mut i64, amount: i64) {\n    *balance += amount;\n}\n",
                "/// Deposits `amount` into the account.\nfn deposit(account: &Mutex<i64>, amount: i64) {\n    *account.lock().unwrap() += amount;\n}\n",
            ),
            (
                "    deposit(&mut balance, AMOUNT);\n",
                "    deposit(&account, AMOUNT);\n",
            ),
        ],
        task: "The program prints `locked again by the thread that holds it: try_lock: WouldBlock`, then never ends. Make the deposit go through, so that the balance is 110; keep the guard that main takes first, and every assertion.",
        fails: Fails::Hangs("a deadlock: main waits in `lock` for a lock that main itself holds"),
        hint: "A `Mutex` is not reentrant: `try_lock` has just told you that this thread cannot lock it again while `balance` lives. Main already holds the lock; give `deposit` what the guard gives you instead of the `Mutex`.",
    },
    Exercise {
        name: "unwrap-a-poisoned-lock",
        krate: "mutex",
        section: "poisoning",
        bug: &[(
            "    // Poisoned, `lock` returns `Err(PoisonError)`, which still carries the guard.\n    let mut guard = match v.lock() {\n        Ok(guard) => guard,\n        Err(poisoned) => poisoned.into_inner(),\n    };\n    println!(\"lock(): Err(PoisonError); into_inner recovers the data: {guard:?}\");\n",
            "    let mut guard = v.lock().unwrap();\n    println!(\"lock(): the data: {guard:?}\");\n",
        )],
        task: "After the writer's panic, main panics too, on `unwrap()` of a `PoisonError`. Let main take the data the writer left ([10, 20, 30, 40]), finish the update and clear the poison; keep every assertion.",
        fails: Fails::Panic("called `Result::unwrap()` on an `Err` value: PoisonError"),
        hint: "The writer panicked holding the guard, so every later `lock` returns `Err(PoisonError)`. That error is not empty: read what `PoisonError` offers to get the guard back.",
    },
    Exercise {
        name: "left-then-right",
        krate: "mutex",
        section: "dining-philosophers",
        bug: &[(
            "                let (first, second) = (left.min(right), left.max(right));\n",
            "                let (first, second) = (left, right);\n",
        )],
        task: "The program prints nothing and never ends. Make every philosopher eat every meal with their two chopsticks; keep the `try_lock`, the barrier and every assertion.",
        fails: Fails::Hangs(
            "a deadlock: every philosopher holds one chopstick and waits for another, which a neighbour holds",
        ),
        hint: "Every philosopher picks up a first chopstick before anyone reaches for a second. Draw the five chopsticks each holds and the one each wants next: the waits form a circle. Choose which of the two chopsticks each philosopher picks up first so that no circle can form.",
    },
    Exercise {
        name: "if-where-a-waiter-needs-while",
        krate: "mutex",
        section: "wake-up-finds-nothing",
        bug: &[(
            "                    while queue.items.is_empty() {\n",
            "                    if queue.items.is_empty() {\n",
        )],
        task: "After item 1 is put in, a waiter prints `a waiter took nothing at wake-up 1`, and the program never ends: the producer waits for ever to put item 2 in. Make each waiter take one item; keep the producer and every assertion.",
        fails: Fails::Hangs("the producer waits for ever to put item 2 in"),
        hint: "`notify_all` woke both waiters for one item, and the second to get the lock found the queue empty again. After a wake-up, the condition you checked before waiting may no longer hold (and `wait` may even return with no notify at all).",
    },
    Exercise {
        name: "writer-announces-too-late",
        krate: "mutex",
        section: "rwlock-policy",
        bug: &[(
            "    /// Announces a writer, waits for the readers inside to leave, then runs `f`.\n    fn write<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {\n        let mut counts = self.counts.lock().unwrap();\n        counts.writers += 1;\n        self.changed.notify_all();\n        drop(self.changed.wait_while(counts, |c| c.readers > 0).unwrap());\n",
            "    /// Waits for the readers inside to leave, then runs `f` as the writer.\n    fn write<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {\n        let counts = self.counts.lock().unwrap();\n        let mut counts = self.changed.wait_while(counts, |c| c.readers > 0).unwrap();\n        counts.writers += 1;\n        self.changed.notify_all();\n        drop(counts);\n",
        )],
        task: "The program hangs after the first reader gets in. Make it end; new readers must still be kept out while a writer waits, and every assertion stays.",
        // 20/20 hang free, 20/20 pinned (timeout 5).
        fails: Fails::Hangs(
            "a deadlock: main, the writer and the first reader each wait for one of the others",
        ),
        hint: "Who can see that a writer wants in, and when does the gate first learn it?",
    },
    Exercise {
        name: "retry-a-poisoned-once",
        krate: "arc",
        section: "once-poisoned",
        bug: &[
            ("use std::sync::{Once, OnceState};", "use std::sync::Once;"),
            (
                "    SETUP.call_once_force(|state: &OnceState| {\n        saw_poisoned = state.is_poisoned();",
                "    SETUP.call_once(|| {\n        saw_poisoned = true;",
            ),
        ],
        task: "Main's retry of the failed setup panics. Let the retry finish loading the entries; keep every assertion.",
        // 20/20 fail free, 20/20 pinned; the same message on Rust 1.85 and 1.95.
        fails: Fails::Panic("Once instance has previously been poisoned"),
        hint: "A Once whose closure panicked refuses call_once while it stays poisoned; another method runs anyway and tells the closure what happened.",
    },
];
