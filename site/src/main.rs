//! `cargo xtask site [--open]`: a static site in target/site/, a page a section with its
//! prose, its code, the command that runs it, its exercise, and three real runs drawn as
//! pictures of its threads, with the orderings its tests check drawn on them (the
//! crate's `guarantees.txt`, which `cargo test` checks every run against).
//!
//! The xtask builds the example binaries and passes each as `<crate>=<path>`.

#[path = "../../common/guarantees.rs"]
mod guarantees;
mod html;
mod picture;

use guarantees::Guarantees;
use html::{escape, markdown, page, rust};
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};
use syntect::parsing::SyntaxSet;

/// How many runs each page draws.
const RUNS: usize = 3;
/// Far more than any section needs: a section that hangs is reported, not waited for.
const TIMEOUT: Duration = Duration::from_secs(20);

struct Crate {
    name: String,
    binary: PathBuf,
    sections: Vec<Section>,
}

struct Section {
    name: String,
    claim: String,
    guarantees: Guarantees,
    runs: Vec<Run>,
}

/// One run of a section: its lines after the header, or why there are none.
#[derive(Default)]
struct Run {
    lines: Vec<String>,
    failed: Option<String>,
}

struct Exercise {
    name: String,
    task: String,
}

fn main() -> ExitCode {
    match generate(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn generate(args: Vec<String>) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("site/ lies in the workspace root")
        .to_path_buf();
    let open = args.iter().any(|arg| arg == "--open");
    let mut crates = Vec::new();
    for arg in args.iter().filter(|arg| *arg != "--open") {
        let Some((name, binary)) = arg.split_once('=') else {
            return Err(format!(
                "unexpected argument `{arg}`; run it as `cargo xtask site [--open]`"
            ));
        };
        crates.push(read_crate(&root, name, Path::new(binary))?);
    }
    let first = crates.first().ok_or("no example binaries given")?;
    let out = first
        .binary
        .parent()
        .and_then(Path::parent)
        .ok_or("the binaries lie in <target>/<profile>/")?
        .join("site");

    let started = Instant::now();
    capture(&mut crates);
    let captured = started.elapsed();
    let exercises = read_exercises(&root)?;
    let written = write_site(&root, &out, &crates, &exercises).map_err(|e| e.to_string())?;

    let broken: Vec<String> = crates
        .iter()
        .flat_map(|c| c.sections.iter().map(move |s| (c, s)))
        .flat_map(|(c, s)| {
            s.runs.iter().enumerate().filter_map(move |(i, run)| {
                let problems = s.guarantees.check(&run.lines).problems;
                let why = run.failed.clone().or_else(|| problems.first().cloned())?;
                Some(format!("{} {} run {}: {why}", c.name, s.name, i + 1))
            })
        })
        .collect();
    let sections: usize = crates.iter().map(|c| c.sections.len()).sum();
    println!(
        "wrote {written} pages to {}: {sections} sections, {RUNS} runs each, captured in {:.1} s",
        out.display(),
        captured.as_secs_f64()
    );
    for line in &broken {
        eprintln!("a run breaks its section's guarantees, drawn in red: {line}");
    }
    if open {
        open_in_browser(&out.join("index.html"));
    }
    Ok(())
}

/// A crate's sections from its own `--list`, with their guarantees.
fn read_crate(root: &Path, name: &str, binary: &Path) -> Result<Crate, String> {
    let output = Command::new(binary)
        .arg("--list")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    let list = String::from_utf8_lossy(&output.stdout);
    let file = root.join(name).join("guarantees.txt");
    let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut all = guarantees::parse(&text).map_err(|e| format!("{name}/{e}"))?;
    let mut sections = Vec::new();
    for line in list.lines() {
        let (section, claim) = line.split_once("  ").unwrap_or((line, ""));
        let at = all
            .iter()
            .position(|g| g.section == section)
            .ok_or_else(|| format!("{name}/guarantees.txt has no [{section}]"))?;
        sections.push(Section {
            name: section.to_owned(),
            claim: claim.trim().to_owned(),
            guarantees: all.remove(at),
            runs: Vec::new(),
        });
    }
    Ok(Crate {
        name: name.to_owned(),
        binary: binary.to_owned(),
        sections,
    })
}

/// Runs every section `RUNS` times, on as many threads as the machine has cores.
fn capture(crates: &mut [Crate]) {
    let jobs: Vec<(usize, usize)> = crates
        .iter()
        .enumerate()
        .flat_map(|(c, krate)| (0..krate.sections.len()).map(move |s| (c, s)))
        .flat_map(|job| std::iter::repeat_n(job, RUNS))
        .collect();
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::new());
    let workers = thread::available_parallelism().map_or(2, |n| n.get());
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(&(c, s)) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let run = run_section(&crates[c].binary, &crates[c].sections[s].name);
                    done.lock().expect("no worker panics").push((c, s, run));
                }
            });
        }
    });
    for (c, s, run) in done.into_inner().expect("no worker panics") {
        crates[c].sections[s].runs.push(run);
    }
}

