//! The pass that decides each request builder's inputs: which values are method arguments
//! and which are setters, their final names, and where each value goes.
//!
//! Rules (in order):
//! - parameters first, in the operation's order: required ones are arguments, optional ones
//!   setters, named as lowering named the parameter;
//! - then, for a body that is a struct, one input per field (constants excluded, the SDK
//!   fills them in): required fields are arguments, optional ones setters. A field whose
//!   name is taken (by a parameter or by the builder's own methods such as `timeout`) is
//!   renamed `body_<name>` (then numbered), so one new field never reshapes the operation;
//! - an optional nullable field also gets `<name>_null`, which sends an explicit `null`;
//! - any other body is one input named `body`.

use super::operation::BUILDER_RESERVED;
use crate::ir::{
    Accept, Api, Doc, Field, Input, InputRole, InputTarget, Operation, Presence, Ty, TypeKind,
};
use crate::naming::{self, Scope};

/// Fills `inputs` of every operation. Runs after the type passes, so field types are final.
pub fn decide_inputs(api: &mut Api) {
    for i in 0..api.operations.len() {
        let inputs = inputs_of(api, &api.operations[i]);
        api.operations[i].inputs = inputs;
    }
}

fn role(required: bool) -> InputRole {
    if required {
        InputRole::Argument
    } else {
        InputRole::Setter
    }
}

fn inputs_of(api: &Api, op: &Operation) -> Vec<Input> {
    let mut names = Scope::with_reserved(BUILDER_RESERVED);
    let mut inputs = Vec::new();
    for (i, p) in op.params.iter().enumerate() {
        names.claim(&p.rust_name);
        let doc = if p.doc.is_blank() {
            Doc {
                summary: Some(format!("Sets the `{}` parameter.", p.wire_name)),
                ..p.doc.clone()
            }
        } else {
            p.doc.clone()
        };
        inputs.push(Input {
            rust_name: p.rust_name.clone(),
            role: role(p.required),
            target: InputTarget::Param(i),
            ty: p.ty.clone(),
            accept: Accept::for_ty(&p.ty),
            null_setter: None,
            doc,
            deprecated: p.deprecated,
        });
    }
    let Some(body) = &op.body else {
        return order(inputs);
    };
    let fields = match body.flatten.map(|id| &api.ty(id).kind) {
        Some(TypeKind::Struct { fields, .. }) => fields,
        _ => {
            inputs.push(Input {
                rust_name: "body".into(),
                role: role(body.required),
                target: InputTarget::Body,
                ty: body.ty.clone(),
                accept: Accept::for_ty(&body.ty),
                null_setter: None,
                doc: Doc {
                    summary: Some("Sets the request body.".into()),
                    ..Doc::default()
                },
                deprecated: false,
            });
            return order(inputs);
        }
    };
    for (i, f) in fields.iter().enumerate() {
        if f.constant.is_none() {
            inputs.push(field_input(&mut names, i, f));
        }
    }
    order(inputs)
}

fn field_input(names: &mut Scope, index: usize, f: &Field) -> Input {
    let base = naming::unraw(&f.rust_name);
    let rust_name = if names.is_taken(base) {
        names.claim(&naming::snake_name(&format!("body_{base}")))
    } else {
        names.claim(&f.rust_name)
    };
    let null_setter = (f.presence == Presence::OptionalNullable).then(|| {
        let name = format!("{}_null", naming::unraw(&rust_name));
        names.claim(&name)
    });
    let (ty, accept) = match f.presence {
        Presence::RequiredNullable => (Ty::Option(Box::new(f.ty.clone())), Accept::Value),
        _ => (f.ty.clone(), Accept::for_ty(&f.ty)),
    };
    let mut doc = f.doc.clone();
    if doc.is_blank() {
        doc.summary = Some(format!("Sets the body's `{}` field.", f.wire_name));
    }
    Input {
        rust_name,
        role: role(matches!(
            f.presence,
            Presence::Required | Presence::RequiredNullable
        )),
        target: InputTarget::BodyField(index),
        ty,
        accept,
        null_setter,
        doc,
        deprecated: f.deprecated,
    }
}

