//! Lowering of schemas into IR types.
//!
//! Every schema becomes a [`Ty`]. Objects, string enums and unions become named types
//! (components keep their own name; inline ones are named after their parent and property).
//! What cannot be typed faithfully becomes `Ty::Json` with a warning naming the place.

use super::{Lowerer, MAX_DEPTH};
use crate::diag::{pointer_join, Diagnostic};
use crate::ir::{
    Constraints, Doc, Field, IntKind, Number, Presence, Ty, TypeId, TypeKind, Variant,
};
use crate::naming::{self, Scope};
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

/// The properties of an object schema, possibly merged from several `allOf` members.
#[derive(Default)]
pub(super) struct ObjectView {
    pub(super) props: IndexMap<String, (ReferenceOr<Box<Schema>>, String)>,
    pub(super) required: Vec<String>,
    pub(super) additional: Option<AdditionalProperties>,
}

impl ObjectView {
    pub(super) fn add(
        &mut self,
        props: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: &Option<AdditionalProperties>,
        ptr: &str,
    ) -> Vec<String> {
        let mut conflicts = Vec::new();
        for (name, p) in props {
            let p_ptr = pointer_join(ptr, &["properties", name]);
            if let Some((old, _)) = self.props.get(name) {
                if !same_shape(old, p) {
                    conflicts.push(name.clone());
                }
            }
            self.props.insert(name.clone(), (p.clone(), p_ptr));
        }
        for r in required {
            if !self.required.contains(r) {
                self.required.push(r.clone());
            }
        }
        if additional.is_some() {
            self.additional = additional.clone();
        }
        conflicts
    }
}

/// Two property schemas describe the same wire shape (docs may differ).
fn same_shape(a: &ReferenceOr<Box<Schema>>, b: &ReferenceOr<Box<Schema>>) -> bool {
    match (a, b) {
        (ReferenceOr::Reference { reference: x }, ReferenceOr::Reference { reference: y }) => {
            x == y
        }
        (ReferenceOr::Item(x), ReferenceOr::Item(y)) => x.schema_kind == y.schema_kind,
        _ => false,
    }
}

pub(crate) fn doc_of(s: &Schema) -> Doc {
    let d = &s.schema_data;
    let mut notes = Vec::new();
    if let Some(default) = &d.default {
        notes.push(format!("Defaults to `{default}`."));
    }
    Doc {
        summary: d
            .title
            .clone()
            .filter(|t| Some(t) != d.description.as_ref()),
        description: d.description.clone(),
        notes,
    }
}

fn constraints_of(s: &Schema) -> Constraints {
    let mut c = Constraints::default();
    match &s.schema_kind {
        SchemaKind::Type(Type::String(st)) => {
            c.min_length = st.min_length.filter(|n| *n > 0);
            c.max_length = st.max_length;
        }
        SchemaKind::Type(Type::Integer(it)) => {
            c.minimum = it.minimum.map(|n| Number::Int(n.into()));
            c.maximum = it.maximum.map(|n| Number::Int(n.into()));
            c.exclusive_minimum = it.exclusive_minimum && c.minimum.is_some();
            c.exclusive_maximum = it.exclusive_maximum && c.maximum.is_some();
        }
        SchemaKind::Type(Type::Number(nt)) => {
            c.minimum = nt.minimum.filter(|f| f.is_finite()).map(Number::Float);
            c.maximum = nt.maximum.filter(|f| f.is_finite()).map(Number::Float);
            c.exclusive_minimum = nt.exclusive_minimum && c.minimum.is_some();
            c.exclusive_maximum = nt.exclusive_maximum && c.maximum.is_some();
        }
        SchemaKind::Type(Type::Array(at)) => {
            c.min_items = at.min_items.filter(|n| *n > 0);
            c.max_items = at.max_items;
        }
        _ => {}
    }
    c
}

/// The constraints of a property or parameter schema, if it is written inline.
pub(crate) fn constraints_of_ref(r: &ReferenceOr<Schema>) -> Constraints {
    match r {
        ReferenceOr::Item(s) => constraints_of(s),
        ReferenceOr::Reference { .. } => Constraints::default(),
    }
}