fn run_section(binary: &Path, section: &str) -> Run {
    let child = Command::new(binary)
        .arg(section)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) => {
            return Run {
                failed: Some(format!("could not start: {error}")),
                ..Run::default()
            };
        }
    };
    let mut stdout = child.stdout.take().expect("piped");
    let reader = thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() < TIMEOUT => thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let text = reader.join().unwrap_or_default();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.first().is_some_and(|l| l.starts_with("=== ")) {
        lines.remove(0);
    }
    let failed = match status {
        Some(status) if status.success() => None,
        Some(status) => Some(format!("it ended with {status}")),
        None => Some(format!("it did not end within {TIMEOUT:?}")),
    };
    Run { lines, failed }
}

/// The exercises of `checks/exercises/`, by the `crate section` they break.
fn read_exercises(root: &Path) -> Result<BTreeMap<String, Vec<Exercise>>, String> {
    let dir = root.join("checks/exercises");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut exercises: BTreeMap<String, Vec<Exercise>> = BTreeMap::new();
    for file in files {
        let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let field = |key: &str| {
            text.lines()
                .find_map(|line| line.strip_prefix(key))
                .map(str::trim)
                .unwrap_or_default()
                .to_owned()
        };
        let task = text
            .split_once("== task ==")
            .map(|(_, rest)| rest.split("\n== ").next().unwrap_or(rest).trim().to_owned())
            .unwrap_or_default();
        let name = file
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        exercises
            .entry(format!("{} {}", field("crate:"), field("section:")))
            .or_default()
            .push(Exercise { name, task });
    }
    Ok(exercises)
}

/// The path of a section's page from the site's root.
fn page_of(krate: &str, section: &str) -> String {
    format!("{krate}/{section}.html")
}

/// The repository file of a section.
fn file_of(krate: &str, section: &str) -> String {
    format!("{krate}/src/{}.rs", section.replace('-', "_"))
}

fn write_site(
    root: &Path,
    out: &Path,
    crates: &[Crate],
    exercises: &BTreeMap<String, Vec<Exercise>>,
) -> io::Result<usize> {
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    fs::create_dir_all(out)?;
    fs::write(out.join("style.css"), html::STYLE)?;
    let syntaxes = SyntaxSet::load_defaults_newlines();
    let order: Vec<(&Crate, &Section)> = crates
        .iter()
        .flat_map(|c| c.sections.iter().map(move |s| (c, s)))
        .collect();
    // A repository link in the Markdown files: a section's file becomes its page, the
    // other Markdown files their pages; anything else stays text.
    let resolve = |target: &str, from_root: &str| -> Option<String> {
        let (path, anchor) = target.split_once('#').unwrap_or((target, ""));
        let anchor = if anchor.is_empty() {
            String::new()
        } else {
            format!("#{anchor}")
        };
        if target.starts_with("http://") || target.starts_with("https://") || path.is_empty() {
            return Some(target.to_owned());
        }
        let page = match path {
            "README.md" => "index.html".to_owned(),
            "CHECKS.md" => "checks.html".to_owned(),
            "COSTS.md" => "costs.html".to_owned(),
            _ => order
                .iter()
                .find(|(c, s)| file_of(&c.name, &s.name) == path)
                .map(|(c, s)| page_of(&c.name, &s.name))?,
        };
        Some(format!("{from_root}{page}{anchor}"))
    };
    let mut written = 0;
    for (file, page_name, title) in [
        (
            "CHECKS.md",
            "checks.html",
            "Every claim, and what checks it",
        ),
        ("COSTS.md", "costs.html", "What things cost"),
    ] {
        let text = fs::read_to_string(root.join(file))?;
        let mut body = html::markdown_with_links(&text, |t| resolve(t, ""));
        if file == "CHECKS.md" {
            body = row_ids(&body, &order);
        }
        fs::write(out.join(page_name), page(title, "", &body))?;
        written += 1;
    }
    fs::write(out.join("index.html"), index(crates, exercises))?;
    written += 1;
    for (i, (krate, section)) in order.iter().enumerate() {
        let dir = out.join(&krate.name);
        fs::create_dir_all(&dir)?;
        let source = fs::read_to_string(root.join(file_of(&krate.name, &section.name)))?;
        let body = section_page(
            krate,
            section,
            &source,
            exercises.get(&format!("{} {}", krate.name, section.name)),
            i.checked_sub(1).map(|p| order[p]),
            order.get(i + 1).copied(),
            &syntaxes,
        );
        let title = format!("{} {}: {}", krate.name, section.name, section.claim);
        fs::write(
            out.join(page_of(&krate.name, &section.name)),
            page(&title, "../", &body),
        )?;
        written += 1;
    }
    Ok(written)
}

