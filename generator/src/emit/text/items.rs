//! Items with a braced body printed as text: structs, enums and impl blocks.
//!
//! prettyplease puts each attribute of a struct or an enum and of its fields or variants on
//! a line of its own, broken one argument a line when it is too long; and each field or
//! variant on one line when it fits, else broken in its type's generic arguments (or after
//! a tuple variant's parenthesis). An item with a line broken otherwise (an attribute whose
//! arguments hold a group, a generic argument that is not a type) is left to it. An impl
//! block is its items, a level in, with a blank line between them.

use super::sends::trait_impl_head;
use super::{doc_comments, fits, generic_lines, split_commas, tokens, top_level_split, ITEM};
use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// A struct's or a field's doc lines (` text`, as the docs module makes them) and
/// attributes (`#[..]` tokens).
pub(in crate::emit) struct Head<'a> {
    pub docs: &'a [String],
    pub attrs: &'a TokenStream,
}

/// `head`, then `item {` (`pub struct Name`, `pub enum Name`), each field or variant (its
/// head, then `decl,`) a level in, and `}`; none if a line is not laid out here (see the
/// module's docs; a line with nothing to break runs past the margin, as in prettyplease), or
/// there is no field (prettyplease prints `{}` then).
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
        // A field too long for the margin has its type's generic arguments broken one a
        // line; one whose type has none cannot break: it runs past the margin.
        let field = match tuple_variant(decl) {
            Some((name, ty)) => variant_lines(&name, &ty)?,
            None => generic_lines(ITEM, &tokens(decl)?, true)?,
        };
        let head = head_lines(ITEM, head)?;
        lines.extend(head.into_iter().chain(field).map(|l| format!("{ITEM}{l}")));
    }
    lines.push("}".to_owned());
    Some(lines)
}

/// A variant with one unnamed field (`Name(Type)`): its name and its field's type.
fn tuple_variant(decl: &TokenStream) -> Option<(String, String)> {
    let mut trees = decl.clone().into_iter();
    match (trees.next(), trees.next(), trees.next()) {
        (Some(TokenTree::Ident(name)), Some(TokenTree::Group(field)), None)
            if field.delimiter() == Delimiter::Parenthesis =>
        {
            let ty = tokens(&field.stream())?;
            (top_level_split(&ty).len() == 1).then(|| (name.to_string(), ty))
        }
        _ => None,
    }
}

/// A tuple variant's lines, as prettyplease lays it out: `Name(Type),` when it fits, else
/// `Name(`, the type a level in (its generic arguments broken in turn if it is still too
/// long; its comma not measured) and `),`.
fn variant_lines(name: &str, ty: &str) -> Option<Vec<String>> {
    let line = format!("{name}({ty}),");
    if fits(ITEM, &line).is_some() {
        return Some(vec![line]);
    }
    let mut lines = vec![format!("{name}(")];
    let inner = generic_lines(&format!("{ITEM}{ITEM}"), ty, false)?;
    lines.extend(inner.into_iter().map(|l| format!("{ITEM}{l}")));
    lines.push("),".to_owned());
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
    let head = match trait_ {
        Some(trait_) => trait_impl_head(&format!("impl {trait_}"), ty),
        None => vec![format!("impl {ty} {{")],
    };
    Some(impl_lines(attrs, head, items))
}

/// [`impl_block`] from the lines of its head.
pub(in crate::emit) fn impl_lines(
    attrs: &[&str],
    head: Vec<String>,
    items: Vec<Vec<String>>,
) -> Vec<String> {
    let mut lines: Vec<String> = attrs.iter().map(|a| (*a).to_owned()).collect();
    lines.extend(head);
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
    lines
}

/// A top-level item on one line, such as a macro call `request_options!(Builder);`, as
/// prettyplease prints it; none if it does not fit (prettyplease breaks it).
pub(in crate::emit) fn one_line_item(item: &TokenStream) -> Option<Vec<String>> {
    let line = tokens(item)?;
    fits("", &line)?;
    Some(vec![line])
}

/// Doc comments, then one line per attribute (broken when too long, see [`broken_attr`]);
/// none for an attribute not printed here.
pub(in crate::emit) fn head_lines(indent: &str, head: &Head) -> Option<Vec<String>> {
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
        match fits(indent, &line) {
            Some(()) => lines.push(line),
            None => lines.extend(broken_attr(&body.stream())?),
        }
    }
    Some(lines)
}

