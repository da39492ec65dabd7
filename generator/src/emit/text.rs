//! Regular items printed as text, skipping syn and prettyplease.
//!
//! Setters are a third of a generated crate's lines, and parsing their bodies is most of
//! formatting's cost. Their layout is certain when every line fits prettyplease's margin
//! (it breaks a line only when it does not fit), so they are printed here exactly as
//! prettyplease would print them, and go into the file through a [`super::deferred`]
//! placeholder. An item that would not fit is left to prettyplease.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// prettyplease's line width.
const MARGIN: usize = 89;

/// An impl item's indentation in a file (impl blocks are top-level items).
const ITEM: &str = "    ";

/// A setter, `pub fn name(mut self, decl) -> Self { place = Some(value); self }`, after
/// its doc comments (`/// ..`) and `#[deprecated]`, as lines relative to the impl's items; none
/// if a line would not fit (prettyplease breaks it) or a token is outside what [`tokens`]
/// prints.
pub(super) fn setter(
    docs: Vec<String>,
    deprecated: bool,
    name: &str,
    decl: &TokenStream,
    place: &TokenStream,
    value: &TokenStream,
) -> Option<Vec<String>> {
    let signature = format!("pub fn {name}(mut self, {}) -> Self {{", tokens(decl)?);
    let body = format!("    {} = Some({});", tokens(place)?, tokens(value)?);
    if ITEM.len() + signature.len() > MARGIN || ITEM.len() + body.len() > MARGIN {
        return None;
    }
    let mut lines = docs;
    if deprecated {
        lines.push("#[deprecated]".into());
    }
    lines.extend([signature, body, "    self".into(), "}".into()]);
    Some(lines)
}

/// Doc lines (` text`, as the docs module makes them) as comment lines, trailing spaces
/// trimmed as prettyplease trims them.
pub(super) fn doc_comments(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| format!("///{}", l.trim_end_matches(' ')))
        .collect()
}

/// A type, a path or a simple expression as prettyplease prints it: `impl Into<String>`,
/// `self.body.name`, `value.into_iter().map(Into::into).collect()`. None for tokens it
/// does not print here (braces, lifetimes, operators but `::`, `.`, `,`, `=`, `<`, `>`, `:`).
pub(super) fn tokens(tokens: &TokenStream) -> Option<String> {
    let mut out = String::new();
    write_tokens(tokens, &mut out)?;
    Some(out)
}

fn write_tokens(tokens: &TokenStream, out: &mut String) -> Option<()> {
    let mut joint_colon = false;
    for tt in tokens.clone() {
        match tt {
            TokenTree::Ident(id) => {
                if out.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    out.push(' ');
                }
                out.push_str(&id.to_string());
            }
            TokenTree::Literal(lit) => out.push_str(&lit.to_string()),
            TokenTree::Punct(p) => {
                let c = p.as_char();
                match c {
                    ':' if joint_colon => out.push(':'),
                    ':' if p.spacing() == Spacing::Joint => out.push(':'),
                    ':' => out.push_str(": "),
                    '.' | '<' | '>' => out.push(c),
                    ',' => out.push_str(", "),
                    '=' if p.spacing() == Spacing::Alone => out.push_str(" = "),
                    _ => return None,
                }
                joint_colon = c == ':' && p.spacing() == Spacing::Joint;
                continue;
            }
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ('(', ')'),
                    Delimiter::Bracket => ('[', ']'),
                    Delimiter::None => {
                        write_tokens(&g.stream(), out)?;
                        joint_colon = false;
                        continue;
                    }
                    Delimiter::Brace => return None,
                };
                out.push(open);
                write_tokens(&g.stream(), out)?;
                // `(a, b, )` never comes from quote's repetition, but keep it tidy.
                if out.ends_with(", ") {
                    out.truncate(out.len() - 2);
                }
                out.push(close);
            }
        }
        joint_colon = false;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn pretty_impl_item(item: TokenStream) -> String {
        let file: syn::File = syn::parse2(quote!(impl S { #item })).expect("parses");
        let text = prettyplease::unparse(&file);
        let body = text.strip_prefix("impl S {\n").expect("impl");
        body.strip_suffix("}\n").expect("end").to_owned()
    }

    /// A setter printed here is the text prettyplease prints, at every length up to the
    /// margin; past it, it is left to prettyplease.
    #[test]
    fn setters_print_as_prettyplease_prints_them() {
        for len in 1..80 {
            let name = quote::format_ident!("{}", "a".repeat(len));
            let decl = quote!(value: impl IntoIterator<Item = impl Into<super::Thing>>);
            let place = quote!(self.body.#name);
            let value = quote!(value.into_iter().map(Into::into).collect());
            let docs = vec!["/// Sets it.".to_owned()];
            let text = setter(docs, len % 2 == 0, &name.to_string(), &decl, &place, &value);
            let deprecated = (len % 2 == 0).then(|| quote!(#[deprecated]));
            let pretty = pretty_impl_item(quote! {
                #[doc = " Sets it."]
                #deprecated
                pub fn #name(mut self, #decl) -> Self {
                    #place = Some(#value);
                    self
                }
            });
            let Some(lines) = text else {
                assert!(
                    pretty.lines().count() > 6,
                    "{len}: fits but was not printed"
                );
                continue;
            };
            let printed: String = lines.iter().map(|l| format!("    {l}\n")).collect();
            assert_eq!(printed, pretty, "{len}");
        }
        assert_eq!(
            doc_comments(&[" a  ".into(), String::new()]),
            ["/// a", "///"]
        );
    }

    #[test]
    fn tokens_print_types_paths_and_calls() {
        let rows = [
            (quote!(value: impl Into<String>), "value: impl Into<String>"),
            (
                quote!(Option<std::collections::BTreeMap<String, super::X>>),
                "Option<std::collections::BTreeMap<String, super::X>>",
            ),
            (quote!(self.body.r#type), "self.body.r#type"),
            (quote!(Box::new(value)), "Box::new(value)"),
            (quote!((A, B)), "(A, B)"),
        ];
        for (ts, text) in rows {
            assert_eq!(tokens(&ts).as_deref(), Some(text));
        }
        assert_eq!(tokens(&quote!(&'static str)), None);
        assert_eq!(tokens(&quote!(|| {})), None);
    }
}
