//! Comparison of operations, matched by HTTP method and path (parameter names aside), then
//! by Rust name for those whose path changed: their Rust names and builders, parameters
//! (path ones by position, others by location and wire name) and builder inputs. Bodies,
//! responses and security are in [`super::exchange`].

use super::change::{Severity, Side};
use super::ctx::{builder_item, method_item, At, Ctx, Finding};
use crate::ir::{Api, InputRole, InputTarget, Operation, Param, ParamLocation};
use std::collections::BTreeMap;

use Severity::{Additive, Breaking, Compatible};

/// `GET /a/{}/b`: what identifies an operation on the wire.
fn wire_key(op: &Operation) -> String {
    let shape: Vec<&str> = op
        .path
        .split('/')
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') {
                "{}"
            } else {
                s
            }
        })
        .collect();
    format!("{} {}", op.method.as_str(), shape.join("/"))
}

/// `admin.workspaces.create`: what identifies an operation in Rust.
fn rust_key(api: &Api, op: &Operation) -> String {
    let r = &api.resources[op.resource];
    format!("{}.{}", r.path.join("."), op.rust_method)
}

pub(crate) fn compare_operations(cx: &mut Ctx) {
    let index = |api: &'_ Api| -> BTreeMap<String, usize> {
        api.operations
            .iter()
            .enumerate()
            .map(|(i, op)| (wire_key(op), i))
            .collect()
    };
    let (old, new) = (index(cx.old), index(cx.new));
    let mut unmatched_old: Vec<usize> = Vec::new();
    for (key, &o) in &old {
        match new.get(key) {
            Some(&n) => compare_op(cx, o, n),
            None => unmatched_old.push(o),
        }
    }
    let mut unmatched_new: Vec<usize> = new
        .iter()
        .filter(|(k, _)| !old.contains_key(*k))
        .map(|(_, &n)| n)
        .collect();
    for o in unmatched_old {
        let key = rust_key(cx.old, &cx.old.operations[o]);
        match unmatched_new
            .iter()
            .position(|&n| rust_key(cx.new, &cx.new.operations[n]) == key)
        {
            Some(i) => {
                let n = unmatched_new.remove(i);
                path_changed(cx, o, n);
                compare_op(cx, o, n);
            }
            None => {
                let op = &cx.old.operations[o];
                let message = format!("operation `{} {}` was removed", op.method.as_str(), op.path);
                let item = method_item(cx.old, op);
                cx.push(
                    ("operation-removed", Breaking, message),
                    Side::Both,
                    item,
                    At::old(&op.pointer),
                );
            }
        }
    }
    for n in unmatched_new {
        let op = &cx.new.operations[n];
        let message = format!("new operation `{} {}`", op.method.as_str(), op.path);
        let item = method_item(cx.new, op);
        cx.push(
            ("operation-added", Additive, message),
            Side::Both,
            item,
            At::new(&op.pointer),
        );
    }
}

fn path_changed(cx: &mut Ctx, o: usize, n: usize) {
    let (oo, no) = (&cx.old.operations[o], &cx.new.operations[n]);
    let message = format!(
        "now calls `{} {}` instead of `{} {}`: old clients call an endpoint that is gone",
        no.method.as_str(),
        no.path,
        oo.method.as_str(),
        oo.path
    );
    let item = method_item(cx.new, no);
    cx.push(
        ("operation-path-changed", Breaking, message),
        Side::Both,
        item,
        At::both(&oo.pointer, &no.pointer),
    );
}

fn compare_op(cx: &mut Ctx, o: usize, n: usize) {
    let (oo, no) = (&cx.old.operations[o], &cx.new.operations[n]);
    let item = method_item(cx.new, no);
    let at = || At::both(&oo.pointer, &no.pointer);
    let (old_item, new_item) = (method_item(cx.old, oo), item.clone());
    if old_item != new_item {
        let message = format!("the method `{old_item}` is now `{new_item}`");
        cx.push(
            ("operation-renamed", Breaking, message),
            Side::Both,
            old_item,
            at(),
        );
    }
    let (old_builder, new_builder) = (builder_item(cx.old, oo), builder_item(cx.new, no));
    if old_builder != new_builder {
        let message = format!("the request builder `{old_builder}` is now `{new_builder}`");
        cx.push(
            ("builder-renamed", Breaking, message),
            Side::Request,
            old_builder,
            at(),
        );
    }
    super::types::deprecation(cx, oo.deprecated, no.deprecated, Side::Both, &item, at());
    if (&oo.doc.summary, &oo.doc.description) != (&no.doc.summary, &no.doc.description) {
        let message = "documentation of the operation changed".to_owned();
        cx.push(
            ("doc-changed", Compatible, message),
            Side::Both,
            item.clone(),
            at(),
        );
    }
    compare_params(cx, oo, no);
    compare_inputs(cx, oo, no);
    super::exchange::compare_exchange(cx, oo, no);
}

