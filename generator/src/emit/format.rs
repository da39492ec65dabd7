//! Formatting tokens with prettyplease, as hand-written code is laid out.

use proc_macro2::TokenStream;

/// Tokens parsed as a file and printed; see [`unparse`].
pub(super) fn format(tokens: TokenStream) -> Result<String, syn::Error> {
    syn::parse2::<syn::File>(tokens).map(unparse)
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
        item_level(line) && !matches!(line.as_bytes()[4], b')' | b'}' | b']' | b'{' | b'>')
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
