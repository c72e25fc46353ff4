// error: E0596
// To change shared data, put it in a lock: see `mutex/src/shared_counter.rs`. An `Arc`
// hands out only shared references (`&T`), so nothing can mutate the vector through it:
// other owners, maybe on other threads, may be reading it right now.
use std::sync::Arc;

fn main() {
    let v = Arc::new(vec![10, 20, 30]);
    v.push(40);
    println!("v: {v:?}");
}
