//! The exercises, one plain-text file each in `checks/exercises/<name>.txt`:
//!
//! ```text
//! crate: channels
//! section: many-producers
//! fails: hangs <what blocks>  (or `compile E0373`, `panic <text in its message>`,
//!        `miri <text in its message>` for an ordering bug that only Miri shows)
//!
//! == task ==
//! The symptom and what to keep, never the fix.
//!
//! == hint ==
//! A hint.
//!
//! == before ==
//! <whole lines of the section, as they are there: the solution>
//! == after ==
//! <the lines the learner gets in their place: the bug>
//! ```
//!
//! A block runs to the next `== … ==` line; one blank line before it only separates.
//! `before`/`after` pairs may repeat, one per region of the bug.

use std::fs;
use std::path::{Path, PathBuf};

/// How an exercise's bug fails, the same on every machine.
#[derive(Clone, Debug, PartialEq)]
pub enum Fails {
    /// rustc refuses it with this error code.
    Compile(String),
    /// A run panics with this text in its message (under schedules, or natively).
    Panic(String),
    /// Under schedules, every thread blocked (a deadlock); natively, a run that does
    /// not end, and what blocks, which the check says then.
    Hangs(String),
    /// A memory-ordering bug: under Miri's fixed seeds a run panics with this text.
    /// x86-64 never shows it, so the native runs pass; Miri is part of the check.
    Miri(String),
}

/// One region of the bug: the section's lines and the learner's.
#[derive(Clone, Debug)]
pub struct Region {
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug)]
pub struct Exercise {
    pub name: String,
    pub krate: String,
    pub section: String,
    pub fails: Fails,
    pub task: String,
    pub hint: String,
    pub regions: Vec<Region>,
}

/// The repository's root: the checks crate's parent.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("checks has a parent folder")
        .to_path_buf()
}

/// Every exercise, by name.
pub fn load_all(root: &Path) -> Result<Vec<Exercise>, String> {
    let dir = root.join("checks").join("exercises");
    let entries = fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            let name = file.file_stem().unwrap_or_default().to_string_lossy();
            let text = read_text(file)?;
            parse(&name, &text).map_err(|problem| format!("{}: {problem}", file.display()))
        })
        .collect()
}

/// A file's text with its line endings made LF: a Windows checkout has CRLF.
pub fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path)
        .map(|text| text.replace("\r\n", "\n"))
        .map_err(|error| format!("cannot read {}: {error}", path.display()))
}

pub fn parse(name: &str, text: &str) -> Result<Exercise, String> {
    let mut fields = (None, None, None);
    let mut blocks: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        if let Some(title) = bare.strip_prefix("== ").and_then(|t| t.strip_suffix(" ==")) {
            blocks.push((title.to_owned(), String::new()));
        } else if let Some((_, block)) = blocks.last_mut() {
            block.push_str(line);
        } else if let Some((key, value)) = bare.split_once(": ") {
            let value = Some(value.trim().to_owned());
            match key {
                "crate" => fields.0 = value,
                "section" => fields.1 = value,
                "fails" => fields.2 = value,
                _ => return Err(format!("unknown field `{key}`")),
            }
        } else if !bare.trim().is_empty() {
            return Err(format!("`{bare}` is neither a field nor in a block"));
        }
    }
    for (_, block) in &mut blocks {
        if block.ends_with("\n\n") || block == "\n" {
            block.pop();
        }
    }
    let (Some(krate), Some(section), Some(fails)) = fields else {
        return Err("it needs `crate:`, `section:` and `fails:`".to_owned());
    };
    let fails = match fails.split_once(' ') {
        Some(("compile", code)) => Fails::Compile(code.to_owned()),
        Some(("panic", text)) => Fails::Panic(text.to_owned()),
        Some(("hangs", what)) => Fails::Hangs(what.to_owned()),
        Some(("miri", text)) => Fails::Miri(text.to_owned()),
        _ => return Err(format!("`fails: {fails}` is not compile, panic or hangs")),
    };
    let prose = |title: &str| {
        blocks
            .iter()
            .find(|(t, _)| t == title)
            .map(|(_, text)| text.split_whitespace().collect::<Vec<_>>().join(" "))
            .ok_or_else(|| format!("no `== {title} ==` block"))
    };
    let (task, hint) = (prose("task")?, prose("hint")?);
    let mut regions = Vec::new();
    let mut pairs = blocks.iter().filter(|(t, _)| t == "before" || t == "after");
    while let Some((first, before)) = pairs.next() {
        match (first.as_str(), pairs.next()) {
            ("before", Some((second, after))) if second == "after" => regions.push(Region {
                before: before.clone(),
                after: after.clone(),
            }),
            _ => return Err("each `== before ==` block needs an `== after ==` after it".to_owned()),
        }
    }
    if regions.is_empty() {
        return Err("no `== before ==` block".to_owned());
    }
    Ok(Exercise {
        name: name.to_owned(),
        krate,
        section,
        fails,
        task,
        hint,
        regions,
    })
}

