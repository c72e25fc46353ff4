//! The learner's file against the section, as tokens (proc-macro2): comments, doc
//! comments and layout do not count; outside the regions, every token must be the
//! section's.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::data::{END, START};

/// One token, flattened: a delimiter is a token of its own, so that a region may
/// open a block that closes outside it.
#[derive(Clone, Debug)]
pub struct Token {
    pub text: String,
    /// Its first and last line (from 1).
    pub lines: (usize, usize),
}

/// The tokens of `source`, doc comments left out; an error if it does not tokenize.
pub fn tokens(source: &str) -> Result<Vec<Token>, String> {
    let stream: TokenStream = source
        .parse()
        .map_err(|error| format!("it does not tokenize: {error:?}"))?;
    let mut out = Vec::new();
    flatten(stream, &mut out);
    Ok(out)
}

fn flatten(stream: TokenStream, out: &mut Vec<Token>) {
    let trees: Vec<TokenTree> = stream.into_iter().collect();
    let mut i = 0;
    while i < trees.len() {
        // `#[doc = "…"]` and `#![doc = "…"]`: a doc comment.
        let bang = matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!');
        let group = trees.get(i + 1 + usize::from(bang));
        if matches!(&trees[i], TokenTree::Punct(p) if p.as_char() == '#') {
            if let Some(TokenTree::Group(g)) = group {
                let first = g.stream().into_iter().next();
                if g.delimiter() == Delimiter::Bracket
                    && matches!(first, Some(TokenTree::Ident(ref id)) if id == "doc")
                {
                    i += 2 + usize::from(bang);
                    continue;
                }
            }
        }
        match &trees[i] {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                let line = |span: proc_macro2::Span| span.start().line;
                out.push(Token {
                    text: open.to_owned(),
                    lines: (line(g.span_open()), line(g.span_open())),
                });
                flatten(g.stream(), out);
                out.push(Token {
                    text: close.to_owned(),
                    lines: (line(g.span_close()), line(g.span_close())),
                });
            }
            TokenTree::Punct(p) => out.push(Token {
                text: p.as_char().to_string(),
                lines: (p.span().start().line, p.span().end().line),
            }),
            other => out.push(Token {
                text: other.to_string(),
                lines: (other.span().start().line, other.span().end().line),
            }),
        }
        i += 1;
    }
}

/// The regions of the learner's file: the lines strictly between each pair of marks.
/// An error if a mark is missing, doubled, out of order or inside a token.
pub fn marked_regions(text: &str, tokens: &[Token]) -> Result<Vec<(usize, usize)>, String> {
    let mut regions = Vec::new();
    let mut open = None;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let mark = match line.trim() {
            START => true,
            END => false,
            _ => continue,
        };
        if tokens
            .iter()
            .any(|t| t.lines.0 <= number && number <= t.lines.1)
        {
            continue; // inside a string: not a mark
        }
        match (mark, open) {
            (true, None) => open = Some(number),
            (false, Some(start)) => {
                regions.push((start + 1, number - 1));
                open = None;
            }
            _ => {
                return Err(format!(
                    "the marks of the bug's lines are out of order at line {number}: each \
                     `{START}` needs an `{END}` after it"
                ));
            }
        }
    }
    if open.is_some() {
        return Err(format!("a `{START}` has no `{END}` after it"));
    }
    Ok(regions)
}

/// Which region (index) a token lies in, if any: a token in a region starts there.
fn region_of(token: &Token, regions: &[(usize, usize)]) -> Option<usize> {
    regions
        .iter()
        .position(|&(first, last)| first <= token.lines.0 && token.lines.0 <= last)
}

/// The tokens outside the regions, cut at each region: `regions.len() + 1` runs.
fn runs<'a>(tokens: &'a [Token], regions: &[(usize, usize)]) -> Vec<Vec<&'a Token>> {
    let mut runs = vec![Vec::new(); regions.len() + 1];
    for token in tokens {
        let run = match region_of(token, regions) {
            Some(_) => continue,
            None => regions.iter().filter(|r| r.1 < token.lines.0).count(),
        };
        runs[run].push(token);
    }
    runs
}

/// The tokens inside region `k`.
pub fn inside<'a>(tokens: &'a [Token], regions: &[(usize, usize)], k: usize) -> Vec<&'a Token> {
    tokens
        .iter()
        .filter(|t| region_of(t, regions) == Some(k))
        .collect()
}

/// What differs outside the regions, said plainly, if anything.
pub fn compare(
    section: &[Token],
    section_regions: &[(usize, usize)],
    learner: &[Token],
    learner_regions: &[(usize, usize)],
) -> Option<String> {
    if section_regions.len() != learner_regions.len() {
        return Some(format!(
            "the file has {} pairs of marks around the bug's lines, where the exercise has {}: \
             put them back as they were",
            learner_regions.len(),
            section_regions.len()
        ));
    }
    let (want, have) = (
        runs(section, section_regions),
        runs(learner, learner_regions),
    );
    for (k, (want, have)) in want.iter().zip(&have).enumerate() {
        let where_ = match k {
            0 => "before the first marked region".to_owned(),
            k if k == section_regions.len() => "after the last marked region".to_owned(),
            k => format!("between marked regions {k} and {}", k + 1),
        };
        let differs = (0..want.len().max(have.len()))
            .find(|&i| want.get(i).map(|t| &t.text) != have.get(i).map(|t| &t.text));
        if let Some(i) = differs {
            let what = match (want.get(i), have.get(i)) {
                (Some(w), Some(h)) => format!(
                    "line {} of your file has `{}` where the section has `{}`",
                    h.lines.0, h.text, w.text
                ),
                (Some(w), None) => format!(
                    "`{}` (line {} of the section) is missing from your file",
                    w.text, w.lines.0
                ),
                (None, Some(h)) => format!("line {} of your file adds `{}`", h.lines.0, h.text),
                (None, None) => unreachable!("one of the two has a token at i"),
            };
            return Some(format!(
                "the code outside the marked lines was changed ({where_}: {what}). Only the \
                 lines between the marks may change, so that the rest of the file, its \
                 assertions with it, still proves the claim (`--reset` writes the file afresh \
                 and keeps yours)."
            ));
        }
    }
    None
}

