//! Who goes first, new readers or a writer that is waiting? `RwLock`'s documentation
//! promises no policy: a writer waiting in `write` "might or might not block concurrent
//! calls to `read`". It also warns that a thread that takes a read lock again while a
//! writer waits may deadlock. A program that needs a policy builds it. Here a gate, a
//! `Mutex` of counts and a `Condvar`, stands in front of the `RwLock`: once a writer
//! has announced itself, no new reader gets past the gate until it has written. (A
//! steady stream of writers can now keep readers out: a policy chooses who may wait.)
//!
//! The gate alone decides who goes in: a reader passes only while no writer is
//! counted, a writer only once no reader is inside. So the `RwLock` behind it never
//! has readers and a waiting writer to choose between, and its policy, whatever it is
//! on Linux, Windows or macOS, never comes into play: behind the gate, `try_read` and
//! `try_write` always get the lock, and the program stops if one does not. A reader that reads again
//! inside its closure while a writer waits deadlocks here for certain: never do it.
//!
//! What to notice: the gate's `try_read` is refused while the writer waits, though a
//! reader is inside (a bare `RwLock` promises nothing either way); the next read comes
//! after the write and sees it.

use std::sync::mpsc;
use std::sync::{Condvar, Mutex, MutexGuard, RwLock};
use std::thread;

#[derive(Default)]
struct Counts {
    /// Readers past the gate.
    readers: usize,
    /// Writers waiting or writing.
    writers: usize,
}

/// An `RwLock` behind a gate that lets no new reader in while a writer waits.
struct WriterFirst<T> {
    counts: Mutex<Counts>,
    changed: Condvar,
    lock: RwLock<T>,
}

impl<T> WriterFirst<T> {
    fn new(value: T) -> Self {
        let (counts, changed) = (Mutex::default(), Condvar::new());
        WriterFirst {
            counts,
            changed,
            lock: RwLock::new(value),
        }
    }

    /// Runs `f` on the value once no writer waits or writes.
    fn read<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        let counts = self.counts.lock().unwrap();
        let counts = self.changed.wait_while(counts, |c| c.writers > 0).unwrap();
        self.pass_as_reader(counts, f)
    }

    /// Runs `f` on the value, or returns `None` if a writer waits or writes.
    fn try_read<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        let counts = self.counts.lock().unwrap();
        (counts.writers == 0).then(|| self.pass_as_reader(counts, f))
    }

    fn pass_as_reader<R>(&self, mut counts: MutexGuard<Counts>, f: impl FnOnce(&T) -> R) -> R {
        counts.readers += 1;
        drop(counts);
        let guard = self
            .lock
            .try_read()
            .expect("the gate let a reader meet a writer");
        let result = f(&guard);
        drop(guard);
        // The read guard is gone before a writer can see `readers` fall to 0.
        self.counts.lock().unwrap().readers -= 1;
        self.changed.notify_all();
        result
    }

    /// Announces a writer, waits for the readers inside to leave, then runs `f`.
    fn write<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let mut counts = self.counts.lock().unwrap();
        counts.writers += 1;
        self.changed.notify_all();
        drop(self.changed.wait_while(counts, |c| c.readers > 0).unwrap());
        let mut guard = self
            .lock
            .try_write()
            .expect("the gate let a writer meet a reader");
        let result = f(&mut guard);
        drop(guard);
        self.counts.lock().unwrap().writers -= 1;
        self.changed.notify_all();
        result
    }

    /// Returns once a writer has announced itself.
    fn until_a_writer_waits(&self) {
        let counts = self.counts.lock().unwrap();
        drop(self.changed.wait_while(counts, |c| c.writers == 0).unwrap());
    }
}

pub fn main() {
    let gate = &WriterFirst::new(vec![10, 20, 30]);
    let (inside_tx, inside) = mpsc::channel();
    let (leave_tx, leave) = mpsc::channel::<()>();
    thread::scope(|scope| {
        scope.spawn(move || {
            gate.read(|v| {
                println!("first reader: inside, reads {v:?}");
                inside_tx.send(()).unwrap();
                leave.recv().expect("main tells the first reader to leave");
            })
        });
        inside.recv().expect("the first reader gets in");
        scope.spawn(move || {
            gate.write(|v| {
                v.push(40);
                println!("writer: the first reader has left; pushed 40");
            })
        });
        gate.until_a_writer_waits();
        let refused = gate.try_read(|v| v.clone()).is_none();
        println!(
            "a writer waits behind the first reader; the gate's try_read is refused: {refused} \
             (a bare RwLock promises nothing either way)"
        );
        assert!(refused, "a new reader got in while a writer waited");
        leave_tx.send(()).unwrap();
        let seen = gate.read(|v| v.clone());
        println!("the next read waits for the writer, and reads {seen:?}");
        assert_eq!(seen, [10, 20, 30, 40]);
    });
}