/// Path parameters by position, the others by location and wire name.
fn param_key(op: &Operation, i: usize) -> String {
    let p = &op.params[i];
    if p.location == ParamLocation::Path {
        let pos = op.params[..i]
            .iter()
            .filter(|q| q.location == ParamLocation::Path)
            .count();
        format!("path#{pos}")
    } else {
        format!("{:?}:{}", p.location, p.wire_name).to_lowercase()
    }
}

/// Where a parameter shows in Rust: the method (an argument) or the builder's setter.
fn param_item(api: &Api, op: &Operation, p: &Param) -> String {
    if p.required {
        method_item(api, op)
    } else {
        format!(
            "{}::{}",
            builder_item(api, op),
            crate::naming::unraw(&p.rust_name)
        )
    }
}

fn compare_params(cx: &mut Ctx, oo: &Operation, no: &Operation) {
    let new_keys: Vec<String> = (0..no.params.len()).map(|i| param_key(no, i)).collect();
    let mut seen = vec![false; no.params.len()];
    for (i, op_) in oo.params.iter().enumerate() {
        let key = param_key(oo, i);
        match new_keys.iter().position(|k| *k == key) {
            Some(j) => {
                seen[j] = true;
                compare_param(cx, op_, (no, &no.params[j]));
            }
            None => {
                let message = format!(
                    "parameter `{}` ({:?}) was removed: its {} is gone",
                    op_.wire_name,
                    op_.location,
                    if op_.required { "argument" } else { "setter" }
                )
                .to_lowercase();
                let item = param_item(cx.old, oo, op_);
                cx.push(
                    ("param-removed", Breaking, message),
                    Side::Request,
                    item,
                    At::old(&op_.pointer),
                );
            }
        }
    }
    for (_, np) in no.params.iter().enumerate().filter(|(j, _)| !seen[*j]) {
        let finding = if np.required {
            (
                "param-added-required",
                Breaking,
                format!("new required parameter `{}`: a new method argument, and old clients do not send it", np.wire_name),
            )
        } else {
            (
                "param-added-optional",
                Additive,
                format!("new optional parameter `{}` (a new setter)", np.wire_name),
            )
        };
        let item = param_item(cx.new, no, np);
        cx.push(finding, Side::Request, item, At::new(&np.pointer));
    }
}

fn compare_param(cx: &mut Ctx, op_: &Param, (no, np): (&Operation, &Param)) {
    let item = param_item(cx.new, no, np);
    let at = || At::both(&op_.pointer, &np.pointer);
    let name = &np.wire_name;
    if op_.wire_name != np.wire_name {
        let message = format!(
            "path parameter `{}` is now `{}`: same position in the path, so the URL and the positional argument are unchanged",
            op_.wire_name, np.wire_name
        );
        cx.push(
            ("path-param-renamed", Compatible, message),
            Side::Request,
            item.clone(),
            at(),
        );
    }
    if op_.required != np.required {
        cx.push(
            param_required(name, np.required),
            Side::Request,
            item.clone(),
            at(),
        );
    }
    if !cx.same_ty(&op_.ty, &np.ty) {
        let message = format!(
            "parameter `{name}` is now `{}` instead of `{}`",
            cx.show_new(&np.ty),
            cx.show_old(&op_.ty)
        );
        cx.push(
            ("param-type-changed", Breaking, message),
            Side::Request,
            item.clone(),
            at(),
        );
    }
    if op_.style != np.style {
        let message = format!(
            "parameter `{name}` is now serialised {:?} instead of {:?}: old clients send the old form",
            np.style, op_.style
        );
        cx.push(
            ("param-style-changed", Breaking, message),
            Side::Request,
            item.clone(),
            at(),
        );
    }
    super::fields::constraints(
        cx,
        (&op_.constraints, &np.constraints),
        Side::Request,
        &item,
        at,
    );
    super::fields::default(cx, (&op_.default, &np.default), Side::Request, &item, at());
    super::types::deprecation(
        cx,
        op_.deprecated,
        np.deprecated,
        Side::Request,
        &item,
        at(),
    );
    if (&op_.doc.summary, &op_.doc.description) != (&np.doc.summary, &np.doc.description) {
        let message = format!("documentation of parameter `{name}` changed");
        cx.push(
            ("doc-changed", Compatible, message),
            Side::Request,
            item,
            at(),
        );
    }
}

