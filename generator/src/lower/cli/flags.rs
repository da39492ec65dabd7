//! One command's flags, decided from its operation's builder inputs.
//!
//! Rules (each flag's name claimed in this order, so a name is never taken twice):
//! - one flag per input, in kebab-case of the wire name (`--expires-in-days`; `applications[]`
//!   is `--applications`). A parameter whose name a global flag takes is prefixed by its
//!   location (`--query-format`); a body field whose name is taken (by a global flag or a
//!   parameter) is prefixed `body-` (`--body-limit`); then numbers (`-2`);
//! - a list is one flag given once per item; an enum lists its values; a date-time is RFC
//!   3339; an object, a union or free-form JSON takes JSON (or YAML, or `@file`);
//! - a body field that is an object also has dotted flags for its fields
//!   (`--data-retention.unit`), two levels down at most; constants inside are filled in;
//! - a nullable body field also has `--<flag>-null`, which sends an explicit `null`;
//! - the last path parameter is also the command's positional argument.

use super::{claim, holds_secret, GLOBAL_FLAGS};
use crate::ir::{
    Api, CliBody, CliCommand, CliFlag, CliKind, CliOutput, CliTake, CliTarget, Doc, Field,
    InputRole, InputTarget, Operation, ParamLocation, Presence, ResponseKind, Success, Ty, TypeId,
    TypeKind,
};
use crate::naming::{self, Scope};

/// Levels of dotted flags below a body field (`a.b.c`).
const MAX_DOTTED_DEPTH: usize = 2;
/// Deepest nesting searched for constants to fill in.
const MAX_CONSTANT_DEPTH: usize = 6;

/// The command for operation `o`, named `name`.
/// `holders`: [`super::secret_holders`].
pub(super) fn command(api: &Api, holders: &[bool], o: usize, name: String) -> CliCommand {
    let op = &api.operations[o];
    let mut names = Scope::with_reserved(GLOBAL_FLAGS);
    let fields = api.body_fields(op);
    let mut primary = primary_names(api, op, &mut names);
    primary.sort();
    let slots: Vec<(usize, String)> = primary
        .iter()
        .filter_map(|(i, name)| match op.inputs[*i].target {
            InputTarget::Param(p) => Some((p, name.clone())),
            _ => None,
        })
        .collect();
    let positional = positional_param(op);
    let mut flags = Vec::new();
    let mut nulls = Vec::new();
    for (i, name) in primary {
        let input = &op.inputs[i];
        let required = input.role == InputRole::Argument;
        match input.target {
            InputTarget::Param(p) => {
                let (kind, repeat, values) = kind_of(api, &op.params[p].ty);
                flags.push(CliFlag {
                    help: help(&input.doc),
                    kind,
                    target: CliTarget::Param,
                    repeat,
                    required,
                    positional: positional == Some(p),
                    values,
                    name,
                });
            }
            InputTarget::BodyField(f) => {
                let field = &fields[f];
                let path = vec![field.wire_name.clone()];
                let nullable = matches!(
                    field.presence,
                    Presence::OptionalNullable | Presence::RequiredNullable
                );
                if nullable {
                    nulls.push((flags.len() + 1, name.clone(), path.clone()));
                }
                field_flags(
                    api, &mut flags, &mut names, name, path, field, &input.doc, required, 0,
                );
            }
            InputTarget::Body => {}
        }
    }
    // Each null switch right after its flag (inserted from the back, so indices hold).
    for (at, name, path) in nulls.into_iter().rev() {
        let null = CliFlag {
            name: claim(&mut names, &format!("{name}-null")),
            help: format!("Sends `{}` as null", path.join(".")),
            kind: CliKind::Null,
            target: CliTarget::Field(path),
            repeat: false,
            required: false,
            positional: false,
            values: Vec::new(),
        };
        flags.insert(at.min(flags.len()), null);
    }
    finish(api, holders, (o, op), name, flags, &slots)
}