fn int_kind(format: &VariantOrUnknownOrEmpty<openapiv3::IntegerFormat>) -> IntKind {
    use openapiv3::IntegerFormat;
    match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => IntKind::I32,
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => IntKind::I64,
        VariantOrUnknownOrEmpty::Unknown(f) => match f.as_str() {
            "int8" => IntKind::I8,
            "int16" => IntKind::I16,
            "uint8" => IntKind::U8,
            "uint16" => IntKind::U16,
            "uint32" => IntKind::U32,
            "uint64" | "uint" => IntKind::U64,
            _ => IntKind::I64,
        },
        VariantOrUnknownOrEmpty::Empty => IntKind::I64,
    }
}

fn string_ty(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Ty {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Ty::DateTime,
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Ty::Date,
        VariantOrUnknownOrEmpty::Item(StringFormat::Password) => Ty::Secret,
        // Byte (base64) and binary stay strings inside JSON documents.
        _ => Ty::String,
    }
}

/// Name of a type reached through `#/components/schemas/<name>` exactly.
pub(super) fn component_name(reference: &str) -> Option<String> {
    let rest = reference.strip_prefix("#/components/schemas/")?;
    if rest.contains('/') {
        return None;
    }
    Some(crate::diag::unescape_token(rest))
}

impl Lowerer<'_> {
    pub fn lower_component(&mut self, id: TypeId, schema: &ReferenceOr<Schema>, ptr: &str) {
        let hint = self.types[id.0].name.clone();
        match schema {
            ReferenceOr::Reference { reference } => {
                let (ty, _) = self.lower_ref(reference, ptr);
                self.types[id.0].kind = TypeKind::Alias(ty);
            }
            ReferenceOr::Item(s) => {
                self.types[id.0].doc = doc_of(s);
                self.types[id.0].deprecated = s.schema_data.deprecated;
                self.lower_schema(s, Some(id), &hint, ptr);
                super::extensions::helpers(self, id, s, ptr);
            }
        }
    }

    /// Lowers a schema or reference; returns the type and whether `null` is allowed.
    pub fn lower_ref_or(&mut self, r: &ReferenceOr<Schema>, hint: &str, ptr: &str) -> (Ty, bool) {
        match r {
            ReferenceOr::Reference { reference } => self.lower_ref(reference, ptr),
            ReferenceOr::Item(s) => self.lower_schema(s, None, hint, ptr),
        }
    }

    pub fn lower_boxed(
        &mut self,
        r: &ReferenceOr<Box<Schema>>,
        hint: &str,
        ptr: &str,
    ) -> (Ty, bool) {
        match r {
            ReferenceOr::Reference { reference } => self.lower_ref(reference, ptr),
            ReferenceOr::Item(s) => self.lower_schema(s, None, hint, ptr),
        }
    }

    /// A reference to a component schema (loading leaves no other kind).
    pub(super) fn lower_ref(&mut self, reference: &str, at: &str) -> (Ty, bool) {
        let found = component_name(reference).and_then(|name| self.components.get(&name));
        match found {
            Some(id) => (Ty::Named(*id), self.nullable_components[id]),
            None => {
                let name = component_name(reference).unwrap_or_else(|| reference.to_owned());
                self.error(
                    Diagnostic::error(at, format!("`$ref` `{reference}` points at nothing"))
                        .with_help(format!(
                            "define `{name}` under components/schemas or fix the reference"
                        )),
                );
                (Ty::Json, false)
            }
        }
    }

    /// Lowers one schema. With `target`, the result is that named type (made an alias when the
    /// schema is not itself a struct, enum or union).
    pub fn lower_schema(
        &mut self,
        s: &Schema,
        target: Option<TypeId>,
        hint: &str,
        ptr: &str,
    ) -> (Ty, bool) {
        let mut nullable = s.schema_data.nullable;
        if self.depth >= MAX_DEPTH {
            self.warn(
                ptr,
                format!("schema nests deeper than {MAX_DEPTH} levels; typed as serde_json::Value"),
            );
            return self.finish(target, Ty::Json, nullable);
        }
        self.depth += 1;
        let ty = match &s.schema_kind {
            SchemaKind::Type(Type::String(st)) => {
                let values: Vec<String> = st.enumeration.iter().flatten().cloned().collect();
                let binary = matches!(
                    st.format,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
                );
                if values.is_empty() && binary && self.binary_as_bytes {
                    Ty::Bytes
                } else if values.is_empty() {
                    string_ty(&st.format)
                } else {
                    Ty::Named(self.make_enum(values, target, hint, s, ptr))
                }
            }
            SchemaKind::Type(Type::Number(_)) => Ty::Float,
            SchemaKind::Type(Type::Integer(i)) => Ty::Int(int_kind(&i.format)),
            SchemaKind::Type(Type::Boolean(_)) => Ty::Bool,
            SchemaKind::Type(Type::Array(a)) => self.lower_array(a.items.as_ref(), hint, ptr),
            SchemaKind::Type(Type::Object(o)) => {
                let mut view = ObjectView::default();
                view.add(&o.properties, &o.required, &o.additional_properties, ptr);
                self.lower_object(view, target, hint, s, ptr)
            }
            SchemaKind::OneOf { one_of } => {
                let (ty, n) = self.lower_union(one_of, target, hint, s, ptr, "oneOf");
                nullable |= n;
                ty
            }
            SchemaKind::AnyOf { any_of } => {
                let (ty, n) = self.lower_union(any_of, target, hint, s, ptr, "anyOf");
                nullable |= n;
                ty
            }
            SchemaKind::AllOf { all_of } => {
                let (ty, n) = self.lower_all_of(all_of, target, hint, s, ptr);
                nullable |= n;
                ty
            }
            SchemaKind::Not { .. } => {
                self.warn(
                    ptr,
                    "`not` schemas cannot be typed; typed as serde_json::Value",
                );
                Ty::Json
            }
            SchemaKind::Any(a) => {
                let (ty, n) = self.lower_any(a, target, hint, s, ptr);
                nullable |= n;
                ty
            }
        };
        self.depth -= 1;
        self.finish(target, ty, nullable)
    }

    pub(super) fn finish(&mut self, target: Option<TypeId>, ty: Ty, nullable: bool) -> (Ty, bool) {
        match target {
            Some(id) if ty != Ty::Named(id) => {
                self.types[id.0].kind = TypeKind::Alias(ty);
                (Ty::Named(id), nullable)
            }
            Some(id) => (Ty::Named(id), nullable),
            None => (ty, nullable),
        }
    }

    pub(super) fn named(
        &mut self,
        target: Option<TypeId>,
        hint: &str,
        s: &Schema,
        ptr: &str,
    ) -> TypeId {
        match target {
            Some(id) => id,
            None => {
                let id = self.new_type(hint, ptr);
                self.types[id.0].doc = doc_of(s);
                self.types[id.0].deprecated = s.schema_data.deprecated;
                id
            }
        }
    }

    pub(super) fn lower_array(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        hint: &str,
        ptr: &str,
    ) -> Ty {
        match items {
            None => Ty::Vec(Box::new(Ty::Json)),
            Some(items) => {
                let (ty, nullable) =
                    self.lower_boxed(items, &format!("{hint} item"), &format!("{ptr}/items"));
                Ty::Vec(Box::new(if nullable {
                    Ty::Option(Box::new(ty))
                } else {
                    ty
                }))
            }
        }
    }

    pub(super) fn make_enum(
        &mut self,
        values: Vec<String>,
        target: Option<TypeId>,
        hint: &str,
        s: &Schema,
        ptr: &str,
    ) -> TypeId {
        let id = self.named(target, hint, s, ptr);
        // The fallback is named first, so a value added later never renames it.
        let fallback = "Unknown".to_owned();
        let mut scope = Scope::with_reserved(&[&fallback]);
        let mut variants = Vec::new();
        for v in values {
            if variants.iter().any(|x: &Variant| x.wire_value == v) {
                continue;
            }
            variants.push(Variant {
                rust_name: scope.claim(&naming::variant_name(&v)),
                wire_value: v,
            });
        }
        self.types[id.0].kind = TypeKind::Enum { variants, fallback };
        id
    }

    pub(super) fn lower_object(
        &mut self,
        view: ObjectView,
        target: Option<TypeId>,
        hint: &str,
        s: &Schema,
        ptr: &str,
    ) -> Ty {
        if view.props.is_empty() {
            match &view.additional {
                Some(AdditionalProperties::Schema(inner)) => {
                    let (ty, nullable) = self.lower_ref_or(
                        inner,
                        &format!("{hint} value"),
                        &format!("{ptr}/additionalProperties"),
                    );
                    return Ty::Map(Box::new(if nullable {
                        Ty::Option(Box::new(ty))
                    } else {
                        ty
                    }));
                }
                Some(AdditionalProperties::Any(false)) => {}
                _ => return Ty::Map(Box::new(Ty::Json)),
            }
        }
        let id = self.named(target, hint, s, ptr);
        let struct_name = self.types[id.0].name.clone();
        let mut scope = Scope::with_reserved(&["extra"]);
        let mut fields = Vec::with_capacity(view.props.len());
        for (wire, (prop, p_ptr)) in &view.props {
            let rust_name = scope.claim(&naming::snake_name(wire));
            let required = view.required.contains(wire);
            let hint = format!("{struct_name} {wire}");
            fields.push(self.lower_field(rust_name, wire, prop, p_ptr, required, &hint));
        }
        let extra = match &view.additional {
            Some(AdditionalProperties::Schema(inner)) => {
                let (ty, nullable) = self.lower_ref_or(
                    inner,
                    &format!("{struct_name} extra"),
                    &format!("{ptr}/additionalProperties"),
                );
                Some(if nullable {
                    Ty::Option(Box::new(ty))
                } else {
                    ty
                })
            }
            Some(AdditionalProperties::Any(true)) => Some(Ty::Json),
            _ => None,
        };
        self.types[id.0].kind = TypeKind::Struct { fields, extra };
        Ty::Named(id)
    }
}