/// The finding a change of a parameter's required-ness gives.
fn param_required(name: &str, now_required: bool) -> Finding {
    if now_required {
        (
            "param-made-required",
            Breaking,
            format!("parameter `{name}` is now required: it becomes a method argument, and old clients that omit it are rejected"),
        )
    } else {
        (
            "param-made-optional",
            Breaking,
            format!(
                "parameter `{name}` is now optional: the method loses the argument (now a setter)"
            ),
        )
    }
}

/// What an input feeds, identified across versions.
fn input_key(api: &Api, op: &Operation, target: InputTarget) -> String {
    match target {
        InputTarget::Param(i) => param_key(op, i),
        InputTarget::BodyField(i) => match api.body_fields(op).get(i) {
            Some(f) => format!("field:{}", f.wire_name),
            None => format!("field#{i}"),
        },
        InputTarget::Body => "body".to_owned(),
    }
}

fn keyed<'o>(api: &Api, op: &'o Operation) -> Vec<(String, &'o crate::ir::Input)> {
    op.inputs
        .iter()
        .map(|i| (input_key(api, op, i.target), i))
        .collect()
}

/// Builder inputs: renamed setters (breaking) and arguments (compatible: they are
/// positional), and arguments that changed places. Inputs added, removed or moved between
/// argument and setter are reported with the parameter or field behind them.
fn compare_inputs(cx: &mut Ctx, oo: &Operation, no: &Operation) {
    let (old, new) = (keyed(cx.old, oo), keyed(cx.new, no));
    let at = || At::both(&oo.pointer, &no.pointer);
    let builder = builder_item(cx.new, no);
    for (key, oi) in &old {
        let Some((_, ni)) = new.iter().find(|(k, _)| k == key) else {
            continue;
        };
        if oi.role != ni.role || key.starts_with("path#") {
            continue;
        }
        if oi.rust_name != ni.rust_name {
            let (finding, item) = if ni.role == InputRole::Setter {
                (
                    (
                        "setter-renamed",
                        Breaking,
                        format!("setter `{}` is now `{}`", oi.rust_name, ni.rust_name),
                    ),
                    format!("{builder}::{}", crate::naming::unraw(&oi.rust_name)),
                )
            } else {
                (
                    (
                        "argument-renamed",
                        Compatible,
                        format!(
                            "argument `{}` is now `{}` (same position)",
                            oi.rust_name, ni.rust_name
                        ),
                    ),
                    method_item(cx.new, no),
                )
            };
            cx.push(finding, Side::Request, item, at());
        }
        if let (Some(a), Some(b)) = (&oi.null_setter, &ni.null_setter) {
            if a != b {
                let message = format!("setter `{a}` is now `{b}`");
                cx.push(
                    ("setter-renamed", Breaking, message),
                    Side::Request,
                    format!("{builder}::{a}"),
                    at(),
                );
            }
        }
    }
    let args =
        |v: &[(String, &crate::ir::Input)], other: &[(String, &crate::ir::Input)]| -> Vec<String> {
            v.iter()
                .filter(|(k, i)| {
                    i.role == InputRole::Argument
                        && other
                            .iter()
                            .any(|(o, oi)| o == k && oi.role == InputRole::Argument)
                })
                .map(|(k, _)| k.clone())
                .collect()
        };
    if args(&old, &new) != args(&new, &old) {
        let message = "the method's arguments changed order: positional calls pass values to the wrong inputs".to_owned();
        cx.push(
            ("argument-order-changed", Breaking, message),
            Side::Request,
            method_item(cx.new, no),
            at(),
        );
    }
}
