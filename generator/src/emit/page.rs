//! Emits `impl Paged` for each page type, beside the type in its models file.

use super::types::{ident, ty_tokens, Imports};
use crate::ir::{Api, ModelFile, PageStyle, Pagination, Presence};
use proc_macro2::TokenStream;
use quote::quote;

/// The `Paged` impls of the page types defined in `file`, once per page type.
pub fn paged_impls(api: &Api, file: &ModelFile, imp: &Imports) -> TokenStream {
    let pages = file
        .pages
        .iter()
        .filter_map(|&o| api.operations[o].pagination.as_ref());
    pages.map(|p| paged_impl(api, p, imp)).collect()
}

fn paged_impl(api: &Api, p: &Pagination, imp: &Imports) -> TokenStream {
    let page = ident(&api.ty(p.page_type).name);
    let item = ty_tokens(api, &p.item_ty, imp);
    let items = ident(&p.items_field);
    let has_more = match &p.has_more_field {
        Some((f, false)) => {
            let f = ident(f);
            quote!(Some(self.#f))
        }
        Some((f, true)) => {
            let f = ident(f);
            quote!(self.#f)
        }
        None => quote!(None),
    };
    let read = |f: &str| {
        let f = ident(f);
        match p.cursor {
            Presence::Required => quote!(Some(self.#f.as_str())),
            Presence::Optional | Presence::RequiredNullable => quote!(self.#f.as_deref()),
            Presence::OptionalNullable => quote!(self.#f.as_ref().and_then(|c| c.as_deref())),
        }
    };
    let cursor = match &p.style {
        PageStyle::IdCursor {
            first_field,
            last_field,
            ..
        } => {
            let (first, last) = (read(first_field), read(last_field));
            quote!(if backwards { #first } else { #last })
        }
        PageStyle::Opaque { next_field, .. } => {
            let next = read(next_field);
            quote!({
                let _ = backwards;
                #next
            })
        }
    };
    let paged = imp.name("crate::runtime::Paged");
    let allow = api
        .ty(p.page_type)
        .uses_deprecated
        .then(|| quote!(#[allow(deprecated)]));
    quote! {
        #allow
        impl #paged for #page {
            type Item = #item;

            fn items(&self) -> &[#item] {
                &self.#items
            }

            fn into_items(self) -> Vec<#item> {
                self.#items
            }

            fn has_more(&self) -> Option<bool> {
                #has_more
            }

            fn next_cursor(&self, backwards: bool) -> Option<&str> {
                #cursor
            }
        }
    }
}
