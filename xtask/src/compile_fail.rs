//! `cargo xtask compile-fail`: every `<crate>/compile-fail/*.rs` is a whole program
//! that must NOT compile, and whose first line names the error codes it must
//! produce, e.g. `// error: E0373` or `// error: E0499, E0502`.
//!
//! Stable rustdoc's `compile_fail` does not check error codes; this does, by
//! compiling each case with `rustc --error-format=short` (one line per diagnostic,
//! `<file>:<line>:<column>: error[E0373]: ...`) and looking for each code. When a
//! case goes wrong it prints what rustc said, in rustc's own words.

use std::env;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::workspace::{Error, example_crates, project_root, rustc};

/// Checks the cases named by `files`, or every case of every example crate.
pub fn run(files: &[String]) -> Result<(), Error> {
    for file in files {
        if file.starts_with('-') {
            return Err(Error::Usage(format!(
                "unknown option `{file}` for `compile-fail`"
            )));
        }
        if !Path::new(file).is_file() {
            return Err(Error::Usage(format!("`{file}` is not a file")));
        }
    }
    let root = project_root();
    let paths = if files.is_empty() {
        cases(&root)
    } else {
        files.iter().map(PathBuf::from).collect()
    };
    if paths.is_empty() {
        return Err(Error::Failed(format!(
            "no compile-fail cases under {}",
            root.display()
        )));
    }
    let out_dir = env::temp_dir().join(format!("xtask-compile-fail-{}", std::process::id()));
    fs::create_dir_all(&out_dir)
        .map_err(|error| Error::Failed(format!("cannot create {}: {error}", out_dir.display())))?;
    let verdicts = check(paths, &root, &out_dir);
    let _ = fs::remove_dir_all(&out_dir);
    match verdicts? {
        0 => Ok(()),
        failures => Err(Error::Failed(format!(
            "{failures} compile-fail case(s) failed; fix the case or its first line (`// error: E....`)"
        ))),
    }
}

/// Compiles every case at once and prints each verdict in order; returns how many failed.
fn check(paths: Vec<PathBuf>, root: &Path, out_dir: &Path) -> io::Result<usize> {
    // Read every first line, and start rustc on every case whose first line is
    // sound, all at once: the cases are independent.
    let mut started = Vec::new();
    for (i, path) in paths.into_iter().enumerate() {
        let expected = expected_codes(&path);
        let compiling = expected
            .is_ok()
            .then(|| compile(&path, &out_dir.join(i.to_string()), "short").spawn());
        started.push((path, expected, compiling));
    }

    // Then collect the verdicts, in order.
    let mut out = io::stdout().lock();
    let mut failures = 0;
    for (path, expected, compiling) in started {
        let shown = path.strip_prefix(root).unwrap_or(&path).display();
        let header_is_sound = expected.is_ok();
        let verdict = match (expected, compiling) {
            (Err(problem), _) => Err(problem),
            (Ok(codes), Some(Ok(rustc))) => verdict(&codes, rustc),
            (Ok(_), _) => Err(Error::Failed("could not run rustc".to_owned())),
        };
        match verdict {
            Ok(codes) => writeln!(out, "ok      {shown}  ({codes})")?,
            Err(problem) => {
                failures += 1;
                writeln!(out, "FAILED  {shown}: {problem}")?;
                if header_is_sound {
                    writeln!(out, "{}", rustc_said(&path, out_dir))?;
                }
            }
        }
    }
    Ok(failures)
}

/// Waits for rustc. The case passes if it failed to compile with every expected
/// code and no other: a typo elsewhere in a case must not pass for the lesson. The
/// error is what is wrong with the case, for its verdict line.
fn verdict(expected: &[String], rustc: Child) -> Result<String, Error> {
    let failed = |problem: String| Err(Error::Failed(problem));
    let output = match rustc.wait_with_output() {
        Ok(output) => output,
        Err(error) => return failed(format!("rustc did not finish: {error}")),
    };
    if output.status.success() {
        return failed("it compiled, but it must not".to_owned());
    }
    let errors = String::from_utf8_lossy(&output.stderr);
    // An error with a code is a line `<file>:<line>:<column>: error[E0373]: ...`, or
    // `error[E0601]: ...` when it points at no line. Warnings and errors without a
    // code (a lint made an error, `aborting due to ...`) do not count.
    let mut reported: Vec<&str> = errors
        .lines()
        .filter_map(|line| {
            let rest = line
                .strip_prefix("error[")
                .or_else(|| line.split_once(": error[").map(|(_, rest)| rest))?;
            rest.split_once(']').map(|(code, _)| code)
        })
        .filter(|code| is_error_code(code))
        .collect();
    reported.sort_unstable();
    reported.dedup();
    let missing: Vec<&String> = expected
        .iter()
        .filter(|code| !reported.contains(&code.as_str()))
        .collect();
    let unexpected: Vec<&str> = reported
        .iter()
        .copied()
        .filter(|code| !expected.iter().any(|wanted| wanted == code))
        .collect();
    if !missing.is_empty() {
        failed(format!("rustc did not report {missing:?}"))
    } else if !unexpected.is_empty() {
        failed(format!(
            "rustc also reported {unexpected:?}, which the first line does not name"
        ))
    } else {
        Ok(expected.join(", "))
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
fn expected_codes(case: &Path) -> Result<Vec<String>, Error> {
    let text = fs::read_to_string(case)
        .map_err(|error| Error::Failed(format!("cannot read it: {error}")))?;
    let first = text.lines().next().unwrap_or_default();
    let codes: Vec<String> = first
        .strip_prefix("// error:")
        .unwrap_or_default()
        .split(',')
        .map(|code| code.trim().to_owned())
        .filter(|code| !code.is_empty())
        .collect();
    if codes.is_empty() || !codes.iter().all(|code| is_error_code(code)) {
        return Err(Error::Failed(format!(
            "its first line is `{first}`; it must name the expected codes, like `// error: E0373`"
        )));
    }
    Ok(codes)
}

/// `E` and four digits, like `E0373`: rustc's error codes.
fn is_error_code(code: &str) -> bool {
    code.len() == 5 && code.starts_with('E') && code[1..].chars().all(|c| c.is_ascii_digit())
}

/// `rustc --edition 2024` on one case, writing nothing but metadata to `out`.
fn compile(case: &Path, out: &Path, error_format: &str) -> Command {
    let mut command = rustc();
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

/// Compiles the case again with rustc's human error format: what it said, indented.
fn rustc_said(case: &Path, out_dir: &Path) -> String {
    match compile(case, &out_dir.join("human"), "human").output() {
        Ok(output) if output.stderr.is_empty() => "        (rustc printed nothing)".to_owned(),
        Ok(output) => String::from_utf8_lossy(&output.stderr)
            .lines()
            .map(|line| format!("        {line}"))
            .collect::<Vec<_>>()
            .join("\n"),
        Err(error) => format!("        (could not run rustc: {error})"),
    }
}