/// CHECKS.md's rows, each with the id `<crate>-<section>` of the section it names, so
/// that a page links to its row.
fn row_ids(body: &str, order: &[(&Crate, &Section)]) -> String {
    let mut out = String::new();
    for (i, part) in body.split("<tr>").enumerate() {
        if i == 0 {
            out.push_str(part);
            continue;
        }
        let row = part.split("</tr>").next().unwrap_or(part);
        let named = order
            .iter()
            .find(|(c, s)| row.contains(&format!("href=\"{}\"", page_of(&c.name, &s.name))));
        match named {
            Some((c, s)) => out.push_str(&format!("<tr id=\"{}-{}\">", c.name, s.name)),
            None => out.push_str("<tr>"),
        }
        out.push_str(part);
    }
    out
}

fn index(crates: &[Crate], exercises: &BTreeMap<String, Vec<Exercise>>) -> String {
    let mut body = String::from(
        "<h1>Rust concurrency, by example</h1>\n<p>Every section is a whole std-only \
         program that shows one claim about Rust's threads. Each page has its prose, its \
         code, and <strong>three real runs</strong> captured when this site was built, \
         drawn as one lane per thread and one row per printed line, in the order the \
         lines came out. The arrows are the orderings the section's tests check on every \
         run (<em>guaranteed</em>); a hollow mark is a line whose place <em>varies \
         between runs</em>.</p>\n<p><a href=\"checks.html\">Every claim, and what checks \
         it</a> · <a href=\"costs.html\">What things cost</a></p>\n",
    );
    for krate in crates {
        body.push_str(&format!(
            "<h2 id=\"{name}\">{name}</h2>\n<pre class=\"command\">cargo run -p {name}</pre>\n<ul class=\"sections\">\n",
            name = krate.name
        ));
        for section in &krate.sections {
            body.push_str(&format!(
                "<li><a href=\"{}\">{}</a>: {}</li>\n",
                page_of(&krate.name, &section.name),
                section.name,
                escape(&section.claim)
            ));
        }
        body.push_str("</ul>\n");
    }
    body.push_str(
        "<h2 id=\"exercises\">Exercises</h2>\n<p>Each puts a real bug back into a \
         section; <code>cargo xtask exercise NAME</code> writes the file and checks your \
         fix.</p>\n<ul class=\"sections\">\n",
    );
    for krate in crates {
        for section in &krate.sections {
            for exercise in exercises
                .get(&format!("{} {}", krate.name, section.name))
                .into_iter()
                .flatten()
            {
                body.push_str(&format!(
                    "<li><code>{}</code>, in <a href=\"{}\">{} {}</a></li>\n",
                    exercise.name,
                    page_of(&krate.name, &section.name),
                    krate.name,
                    section.name
                ));
            }
        }
    }
    body.push_str("</ul>\n");
    page("Rust concurrency, by example", "", &body)
}