/// An attribute too long for its line, as prettyplease breaks it: `#[path(`, each argument
/// a line further in (a comma after all but the last), `)]`. Only a path and one
/// parenthesised list of arguments without groups of their own (`serde(default, with =
/// "..")`); none for anything else.
fn broken_attr(body: &TokenStream) -> Option<Vec<String>> {
    let mut trees: Vec<TokenTree> = body.clone().into_iter().collect();
    let Some(TokenTree::Group(args)) = trees.pop() else {
        return None;
    };
    let inner: Vec<TokenTree> = args.stream().into_iter().collect();
    let last_comma = matches!(inner.last(), Some(TokenTree::Punct(p)) if p.as_char() == ',');
    let flat = |t: &TokenTree| !matches!(t, TokenTree::Group(_));
    if args.delimiter() != Delimiter::Parenthesis
        || last_comma
        || !trees.iter().chain(&inner).all(flat)
    {
        return None;
    }
    let path = tokens(&trees.into_iter().collect())?;
    let pieces = split_commas(&args.stream());
    let mut lines = vec![format!("#[{path}(")];
    for (i, piece) in pieces.iter().enumerate() {
        let comma = if i + 1 < pieces.len() { "," } else { "" };
        lines.push(format!("{ITEM}{}{comma}", tokens(piece)?));
    }
    lines.push(")]".to_owned());
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
        let (mut printed, mut broken, mut nested, mut attrs, mut left) = (0, 0, 0, 0, 0);
        for len in 1..90 {
            let name = quote::format_ident!("S{}", "s".repeat(len));
            let field = quote::format_ident!("f{}", "f".repeat(len));
            let wire = "w".repeat(len);
            let head_attrs =
                quote!(#[derive(Debug, Clone, PartialEq, serde::Serialize)] #[non_exhaustive]);
            let rename = quote!(#[deprecated] #[serde(rename = #wire)]);
            let optional = quote!(#[serde(default, skip_serializing_if = "Option::is_none")]);
            // Odd lengths nest a second generic (with a longer name, so that it breaks too
            // before the attributes grow past the margin).
            let long = quote::format_ident!("L{}", "l".repeat(2 * len));
            let ty = match len % 2 {
                0 => quote!(Option<super::#name>),
                _ => quote!(Option<Vec<super::#long>>),
            };
            let decls = [
                quote!(pub #field: #ty),
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
                        pub #field: #ty,
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
                    broken += usize::from(text.contains(": Option<\n"));
                    nested += usize::from(text.contains("    Vec<\n"));
                    attrs += usize::from(text.contains("#[serde(\n"));
                }
                None => left += 1,
            }
        }
        assert!(
            printed > 0 && broken > 0 && nested > 0 && attrs > 0 && left > 0,
            "{printed} printed ({broken} with a field broken, {nested} twice, {attrs} with an \
             attribute broken), {left} left"
        );
    }

    /// Tuple variants (a union's branches) print as prettyplease prints them at every
    /// length: on one line, broken after the parenthesis, or with the type broken too.
    #[test]
    fn tuple_variants_print_as_prettyplease_prints_them() {
        let (mut one, mut broken, mut nested) = (0, 0, 0);
        for len in 1..90 {
            let variant = quote::format_ident!("V{}", "v".repeat(len));
            let ty = quote::format_ident!("T{}", "t".repeat(len));
            let decls = [
                quote!(#variant(super::#ty)),
                quote!(Many(Vec<super::#ty>)),
                quote!(Object(std::collections::BTreeMap<String, serde_json::Value>)),
                quote!(Unknown(serde_json::Value)),
            ];
            let docs = vec![" A branch.".to_owned()];
            let attrs = quote!(#[derive(Debug, Clone)] #[serde(untagged)]);
            let expected = prettyplease::unparse(
                &syn::parse2(quote! {
                    #attrs
                    pub enum E {
                        #(#[doc = " A branch."] #decls,)*
                    }
                })
                .expect("parses"),
            );
            let empty = TokenStream::new();
            let fields: Vec<(Head, TokenStream)> = (decls.iter())
                .map(|d| {
                    let head = Head {
                        docs: &docs,
                        attrs: &empty,
                    };
                    (head, d.clone())
                })
                .collect();
            let head = Head {
                docs: &[],
                attrs: &attrs,
            };
            let Some(lines) = braced_item(head, "pub enum E", &fields) else {
                continue;
            };
            let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
            assert_eq!(text, expected, "{len}");
            one += usize::from(text.contains(&format!("    {variant}(super::")));
            broken += usize::from(text.contains(&format!("    {variant}(\n")));
            nested += usize::from(text.contains("Vec<\n"));
        }
        assert!(
            one > 0 && broken > 0 && nested > 0,
            "{one} on a line, {broken} broken, {nested} with the type broken"
        );
    }

    /// A long attribute of several arguments is broken one argument a line, as prettyplease
    /// breaks it; one whose arguments hold a group is left to it.
    #[test]
    fn long_attributes_break_as_prettyplease_breaks_them() {
        let attrs = quote!(#[serde(default, skip_serializing_if = "Option::is_none", with = "crate::runtime::encode::double_option")]);
        let expected = prettyplease::unparse(
            &syn::parse2(quote!(pub struct S { #attrs pub a: Option<Option<String>>, }))
                .expect("parses"),
        );
        let fields = [(
            Head {
                docs: &[],
                attrs: &attrs,
            },
            quote!(pub a: Option<Option<String>>),
        )];
        let empty = TokenStream::new();
        let head = Head {
            docs: &[],
            attrs: &empty,
        };
        let lines = braced_item(head, "pub struct S", &fields).expect("printed");
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        assert_eq!(text, expected);
        assert!(text.contains("    #[serde(\n        default,\n"), "{text}");
        let grouped = quote!(#[cfg_attr(feature = "a_long_feature_name_here", serde(default, with = "crate::runtime::encode::double_option"))]);
        let head = Head {
            docs: &[],
            attrs: &grouped,
        };
        assert_eq!(head_lines(ITEM, &head), None);
    }

    /// A macro call on one line is prettyplease's, up to the margin; past it, it is left.
    #[test]
    fn one_line_macro_calls_print_as_prettyplease_prints_them() {
        let (mut printed, mut left) = (0, 0);
        for len in 40..100 {
            let name = quote::format_ident!("B{}", "b".repeat(len));
            let call = quote!(request_options!(#name););
            let pretty = prettyplease::unparse(&syn::parse2(call.clone()).expect("parses"));
            match one_line_item(&call) {
                Some(lines) => {
                    assert_eq!(format!("{}\n", lines.join("\n")), pretty, "{len}");
                    printed += 1;
                }
                None => {
                    assert!(
                        pretty.lines().count() > 1,
                        "{len}: fits but was not printed"
                    );
                    left += 1;
                }
            }
        }
        assert!(printed > 0 && left > 0, "{printed} printed, {left} left");
    }
}
