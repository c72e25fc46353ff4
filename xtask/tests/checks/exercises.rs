//! `cargo xtask exercise` runs the checker, the `exercise` binary of the `checks`
//! crate (whose own tests check the exercises): the command line and exit codes pass
//! through unchanged.

use predicates::prelude::*;

use super::xtask;

#[test]
fn exercise_runs_the_checker_with_its_exit_codes() {
    // A name one letter off: exit code 2, the usage, and the nearest name.
    xtask(&["exercise", "forgot-mov"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("did you mean `forgot-move`?")
                .and(predicate::str::contains("Usage: cargo xtask exercise")),
        );
    xtask(&["exercise", "forgot-move", "--hint"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Hint for forgot-move: "));
    xtask(&["exercise", "forgot-move", "--bogus"])
        .assert()
        .code(2);
}
