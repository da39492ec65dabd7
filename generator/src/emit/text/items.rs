//! Items with a braced body printed as text: structs, enums and impl blocks.
//!
//! prettyplease puts each attribute of a struct or an enum and of its fields or variants on
//! a line of its own, and each field on one line when it fits. An item whose attribute or
//! field would be broken (a long generic type, a `#[serde(..)]` with three arguments) is left
//! to it. An impl block is its items, a level in, with a blank line between them.

use super::sends::trait_impl_head;
use super::{doc_comments, fits, tokens, unbreakable, ITEM};
use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// A struct's or a field's doc lines (` text`, as the docs module makes them) and
/// attributes (`#[..]` tokens).
pub(in crate::emit) struct Head<'a> {
    pub docs: &'a [String],
    pub attrs: &'a TokenStream,
}

/// `head`, then `item {` (`pub struct Name`, `pub enum Name`), each field or variant (its
/// head, then `decl,`) a level in, and `}`; none if a line would not fit, an attribute is not
/// printed here, or there is no field (prettyplease prints `{}` then).
pub(in crate::emit) fn braced_item(
    head: Head,
    item: &str,
    fields: &[(Head, TokenStream)],
) -> Option<Vec<String>> {
    if fields.is_empty() {
        return None;
    }
    let mut lines = head_lines("", &head)?;
    // Nothing in `pub struct Name {` can break: a long name runs past the margin.
    lines.push(format!("{item} {{"));
    for (head, decl) in fields {
        let decl = tokens(decl)?;
        let field = format!("{decl},");
        // A field whose type has no generic arguments cannot break: it runs past the margin.
        if !unbreakable(&decl) {
            fits(ITEM, &field)?;
        }
        lines.extend(
            head_lines(ITEM, head)?
                .into_iter()
                .map(|l| format!("{ITEM}{l}")),
        );
        lines.push(format!("{ITEM}{field}"));
    }
    lines.push("}".to_owned());
    Some(lines)
}

/// `attrs` (whole lines), then `impl Type {` or `impl Trait for Type {` ([`trait_impl_head`]),
/// each item's lines a level in with a blank line between items, and `}`, as
/// [`super::super::format`] lays out an impl block.
pub(in crate::emit) fn impl_block(
    attrs: &[&str],
    (trait_, ty): (Option<&str>, &str),
    items: Vec<Vec<String>>,
) -> Option<Vec<String>> {
    let mut lines: Vec<String> = attrs.iter().map(|a| (*a).to_owned()).collect();
    match trait_ {
        Some(trait_) => lines.extend(trait_impl_head(&format!("impl {trait_}"), ty)),
        None => lines.push(format!("impl {ty} {{")),
    }
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.extend(item.into_iter().map(|l| {
            if l.is_empty() {
                l
            } else {
                format!("{ITEM}{l}")
            }
        }));
    }
    lines.push("}".to_owned());
    Some(lines)
}

/// Doc comments, then one line per attribute.
fn head_lines(indent: &str, head: &Head) -> Option<Vec<String>> {
    let mut lines = doc_comments(head.docs);
    let mut trees = head.attrs.clone().into_iter();
    while let Some(tree) = trees.next() {
        let (TokenTree::Punct(hash), Some(TokenTree::Group(body))) = (tree, trees.next()) else {
            return None;
        };
        if hash.as_char() != '#' || body.delimiter() != Delimiter::Bracket {
            return None;
        }
        let line = format!("#[{}]", tokens(&body.stream())?);
        fits(indent, &line)?;
        lines.push(line);
    }
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// Printed here or left to prettyplease, at every length; what is printed is
    /// prettyplease's text.
    #[test]
    fn structs_print_as_prettyplease_prints_them() {
        let (mut printed, mut left) = (0, 0);
        for len in 1..90 {
            let name = quote::format_ident!("S{}", "s".repeat(len));
            let field = quote::format_ident!("f{}", "f".repeat(len));
            let wire = "w".repeat(len);
            let head_attrs =
                quote!(#[derive(Debug, Clone, PartialEq, serde::Serialize)] #[non_exhaustive]);
            let rename = quote!(#[deprecated] #[serde(rename = #wire)]);
            let optional = quote!(#[serde(default, skip_serializing_if = "Option::is_none")]);
            let decls = [
                quote!(pub #field: Option<super::#name>),
                quote!(pub r#type: std::collections::BTreeMap<String, Vec<u8>>),
            ];
            let docs = vec![" A struct.".to_owned(), String::new(), " More. ".to_owned()];
            let field_docs = vec![" A field.".to_owned()];
            let expected = prettyplease::unparse(
                &syn::parse2(quote! {
                    #[doc = " A struct."]
                    #[doc = ""]
                    #[doc = " More. "]
                    #head_attrs
                    pub struct #name {
                        #[doc = " A field."]
                        #rename
                        #optional
                        pub #field: Option<super::#name>,
                        #[doc = " A field."]
                        pub r#type: std::collections::BTreeMap<String, Vec<u8>>,
                        pub long: super::#name,
                    }
                })
                .expect("parses"),
            );
            let empty = TokenStream::new();
            let first_attrs = quote!(#rename #optional);
            let fields = [
                (
                    Head {
                        docs: &field_docs,
                        attrs: &first_attrs,
                    },
                    decls[0].clone(),
                ),
                (
                    Head {
                        docs: &field_docs,
                        attrs: &empty,
                    },
                    decls[1].clone(),
                ),
                (
                    Head {
                        docs: &[],
                        attrs: &empty,
                    },
                    quote!(pub long: super::#name),
                ),
            ];
            let head = Head {
                docs: &docs,
                attrs: &head_attrs,
            };
            match braced_item(head, &format!("pub struct {name}"), &fields) {
                Some(lines) => {
                    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
                    assert_eq!(text, expected, "{len}");
                    printed += 1;
                }
                None => left += 1,
            }
        }
        assert!(printed > 0 && left > 0, "{printed} printed, {left} left");
        let broken = quote!(#[serde(default, skip_serializing_if = "Option::is_none", with = "crate::runtime::encode::double_option")]);
        let head = Head {
            docs: &[],
            attrs: &broken,
        };
        assert_eq!(head_lines(ITEM, &head), None);
    }
}
