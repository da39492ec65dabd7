//! `oneOf`/`anyOf` (unions, tagged by a discriminator when there is one) and schemas of no
//! single type.

use super::schema::{component_name, ObjectView};
use super::Lowerer;
use crate::diag::pointer_join;
use crate::ir::{IntKind, Ty, TypeId, TypeKind, UnionVariant};
use crate::naming::{self, Scope};
use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

/// The discriminator values that select a branch: the mapping entries pointing at it, or the
/// schema's own name when the mapping does not mention it.
pub(super) fn discriminator_tags(
    d: &openapiv3::Discriminator,
    branch: &ReferenceOr<Schema>,
) -> Vec<String> {
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
    pub(super) fn lower_union(
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
                keys: Vec::new(),
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

    pub(super) fn lower_any(
        &mut self,
        a: &openapiv3::AnySchema,
        target: Option<TypeId>,
        hint: &str,
        s: &Schema,
        ptr: &str,
    ) -> (Ty, bool) {
        if !a.all_of.is_empty() {
            self.warn_ignored_beside(a, "allOf", ptr);
            return self.lower_all_of(&a.all_of, target, hint, s, ptr);
        }
        if !a.one_of.is_empty() {
            self.warn_ignored_beside(a, "oneOf", ptr);
            return self.lower_union(&a.one_of, target, hint, s, ptr, "oneOf");
        }
        if !a.any_of.is_empty() {
            self.warn_ignored_beside(a, "anyOf", ptr);
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
            Some("number") => Ty::Float,
            Some("boolean") => Ty::Bool,
            _ => Ty::Json,
        };
        (ty, false)
    }
}

impl Lowerer<'_> {
    /// Object keywords (and other compositions) written beside the composition `keyword` that
    /// decides the type: lowering does not use them, so say so. (`additionalProperties: true`
    /// is the default and says nothing.)
    pub(super) fn warn_ignored_beside(
        &mut self,
        a: &openapiv3::AnySchema,
        keyword: &str,
        ptr: &str,
    ) {
        let ignored = [
            ("properties", !a.properties.is_empty()),
            ("required", !a.required.is_empty()),
            (
                "additionalProperties",
                a.additional_properties
                    .as_ref()
                    .is_some_and(|ap| *ap != AdditionalProperties::Any(true)),
            ),
            ("oneOf", keyword == "allOf" && !a.one_of.is_empty()),
            ("anyOf", keyword != "anyOf" && !a.any_of.is_empty()),
        ];
        for (key, present) in ignored {
            if present {
                self.warn(
                    &pointer_join(ptr, &[key]),
                    format!(
                        "`{key}` beside `{keyword}` is ignored: the type is the `{keyword}`; \
                         move `{key}` into its members"
                    ),
                );
            }
        }
    }
}

pub(super) fn primitive_variant_name(ty: &Ty) -> &'static str {
    match ty {
        Ty::Bool => "Boolean",
        Ty::Int(_) => "Integer",
        Ty::Float => "Number",
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
