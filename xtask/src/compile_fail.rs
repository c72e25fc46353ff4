//! `cargo xtask compile-fail`: every `<crate>/compile-fail/*.rs` is a whole program
//! that must NOT compile, and whose first line names the error codes it must
//! produce, e.g. `// error: E0373` or `// error: E0499, E0502`.
//!
//! Stable rustdoc's `compile_fail` does not check error codes; this does, by
//! compiling each case with `rustc --error-format=json` and looking for each code.
//! When a case goes wrong it prints what rustc said, in rustc's own words.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};

use crate::{example_crates, project_root};

/// Checks the cases named by `files`, or every case of every example crate.
pub fn run(files: &[String]) -> ExitCode {
    let root = project_root();
    let cases = if files.is_empty() {
        cases(&root)
    } else {
        files.iter().map(PathBuf::from).collect()
    };
    if cases.is_empty() {
        eprintln!(
            "error: no compile-fail cases found under {}",
            root.display()
        );
        return ExitCode::FAILURE;
    }
    let out_dir = env::temp_dir().join(format!("xtask-compile-fail-{}", std::process::id()));
    if let Err(error) = fs::create_dir_all(&out_dir) {
        eprintln!("error: cannot create {}: {error}", out_dir.display());
        return ExitCode::FAILURE;
    }
    // Start every rustc at once, then collect them in order: the cases are independent.
    let started: Vec<_> = cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let compile = |codes| {
                let child = rustc(case, &out_dir.join(i.to_string()), "json").spawn();
                child
                    .map(|child| (codes, child))
                    .map_err(|error| format!("could not run rustc: {error}"))
            };
            (case, expected_codes(case).and_then(compile))
        })
        .collect();

    let mut failures = 0;
    for (case, started) in started {
        let shown = case.strip_prefix(&root).unwrap_or(case).display();
        match started.and_then(|(codes, child)| verdict(codes, child)) {
            Ok(codes) => println!("ok      {shown}  ({codes})"),
            Err(problem) => {
                failures += 1;
                println!("FAILED  {shown}: {problem}");
                if expected_codes(case).is_ok() {
                    print_rustc_said(case, &out_dir);
                }
            }
        }
    }
    let _ = fs::remove_dir_all(&out_dir);
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "error: {failures} compile-fail case(s) failed; fix the case or its first line (`// error: E....`)"
        );
        ExitCode::FAILURE
    }
}

/// Waits for rustc; the case passes if it failed to compile with every expected code.
fn verdict(codes: Vec<String>, rustc: Child) -> Result<String, String> {
    let output = rustc
        .wait_with_output()
        .map_err(|error| format!("rustc did not finish: {error}"))?;
    let errors = String::from_utf8_lossy(&output.stderr);
    let missing: Vec<&String> = codes
        .iter()
        .filter(|code| !errors.contains(&format!("\"code\":\"{code}\"")))
        .collect();
    if output.status.success() {
        Err("it compiled, but it must not".to_owned())
    } else if !missing.is_empty() {
        Err(format!("rustc did not report {missing:?}"))
    } else {
        Ok(codes.join(", "))
    }
}

/// Every `compile-fail/*.rs` of every example crate, in teaching order.
fn cases(root: &Path) -> Vec<PathBuf> {
    let mut cases = Vec::new();
    for name in example_crates() {
        let Ok(entries) = fs::read_dir(root.join(name).join("compile-fail")) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
            .collect();
        files.sort();
        cases.extend(files);
    }
    cases
}

/// The codes named by the first line, `// error: E0499, E0502`.
fn expected_codes(case: &Path) -> Result<Vec<String>, String> {
    let text = fs::read_to_string(case).map_err(|error| format!("cannot read it: {error}"))?;
    let first = text.lines().next().unwrap_or_default();
    let codes: Vec<String> = first
        .strip_prefix("// error:")
        .unwrap_or_default()
        .split(',')
        .map(|code| code.trim().to_owned())
        .filter(|code| !code.is_empty())
        .collect();
    let well_formed = |code: &String| {
        code.len() == 5 && code.starts_with('E') && code[1..].chars().all(|c| c.is_ascii_digit())
    };
    if codes.is_empty() || !codes.iter().all(well_formed) {
        return Err(format!(
            "its first line is `{first}`; it must name the expected codes, like `// error: E0373`"
        ));
    }
    Ok(codes)
}

/// `rustc --edition 2024` on one case, writing nothing but metadata to `out`.
fn rustc(case: &Path, out: &Path, error_format: &str) -> Command {
    let mut command = Command::new(env::var_os("RUSTC").unwrap_or_else(|| OsString::from("rustc")));
    command
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "bin",
            "--emit",
            "metadata",
        ])
        .arg(format!("--error-format={error_format}"))
        .arg("-o")
        .arg(out)
        .arg(case)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Compiles the case again with rustc's human error format and prints what it said.
fn print_rustc_said(case: &Path, out_dir: &Path) {
    match rustc(case, &out_dir.join("human"), "human").output() {
        Ok(output) if output.stderr.is_empty() => println!("        (rustc printed nothing)"),
        Ok(output) => {
            for line in String::from_utf8_lossy(&output.stderr).lines() {
                println!("        {line}");
            }
        }
        Err(error) => println!("        (could not run rustc: {error})"),
    }
}
