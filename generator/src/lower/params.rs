//! Parameters of an operation: path-level ones overridden by operation-level ones with the
//! same name and location; path parameters first, in path order, then the rest in document
//! order; each with its location, style, type, constraints and docs.

use super::operation::{RawOp, BUILDER_RESERVED};
use super::routes::is_param;
use super::schema::{constraints_of_ref, doc_of};
use super::Lowerer;
use crate::diag::pointer_join;
use crate::ir::{Doc, Param, ParamLocation, QueryStyle, Ty};
use crate::naming::{self, Scope};
use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr};

/// The parameters of `raw`, named apart from the builder's own methods.
pub(super) fn lower_params<'a>(
    l: &mut Lowerer<'a>,
    raw: &RawOp<'a>,
    builder_name: &str,
) -> Vec<Param> {
    let op = &raw.op;
    let ptr = &raw.pointer;
    let mut names = Scope::with_reserved(BUILDER_RESERVED);
    // Parameters: path-level ones, overridden by operation-level ones with the same name+in.
    // Borrowed from the spec: a big API shares large parameters among many operations.
    let mut resolved: Vec<(&'a Parameter, String)> = Vec::new();
    for (i, p) in raw.path_params.iter().enumerate() {
        let at = format!("{}/parameters/{i}", pointer_join("/paths", &[&raw.path]));
        if let Some(r) = l.resolve_ref(p, &at) {
            resolved.push(r);
        }
    }
    for (i, p) in op.parameters.iter().enumerate() {
        let at = format!("{ptr}/parameters/{i}");
        if let Some((p, p_ptr)) = l.resolve_ref(p, &at) {
            let key = (&p.parameter_data_ref().name, std::mem::discriminant(p));
            resolved
                .retain(|(q, _)| (&q.parameter_data_ref().name, std::mem::discriminant(*q)) != key);
            resolved.push((p, p_ptr));
        }
    }
    // Path parameters first, in path order, then the rest in document order.
    let path_order: Vec<&str> = raw
        .path
        .split('/')
        .filter(|s| is_param(s))
        .map(|s| &s[1..s.len() - 1])
        .collect();
    resolved.sort_by_key(|(p, _)| match p {
        Parameter::Path { parameter_data, .. } => path_order
            .iter()
            .position(|n| *n == parameter_data.name)
            .unwrap_or(usize::MAX - 1),
        _ => usize::MAX,
    });
    resolved
        .into_iter()
        .map(|(p, p_ptr)| lower_param(l, p, p_ptr, builder_name, &mut names))
        .collect()
}

/// Where and how a parameter is sent.
fn location_and_style(p: &Parameter) -> (ParamLocation, QueryStyle) {
    match p {
        Parameter::Path { .. } => (ParamLocation::Path, QueryStyle::FormExploded),
        Parameter::Header { .. } => (ParamLocation::Header, QueryStyle::FormComma),
        Parameter::Cookie { .. } => (ParamLocation::Cookie, QueryStyle::FormComma),
        Parameter::Query {
            style,
            parameter_data,
            ..
        } => {
            let explode = parameter_data
                .explode
                .unwrap_or(matches!(style, openapiv3::QueryStyle::Form));
            let style = match style {
                openapiv3::QueryStyle::Form if explode => QueryStyle::FormExploded,
                openapiv3::QueryStyle::Form => QueryStyle::FormComma,
                openapiv3::QueryStyle::SpaceDelimited => QueryStyle::SpaceDelimited,
                openapiv3::QueryStyle::PipeDelimited => QueryStyle::PipeDelimited,
                openapiv3::QueryStyle::DeepObject => QueryStyle::DeepObject,
            };
            (ParamLocation::Query, style)
        }
    }
}

fn lower_param(
    l: &mut Lowerer,
    p: &Parameter,
    p_ptr: String,
    builder_name: &str,
    names: &mut Scope,
) -> Param {
    let (location, style) = location_and_style(p);
    let data = p.parameter_data_ref();
    let hint = format!("{builder_name} {}", data.name);
    let default = match &data.format {
        ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) => s.schema_data.default.clone(),
        _ => None,
    };
    let (ty, constraints, doc_schema) = match &data.format {
        ParameterSchemaOrContent::Schema(s) => {
            let (ty, _nullable) = l.lower_ref_or(s, &hint, &format!("{p_ptr}/schema"));
            let doc = match s {
                ReferenceOr::Item(s) => Some(doc_of(s)),
                ReferenceOr::Reference { .. } => None,
            };
            (ty, constraints_of_ref(s), doc)
        }
        ParameterSchemaOrContent::Content(c) => match c
            .iter()
            .next()
            .and_then(|(m, mt)| Some((m, mt.schema.as_ref()?)))
        {
            Some((media, s)) => {
                let (ty, _) = l.lower_ref_or(
                    s,
                    &hint,
                    &pointer_join(&p_ptr, &["content", media, "schema"]),
                );
                (ty, Default::default(), None)
            }
            None => (Ty::String, Default::default(), None),
        },
    };
    let mut doc = Doc {
        summary: None,
        description: data.description.clone(),
        notes: Vec::new(),
    };
    if let Some(d) = doc_schema {
        doc.notes = d.notes;
        if doc.description.is_none() {
            doc.description = d.description;
        }
    }
    let required = data.required || location == ParamLocation::Path;
    let constraints = constraints.fit(&ty);
    Param {
        rust_name: names.claim(&naming::snake_name(&data.name)),
        wire_name: data.name.clone(),
        location,
        ty,
        required,
        style,
        doc,
        deprecated: data.deprecated.unwrap_or(false),
        constraints,
        validates_inner: false,
        default,
        pointer: p_ptr,
    }
}
