//! The check of a learner's file: the tokens outside the marks (`tokens.rs`), what
//! the marked lines call (clippy's `disallowed_methods` and `disallowed_types`, by
//! resolved path), the build alone, the schedules (shuttle, fixed seeds) when
//! `checks/sections.txt` lists the section, then native runs. The file is solved
//! only when every step has passed and main returned in every run.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{OnceLock, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crate::data::{Exercise, schedules};
use crate::tokens;

#[path = "../../../../common/sampler.rs"]
mod sampler;

/// How many native runs a check makes, unless `EXERCISE_RUNS` says otherwise.
pub const RUNS: usize = 20;
/// How long one native run may take: the sections end in milliseconds.
pub const TIMEOUT: Duration = Duration::from_secs(2);

/// What the marked lines may not call (by resolved path), with why; a call the
/// section itself makes in those lines is allowed.
const DISALLOWED_METHODS: &[(&str, &str)] = &[
    ("std::process::exit", "ends the program before its proof"),
    ("std::process::abort", "ends the program before its proof"),
    (
        "std::panic::catch_unwind",
        "swallows the panic of a failed assertion",
    ),
    ("std::panic::set_hook", "hides a panic"),
    ("std::panic::take_hook", "hides a panic"),
    ("std::thread::sleep", "waits on time"),
    ("std::thread::sleep_ms", "waits on time"),
    ("std::thread::park_timeout", "waits on time"),
    ("std::thread::park_timeout_ms", "waits on time"),
    ("std::sync::mpsc::Receiver::recv_timeout", "waits on time"),
    ("std::sync::Condvar::wait_timeout", "waits on time"),
    ("std::sync::Condvar::wait_timeout_ms", "waits on time"),
    ("std::sync::Condvar::wait_timeout_while", "waits on time"),
    // What could tell the schedules' run from the native one, where a race hides.
    ("std::env::args", "can tell the checks' runs apart"),
    ("std::env::args_os", "can tell the checks' runs apart"),
    ("std::env::var", "can tell the checks' runs apart"),
    ("std::env::var_os", "can tell the checks' runs apart"),
    ("std::env::vars", "can tell the checks' runs apart"),
    ("std::env::vars_os", "can tell the checks' runs apart"),
    ("std::env::current_exe", "can tell the checks' runs apart"),
    ("std::thread::current", "can tell the checks' runs apart"),
];
const DISALLOWED_TYPES: &[(&str, &str)] = &[
    ("std::time::Instant", "reads the clock"),
    ("std::time::SystemTime", "reads the clock"),
];

/// How the file fared, step by step: the first step that failed.
#[derive(Debug)]
pub enum Verdict {
    /// rustc refused it; its errors, as rustc shows them.
    DoesNotCompile(String),
    /// It builds, but rustc warns (the check builds with `-D warnings`).
    Warns(String),
    /// A schedule failed: its scheduler and seed, its encoded schedule, the panic
    /// message (or `None` for a deadlock), what the replay printed, and for a
    /// deadlock what each blocked thread waits on.
    Schedule {
        scheduler: String,
        #[allow(dead_code)] // the tests compare it: the same schedule every time
        schedule: String,
        panic: Option<String>,
        printed: String,
        blocked: Vec<String>,
    },
    /// The schedules' run ended without its result: the program ended itself.
    ScheduleEndedEarly(String),
    /// Native run `run` (from 1) failed.
    Failed {
        run: usize,
        code: Option<i32>,
        stdout: String,
        stderr: String,
    },
    /// Native run `run` did not end within `TIMEOUT`.
    DidNotEnd {
        run: usize,
        stdout: String,
        stderr: String,
    },
    /// Native run `run` exited 0 but main did not return.
    EndedEarly { run: usize, stdout: String },
    /// Under Miri, seeds failed: the lowest failing seed, what that seed's run printed
    /// alone, and how many failed (`3/16`).
    Miri {
        seed: String,
        output: String,
        failed: String,
    },
    /// Not run: the file is refused whatever its runs do.
    NotRun,
    /// Everything passed: how many schedules, how many native runs.
    Passed { schedules: usize, runs: usize },
}

/// A checked file: the verdict, why it does not count though it may pass, and the
/// hash of its tokens, which `.solved` records.
#[derive(Debug)]
pub struct Checked {
    pub verdict: Verdict,
    pub refused: Vec<String>,
    pub hash: u64,
}

impl Checked {
    pub fn solved(&self) -> bool {
        matches!(self.verdict, Verdict::Passed { .. }) && self.refused.is_empty()
    }
}