fn section_page(
    krate: &Crate,
    section: &Section,
    source: &str,
    exercises: Option<&Vec<Exercise>>,
    previous: Option<(&Crate, &Section)>,
    next: Option<(&Crate, &Section)>,
    syntaxes: &SyntaxSet,
) -> String {
    let (name, c) = (&section.name, &krate.name);
    let prose: String = source
        .lines()
        .map_while(|line| line.strip_prefix("//!"))
        .map(|line| format!("{}\n", line.strip_prefix(' ').unwrap_or(line)))
        .collect();
    let code: String = source
        .lines()
        .skip_while(|line| line.starts_with("//!"))
        .skip_while(|line| line.trim().is_empty())
        .map(|line| format!("{line}\n"))
        .collect();
    let mut body = format!(
        "<p><a href=\"../index.html#{c}\">{c}</a></p>\n<h1>{name}</h1>\n<p class=\"claim\">{}</p>\n\
         <div class=\"prose\">{}</div>\n<h2>Run it</h2>\n<pre class=\"command\">cargo run -p {c} -- {name}</pre>\n",
        escape(&section.claim),
        markdown(&prose)
    );
    body.push_str(&format!(
        "<h2>Three runs</h2>\n<p>Captured when this site was built. A lane is a thread, a \
         row a line, in the order the lines came out. What every run keeps, checked by \
         <code>cargo test -p {c}</code> on every run (<a href=\"../checks.html#{c}-{name}\">its row \
         in CHECKS.md</a>):</p>\n<ul>\n"
    ));
    let g = &section.guarantees;
    let mut kept = Vec::new();
    if g.ordered {
        kept.push("every line in the order listed".to_owned());
    }
    kept.extend(g.orders.iter().map(|o| o.name.clone()));
    kept.push("each line printed as often as listed, no other line".to_owned());
    for item in &kept {
        body.push_str(&format!("<li>{}</li>\n", escape(item)));
    }
    body.push_str("</ul>\n<div class=\"runs\">\n");
    for (i, run) in section.runs.iter().enumerate() {
        let verdict = g.check(&run.lines);
        let threads = picture::lanes(&verdict).len();
        let status = match (&run.failed, verdict.problems.first()) {
            (Some(why), _) => format!(" <span class=\"verdict-broken\">{}</span>", escape(why)),
            (None, Some(problem)) => format!(
                " <span class=\"verdict-broken\">breaks: {}</span>",
                escape(problem)
            ),
            (None, None) => String::new(),
        };
        body.push_str(&format!(
            "<figure class=\"run\" data-run=\"{n}\" data-threads=\"{threads}\"><h3>Run {n}: {} lines, {threads} thread{}{status}</h3>\n{}\n</figure>\n",
            run.lines.len(),
            if threads == 1 { "" } else { "s" },
            picture::svg(&run.lines, &verdict),
            n = i + 1,
        ));
    }
    body.push_str("</div>\n");
    body.push_str(&format!(
        "<h2>The code</h2>\n<p><code>{}</code>: a whole program, std only; copy it into a \
         project's <code>src/main.rs</code> and it runs the same.</p>\n<pre class=\"code\">{}</pre>\n",
        file_of(c, name),
        rust(&code, syntaxes)
    ));
    for exercise in exercises.into_iter().flatten() {
        body.push_str(&format!(
            "<h2>Exercise: {0}</h2>\n<pre class=\"command\">cargo xtask exercise {0}</pre>\n{1}\n",
            exercise.name,
            markdown(&exercise.task)
        ));
    }
    let link = |step: Option<(&Crate, &Section)>, word: &str| match step {
        Some((c, s)) => format!(
            "<a href=\"../{}\">{word}: {} {}</a>",
            page_of(&c.name, &s.name),
            c.name,
            s.name
        ),
        None => "<span></span>".to_owned(),
    };
    body.push_str(&format!(
        "<nav class=\"steps\">{}{}</nav>\n",
        link(previous, "Previous"),
        link(next, "Next")
    ));
    body
}

/// Opens `page` in the desktop's browser, or says where it is.
fn open_in_browser(page: &Path) {
    let mut opener = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut start = Command::new("cmd");
        start.args(["/C", "start", ""]);
        start
    } else {
        Command::new("xdg-open")
    };
    let opened = opener
        .arg(page)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !opened.is_ok_and(|status| status.success()) {
        println!("open {} in a browser", page.display());
    }
}
