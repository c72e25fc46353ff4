//! A `Weak` points at a value without owning it: `Arc::downgrade` makes one, and
//! `upgrade` gives back an `Arc` only while some `Arc` still owns the value. That is
//! how a child points at its parent. With `Weak` parent links, a tree is freed when
//! its root is dropped; with `Arc` links, parent and children own each other, their
//! counts never reach 0, and the tree leaks.
//!
//! What to notice: the counts at each step; no node of the `Weak` tree is left, every
//! node of the `Arc` tree is; and on another thread, `upgrade` gives `Some` before main
//! drops the last `Arc` and `None` after, in that order because channels say when.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak, mpsc};
use std::thread;

const CHILDREN: usize = 3;

/// How many nodes exist: each `Node::new` adds one, each drop takes one off.
static ALIVE: AtomicUsize = AtomicUsize::new(0);

enum Parent {
    Root,
    Weak(Weak<Node>),
    Strong(Arc<Node>),
}

struct Node {
    parent: Parent,
    children: Mutex<Vec<Arc<Node>>>,
}

impl Node {
    fn new(parent: Parent) -> Arc<Node> {
        ALIVE.fetch_add(1, Ordering::Relaxed);
        let children = Mutex::new(Vec::new());
        Arc::new(Node { parent, children })
    }

    fn parent(&self) -> Option<Arc<Node>> {
        match &self.parent {
            Parent::Root => None,
            Parent::Weak(parent) => parent.upgrade(),
            Parent::Strong(parent) => Some(Arc::clone(parent)),
        }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        ALIVE.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A root and its children, each linked to the root by `link`.
fn tree(link: fn(&Arc<Node>) -> Parent) -> Arc<Node> {
    let root = Node::new(Parent::Root);
    for _ in 0..CHILDREN {
        let child = Node::new(link(&root));
        root.children.lock().expect("not poisoned").push(child);
    }
    root
}

/// Builds a tree, shows its root's counts, drops the root, and returns the nodes left.
fn nodes_left(links: &str, link: fn(&Arc<Node>) -> Parent) -> usize {
    let root = tree(link);
    let child = Arc::clone(&root.children.lock().expect("not poisoned")[0]);
    let reaches_root = child
        .parent()
        .is_some_and(|parent| Arc::ptr_eq(&parent, &root));
    let (strong, weak) = (Arc::strong_count(&root), Arc::weak_count(&root));
    println!(
        "{links} links: a child reaches the root: {reaches_root}; root strong_count = {strong}, weak_count = {weak}"
    );
    drop(child);
    drop(root);
    let left = ALIVE.load(Ordering::Relaxed);
    println!(
        "{links} links: after dropping the root, {left} of {} nodes are left",
        1 + CHILDREN
    );
    left
}

pub fn main() {
    let freed = nodes_left("Weak", |root| Parent::Weak(Arc::downgrade(root)));
    assert_eq!(freed, 0);
    let leaked = nodes_left("Arc", |root| Parent::Strong(Arc::clone(root)));
    assert_eq!(leaked, 1 + CHILDREN);

    let value = Arc::new(String::from("settings"));
    let weak = Arc::downgrade(&value);
    let (upgraded, main_hears) = mpsc::channel();
    let (dropped, thread_hears) = mpsc::channel();
    let handle = thread::spawn(move || {
        // The `Arc` that `upgrade` returns is a temporary, dropped at the end of the line.
        println!(
            "other thread: upgrade() while main owns it: {:?}",
            weak.upgrade()
        );
        upgraded.send(()).expect("main waits for this");
        thread_hears
            .recv()
            .expect("main says when it has dropped its Arc");
        let strong = weak.strong_count();
        println!(
            "other thread: upgrade() after: {:?}, strong_count = {strong}",
            weak.upgrade()
        );
    });
    main_hears
        .recv()
        .expect("the thread says when it has upgraded");
    let (strong, weak) = (Arc::strong_count(&value), Arc::weak_count(&value));
    println!("main: strong_count = {strong}, weak_count = {weak}; dropping the last Arc");
    drop(value);
    dropped.send(()).expect("the thread waits for this");
    handle.join().expect("the upgrading thread panicked");
}
