//! Comparison of the models: types matched by Rust name (a type renamed with the same shape
//! is one change), then each kind compared: enums by wire value, unions by variant, aliases
//! by target. Struct fields are in [`super::fields`].

use super::change::{Severity, Side};
use super::ctx::{by_name, model_item, show, At, Ctx};
use crate::ir::{Api, TypeDef, TypeId, TypeKind, UnionVariant, Variant};
use std::collections::{BTreeMap, HashMap};

use Severity::{Additive, Breaking, Compatible};

pub(crate) fn compare_types(cx: &mut Ctx) {
    let old = by_name(cx.old);
    let new = by_name(cx.new);
    let renames = cx.renamed.clone();
    let renamed_to: HashMap<&str, &str> = renames
        .iter()
        .map(|(o, n)| (n.as_str(), o.as_str()))
        .collect();
    for (name, &o) in &old {
        let target = renames.get(*name).map(String::as_str).unwrap_or(name);
        match new.get(target) {
            Some(&n) if target != *name => {
                renamed(cx, o, n);
                compare_type(cx, o, n);
            }
            Some(&n) => compare_type(cx, o, n),
            None => {
                let t = cx.old.ty(o);
                let side = cx.side_of(Some(o), None);
                let message = format!("type `{}` was removed", t.name);
                cx.push(
                    ("type-removed", Breaking, message),
                    side,
                    model_item(cx.old, t),
                    At::old(&t.pointer),
                );
            }
        }
    }
    for (name, &n) in &new {
        if old.contains_key(name) || renamed_to.contains_key(name) {
            continue;
        }
        let t = cx.new.ty(n);
        let side = cx.side_of(None, Some(n));
        let message = format!("new type `{}`", t.name);
        cx.push(
            ("type-added", Additive, message),
            side,
            model_item(cx.new, t),
            At::new(&t.pointer),
        );
    }
}

fn renamed(cx: &mut Ctx, o: TypeId, n: TypeId) {
    let (ot, nt) = (cx.old.ty(o), cx.new.ty(n));
    let message = format!(
        "type `{}` is now `{}` (same shape): code naming it breaks; the wire is unchanged",
        ot.name, nt.name
    );
    let side = cx.side_of(Some(o), Some(n));
    cx.push(
        ("type-renamed", Breaking, message),
        side,
        model_item(cx.old, ot),
        At::both(&ot.pointer, &nt.pointer),
    );
}

fn compare_type(cx: &mut Ctx, o: TypeId, n: TypeId) {
    let (ot, nt) = (cx.old.ty(o), cx.new.ty(n));
    let side = cx.side_of(Some(o), Some(n));
    let item = model_item(cx.new, nt);
    let at = || At::both(&ot.pointer, &nt.pointer);
    deprecation(cx, ot.deprecated, nt.deprecated, side, &item, at());
    if (&ot.doc.summary, &ot.doc.description) != (&nt.doc.summary, &nt.doc.description) {
        let message = format!("documentation of `{}` changed", nt.name);
        cx.push(
            ("doc-changed", Compatible, message),
            side,
            item.clone(),
            at(),
        );
    }
    match (&ot.kind, &nt.kind) {
        (TypeKind::Struct { .. }, TypeKind::Struct { .. }) => {
            super::fields::compare_struct(cx, (ot, nt), side, &item);
        }
        (
            TypeKind::Enum {
                variants: ov,
                fallback: of,
            },
            TypeKind::Enum {
                variants: nv,
                fallback: nf,
            },
        ) => compare_enum(cx, (ot, nt), (ov, nv), (of, nf), side),
        (TypeKind::Union { .. }, TypeKind::Union { .. }) => compare_union(cx, (ot, nt), side),
        (TypeKind::Alias(a), TypeKind::Alias(b)) | (TypeKind::Newtype(a), TypeKind::Newtype(b)) => {
            if !cx.same_ty(a, b) {
                let message = format!(
                    "`{}` now stands for `{}` instead of `{}`",
                    nt.name,
                    cx.show_new(b),
                    cx.show_old(a)
                );
                cx.push(
                    ("alias-target-changed", Breaking, message),
                    side,
                    item,
                    at(),
                );
            }
        }
        _ => {
            let message = format!(
                "`{}` changed from {} to {}",
                nt.name,
                kind_word(&ot.kind),
                kind_word(&nt.kind)
            );
            cx.push(("type-kind-changed", Breaking, message), side, item, at());
        }
    }
}

