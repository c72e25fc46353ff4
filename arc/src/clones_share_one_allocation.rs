//! A clone of an `Arc` is a second pointer to the same value, not a copy of it:
//! `Arc::clone` copies the pointer and adds one to the count (an atomic operation,
//! so threads may do it at the same time), and the vector itself is never copied.
//! `Arc::strong_count` rises with every clone and falls with every drop.
//!
//! What to notice: every clone prints the original's address and `ptr_eq = true`;
//! the copy made for contrast is equal but lives at another address, with a count
//! of its own.

use std::sync::Arc;

/// How many clones to make of the `Arc`.
const CLONES: usize = 3;

pub fn main() {
    let original = Arc::new(vec![10, 20, 30]);
    println!(
        "original at {:p}: strong_count = {}",
        original,
        Arc::strong_count(&original)
    );
    assert_eq!(Arc::strong_count(&original), 1);

    let mut clones = Vec::new();
    for n in 1..=CLONES {
        let clone = Arc::clone(&original);
        println!(
            "clone {n} at {:p}: ptr_eq = {}, strong_count = {}",
            clone,
            Arc::ptr_eq(&clone, &original),
            Arc::strong_count(&original)
        );
        assert!(Arc::ptr_eq(&clone, &original));
        assert_eq!(Arc::strong_count(&original), 1 + n);
        clones.push(clone);
    }

    // For contrast, a new `Arc` around a copy of the vector: equal, but a second
    // allocation with its own count.
    let copy = Arc::new(original.to_vec());
    println!(
        "copy at {:p}: equal = {}, ptr_eq = {}, strong_count = {}",
        copy,
        copy == original,
        Arc::ptr_eq(&copy, &original),
        Arc::strong_count(&copy)
    );
    assert!(!Arc::ptr_eq(&copy, &original));

    while let Some(clone) = clones.pop() {
        // Dropping a clone gives back one count; the vector stays while any remain.
        drop(clone);
        println!(
            "clone dropped: strong_count = {}",
            Arc::strong_count(&original)
        );
    }
    assert_eq!(Arc::strong_count(&original), 1);
}
