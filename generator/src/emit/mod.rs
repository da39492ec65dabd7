//! Stage 3: emit Rust from the IR, one construct per module, as token streams; then format
//! with prettyplease. Only this stage uses quote; only `write` touches the disk.
//!
//! - `model`: structs, enums, unions, aliases and their impls (`models/*.rs`);
//! - `resource`: resource structs, request builders and pagination (`resources/*.rs`);
//! - `krate`: `Cargo.toml`, `lib.rs`, `config.rs` and the runtime files.

mod krate;
mod model;
mod resource;

use crate::ir::{Api, Doc, FloatKind, IntKind, Ty};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use rayon::prelude::*;
use std::collections::BTreeMap;

pub use krate::RUNTIME_FILES;

/// The generated crate's files: path relative to the crate root -> contents.
pub type Files = BTreeMap<String, String>;

/// One output file; each is emitted and formatted independently of the others.
enum Unit<'a> {
    Models(&'a str, Vec<usize>),
    ModelsMod,
    Resource(usize),
    ResourcesMod,
    Lib,
    Config,
}

impl Unit<'_> {
    fn path(&self, api: &Api) -> String {
        match self {
            Unit::Models(m, _) => format!("src/models/{m}.rs"),
            Unit::ModelsMod => "src/models/mod.rs".into(),
            Unit::Resource(r) => format!("src/resources/{}.rs", api.resources[*r].module),
            Unit::ResourcesMod => "src/resources/mod.rs".into(),
            Unit::Lib => "src/lib.rs".into(),
            Unit::Config => "src/config.rs".into(),
        }
    }

    fn tokens(&self, api: &Api, modules: &[&str]) -> TokenStream {
        match self {
            Unit::Models(m, types) => model::models_file(api, m, types),
            Unit::ModelsMod => model::models_mod(modules.iter().copied()),
            Unit::Resource(r) => resource::resource_file(api, &api.resources[*r]),
            Unit::ResourcesMod => resource::resources_mod(api),
            Unit::Lib => krate::lib_rs(api),
            Unit::Config => krate::config_rs(api),
        }
    }
}

/// Emits every file of the crate. `header` heads each Rust file (a `//` comment).
///
/// Files are independent, so they are emitted and formatted on all cores with rayon (token
/// streams are built on the thread that formats them); the result does not depend on the split.
pub fn emit(api: &Api, header: &str) -> Result<Files, String> {
    let module_map = model::modules(api);
    let modules: Vec<&str> = module_map.keys().copied().collect();
    let mut units: Vec<Unit> = module_map
        .into_iter()
        .map(|(m, t)| Unit::Models(m, t))
        .collect();
    units.push(Unit::ModelsMod);
    units.extend((1..api.resources.len()).map(Unit::Resource));
    units.extend([Unit::ResourcesMod, Unit::Lib, Unit::Config]);

    // Each unit is emitted and formatted on the rayon thread that takes it; the BTreeMap
    // keeps the output (and which error is reported first) independent of the split.
    let emitted: BTreeMap<String, Result<String, String>> = units
        .par_iter()
        .map(|unit| {
            let path = unit.path(api);
            let text = syn::parse2::<syn::File>(unit.tokens(api, &modules))
                .map(unparse)
                .map_err(|e| format!("internal error: {path} does not parse: {e}"));
            (path, text)
        })
        .collect();
    let mut files = Files::new();
    for (path, text) in emitted {
        files.insert(path, format!("{header}\n{}", text?));
    }
    for (name, text) in RUNTIME_FILES {
        files.insert(format!("src/runtime/{name}"), format!("{header}\n{text}"));
    }
    files.insert("Cargo.toml".into(), krate::cargo_toml(api, header));
    files.insert("rustfmt.toml".into(), krate::rustfmt_toml(header));
    Ok(files)
}

/// Formats a file with prettyplease, one top-level item at a time, so items are separated by
/// a blank line as in hand-written code.
fn unparse(file: syn::File) -> String {
    let mut parts = Vec::with_capacity(file.items.len() + 1);
    if !file.attrs.is_empty() {
        parts.push(prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: file.attrs,
            items: Vec::new(),
        }));
    }
    for item in file.items {
        parts.push(prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![item],
        }));
    }
    parts.join("\n")
}