/// Where the check builds: `$CARGO_TARGET_DIR/exercises`, or `<root>/target/exercises`.
pub fn build_dir(root: &Path) -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                root.join(dir)
            }
        })
        .unwrap_or_else(|| root.join("target"))
        .join("exercises")
}

/// Why the text cannot count, whatever its runs do: the marks, the tokens outside
/// them, a name shadowed, `extern crate`. Also the hash of its tokens.
pub fn token_refusals(
    exercise: &Exercise,
    section: &str,
    learner: &str,
) -> Result<(Vec<String>, u64), String> {
    let section_tokens = tokens::tokens(section).map_err(|e| format!("the section: {e}"))?;
    let section_regions = exercise.section_regions(section)?;
    let Ok(learner_tokens) = tokens::tokens(learner) else {
        // rustc says where; nothing here can count.
        return Ok((vec![], 0));
    };
    let hash = tokens::hash(&learner_tokens);
    let regions = match tokens::marked_regions(learner, &learner_tokens) {
        Ok(regions) => regions,
        Err(problem) => return Ok((vec![problem], hash)),
    };
    let mut refused = Vec::new();
    if let Some(what) =
        tokens::compare(&section_tokens, &section_regions, &learner_tokens, &regions)
    {
        refused.push(what);
        return Ok((refused, hash));
    }
    for (name, line) in
        tokens::shadowed(&section_tokens, &section_regions, &learner_tokens, &regions)
    {
        refused.push(format!(
            "line {line} binds `{name}` again, a name the code outside the marks uses: \
             the proof must read what the work itself produced, not a new value."
        ));
    }
    for (literal, line) in
        tokens::copied(&section_tokens, &section_regions, &learner_tokens, &regions)
    {
        refused.push(format!(
            "line {line} holds {literal}, a value that the proof after the marks expects: \
             the proof must read what the work itself produced."
        ));
    }
    for k in 0..regions.len() {
        let inside = tokens::inside(&learner_tokens, &regions, k);
        let theirs = tokens::inside(&section_tokens, &section_regions, k);
        let cfg = |tokens: &[&tokens::Token]| tokens.iter().any(|t| t.text == "cfg");
        if let Some(t) = inside
            .iter()
            .find(|t| t.text == "cfg")
            .filter(|_| !cfg(&theirs))
        {
            refused.push(format!(
                "line {} reads `cfg`, which can tell the checks' runs apart (the schedules \
                 read `cfg!(miri)` as true): a fix must be the same code in every run.",
                t.lines.0
            ));
        }
        if let Some((word, line)) =
            tokens::outside_std(&tokens::inside(&learner_tokens, &regions, k))
        {
            refused.push(format!(
                "line {line} adds `{word}`: the sections are safe Rust with std alone, and so \
                 is a fix."
            ));
        }
    }
    Ok((refused, hash))
}

