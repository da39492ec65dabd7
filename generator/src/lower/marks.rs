//! Passes that record, once, facts emit would otherwise have to work out:
//! - `mark_validation`: which types carry checks to run before a request is sent (only
//!   types a request can reach; a response-only type has nothing to check), and which
//!   fields, parameters and bodies call into them;
//! - `mark_deprecated`: which types and builders refer to something deprecated;
//! - `borrow_docs`: a field with no description of its own that only names a type borrows
//!   that type's description;
//! - `model_setters`: the builder-style setters of the optional fields of request types;
//! - `mark_eq_hash`: which types can derive `Eq` and `Hash`;
//! - `union_keys`: the properties each branch of an untagged union declares;
//! - `features`: which optional parts of the runtime the crate needs.

use super::passes::visit;
use crate::ir::{Api, Features, Operation, Presence, Success, Ty, TypeKind};
use crate::naming::Scope;

/// Types reachable from a request: parameters and bodies, through every container.
fn request_types(api: &Api) -> Vec<bool> {
    let mut reached = vec![false; api.types.len()];
    let mut queue = Vec::new();
    for op in &api.operations {
        let tys = op
            .params
            .iter()
            .map(|p| &p.ty)
            .chain(op.body.iter().map(|b| &b.ty));
        for ty in tys {
            visit(ty, true, &mut |id, _| queue.push(id.0));
        }
    }
    while let Some(t) = queue.pop() {
        if std::mem::replace(&mut reached[t], true) {
            continue;
        }
        for ty in super::passes::kind_tys(&api.types[t].kind) {
            visit(ty, true, &mut |id, _| queue.push(id.0));
        }
    }
    reached
}

fn ty_validates(ty: &Ty, marks: &[bool]) -> bool {
    let mut any = false;
    visit(ty, true, &mut |id, _| any |= marks[id.0]);
    any
}

