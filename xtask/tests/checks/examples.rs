//! The example crates, checked from outside: the command-line contract every
//! crate's binary keeps, the copy-out promise of every section file, the blocks that
//! must stay the same in every crate, and every file that points at a section.

use std::collections::hash_map::DefaultHasher;
use std::ffi::OsString;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use assert_cmd::Command;
use predicates::prelude::*;

use super::{TIMEOUT, root, rustc, scratch, stdout, stdout_of, workspace};

/// One example crate: its name, its binary, and its sections as its `--list` gives them.
pub struct Example {
    pub name: String,
    binary: PathBuf,
    pub sections: Vec<Section>,
}

pub struct Section {
    pub name: String,
    claim: String,
}

impl Example {
    fn command(&self) -> Command {
        let mut command = Command::new(&self.binary);
        command.timeout(TIMEOUT);
        command
    }

    /// The file a reader copies for `section`: the section's name with `_` for `-`.
    pub fn file_of(&self, section: &Section) -> String {
        format!("{}/src/{}.rs", self.name, section.name.replace('-', "_"))
    }
}

/// Every section file, `<crate>/src/<section>.rs`.
fn section_files() -> Vec<String> {
    examples()
        .iter()
        .flat_map(|example| example.sections.iter().map(|s| example.file_of(s)))
        .collect()
}

/// Every example crate in teaching order (the root `Cargo.toml`'s `members`), its
/// binary built by one `cargo build`, asked once for all the tests.
pub fn examples() -> &'static [Example] {
    static EXAMPLES: OnceLock<Vec<Example>> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        let built = workspace::build(&workspace::example_crates())
            .unwrap_or_else(|error| panic!("{error}"));
        built
            .into_iter()
            .map(|(name, binary)| {
                let list = Command::new(&binary)
                    .arg("--list")
                    .timeout(TIMEOUT)
                    .assert()
                    .success();
                let sections = String::from_utf8_lossy(&list.get_output().stdout)
                    .lines()
                    .map(|line| {
                        let (name, claim) = line.split_once("  ").unwrap_or_else(|| {
                            panic!("{name} --list: `{line}` is not `<section>  <claim>`")
                        });
                        Section {
                            name: name.to_owned(),
                            claim: claim.trim_start().to_owned(),
                        }
                    })
                    .collect();
                Example {
                    name,
                    binary,
                    sections,
                }
            })
            .collect()
    })
}

/// Runs `job` on every item, on as many threads as there are cores: each job runs
/// processes that mostly wait.
fn in_parallel<T: Sync>(items: &[T], job: impl Fn(&T) + Sync) {
    let next = AtomicUsize::new(0);
    let threads = thread::available_parallelism().map_or(2, |n| n.get() * 2);
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) {
                    job(item);
                }
            });
        }
    });
}

// ---- The command line of every example binary ----

#[test]
fn every_crate_prints_its_usage_and_sections_for_help_and_h() {
    for example in examples() {
        for flag in ["--help", "-h"] {
            let help = example.command().arg(flag).assert().success().stderr("");
            let help = stdout(&help);
            assert!(
                help.starts_with(&format!("Usage: {} [SECTION]\n", example.name)),
                "{} {flag} does not start with its usage:\n{help}",
                example.name
            );
            for section in &example.sections {
                assert!(
                    help.lines()
                        .any(|line| line.trim_start().starts_with(&section.name)
                            && line.ends_with(&section.claim)),
                    "{} {flag} does not show `{}` with its claim:\n{help}",
                    example.name,
                    section.name
                );
            }
        }
    }
}