/// Checks `file` (absolute) as a fix of `exercise`, building in `build`.
pub fn check(
    exercise: &Exercise,
    root: &Path,
    file: &Path,
    build: &Path,
    runs: usize,
) -> Result<Checked, String> {
    let section = crate::data::read_text(&root.join(exercise.section_file()))?;
    let learner = crate::data::read_text(file)?;
    let (mut refused, hash) = token_refusals(exercise, &section, &learner)?;
    fs::create_dir_all(build).map_err(|e| format!("cannot create {}: {e}", build.display()))?;
    let nonce = format!(
        "exercise check {}-{}: main returned",
        std::process::id(),
        Instant::now().elapsed().as_nanos() ^ u128::from(hash)
    );
    // clippy-driver first: it is rustc's check too, so a file that does not compile
    // or cannot count is not built further.
    let lint = lint(exercise, root, &section, file, build)?;
    let linted = lint.is_some();
    let lint = match lint {
        Some(lint) => lint,
        None => {
            refused.push(
                "clippy-driver is not installed (`rustup component add clippy`), so the check \
                 cannot see what the marked lines call, and counts nothing as solved."
                    .to_owned(),
            );
            Lint::default()
        }
    };
    refused.extend(lint.refused);
    let verdict = |verdict| {
        Ok(Checked {
            verdict,
            refused: refused.clone(),
            hash,
        })
    };
    if !lint.errors.is_empty() {
        return verdict(Verdict::DoesNotCompile(lint.errors));
    }
    if !refused.is_empty() && linted {
        // Whatever its runs would do, it cannot count: say so at once.
        return verdict(Verdict::NotRun);
    }
    let explored = schedules(root, &exercise.krate, &exercise.section);
    let (native, harness) = thread::scope(|scope| {
        let harness = scope.spawn(|| {
            explored
                .map(|n| build_harness(&learner, build, n))
                .transpose()
        });
        let native = build_native(&learner, file, build, &nonce);
        (native, harness.join().expect("the harness thread"))
    });
    let native = match native? {
        Err(rustc_said) => return verdict(Verdict::DoesNotCompile(rustc_said)),
        Ok(binary) => binary,
    };
    let mut explored_count = 0;
    if let Some(harness) = harness? {
        let harness = harness.map_err(|rustc_said| {
            format!("the file builds alone but not under schedules, which is a bug of the checker:\n{rustc_said}")
        })?;
        match explore(&harness, build)? {
            Ok(count) => explored_count = count,
            Err(failed) => return verdict(failed),
        }
    }
    if matches!(exercise.fails, crate::data::Fails::Miri(_)) {
        match miri(&learner, build)? {
            Miri::Passed => {}
            Miri::Failed {
                seed,
                output,
                failed,
            } => {
                return verdict(Verdict::Miri {
                    seed,
                    output,
                    failed,
                });
            }
            Miri::Missing => {
                let mut refused = refused.clone();
                refused.push(MIRI_MISSING.to_owned());
                return Ok(Checked {
                    verdict: Verdict::NotRun,
                    refused,
                    hash,
                });
            }
        }
    }
    let verdict_now = run_many(&native, runs, &nonce)?;
    // Warnings count last: a bug's file may warn, and its run shows the bug better.
    if matches!(verdict_now, Verdict::Passed { .. }) && !lint.warnings.is_empty() {
        return verdict(Verdict::Warns(lint.warnings));
    }
    Ok(Checked {
        verdict: match verdict_now {
            Verdict::Passed { .. } => Verdict::Passed {
                schedules: explored_count,
                runs,
            },
            other => other,
        },
        refused,
        hash,
    })
}

/// What clippy-driver saw: rustc's errors and warnings, and the refusals.
#[derive(Default)]
pub struct Lint {
    pub errors: String,
    pub warnings: String,
    pub refused: Vec<String>,
}

/// One disallowed call or type: its line and its path.
type Finding = (usize, String);

/// clippy-driver on the learner's file, then on the section (for what the section
/// itself calls in its regions): `None` if clippy-driver is missing.
pub fn lint(
    exercise: &Exercise,
    root: &Path,
    section: &str,
    file: &Path,
    build: &Path,
) -> Result<Option<Lint>, String> {
    let conf = build.join("clippy");
    fs::create_dir_all(&conf).map_err(|e| format!("cannot create {}: {e}", conf.display()))?;
    let mut toml = String::from("disallowed-methods = [\n");
    for (path, why) in DISALLOWED_METHODS {
        let _ = writeln!(toml, "  {{ path = \"{path}\", reason = \"it {why}\" }},");
    }
    toml.push_str("]\ndisallowed-types = [\n");
    for (path, why) in DISALLOWED_TYPES {
        let _ = writeln!(toml, "  {{ path = \"{path}\", reason = \"it {why}\" }},");
    }
    toml.push_str("]\n");
    fs::write(conf.join("clippy.toml"), toml)
        .map_err(|e| format!("cannot write clippy.toml: {e}"))?;
    let Some(mine) = clippy(file, &conf, build)? else {
        return Ok(None);
    };
    let learner = crate::data::read_text(file)?;
    let learner_tokens = tokens::tokens(&learner).unwrap_or_default();
    let regions = tokens::marked_regions(&learner, &learner_tokens).unwrap_or_default();
    let mut lint = Lint::default();
    let mut found: Vec<Finding> = Vec::new();
    for (level, code, line, path, rendered) in mine {
        match (level.as_str(), code) {
            (_, Some(code)) if code.starts_with("clippy::disallowed") => {
                let inside = regions.iter().any(|&(a, b)| a <= line && line <= b);
                found.extend(inside.then_some((line, path)));
            }
            ("error", _) => lint.errors.push_str(&rendered),
            ("warning", _) => lint.warnings.push_str(&rendered),
            _ => {}
        }
    }
    if !found.is_empty() {
        let section_file = root.join(exercise.section_file());
        let theirs = clippy(&section_file, &conf, build)?.unwrap_or_default();
        let section_regions = exercise.section_regions(section)?;
        let allowed: Vec<String> = theirs
            .into_iter()
            .filter(|f| section_regions.iter().any(|&(a, b)| a <= f.2 && f.2 <= b))
            .map(|f| f.3)
            .collect();
        for (line, path) in found.into_iter().filter(|(_, p)| !allowed.contains(p)) {
            let why = DISALLOWED_METHODS
                .iter()
                .chain(DISALLOWED_TYPES)
                .find(|(p, _)| *p == path)
                .map_or("is not allowed here", |(_, why)| why);
            lint.refused.push(format!(
                "line {line} uses `{path}`, which {why}: a fix may not do that inside the \
                 marks, as the section does not."
            ));
        }
    }
    Ok(Some(lint))
}