/// The primary flag of each parameter and body field input: (input index, name).
/// Parameters claim first, so every input keeps its plain name when it can.
fn primary_names(api: &Api, op: &Operation, names: &mut Scope) -> Vec<(usize, String)> {
    let fields = api.body_fields(op);
    let mut primary: Vec<(usize, String)> = Vec::new();
    for (i, input) in op.inputs.iter().enumerate() {
        if let InputTarget::Param(p) = input.target {
            let param = &op.params[p];
            let base = naming::kebab_name(&param.wire_name);
            let name = if names.is_taken(&base) {
                let at = match param.location {
                    ParamLocation::Path => "path",
                    ParamLocation::Query => "query",
                    ParamLocation::Header => "header",
                    ParamLocation::Cookie => "cookie",
                };
                claim(names, &format!("{at}-{base}"))
            } else {
                claim(names, &base)
            };
            primary.push((i, name));
        }
    }
    for (i, input) in op.inputs.iter().enumerate() {
        if let InputTarget::BodyField(f) = input.target {
            let base = naming::kebab_name(&fields[f].wire_name);
            let name = if names.is_taken(&base) {
                claim(names, &format!("body-{base}"))
            } else {
                claim(names, &base)
            };
            primary.push((i, name));
        }
    }
    primary
}

/// The rest of the command: body, constants, takes, output and texts.
fn finish(
    api: &Api,
    holders: &[bool],
    (o, op): (usize, &Operation),
    name: String,
    flags: Vec<CliFlag>,
    slots: &[(usize, String)],
) -> CliCommand {
    let fields = api.body_fields(op);
    let body = match &op.body {
        None => CliBody::None,
        Some(b) if b.flatten.is_some() => CliBody::Fields,
        Some(b) => match b.kind {
            crate::ir::BodyKind::Bytes => CliBody::Bytes,
            crate::ir::BodyKind::Text => CliBody::Text,
            _ => CliBody::Json,
        },
    };
    let mut constants = Vec::new();
    for f in fields.iter().filter(|f| f.constant.is_none()) {
        let path = vec![f.wire_name.clone()];
        collect_constants(api, &f.ty, path, 0, &mut constants);
    }
    let takes = op
        .inputs
        .iter()
        .map(|input| match input.target {
            InputTarget::Param(p) => {
                let slot = slots.iter().find(|(q, _)| *q == p).map(|(_, s)| s.clone());
                CliTake::Param(slot.unwrap_or_default())
            }
            InputTarget::BodyField(f) => CliTake::Field(fields[f].wire_name.clone()),
            InputTarget::Body => CliTake::Body,
        })
        .collect();
    let (output, reveal) = output_of(holders, op);
    let (about, long_about) = texts(op);
    CliCommand {
        name,
        operation: o,
        about,
        long_about,
        flags,
        body,
        constants,
        ignored: fields
            .iter()
            .filter(|f| f.constant.is_some())
            .map(|f| f.wire_name.clone())
            .collect(),
        takes,
        output,
        reveal,
    }
}

/// The flag of a body field (or of a field below one), then its dotted flags.
#[allow(clippy::too_many_arguments)]
fn field_flags(
    api: &Api,
    flags: &mut Vec<CliFlag>,
    names: &mut Scope,
    name: String,
    path: Vec<String>,
    field: &Field,
    doc: &Doc,
    required: bool,
    depth: usize,
) {
    let (kind, repeat, values) = kind_of(api, &field.ty);
    let children = match (kind, struct_of(api, &field.ty)) {
        (CliKind::Json, Some(id)) if !repeat && depth < MAX_DOTTED_DEPTH => Some(id),
        _ => None,
    };
    flags.push(CliFlag {
        name: name.clone(),
        help: help(doc),
        kind,
        target: CliTarget::Field(path.clone()),
        repeat,
        required,
        positional: false,
        values,
    });
    let Some(TypeKind::Struct { fields, .. }) = children.map(|id| &api.ty(id).kind) else {
        return;
    };
    for child in fields.iter().filter(|f| f.constant.is_none()) {
        let child_name = claim(
            names,
            &format!("{name}.{}", naming::kebab_name(&child.wire_name)),
        );
        let mut child_path = path.clone();
        child_path.push(child.wire_name.clone());
        let doc = fallback_doc(&child.doc, &child.wire_name);
        field_flags(
            api,
            flags,
            names,
            child_name,
            child_path,
            child,
            &doc,
            false,
            depth + 1,
        );
    }
}

fn fallback_doc(doc: &Doc, wire: &str) -> Doc {
    if doc.summary.is_none() && doc.description.is_none() {
        Doc {
            summary: Some(format!("Sets `{wire}`.")),
            ..Doc::default()
        }
    } else {
        doc.clone()
    }
}

/// The struct a value of `ty` is (through options, boxes and aliases).
fn struct_of(api: &Api, ty: &Ty) -> Option<TypeId> {
    match ty {
        Ty::Option(inner) | Ty::Boxed(inner) => struct_of(api, inner),
        Ty::Named(id) => match &api.ty(*id).kind {
            TypeKind::Struct { .. } => Some(*id),
            TypeKind::Alias(inner) => struct_of(api, inner),
            _ => None,
        },
        _ => None,
    }
}