#[test]
fn every_crate_runs_its_sections_in_list_order_each_under_its_header() {
    let mut runs: Vec<(&Example, Option<&Section>)> = Vec::new();
    for example in examples() {
        runs.push((example, None));
        runs.extend(
            example
                .sections
                .iter()
                .map(|section| (example, Some(section))),
        );
    }
    let header = |section: &Section| format!("=== {}: {} ===", section.name, section.claim);
    in_parallel(&runs, |(example, section)| match section {
        // No argument: every section, in the order `--list` gives.
        None => {
            let all = stdout(&example.command().assert().success());
            let headers: Vec<&str> = all.lines().filter(|l| l.starts_with("=== ")).collect();
            let listed: Vec<String> = example.sections.iter().map(header).collect();
            assert_eq!(
                headers, listed,
                "{}: the sections run in another order than --list gives, or their headers differ:\n{all}",
                example.name
            );
        }
        // One section: its header first, and no other.
        Some(section) => {
            let alone = stdout(&example.command().arg(&section.name).assert().success());
            let headers: Vec<&str> = alone.lines().filter(|l| l.starts_with("=== ")).collect();
            assert_eq!(
                headers,
                [header(section)],
                "{} {}: not one header line:\n{alone}",
                example.name,
                section.name
            );
            assert!(alone.starts_with(&header(section)), "{alone}");
        }
    });
}

#[test]
fn every_crate_answers_a_wrong_command_line_with_its_usage_and_exit_code_2() {
    for example in examples() {
        let first = &example.sections[0].name;
        #[cfg_attr(not(unix), allow(unused_mut))] // only unix can make a non-UTF-8 argument
        let mut wrong: Vec<Vec<OsString>> = vec![
            vec!["nope".into()],
            vec!["--bogus".into()],
            vec![first.into(), first.into()],
        ];
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            // Not UTF-8: a user's mistake like any other, not a panic.
            wrong.push(vec![OsString::from_vec(vec![0x66, 0x6f, 0xff])]);
        }
        for args in wrong {
            example
                .command()
                .args(&args)
                .env("RUST_BACKTRACE", "1")
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::starts_with("error: "))
                .stderr(predicate::str::contains(format!(
                    "Usage: {} [SECTION]",
                    example.name
                )))
                .stderr(predicate::str::contains("panicked").not());
        }
    }
}

#[test]
fn a_section_asked_of_a_crate_without_it_is_answered_with_the_crates_that_have_it() {
    let all = examples();
    // Each section once, asked of the first crate after its own (in teaching order,
    // wrapping round) that lacks it, with every crate that has it.
    let mut asks: Vec<(&Example, &str, Vec<&str>)> = Vec::new();
    for (at, example) in all.iter().enumerate() {
        for section in &example.sections {
            let name = section.name.as_str();
            if asks.iter().any(|(_, asked, _)| *asked == name) {
                continue;
            }
            let has = |e: &Example| e.sections.iter().any(|s| s.name == name);
            let owners: Vec<&str> = all
                .iter()
                .filter(|e| has(e))
                .map(|e| e.name.as_str())
                .collect();
            let lacks = (1..all.len())
                .map(|i| &all[(at + i) % all.len()])
                .find(|e| !has(e));
            if let Some(lacks) = lacks {
                asks.push((lacks, name, owners));
            }
        }
    }
    in_parallel(&asks, |(asked, section, owners)| {
        let runs: Vec<String> = owners
            .iter()
            .map(|owner| format!("cargo run -p {owner} -- {section}"))
            .collect();
        let answer = match owners.as_slice() {
            [owner] => format!("`{section}` is a section of {owner}: {}", runs[0]),
            _ => format!(
                "`{section}` is a section of {}:\n  {}",
                owners.join(", "),
                runs.join("\n  ")
            ),
        };
        let run = asked.command().arg(section).assert().code(2).stdout("");
        let stderr = String::from_utf8_lossy(&run.get_output().stderr);
        let wanted = format!("error: {answer}\n\nUsage: {} [SECTION]", asked.name);
        assert!(
            stderr.starts_with(&wanted),
            "`{} {section}` should start its stderr with\n{wanted}\nbut it printed\n{stderr}\n\
             common/cli.rs finds a section in INDEXES, each crate's src/main.rs, by its line \
             `name: \"{section}\",`: is a crate missing there?",
            asked.name
        );
    });
}