fn kind_word(k: &TypeKind) -> &'static str {
    match k {
        TypeKind::Struct { .. } => "a struct",
        TypeKind::Enum { .. } => "a string enum",
        TypeKind::Union { .. } => "a union",
        TypeKind::Alias(_) => "a type alias",
        TypeKind::Newtype(_) => "a newtype",
    }
}

/// `deprecation-added` (a minor bump: semver asks for one when an API is deprecated) or
/// `deprecation-removed`.
pub(crate) fn deprecation(cx: &mut Ctx, old: bool, new: bool, side: Side, item: &str, at: At) {
    let finding = match (old, new) {
        (false, true) => (
            "deprecation-added",
            Additive,
            "now deprecated: callers get a warning".to_owned(),
        ),
        (true, false) => (
            "deprecation-removed",
            Compatible,
            "no longer deprecated".to_owned(),
        ),
        _ => return,
    };
    cx.push(finding, side, item.to_owned(), at);
}

fn compare_enum(
    cx: &mut Ctx,
    (ot, nt): (&TypeDef, &TypeDef),
    (ov, nv): (&[Variant], &[Variant]),
    (of, nf): (&String, &String),
    side: Side,
) {
    let base = model_item(cx.new, nt);
    let ptr = |t: &TypeDef| format!("{}/enum", t.pointer);
    let at = || At::both(&ptr(ot), &ptr(nt));
    if of != nf {
        let message = format!("the fallback variant `{of}` is now `{nf}`");
        cx.push(
            ("variant-renamed", Breaking, message),
            side,
            base.clone(),
            at(),
        );
    }
    for v in ov {
        match nv.iter().find(|x| x.wire_value == v.wire_value) {
            Some(x) if x.rust_name != v.rust_name => {
                let message = format!(
                    "the variant for `{}` is now `{}` (was `{}`)",
                    v.wire_value, x.rust_name, v.rust_name
                );
                let item = format!("{base}::{}", v.rust_name);
                cx.push(("variant-renamed", Breaking, message), side, item, at());
            }
            Some(_) => {}
            None => {
                let request = (
                    "request-enum-value-removed",
                    Breaking,
                    format!(
                        "value `{}` is no longer accepted: old clients sending it are rejected, and the variant is gone",
                        v.wire_value
                    ),
                );
                let response = (
                    "response-enum-value-removed",
                    Breaking,
                    format!("value `{}` was removed: the variant is gone", v.wire_value),
                );
                let item = format!("{base}::{}", v.rust_name);
                cx.push_sided(side, Some(request), Some(response), item, At::old(&ptr(ot)));
            }
        }
    }
    for v in nv
        .iter()
        .filter(|v| !ov.iter().any(|x| x.wire_value == v.wire_value))
    {
        let request = (
            "request-enum-value-added",
            Additive,
            format!("value `{}` is now accepted (new variant)", v.wire_value),
        );
        let response = (
            "response-enum-value-added",
            Additive,
            format!(
                "value `{}` may now be received (new variant; old clients read it as the fallback)",
                v.wire_value
            ),
        );
        let item = format!("{base}::{}", v.rust_name);
        cx.push_sided(side, Some(request), Some(response), item, At::new(&ptr(nt)));
    }
}

fn union_parts(t: &TypeDef) -> (&[UnionVariant], Option<&String>, &String) {
    match &t.kind {
        TypeKind::Union {
            variants,
            discriminator,
            fallback,
        } => (variants, discriminator.as_ref(), fallback),
        _ => (&[], None, &t.name),
    }
}

fn compare_union(cx: &mut Ctx, (ot, nt): (&TypeDef, &TypeDef), side: Side) {
    let (ov, od, of) = union_parts(ot);
    let (nv, nd, nf) = union_parts(nt);
    let base = model_item(cx.new, nt);
    let at = || At::both(&ot.pointer, &nt.pointer);
    if od != nd {
        let message = format!(
            "the discriminator property changed from {:?} to {:?}",
            od.map(String::as_str).unwrap_or("(none)"),
            nd.map(String::as_str).unwrap_or("(none)")
        );
        cx.push(
            ("discriminator-changed", Breaking, message),
            side,
            base.clone(),
            at(),
        );
    }
    if of != nf {
        let message = format!("the fallback variant `{of}` is now `{nf}`");
        cx.push(
            ("variant-renamed", Breaking, message),
            side,
            base.clone(),
            at(),
        );
    }
    for v in ov {
        let item = format!("{base}::{}", v.rust_name);
        let Some(x) = nv.iter().find(|x| x.rust_name == v.rust_name) else {
            let message = format!("variant `{}` was removed", v.rust_name);
            cx.push(
                ("union-variant-removed", Breaking, message),
                side,
                item,
                At::old(&ot.pointer),
            );
            continue;
        };
        compare_variant(cx, (v, x), side, &item, &at);
    }
    for x in nv
        .iter()
        .filter(|x| !ov.iter().any(|v| v.rust_name == x.rust_name))
    {
        let message = format!("new variant `{}`", x.rust_name);
        let item = format!("{base}::{}", x.rust_name);
        cx.push(
            ("union-variant-added", Additive, message),
            side,
            item,
            At::new(&nt.pointer),
        );
    }
}

