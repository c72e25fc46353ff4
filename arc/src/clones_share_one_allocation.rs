//! A clone of an `Arc` is a second pointer to the same value, not a copy:
//! `Arc::clone` adds one to the count (atomically, so threads may clone at once),
//! and `Arc::strong_count` falls again with every drop.
//!
//! What to notice: every clone prints the original's address and `ptr_eq = true`;
//! the copy made for contrast is equal, but at another address with a count of its own.

use std::sync::Arc;

const CLONES: usize = 3;

pub fn main() {
    let original = Arc::new(vec![10, 20, 30]);
    println!(
        "original at {original:p}: strong_count = {}",
        Arc::strong_count(&original)
    );
    assert_eq!(Arc::strong_count(&original), 1);

    let mut clones = Vec::new();
    for n in 1..=CLONES {
        let clone = Arc::clone(&original);
        println!(
            "clone {n} at {clone:p}: ptr_eq = {}, strong_count = {}",
            Arc::ptr_eq(&clone, &original),
            Arc::strong_count(&original)
        );
        assert!(Arc::ptr_eq(&clone, &original));
        assert_eq!(Arc::strong_count(&original), 1 + n);
        clones.push(clone);
    }

    let copy = Arc::new(original.to_vec());
    println!(
        "copy at {copy:p}: equal = {}, ptr_eq = {}, strong_count = {}",
        copy == original,
        Arc::ptr_eq(&copy, &original),
        Arc::strong_count(&copy)
    );
    assert!(!Arc::ptr_eq(&copy, &original));

    while let Some(clone) = clones.pop() {
        drop(clone);
        println!(
            "clone dropped: strong_count = {}",
            Arc::strong_count(&original)
        );
    }
    assert_eq!(Arc::strong_count(&original), 1);
}