#[test]
fn xtask_list_shows_every_crate_with_its_sections() {
    let mut expected = String::new();
    for example in examples() {
        let name = &example.name;
        expected += &format!("{name}  (cargo run -p {name} -- <section>)\n");
        // `--list` aligns the claims after the longest name.
        let width = example.sections.iter().map(|s| s.name.len()).max();
        for section in &example.sections {
            let width = width.unwrap_or(0);
            expected += &format!("  {:<width$}  {}\n", section.name, section.claim);
        }
    }
    assert_eq!(stdout_of(&["list"]), expected);
}

// ---- Every section is a program you can copy ----

/// What each section prints, its crate's `guarantees.txt`: the copy-out check holds a
/// file's own run to it, as the crate's tests hold the crate's runs.
#[path = "../../../common/guarantees.rs"]
mod guarantees;

/// Where the copy-out check keeps the programs it builds: a file's program is named
/// after a hash of its text and of the compiler's version, so a warm `cargo test`
/// builds again only the section files that changed.
fn copy_out_binary(file: &str, text: &str) -> PathBuf {
    static RUSTC_VERSION: OnceLock<String> = OnceLock::new();
    let version = RUSTC_VERSION.get_or_init(|| {
        let version = rustc().arg("-vV").assert().success();
        stdout(&version)
    });
    let mut hasher = DefaultHasher::new();
    (version, text).hash(&mut hasher);
    // `.exe` on Windows, where a program needs its extension to start.
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("copy-out")
        .join(format!(
            "{}-{:016x}{}",
            file.replace(['/', '.'], "-"),
            hasher.finish(),
            std::env::consts::EXE_SUFFIX
        ))
}

#[test]
fn every_section_file_builds_alone_and_prints_what_its_section_prints() {
    let mut jobs: Vec<(&Example, &Section)> = Vec::new();
    for example in examples() {
        jobs.extend(example.sections.iter().map(|section| (example, section)));
    }
    in_parallel(&jobs, |(example, section)| {
        let file = example.file_of(section);
        let text = fs::read_to_string(root().join(&file))
            .unwrap_or_else(|_| panic!("{file} is missing: each section is a file of its own"));
        let binary = copy_out_binary(&file, &text);
        if !binary.is_file() {
            fs::create_dir_all(binary.parent().expect("a folder")).expect("a folder for it");
            // The copy-out promise: the file alone, std alone, no cargo, no warnings.
            let build = rustc()
                .args(["--edition", "2024", "-D", "warnings", "-o"])
                .arg(&binary)
                .arg(root().join(&file))
                .output()
                .expect("rustc runs");
            assert!(
                build.status.success(),
                "{file} does not build alone with `rustc --edition 2024 -D warnings {file}`; \
                 it must not need anything from another file:\n{}",
                String::from_utf8_lossy(&build.stderr)
            );
        }
        let alone = Command::new(&binary).timeout(TIMEOUT).assert().success();
        let data_file = format!("{}/guarantees.txt", example.name);
        let data = fs::read_to_string(root().join(&data_file)).expect("every crate has one");
        let data = guarantees::load(&data, &data_file);
        let lines: Vec<String> = stdout(&alone).lines().map(str::to_owned).collect();
        let problems = data
            .iter()
            .find(|g| g.section == section.name)
            .map(|g| g.check(&lines).problems)
            .unwrap_or_else(|| vec![format!("{data_file} has no [{}]", section.name)]);
        assert!(
            problems.is_empty(),
            "{file} built alone prints other lines than its section, `cargo run -p {} -- {}`, \
             as {data_file} says:\n{}",
            example.name,
            section.name,
            problems.join("\n")
        );
    });
}

/// The blocks that stay copied: `cargo xtask copies` writes them from `common/`.
#[path = "../../src/copies.rs"]
mod copies;

