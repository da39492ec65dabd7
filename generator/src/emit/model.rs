//! Emits the model types (`models/<module>.rs`) and `models/mod.rs`.

use super::{doc_attrs, ident, inner_doc_lines, number_tokens, takes_into_string, ty_tokens, From};
use crate::ir::{Api, Field, Presence, Ty, TypeDef, TypeKind, UnionVariant, Variant};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// The types of each models file: module name -> type indices, sorted by name.
pub fn modules(api: &Api) -> BTreeMap<&str, Vec<usize>> {
    let mut modules: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, t) in api.types.iter().enumerate() {
        modules.entry(t.module.as_str()).or_default().push(i);
    }
    for types in modules.values_mut() {
        types.sort_by(|a, b| api.types[*a].name.cmp(&api.types[*b].name));
    }
    modules
}

/// One file of `models/`: its types and the `Paged` impls of its page types.
pub fn models_file(api: &Api, module: &str, types: &[usize]) -> TokenStream {
    let mut items = TokenStream::new();
    for &t in types {
        items.extend(emit_type(api, &api.types[t]));
    }
    items.extend(super::resource::emit_paged_impls(api, module));
    items
}

/// `models/mod.rs`: every file's types re-exported.
pub fn models_mod<'a>(modules: impl Iterator<Item = &'a str>) -> TokenStream {
    let mut mod_items = TokenStream::new();
    for module in modules {
        let m = ident(module);
        mod_items.extend(quote! {
            mod #m;
            pub use self::#m::*;
        });
    }
    let docs = inner_doc_lines(
        "The API's data types: request bodies, responses and the types inside them.\n\n\
         Every type is re-exported here, whatever file of this folder defines it.",
    );
    quote! {
        #docs
        #mod_items
    }
}