pub fn mark_validation(api: &mut Api) {
    let reached = request_types(api);
    let mut marks: Vec<bool> = api
        .types
        .iter()
        .zip(&reached)
        .map(|(t, r)| match &t.kind {
            TypeKind::Struct { fields, .. } => {
                *r && fields.iter().any(|f| !f.constraints.is_empty())
            }
            _ => false,
        })
        .collect();
    loop {
        let mut changed = false;
        for (i, t) in api.types.iter().enumerate() {
            if marks[i] || !reached[i] {
                continue;
            }
            let v = match &t.kind {
                TypeKind::Struct { fields, .. } => {
                    fields.iter().any(|f| ty_validates(&f.ty, &marks))
                }
                TypeKind::Alias(ty) | TypeKind::Newtype(ty) => ty_validates(ty, &marks),
                _ => false,
            };
            if v {
                marks[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (t, m) in api.types.iter_mut().zip(&marks) {
        t.validates = *m;
        if let TypeKind::Struct { fields, .. } = &mut t.kind {
            for f in fields {
                f.validates_inner = *m && ty_validates(&f.ty, &marks);
            }
        }
    }
    for op in &mut api.operations {
        for p in &mut op.params {
            p.validates_inner = ty_validates(&p.ty, &marks);
        }
        if let Some(b) = &mut op.body {
            b.validates = ty_validates(&b.ty, &marks);
        }
    }
}

fn ty_deprecated(api: &Api, ty: &Ty) -> bool {
    let mut any = false;
    visit(ty, true, &mut |id, _| any |= api.ty(id).deprecated);
    any
}

pub fn mark_deprecated(api: &mut Api) {
    let types: Vec<bool> = api
        .types
        .iter()
        .map(|t| {
            let fields = match &t.kind {
                TypeKind::Struct { fields, .. } => fields.iter().any(|f| f.deprecated),
                _ => false,
            };
            fields
                || t.deprecated
                || super::passes::kind_tys(&t.kind)
                    .into_iter()
                    .any(|ty| ty_deprecated(api, ty))
        })
        .collect();
    for (t, d) in api.types.iter_mut().zip(types) {
        t.uses_deprecated = d;
    }
    let ops: Vec<bool> = api
        .operations
        .iter()
        .map(|op| {
            op.inputs
                .iter()
                .any(|i| i.deprecated || ty_deprecated(api, &i.ty))
                || op.params.iter().any(|p| ty_deprecated(api, &p.ty))
                || op.body.as_ref().is_some_and(|b| ty_deprecated(api, &b.ty))
                || success_tys(&op.success).any(|ty| ty_deprecated(api, ty))
                || api.body_fields(op).iter().any(|f| f.deprecated)
        })
        .collect();
    for (op, d) in api.operations.iter_mut().zip(ops) {
        op.uses_deprecated = d;
    }
}

fn success_tys(s: &Success) -> Box<dyn Iterator<Item = &Ty> + '_> {
    match s {
        Success::One(r) => Box::new(r.ty.iter()),
        Success::ByStatus { cases, .. } => {
            Box::new(cases.iter().filter_map(|(_, _, r)| r.ty.as_ref()))
        }
    }
}

pub fn borrow_docs(api: &mut Api) {
    let docs: Vec<crate::ir::Doc> = api.types.iter().map(|t| t.doc.clone()).collect();
    for t in &mut api.types {
        let TypeKind::Struct { fields, .. } = &mut t.kind else {
            continue;
        };
        for f in fields {
            if f.doc.summary.is_some() || f.doc.description.is_some() {
                continue;
            }
            if let Ty::Named(id) = &f.ty {
                f.doc.summary = docs[id.0].summary.clone();
                f.doc.description = docs[id.0].description.clone();
            }
        }
    }
}

pub fn features(api: &Api) -> Features {
    Features {
        multipart: api.operations.iter().any(Operation::sends_multipart),
        ..Features::default()
    }
}

pub fn model_setters(api: &mut Api) {
    let reached = request_types(api);
    for (t, r) in api.types.iter_mut().zip(reached) {
        let TypeKind::Struct { fields, .. } = &mut t.kind else {
            continue;
        };
        if !r {
            continue;
        }
        // Field names are unique in the struct; only the type's own methods can collide.
        let mut setters = Scope::with_reserved(&["new", "default", "validate", "extra"]);
        for f in fields.iter_mut() {
            let optional = matches!(f.presence, Presence::Optional | Presence::OptionalNullable);
            if optional && f.constant.is_none() {
                f.setter = Some(setters.claim(&f.rust_name));
            }
        }
    }
}

/// Whether values of `ty` allow `Eq` and `Hash`, given what is known of named types.
fn ty_eq_hash(ty: &Ty, marks: &[bool]) -> bool {
    match ty {
        Ty::Float | Ty::Json | Ty::Secret => false,
        Ty::Named(id) => marks[id.0],
        Ty::Vec(i) | Ty::Map(i) | Ty::Option(i) | Ty::Boxed(i) => ty_eq_hash(i, marks),
        _ => true,
    }
}

pub fn mark_eq_hash(api: &mut Api) {
    // Start from "yes" and take it back until nothing changes (a cycle of types that only
    // contain each other stays `Eq`).
    let mut marks = vec![true; api.types.len()];
    loop {
        let mut changed = false;
        for (i, t) in api.types.iter().enumerate() {
            if !marks[i] {
                continue;
            }
            let ok = match &t.kind {
                TypeKind::Struct { fields, extra } => {
                    fields.iter().all(|f| ty_eq_hash(&f.ty, &marks))
                        && extra.as_ref().is_none_or(|e| ty_eq_hash(e, &marks))
                }
                TypeKind::Enum { .. } => true,
                // The fallback keeps unknown shapes as JSON.
                TypeKind::Union { .. } => false,
                TypeKind::Alias(ty) | TypeKind::Newtype(ty) => ty_eq_hash(ty, &marks),
            };
            if !ok {
                marks[i] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (t, m) in api.types.iter_mut().zip(marks) {
        t.eq_hash = m;
    }
}

/// The property names each branch of a union without a discriminator declares, when the
/// branch is an object (through aliases and boxes), so the union can try first the branch that
/// fits an object best. Unions of responses by status are left out.
pub fn union_keys(api: &mut Api) {
    fn keys(api: &Api, ty: &Ty) -> Vec<String> {
        match ty {
            Ty::Boxed(inner) => keys(api, inner),
            Ty::Named(id) => match &api.ty(*id).kind {
                TypeKind::Struct { fields, .. } => {
                    fields.iter().map(|f| f.wire_name.clone()).collect()
                }
                TypeKind::Alias(inner) => keys(api, inner),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }
    // A union of responses by status is decoded by status, not by shape.
    let mut by_status = vec![false; api.types.len()];
    for op in &api.operations {
        if let Success::ByStatus { type_id, .. } = &op.success {
            by_status[type_id.0] = true;
        }
    }
    for (i, by_status) in by_status.into_iter().enumerate() {
        let TypeKind::Union {
            variants,
            discriminator: None,
            ..
        } = &api.types[i].kind
        else {
            continue;
        };
        if by_status {
            continue;
        }
        let found: Vec<Vec<String>> = variants.iter().map(|v| keys(api, &v.ty)).collect();
        if let TypeKind::Union { variants, .. } = &mut api.types[i].kind {
            for (v, k) in variants.iter_mut().zip(found) {
                v.keys = k;
            }
        }
    }
}

/// Says on every operation that is not idempotent (POST, PATCH) what a retry can do.
pub fn retry_notes(api: &mut Api) {
    let note = match &api.config.idempotency_header {
        Some(h) => format!(
            "Retried like every call (after a connection error, a timeout, 408, 409, 429 or \
             5xx); each call sends one `{h}` key, the same on its retries, so the API carries \
             it out once."
        ),
        None => "Retried like every call (after a connection error, a timeout, 408, 409, 429 \
                 or 5xx) unless `retry_non_idempotent(false)` is set on the request or the \
                 client: the API takes no idempotency key here, so a retry after the server \
                 acted can carry the call out twice."
            .to_owned(),
    };
    for op in &mut api.operations {
        if matches!(
            op.method,
            crate::ir::Method::Post | crate::ir::Method::Patch
        ) {
            op.doc.notes.push(note.clone());
        }
    }
}