#[test]
fn every_copied_block_is_as_its_source() {
    // The task's check mode, which writes nothing: the test sees the tree as it is.
    let run = super::tasks(&["copies", "--check"]).assert();
    let output = run.get_output();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_copies_task_writes_a_drifted_copy_back_from_its_source() {
    let dir = scratch("copies");
    fs::create_dir_all(dir.join("common")).expect("a folder");
    fs::create_dir_all(dir.join("a/src")).expect("a folder");
    fs::write(dir.join("common/x.rs"), "fn shared() {}\n").expect("written");
    let copy = |body: &str| {
        format!(
            "fn before() {{}}\n// ---- the x: written from common/x.rs by `cargo xtask copies` ----\n\
             {body}// ---- end of the x ----\nfn after() {{}}\n"
        )
    };
    fs::write(dir.join("a/src/main.rs"), copy("fn shared() { }\n")).expect("written");
    let found = copies::find(&dir, &["a".to_owned()]).expect("readable");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].file, dir.join("a/src/main.rs"));
    assert_eq!(found[0].sources, ["common/x.rs"]);
    assert_eq!(found[0].now, copy("fn shared() { }\n"));
    assert_eq!(found[0].written, copy("fn shared() {}\n"));
    let _ = fs::remove_dir_all(&dir);
}

// ---- Every crate's files, and what points at them ----

