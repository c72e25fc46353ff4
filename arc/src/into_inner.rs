//! Getting the value back out of an `Arc`, or changing it. `Arc::into_inner` gives the
//! value to the owner that lets go last and `None` to every other, even when all of
//! them let go at once. (`try_unwrap`, then dropping the `Err` it hands back, can leave
//! the value to no one: two owners each see the other's `Arc`, and both give up; a rare
//! race, but a possible one.) `try_unwrap` suits an owner that keeps its `Arc` while
//! others remain: it gives the `Arc` back in its `Err`.
//! `unwrap_or_clone` moves the value out of the last `Arc`, and clones a shared one's.
//! `get_mut` gives `&mut` only to a sole owner (no other `Arc`, and no `Weak` either),
//! and `make_mut` clones a shared value first, so the other owners never see the change.
//!
//! What to notice: exactly one owner got the value; `try_unwrap` gave a shared `Arc`
//! back; `unwrap_or_clone` copied the shared vector but moved the last owner's; `get_mut`
//! gave nothing while the value was shared; after `make_mut` the two `Arc`s point at
//! different values.

use std::sync::Arc;
use std::thread;

/// Owners letting go at once, each on its own thread.
const OWNERS: usize = 8;

pub fn main() {
    let value = Arc::new(vec![10, 20, 30]);
    let mut owners: Vec<_> = (1..OWNERS).map(|_| Arc::clone(&value)).collect();
    // Main keeps no `Arc`: a plain drop of the last one would leave the value to no one.
    owners.push(value);
    let handles: Vec<_> = owners
        .into_iter()
        .map(|mine| thread::spawn(move || Arc::into_inner(mine)))
        .collect();
    let got: Vec<Vec<i32>> = handles
        .into_iter()
        .filter_map(|handle| handle.join().expect("an owner thread panicked"))
        .collect();
    let values: Vec<String> = got.iter().map(|value| format!("{value:?}")).collect();
    println!(
        "{OWNERS} owners called Arc::into_inner: {} got the value {}, {} got None",
        got.len(),
        values.join(" and "),
        OWNERS - got.len()
    );
    assert_eq!(got, [vec![10, 20, 30]]);

    let first = Arc::new(vec![10, 20, 30]);
    let second = Arc::clone(&first);
    let first = Arc::try_unwrap(first).expect_err("second shares the value");
    let given_back = Arc::ptr_eq(&first, &second);
    println!(
        "try_unwrap while another Arc shares the value: Err, the same Arc back = {given_back}"
    );
    // The vector's buffer: a clone gets a new one, a move keeps it.
    let buffer = second.as_ptr();
    let cloned = Arc::unwrap_or_clone(first);
    let moved = Arc::unwrap_or_clone(second);
    let (copied, kept) = (cloned.as_ptr() != buffer, moved.as_ptr() == buffer);
    println!("unwrap_or_clone while shared: copies the vector = {copied}");
    println!("unwrap_or_clone by the last owner: moves it out, same buffer = {kept}");
    assert!(given_back, "try_unwrap did not give the shared Arc back");
    assert!(copied && kept, "unwrap_or_clone cloned the wrong one");
    assert_eq!((cloned, moved), (vec![10, 20, 30], vec![10, 20, 30]));

    let mut mine = Arc::new(vec![10, 20, 30]);
    let other = Arc::clone(&mine);
    let gave_mut = Arc::get_mut(&mut mine).is_some();
    println!("get_mut while another Arc shares the value: gives &mut = {gave_mut}");
    let before = Arc::ptr_eq(&mine, &other);
    Arc::make_mut(&mut mine).push(40);
    let after = Arc::ptr_eq(&mine, &other);
    println!("make_mut: ptr_eq before = {before}, after = {after}");
    println!("mine = {mine:?}, the other owner's = {other:?}");
    assert!(!gave_mut, "get_mut gave &mut to a shared value");
    assert!(before && !after, "make_mut did not clone the shared value");
    assert_eq!(
        *other,
        [10, 20, 30],
        "make_mut changed the other owner's value"
    );
    drop(other);
    Arc::get_mut(&mut mine).expect("the only Arc").push(50);
    println!("get_mut as the only Arc: changed in place, mine = {mine:?}");
    assert_eq!(*mine, [10, 20, 30, 40, 50]);
}
