//! Formatting tokens with prettyplease, as hand-written code is laid out.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// Tokens parsed as a file and printed; see [`unparse`].
///
/// An item printed as text stands in the tokens as a placeholder item (see
/// [`super::deferred`]): a big file holds thousands, and parsing and laying out each costs
/// more than its text. The file's top-level items are told apart here (an item ends at a `;`
/// or at a braced body not followed by one), and each placeholder is printed as prettyplease
/// prints it; the other items, a run at a time, go through syn and prettyplease. Between
/// top-level items there is one blank line, as [`unparse`] puts.
pub(super) fn format(tokens: TokenStream) -> Result<String, syn::Error> {
    let mut parts: Vec<String> = Vec::new();
    let mut run = TokenStream::new();
    let mut item: Vec<TokenTree> = Vec::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        let ends = match &tree {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(g) => {
                g.delimiter() == Delimiter::Brace
                    && !matches!(trees.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ';')
            }
            _ => false,
        };
        item.push(tree);
        if !ends {
            continue;
        }
        match super::deferred::placeholder_text(&item) {
            Some(text) => {
                flush(&mut run, &mut parts)?;
                parts.push(text);
                item.clear();
            }
            None => run.extend(item.drain(..)),
        }
    }
    run.extend(item);
    flush(&mut run, &mut parts)?;
    Ok(parts.join("\n"))
}

/// Formats the run of items gathered so far (if any) as one file, into `parts`.
fn flush(run: &mut TokenStream, parts: &mut Vec<String>) -> Result<(), syn::Error> {
    if run.is_empty() {
        return Ok(());
    }
    let text = syn::parse2::<syn::File>(std::mem::take(run)).map(unparse)?;
    if !text.is_empty() {
        parts.push(text);
    }
    Ok(())
}

/// Formats a file with prettyplease: `use` items together, other top-level items separated
/// by a blank line, and a blank line between the items of an `impl`, as in hand-written
/// code.
fn unparse(file: syn::File) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(file.items.len() + 1);
    let mut uses: Vec<syn::Item> = Vec::new();
    let print = |items: Vec<syn::Item>| {
        prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items,
        })
    };
    if !file.attrs.is_empty() {
        parts.push(prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: file.attrs,
            items: Vec::new(),
        }));
    }
    for item in file.items {
        if matches!(item, syn::Item::Use(_)) {
            uses.push(item);
            continue;
        }
        if !uses.is_empty() {
            parts.push(print(std::mem::take(&mut uses)));
        }
        parts.push(match item {
            syn::Item::Impl(imp) => unparse_impl(imp),
            other => print(vec![other]),
        });
    }
    if !uses.is_empty() {
        parts.push(print(uses));
    }
    parts.join("\n")
}

/// An `impl` block with a blank line between its items. prettyplease lays out the block
/// once; a blank line then goes before each item after the first: items are the only lines
/// indented by exactly four spaces that follow the end of an item (a four-space line ending
/// in `}` or `;` that is not a comment or an attribute), since bodies, wrapped signatures and
/// everything inside them are indented further or open with a bracket.
fn unparse_impl(imp: syn::ItemImpl) -> String {
    let text = prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![syn::Item::Impl(imp)],
    });
    let item_level = |line: &str| line.starts_with("    ") && !line[4..].starts_with(' ');
    let ends_item = |line: &str| {
        let code = line.trim_start();
        item_level(line)
            && (code.ends_with('}') || code.ends_with(';'))
            && !code.starts_with("//")
            && !code.starts_with("#[")
    };
    let starts_item = |line: &str| {
        // A line of four spaces alone (inside a block comment) starts nothing.
        item_level(line)
            && matches!(line.as_bytes().get(4), Some(c) if !matches!(c, b')' | b'}' | b']' | b'{' | b'>'))
    };
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous = "";
    for line in text.lines() {
        if ends_item(previous) && starts_item(line) {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = line;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// Placeholders printed here, among items of every kind (a `use` group, a static with a
    /// struct literal, an impl, a macro call, inner docs), give the text of formatting the
    /// file whole.
    #[test]
    fn placeholders_print_as_prettyplease_prints_them() {
        let (build, blocks) = super::super::deferred::collect(|| {
            let text = |n: &str| super::super::deferred::item(vec![format!("fn {n}() {{}}")]);
            let (a, b, c) = (text("a"), text("b"), text("c"));
            quote! {
                #![doc = " Inner."]
                use std::fmt;
                use std::io;
                #a
                #b
                static APP: App = App { name: "x", groups: &[] };
                #c
                impl S {
                    pub fn f(&self) {}
                }
                m!(S);
                pub struct T;
            }
        });
        assert_eq!(blocks.len(), 3);
        let (one, _) = super::super::deferred::collect(|| {
            super::super::deferred::item(vec!["fn a() {}".into()]).expect("collecting")
        });
        let trees: Vec<TokenTree> = one.into_iter().collect();
        assert_eq!(
            super::super::deferred::placeholder_text(&trees).as_deref(),
            Some("///\u{2}0\nverbatim!();\n"),
            "a placeholder is told apart"
        );
        let whole = syn::parse2::<syn::File>(build.clone())
            .map(unparse)
            .expect("parses");
        assert_eq!(format(build).expect("formats"), whole);
    }
}