impl Lowerer<'_> {
    /// One property of an object: its type, presence, constant, constraints and docs.
    fn lower_field(
        &mut self,
        rust_name: String,
        wire: &str,
        prop: &ReferenceOr<Box<Schema>>,
        p_ptr: &str,
        required: bool,
        hint: &str,
    ) -> Field {
        let (ty, nullable) = self.lower_boxed(prop, hint, p_ptr);
        let item = match prop {
            ReferenceOr::Item(s) => Some(s.as_ref()),
            ReferenceOr::Reference { .. } => None,
        };
        // readOnly and writeOnly fields are optional, so the type works in both directions.
        let read_or_write_only =
            item.is_some_and(|s| s.schema_data.read_only || s.schema_data.write_only);
        let presence = match (required && !read_or_write_only, nullable) {
            (true, false) => Presence::Required,
            (true, true) => Presence::RequiredNullable,
            (false, false) => Presence::Optional,
            (false, true) => Presence::OptionalNullable,
        };
        let constraints = item.map(constraints_of).unwrap_or_default().fit(&ty);
        let constant = item
            .and_then(single_value)
            .filter(|_| presence == Presence::Required);
        let mut doc = item.map(doc_of).unwrap_or_default();
        if let Some(c) = &constant {
            doc.notes.push(format!("Always `{c}`; set by the SDK."));
        }
        Field {
            rust_name,
            wire_name: wire.to_owned(),
            ty,
            presence,
            doc,
            deprecated: item.is_some_and(|s| s.schema_data.deprecated),
            constant,
            constraints,
            validates_inner: false,
            setter: None,
            default: item.and_then(|s| s.schema_data.default.clone()),
            pointer: p_ptr.to_owned(),
        }
    }
}

/// The value of a single-value enum (`const`), if the schema is one.
pub(super) fn single_value(s: &Schema) -> Option<serde_json::Value> {
    match &s.schema_kind {
        SchemaKind::Type(Type::String(st)) => match st.enumeration.as_slice() {
            [Some(v)] => Some(serde_json::Value::String(v.clone())),
            _ => None,
        },
        SchemaKind::Any(a) => match a.enumeration.as_slice() {
            [v] if v.is_string() => Some(v.clone()),
            _ => None,
        },
        _ => None,
    }
}
