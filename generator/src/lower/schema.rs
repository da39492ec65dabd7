//! Lowering of schemas into IR types.
//!
//! Every schema becomes a [`Ty`]. Objects, string enums and unions become named types
//! (components keep their own name; inline ones are named after their parent and property).
//! What cannot be typed faithfully becomes `Ty::Json` with a warning naming the place.

use super::{Lowerer, MAX_DEPTH};
use crate::diag::{pointer_join, Diagnostic};
use crate::ir::{
    Constraints, Doc, Field, FloatKind, IntKind, Number, Presence, Ty, TypeId, TypeKind,
    UnionVariant, Variant,
};
use crate::naming::{self, Scope};
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

/// The properties of an object schema, possibly merged from several `allOf` members.
#[derive(Default)]
struct ObjectView {
    props: IndexMap<String, (ReferenceOr<Box<Schema>>, String)>,
    required: Vec<String>,
    additional: Option<AdditionalProperties>,
}

impl ObjectView {
    fn add(
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

/// An allOf member that is a oneOf/anyOf, to be split into one merged struct per branch.
struct UnionSplit {
    index: usize,
    branches: Vec<(ReferenceOr<Schema>, String)>,
    discriminator: Option<openapiv3::Discriminator>,
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

fn float_kind(format: &VariantOrUnknownOrEmpty<openapiv3::NumberFormat>) -> FloatKind {
    match format {
        VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => FloatKind::F32,
        _ => FloatKind::F64,
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
fn component_name(reference: &str) -> Option<String> {
    let rest = reference.strip_prefix("#/components/schemas/")?;
    if rest.contains('/') {
        return None;
    }
    Some(crate::diag::unescape_token(
        &percent_encoding::percent_decode_str(rest).decode_utf8_lossy(),
    ))
}

/// The discriminator values that select a branch: the mapping entries pointing at it, or the
/// schema's own name when the mapping does not mention it.
fn discriminator_tags(d: &openapiv3::Discriminator, branch: &ReferenceOr<Schema>) -> Vec<String> {
    let ReferenceOr::Reference { reference } = branch else {
        return Vec::new();
    };
    let name = component_name(reference);
    let mut tags: Vec<String> = d
        .mapping
        .iter()
        .filter(|(_, target)| *target == reference || name.as_deref() == Some(target.as_str()))
        .map(|(k, _)| k.clone())
        .collect();
    if tags.is_empty() {
        tags.extend(name);
    }
    tags
}

impl Lowerer<'_> {
    pub fn lower_component(&mut self, id: TypeId, schema: &ReferenceOr<Schema>, ptr: &str) {
        let hint = self.types[id.0].name.clone();
        match schema {
            ReferenceOr::Reference { reference } => {
                let (ty, _) = self.lower_ref(reference, &hint, ptr);
                self.types[id.0].kind = TypeKind::Alias(ty);
            }
            ReferenceOr::Item(s) => {
                self.types[id.0].doc = doc_of(s);
                self.types[id.0].deprecated = s.schema_data.deprecated;
                self.lower_schema(s, Some(id), &hint, ptr);
            }
        }
    }

    /// Lowers a schema or reference; returns the type and whether `null` is allowed.
    pub fn lower_ref_or(&mut self, r: &ReferenceOr<Schema>, hint: &str, ptr: &str) -> (Ty, bool) {
        match r {
            ReferenceOr::Reference { reference } => self.lower_ref(reference, hint, ptr),
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
            ReferenceOr::Reference { reference } => self.lower_ref(reference, hint, ptr),
            ReferenceOr::Item(s) => self.lower_schema(s, None, hint, ptr),
        }
    }

    fn lower_ref(&mut self, reference: &str, hint: &str, at: &str) -> (Ty, bool) {
        if let Some(name) = component_name(reference) {
            return match self.components.get(&name) {
                Some(id) => (Ty::Named(*id), self.nullable_components[id]),
                None => {
                    self.error(
                        Diagnostic::error(at, format!("`$ref` `{reference}` points at nothing"))
                            .with_help(format!(
                                "define `{name}` under components/schemas or fix the reference"
                            )),
                    );
                    (Ty::Json, false)
                }
            };
        }
        if let Some(done) = self.by_pointer.get(reference) {
            return done.clone();
        }
        if self.expanding.iter().any(|p| p == reference) {
            self.error(
                Diagnostic::error(
                    at,
                    format!("`$ref` `{reference}` refers to itself by value"),
                )
                .with_help(
                    "break the cycle through a component schema, an array or an optional property",
                ),
            );
            return (Ty::Json, false);
        }
        let Some((schema, pointer)) = self.resolve(
            &ReferenceOr::<Schema>::Reference {
                reference: reference.to_owned(),
            },
            at,
        ) else {
            return (Ty::Json, false);
        };
        let last = pointer.rsplit('/').next().unwrap_or(hint).to_owned();
        let hint = if last.parse::<usize>().is_ok() || last == "schema" {
            hint.to_owned()
        } else {
            last
        };
        self.expanding.push(reference.to_owned());
        let lowered = self.lower_schema(&schema, None, &hint, &pointer);
        self.expanding.pop();
        self.by_pointer
            .insert(reference.to_owned(), lowered.clone());
        lowered
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
            SchemaKind::Type(Type::Number(n)) => Ty::Float(float_kind(&n.format)),
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

    fn finish(&mut self, target: Option<TypeId>, ty: Ty, nullable: bool) -> (Ty, bool) {
        match target {
            Some(id) if ty != Ty::Named(id) => {
                self.types[id.0].kind = TypeKind::Alias(ty);
                (Ty::Named(id), nullable)
            }
            Some(id) => (Ty::Named(id), nullable),
            None => (ty, nullable),
        }
    }

    fn named(&mut self, target: Option<TypeId>, hint: &str, s: &Schema, ptr: &str) -> TypeId {
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

    fn lower_array(
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

    fn make_enum(
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

    fn lower_object(
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
            let (ty, nullable) = self.lower_boxed(prop, &format!("{struct_name} {wire}"), p_ptr);
            let item = match prop {
                ReferenceOr::Item(s) => Some(s.as_ref()),
                ReferenceOr::Reference { .. } => None,
            };
            let read_or_write_only =
                item.is_some_and(|s| s.schema_data.read_only || s.schema_data.write_only);
            let required = view.required.contains(wire) && !read_or_write_only;
            let constant = item.and_then(single_value);
            let presence = match (required, nullable) {
                (true, false) => Presence::Required,
                (true, true) => Presence::RequiredNullable,
                (false, false) => Presence::Optional,
                (false, true) => Presence::OptionalNullable,
            };
            let constraints = item.map(constraints_of).unwrap_or_default().fit(&ty);
            let constant = constant.filter(|_| presence == Presence::Required);
            let mut doc = item.map(doc_of).unwrap_or_default();
            if let Some(c) = &constant {
                doc.notes.push(format!("Always `{c}`; set by the SDK."));
            }
            fields.push(Field {
                rust_name,
                wire_name: wire.clone(),
                ty,
                presence,
                doc,
                deprecated: item.is_some_and(|s| s.schema_data.deprecated),
                constant,
                constraints,
                validates_inner: false,
                default: item.and_then(|s| s.schema_data.default.clone()),
                pointer: p_ptr.clone(),
            });
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

    fn lower_union(
        &mut self,
        branches: &[ReferenceOr<Schema>],
        target: Option<TypeId>,
        hint: &str,
        s: &Schema,
        ptr: &str,
        keyword: &str,
    ) -> (Ty, bool) {
        if branches.is_empty() {
            return (Ty::Json, false);
        }
        if branches.len() == 1 {
            return self.lower_ref_or(&branches[0], hint, &format!("{ptr}/{keyword}/0"));
        }
        let id = self.named(target, hint, s, ptr);
        let union_name = self.types[id.0].name.clone();
        let mut nullable = false;
        let mut lowered = Vec::new();
        for (i, b) in branches.iter().enumerate() {
            let b_hint = match b {
                ReferenceOr::Item(bs) => bs
                    .schema_data
                    .title
                    .clone()
                    .unwrap_or_else(|| format!("{union_name} variant {}", i + 1)),
                ReferenceOr::Reference { .. } => format!("{union_name} variant {}", i + 1),
            };
            let (ty, n) = self.lower_ref_or(b, &b_hint, &format!("{ptr}/{keyword}/{i}"));
            nullable |= n;
            if !lowered.iter().any(|(t, _)| *t == ty) {
                lowered.push((ty, b));
            }
        }
        if lowered.len() == 1 {
            let ty = lowered.remove(0).0;
            // The union collapsed; the placeholder becomes an alias of the only branch.
            self.types[id.0].kind = TypeKind::Alias(ty);
            return (Ty::Named(id), nullable);
        }
        let discriminator = s.schema_data.discriminator.clone();
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let mut variants = Vec::new();
        for (ty, b) in lowered {
            let base = match &ty {
                Ty::Named(t) => {
                    let name = &self.types[t.0].name;
                    name.strip_prefix(union_name.as_str())
                        .filter(|r| !r.is_empty())
                        .unwrap_or(name)
                        .to_owned()
                }
                other => primitive_variant_name(other).to_owned(),
            };
            let tags = discriminator
                .as_ref()
                .map(|d| discriminator_tags(d, b))
                .unwrap_or_default();
            variants.push(UnionVariant {
                rust_name: scope.claim(&naming::variant_name(&base)),
                ty,
                tags,
            });
        }
        let discriminator = discriminator
            .map(|d| d.property_name)
            .filter(|_| variants.iter().any(|v| !v.tags.is_empty()));
        self.types[id.0].kind = TypeKind::Union {
            variants,
            discriminator,
            fallback: "Unknown".to_owned(),
        };
        (Ty::Named(id), nullable)
    }

    fn lower_all_of(
        &mut self,
        members: &[ReferenceOr<Schema>],
        target: Option<TypeId>,
        hint: &str,
        s: &Schema,
        ptr: &str,
    ) -> (Ty, bool) {
        // openapiv3 drops `properties` beside `allOf`; read them from the raw document.
        if members.len() == 1 && self.own_object_view(ptr).is_none() {
            let (ty, n) = self.lower_ref_or(&members[0], hint, &format!("{ptr}/allOf/0"));
            return (ty, n);
        }
        let listed: Vec<(ReferenceOr<Schema>, String)> = members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.clone(), format!("{ptr}/allOf/{i}")))
            .collect();
        match self.single_union_member(&listed) {
            Some(split) => self.lower_all_of_union(&listed, split, target, hint, s, ptr),
            None => self.merge_all_of(&listed, target, hint, s, ptr),
        }
    }

    /// The one member of an allOf that is a oneOf/anyOf: its index, its branches (with their
    /// pointers) and its discriminator. `None` when there is no such member, more than one, or
    /// it has more than 16 branches (then the variant part goes into `extra`).
    fn single_union_member(&self, listed: &[(ReferenceOr<Schema>, String)]) -> Option<UnionSplit> {
        let mut found = None;
        for (i, (m, m_ptr)) in listed.iter().enumerate() {
            let (schema, s_ptr) = match m {
                ReferenceOr::Item(s) => (s.clone(), m_ptr.clone()),
                ReferenceOr::Reference { reference } => {
                    let pointer =
                        percent_encoding::percent_decode_str(reference.strip_prefix('#')?)
                            .decode_utf8_lossy()
                            .into_owned();
                    let Some(raw) = self.spec.raw.pointer(&pointer) else {
                        continue;
                    };
                    if raw.get("oneOf").is_none() && raw.get("anyOf").is_none() {
                        continue;
                    }
                    let Ok(schema) = serde_json::from_value::<Schema>(raw.clone()) else {
                        continue;
                    };
                    (schema, pointer)
                }
            };
            let (branches, keyword) = match &schema.schema_kind {
                SchemaKind::OneOf { one_of } => (one_of, "oneOf"),
                SchemaKind::AnyOf { any_of } => (any_of, "anyOf"),
                SchemaKind::Any(a) if !a.one_of.is_empty() => (&a.one_of, "oneOf"),
                SchemaKind::Any(a) if !a.any_of.is_empty() => (&a.any_of, "anyOf"),
                _ => continue,
            };
            if found.is_some() {
                return None;
            }
            found = Some(UnionSplit {
                index: i,
                branches: branches
                    .iter()
                    .enumerate()
                    .map(|(j, b)| (b.clone(), format!("{s_ptr}/{keyword}/{j}")))
                    .collect(),
                discriminator: schema.schema_data.discriminator.clone(),
            });
        }
        found.filter(|f| (2..=16).contains(&f.branches.len()))
    }

    /// `allOf [Base, oneOf [A, B]]` becomes a union of the merged structs `Base+A | Base+B`.
    fn lower_all_of_union(
        &mut self,
        listed: &[(ReferenceOr<Schema>, String)],
        split: UnionSplit,
        target: Option<TypeId>,
        hint: &str,
        s: &Schema,
        ptr: &str,
    ) -> (Ty, bool) {
        let id = self.named(target, hint, s, ptr);
        let union_name = self.types[id.0].name.clone();
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let mut variants = Vec::new();
        let mut nullable = false;
        for (j, (branch, b_ptr)) in split.branches.iter().enumerate() {
            let label = match branch {
                ReferenceOr::Reference { reference } => component_name(reference),
                ReferenceOr::Item(b) => b.schema_data.title.clone(),
            }
            .unwrap_or_else(|| format!("variant {}", j + 1));
            let mut parts = listed.to_vec();
            parts[split.index] = (branch.clone(), b_ptr.clone());
            let (ty, n) = self.merge_all_of(&parts, None, &format!("{union_name} {label}"), s, ptr);
            nullable |= n;
            let tags = split
                .discriminator
                .as_ref()
                .map(|d| discriminator_tags(d, branch))
                .unwrap_or_default();
            variants.push(UnionVariant {
                rust_name: scope.claim(&naming::variant_name(&label)),
                ty,
                tags,
            });
        }
        let discriminator = split
            .discriminator
            .map(|d| d.property_name)
            .filter(|_| variants.iter().any(|v| !v.tags.is_empty()));
        self.types[id.0].kind = TypeKind::Union {
            variants,
            discriminator,
            fallback: "Unknown".to_owned(),
        };
        (Ty::Named(id), nullable)
    }

    /// Merges allOf members (and properties written beside them) into one struct.
    fn merge_all_of(
        &mut self,
        listed: &[(ReferenceOr<Schema>, String)],
        target: Option<TypeId>,
        hint: &str,
        s: &Schema,
        ptr: &str,
    ) -> (Ty, bool) {
        let own = self.own_object_view(ptr);
        let mut view = ObjectView::default();
        let mut nullable = false;
        let mut any_object = false;
        let mut first_other: Option<(Ty, bool)> = None;
        for (m, m_ptr) in listed {
            if !self.merge_member(m, m_ptr, &mut view, &mut any_object) && first_other.is_none() {
                first_other = Some(self.lower_ref_or(m, hint, m_ptr));
            }
        }
        if let Some(own) = own {
            any_object = true;
            let props = own
                .props
                .iter()
                .map(|(k, (v, _))| (k.clone(), v.clone()))
                .collect();
            let conflicts = view.add(&props, &own.required, &own.additional, ptr);
            self.report_conflicts(conflicts, ptr);
        }
        if !any_object {
            let (ty, n) = first_other.unwrap_or((Ty::Json, false));
            nullable |= n;
            return (ty, nullable);
        }
        (self.lower_object(view, target, hint, s, ptr), nullable)
    }

    /// Properties written beside `allOf`/`oneOf` in the same schema object.
    fn own_object_view(&self, ptr: &str) -> Option<ObjectView> {
        let raw = self.spec.raw.pointer(ptr)?;
        let props = raw.get("properties")?;
        let props: IndexMap<String, ReferenceOr<Box<Schema>>> =
            serde_json::from_value(props.clone()).ok()?;
        let required: Vec<String> = raw
            .get("required")
            .and_then(|r| serde_json::from_value(r.clone()).ok())
            .unwrap_or_default();
        let mut view = ObjectView::default();
        view.add(&props, &required, &None, ptr);
        Some(view)
    }

    /// Merges one allOf member into `view`; false when the member is not object-like.
    fn merge_member(
        &mut self,
        m: &ReferenceOr<Schema>,
        ptr: &str,
        view: &mut ObjectView,
        any_object: &mut bool,
    ) -> bool {
        let (schema, s_ptr, guard) = match m {
            ReferenceOr::Item(s) => (s.clone(), ptr.to_owned(), None),
            ReferenceOr::Reference { reference } => {
                if self.expanding.iter().any(|p| p == reference) {
                    self.error(
                        Diagnostic::error(
                            ptr,
                            format!("allOf `$ref` `{reference}` includes itself"),
                        )
                        .with_help("an object cannot contain itself by value; remove the cycle"),
                    );
                    return true;
                }
                match self.resolve(m, ptr) {
                    Some((s, p)) => (s, p, Some(reference.clone())),
                    None => return true,
                }
            }
        };
        if let Some(g) = &guard {
            self.expanding.push(g.clone());
        }
        let merged = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => {
                *any_object = true;
                let conflicts =
                    view.add(&o.properties, &o.required, &o.additional_properties, &s_ptr);
                self.report_conflicts(conflicts, &s_ptr);
                true
            }
            SchemaKind::Any(a)
                if !a.properties.is_empty()
                    || a.typ.as_deref() == Some("object")
                    || !a.all_of.is_empty() =>
            {
                *any_object = true;
                let conflicts =
                    view.add(&a.properties, &a.required, &a.additional_properties, &s_ptr);
                self.report_conflicts(conflicts, &s_ptr);
                for (i, inner) in a.all_of.iter().enumerate() {
                    self.merge_member(inner, &format!("{s_ptr}/allOf/{i}"), view, any_object);
                }
                true
            }
            SchemaKind::AllOf { all_of } => {
                for (i, inner) in all_of.iter().enumerate() {
                    self.merge_member(inner, &format!("{s_ptr}/allOf/{i}"), view, any_object);
                }
                if let Some(own) = self.own_object_view(&s_ptr) {
                    *any_object = true;
                    let props = own
                        .props
                        .iter()
                        .map(|(k, (v, _))| (k.clone(), v.clone()))
                        .collect();
                    view.add(&props, &own.required, &None, &s_ptr);
                }
                true
            }
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => {
                // allOf [Base, oneOf [...]]: the variant part cannot be merged into a struct.
                self.warn(&s_ptr, "a oneOf/anyOf inside allOf cannot be merged; its properties are kept in `extra`");
                if view.additional.is_none() {
                    view.additional = Some(AdditionalProperties::Any(true));
                }
                true
            }
            SchemaKind::Any(a)
                if a.typ.is_none() && a.enumeration.is_empty() && a.items.is_none() =>
            {
                true
            }
            _ => false,
        };
        if guard.is_some() {
            self.expanding.pop();
        }
        merged
    }

    fn report_conflicts(&mut self, conflicts: Vec<String>, ptr: &str) {
        for c in conflicts {
            self.warn(
                &pointer_join(ptr, &["properties", &c]),
                format!("allOf members disagree on property `{c}`; the last definition is used"),
            );
        }
    }

    fn lower_any(
        &mut self,
        a: &openapiv3::AnySchema,
        target: Option<TypeId>,
        hint: &str,
        s: &Schema,
        ptr: &str,
    ) -> (Ty, bool) {
        if !a.all_of.is_empty() {
            return self.lower_all_of(&a.all_of, target, hint, s, ptr);
        }
        if !a.one_of.is_empty() {
            return self.lower_union(&a.one_of, target, hint, s, ptr, "oneOf");
        }
        if !a.any_of.is_empty() {
            return self.lower_union(&a.any_of, target, hint, s, ptr, "anyOf");
        }
        let ty = match a.typ.as_deref() {
            _ if !a.properties.is_empty()
                || a.typ.as_deref() == Some("object")
                || a.additional_properties.is_some() =>
            {
                let mut view = ObjectView::default();
                view.add(&a.properties, &a.required, &a.additional_properties, ptr);
                self.lower_object(view, target, hint, s, ptr)
            }
            _ if a.items.is_some() || a.typ.as_deref() == Some("array") => {
                self.lower_array(a.items.as_ref(), hint, ptr)
            }
            _ if !a.enumeration.is_empty() => {
                let strings: Option<Vec<String>> = a
                    .enumeration
                    .iter()
                    .filter(|v| !v.is_null())
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect();
                match strings {
                    Some(values) if !values.is_empty() => {
                        Ty::Named(self.make_enum(values, target, hint, s, ptr))
                    }
                    _ => Ty::Json,
                }
            }
            Some("string") => match a.format.as_deref() {
                Some("date-time") => Ty::DateTime,
                Some("date") => Ty::Date,
                Some("password") => Ty::Secret,
                _ => Ty::String,
            },
            Some("integer") => Ty::Int(IntKind::I64),
            Some("number") => Ty::Float(FloatKind::F64),
            Some("boolean") => Ty::Bool,
            _ => Ty::Json,
        };
        (ty, false)
    }
}

fn primitive_variant_name(ty: &Ty) -> &'static str {
    match ty {
        Ty::Bool => "Boolean",
        Ty::Int(_) => "Integer",
        Ty::Float(_) => "Number",
        Ty::String | Ty::Secret => "String",
        Ty::DateTime => "DateTime",
        Ty::Date => "Date",
        Ty::Bytes => "Bytes",
        Ty::Json => "Json",
        Ty::Vec(_) => "Array",
        Ty::Map(_) => "Object",
        Ty::Option(inner) | Ty::Boxed(inner) => primitive_variant_name(inner),
        Ty::Named(_) => "Named",
    }
}

/// The value of a single-value enum (`const`), if the schema is one.
fn single_value(s: &Schema) -> Option<serde_json::Value> {
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