/// clippy-driver's diagnostics on `file`: (level, code, line, disallowed path,
/// rendered). `None` if clippy-driver cannot be run.
#[allow(clippy::type_complexity)]
fn clippy(
    file: &Path,
    conf: &Path,
    build: &Path,
) -> Result<Option<Vec<(String, Option<String>, usize, String, String)>>, String> {
    let driver = env::var_os("CLIPPY_DRIVER").unwrap_or_else(|| "clippy-driver".into());
    // Run from the root with the file as the learner knows it, so rustc names it so.
    let root = crate::data::root();
    let file = file.strip_prefix(&root).unwrap_or(file);
    let output = Command::new(driver)
        .current_dir(&root)
        .env("CLIPPY_CONF_DIR", conf)
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "bin",
            "--emit=metadata",
        ])
        .args(["--error-format=json", "--crate-name", "learner"])
        .args(color().then_some("--json=diagnostic-rendered-ansi"))
        .args(["-A", "clippy::all", "-W", "clippy::disallowed_methods"])
        .args(["-W", "clippy::disallowed_types", "--out-dir"])
        .arg(build)
        .arg(file)
        .stdin(Stdio::null())
        .output();
    let Ok(output) = output else {
        return Ok(None);
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut out = Vec::new();
    for line in stderr.lines().filter(|line| line.starts_with('{')) {
        let level = json_str(line, "\"level\":").unwrap_or_default();
        let code = json_str(line, "\"code\":{\"code\":");
        // The diagnostic's own `rendered` is its last key; its children's are null.
        let rendered = line
            .rfind("\"rendered\":")
            .and_then(|at| json_str(&line[at..], "\"rendered\":"))
            .unwrap_or_default();
        let at = line
            .find("\"line_start\":")
            .and_then(|at| line[at + 13..].split([',', '}']).next()?.parse().ok())
            .unwrap_or(0);
        let message = json_str(line, "\"message\":").unwrap_or_default();
        let path = message.split('`').nth(1).unwrap_or_default().to_owned();
        // rustc's summaries: "aborting due to …", "3 warnings emitted".
        if message.starts_with("aborting due to") || message.ends_with("emitted") {
            continue;
        }
        out.push((level, code, at, path, rendered));
    }
    if out.is_empty() && !output.status.success() {
        return Ok(None);
    }
    Ok(Some(out))
}

