//! What every comparison needs: both APIs, the types renamed between them, which way each
//! type flows, how to name Rust items and types, and the list of changes found so far.

use super::change::{Change, Severity, Side};
use crate::ir::{Api, Operation, Success, Ty, TypeDef, TypeId, TypeKind};
use std::collections::{BTreeMap, HashMap};

/// Which side(s) a type is reachable from, as bits.
const REQUEST: u8 = 1;
const RESPONSE: u8 = 2;

pub(crate) struct Ctx<'a> {
    pub old: &'a Api,
    pub new: &'a Api,
    /// Old type name -> new type name, for types renamed with the same shape.
    pub renamed: HashMap<String, String>,
    dir_old: Vec<u8>,
    dir_new: Vec<u8>,
    pub changes: Vec<Change>,
}

/// A pointer on one side, both sides or none.
pub(crate) struct At {
    pub old: Option<String>,
    pub new: Option<String>,
}

impl At {
    pub fn both(old: &str, new: &str) -> At {
        At {
            old: Some(old.to_owned()),
            new: Some(new.to_owned()),
        }
    }

    pub fn old(old: &str) -> At {
        At {
            old: Some(old.to_owned()),
            new: None,
        }
    }

    pub fn new(new: &str) -> At {
        At {
            old: None,
            new: Some(new.to_owned()),
        }
    }
}

/// A finding before it is placed: rule id, severity, message.
pub(crate) type Finding = (&'static str, Severity, String);

impl<'a> Ctx<'a> {
    pub fn new(old: &'a Api, new: &'a Api) -> Ctx<'a> {
        let mut cx = Ctx {
            old,
            new,
            renamed: HashMap::new(),
            dir_old: directions(old),
            dir_new: directions(new),
            changes: Vec::new(),
        };
        cx.renamed = super::types::find_renames(&cx);
        cx
    }

    /// Records a change; `kind` must be a rule of [`super::RULES`].
    pub fn push(&mut self, finding: Finding, side: Side, item: String, at: At) {
        let (kind, severity, message) = finding;
        debug_assert!(
            super::rules::RULES.iter().any(|r| r.id == kind),
            "rule `{kind}` is not in the rule table"
        );
        self.changes.push(Change {
            severity,
            side,
            rust_item: item,
            old_pointer: at.old,
            new_pointer: at.new,
            message,
            kind,
        });
    }

    /// Records the finding of the side that matters: for a type on both sides, the more
    /// severe of the two (the request's on a tie).
    pub fn push_sided(
        &mut self,
        side: Side,
        request: Option<Finding>,
        response: Option<Finding>,
        item: String,
        at: At,
    ) {
        let request = request.filter(|_| side.has_request());
        let response = response.filter(|_| side.has_response());
        let chosen = match (request, response) {
            (Some(q), Some(r)) => Some(if r.1 < q.1 { r } else { q }),
            (q, r) => q.or(r),
        };
        if let Some(f) = chosen {
            self.push(f, side, item, at);
        }
    }

    /// The side a type flows on, from both APIs (a type no operation reaches counts as
    /// both: its direction is unknown, so both sets of rules apply).
    pub fn side_of(&self, old: Option<TypeId>, new: Option<TypeId>) -> Side {
        let mut bits = 0;
        if let Some(id) = old {
            bits |= self.dir_old[id.0];
        }
        if let Some(id) = new {
            bits |= self.dir_new[id.0];
        }
        match bits {
            REQUEST => Side::Request,
            RESPONSE => Side::Response,
            _ => Side::Both,
        }
    }

    /// Whether two type references name the same Rust type (old names mapped through the
    /// renames).
    pub fn same_ty(&self, old: &Ty, new: &Ty) -> bool {
        show(self.old, old, Some(&self.renamed)) == show(self.new, new, None)
    }

    pub fn show_old(&self, ty: &Ty) -> String {
        show(self.old, ty, None)
    }

    pub fn show_new(&self, ty: &Ty) -> String {
        show(self.new, ty, None)
    }
}