/// An identifier from a name decided by `naming` (raw identifiers keep their `r#`).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc]` attributes for a doc, with a fallback line when the spec says nothing.
pub(crate) fn doc_attrs(doc: &Doc, fallback: &str) -> TokenStream {
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(s) = &doc.summary {
        paragraphs.push(s.trim().to_owned());
    }
    if let Some(d) = &doc.description {
        let d = d.trim();
        if !d.is_empty() && Some(d) != doc.summary.as_deref().map(str::trim) {
            paragraphs.push(d.to_owned());
        }
    }
    if paragraphs.iter().all(|p| p.is_empty()) {
        paragraphs = vec![fallback.to_owned()];
    }
    paragraphs.extend(doc.notes.iter().cloned());
    doc_lines(&paragraphs.join("\n\n"))
}

/// `#[doc]` attributes for text, made safe for rustdoc: code fences are marked `text` (so
/// doctests never run spec prose) and indentation that would start a code block is removed.
pub(crate) fn doc_lines(text: &str) -> TokenStream {
    safe_doc_lines(text)
        .into_iter()
        .map(|l| quote!(#[doc = #l]))
        .collect()
}

/// `#![doc]` attributes (module and crate docs) for text, made safe like [`doc_lines`].
pub(crate) fn inner_doc_lines(text: &str) -> TokenStream {
    safe_doc_lines(text)
        .into_iter()
        .map(|l| quote!(#![doc = #l]))
        .collect()
}

/// `#![doc]` attributes for the generator's own text, kept as written (its examples are
/// meant to be compiled as doctests).
pub(crate) fn inner_doc_lines_verbatim(text: &str) -> TokenStream {
    text.lines()
        .map(|l| {
            let l = if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            };
            quote!(#![doc = #l])
        })
        .collect()
}

fn safe_doc_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let line = if trimmed.starts_with("```") {
            in_fence = !in_fence;
            if in_fence { "```text" } else { "```" }.to_owned()
        } else if in_fence {
            line.trim_end().to_owned()
        } else {
            trimmed.trim_end().to_owned()
        };
        out.push(if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        });
    }
    if in_fence {
        out.push(" ```".to_owned());
    }
    out
}

/// Where a type reference is written from: model files reach siblings through `super`.
#[derive(Clone, Copy)]
pub(crate) enum From {
    Models,
    Elsewhere,
}

pub(crate) fn ty_tokens(api: &Api, ty: &Ty, from: From) -> TokenStream {
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
        Ty::Float(FloatKind::F32) => quote!(f32),
        Ty::Float(FloatKind::F64) => quote!(f64),
        Ty::String => quote!(String),
        Ty::Secret => quote!(crate::runtime::Secret),
        Ty::DateTime => quote!(::chrono::DateTime<::chrono::Utc>),
        Ty::Date => quote!(::chrono::NaiveDate),
        Ty::Bytes => quote!(Vec<u8>),
        Ty::Json => quote!(::serde_json::Value),
        Ty::Named(id) => {
            let name = ident(&api.ty(*id).name);
            match from {
                From::Models => quote!(super::#name),
                From::Elsewhere => quote!(crate::models::#name),
            }
        }
        Ty::Vec(inner) => {
            let inner = ty_tokens(api, inner, from);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = ty_tokens(api, inner, from);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
        Ty::Option(inner) => {
            let inner = ty_tokens(api, inner, from);
            quote!(Option<#inner>)
        }
        Ty::Boxed(inner) => {
            let inner = ty_tokens(api, inner, from);
            quote!(Box<#inner>)
        }
    }
}

/// Whether an argument of this type is taken as `impl Into<String>`.
pub(crate) fn takes_into_string(ty: &Ty) -> bool {
    matches!(ty, Ty::String)
}

/// Bound literal for a constraint, typed like the value it bounds.
pub(crate) fn number_tokens(n: crate::ir::Number) -> TokenStream {
    match n {
        crate::ir::Number::Int(i) => {
            let lit = proc_macro2::Literal::i128_unsuffixed(i);
            quote!(crate::runtime::validate::Num::Int(#lit))
        }
        crate::ir::Number::Float(f) => {
            let lit = proc_macro2::Literal::f64_unsuffixed(f);
            quote!(crate::runtime::validate::Num::Float(#lit))
        }
    }
}
