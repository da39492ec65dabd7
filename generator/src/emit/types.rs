//! Type references and the `use` items of one file.
//!
//! Emitters ask a file's [`Imports`] for every outside name they print; it records the
//! name and returns the short form, or the full path when the short name is defined in the
//! file itself (a schema called `Page` must not be shadowed by the runtime's `Page`). The
//! file's `use` items are then printed from what was recorded, so none is ever unused.

use crate::ir::{Api, IntKind, Number, Ty};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

/// An identifier from a name decided by `naming` (raw identifiers keep their `r#`).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Tokens for a path (`crate::runtime::Page`, `serde::Serialize`).
fn path_tokens(path: &str) -> TokenStream {
    let segments = path.split("::").map(ident);
    quote!(#(#segments)::*)
}

/// Where a file sits, which decides how it names the models.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place<'a> {
    /// A file of `models/`, named by its module: same-file types are named bare, others
    /// through `super::`.
    Models(&'a str),
    /// Any other file: models through `models::` (`use crate::models;`).
    Elsewhere,
}

/// The names one file uses from elsewhere.
pub(crate) struct Imports<'a> {
    pub place: Place<'a>,
    /// Names defined in the file itself.
    local: Arc<HashSet<String>>,
    used: RefCell<BTreeSet<&'static str>>,
}

/// What the parts of one file share, to record their names apart on any thread (an
/// [`Imports`] is for one thread); [`Imports::absorb`] then gathers them for the file.
#[derive(Clone)]
pub(crate) struct Scope<'a> {
    place: Place<'a>,
    local: Arc<HashSet<String>>,
}

impl<'a> Scope<'a> {
    pub fn new(place: Place<'a>, local: impl IntoIterator<Item = String>) -> Self {
        Scope {
            place,
            local: Arc::new(local.into_iter().collect()),
        }
    }

    /// A new, empty record of the names a part of the file uses.
    pub fn imports(&self) -> Imports<'a> {
        Imports {
            place: self.place,
            local: Arc::clone(&self.local),
            used: RefCell::new(BTreeSet::new()),
        }
    }
}

impl<'a> Imports<'a> {
    pub fn new(place: Place<'a>, local: impl IntoIterator<Item = String>) -> Self {
        Scope::new(place, local).imports()
    }

    /// Records the names another part of the same file used.
    pub fn absorb(&self, part: Imports<'_>) {
        self.used.borrow_mut().extend(part.used.into_inner());
    }

    /// The short name of `path` (recorded for a `use`), or the full path when the short
    /// name is taken in this file.
    pub fn name(&self, path: &'static str) -> TokenStream {
        let leaf = path.rsplit("::").next().unwrap_or(path);
        if self.local.contains(leaf) {
            return path_tokens(path);
        }
        self.used.borrow_mut().insert(path);
        let leaf = ident(leaf);
        quote!(#leaf)
    }

    /// A model type by name.
    pub fn model(&self, api: &Api, id: crate::ir::TypeId) -> TokenStream {
        let t = api.ty(id);
        let name = ident(&t.name);
        match self.place {
            Place::Models(module) if t.module == module => quote!(#name),
            Place::Models(_) => quote!(super::#name),
            Place::Elsewhere => {
                let models = self.name("crate::models");
                quote!(#models::#name)
            }
        }
    }

    /// The file's `use` items, grouped by crate: `std`, other crates, then `crate`.
    pub fn use_items(&self) -> TokenStream {
        let mut groups: BTreeMap<(u8, &str), BTreeSet<&str>> = BTreeMap::new();
        for path in self.used.borrow().iter() {
            let (parent, leaf) = path.rsplit_once("::").unwrap_or(("", path));
            let rank = match parent.split("::").next() {
                Some("std") => 0,
                Some("crate") => 2,
                _ => 1,
            };
            groups.entry((rank, parent)).or_default().insert(leaf);
        }
        let mut out = TokenStream::new();
        for ((_, parent), leaves) in groups {
            let parent = path_tokens(parent);
            // Modules and functions first, then types, as rustfmt orders them.
            let mut leaves: Vec<&str> = leaves.into_iter().collect();
            leaves.sort_by_key(|l| (l.starts_with(char::is_uppercase), *l));
            let leaves: Vec<Ident> = leaves.into_iter().map(ident).collect();
            out.extend(if leaves.len() == 1 {
                quote!(use #parent::#(#leaves)*;)
            } else {
                quote!(use #parent::{#(#leaves),*};)
            });
        }
        out
    }
}

pub(crate) fn ty_tokens(api: &Api, ty: &Ty, imp: &Imports) -> TokenStream {
    match ty {
        Ty::Bool => quote!(bool),
        Ty::Int(k) => match k {
            IntKind::I8 => quote!(i8),
            IntKind::I16 => quote!(i16),
            IntKind::I32 => quote!(i32),
            IntKind::I64 => quote!(i64),
            IntKind::U8 => quote!(u8),
            IntKind::U16 => quote!(u16),
            IntKind::U32 => quote!(u32),
            IntKind::U64 => quote!(u64),
        },
        Ty::Float => quote!(f64),
        Ty::String => quote!(String),
        Ty::Secret => imp.name("crate::runtime::Secret"),
        Ty::DateTime => {
            let (dt, utc) = (imp.name("chrono::DateTime"), imp.name("chrono::Utc"));
            quote!(#dt<#utc>)
        }
        Ty::Date => imp.name("chrono::NaiveDate"),
        Ty::Bytes => quote!(Vec<u8>),
        Ty::Json => quote!(serde_json::Value),
        Ty::Named(id) => imp.model(api, *id),
        Ty::Vec(inner) => {
            let inner = ty_tokens(api, inner, imp);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = ty_tokens(api, inner, imp);
            let map = imp.name("std::collections::BTreeMap");
            quote!(#map<String, #inner>)
        }
        Ty::Option(inner) => {
            let inner = ty_tokens(api, inner, imp);
            quote!(Option<#inner>)
        }
        Ty::Boxed(inner) => {
            let inner = ty_tokens(api, inner, imp);
            quote!(Box<#inner>)
        }
    }
}

/// Bound literal for a constraint, typed like the value it bounds.
pub(crate) fn number_tokens(n: Number, imp: &Imports) -> TokenStream {
    let validate = imp.name("crate::runtime::validate");
    match n {
        Number::Int(i) => {
            let lit = proc_macro2::Literal::i128_unsuffixed(i);
            quote!(#validate::Num::Int(#lit))
        }
        Number::Float(f) => {
            let lit = proc_macro2::Literal::f64_unsuffixed(f);
            quote!(#validate::Num::Float(#lit))
        }
    }
}