/// A type reference as Rust spells it, with named types by name (mapped through `rename`).
pub(crate) fn show(api: &Api, ty: &Ty, rename: Option<&HashMap<String, String>>) -> String {
    let named = |id: &TypeId| {
        let name = &api.ty(*id).name;
        rename.and_then(|r| r.get(name)).unwrap_or(name).to_owned()
    };
    let s = |t: &Ty| show(api, t, rename);
    match ty {
        Ty::Bool => "bool".into(),
        Ty::Int(k) => format!("{k:?}").to_lowercase(),
        Ty::Float => "f64".into(),
        Ty::String => "String".into(),
        Ty::Secret => "Secret".into(),
        Ty::DateTime => "DateTime<Utc>".into(),
        Ty::Date => "NaiveDate".into(),
        Ty::Bytes => "Bytes".into(),
        Ty::Json => "serde_json::Value".into(),
        Ty::Named(id) => named(id),
        Ty::Vec(t) => format!("Vec<{}>", s(t)),
        Ty::Map(t) => format!("BTreeMap<String, {}>", s(t)),
        Ty::Option(t) => format!("Option<{}>", s(t)),
        Ty::Boxed(t) => format!("Box<{}>", s(t)),
    }
}

/// The crate's name as a Rust path segment.
pub(crate) fn krate(api: &Api) -> String {
    api.config.crate_name.replace('-', "_")
}

pub(crate) fn model_item(api: &Api, t: &TypeDef) -> String {
    format!("{}::models::{}", krate(api), t.name)
}

/// `crate::Client::method` or `crate::resources::module::Resource::method`.
pub(crate) fn method_item(api: &Api, op: &Operation) -> String {
    let r = &api.resources[op.resource];
    let method = crate::naming::unraw(&op.rust_method);
    if op.resource == 0 {
        format!("{}::Client::{method}", krate(api))
    } else {
        format!(
            "{}::resources::{}::{}::{method}",
            krate(api),
            r.module,
            r.struct_name
        )
    }
}

/// The request builder of an operation.
pub(crate) fn builder_item(api: &Api, op: &Operation) -> String {
    let r = &api.resources[op.resource];
    if op.resource == 0 {
        format!("{}::resources::{}", krate(api), op.builder_name)
    } else {
        format!(
            "{}::resources::{}::{}",
            krate(api),
            r.module,
            op.builder_name
        )
    }
}

/// For each type, whether requests and/or responses reach it (error responses included,
/// through the schema they `$ref`); unreached types get both.
fn directions(api: &Api) -> Vec<u8> {
    let mut dir = vec![0u8; api.types.len()];
    for op in &api.operations {
        for p in &op.params {
            mark(api, &p.ty, REQUEST, &mut dir);
        }
        if let Some(b) = &op.body {
            mark(api, &b.ty, REQUEST, &mut dir);
        }
        match &op.success {
            Success::One(r) => {
                if let Some(t) = &r.ty {
                    mark(api, t, RESPONSE, &mut dir);
                }
            }
            Success::ByStatus { type_id, .. } => {
                mark(api, &Ty::Named(*type_id), RESPONSE, &mut dir)
            }
        }
    }
    // Types only error responses use (errors are not typed, but their schemas are models).
    let by_pointer: std::collections::HashMap<&str, usize> = api
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.pointer.as_str(), i))
        .collect();
    for op in &api.operations {
        for r in &op.responses {
            if let Some(&i) = r.schema.as_deref().and_then(|p| by_pointer.get(p)) {
                mark(api, &Ty::Named(TypeId(i)), RESPONSE, &mut dir);
            }
        }
    }
    for d in &mut dir {
        if *d == 0 {
            *d = REQUEST | RESPONSE;
        }
    }
    dir
}

fn mark(api: &Api, ty: &Ty, bit: u8, dir: &mut [u8]) {
    match ty {
        Ty::Named(id) => {
            if dir[id.0] & bit != 0 {
                return;
            }
            dir[id.0] |= bit;
            for inner in referenced(&api.ty(*id).kind) {
                mark(api, inner, bit, dir);
            }
        }
        Ty::Vec(t) | Ty::Map(t) | Ty::Option(t) | Ty::Boxed(t) => mark(api, t, bit, dir),
        _ => {}
    }
}

/// The type references a definition holds.
fn referenced(kind: &TypeKind) -> Vec<&Ty> {
    match kind {
        TypeKind::Struct { fields, extra } => fields.iter().map(|f| &f.ty).chain(extra).collect(),
        TypeKind::Union { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(t) | TypeKind::Newtype(t) => vec![t],
        TypeKind::Enum { .. } => Vec::new(),
    }
}

/// Types by name.
pub(crate) fn by_name(api: &Api) -> BTreeMap<&str, TypeId> {
    api.types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), TypeId(i)))
        .collect()
}
