//! Which generated Rust type an example's schema decodes into, read from the IR.
//!
//! A schema the IR named ([`TypeDef::pointer`]) is that type; a property, `items` or
//! `additionalProperties` schema is the type its parent gives it (a field, a list item, a map
//! value); a `$ref` or array schema in a body follows its target. Anything else (inline error
//! bodies, `allOf` members) has no generated type of its own.

use crate::diag::unescape_token;
use crate::ir::{Api, IntKind, Presence, Ty, TypeId, TypeKind};
use serde_json::Value;
use std::collections::HashMap;

pub struct Types<'a> {
    api: &'a Api,
    /// The normalised document, for `$ref` and array schemas the IR has no type for.
    doc: &'a Value,
    by_pointer: HashMap<&'a str, TypeId>,
}

impl<'a> Types<'a> {
    pub fn new(api: &'a Api, doc: &'a Value) -> Self {
        let by_pointer = (api.types.iter().enumerate())
            .map(|(i, t)| (t.pointer.as_str(), TypeId(i)))
            .collect();
        Types {
            api,
            doc,
            by_pointer,
        }
    }

    /// The Rust type of the schema at `pointer` (normalised document).
    /// A nullable schema's example may be `null`, so a type that cannot hold one is read
    /// through an `Option` (as the field or item holding it is).
    pub fn ty_at(&self, pointer: &str) -> Option<Ty> {
        let ty = self.ty_within(pointer, 32)?;
        let nullable = self.doc.pointer(pointer).and_then(|s| s.get("nullable"));
        Some(match ty {
            Ty::Option(_) | Ty::Json => ty,
            _ if nullable == Some(&Value::Bool(true)) => Ty::Option(Box::new(ty)),
            _ => ty,
        })
    }

    /// [`Self::ty_at`], following at most `hops` `$ref`s (a chain of `$ref`s can loop).
    fn ty_within(&self, pointer: &str, hops: usize) -> Option<Ty> {
        if let Some(ty) = self.own(pointer, hops) {
            return Some(ty);
        }
        let (parent, last) = pointer.rsplit_once('/')?;
        if let Some(owner) = parent.strip_suffix("/properties") {
            return self.field(self.ty_within(owner, hops)?, &unescape_token(last));
        }
        match last {
            "items" => match self.resolve(self.ty_within(parent, hops)?) {
                Ty::Vec(inner) => Some(*inner),
                _ => None,
            },
            "additionalProperties" => self.map_value(self.ty_within(parent, hops)?),
            _ => None,
        }
    }

    /// The type of a schema from the schema alone (its own type, its `$ref`, or a list of
    /// what its `items` are), never from its parent: the walk only goes down.
    fn own(&self, pointer: &str, hops: usize) -> Option<Ty> {
        if let Some(id) = self.by_pointer.get(pointer) {
            return Some(Ty::Named(*id));
        }
        let node = self.doc.pointer(pointer)?;
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            return self.ty_within(r.strip_prefix('#')?, hops.checked_sub(1)?);
        }
        if node.get("type").and_then(Value::as_str) == Some("array") {
            let items = self.own(&format!("{pointer}/items"), hops)?;
            return Some(Ty::Vec(Box::new(items)));
        }
        None
    }

    /// Follows aliases, boxes and newtypes to the type a value's shape is read from.
    fn resolve(&self, ty: Ty) -> Ty {
        match ty {
            Ty::Named(id) => match &self.api.ty(id).kind {
                TypeKind::Alias(inner) | TypeKind::Newtype(inner) => self.resolve(inner.clone()),
                _ => Ty::Named(id),
            },
            Ty::Boxed(inner) | Ty::Option(inner) => self.resolve(*inner),
            other => other,
        }
    }

    fn field(&self, owner: Ty, wire: &str) -> Option<Ty> {
        let Ty::Named(id) = self.resolve(owner) else {
            return None;
        };
        let TypeKind::Struct { fields, .. } = &self.api.ty(id).kind else {
            return None;
        };
        let f = fields.iter().find(|f| f.wire_name == wire)?;
        Some(match f.presence {
            // The example illustrates the property's schema, which a nullable field allows
            // to be null.
            Presence::RequiredNullable | Presence::OptionalNullable => {
                Ty::Option(Box::new(f.ty.clone()))
            }
            Presence::Required | Presence::Optional => f.ty.clone(),
        })
    }

    fn map_value(&self, owner: Ty) -> Option<Ty> {
        match self.resolve(owner) {
            Ty::Map(inner) => Some(*inner),
            Ty::Named(id) => match &self.api.ty(id).kind {
                TypeKind::Struct { extra, .. } => extra.clone(),
                _ => None,
            },
            _ => None,
        }
    }

    /// The Rust path of a type, as code outside the crate `krate` names it; `None` for
    /// raw bytes, which JSON does not carry.
    pub fn path(&self, ty: &Ty, krate: &str) -> Option<String> {
        Some(match ty {
            Ty::Bool => "bool".into(),
            Ty::Int(k) => int(*k).into(),
            Ty::Float => "f64".into(),
            Ty::String => "::std::string::String".into(),
            Ty::Secret => format!("::{krate}::Secret"),
            Ty::DateTime => format!("::{krate}::chrono::DateTime<::{krate}::chrono::Utc>"),
            Ty::Date => format!("::{krate}::chrono::NaiveDate"),
            Ty::Bytes => return None,
            Ty::Json => "::serde_json::Value".into(),
            Ty::Named(id) => format!("::{krate}::models::{}", self.api.ty(*id).name),
            Ty::Vec(inner) => format!("::std::vec::Vec<{}>", self.path(inner, krate)?),
            Ty::Map(inner) => format!(
                "::std::collections::BTreeMap<::std::string::String, {}>",
                self.path(inner, krate)?
            ),
            Ty::Option(inner) => format!("::std::option::Option<{}>", self.path(inner, krate)?),
            Ty::Boxed(inner) => format!("::std::boxed::Box<{}>", self.path(inner, krate)?),
        })
    }
}

fn int(k: IntKind) -> &'static str {
    match k {
        IntKind::I8 => "i8",
        IntKind::I16 => "i16",
        IntKind::I32 => "i32",
        IntKind::I64 => "i64",
        IntKind::U8 => "u8",
        IntKind::U16 => "u16",
        IntKind::U32 => "u32",
        IntKind::U64 => "u64",
    }
}
