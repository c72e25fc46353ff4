//! `cargo xtask copies`: the blocks that stay copied, written from their one source.
//! Today that is send-sync's probe (`common/probe.rs`), which each of its section
//! files carries whole, since a reader copies one file; the command line is included
//! by `#[path]`, not copied.
//!
//! A copy stands between two marker lines,
//! `// ---- <what>: written from common/<file> by `cargo xtask copies` ----` and
//! `// ---- end of <what> ----`, and what stands between them is `common/<file>`,
//! byte for byte. A maintainer edits the source and runs the task; `--check` writes
//! nothing and fails naming the task when a copy differs, which `cargo test` runs.

use std::fs;
use std::path::{Path, PathBuf};

use crate::workspace::Error;

/// One file that holds copies: its text now, and its text with every copy written.
pub struct Copies {
    pub file: PathBuf,
    pub now: String,
    pub written: String,
    /// The sources of its copies, `common/<file>`.
    pub sources: Vec<String>,
}

/// What went wrong, and with which file or folder.
fn about(path: &Path) -> impl Fn(String) -> Error + '_ {
    move |problem| Error::Failed(format!("{}: {problem}", path.display()))
}

/// Every file of the crates' `src/` folders that holds a copy; an error names the
/// file or folder it is about.
pub fn find(root: &Path, crates: &[String]) -> Result<Vec<Copies>, Error> {
    let mut found = Vec::new();
    for name in crates {
        let src = root.join(name).join("src");
        let mut files: Vec<PathBuf> = fs::read_dir(&src)
            .map_err(|error| about(&src)(error.to_string()))?
            .filter_map(|entry| Some(entry.ok()?.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
            .collect();
        files.sort();
        for file in files {
            let now = fs::read_to_string(&file).map_err(|error| about(&file)(error.to_string()))?;
            let (written, sources) = write_copies(root, &file, &now)?;
            if !sources.is_empty() {
                found.push(Copies {
                    file,
                    now,
                    written,
                    sources,
                });
            }
        }
    }
    Ok(found)
}

/// `text`, the text of `file`, with each block between markers replaced by its
/// source, and the sources.
fn write_copies(root: &Path, file: &Path, text: &str) -> Result<(String, Vec<String>), Error> {
    let (mut written, mut sources, mut rest) = (String::new(), Vec::new(), text);
    while let Some((what, source, after)) = next_marker(file, rest)? {
        let end = format!("// ---- end of {what} ----");
        let Some(at) = after.find(&end) else {
            return Err(about(file)(format!(
                "a `{what}` block without its line `{end}`"
            )));
        };
        written += &rest[..rest.len() - after.len()];
        written += &fs::read_to_string(root.join(&source))
            .map_err(|error| about(file)(format!("its source {source}: {error}")))?;
        sources.push(source);
        rest = &after[at..];
    }
    Ok((written + rest, sources))
}

/// The next start marker in `text`: what it copies, its source, and the text after it.
fn next_marker<'a>(
    file: &Path,
    text: &'a str,
) -> Result<Option<(&'a str, String, &'a str)>, Error> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        at += line.len();
        let Some(named) = line.trim_end().strip_prefix("// ---- ") else {
            continue;
        };
        if let Some((what, rest)) = named.split_once(": written from ") {
            let Some((source, _)) = rest.split_once(" by `cargo xtask copies`") else {
                return Err(about(file)(format!(
                    "a start marker without its source's command: `{}`",
                    line.trim_end()
                )));
            };
            return Ok(Some((what, source.to_owned(), &text[at..])));
        }
    }
    Ok(None)
}
