//! Writes `$OUT_DIR/sections.rs`: every section that `sections.txt` names, rewritten
//! for shuttle (`src/rewrite.rs`), as `<crate>::<section>`, and a test for each that
//! explores it under the schedules its line asks for.

#[path = "src/rewrite.rs"]
mod rewrite;

use std::fmt::Write;
use std::path::Path;
use std::{env, fs};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let list = root.join("sections.txt");
    println!("cargo::rerun-if-changed={}", list.display());
    let list = fs::read_to_string(&list).expect("checks/sections.txt is readable");
    let mut modules: Vec<(String, String)> = Vec::new();
    let mut tests = String::new();
    for line in list
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
    {
        let [krate, section, schedules] = line.split_whitespace().collect::<Vec<_>>()[..] else {
            panic!("checks/sections.txt: `{line}` is not `<crate> <section> <schedules>`");
        };
        let file = root
            .join("..")
            .join(krate)
            .join("src")
            .join(format!("{}.rs", section.replace('-', "_")));
        println!("cargo::rerun-if-changed={}", file.display());
        let source =
            fs::read_to_string(&file).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        let (module, function) = (krate.replace('-', "_"), section.replace('-', "_"));
        let body = format!("pub mod {function} {{ {} }}\n", rewrite::rewrite(&source));
        match modules.iter_mut().find(|(name, _)| *name == module) {
            Some((_, text)) => text.push_str(&body),
            None => modules.push((module.clone(), body)),
        }
        writeln!(
            tests,
            "#[test]\nfn {module}_{function}() {{ explored(\"{krate}\", \"{section}\", {module}::{function}::main, {schedules}); }}"
        )
        .unwrap();
    }
    let mut text = String::new();
    for (module, body) in modules {
        writeln!(
            text,
            "#[allow(dead_code, unused_imports, clippy::all)]\npub mod {module} {{\n{body}}}"
        )
        .unwrap();
    }
    text.push_str(&tests);
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("sections.rs"),
        text,
    )
    .unwrap();
}
