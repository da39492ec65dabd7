//! Emits string enums and unions (`oneOf`/`anyOf`, and status-keyed responses).

use super::types::{ident, ty_tokens, Imports};
use crate::ir::{Api, Ty, TypeDef, UnionVariant, Variant};
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit_enum(
    t: &TypeDef,
    variants: &[Variant],
    fallback: &str,
    head: TokenStream,
    imp: &Imports,
) -> TokenStream {
    let name = ident(&t.name);
    let allow = t.uses_deprecated.then(|| quote!(#[allow(deprecated)]));
    let single = variants.len() == 1;
    let fallback = ident(fallback);
    let vs = variants.iter().enumerate().map(|(i, v)| {
        let vn = ident(&v.rust_name);
        let wire = &v.wire_value;
        let vdoc = format!(" `{wire}`");
        let default = (single && i == 0).then(|| quote!(#[default]));
        quote! {
            #[doc = #vdoc]
            #default
            #vn,
        }
    });
    let arms = variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote!(Self::#vn => #wire,)
    });
    let string_enum = imp.name("crate::runtime::string_enum");
    let derive_default = single.then(|| quote!(Default,));
    let parse_arms = variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote!(#wire => Self::#vn,)
    });
    quote! {
        #head
        #[derive(Debug, Clone, PartialEq, Eq, Hash, #derive_default)]
        #[non_exhaustive]
        pub enum #name {
            #(#vs)*
            /// A value this version of the SDK does not know, kept as sent so it round-trips.
            #fallback(String),
        }

        #allow
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms)*
                    Self::#fallback(value) => value,
                }
            }
        }

        #allow
        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            /// Parses a wire value; one this SDK does not know becomes the fallback variant.
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(match value {
                    #(#parse_arms)*
                    other => Self::#fallback(other.to_owned()),
                })
            }
        }

        #string_enum!(#name);
    }
}

pub fn emit_union(
    api: &Api,
    t: &TypeDef,
    variants: &[UnionVariant],
    discriminator: Option<&str>,
    fallback: &str,
    head: TokenStream,
    imp: &Imports,
) -> TokenStream {
    let name = ident(&t.name);
    let allow = t.uses_deprecated.then(|| quote!(#[allow(deprecated)]));
    let fallback = ident(fallback);
    let vs = variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let ty = ty_tokens(api, &v.ty, imp);
        let vdoc = match &v.ty {
            Ty::Named(id) => {
                let name = &api.ty(*id).name;
                format!(" A [`{name}`](crate::models::{name}).")
            }
            _ => " A value of this shape.".to_owned(),
        };
        quote! {
            #[doc = #vdoc]
            #vn(#ty),
        }
    });
    let body = quote! {
        #(#vs)*
        /// A shape this version of the SDK does not know, kept as sent.
        #fallback(serde_json::Value),
    };
    let (ser, de) = (imp.name("serde::Serialize"), imp.name("serde::Deserialize"));
    let Some(prop) = discriminator else {
        let objects = variants.iter().filter(|v| !v.keys.is_empty()).count();
        if objects < 2 {
            return quote! {
                #head
                #[derive(Debug, Clone, PartialEq, #ser, #de)]
                #[serde(untagged)]
                #[non_exhaustive]
                pub enum #name {
                    #body
                }
            };
        }
        let decode = best_fit(api, t, variants, &fallback, imp);
        return quote! {
            #head
            #[derive(Debug, Clone, PartialEq, #ser)]
            #[serde(untagged)]
            #[non_exhaustive]
            pub enum #name {
                #body
            }

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
        #head
        #[derive(Debug, Clone, PartialEq, #ser)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #body
        }

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