/// What the code around a region of the learner's file holds, as the section has it.
struct Around<'a> {
    /// The texts of the code before the region and after it.
    before: Vec<&'a str>,
    after: Vec<&'a str>,
    /// The texts of the section's own region.
    own: Vec<&'a str>,
    /// The learner's tokens in the region.
    learner: Vec<&'a Token>,
}

/// For each region, what stands around it and in it.
fn around<'a>(
    section: &'a [Token],
    section_regions: &[(usize, usize)],
    learner: &'a [Token],
    learner_regions: &[(usize, usize)],
) -> Vec<Around<'a>> {
    let runs = runs(section, section_regions);
    let texts =
        |tokens: &[&'a Token]| -> Vec<&'a str> { tokens.iter().map(|t| t.text.as_str()).collect() };
    (0..learner_regions.len())
        .map(|k| Around {
            before: texts(&runs[..=k].concat()),
            after: texts(&runs[k + 1..].concat()),
            own: texts(&inside(section, section_regions, k)),
            learner: inside(learner, learner_regions, k),
        })
        .collect()
}

/// Names that a region of the learner's file binds (`let`, an item, or `as`) though
/// the section's region does not mention them, and that the code around the region
/// uses before and after it: a region that shadows a value the proof reads can skip
/// the work.
pub fn shadowed(
    section: &[Token],
    section_regions: &[(usize, usize)],
    learner: &[Token],
    learner_regions: &[(usize, usize)],
) -> Vec<(String, usize)> {
    around(section, section_regions, learner, learner_regions)
        .iter()
        .flat_map(|region| {
            bound(&region.learner).into_iter().filter(|(name, _)| {
                let name = name.as_str();
                name != "_"
                    && region.before.contains(&name)
                    && region.after.contains(&name)
                    && !region.own.contains(&name)
            })
        })
        .collect()
}

/// String literals that a region of the learner's file holds though the section's
/// region does not, and that the code after the region holds: the value a proof
/// expects, copied in to fake the work.
pub fn copied(
    section: &[Token],
    section_regions: &[(usize, usize)],
    learner: &[Token],
    learner_regions: &[(usize, usize)],
) -> Vec<(String, usize)> {
    let is_string = |t: &str| ["\"", "r\"", "r#"].iter().any(|p| t.starts_with(p));
    around(section, section_regions, learner, learner_regions)
        .iter()
        .flat_map(|region| {
            region.learner.iter().filter_map(|token| {
                let text = token.text.as_str();
                (is_string(text) && region.after.contains(&text) && !region.own.contains(&text))
                    .then(|| (token.text.clone(), token.lines.0))
            })
        })
        .collect()
}

/// The names a run of tokens binds: after `let` up to `=`, `;` or `else`; after `fn`,
/// `const`, `static`, `struct`, `enum`, `type`, `mod`, `as`.
fn bound(tokens: &[&Token]) -> Vec<(String, usize)> {
    let mut names = Vec::new();
    let is_ident = |t: &str| {
        t.chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && !["mut", "ref", "box"].contains(&t)
    };
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i].text.as_str() {
            "let" => {
                let mut depth = 0usize;
                let mut j = i + 1;
                while let Some(t) = tokens.get(j) {
                    match t.text.as_str() {
                        "(" | "[" | "{" => depth += 1,
                        ")" | "]" | "}" => depth = depth.saturating_sub(1),
                        "=" | ";" | ":" if depth == 0 => break,
                        text if is_ident(text) => {
                            // A path segment or a struct name is not a binding.
                            let next = tokens.get(j + 1).map(|t| t.text.as_str());
                            let upper = text.starts_with(|c: char| c.is_uppercase());
                            if !upper && next != Some(":") && next != Some("(") {
                                names.push((text.to_owned(), t.lines.0));
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                i = j;
            }
            "fn" | "const" | "static" | "mod" | "as" => {
                if let Some(t) = tokens.get(i + 1).filter(|t| is_ident(&t.text)) {
                    names.push((t.text.clone(), t.lines.0));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    names
}

/// The first `extern` (`extern crate`, an `extern` block: code from outside std,
/// such as libc's `_exit`) or `unsafe` in a region's tokens, with its line.
pub fn outside_std<'a>(tokens: &[&'a Token]) -> Option<(&'a str, usize)> {
    tokens
        .iter()
        .find(|t| t.text == "extern" || t.text == "unsafe")
        .map(|t| (t.text.as_str(), t.lines.0))
}

/// A hash of the tokens (FNV-1a): the same for the same code, whatever its comments
/// and layout, on every machine and Rust version.
pub fn hash(tokens: &[Token]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for token in tokens {
        for byte in token.text.bytes().chain([0]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}
