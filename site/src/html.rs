//! The HTML around the pictures: Markdown by pulldown-cmark, Rust by syntect, and the
//! page frame every page shares.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html::push_html};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn markdown(text: &str) -> String {
    let mut html = String::new();
    push_html(&mut html, Parser::new_ext(text, Options::ENABLE_TABLES));
    html
}

/// Markdown as HTML, with an id on every heading (GitHub's: lower case, spaces to `-`,
/// other punctuation dropped) and each link's target put through `resolve`; a link it
/// gives `None` for stays as its text.
pub fn markdown_with_links(text: &str, resolve: impl Fn(&str) -> Option<String>) -> String {
    let mut events = Vec::new();
    let mut heading: Option<Vec<Event>> = None;
    let mut dropped = 0_usize; // links being left out, nested
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match resolve(&dest_url) {
                Some(url) => Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(url),
                    title,
                    id,
                }),
                None => {
                    dropped += 1;
                    continue;
                }
            },
            Event::End(TagEnd::Link) if dropped > 0 => {
                dropped -= 1;
                continue;
            }
            event => event,
        };
        match (&mut heading, event) {
            (None, Event::Start(Tag::Heading { .. })) => heading = Some(Vec::new()),
            (Some(inside), Event::End(TagEnd::Heading(level))) => {
                let text: String = inside
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.to_string()),
                        _ => None,
                    })
                    .collect();
                let slug: String = text
                    .to_lowercase()
                    .chars()
                    .filter_map(|c| match c {
                        ' ' => Some('-'),
                        c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                        _ => None,
                    })
                    .collect();
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(slug)),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
                events.append(inside);
                events.push(Event::End(TagEnd::Heading(level)));
                heading = None;
            }
            (Some(inside), event) => inside.push(event),
            (None, event) => events.push(event),
        }
    }
    let mut html = String::new();
    push_html(&mut html, events.into_iter());
    html
}

/// Rust code as HTML spans whose classes (`hl-keyword`, `hl-string`, …) style.css colours.
pub fn rust(code: &str, syntaxes: &SyntaxSet) -> String {
    let syntax = syntaxes
        .find_syntax_by_extension("rs")
        .expect("syntect's default syntaxes include Rust");
    let mut html = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        syntaxes,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        html.parse_html_for_line_which_includes_newline(line)
            .expect("syntect parses every line of Rust");
    }
    html.finalize()
}

/// A whole page: `root` is the way back to the site's root from it ("" or "../").
pub fn page(title: &str, root: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{root}style.css">
</head>
<body>
<header><a href="{root}index.html">Rust concurrency, by example</a></header>
<main>
{body}
</main>
</body>
</html>
"#,
        title = escape(title)
    )
}

pub const STYLE: &str = r#"body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d1d1d; background: #fcfcfa; }
header { padding: 10px 24px; background: #2b2b2b; }
header a { color: #fff; text-decoration: none; font-weight: 600; }
main { max-width: 1400px; margin: 0 auto; padding: 12px 24px 48px; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
.claim { font-size: 1.15em; color: #444; margin-top: 0; }
code, pre, .picture text { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
pre { background: #f3f2ee; padding: 12px 14px; overflow-x: auto; font-size: 13.5px; line-height: 1.45; border-radius: 4px; }
.command { background: #2b2b2b; color: #f0f0f0; }
nav.steps { display: flex; justify-content: space-between; margin: 28px 0 8px; }
.runs { display: flex; gap: 14px; overflow-x: auto; align-items: flex-start; }
.run { margin: 0; flex: 1 1 0; min-width: 300px; overflow-x: auto; border: 1px solid #ddd; border-radius: 4px; background: #fff; padding: 4px 6px; }
.run h3 { font-size: 0.95em; margin: 4px 0; }
.picture text { font-size: 12px; fill: #1d1d1d; }
.picture .lane-name { font-size: 11px; }
.picture .broken-note { fill: #d11; font-weight: 600; }
.verdict-broken { color: #d11; font-weight: 600; }
table { border-collapse: collapse; margin: 12px 0; font-size: 14px; }
td, th { border: 1px solid #ddd; padding: 4px 8px; vertical-align: top; text-align: left; }
tr:target { background: #fff6c8; }
ul.sections li { margin: 4px 0; }
.hl-comment { color: #6a737d; font-style: italic; }
.hl-string { color: #0a7a32; }
.hl-constant { color: #1f5fa8; }
.hl-keyword, .hl-storage { color: #a3146d; }
.hl-entity.hl-name { color: #6f42c1; }
.hl-support, .hl-entity.hl-name.hl-type { color: #b5651d; }
.hl-meta.hl-attribute, .hl-meta.hl-annotation { color: #5d6b00; }
"#;