impl Exercise {
    /// The section file, relative to the root.
    pub fn section_file(&self) -> String {
        format!("{}/src/{}.rs", self.krate, self.section.replace('-', "_"))
    }

    /// The learner's file, relative to the exercises folder.
    pub fn learner_file(&self) -> PathBuf {
        Path::new(&self.krate).join(format!("{}.rs", self.name))
    }

    /// The lines of each region in the section (from 1, inclusive), in order; an
    /// error if a `before` is not whole lines found once past the `//!` lines.
    pub fn section_regions(&self, section: &str) -> Result<Vec<(usize, usize)>, String> {
        let stale = |problem: &str| {
            format!(
                "the exercise `{}` no longer fits {}: {problem}; update checks/exercises/{}.txt",
                self.name,
                self.section_file(),
                self.name
            )
        };
        let header = header_len(section);
        let mut lines = Vec::new();
        for region in &self.regions {
            if region.before.is_empty() || !region.before.ends_with('\n') {
                return Err(stale("a `before` block is empty"));
            }
            let found: Vec<usize> = section[header..]
                .match_indices(&region.before)
                .map(|(at, _)| header + at)
                .filter(|&at| at == 0 || section.as_bytes()[at - 1] == b'\n')
                .collect();
            let [at] = found[..] else {
                return Err(stale(&format!(
                    "a `before` block (`{}`) is found {} times as whole lines, not once",
                    region.before.lines().next().unwrap_or_default().trim(),
                    found.len()
                )));
            };
            let first = section[..at].matches('\n').count() + 1;
            lines.push((first, first + region.before.matches('\n').count() - 1));
        }
        lines.sort();
        if lines.windows(2).any(|pair| pair[0].1 >= pair[1].0) {
            return Err(stale("two `before` blocks overlap"));
        }
        Ok(lines)
    }

    /// The learner's file: the task in place of the section's `//!` lines, then the
    /// section with each region's lines replaced by its `after`, between the marks.
    pub fn learner_text(&self, section: &str) -> Result<String, String> {
        let lines = self.section_regions(section)?;
        let mut text = String::new();
        let name = &self.name;
        text.push_str(&format!(
            "//! Exercise `{name}`, from the section `{}` of the crate `{}`.\n//!\n",
            self.section, self.krate
        ));
        wrap(&mut text, &self.task);
        wrap(
            &mut text,
            "Change only the lines between `// >>>` and `// <<<`: the check compares \
             everything else with the section, token by token (comments and layout aside). \
             Between the marks, it refuses waiting on time, exiting early and catching \
             panics.",
        );
        text.push_str(&format!(
            "//! Check:    cargo xtask exercise {name}\n\
             //! Hint:     cargo xtask exercise {name} --hint\n\
             //! Solution: {} (open it once you are done)\n",
            self.section_file()
        ));
        let body: Vec<&str> = section.split_inclusive('\n').collect();
        let skip = section[..header_len(section)].matches('\n').count();
        let mut line = skip + 1;
        for (&(first, last), region) in lines.iter().zip(self.sorted_regions(section)?) {
            body[line - 1..first - 1]
                .iter()
                .for_each(|l| text.push_str(l));
            let indent = |line: &str| -> String {
                line.chars()
                    .take_while(|c| c.is_whitespace() && *c != '\n')
                    .collect()
            };
            let (open, close) = (indent(body[first - 1]), indent(body[last - 1]));
            text.push_str(&format!("{open}{START}\n{}{close}{END}\n", region.after));
            line = last + 1;
        }
        body[line - 1..].iter().for_each(|l| text.push_str(l));
        Ok(text)
    }

    /// The regions in the order their lines come in the section.
    fn sorted_regions(&self, section: &str) -> Result<Vec<&Region>, String> {
        let mut regions: Vec<&Region> = self.regions.iter().collect();
        regions.sort_by_key(|region| section.find(&region.before));
        Ok(regions)
    }
}

/// The mark before a region of the bug, and the one after it (each a whole line).
pub const START: &str = "// >>> the bug's lines start here";
pub const END: &str = "// <<< the bug's lines end here";

/// The length of a text's leading `//!` lines.
pub fn header_len(text: &str) -> usize {
    text.split_inclusive('\n')
        .take_while(|line| line.trim_start().starts_with("//!"))
        .map(str::len)
        .sum()
}

/// `words` as `//!` lines of at most 88 columns, then an empty `//!` line.
fn wrap(text: &mut String, words: &str) {
    let mut line = String::new();
    for word in words.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > 84 {
            text.push_str(&format!("//! {line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    text.push_str(&format!("//! {line}\n//!\n"));
}

/// How many schedules of each scheduler `checks/sections.txt` gives the section, if
/// it lists it: the one list of the sections that run under schedules.
pub fn schedules(root: &Path, krate: &str, section: &str) -> Option<usize> {
    let list = fs::read_to_string(root.join("checks").join("sections.txt")).ok()?;
    list.lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(
            |line| match line.split_whitespace().collect::<Vec<_>>()[..] {
                [k, s, n] if k == krate && s == section => n.parse().ok(),
                _ => None,
            },
        )
}