/// One union variant kept under its name: its type and the discriminator values selecting it.
fn compare_variant(
    cx: &mut Ctx,
    (v, x): (&crate::ir::UnionVariant, &crate::ir::UnionVariant),
    side: Side,
    item: &str,
    at: &dyn Fn() -> At,
) {
    if !cx.same_ty(&v.ty, &x.ty) {
        let message = format!(
            "variant `{}` now holds `{}` instead of `{}`",
            v.rust_name,
            cx.show_new(&x.ty),
            cx.show_old(&v.ty)
        );
        cx.push(
            ("union-variant-type-changed", Breaking, message),
            side,
            item.to_owned(),
            at(),
        );
    }
    for tag in v.tags.iter().filter(|t| !x.tags.contains(t)) {
        let message = format!(
            "discriminator value `{tag}` no longer selects `{}`",
            v.rust_name
        );
        cx.push(
            ("discriminator-value-removed", Breaking, message),
            side,
            item.to_owned(),
            at(),
        );
    }
    for tag in x.tags.iter().filter(|t| !v.tags.contains(t)) {
        let message = format!("discriminator value `{tag}` now selects `{}`", v.rust_name);
        cx.push(
            ("discriminator-value-added", Additive, message),
            side,
            item.to_owned(),
            at(),
        );
    }
}

/// Types that disappeared under one name and appeared under another with the same shape
/// (names of the types they refer to aside): old name -> new name. Only one-to-one matches
/// count.
pub(crate) fn find_renames(cx: &Ctx) -> HashMap<String, String> {
    let old = by_name(cx.old);
    let new = by_name(cx.new);
    let gone: Vec<&TypeDef> = cx
        .old
        .types
        .iter()
        .filter(|t| !new.contains_key(t.name.as_str()))
        .collect();
    let came: Vec<&TypeDef> = cx
        .new
        .types
        .iter()
        .filter(|t| !old.contains_key(t.name.as_str()))
        .collect();
    let mut by_shape: BTreeMap<String, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    if gone.is_empty() || came.is_empty() {
        return HashMap::new();
    }
    let anon_old = anonymous(cx.old);
    let anon_new = anonymous(cx.new);
    for t in &gone {
        by_shape
            .entry(shape(cx.old, t, &anon_old))
            .or_default()
            .0
            .push(&t.name);
    }
    for t in &came {
        by_shape
            .entry(shape(cx.new, t, &anon_new))
            .or_default()
            .1
            .push(&t.name);
    }
    by_shape
        .into_values()
        .filter(|(o, n)| o.len() == 1 && n.len() == 1)
        .map(|(o, n)| (o[0].to_owned(), n[0].to_owned()))
        .collect()
}

/// Every type name mapped to `_`.
fn anonymous(api: &Api) -> HashMap<String, String> {
    api.types
        .iter()
        .map(|t| (t.name.clone(), "_".to_owned()))
        .collect()
}

/// A type's shape with the names of the types it refers to left out.
fn shape(api: &Api, t: &TypeDef, names: &HashMap<String, String>) -> String {
    let anon = |ty: &crate::ir::Ty| show(api, ty, Some(names));
    match &t.kind {
        TypeKind::Struct { fields, extra } => {
            let fields: Vec<String> = fields
                .iter()
                .map(|f| format!("{}:{:?}:{}", f.wire_name, f.presence, anon(&f.ty)))
                .collect();
            format!("struct {fields:?} {:?}", extra.as_ref().map(anon))
        }
        TypeKind::Enum { variants, .. } => {
            let values: Vec<&str> = variants.iter().map(|v| v.wire_value.as_str()).collect();
            format!("enum {values:?}")
        }
        TypeKind::Union {
            variants,
            discriminator,
            ..
        } => {
            let vs: Vec<String> = variants
                .iter()
                .map(|v| format!("{}:{:?}", anon(&v.ty), v.tags))
                .collect();
            format!("union {vs:?} {discriminator:?}")
        }
        TypeKind::Alias(ty) => format!("alias {}", anon(ty)),
        TypeKind::Newtype(ty) => format!("newtype {}", anon(ty)),
    }
}
