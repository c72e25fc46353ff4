//! The one rewrite that puts a section file under shuttle's scheduler, as tokens:
//! - a path that starts `std::` starts `crate::shim::` (the crate that includes the
//!   rewritten file has `pub use checks::shim;` at its root);
//! - `thread_local!` is shuttle's, so that each scheduled thread has its own;
//! - an item `static NAME: T = e;` is a `lazy_static!`, fresh for every schedule
//!   (a plain static would carry its atomics and locks from one schedule to the next);
//! - a thread's `.join()` is `.checks_join()`, which notes the wait and joins;
//! - `cfg!(miri)` is `true`: the one switch by which a section shrinks its rounds for
//!   the checkers, Miri's and these.
//!
//! Comments go, doc comments become attributes; the section's code is otherwise as
//! written.
use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};

pub fn rewrite(source: &str) -> String {
    let tokens: TokenStream = source.parse().expect("a section file tokenizes");
    let mut tokens: Vec<TokenTree> = walk(tokens, false).into_iter().collect();
    // `use ::checks::Join as _;` after the inner attributes (the `//!` lines).
    let mut at = 0;
    while is_punct(tokens.get(at), '#') && is_punct(tokens.get(at + 1), '!') {
        at += 3;
    }
    let join: TokenStream = "use ::checks::Join as _;".parse().expect("tokens");
    tokens.splice(at..at, join);
    tokens.into_iter().collect::<TokenStream>().to_string()
}

fn ident(name: &str) -> TokenTree {
    TokenTree::Ident(Ident::new(name, Span::call_site()))
}
fn colons() -> [TokenTree; 2] {
    [
        TokenTree::Punct(Punct::new(':', Spacing::Joint)),
        TokenTree::Punct(Punct::new(':', Spacing::Alone)),
    ]
}
fn is_punct(t: Option<&TokenTree>, c: char) -> bool {
    matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == c)
}
fn is_ident(t: Option<&TokenTree>, name: &str) -> bool {
    matches!(t, Some(TokenTree::Ident(i)) if i == name)
}
fn path(out: &mut Vec<TokenTree>, parts: &[&str]) {
    for part in parts {
        out.extend(colons());
        out.push(ident(part));
    }
}

fn walk(tokens: TokenStream, in_macro: bool) -> TokenStream {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let prev = if i > 0 { tokens.get(i - 1) } else { None };
        let after_path = is_punct(prev, ':');
        match &tokens[i] {
            TokenTree::Ident(id)
                if id == "std" && !after_path && is_punct(tokens.get(i + 1), ':') =>
            {
                out.push(ident("crate"));
                out.extend(colons());
                out.push(ident("shim"));
            }
            // `cfg!(miri)`: the checkers' switch to smaller rounds, true here too.
            TokenTree::Ident(id)
                if id == "cfg"
                    && is_punct(tokens.get(i + 1), '!')
                    && matches!(tokens.get(i + 2), Some(TokenTree::Group(g)) if g.stream().to_string() == "miri") =>
            {
                out.push(ident("true"));
                i += 3;
                continue;
            }
            TokenTree::Ident(id)
                if id == "thread_local" && !after_path && is_punct(tokens.get(i + 1), '!') =>
            {
                path(&mut out, &["checks", "shuttle", "thread_local"]);
            }
            TokenTree::Ident(id) if id == "static" && !in_macro && !is_punct(prev, '\'') => {
                // `[pub[(..)]] static NAME: T = e;` becomes a lazy_static, fresh in every schedule.
                let mut vis = Vec::new();
                if matches!(out.last(), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis)
                    && is_ident(out.len().checked_sub(2).and_then(|n| out.get(n)), "pub")
                {
                    let g = out.pop().unwrap();
                    vis.push(out.pop().unwrap());
                    vis.push(g);
                } else if is_ident(out.last(), "pub") {
                    vis.push(out.pop().unwrap());
                }
                // Its attributes (doc comments) go inside the macro with it.
                let mut attrs = Vec::new();
                while out.len() >= 2
                    && matches!(out.last(), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket)
                    && is_punct(out.get(out.len() - 2), '#')
                {
                    let g = out.pop().unwrap();
                    let hash = out.pop().unwrap();
                    attrs.splice(0..0, [hash, g]);
                }
                let end = (i..tokens.len())
                    .find(|&j| is_punct(tokens.get(j), ';'))
                    .expect("a static ends with ;");
                let mut body: Vec<TokenTree> = attrs;
                body.extend(vis);
                body.push(ident("static"));
                body.push(ident("ref"));
                // A static's `&T` is `&'static T`; in the macro's `Deref` it must say so.
                let eq = (i..end)
                    .find(|&j| is_punct(tokens.get(j), '='))
                    .unwrap_or(end);
                let mut item: Vec<TokenTree> =
                    static_refs(tokens[i + 1..eq].iter().cloned().collect())
                        .into_iter()
                        .collect();
                item.extend(tokens[eq..=end].iter().cloned());
                body.extend(walk(item.into_iter().collect(), in_macro));
                path(&mut out, &["checks", "shuttle", "lazy_static"]);
                out.push(TokenTree::Punct(Punct::new('!', Spacing::Alone)));
                out.push(TokenTree::Group(Group::new(
                    Delimiter::Brace,
                    body.into_iter().collect(),
                )));
                i = end + 1;
                continue;
            }
            // `.join()`, a thread's: `checks_join`, which notes the wait (`checks::Join`).
            TokenTree::Ident(id)
                if id == "join"
                    && is_punct(prev, '.')
                    && matches!(tokens.get(i + 1), Some(TokenTree::Group(g))
                        if g.delimiter() == Delimiter::Parenthesis && g.stream().is_empty()) =>
            {
                out.push(ident("checks_join"));
            }
            TokenTree::Group(g) => {
                let macro_body = is_punct(prev, '!');
                let inner = walk(g.stream(), in_macro || macro_body);
                out.push(TokenTree::Group(Group::new(g.delimiter(), inner)));
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// `&T` becomes `&'static T` wherever no lifetime is written.
fn static_refs(tokens: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        match t {
            TokenTree::Group(g) => out.push(TokenTree::Group(Group::new(
                g.delimiter(),
                static_refs(g.stream()),
            ))),
            _ => {
                out.push(t.clone());
                if is_punct(Some(t), '&') && !is_punct(tokens.get(k + 1), '\'') {
                    out.push(TokenTree::Punct(Punct::new('\'', Spacing::Joint)));
                    out.push(ident("static"));
                }
            }
        }
    }
    out.into_iter().collect()
}
