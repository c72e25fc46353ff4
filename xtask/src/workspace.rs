//! What the xtask's two binaries share: the help, the one error type and how it
//! ends the process, and the workspace (where it is, its example crates in teaching
//! order, one `cargo build` of their binaries, the `rustc` that builds a file alone).
//! `tests/xtask.rs` includes it too.

use std::env;
use std::ffi::OsString;
use std::fmt;
use std::fs;
use std::io::{self, BufRead, BufReader, Lines};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, ExitCode, Stdio};

pub const HELP: &str = "\
Usage: cargo xtask <TASK>

Tasks:
  demo [--timeline] [CRATE...]  build the example crates (one cargo build) and run
                                each in teaching order as soon as it is built (all
                                of them, or only those named), each section's
                                stderr in a block after its stdout, then a
                                summary; --timeline prefixes every line with the
                                time since that demo started
  list                          every example crate with its sections and claims
  bench [CRATE...]              run the crates' benchmarks (release build) and
                                print what each primitive costs, the two regimes
                                of a wake-up, how costs grow with the threads,
                                and the conclusions the benches ask for
  compile-fail [FILE...]        check that each compile-fail/*.rs (or each FILE)
                                fails to compile with the error codes its first
                                line names, e.g. `// error: E0373`
  copies [--check]              write the blocks that stay copied (send-sync's
                                probe, in each of its section files) from their
                                source, common/probe.rs; --check writes nothing
                                and fails if a block differs
  exercise [NAME [--hint|--reset]]
                                practise: list the exercises, each a section with
                                a bug put back in; with NAME, write
                                exercises/<crate>/NAME.rs (the task at its top)
                                unless it is there, then check it: the code
                                outside the marks, the build, fixed schedules,
                                then 20 runs; --hint prints a hint, --reset
                                writes it afresh
  site [--open]                 write target/site/: a page a section, with three
                                real runs drawn as one lane per thread and the
                                orderings its tests check; --open opens it

Run `cargo test` for every test; it runs the compile-fail check too.
";

/// Why a task did not succeed.
pub enum Error {
    /// The command line was wrong: exit code 2, with the usage.
    Usage(String),
    /// A step failed: exit code 1, with what failed and what to do.
    Failed(String),
    /// Writing our own output failed; a closed stdout (`cargo xtask demo | head`)
    /// means the reader has seen all they wanted: exit code 0.
    Io(io::Error),
    /// `xtask-tasks` ended with this exit code, having said why.
    Exited(u8),
}

/// What went wrong, in the words `exit` prints after `error: `.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Error::Usage(problem) | Error::Failed(problem) => f.write_str(problem),
            Error::Io(error) => write!(f, "{error}"),
            Error::Exited(code) => write!(f, "xtask-tasks exited with code {code}"),
        }
    }
}

/// For `expect` and `unwrap` in the tests: the same words as `Display`.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl From<io::Error> for Error {
    fn from(error: io::Error) -> Error {
        Error::Io(error)
    }
}

impl Error {
    /// Cargo, which every task but `compile-fail` runs, could not be started.
    pub fn no_cargo(error: io::Error) -> Error {
        Error::Failed(format!("could not start cargo: {error}"))
    }
}

/// What to say when cargo could not build the examples (its errors are above).
pub const BUILD_FAILED: &str =
    "`cargo build` of the examples failed; fix the errors above, then run this again";

/// Ends a task: the one place where an error becomes what the user sees and the exit
/// code.
pub fn exit(result: Result<(), Error>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Error::Exited(code)) => ExitCode::from(code),
        Err(usage @ Error::Usage(_)) => {
            // Short, so that the error stays on screen.
            eprintln!(
                "error: {usage}\n\nUsage: cargo xtask <TASK>\n\n\
                 `cargo xtask --help` lists the tasks and what each takes."
            );
            ExitCode::from(2)
        }
        Err(failed) => {
            eprintln!("error: {failed}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: this crate lives in `<root>/xtask`.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ has a parent folder")
        .to_path_buf()
}

/// A cargo command run from the workspace root, through the cargo that runs us.
pub fn cargo() -> Command {
    let mut command = Command::new(env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")));
    command.current_dir(project_root());
    command
}

/// `rustc`, to build one file alone: `$RUSTC` if it is set (as cargo sets it for
/// the build scripts and tests it runs), else `rustc` on the PATH.
pub fn rustc() -> Command {
    Command::new(env::var_os("RUSTC").unwrap_or_else(|| OsString::from("rustc")))
}

/// The example crates in teaching order: the workspace members as the root
/// `Cargo.toml` lists them, less the tools (`xtask`; `checks`, which explores the
/// sections under controlled schedules; `site`, which draws their runs). That list is
/// the one place the order lives.
pub fn example_crates() -> Vec<String> {
    const TOOLS: &[&str] = &["xtask", "checks", "site"];
    let manifest = fs::read_to_string(project_root().join("Cargo.toml"))
        .expect("the workspace root has a Cargo.toml");
    let members = manifest
        .split_once("members = [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(members, _)| members)
        .expect("the root Cargo.toml has `members = [...]`");
    members
        .split(',')
        .map(|member| member.trim().trim_matches('"'))
        .filter(|member| !member.is_empty() && !TOOLS.contains(member))
        .map(str::to_owned)
        .collect()
}

/// The crates that `names` picks out of `known`, in `known`'s (teaching) order, or
/// all of them when `names` is empty. An option or an unknown name is a usage
/// error; `known_as` says what the valid names are.
pub fn choose(
    task: &str,
    names: &[String],
    known: Vec<String>,
    known_as: &str,
) -> Result<Vec<String>, Error> {
    if let Some(wrong) = names.iter().find(|name| !known.contains(name)) {
        let problem = if wrong.starts_with('-') {
            format!("unknown option `{wrong}` for `{task}`")
        } else {
            format!("unknown crate `{wrong}`; {known_as}: {}", known.join(", "))
        };
        return Err(Error::Usage(problem));
    }
    Ok(known
        .into_iter()
        .filter(|name| names.is_empty() || names.contains(name))
        .collect())
}

/// The messages of a `cargo build` in progress, one JSON object a line.
pub type Messages = Lines<BufReader<ChildStdout>>;

/// Starts one `cargo build` of the crates' binaries, with one JSON message a line on
/// its stdout: `built_binary` picks out each binary as cargo reports it built, with
/// the path cargo put it at (which depends on the target directory, the target and
/// the profile, wherever they were set). Whoever reads the messages must read them
/// to the end, or drop them, before waiting for cargo.
pub fn start_build(crates: &[String]) -> io::Result<(Child, Messages)> {
    let mut command = cargo();
    command.args([
        "build",
        "--quiet",
        "--bins",
        "--message-format=json-render-diagnostics",
    ]);
    for name in crates {
        command.args(["--package", name]);
    }
    let mut child = command.stdout(Stdio::piped()).spawn()?;
    let messages = child.stdout.take().expect("stdout is piped");
    Ok((child, BufReader::new(messages).lines()))
}

/// The crate and path of the binary a cargo message reports built, if it reports
/// one: its `"executable":"<path>"`, where each example's binary is named after its
/// crate (`threads`, or `threads.exe` on Windows). The path is a JSON string, so its
/// escapes are undone: on Windows every `\\` in it is one backslash.
pub fn built_binary(message: &str) -> Option<(String, PathBuf)> {
    let (_, rest) = message.split_once("\"executable\":\"")?;
    let path = json_string(rest)?;
    // The file name after the last separator of either kind, up to its extension.
    let file = path.rsplit(['/', '\\']).next()?;
    let name = file.split('.').next()?.to_owned();
    Some((name, PathBuf::from(path)))
}

/// The JSON string that starts `text` (its opening quote already read), unescaped,
/// up to its closing quote; `None` if it does not close.
fn json_string(text: &str) -> Option<String> {
    let mut string = String::new();
    let mut chars = text.chars();
    loop {
        match chars.next()? {
            '"' => return Some(string),
            '\\' => match chars.next()? {
                'n' => string.push('\n'),
                't' => string.push('\t'),
                'r' => string.push('\r'),
                'b' => string.push('\u{8}'),
                'f' => string.push('\u{c}'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    string.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                // `\"`, `\\` and `\/` stand for themselves.
                other => string.push(other),
            },
            other => string.push(other),
        }
    }
}

/// Builds the crates' binaries in one `cargo build` (cargo's errors go to stderr)
/// and returns each crate's binary, in the order of `crates`.
pub fn build(crates: &[String]) -> Result<Vec<(String, PathBuf)>, Error> {
    let (mut cargo, messages) = start_build(crates).map_err(Error::no_cargo)?;
    let built: Vec<(String, PathBuf)> = messages
        .map_while(Result::ok)
        .filter_map(|message| built_binary(&message))
        .collect();
    if !matches!(cargo.wait(), Ok(status) if status.success()) {
        return Err(Error::Failed(BUILD_FAILED.to_owned()));
    }
    crates
        .iter()
        .map(|name| match built.iter().find(|(built, _)| built == name) {
            Some(found) => Ok(found.clone()),
            None => Err(Error::Failed(format!(
                "cargo reported no binary for {name}"
            ))),
        })
        .collect()
}

/// The command line, without the program's name; an argument that is not UTF-8
/// becomes a usage error later, not a panic here.
pub fn args() -> Vec<String> {
    env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect()
}

/// Bold headers only on a terminal, and never when `NO_COLOR` is set to anything
/// non-empty (<https://no-color.org>).
pub fn use_color(is_terminal: bool, no_color: Option<OsString>) -> bool {
    is_terminal && no_color.is_none_or(|value| value.is_empty())
}