/// The JSON string after `key` in `line`, unescaped; enough for rustc's diagnostics.
fn json_str(line: &str, key: &str) -> Option<String> {
    let rest = &line[line.find(key)? + key.len()..];
    let rest = rest.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?).unwrap_or('?'));
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// rustc's colors in what the check shows, as on a terminal, unless `NO_COLOR` is set.
fn color() -> bool {
    use std::io::IsTerminal;
    io::stdout().is_terminal() && env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn rustc() -> Command {
    Command::new(env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
}

/// What a schedule that returned from `main` before its last line panics with.
pub const RETURNED_EARLY: &str = "main returned before its last line";

/// The file with `main`'s body wrapped, `pub fn main() { let () = { BODY }; crate::
/// __main_ended(); }`, on the same lines: a `return` from `main` skips the call, so
/// the harness sees that the proof at its end did not run. `None` if the file has no
/// `pub fn main` at its top level.
pub fn instrumented(learner: &str) -> Option<String> {
    let stream: proc_macro2::TokenStream = learner.parse().ok()?;
    let trees: Vec<proc_macro2::TokenTree> = stream.into_iter().collect();
    let body = trees.windows(4).find_map(|w| match w {
        [
            proc_macro2::TokenTree::Ident(f),
            proc_macro2::TokenTree::Ident(name),
            proc_macro2::TokenTree::Group(_),
            proc_macro2::TokenTree::Group(body),
        ] if f == "fn" && name == "main" && body.delimiter() == proc_macro2::Delimiter::Brace => {
            Some((body.span_open().end(), body.span_close().start()))
        }
        _ => None,
    })?;
    // Byte offsets of (line from 1, column in chars).
    let offset = |at: proc_macro2::LineColumn| -> Option<usize> {
        let line_start: usize = learner
            .split_inclusive('\n')
            .take(at.line - 1)
            .map(str::len)
            .sum();
        let column = learner[line_start..]
            .char_indices()
            .nth(at.column)
            .map_or(learner.len() - line_start, |(i, _)| i);
        Some(line_start + column)
    };
    let (open, close) = (offset(body.0)?, offset(body.1)?);
    Some(format!(
        "{} let () = {{{}}}; crate::__main_ended(); {}",
        &learner[..open],
        &learner[open..close],
        &learner[close..]
    ))
}

/// Builds the file to run natively: the file, `main` instrumented, as a module of a
/// wrapper whose `main` calls it and then prints `nonce` if `main` ran to its end,
/// so that a run that ends early is seen. `Err(what rustc said)`.
fn build_native(
    learner: &str,
    file: &Path,
    build: &Path,
    nonce: &str,
) -> Result<Result<PathBuf, String>, String> {
    let Some(module) = instrumented(learner) else {
        return Ok(Err("the file has no `pub fn main`".to_owned()));
    };
    fs::write(build.join("learner.rs"), module)
        .map_err(|e| format!("cannot write {}: {e}", build.display()))?;
    let wrapper = build.join("native.rs");
    let text = format!(
        "static ENDED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);\n\
         pub fn __main_ended() {{\n\
         \x20   ENDED.store(true, std::sync::atomic::Ordering::SeqCst);\n\
         }}\n\
         #[path = \"learner.rs\"]\n\
         mod learner;\n\
         fn main() {{\n\
         \x20   learner::main();\n\
         \x20   if ENDED.load(std::sync::atomic::Ordering::SeqCst) {{\n\
         \x20       println!(\"\\n{nonce}\");\n\
         \x20   }}\n\
         }}\n"
    );
    fs::write(&wrapper, text).map_err(|e| format!("cannot write {}: {e}", wrapper.display()))?;
    let binary = build.join(format!("native{}", env::consts::EXE_SUFFIX));
    let root = crate::data::root();
    let shown = file.strip_prefix(&root).unwrap_or(file);
    let mut command = rustc();
    command
        .args(["--crate-name", "learner"])
        // A panic names the learner's file, whose lines the copy keeps.
        .arg("--remap-path-prefix")
        .arg(format!(
            "{}={}",
            build.join("learner.rs").display(),
            shown.display()
        ))
        .arg(&wrapper);
    build_binary(command, binary)
}

/// Runs `rustc` (given its crate name, its source and what else it needs) to build
/// `binary`, a warning-free edition-2024 program: `Err(what rustc said)` if it fails.
fn build_binary(mut rustc: Command, binary: PathBuf) -> Result<Result<PathBuf, String>, String> {
    let output = rustc
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "bin",
            "-A",
            "warnings",
            "-o",
        ])
        .arg(&binary)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not run rustc: {e}"))?;
    Ok(if output.status.success() {
        Ok(binary)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    })
}

/// The `checks` library and its dependencies' folder, built by cargo if need be;
/// asked of cargo once a process.
pub fn checks_rlib() -> Result<(PathBuf, PathBuf), String> {
    static FOUND: OnceLock<Result<(PathBuf, PathBuf), String>> = OnceLock::new();
    FOUND.get_or_init(find_checks_rlib).clone()
}

