// error: E0373
// The fix is `move`: see `threads/src/move_closure.rs`. The notes' own example: the
// closure borrows `s`, but a spawned thread may outlive `foo`, so the compiler refuses
// the borrow.
use std::thread;

fn foo() {
    let s = String::from("Hello");
    thread::spawn(|| {
        println!("Length: {}", s.len());
    });
}

fn main() {
    foo();
}