/// How a flag of type `ty` is read: its kind, whether it repeats, an enum's values.
fn kind_of(api: &Api, ty: &Ty) -> (CliKind, bool, Vec<String>) {
    match ty {
        Ty::Option(inner) | Ty::Boxed(inner) => kind_of(api, inner),
        Ty::Vec(item) => match kind_of(api, item) {
            (kind, false, values) => (kind, true, values),
            _ => (CliKind::Json, false, Vec::new()),
        },
        Ty::Bool => (CliKind::Boolean, false, Vec::new()),
        Ty::Int(_) => (CliKind::Integer, false, Vec::new()),
        Ty::Float => (CliKind::Number, false, Vec::new()),
        Ty::String | Ty::Secret => (CliKind::String, false, Vec::new()),
        Ty::DateTime => (CliKind::DateTime, false, Vec::new()),
        Ty::Date => (CliKind::Date, false, Vec::new()),
        Ty::Bytes => (CliKind::File, false, Vec::new()),
        Ty::Json | Ty::Map(_) => (CliKind::Json, false, Vec::new()),
        Ty::Named(id) => match &api.ty(*id).kind {
            TypeKind::Enum { variants, .. } => (
                CliKind::String,
                false,
                variants.iter().map(|v| v.wire_value.clone()).collect(),
            ),
            TypeKind::Alias(inner) => kind_of(api, inner),
            _ => (CliKind::Json, false, Vec::new()),
        },
    }
}

/// Constant fields below a body field: (path, value), for the runtime to fill in.
fn collect_constants(
    api: &Api,
    ty: &Ty,
    path: Vec<String>,
    depth: usize,
    out: &mut Vec<(Vec<String>, serde_json::Value)>,
) {
    if depth >= MAX_CONSTANT_DEPTH {
        return;
    }
    let Some(TypeKind::Struct { fields, .. }) = struct_of(api, ty).map(|id| &api.ty(id).kind)
    else {
        return;
    };
    for f in fields {
        let mut at = path.clone();
        at.push(f.wire_name.clone());
        match &f.constant {
            Some(value) => out.push((at, value.clone())),
            None => collect_constants(api, &f.ty, at, depth + 1, out),
        }
    }
}

/// The required path parameter that comes last in the path: the item's id.
fn positional_param(op: &Operation) -> Option<usize> {
    op.params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.location == ParamLocation::Path && p.required)
        .max_by_key(|(_, p)| op.path.find(&format!("{{{}}}", p.wire_name)))
        .map(|(i, _)| i)
}

/// How the command prints, and whether its response holds a secret to show.
fn output_of(holders: &[bool], op: &Operation) -> (CliOutput, bool) {
    let reveal = |ty: &Ty| holds_secret(ty, holders);
    if let Some(p) = &op.pagination {
        return (CliOutput::Paged, reveal(&p.item_ty));
    }
    match &op.success {
        Success::One(r) => match (r.kind, &r.ty) {
            (ResponseKind::Json, Some(ty)) => (CliOutput::Value, reveal(ty)),
            (ResponseKind::Text, _) => (CliOutput::Text, false),
            (ResponseKind::Bytes, _) => (CliOutput::Bytes, false),
            _ => (CliOutput::Empty, false),
        },
        Success::ByStatus { type_id, .. } => (CliOutput::Value, reveal(&Ty::Named(*type_id))),
    }
}

/// One line of help: the summary, else the description, whitespace collapsed.
fn help(doc: &Doc) -> String {
    let text = doc
        .summary
        .as_deref()
        .or(doc.description.as_deref())
        .unwrap_or("");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The command's `about` (one line) and `long_about` (everything the spec says, then the
/// method and path).
fn texts(op: &Operation) -> (String, String) {
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let summary = op.doc.summary.as_deref().map(collapse);
    let description = op
        .doc
        .description
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    let endpoint = format!("{} {}", op.method.as_str(), op.path);
    let about = summary.clone().unwrap_or_else(|| match description {
        Some(d) => collapse(d.split(". ").next().unwrap_or(d)),
        None => endpoint.clone(),
    });
    let mut long = Vec::new();
    long.extend(summary);
    long.extend(description.map(str::to_owned));
    if op.deprecated {
        long.push("Deprecated.".into());
    }
    long.push(endpoint);
    (about, long.join("\n\n"))
}