/// Arguments first (stable: in the order decided above), then setters.
fn order(mut inputs: Vec<Input>) -> Vec<Input> {
    inputs.sort_by_key(|i| i.role == InputRole::Setter);
    inputs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Body, BodyKind, Method, Param, ParamLocation, QueryStyle, Success, TypeDef};

    fn field(name: &str, presence: Presence) -> Field {
        Field::new(&naming::snake_name(name), name, Ty::String, presence)
    }

    fn api(params: &[(&str, bool)], fields: Vec<Field>) -> Api {
        let body_type = TypeDef::new(
            "Body",
            "",
            TypeKind::Struct {
                fields,
                extra: None,
            },
        );
        let params = params
            .iter()
            .map(|(n, required)| Param {
                rust_name: naming::snake_name(n),
                wire_name: (*n).into(),
                location: ParamLocation::Query,
                ty: Ty::String,
                required: *required,
                style: QueryStyle::FormExploded,
                doc: Doc::default(),
                deprecated: false,
                constraints: Default::default(),
                validates_inner: false,
                default: None,
                pointer: String::new(),
            })
            .collect();
        let op = Operation {
            method: Method::Post,
            path: "/things".into(),
            resource: 0,
            rust_method: "create".into(),
            builder_name: "ThingsCreate".into(),
            doc: Doc::default(),
            deprecated: false,
            params,
            body: Some(Body {
                kind: BodyKind::Json,
                content_type: "application/json".into(),
                ty: Ty::Named(crate::ir::TypeId(0)),
                required: true,
                flatten: Some(crate::ir::TypeId(0)),
                validates: false,
                media_types: vec!["application/json".into()],
                pointer: String::new(),
            }),
            inputs: Vec::new(),
            ordered: Vec::new(),
            success: Success::One(crate::ir::Response {
                kind: crate::ir::ResponseKind::Empty,
                ty: None,
            }),
            pagination: None,
            uses_deprecated: false,
            pointer: String::new(),
            responses: Vec::new(),
            security: Default::default(),
        };
        Api {
            types: vec![body_type],
            operations: vec![op],
            ..Api::default()
        }
    }

    fn names(api: &Api) -> Vec<(String, InputRole)> {
        inputs_of(api, &api.operations[0])
            .into_iter()
            .flat_map(|i| {
                let null = i.null_setter.clone().map(|n| (n, i.role));
                std::iter::once((i.rust_name, i.role)).chain(null)
            })
            .collect()
    }

    #[test]
    fn colliding_body_fields_are_renamed_not_collapsed() {
        use InputRole::{Argument as A, Setter as S};
        let api = api(
            &[("name", true), ("limit", false)],
            vec![
                field("name", Presence::Required),
                field("timeout", Presence::Optional),
                field("header", Presence::OptionalNullable),
                field("note", Presence::OptionalNullable),
                field("note_null", Presence::Optional),
            ],
        );
        let expected = [
            ("name", A),
            ("body_name", A),
            ("limit", S),
            ("body_timeout", S),
            ("body_header", S),
            ("body_header_null", S),
            ("note", S),
            ("note_null", S),
            ("body_note_null", S),
        ];
        let expected: Vec<(String, InputRole)> =
            expected.iter().map(|(n, r)| ((*n).into(), *r)).collect();
        assert_eq!(names(&api), expected);
    }

    #[test]
    fn a_new_field_never_renames_old_inputs() {
        let before = names(&api(&[], vec![field("name", Presence::Required)]));
        let after = names(&api(
            &[],
            vec![
                field("name", Presence::Required),
                field("options", Presence::Optional),
            ],
        ));
        assert!(before.iter().all(|b| after.contains(b)), "{after:?}");
    }
}
