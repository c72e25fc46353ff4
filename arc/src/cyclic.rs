//! A value that must hand out `Arc`s to itself, say to a thread it starts, needs a
//! pointer to its own allocation, and that pointer must exist before the value does.
//! `Arc::new_cyclic` gives the constructor a `Weak` to the allocation it is about to
//! fill: stored in the value, it upgrades to an `Arc` of that same allocation from
//! then on. (During the constructor it upgrades to `None`: the value is not there yet.)
//! A `Weak`, not an `Arc`, so that the value does not own itself and is still dropped.
//!
//! What to notice: the `Arc` the thread got from `&self` points at the service main
//! holds; once main's `Arc` is gone, the service is dropped (its memory is freed when
//! the last `Weak`, here `watch`, goes too).

use std::sync::{Arc, Weak};
use std::thread::{self, JoinHandle};

struct Service {
    name: String,
    me: Weak<Service>,
}

impl Service {
    /// The service, and whether its `Weak` upgraded while it was being built.
    fn new(name: &str) -> (Arc<Service>, bool) {
        let mut upgraded_early = false;
        let service = Arc::new_cyclic(|me: &Weak<Service>| {
            upgraded_early = me.upgrade().is_some();
            let (name, me) = (name.to_owned(), Weak::clone(me));
            Service { name, me }
        });
        (service, upgraded_early)
    }

    /// Starts a thread that owns the service through an `Arc`, from `&self` alone.
    fn start(&self) -> JoinHandle<Arc<Service>> {
        let me = self.me.upgrade().expect("whoever calls this holds an Arc");
        thread::spawn(move || {
            println!("spawned thread: runs the service \"{}\"", me.name);
            me
        })
    }
}

pub fn main() {
    let (service, upgraded_early) = Service::new("the cache");
    let early = if upgraded_early { "Some" } else { "None" };
    println!(
        "inside new_cyclic the Weak cannot upgrade yet ({early}): the value is still being built"
    );
    let from_thread = service.start().join().expect("the service thread panicked");
    let same = Arc::ptr_eq(&from_thread, &service);
    println!("the thread's Arc points at main's service: {same}");
    let watch = Arc::downgrade(&service);
    drop((service, from_thread));
    let dropped = watch.upgrade().is_none();
    println!("after the last Arc is dropped, so is the service (upgrade gives None): {dropped}");
    assert!(!upgraded_early && same && dropped);
}
