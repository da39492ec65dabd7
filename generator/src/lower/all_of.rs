//! `allOf`: members merged into one struct (disagreements reported), and an `allOf` with one
//! `oneOf`/`anyOf` member split into a union of merged structs.

use super::schema::{component_name, ObjectView};
use super::union::discriminator_tags;
use super::Lowerer;
use crate::diag::{pointer_join, Diagnostic};
use crate::ir::{Ty, TypeId, TypeKind, UnionVariant};
use crate::naming::{self, Scope};
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

/// An allOf member that is a oneOf/anyOf, to be split into one merged struct per branch.
pub(super) struct UnionSplit {
    index: usize,
    branches: Vec<(ReferenceOr<Schema>, String)>,
    discriminator: Option<openapiv3::Discriminator>,
}

impl Lowerer<'_> {
    pub(super) fn lower_all_of(
        &mut self,
        members: &[ReferenceOr<Schema>],
        target: Option<TypeId>,
        hint: &str,
        s: &Schema,
        ptr: &str,
    ) -> (Ty, bool) {
        // Properties written beside `allOf` are its last member (the normaliser moves them).
        if members.len() == 1 {
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
    pub(super) fn single_union_member(
        &self,
        listed: &[(ReferenceOr<Schema>, String)],
    ) -> Option<UnionSplit> {
        let mut found = None;
        for (i, (m, m_ptr)) in listed.iter().enumerate() {
            let (schema, s_ptr) = match m {
                ReferenceOr::Item(s) => (s.clone(), m_ptr.clone()),
                ReferenceOr::Reference { reference } => {
                    // One hop: a component that is an alias of a union is not split.
                    let Some(name) = component_name(reference) else {
                        continue;
                    };
                    let schemas = self.spec.api.components.as_ref().map(|c| &c.schemas);
                    let Some(ReferenceOr::Item(schema)) = schemas.and_then(|s| s.get(&name)) else {
                        continue;
                    };
                    (
                        schema.clone(),
                        pointer_join("/components/schemas", &[&name]),
                    )
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
    pub(super) fn lower_all_of_union(
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
                keys: Vec::new(),
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

    /// Merges allOf members into one struct.
    pub(super) fn merge_all_of(
        &mut self,
        listed: &[(ReferenceOr<Schema>, String)],
        target: Option<TypeId>,
        hint: &str,
        s: &Schema,
        ptr: &str,
    ) -> (Ty, bool) {
        let mut view = ObjectView::default();
        let mut nullable = false;
        let mut any_object = false;
        let mut first_other: Option<(Ty, bool)> = None;
        for (m, m_ptr) in listed {
            if !self.merge_member(m, m_ptr, &mut view, &mut any_object) && first_other.is_none() {
                first_other = Some(self.lower_ref_or(m, hint, m_ptr));
            }
        }
        if !any_object {
            let (ty, n) = first_other.unwrap_or((Ty::Json, false));
            nullable |= n;
            return (ty, nullable);
        }
        (self.lower_object(view, target, hint, s, ptr), nullable)
    }

    /// Merges one allOf member into `view`; false when the member is not object-like.
    pub(super) fn merge_member(
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

    pub(super) fn report_conflicts(&mut self, conflicts: Vec<String>, ptr: &str) {
        for c in conflicts {
            self.warn(
                &pointer_join(ptr, &["properties", &c]),
                format!("allOf members disagree on property `{c}`; the last definition is used"),
            );
        }
    }
}
