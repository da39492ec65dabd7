//! Emits the resource tree (`resources/<module>.rs`): one struct per resource with its
//! sub-resource accessors and methods, followed by the request builders of its operations.

use super::builder::{builder, method};
use super::deferred::{self, doc_block};
use super::docs::{doc_text, inner_doc_lines};
use super::text;
use super::types::{ident, Imports};
use crate::ir::{Api, Resource};
use proc_macro2::TokenStream;
use quote::quote;

/// Names a resource file defines (so imports never shadow them).
pub fn local_names(api: &Api, r: &Resource) -> Vec<String> {
    let mut names = vec![r.struct_name.clone()];
    names.extend(
        r.operations
            .iter()
            .map(|&o| api.operations[o].builder_name.clone()),
    );
    names
}

/// Accessors of a resource's children. `from_root` is true in `resources/mod.rs`.
fn accessors(api: &Api, r: &Resource, from_root: bool) -> TokenStream {
    let mut out = TokenStream::new();
    for &c in &r.children {
        let child = &api.resources[c];
        let acc = ident(&child.accessor);
        let m = ident(&child.module);
        let s = ident(&child.struct_name);
        let path = if from_root {
            quote!(#m::#s)
        } else {
            quote!(super::#m::#s)
        };
        let client = if from_root {
            quote!(self.clone())
        } else {
            quote!(self.client.clone())
        };
        let docs = doc_text(
            &child.doc,
            &format!("Operations on `{}`.", child.path.join(".")),
        );
        let body = quote!(#path { client: #client });
        // Below the top level, a child is gated like its parent already is.
        let cfg = from_root
            .then(|| super::model::cfg(child.feature.as_ref()))
            .flatten()
            .unwrap_or_default();
        let text = accessor_text((&docs, &cfg), &child.accessor, &path, &body);
        out.extend(text.unwrap_or_else(|| {
            let docs = doc_block(docs, false);
            quote! {
                #docs
                #cfg
                pub fn #acc(&self) -> #path {
                    #body
                }
            }
        }));
    }
    out
}

/// A child's accessor printed as text (see [`text::impl_fn`]), if it is printed so.
fn accessor_text(
    (docs, attrs): (&[String], &TokenStream),
    accessor: &str,
    path: &TokenStream,
    body: &TokenStream,
) -> Option<TokenStream> {
    let lines = text::head_lines(text::ITEM, &text::Head { docs, attrs })?;
    let head = format!("pub fn {accessor}");
    let ret = text::tokens(path)?;
    text::impl_fn(lines, (&head, &["&self"], &ret), body).and_then(deferred::item)
}

/// `resources/mod.rs`: the resource modules and the root accessors on `Client`; the
/// operations that hang from the root are in `resources/client.rs` (see [`root_file`]),
/// behind their feature, and re-exported from here.
pub fn resources_mod(api: &Api, imp: &Imports) -> TokenStream {
    let mut mods = TokenStream::new();
    for r in api.resources.iter().skip(1) {
        let m = ident(&r.module);
        let doc = format!(" The `{}` resource.", r.path.join("."));
        let cfg = super::model::cfg(r.feature.as_ref());
        mods.extend(quote! {
            #[doc = #doc]
            #cfg
            pub mod #m;
        });
    }
    let root = &api.resources[0];
    if !root.operations.is_empty() {
        let cfg = super::model::cfg(root.feature.as_ref());
        mods.extend(quote! {
            #[doc = " The operations on the client itself."]
            #cfg
            mod client;
            #cfg
            pub use client::*;
        });
    }
    let accessors = accessors(api, root, true);
    let docs = inner_doc_lines("The API's resources and the request builders of their operations.");
    let client = imp.name("crate::Client");
    quote! {
        #docs
        #mods

        impl #client {
            #accessors
        }
    }
}

/// `resources/client.rs`: the operations that hang from the root (methods of `Client`) and
/// their builders.
pub fn root_file(api: &Api, imp: &Imports) -> TokenStream {
    let docs = inner_doc_lines("The operations on the client itself, and their request builders.");
    let client = imp.name("crate::Client");
    let operations = operations(api, &api.resources[0], client, TokenStream::new(), imp);
    quote! {
        #docs

        #operations
    }
}

/// One file of `resources/`: a resource, its accessors and methods, and its builders.
pub fn resource_file(api: &Api, r: &Resource, imp: &Imports) -> TokenStream {
    let name = ident(&r.struct_name);
    let docs = doc_text(&r.doc, &format!("Operations on `{}`.", r.path.join(".")));
    let client = imp.name("crate::Client");
    let field = (
        Vec::new(),
        TokenStream::new(),
        quote!(pub(crate) client: #client),
    );
    let item = super::model::braced_item(
        "struct",
        &r.struct_name,
        (docs, quote!(#[derive(Debug, Clone)])),
        vec![field],
    );
    let operations = operations(api, r, quote!(#name), accessors(api, r, false), imp);
    quote! {
        #item

        #operations
    }
}

/// The `impl` of `owner` (the resource's struct, or `Client` for the root) with `accessors`
/// and a method per operation of `r`, then the operations' builders.
fn operations(
    api: &Api,
    r: &Resource,
    owner: TokenStream,
    accessors: TokenStream,
    imp: &Imports,
) -> TokenStream {
    let ops = r.operations.iter().map(|&o| &api.operations[o]);
    let methods = ops.clone().map(|op| method(api, op, imp));
    let parent = match r.parent {
        None => "crate::Client",
        Some(_) => r.struct_name.as_str(),
    };
    let builders = ops.clone().map(|op| builder(api, op, parent, imp));
    let allow = (ops.clone().any(|op| op.uses_deprecated)).then(|| quote!(#[allow(deprecated)]));
    quote! {
        #allow
        impl #owner {
            #accessors
            #(#methods)*
        }

        #(#builders)*
    }
}