fn emit_type(api: &Api, t: &TypeDef) -> TokenStream {
    let name = ident(&t.name);
    let fallback = format!("`{}`, as defined by the API.", t.name);
    let docs = doc_attrs(&t.doc, &fallback);
    let deprecated = t.deprecated.then(|| quote!(#[deprecated]));
    match &t.kind {
        TypeKind::Struct { fields, extra } => {
            emit_struct(api, t, fields, extra.as_ref(), docs, deprecated)
        }
        TypeKind::Enum { variants } => emit_enum(t, variants, docs, deprecated),
        TypeKind::Union {
            variants,
            discriminator,
        } => emit_union(api, t, variants, discriminator.as_deref(), docs, deprecated),
        TypeKind::Alias(ty) => {
            let ty = ty_tokens(api, ty, From::Models);
            quote! {
                #docs
                #deprecated
                pub type #name = #ty;
            }
        }
        TypeKind::Newtype(ty) => {
            let ty = ty_tokens(api, ty, From::Models);
            quote! {
                #docs
                #deprecated
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(transparent)]
                pub struct #name(pub #ty);
            }
        }
    }
}

fn field_ty(api: &Api, f: &Field) -> TokenStream {
    let ty = ty_tokens(api, &f.ty, From::Models);
    match f.presence {
        Presence::Required => ty,
        Presence::Optional | Presence::RequiredNullable => quote!(Option<#ty>),
        Presence::OptionalNullable => quote!(Option<Option<#ty>>),
    }
}

fn emit_struct(
    api: &Api,
    t: &TypeDef,
    fields: &[Field],
    extra: Option<&Ty>,
    docs: TokenStream,
    deprecated: Option<TokenStream>,
) -> TokenStream {
    let name = ident(&t.name);
    let mut field_tokens = TokenStream::new();
    for f in fields {
        let fname = ident(&f.rust_name);
        let ty = field_ty(api, f);
        let mut doc = field_doc(api, f);
        if let Some(c) = &f.constant {
            doc.notes.push(format!("Always `{c}`; set by the SDK."));
        }
        let fdocs = doc_attrs(&doc, &format!("The `{}` field.", f.wire_name));
        let rename = (crate::naming::unraw(&f.rust_name) != f.wire_name).then(|| {
            let wire = &f.wire_name;
            quote!(#[serde(rename = #wire)])
        });
        let presence = match f.presence {
            Presence::Required | Presence::RequiredNullable => None,
            Presence::Optional => {
                Some(quote!(#[serde(default, skip_serializing_if = "Option::is_none")]))
            }
            Presence::OptionalNullable => Some(quote!(
                #[serde(default, skip_serializing_if = "Option::is_none", with = "::serde_with::rust::double_option")]
            )),
        };
        let fdep = f.deprecated.then(|| quote!(#[deprecated]));
        field_tokens.extend(quote! {
            #fdocs
            #fdep
            #rename
            #presence
            pub #fname: #ty,
        });
    }
    if let Some(extra) = extra {
        let ty = ty_tokens(api, extra, From::Models);
        field_tokens.extend(quote! {
            /// Properties not named above, as sent.
            #[serde(flatten)]
            pub extra: ::std::collections::BTreeMap<String, #ty>,
        });
    }

    // Constructor: required fields (constants excluded) as arguments.
    let args: Vec<&Field> = fields
        .iter()
        .filter(|f| {
            f.constant.is_none()
                && matches!(f.presence, Presence::Required | Presence::RequiredNullable)
        })
        .collect();
    let params = args.iter().map(|f| {
        let n = ident(&f.rust_name);
        if f.presence == Presence::Required && takes_into_string(&f.ty) {
            quote!(#n: impl Into<String>)
        } else {
            let ty = field_ty(api, f);
            quote!(#n: #ty)
        }
    });
    let inits = fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        if f.constant.is_some() {
            quote!(#n: Default::default())
        } else if matches!(f.presence, Presence::Required | Presence::RequiredNullable) {
            if f.presence == Presence::Required && takes_into_string(&f.ty) {
                quote!(#n: #n.into())
            } else {
                quote!(#n)
            }
        } else {
            quote!(#n: None)
        }
    });
    let validate = t.validates.then(|| emit_validate(api, &name, fields));
    if args.is_empty() {
        // Nothing is required: `Default` builds it, with every optional field unset.
        return quote! {
            #docs
            #deprecated
            #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            pub struct #name {
                #field_tokens
            }

            #validate
        };
    }
    let extra_init = extra.map(|_| quote!(extra: ::std::collections::BTreeMap::new(),));
    let many = (args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let new_doc = format!(
        " A `{}` from its required fields; optional fields start unset.",
        t.name
    );
    quote! {
        #docs
        #deprecated
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #field_tokens
        }

        #[allow(deprecated)]
        impl #name {
            #[doc = #new_doc]
            #many
            pub fn new(#(#params),*) -> Self {
                Self {
                    #(#inits,)*
                    #extra_init
                }
            }
        }

        #validate
    }
}

/// `impl Validate`: the spec's constraints, checked before a request is sent.
fn emit_validate(api: &Api, name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let mut checks = TokenStream::new();
    for f in fields {
        let fname = ident(&f.rust_name);
        let wire = &f.wire_name;
        checks.extend(constraint_checks(
            &f.constraints,
            quote!(at),
            wire,
            quote!(&self.#fname),
        ));
        if type_validates(api, &f.ty) {
            checks.extend(quote! {
                crate::runtime::Validate::validate(&self.#fname, &crate::runtime::validate::join(at, #wire))?;
            });
        }
    }
    quote! {
        #[allow(deprecated)]
        impl crate::runtime::Validate for #name {
            fn validate(&self, at: &str) -> Result<(), crate::Error> {
                #checks
                Ok(())
            }
        }
    }
}

/// A field's doc; a field that only refers to a named type borrows that type's description.
pub(crate) fn field_doc(api: &Api, f: &Field) -> crate::ir::Doc {
    let mut doc = f.doc.clone();
    if doc.summary.is_none() && doc.description.is_none() {
        if let Ty::Named(id) = &f.ty {
            let t = api.ty(*id);
            doc.summary = t.doc.summary.clone();
            doc.description = t.doc.description.clone();
        }
    }
    doc
}

pub(crate) fn type_validates(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::Named(id) => api.ty(*id).validates,
        Ty::Option(i) | Ty::Vec(i) | Ty::Map(i) | Ty::Boxed(i) => type_validates(api, i),
        _ => false,
    }
}

/// Calls into `runtime::validate` for one value's constraints.
pub(crate) fn constraint_checks(
    c: &crate::ir::Constraints,
    at: TokenStream,
    field: &str,
    value: TokenStream,
) -> TokenStream {
    let mut out = TokenStream::new();
    let opt_usize = |v: Option<usize>| match v {
        Some(n) => {
            let n = proc_macro2::Literal::usize_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    };
    if c.min_length.is_some() || c.max_length.is_some() {
        let (min, max) = (opt_usize(c.min_length), opt_usize(c.max_length));
        out.extend(quote!(crate::runtime::validate::length(#at, #field, #value, #min, #max)?;));
    }
    if c.min_items.is_some() || c.max_items.is_some() {
        let (min, max) = (opt_usize(c.min_items), opt_usize(c.max_items));
        out.extend(quote!(crate::runtime::validate::length(#at, #field, #value, #min, #max)?;));
    }
    if c.minimum.is_some() || c.maximum.is_some() {
        let bound = |b: Option<crate::ir::Number>, exclusive: bool| match b {
            Some(n) => {
                let n = number_tokens(n);
                quote!(Some(crate::runtime::validate::Bound { value: #n, exclusive: #exclusive }))
            }
            None => quote!(None),
        };
        let min = bound(c.minimum, c.exclusive_minimum);
        let max = bound(c.maximum, c.exclusive_maximum);
        out.extend(quote!(crate::runtime::validate::range(#at, #field, #value, #min, #max)?;));
    }
    out
}

fn emit_enum(
    t: &TypeDef,
    variants: &[Variant],
    docs: TokenStream,
    deprecated: Option<TokenStream>,
) -> TokenStream {
    let name = ident(&t.name);
    let single = variants.len() == 1;
    let fallback = format_ident!("{}", fallback_name(variants));
    let vs = variants.iter().enumerate().map(|(i, v)| {
        let vn = ident(&v.rust_name);
        let wire = &v.wire_value;
        let vdoc = format!(" `{wire}`");
        let default = (single && i == 0).then(|| quote!(#[default]));
        quote! {
            #[doc = #vdoc]
            #[serde(rename = #wire)]
            #default
            #vn,
        }
    });
    let arms = variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote!(Self::#vn => #wire,)
    });
    let derive_default = single.then(|| quote!(Default,));
    quote! {
        #docs
        #deprecated
        #[derive(Debug, Clone, PartialEq, Eq, Hash, #derive_default ::serde::Serialize, ::serde::Deserialize)]
        pub enum #name {
            #(#vs)*
            /// A value this version of the SDK does not know, kept as sent so it round-trips.
            #[serde(untagged)]
            #fallback(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms)*
                    Self::#fallback(value) => value,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// The fallback variant's name: `Unknown`, unless a value already took it.
fn fallback_name(variants: &[Variant]) -> String {
    let mut name = "Unknown".to_owned();
    while variants.iter().any(|v| v.rust_name == name) {
        name.push('_');
    }
    name
}

fn emit_union(
    api: &Api,
    t: &TypeDef,
    variants: &[UnionVariant],
    discriminator: Option<&str>,
    docs: TokenStream,
    deprecated: Option<TokenStream>,
) -> TokenStream {
    let name = ident(&t.name);
    let vs = variants.iter().map(|v| {
        let vn = ident(&v.rust_name);
        let ty = ty_tokens(api, &v.ty, From::Models);
        let vdoc = match &v.ty {
            Ty::Named(id) => format!(" A [`{}`].", api.ty(*id).name),
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
        Unknown(::serde_json::Value),
    };
    match discriminator {
        None => quote! {
            #docs
            #deprecated
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            pub enum #name {
                #body
            }
        },
        Some(prop) => {
            let arms = variants.iter().filter(|v| !v.tags.is_empty()).map(|v| {
                let vn = ident(&v.rust_name);
                let tags = &v.tags;
                quote! {
                    #(Some(#tags))|* => ::serde_json::from_value(value).map(Self::#vn).map_err(::serde::de::Error::custom),
                }
            });
            quote! {
                #docs
                #deprecated
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
                #[serde(untagged)]
                pub enum #name {
                    #body
                }

                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                        match value.get(#prop).and_then(::serde_json::Value::as_str) {
                            #(#arms)*
                            _ => Ok(Self::Unknown(value)),
                        }
                    }
                }
            }
        }
    }
}
