//! Emits structs, aliases and newtypes (`models/<module>.rs`), and `models/mod.rs`.

use super::deferred::{self, doc_block};
use super::docs::{doc_attrs, doc_text, inner_doc_lines};
use super::text;
use super::types::{ident, ty_tokens, Imports};
use crate::ir::{Accept, Api, Field, Gate, Presence, Ty, TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

/// `#[cfg(feature = "..")]` for an item gated by a resource's feature.
pub(crate) fn cfg(feature: Option<&String>) -> Option<TokenStream> {
    feature.map(|f| quote!(#[cfg(feature = #f)]))
}

/// `#[cfg(..)]` for a models file with `gate` (none when it is always built).
fn cfg_gate(gate: &Gate) -> Option<TokenStream> {
    let (features, any) = match gate {
        Gate::Always => return None,
        Gate::Any(fs) => (fs, true),
        Gate::All(fs) => (fs, false),
    };
    match features.as_slice() {
        // `all()` of nothing: every build (an API without resources). `any()` of nothing is
        // never made.
        [] => None,
        [f] => Some(quote!(#[cfg(feature = #f)])),
        fs if any => Some(quote!(#[cfg(any(#(feature = #fs),*))])),
        fs => Some(quote!(#[cfg(all(#(feature = #fs),*))])),
    }
}

/// `models/mod.rs`: every file's types re-exported, each file behind its features.
pub fn models_mod(api: &Api) -> TokenStream {
    let mut mod_items = TokenStream::new();
    for file in &api.model_files {
        let m = ident(&file.module);
        let cfg = cfg_gate(&file.gate);
        mod_items.extend(quote! {
            #cfg
            mod #m;
            #cfg
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

/// One type of a models file, with its impls.
pub fn emit_type(api: &Api, t: &TypeDef, imp: &Imports) -> TokenStream {
    let name = ident(&t.name);
    let docs = doc_text(&t.doc, &format!("`{}`, as defined by the API.", t.name));
    let deprecated = t.deprecated.then(|| quote!(#[deprecated]));
    // Derives and field types that name something deprecated would warn in the crate itself.
    let allow = t.uses_deprecated.then(|| quote!(#[allow(deprecated)]));
    let attrs = quote!(#deprecated #allow);
    // Other kinds take the docs as attributes (set aside once, so built only in their arm).
    let head = |(docs, attrs): (Vec<String>, TokenStream)| {
        let docs = doc_block(docs, false);
        quote!(#docs #attrs)
    };
    let parts = (docs, attrs);
    match &t.kind {
        TypeKind::Struct { fields, extra } => {
            emit_struct(api, t, fields, extra.as_ref(), parts, imp)
        }
        TypeKind::Enum { variants, fallback } => {
            super::enums::emit_enum(t, variants, fallback, parts, imp)
        }
        TypeKind::Union {
            variants,
            discriminator,
            fallback,
        } => super::enums::emit_union(
            api,
            t,
            (variants, discriminator.as_deref(), fallback),
            parts,
            imp,
        ),
        TypeKind::Alias(ty) => {
            let ty = ty_tokens(api, ty, imp);
            let head = head(parts);
            quote! {
                #head
                pub type #name = #ty;
            }
        }
        TypeKind::Newtype(ty) => {
            let ty = ty_tokens(api, ty, imp);
            let derives = derives(imp, false, t.eq_hash);
            let head = head(parts);
            quote! {
                #head
                #derives
                #[serde(transparent)]
                pub struct #name(pub #ty);
            }
        }
    }
}

/// `#[derive(..)]` of a data type.
pub(crate) fn derives(imp: &Imports, default: bool, eq_hash: bool) -> TokenStream {
    let (ser, de) = (imp.name("serde::Serialize"), imp.name("serde::Deserialize"));
    let default = default.then(|| quote!(Default,));
    let eq_hash = eq_hash.then(|| quote!(Eq, Hash,));
    quote!(#[derive(Debug, Clone, #default PartialEq, #eq_hash #ser, #de)])
}

pub(crate) fn field_ty(api: &Api, f: &Field, imp: &Imports) -> TokenStream {
    let ty = ty_tokens(api, &f.ty, imp);
    match f.presence {
        Presence::Required => ty,
        Presence::Optional | Presence::RequiredNullable => quote!(Option<#ty>),
        Presence::OptionalNullable => quote!(Option<Option<#ty>>),
    }
}

/// A field's doc lines, its attributes (`#[deprecated]`, `#[serde(..)]`) and `pub name: Ty`.
fn field_parts(api: &Api, f: &Field, imp: &Imports) -> (Vec<String>, TokenStream, TokenStream) {
    let fname = ident(&f.rust_name);
    let ty = field_ty(api, f, imp);
    let docs = doc_text(&f.doc, &format!("The `{}` field.", f.wire_name));
    let rename = (crate::naming::unraw(&f.rust_name) != f.wire_name).then(|| {
        let wire = &f.wire_name;
        quote!(#[serde(rename = #wire)])
    });
    let presence = match f.presence {
        Presence::Required | Presence::RequiredNullable => None,
        // Any JSON value includes `null`: read a present one as `Some(Null)`, not `None`.
        Presence::Optional if f.ty == Ty::Json => Some(quote!(
            #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::runtime::encode::present")]
        )),
        Presence::Optional => {
            Some(quote!(#[serde(default, skip_serializing_if = "Option::is_none")]))
        }
        Presence::OptionalNullable => Some(quote!(
            #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::runtime::encode::double_option")]
        )),
    };
    let fdep = f.deprecated.then(|| quote!(#[deprecated]));
    (
        docs,
        quote!(#fdep #rename #presence),
        quote!(pub #fname: #ty),
    )
}

/// The fields of a struct, and the flattened map of its other properties, as
/// [`field_parts`].
fn struct_fields(
    api: &Api,
    fields: &[Field],
    extra: Option<&Ty>,
    imp: &Imports,
) -> Vec<(Vec<String>, TokenStream, TokenStream)> {
    let mut parts: Vec<_> = fields.iter().map(|f| field_parts(api, f, imp)).collect();
    if let Some(extra) = extra {
        let ty = ty_tokens(api, extra, imp);
        let map = imp.name("std::collections::BTreeMap");
        parts.push((
            vec![" Properties not named above, as sent.".to_owned()],
            quote!(#[serde(flatten)]),
            quote!(pub extra: #map<String, #ty>),
        ));
    }
    parts
}

/// A braced item, `pub struct` (named fields) or `pub enum` (`keyword`): printed as text
/// (see [`text::braced_item`]) when it can be, else tokens. Each field or variant is its
/// doc lines, attributes and declaration (`pub name: Type`, `Name(Type)`).
pub(super) fn braced_item(
    keyword: &str,
    name: &str,
    head: (Vec<String>, TokenStream),
    fields: Vec<(Vec<String>, TokenStream, TokenStream)>,
) -> TokenStream {
    braced_item_printed(keyword, name, head, fields).into_tokens()
}

/// [`braced_item`], as text or tokens.
pub(super) fn braced_item_printed(
    keyword: &str,
    name: &str,
    (docs, attrs): (Vec<String>, TokenStream),
    fields: Vec<(Vec<String>, TokenStream, TokenStream)>,
) -> deferred::Printed {
    let heads: Vec<(text::Head, TokenStream)> = fields
        .iter()
        .map(|(docs, attrs, decl)| (text::Head { docs, attrs }, decl.clone()))
        .collect();
    let head = text::Head {
        docs: &docs,
        attrs: &attrs,
    };
    let item = format!("pub {keyword} {name}");
    let text = text::braced_item(head, &item, &heads);
    deferred::Printed::new(text, || braced_tokens(keyword, name, (docs, attrs), fields))
}

/// [`braced_item`] as tokens for prettyplease.
fn braced_tokens(
    keyword: &str,
    name: &str,
    (docs, attrs): (Vec<String>, TokenStream),
    fields: Vec<(Vec<String>, TokenStream, TokenStream)>,
) -> TokenStream {
    let (keyword, name) = (ident(keyword), ident(name));
    let docs = doc_block(docs, false);
    let fields = fields.into_iter().map(|(docs, attrs, decl)| {
        let docs = doc_block(docs, false);
        quote!(#docs #attrs #decl,)
    });
    quote! {
        #docs
        #attrs
        pub #keyword #name {
            #(#fields)*
        }
    }
}

fn emit_struct(
    api: &Api,
    t: &TypeDef,
    fields: &[Field],
    extra: Option<&Ty>,
    (docs, attrs): (Vec<String>, TokenStream),
    imp: &Imports,
) -> TokenStream {
    let name = ident(&t.name);
    let body = struct_fields(api, fields, extra, imp);
    let validate = t
        .validates
        .then(|| super::validate::validate_impl(t, fields, imp));
    let allow = t.uses_deprecated.then(|| quote!(#[allow(deprecated)]));
    let args: Vec<&Field> = fields
        .iter()
        .filter(|f| {
            f.constant.is_none()
                && matches!(f.presence, Presence::Required | Presence::RequiredNullable)
        })
        .collect();
    if args.is_empty() {
        // Nothing is required: `Default` builds it, with every optional field unset.
        let derives = derives(imp, true, t.eq_hash);
        let item = braced_item(
            "struct",
            &t.name,
            (docs, quote!(#attrs #derives #[non_exhaustive])),
            body,
        );
        let setters = setters(api, fields, imp);
        let setters = (!setters.is_empty()).then(|| {
            quote! {
                #allow
                impl #name {
                    #setters
                }
            }
        });
        return quote! {
            #item

            #setters

            #validate
        };
    }
    let constructor = constructor(api, t, fields, &args, extra.is_some(), imp);
    let helpers = helpers(api, t, fields, &args, imp);
    let setters = setters(api, fields, imp);
    let derives = derives(imp, false, t.eq_hash);
    let item = braced_item(
        "struct",
        &t.name,
        (docs, quote!(#attrs #derives #[non_exhaustive])),
        body,
    );
    quote! {
        #item

        #allow
        impl #name {
            #helpers

            #constructor

            #setters
        }

        #validate
    }
}

/// `new(..)`: the required fields (constants excluded) as arguments, the rest unset.
fn constructor(
    api: &Api,
    t: &TypeDef,
    fields: &[Field],
    args: &[&Field],
    extra: bool,
    imp: &Imports,
) -> TokenStream {
    let into_string =
        |f: &Field| f.presence == Presence::Required && Accept::for_ty(&f.ty) == Accept::IntoString;
    let params = args.iter().map(|f| {
        let n = ident(&f.rust_name);
        if into_string(f) {
            quote!(#n: impl Into<String>)
        } else {
            let ty = field_ty(api, f, imp);
            quote!(#n: #ty)
        }
    });
    let inits = fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        if f.constant.is_some() {
            quote!(#n: Default::default())
        } else if matches!(f.presence, Presence::Required | Presence::RequiredNullable) {
            if into_string(f) {
                quote!(#n: #n.into())
            } else {
                quote!(#n)
            }
        } else {
            quote!(#n: None)
        }
    });
    let extra_init = extra.then(|| {
        let map = imp.name("std::collections::BTreeMap");
        quote!(extra: #map::new(),)
    });
    let many = (args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let doc = format!(
        " A `{}` from its required fields; optional fields start unset.",
        t.name
    );
    let params: Vec<TokenStream> = params.collect();
    let body = quote!(Self { #(#inits,)* #extra_init });
    let many = many.unwrap_or_default();
    constructor_text((std::slice::from_ref(&doc), &many), &params, &body).unwrap_or_else(|| {
        quote! {
            #[doc = #doc]
            #many
            pub fn new(#(#params),*) -> Self {
                #body
            }
        }
    })
}

/// The constructor printed as text (see [`text::impl_fn`]), if it is printed so, after its
/// doc lines and attributes.
fn constructor_text(
    (docs, attrs): (&[String], &TokenStream),
    params: &[TokenStream],
    body: &TokenStream,
) -> Option<TokenStream> {
    let lines = text::head_lines(text::ITEM, &text::Head { docs, attrs })?;
    let params: Vec<String> = params.iter().map(text::tokens).collect::<Option<_>>()?;
    let params: Vec<&str> = params.iter().map(String::as_str).collect();
    text::impl_fn(lines, ("pub fn new", &params, "Self"), body).and_then(deferred::item)
}

/// Builder-style setters of a request type's optional fields (`Params::new(..).field(v)`).
fn setters(api: &Api, fields: &[Field], imp: &Imports) -> TokenStream {
    let mut items = super::deferred::Items::default();
    for f in fields {
        let Some(setter) = &f.setter else { continue };
        let field = ident(&f.rust_name);
        let value = ident("value");
        let accept = Accept::for_ty(&f.ty);
        let mut doc = super::docs::doc_text(&f.doc, &format!("Sets `{}`.", f.wire_name));
        let (decl, converted) = match f.presence {
            Presence::OptionalNullable => {
                let ty = ty_tokens(api, &f.ty, imp);
                doc.push(String::new());
                doc.push(format!(" `None` sends `\"{}\": null`.", f.wire_name));
                (quote!(value: Option<#ty>), quote!(value))
            }
            _ => (
                super::builder::accept_decl(api, accept, &f.ty, &value, imp),
                super::builder::accept_value(accept, &f.ty, &value),
            ),
        };
        let place = quote!(self.#field);
        super::builder::push_setter(
            &mut items,
            doc,
            f.deprecated,
            setter,
            Some(&decl),
            &place,
            &converted,
        );
    }
    items.finish()
}

/// The constants and named constructors of `x-sdk-constants` and `x-sdk-constructors`.
fn helpers(
    api: &Api,
    t: &TypeDef,
    fields: &[Field],
    args: &[&Field],
    imp: &Imports,
) -> TokenStream {
    let mut out = TokenStream::new();
    for h in &t.helpers {
        out.extend(match h {
            crate::ir::Helper::Constant {
                rust_name,
                field,
                value,
                doc,
            } => {
                let n = ident(rust_name);
                let f = &fields[*field];
                let (ty, lit) = match value {
                    serde_json::Value::String(s) => (quote!(&'static str), quote!(#s)),
                    serde_json::Value::Bool(b) => (quote!(bool), quote!(#b)),
                    other => {
                        let lit: TokenStream = other.to_string().parse().unwrap_or_default();
                        (ty_tokens(api, &f.ty, imp), lit)
                    }
                };
                let docs = doc_attrs(doc, &format!("A documented value of `{}`.", f.wire_name));
                quote! {
                    #docs
                    pub const #n: #ty = #lit;
                }
            }
            crate::ir::Helper::Constructor {
                rust_name,
                field,
                variant,
                wire_value,
            } => {
                let n = ident(rust_name);
                let by = &fields[*field];
                let Ty::Named(enum_id) = &by.ty else { continue };
                let enum_ty = ty_tokens(api, &Ty::Named(*enum_id), imp);
                let v = ident(variant);
                let rest: Vec<&&Field> = args
                    .iter()
                    .filter(|f| f.wire_name != by.wire_name)
                    .collect();
                let params = rest.iter().map(|f| {
                    let fname = ident(&f.rust_name);
                    let ty = field_ty(api, f, imp);
                    quote!(#fname: #ty)
                });
                let values = args.iter().map(|f| {
                    if f.wire_name == by.wire_name {
                        quote!(#enum_ty::#v)
                    } else {
                        let fname = ident(&f.rust_name);
                        quote!(#fname)
                    }
                });
                let doc = format!(
                    " A `{}` with `{}` set to `{wire_value}`.",
                    t.name, by.wire_name
                );
                quote! {
                    #[doc = #doc]
                    pub fn #n(#(#params),*) -> Self {
                        Self::new(#(#values),*)
                    }
                }
            }
        });
    }
    out
}
