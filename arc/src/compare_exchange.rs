//! `compare_exchange` changes an atomic only if it still holds the value you saw; if
//! another thread got there first, it fails and returns what is there now, and the
//! loop tries again from that. Here it hands out IDs that stop at a limit instead of
//! wrapping, which `fetch_add` cannot do. The `_weak` form may also fail when nothing
//! changed, on any target; the loop absorbs that too. Whether it really does depends on
//! the instruction the compiler emits for it: a load-linked/store-conditional pair
//! (ARMv8.0, 32-bit ARM, RISC-V) can fail spuriously, a compare-and-swap instruction
//! (x86-64's `lock cmpxchg`, AArch64's `cas` with LSE, as on Apple's processors)
//! does not. At its smallest, the same question is `swap(true)` on a flag: only the
//! one thread that gets `false` back wins. A strong `compare_exchange` also tells the
//! others who won: it fails only when the value differs, so it is the form to use for
//! one attempt with no loop, where a spurious failure would be taken for a loss.
//!
//! What to notice: every ID below the limit is handed out exactly once and every
//! call after that is refused, however the threads interleave; one thread wins the flag,
//! and one wins the election, whose `Err` tells each of the others the winner's number.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::thread;

/// Callers, not a split of the work: a fixed number, so that even one core has a race.
const THREADS: u32 = 4;
/// Enough calls that the threads overlap, even on a loaded machine; fewer under the
/// checkers, which try far more interleavings (CHECKS.md).
const CALLS: u32 = if cfg!(miri) { 4 } else { 100_000 };
/// Fewer IDs than calls, so that some calls are refused.
const LIMIT: u32 = 3 * CALLS;
/// No leader elected yet: the threads are numbered from 1.
const NO_LEADER: u32 = 0;

/// The next free ID, or `None` once every ID below `LIMIT` is taken.
fn allocate(next: &AtomicU32) -> Option<u32> {
    let mut seen = next.load(Ordering::Relaxed);
    loop {
        if seen == LIMIT {
            return None;
        }
        // `Relaxed`: an ID orders no other memory, and a compare_exchange never succeeds
        // on a value that is no longer the latest.
        match next.compare_exchange_weak(seen, seen + 1, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return Some(seen),
            Err(now) => seen = now,
        }
    }
}

/// What one thread got.
struct Got {
    /// Whether its `swap(true)` got `false` back.
    won_flag: bool,
    /// `Ok(me)` if its one `compare_exchange` elected it, else `Err` with the leader.
    elected: Result<u32, u32>,
    ids: Vec<u32>,
    refused: u32,
}

pub fn main() {
    let next = AtomicU32::new(0);
    let flag = AtomicBool::new(false);
    let leader = AtomicU32::new(NO_LEADER);
    let results: Vec<Got> = thread::scope(|scope| {
        let handles: Vec<_> = (1..=THREADS)
            .map(|me| {
                let (next, flag, leader) = (&next, &flag, &leader);
                scope.spawn(move || {
                    let won_flag = !flag.swap(true, Ordering::Relaxed);
                    // One attempt, no loop: the strong form, so that `Err` means a winner.
                    let elected = leader
                        .compare_exchange(NO_LEADER, me, Ordering::Relaxed, Ordering::Relaxed)
                        .map(|_| me);
                    let (mut ids, mut refused) = (Vec::new(), 0);
                    for _ in 0..CALLS {
                        match allocate(next) {
                            Some(id) => ids.push(id),
                            None => refused += 1,
                        }
                    }
                    Got {
                        won_flag,
                        elected,
                        ids,
                        refused,
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("an allocating thread panicked"))
            .collect()
    });
    let winners = results.iter().filter(|got| got.won_flag).count();
    let leader = leader.into_inner();
    let elected: Vec<u32> = results.iter().filter_map(|got| got.elected.ok()).collect();
    let told_the_winner = results
        .iter()
        .filter(|got| got.elected == Err(leader))
        .count();
    let refused: u32 = results.iter().map(|got| got.refused).sum();
    let mut times = vec![0_u32; LIMIT as usize];
    for got in &results {
        got.ids.iter().for_each(|&id| times[id as usize] += 1);
    }
    let handed_out: u32 = times.iter().sum();
    let each_once = times.iter().all(|&n| n == 1);
    println!(
        "{THREADS} threads × {CALLS} calls: {handed_out} IDs handed out, {refused} calls refused"
    );
    println!("every ID below {LIMIT} handed out exactly once: {each_once}");
    println!("swap(true) on one flag: {winners} of {THREADS} threads got false back");
    println!(
        "one compare_exchange each on the leader: {} got Ok; {told_the_winner} got Err with the winner's number",
        elected.len()
    );
    assert!(each_once);
    assert_eq!(refused, THREADS * CALLS - LIMIT);
    assert_eq!(winners, 1);
    assert_eq!(elected, [leader]);
    assert_eq!(told_the_winner, THREADS as usize - 1);
}
