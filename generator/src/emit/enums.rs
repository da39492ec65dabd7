//! Emits string enums and unions (`oneOf`/`anyOf`, and status-keyed responses).

use super::deferred::{self, doc_block};
use super::text;
use super::types::{ident, ty_tokens, Imports};
use crate::ir::{Api, Ty, TypeDef, UnionVariant, Variant};
use proc_macro2::TokenStream;
use quote::quote;

/// A string enum with its fallback variant, `as_str`, `FromStr` and the runtime's
/// `string_enum!` impls. `parts`: the type's doc lines and attributes.
pub fn emit_enum(
    t: &TypeDef,
    variants: &[Variant],
    fallback: &str,
    (docs, attrs): (Vec<String>, TokenStream),
    imp: &Imports,
) -> TokenStream {
    let name = ident(&t.name);
    let allow = t.uses_deprecated.then(|| quote!(#[allow(deprecated)]));
    let single = variants.len() == 1;
    let fallback = ident(fallback);
    let derive_default = single.then(|| quote!(Default,));
    let head_attrs = quote! {
        #attrs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, #derive_default)]
        #[non_exhaustive]
    };
    let members: Vec<(String, TokenStream, TokenStream)> = variants
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let vn = ident(&v.rust_name);
            let default = (single && i == 0).then(|| quote!(#[default]));
            (
                format!(" `{}`", v.wire_value),
                quote!(#default),
                quote!(#vn),
            )
        })
        .chain([(
            FALLBACK_DOC.to_owned(),
            TokenStream::new(),
            quote!(#fallback(String)),
        )])
        .collect();
    let arms = variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote!(Self::#vn => #wire,)
    });
    let as_str = quote!(match self { #(#arms)* Self::#fallback(value) => value, });
    let parse_arms = variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote!(#wire => Self::#vn,)
    });
    let from_str =
        quote!(Ok(match value { #(#parse_arms)* other => Self::#fallback(other.to_owned()), }));
    let string_enum = imp.name("crate::runtime::string_enum");
    let text = EnumText {
        name: &t.name,
        allow: t.uses_deprecated,
        docs: &docs,
        attrs: &head_attrs,
        members: &members,
        as_str: &as_str,
        from_str: &from_str,
    };
    if let Some(items) = text.print() {
        return quote! {
            #items
            #string_enum!(#name);
        };
    }
    let docs = doc_block(docs, false);
    let vs = members
        .iter()
        .map(|(doc, attrs, decl)| quote!(#[doc = #doc] #attrs #decl,));
    quote! {
        #docs
        #head_attrs
        pub enum #name {
            #(#vs)*
        }

        #allow
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                #as_str
            }
        }

        #allow
        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            /// Parses a wire value; one this SDK does not know becomes the fallback variant.
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                #from_str
            }
        }

        #string_enum!(#name);
    }
}

/// The fallback variant's doc line.
const FALLBACK_DOC: &str =
    " A value this version of the SDK does not know, kept as sent so it round-trips.";

/// A string enum's items as text: the enum, its `as_str` impl and its `FromStr` impl.
struct EnumText<'a> {
    name: &'a str,
    allow: bool,
    docs: &'a [String],
    attrs: &'a TokenStream,
    /// Each variant's doc line, attributes and declaration.
    members: &'a [(String, TokenStream, TokenStream)],
    as_str: &'a TokenStream,
    from_str: &'a TokenStream,
}

impl EnumText<'_> {
    /// The three items, set aside as text; none if one of them would not be printed as text
    /// (a line too long, or a wire value with a line break, which prettyplease would print as
    /// a block comment).
    fn print(&self) -> Option<TokenStream> {
        if self
            .members
            .iter()
            .any(|(doc, ..)| doc.contains(['\n', '\r']))
        {
            return None;
        }
        let docs: Vec<Vec<String>> = self.members.iter().map(|(d, ..)| vec![d.clone()]).collect();
        let fields: Vec<(text::Head, TokenStream)> = self
            .members
            .iter()
            .zip(&docs)
            .map(|((_, attrs, decl), docs)| (text::Head { docs, attrs }, decl.clone()))
            .collect();
        let head = text::Head {
            docs: self.docs,
            attrs: self.attrs,
        };
        let item = text::braced_item(head, &format!("pub enum {}", self.name), &fields)?;
        let allow: &[&str] = if self.allow {
            &["#[allow(deprecated)]"]
        } else {
            &[]
        };
        let as_str = text::function(
            text::ITEM,
            vec![
                "/// The value as sent on the wire.".into(),
                "pub fn as_str(&self) -> &str {".into(),
            ],
            self.as_str,
        )?;
        let as_str = text::impl_block(allow, (None, self.name), vec![as_str])?;
        let from_str = text::function(
            text::ITEM,
            vec![
                "/// Parses a wire value; one this SDK does not know becomes the fallback variant."
                    .into(),
                "fn from_str(value: &str) -> Result<Self, Self::Err> {".into(),
            ],
            self.from_str,
        )?;
        let err = vec!["type Err = std::convert::Infallible;".to_owned()];
        let head = (Some("std::str::FromStr"), self.name);
        let from_str = text::impl_block(allow, head, vec![err, from_str])?;
        let items = [item, as_str, from_str].map(deferred::item);
        let [Some(a), Some(b), Some(c)] = items else {
            return None;
        };
        Some(quote!(#a #b #c))
    }
}

pub fn emit_union(
    api: &Api,
    t: &TypeDef,
    (variants, discriminator, fallback): (&[UnionVariant], Option<&str>, &str),
    (docs, attrs): (Vec<String>, TokenStream),
    imp: &Imports,
) -> TokenStream {
    let name = ident(&t.name);
    let allow = t.uses_deprecated.then(|| quote!(#[allow(deprecated)]));
    let fallback = ident(fallback);
    let mut body: Vec<(Vec<String>, TokenStream, TokenStream)> = (variants.iter())
        .map(|v| {
            let vn = ident(&v.rust_name);
            let ty = ty_tokens(api, &v.ty, imp);
            let vdoc = match &v.ty {
                Ty::Named(id) => {
                    let name = &api.ty(*id).name;
                    format!(" A [`{name}`](crate::models::{name}).")
                }
                _ => " A value of this shape.".to_owned(),
            };
            (vec![vdoc], TokenStream::new(), quote!(#vn(#ty)))
        })
        .collect();
    body.push((
        vec![" A shape this version of the SDK does not know, kept as sent.".to_owned()],
        TokenStream::new(),
        quote!(#fallback(serde_json::Value)),
    ));
    let (ser, de) = (imp.name("serde::Serialize"), imp.name("serde::Deserialize"));
    let objects = variants.iter().filter(|v| !v.keys.is_empty()).count();
    // Serde derives `Deserialize` only for an untagged union with one object branch at most.
    let derive_de = (discriminator.is_none() && objects < 2).then(|| quote!(, #de));
    let attrs = quote! {
        #attrs
        #[derive(Debug, Clone, PartialEq, #ser #derive_de)]
        #[serde(untagged)]
        #[non_exhaustive]
    };
    let item = super::model::braced_item("enum", &t.name, (docs, attrs), body);
    let Some(prop) = discriminator else {
        if objects < 2 {
            return item;
        }
        let decode = best_fit(api, t, variants, &fallback, imp);
        return quote! {
            #item

            #decode
        };
    };
    let arms = variants.iter().filter(|v| !v.tags.is_empty()).map(|v| {
        let vn = ident(&v.rust_name);
        let tags = &v.tags;
        quote! {
            #(Some(#tags))|* => serde_json::from_value(value).map(Self::#vn).map_err(serde::de::Error::custom),
        }
    });
    quote! {
        #item

        #allow
        impl<'de> #de<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as #de>::deserialize(deserializer)?;
                match value.get(#prop).and_then(serde_json::Value::as_str) {
                    #(#arms)*
                    _ => Ok(Self::#fallback(value)),
                }
            }
        }
    }
}

/// `Deserialize` for a union of several object branches and no discriminator: each branch is
/// tried on the buffered value, those that declare the most of the object's keys first
/// (`encode::union_order`), then the fallback keeps the value as sent.
fn best_fit(
    api: &Api,
    t: &TypeDef,
    variants: &[UnionVariant],
    fallback: &proc_macro2::Ident,
    imp: &Imports,
) -> TokenStream {
    let name = ident(&t.name);
    let allow = t.uses_deprecated.then(|| quote!(#[allow(deprecated)]));
    let de = imp.name("serde::Deserialize");
    let encode = imp.name("crate::runtime::encode");
    let keys = variants.iter().map(|v| {
        let k = &v.keys;
        quote!(&[#(#k),*])
    });
    let last = variants.len().saturating_sub(1);
    let arms = variants.iter().enumerate().map(|(i, v)| {
        let vn = ident(&v.rust_name);
        let ty = ty_tokens(api, &v.ty, imp);
        let index = if i == last {
            quote!(_)
        } else {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            quote!(#i)
        };
        quote!(#index => <#ty as #de>::deserialize(&value).map(Self::#vn),)
    });
    quote! {
        #allow
        impl<'de> #de<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as #de>::deserialize(deserializer)?;
                let keys: &[&[&str]] = &[#(#keys),*];
                for branch in #encode::union_order(&value, keys) {
                    let decoded = match branch {
                        #(#arms)*
                    };
                    if let Ok(decoded) = decoded {
                        return Ok(decoded);
                    }
                }
                Ok(Self::#fallback(value))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::types::Place;
    use crate::ir::{TypeKind, Variant};

    /// Built where text is set aside (`collect`, then formatted and spliced) or not (all
    /// through prettyplease), a string enum prints the same, short or past the margin.
    #[test]
    fn string_enums_print_the_same_as_text_or_through_prettyplease() {
        for len in [1, 20, 40, 70, 0] {
            // Length 0: a wire value with a line break, which prettyplease prints as a block
            // comment; that enum is left to it.
            let wire = if len == 0 {
                "a\nb".to_owned()
            } else {
                "w".repeat(len)
            };
            let variants = vec![
                Variant {
                    rust_name: format!("V{}", "v".repeat(len)),
                    wire_value: wire,
                },
                Variant {
                    rust_name: "Other".into(),
                    wire_value: "other \"quoted\"".into(),
                },
            ];
            let kind = TypeKind::Enum {
                variants: variants.clone(),
                fallback: "Unknown".into(),
            };
            let mut t = TypeDef::new(&format!("E{}", "e".repeat(len)), "#/x", kind);
            t.uses_deprecated = len == 20;
            let build = || {
                let imp = Imports::new(Place::Elsewhere, Vec::new());
                let parts = (vec![" An enum.".to_owned()], quote!(#[deprecated]));
                emit_enum(&t, &variants, "Unknown", parts, &imp)
            };
            let direct = super::super::format::format(build()).expect("formats");
            let (tokens, blocks) = deferred::collect(build);
            // Printed as text, the three items; else the type's doc block only.
            assert_eq!(blocks.len(), if len == 0 { 1 } else { 3 }, "{len}");
            let text = super::super::format::format(tokens).expect("formats");
            assert_eq!(
                deferred::splice(text, &blocks).expect("splices"),
                direct,
                "{len}"
            );
        }
    }
}
