//! Operation-level `x-sdk-*` extensions that add checks the schema language cannot say:
//!
//! - `x-sdk-ordered: [[a, b], ..]`: the required parameters `a` and `b` (by wire name) must be
//!   strictly increasing (`starting_at` before `ending_at`); the SDK refuses the call before
//!   sending otherwise.
//!
//! Schema-level ones (component schemas that are objects) add helpers to the struct:
//!
//! - `x-sdk-constants: {NAME: value}` on a property: an associated constant of the
//!   property's type (`SpendingLimitAmount::UNLIMITED`);
//! - `x-sdk-constructors: {by: field}` on the schema: one constructor per value of that
//!   required string-enum field, named after the value and taking the other required fields
//!   (`DataRetention::days(7)`).
//!
//! A malformed extension is a warning naming its pointer, and is ignored.

use super::Lowerer;
use crate::ir::{Doc, Helper, Param, Presence, Ty, TypeId, TypeKind};
use crate::naming::{self, Scope};
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

pub(super) fn ordered(
    l: &mut Lowerer,
    op: &openapiv3::Operation,
    pointer: &str,
    params: &[Param],
) -> Vec<(usize, usize)> {
    let Some(value) = op.extensions.get("x-sdk-ordered") else {
        return Vec::new();
    };
    let at = format!("{pointer}/x-sdk-ordered");
    let Some(pairs) = value.as_array() else {
        l.warn(
            &at,
            "x-sdk-ordered must be a list of [first, second] parameter names; ignored",
        );
        return Vec::new();
    };
    let find = |name: &str| {
        params
            .iter()
            .position(|p| p.wire_name == name && p.required)
    };
    let mut out = Vec::new();
    for (i, pair) in pairs.iter().enumerate() {
        let names: Option<Vec<&str>> = pair
            .as_array()
            .map(|a| a.iter().filter_map(serde_json::Value::as_str).collect());
        let found = match names.as_deref() {
            Some([a, b]) => find(a).zip(find(b)),
            _ => None,
        };
        match found {
            Some(pair) => out.push(pair),
            None => l.warn(
                &format!("{at}/{i}"),
                "expected [first, second], the names of two required parameters of this operation; ignored",
            ),
        }
    }
    out
}

/// The helpers the extensions of component schema `s` ask for, on its struct `id`.
pub(super) fn helpers(l: &mut Lowerer, id: TypeId, s: &Schema, ptr: &str) {
    let TypeKind::Struct { fields, .. } = &l.types[id.0].kind else {
        return;
    };
    let fields = fields.clone();
    let mut names = Scope::with_reserved(&["new"]);
    for f in &fields {
        names.claim(&f.rust_name);
    }
    let mut out = Vec::new();
    if let SchemaKind::Type(Type::Object(o)) = &s.schema_kind {
        for (prop, schema) in &o.properties {
            let ReferenceOr::Item(ps) = schema else {
                continue;
            };
            let Some(value) = ps.schema_data.extensions.get("x-sdk-constants") else {
                continue;
            };
            let at = crate::diag::pointer_join(ptr, &["properties", prop, "x-sdk-constants"]);
            let field = fields.iter().position(|f| &f.wire_name == prop);
            let (Some(field), Some(map)) = (field, value.as_object()) else {
                l.warn(
                    &at,
                    "x-sdk-constants must map NAMEs to values of the property; ignored",
                );
                continue;
            };
            for (name, v) in map {
                let (value, description) = match v.get("value") {
                    Some(inner) => (inner.clone(), v.get("description").and_then(|d| d.as_str())),
                    None => (v.clone(), None),
                };
                if !fits(&fields[field].ty, &value) {
                    l.warn(
                        &format!("{at}/{name}"),
                        "the value does not fit the property's type; ignored",
                    );
                    continue;
                }
                out.push(Helper::Constant {
                    rust_name: heck::ToShoutySnakeCase::to_shouty_snake_case(
                        naming::module_name(name).as_str(),
                    ),
                    field,
                    value,
                    doc: Doc {
                        summary: description.map(str::to_owned),
                        ..Doc::default()
                    },
                });
            }
        }
    }
    if let Some(by) = s.schema_data.extensions.get("x-sdk-constructors") {
        let at = format!("{ptr}/x-sdk-constructors");
        match constructors(l, &fields, by, &mut names) {
            Some(list) => out.extend(list),
            None => l.warn(
                &at,
                "x-sdk-constructors must be {by: <a required string-enum property>}; ignored",
            ),
        }
    }
    l.types[id.0].helpers = out;
}

fn constructors(
    l: &Lowerer,
    fields: &[crate::ir::Field],
    by: &serde_json::Value,
    names: &mut Scope,
) -> Option<Vec<Helper>> {
    let prop = by.get("by")?.as_str()?;
    let field = fields
        .iter()
        .position(|f| f.wire_name == prop && f.presence == Presence::Required)?;
    let Ty::Named(enum_id) = &fields[field].ty else {
        return None;
    };
    let TypeKind::Enum { variants, .. } = &l.types[enum_id.0].kind else {
        return None;
    };
    Some(
        variants
            .iter()
            .map(|v| Helper::Constructor {
                rust_name: names.claim(&naming::snake_name(&v.wire_value)),
                field,
                variant: v.rust_name.clone(),
                wire_value: v.wire_value.clone(),
            })
            .collect(),
    )
}

/// Whether a constant's value can be written as a Rust value of `ty`.
fn fits(ty: &Ty, value: &serde_json::Value) -> bool {
    match ty {
        Ty::Int(_) => value.is_i64() || value.is_u64(),
        Ty::Float => value.is_number(),
        Ty::Bool => value.is_boolean(),
        Ty::String => value.is_string(),
        _ => false,
    }
}