#[test]
fn every_example_crate_has_its_header_its_tests_and_one_file_per_section() {
    let mut problems: Vec<String> = Vec::new();
    for example in examples() {
        let name = &example.name;
        let dir = root().join(name);
        let main = fs::read_to_string(dir.join("src/main.rs")).unwrap_or_default();
        if !main.starts_with("//! ") {
            problems.push(format!(
                "{name}/src/main.rs: start it with a `//!` that introduces the crate"
            ));
        }
        let tests = fs::read_to_string(dir.join("tests").join(format!("{name}.rs")));
        match tests {
            Err(_) => problems.push(format!("{name}/tests/{name}.rs: add the crate's tests")),
            Ok(tests) => {
                for section in &example.sections {
                    // A call that runs it: `check(CHECKS, "x")`, `check_runs` or
                    // `check_within` the same way, `section("x")`, `.arg("x")` or
                    // `run(&["x"])`.
                    let quoted = format!("\"{}\"", section.name);
                    let runs_it = ["CHECKS, ", "section(", "section_within(", "arg(", "run(&["]
                        .iter()
                        .any(|call| tests.contains(&format!("{call}{quoted}")));
                    if !runs_it {
                        problems.push(format!(
                            "{name}/tests/{name}.rs: no test runs the section `{}`; add one",
                            section.name
                        ));
                    }
                }
            }
        }
        let files: Vec<String> = example
            .sections
            .iter()
            .map(|s| example.file_of(s))
            .collect();
        for file in &files {
            let text = fs::read_to_string(root().join(file)).unwrap_or_default();
            if !text.starts_with("//! ") {
                problems.push(format!(
                    "{file}: the section's file, starting with a `//!`: the claim, what to notice"
                ));
            }
            if !text.contains("\npub fn main() {") {
                problems.push(format!(
                    "{file}: the section's program needs its `pub fn main()`"
                ));
            }
        }
        for entry in fs::read_dir(dir.join("src")).into_iter().flatten() {
            let file = format!(
                "{name}/src/{}",
                entry.expect("an entry").file_name().to_string_lossy()
            );
            if file != format!("{name}/src/main.rs") && !files.contains(&file) {
                problems.push(format!(
                    "{file}: not a section of {name}; a section file is named after a section in {name}/src/main.rs"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_readme_lists_every_section_with_a_link_to_its_file_and_its_claim() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README.md exists");
    let mut problems = Vec::new();
    for example in examples() {
        let heading = format!("\n### {}\n", example.name);
        let Some((_, part)) = readme.split_once(&heading) else {
            problems.push(format!("README.md: add the heading `### {}`", example.name));
            continue;
        };
        let part = part.split("\n#").next().unwrap_or_default();
        for section in &example.sections {
            let line = format!(
                "[{}]({}): {}",
                section.name,
                example.file_of(section),
                section.claim
            );
            if !part
                .lines()
                .any(|l| l.starts_with("- ") && l.ends_with(&line))
            {
                problems.push(format!(
                    "README.md does not list the section `{}` under `### {}`; add the line `- {line}`",
                    section.name, example.name
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The line of a crate's `//!` that lists `section`: its name, linked to its module's
/// page, and its claim, each `<` escaped so that rustdoc reads no HTML tag.
fn doc_line(section: &Section) -> String {
    format!(
        "//! - [`{}`](mod@{}): {}",
        section.name,
        section.name.replace('-', "_"),
        section.claim.replace('<', "\\<")
    )
}

#[test]
fn every_crate_page_lists_its_sections_in_teaching_order_with_their_claims() {
    let mut problems = Vec::new();
    for example in examples() {
        let file = format!("{}/src/main.rs", example.name);
        let main = fs::read_to_string(root().join(&file)).unwrap_or_default();
        let listed: Vec<&str> = main
            .lines()
            .take_while(|line| line.starts_with("//!"))
            .filter(|line| line.starts_with("//! - ["))
            .collect();
        let wanted: Vec<String> = example.sections.iter().map(doc_line).collect();
        if listed != wanted {
            problems.push(format!(
                "{file}: the `//!` list of sections differs from SECTIONS (the order, a name \
                 or a claim); make its `- [` lines these, in this order:\n{}",
                wanted.join("\n")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The sections the README marks `**+**`, beyond the notes: their files.
fn beyond_the_notes(readme: &str) -> Vec<String> {
    readme
        .lines()
        .filter_map(|line| line.strip_prefix("- **+** ["))
        .filter_map(|rest| Some(rest.split_once("](")?.1.split_once(')')?.0.to_owned()))
        .collect()
}

/// What the "checked by" cell of a CHECKS.md row may say instead of naming checks:
/// the row is about a bench, which shows a cost and asserts nothing about it.
const SHOWN_BY_THE_BENCH: &str = "shown by the bench";

#[test]
fn checks_md_names_for_every_section_checks_that_exist() {
    let checks = fs::read_to_string(root().join("CHECKS.md")).expect("CHECKS.md exists");
    let readme = fs::read_to_string(root().join("README.md")).expect("README.md exists");
    let beyond = beyond_the_notes(&readme);
    let mut tests = String::new();
    for example in examples() {
        let name = &example.name;
        let file = root().join(name).join("tests").join(format!("{name}.rs"));
        tests += &fs::read_to_string(file).unwrap_or_default();
    }
    // Each row with the table it stands in: the `## ` heading above it.
    let mut rows: Vec<(&str, &str)> = Vec::new();
    let mut table = "";
    for line in checks.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            table = heading;
        } else if line.starts_with("| ") && line.contains("](") {
            rows.push((table, line));
        }
    }
    let mut problems = Vec::new();
    for (_, row) in &rows {
        // The last column says how the schedules check it; the one before, which tests.
        let checked_by = row
            .trim_end_matches('|')
            .rsplit('|')
            .nth(1)
            .unwrap_or_default();
        let named: Vec<&str> = checked_by.split('`').skip(1).step_by(2).collect();
        // A bench shows a cost; it fails only if the bench cannot run, never when the
        // claim is false, so it is no check.
        let bench = row.contains("/benches/") && checked_by.contains(SHOWN_BY_THE_BENCH);
        if named.is_empty() && !bench {
            problems.push(format!(
                "CHECKS.md: this row names no check; name the test that fails when its claim \
                 is false, or, for a row about a bench, write `{SHOWN_BY_THE_BENCH}`:\n{row}"
            ));
        }
        for check in named {
            let exists = if check.contains("/benches/") || check == "every_benchmark_runs" {
                problems.push(format!(
                    "CHECKS.md names `{check}` as a check, but a bench asserts nothing about \
                     what it measures; write `{SHOWN_BY_THE_BENCH}` instead:\n{row}"
                ));
                continue;
            } else if check.contains('/') {
                check.contains("/compile-fail/") && root().join(check).is_file()
            } else {
                tests.contains(&format!("fn {check}("))
            };
            if !exists {
                problems.push(format!(
                    "CHECKS.md names `{check}`, which is neither a test nor a compile-fail case:\n{row}"
                ));
            }
        }
    }
    for example in examples() {
        for section in &example.sections {
            let file = example.file_of(section);
            let link = format!("]({file})");
            let Some((table, _)) = rows.iter().find(|(_, row)| row.contains(&link)) else {
                problems.push(format!(
                    "CHECKS.md has no row for `{} {}`; add one linking {file}",
                    example.name, section.name
                ));
                continue;
            };
            // The README's `**+**` says which table: beyond the notes, or the notes'.
            let wanted = if beyond.contains(&file) {
                "Beyond the notes"
            } else {
                "The claims of the notes"
            };
            if *table != wanted {
                problems.push(format!(
                    "CHECKS.md: the row of `{} {}` stands under `## {table}`; move it under \
                     `## {wanted}` (the README marks a section beyond the notes with **+**)",
                    example.name, section.name
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The sections whose claim their program cannot assert, as README.md names them:
/// the files linked by the list after `UNASSERTED` under `## What is checked`.
fn unasserted_in_readme(readme: &str) -> Vec<String> {
    let checked = readme
        .split_once("\n## What is checked\n")
        .map(|(_, part)| part.split("\n## ").next().unwrap_or_default())
        .unwrap_or_default();
    let Some((_, list)) = checked.split_once(UNASSERTED) else {
        return Vec::new();
    };
    list.lines()
        .skip(1)
        .skip_while(|line| !line.trim_start().starts_with("- ["))
        .take_while(|line| line.trim_start().starts_with("- [") || line.starts_with("    "))
        .filter_map(|line| line.trim_start().strip_prefix("- ["))
        .filter_map(|rest| Some(rest.split_once("](")?.1.split_once(')')?.0.to_owned()))
        .collect()
}

/// The words in README.md that introduce the list of sections without an assertion.
const UNASSERTED: &str = "the program cannot assert its claim";

/// Whether a line of code (not a comment) calls `assert!`, `assert_eq!` or `assert_ne!`.
fn asserts(line: &str) -> bool {
    let code = line.trim_start();
    !code.starts_with("//")
        && ["assert!(", "assert_eq!(", "assert_ne!("]
            .iter()
            .any(|call| code.contains(call))
}

#[test]
fn every_section_file_asserts_its_claim_or_the_readme_says_why_it_cannot() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README.md exists");
    let unasserted = unasserted_in_readme(&readme);
    let files = section_files();
    let mut problems = Vec::new();
    for file in &files {
        let text = fs::read_to_string(root().join(file)).unwrap_or_default();
        let asserted = text.lines().any(asserts);
        let listed = unasserted.contains(file);
        if !asserted && !listed {
            problems.push(format!(
                "{file} asserts nothing: end the section with the assertion of its claim; \
                 if the program cannot assert it, name the section in README.md under \
                 `## What is checked`, in the list after \"{UNASSERTED}\", and say why"
            ));
        }
        if asserted && listed {
            problems.push(format!(
                "{file} asserts its claim: take it out of README.md's list of sections where \
                 {UNASSERTED}"
            ));
        }
    }
    for file in unasserted.iter().filter(|file| !files.contains(file)) {
        problems.push(format!(
            "README.md's list of sections where {UNASSERTED} links {file}, not a section file"
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every file of the repository that git would see: the tree, less `.git`, the
/// target folder and what `.gitignore` names (`/target`).
fn repository_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != ".git" && path != root().join("target") {
                repository_files(&path, files);
            }
        } else {
            files.push(path);
        }
    }
}

#[test]
fn no_file_of_the_repository_names_a_folder_beside_it() {
    // Built from parts, so that this file does not name it either.
    let beside = ["..", "shared"].join("/");
    let mut files = Vec::new();
    repository_files(&root(), &mut files);
    let mut problems = Vec::new();
    for file in files {
        // Text files only: a file that is not UTF-8 names nothing.
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        if text.contains(&beside) {
            problems.push(format!(
                "{} names {beside}, which a clone does not have: name what is in the repository (.ci/)",
                file.strip_prefix(root()).unwrap_or(&file).display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_compile_fail_case_points_to_a_section_file_that_exists() {
    let files = section_files();
    let mut cases = 0;
    for example in examples() {
        for case in fs::read_dir(root().join(&example.name).join("compile-fail"))
            .into_iter()
            .flatten()
        {
            let case = case.expect("an entry").path();
            let shown = case
                .strip_prefix(root())
                .unwrap_or(&case)
                .display()
                .to_string();
            let text = fs::read_to_string(&case).expect("readable");
            // The header comment: each `<crate>/src/<file>.rs` it names in backticks.
            let header: Vec<&str> = text
                .lines()
                .map_while(|line| line.strip_prefix("//"))
                .collect();
            let header = header.join(" ");
            let named: Vec<&str> = header
                .split('`')
                .skip(1)
                .step_by(2)
                .filter(|quoted| quoted.contains("/src/"))
                .collect();
            assert!(
                !named.is_empty(),
                "{shown}: its header should say where the fix is shown: `see `<crate>/src/<section>.rs``"
            );
            for file in named {
                assert!(
                    files.iter().any(|known| known == file),
                    "{shown}: `{file}` is not a section file; the section files: {files:?}"
                );
            }
            cases += 1;
        }
    }
    assert!(cases > 0, "no compile-fail cases found");
}

/// The schedules column of each CHECKS.md row says what `checks/sections.txt` says:
/// `1,000 PCT + 1,000 random` for a section explored under that many schedules of
/// each scheduler, and `none: <why>` for one that is not.
#[test]
fn checks_md_says_which_sections_run_under_controlled_schedules() {
    let checks = fs::read_to_string(root().join("CHECKS.md")).expect("CHECKS.md exists");
    let list = fs::read_to_string(root().join("checks").join("sections.txt"))
        .expect("checks/sections.txt exists");
    let explored: Vec<(String, String)> = list
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let n: usize = words[2].parse().expect("a count of schedules");
            let n = if n >= 1_000 {
                format!("{},{:03}", n / 1_000, n % 1_000)
            } else {
                n.to_string()
            };
            (
                format!("[{} {}](", words[0], words[1]),
                format!("{n} PCT + {n} random"),
            )
        })
        .collect();
    let mut problems = Vec::new();
    for row in checks
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("]("))
    {
        let cell = row
            .trim_end_matches('|')
            .rsplit('|')
            .next()
            .unwrap_or_default()
            .trim();
        let wanted = explored
            .iter()
            .find(|(link, _)| row.contains(link.as_str()))
            .map(|(_, cell)| cell.as_str());
        match wanted {
            Some(wanted) if cell != wanted => problems.push(format!(
                "CHECKS.md: checks/sections.txt explores this section; its last cell should \
                 be `{wanted}`:\n{row}"
            )),
            None if !cell.starts_with("none: ") => problems.push(format!(
                "CHECKS.md: checks/sections.txt does not explore this section; its last cell \
                 should say `none: ` and why, or add the section to checks/sections.txt:\n{row}"
            )),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