fn find_checks_rlib() -> Result<(PathBuf, PathBuf), String> {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(crate::data::root())
        .args([
            "build",
            "--quiet",
            "--package",
            "checks",
            "--lib",
            "--message-format=json",
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let rlib = stdout
        .lines()
        .filter(|line| line.contains("\"reason\":\"compiler-artifact\""))
        .filter(|line| line.contains("\"name\":\"checks\"") && line.contains("\"kind\":[\"lib\"]"))
        .find_map(|line| {
            let files = &line[line.find("\"filenames\":[")? + 13..];
            files
                .split('"')
                .find(|f| f.ends_with(".rlib"))
                .map(PathBuf::from)
        })
        .ok_or_else(|| "cargo did not build the checks library".to_owned())?;
    let debug = rlib.parent().expect("the rlib is in a folder");
    let deps = if debug.ends_with("deps") {
        debug.to_path_buf()
    } else {
        debug.join("deps")
    };
    Ok((rlib, deps))
}

/// What the harness prints before each schedule, so that the output of the failing
/// one (the last) can be cut from the rest.
const SCHEDULE_MARK: &str = "=== exercise check: a schedule starts ===";

/// The program that explores the file's `main` under `schedules` schedules of each
/// scheduler, as Rust source. It writes its result to the file its argument names;
/// a program that ends itself leaves none.
pub fn harness_source(learner: &str, schedules: usize) -> String {
    let learner = instrumented(learner).unwrap_or_else(|| learner.to_owned());
    format!(
        "pub use checks::shim;\n\
         static ENDED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);\n\
         pub fn __main_ended() {{\n\
         \x20   ENDED.store(true, std::sync::atomic::Ordering::SeqCst);\n\
         }}\n\
         #[allow(warnings, clippy::all)]\n\
         mod learner {{ {} }}\n\
         fn scheduled() {{\n\
         \x20   println!(\"\\n{SCHEDULE_MARK}\");\n\
         \x20   ENDED.store(false, std::sync::atomic::Ordering::SeqCst);\n\
         \x20   learner::main();\n\
         \x20   assert!(ENDED.load(std::sync::atomic::Ordering::SeqCst), \"{RETURNED_EARLY}\");\n\
         }}\n\
         fn main() {{\n\
         \x20   let file = std::env::args().nth(1).expect(\"a result file\");\n\
         \x20   let result = match checks::explore(scheduled, {schedules}) {{\n\
         \x20       Ok(ran) => format!(\"passed\\n{{ran}}\\n\"),\n\
         \x20       Err(f) => {{\n\
         \x20           // A deadlock's schedule once more, recording what each thread waits on.\n\
         \x20           let waits = match (f.message.starts_with(\"deadlock!\"), &f.schedule) {{\n\
         \x20               (true, Some(s)) => match std::panic::catch_unwind(|| checks::replay(scheduled, s)) {{\n\
         \x20                   Err(p) => checks::blocked_on(&checks::message(p.as_ref())),\n\
         \x20                   Ok(()) => Vec::new(),\n\
         \x20               }},\n\
         \x20               _ => Vec::new(),\n\
         \x20           }};\n\
         \x20           std::fs::write(format!(\"{{file}}.waits\"), waits.join(\"\\n\")).expect(\"the waits are written\");\n\
         \x20           format!(\"failed\\n{{}}\\n{{}}\\n{{}}\", f.scheduler, f.schedule.unwrap_or_default(), f.message)\n\
         \x20       }}\n\
         \x20   }};\n\
         \x20   std::fs::write(file, result).expect(\"the result is written\");\n\
         }}\n",
        checks::rewrite(&learner)
    )
}

/// Builds the harness for the file: `Err(what rustc said)` if it does not build.
fn build_harness(
    learner: &str,
    build: &Path,
    schedules: usize,
) -> Result<Result<PathBuf, String>, String> {
    if tokens::tokens(learner).is_err() {
        return Ok(Err("it does not tokenize".to_owned()));
    }
    let (rlib, deps) = checks_rlib()?;
    let source = build.join("schedules.rs");
    fs::write(&source, harness_source(learner, schedules))
        .map_err(|e| format!("cannot write {}: {e}", source.display()))?;
    let binary = build.join(format!("schedules{}", env::consts::EXE_SUFFIX));
    let mut command = rustc();
    command
        .args(["--crate-name", "schedules", "-L"])
        .arg(format!("dependency={}", deps.display()))
        .arg("--extern")
        .arg(format!("checks={}", rlib.display()))
        .arg(&source);
    build_binary(command, binary)
}

/// How long the schedules may take in all: they take a second or two.
const SCHEDULES_TIMEOUT: Duration = Duration::from_secs(60);
/// Why the schedules did not end.
const SPINS: &str = "they did not end within 60 s: a thread loops without touching a lock, \
                     a channel or an atomic, the points where the scheduler switches threads";

/// Runs the harness once: its result, and what the last schedule printed.
fn run_harness(harness: &Path, build: &Path) -> Result<(Option<String>, String), String> {
    let result_file = build.join("schedules.result");
    let out_file = build.join("schedules.out");
    let _ = fs::remove_file(&result_file);
    let out = fs::File::create(&out_file)
        .map_err(|e| format!("cannot write {}: {e}", out_file.display()))?;
    let mut child = Command::new(harness)
        .arg(&result_file)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not run {}: {e}", harness.display()))?;
    // A thread that spins without a lock, a channel or an atomic gives the scheduler
    // no point to switch at, and a schedule would never end: a deadline stops it.
    let deadline = Instant::now() + SCHEDULES_TIMEOUT;
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if Instant::now() > deadline {
            kill(&mut child);
            return Err(SPINS.to_owned());
        }
        thread::sleep(Duration::from_millis(10));
    }
    let printed = fs::read(&out_file).unwrap_or_default();
    let printed = String::from_utf8_lossy(&printed);
    let last = printed.rfind(SCHEDULE_MARK).map_or("", |at| {
        printed[at + SCHEDULE_MARK.len()..].trim_start_matches('\n')
    });
    Ok((fs::read_to_string(&result_file).ok(), last.to_owned()))
}

/// Runs the harness: `Ok(schedules run)`, or the first failing schedule, with what
/// it printed; for a deadlock, what each thread waits on, which the harness records
/// as it runs that schedule once more.
pub fn explore(harness: &Path, build: &Path) -> Result<Result<usize, Verdict>, String> {
    let (result, printed) = match run_harness(harness, build) {
        Err(spins) if spins == SPINS => return Ok(Err(Verdict::ScheduleEndedEarly(spins))),
        other => other?,
    };
    let Some(result) = result else {
        return Ok(Err(Verdict::ScheduleEndedEarly(
            "the program ended itself before its schedules were done".to_owned(),
        )));
    };
    let mut lines = result.splitn(4, '\n');
    match (lines.next(), lines.next(), lines.next(), lines.next()) {
        (Some("passed"), Some(ran), _, _) => Ok(Ok(ran.trim().parse().unwrap_or(0))),
        (Some("failed"), Some(scheduler), Some(schedule), Some(message)) => {
            // shuttle 0.9.10 stops a Condvar wait that nothing will notify with this
            // message of its own, instead of naming the deadlock.
            let deadlock = message.starts_with("deadlock!")
                || message.contains("should not have been woken while in Waiting status");
            let blocked = if message.starts_with("deadlock!") {
                let waits = build.join("schedules.result.waits");
                let waits = fs::read_to_string(waits).unwrap_or_default();
                waits.lines().map(str::to_owned).collect()
            } else if deadlock {
                vec!["a thread waits on a Condvar for a notify that will not come".to_owned()]
            } else {
                Vec::new()
            };
            Ok(Err(Verdict::Schedule {
                scheduler: scheduler.to_owned(),
                schedule: schedule.to_owned(),
                // shuttle puts the encoded schedule on the panic message's first line.
                panic: (!deadlock).then(|| {
                    let message = message.trim();
                    match message.split_once('\n') {
                        Some((first, rest)) if first.chars().all(|c| c.is_ascii_hexdigit()) => {
                            rest.to_owned()
                        }
                        _ => message.to_owned(),
                    }
                }),
                printed,
                blocked,
            }))
        }
        _ => Err(format!("the schedules' result is garbled: {result}")),
    }
}

/// Runs `binary` up to `runs` times, every second run beside rival threads that keep
/// every core busy; stops at the first run that fails, does not end or ends early.
pub fn run_many(binary: &Path, runs: usize, nonce: &str) -> Result<Verdict, String> {
    let rivals = thread::available_parallelism().map_or(1, |n| n.get());
    for run in 1..=runs {
        let outcome = if run % 2 == 0 {
            sampler::beside(rivals, std::hint::spin_loop, || run_once(binary))
        } else {
            run_once(binary)
        };
        let (status, stdout, stderr) =
            outcome.map_err(|e| format!("could not run {}: {e}", binary.display()))?;
        let returned = stdout.trim_end().ends_with(nonce);
        let stdout = match stdout.rfind(&format!("\n{nonce}")) {
            Some(at) => stdout[..at].trim_end_matches('\n').to_owned() + "\n",
            None => stdout,
        };
        match status {
            None => {
                return Ok(Verdict::DidNotEnd {
                    run,
                    stdout,
                    stderr,
                });
            }
            Some(code) if code != 0 => {
                return Ok(Verdict::Failed {
                    run,
                    code: Some(code),
                    stdout,
                    stderr,
                });
            }
            Some(_) if !returned => return Ok(Verdict::EndedEarly { run, stdout }),
            Some(_) => {}
        }
    }
    Ok(Verdict::Passed { schedules: 0, runs })
}

/// One run of `binary`: its exit code (`None` if it did not end within `TIMEOUT`
/// and was killed; -1 for a signal), stdout and stderr.
fn run_once(binary: &Path) -> io::Result<(Option<i32>, String, String)> {
    let mut child = Command::new(binary)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // Read both pipes as the program writes, or a full pipe would stop it; the
    // readers say when the pipes close, which waiting with a deadline needs.
    let (ended, end) = mpsc::channel();
    let stdout = read_all(child.stdout.take(), ended.clone());
    let stderr = read_all(child.stderr.take(), ended);
    let deadline = Instant::now() + TIMEOUT;
    let both_closed = (0..2).all(|_| {
        let left = deadline.saturating_duration_since(Instant::now());
        end.recv_timeout(left).is_ok()
    });
    let status = if both_closed {
        Some(child.wait()?.code().unwrap_or(-1))
    } else {
        kill(&mut child);
        None
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    Ok((status, stdout, stderr))
}

fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn read_all(
    pipe: Option<impl Read + Send + 'static>,
    ended: mpsc::Sender<()>,
) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        let _ = ended.send(());
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

impl Verdict {
    /// Whether this is the bug's own failure, as `fails` says.
    pub fn is(&self, fails: &crate::data::Fails) -> bool {
        use crate::data::Fails;
        match (fails, self) {
            (Fails::Compile(code), Verdict::DoesNotCompile(said)) => {
                said.contains(&format!("[{code}]"))
            }
            (Fails::Panic(text), Verdict::Schedule { panic: Some(m), .. }) => m.contains(text),
            (Fails::Panic(text), Verdict::Failed { stderr, .. }) => stderr.contains(text),
            (Fails::Hangs(_), Verdict::Schedule { panic: None, .. }) => true,
            (Fails::Hangs(_), Verdict::DidNotEnd { .. }) => true,
            (Fails::Miri(text), Verdict::Miri { output, .. }) => output.contains(text),
            _ => false,
        }
    }
}

/// The seeds under which an ordering exercise runs under Miri: fixed, so the verdict
/// is the same on every machine. Each of the bugs fails at seed 0 or 1.
pub const MIRI_SEEDS: &str = "0..8";

/// What to say where Miri cannot be had.
pub const MIRI_MISSING: &str = "this exercise is an ordering bug that x86-64 never shows, \
     so it is checked under Miri, which is not installed: `rustup toolchain install nightly \
     --component miri`, then check again. Until then nothing counts as solved.";

/// How the file fared under Miri.
pub enum Miri {
    Passed,
    Failed {
        seed: String,
        output: String,
        failed: String,
    },
    Missing,
}

/// Whether `rustup run nightly cargo miri` works here.
pub fn miri_available() -> bool {
    rustup_miri()
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// `cargo miri` on the nightly toolchain, through rustup, with none of the variables
/// by which the cargo that runs this check would steer it.
fn rustup_miri() -> Command {
    let mut command = Command::new("rustup");
    command.args(["run", "nightly", "cargo", "miri"]);
    for name in [
        "CARGO",
        "RUSTC",
        "RUSTC_WRAPPER",
        "RUSTFLAGS",
        "CARGO_TARGET_DIR",
    ] {
        command.env_remove(name);
    }
    command.stdin(Stdio::null());
    command
}

/// Runs the file under Miri with every seed of `MIRI_SEEDS` (Miri runs them side by
/// side, so the first to fail varies: the lowest failing seed does not), as a package
/// of its own in `build`; then that seed alone, for its output.
pub fn miri(learner: &str, build: &Path) -> Result<Miri, String> {
    if !miri_available() {
        return Ok(Miri::Missing);
    }
    let package = build.join("miri");
    let written = fs::create_dir_all(package.join("src"))
        .and_then(|()| {
            fs::write(
                package.join("Cargo.toml"),
                "[package]\nname = \"learner\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n",
            )
        })
        .and_then(|()| fs::write(package.join("src").join("main.rs"), learner));
    written.map_err(|e| format!("cannot write {}: {e}", package.display()))?;
    let run = |seeds: &str| {
        let output = rustup_miri()
            .args(["run", "-q", "--manifest-path"])
            .arg(package.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", build.join("miri-target"))
            .env(
                "MIRIFLAGS",
                format!("{seeds} -Zmiri-disable-stacked-borrows"),
            )
            .output()
            .map_err(|e| format!("could not run cargo miri: {e}"))?;
        let said = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        Ok::<_, String>((output.status.success(), said))
    };
    let (passed, said) = run(&format!(
        "-Zmiri-many-seeds={MIRI_SEEDS} -Zmiri-many-seeds-keep-going"
    ))?;
    if passed {
        return Ok(Miri::Passed);
    }
    let Some(seed) = said
        .lines()
        .filter_map(|line| {
            line.strip_prefix("FAILING SEED: ")?
                .trim()
                .parse::<u64>()
                .ok()
        })
        .min()
    else {
        return Err(format!("Miri failed, but named no failing seed:\n{said}"));
    };
    let failed = said
        .lines()
        .find_map(|line| line.strip_suffix(" SEEDS FAILED"))
        .unwrap_or("some")
        .to_owned();
    let (_, output) = run(&format!("-Zmiri-seed={seed}"))?;
    Ok(Miri::Failed {
        seed: seed.to_string(),
        output,
        failed,
    })
}
