//! What an operation sends and receives: the request body (presence, type, media types),
//! the return type of `send`, the declared statuses and their media types, pagination,
//! and the security requirement.

use super::change::{Severity, Side};
use super::ctx::{builder_item, method_item, show, At, Ctx};
use crate::ir::{Api, Body, InputRole, InputTarget, Operation, ResponseKind, StatusMatch, Success};

use Severity::{Additive, Breaking, Compatible};

pub(crate) fn compare_exchange(cx: &mut Ctx, oo: &Operation, no: &Operation) {
    compare_body(cx, oo, no);
    compare_returns(cx, oo, no);
    compare_statuses(cx, oo, no);
    compare_security(cx, oo, no);
}

fn body_args(op: &Operation) -> bool {
    op.inputs.iter().any(|i| {
        i.role == InputRole::Argument
            && matches!(i.target, InputTarget::Body | InputTarget::BodyField(_))
    })
}

fn compare_body(cx: &mut Ctx, oo: &Operation, no: &Operation) {
    let item = method_item(cx.new, no);
    match (&oo.body, &no.body) {
        (None, None) => {}
        (None, Some(b)) => {
            let finding = if body_args(no) || b.required {
                ("request-body-added", Breaking, "the operation now takes a required body: new arguments, and old clients send none".to_owned())
            } else {
                (
                    "request-body-added",
                    Additive,
                    "the operation now takes an optional body (new setters)".to_owned(),
                )
            };
            cx.push(finding, Side::Request, item, At::new(&b.pointer));
        }
        (Some(b), None) => {
            let message =
                "the operation no longer takes a body: its arguments and setters are gone"
                    .to_owned();
            cx.push(
                ("request-body-removed", Breaking, message),
                Side::Request,
                item,
                At::old(&b.pointer),
            );
        }
        (Some(a), Some(b)) => compare_bodies(cx, (oo, a), (no, b), &item),
    }
}

fn compare_bodies(
    cx: &mut Ctx,
    (oo, a): (&Operation, &Body),
    (no, b): (&Operation, &Body),
    item: &str,
) {
    let at = || At::both(&a.pointer, &b.pointer);
    let push = |cx: &mut Ctx, kind, sev, message: String| {
        cx.push((kind, sev, message), Side::Request, item.to_owned(), at());
    };
    if !a.required && b.required {
        push(
            cx,
            "request-body-made-required",
            Breaking,
            "the body is now required: old clients that send none are rejected".into(),
        );
    }
    if a.required && !b.required {
        let role = |op: &Operation| {
            op.inputs
                .iter()
                .find(|i| i.target == InputTarget::Body)
                .map(|i| i.role)
        };
        let severity = if role(oo) != role(no) {
            Breaking
        } else {
            Compatible
        };
        push(
            cx,
            "request-body-made-optional",
            severity,
            "the body is now optional".into(),
        );
    }
    if !cx.same_ty(&a.ty, &b.ty) {
        let message = format!(
            "the body is now `{}` instead of `{}`",
            cx.show_new(&b.ty),
            cx.show_old(&a.ty)
        );
        push(cx, "request-body-type-changed", Breaking, message);
    }
    for m in a.media_types.iter().filter(|m| !b.media_types.contains(m)) {
        let (severity, why) = if *m == a.content_type {
            (Breaking, "it is the one old clients send")
        } else {
            (Compatible, "the SDK did not send it")
        };
        push(
            cx,
            "request-media-type-removed",
            severity,
            format!("request media type `{m}` was removed; {why}"),
        );
    }
    for m in b.media_types.iter().filter(|m| !a.media_types.contains(m)) {
        push(
            cx,
            "request-media-type-added",
            Compatible,
            format!("request media type `{m}` is now accepted"),
        );
    }
    if a.content_type != b.content_type && b.media_types.contains(&a.content_type) {
        let message = format!(
            "the SDK now sends `{}` instead of `{}` (both accepted)",
            b.content_type, a.content_type
        );
        push(cx, "request-content-type-changed", Compatible, message);
    }
}

/// The Rust return type of `send`.
fn returns(
    api: &Api,
    op: &Operation,
    rename: Option<&std::collections::HashMap<String, String>>,
) -> String {
    if let Some(p) = &op.pagination {
        return format!(
            "Page<{}>",
            show(api, &crate::ir::Ty::Named(p.page_type), rename)
        );
    }
    match &op.success {
        Success::One(r) => match (r.kind, &r.ty) {
            (ResponseKind::Empty, _) => "()".to_owned(),
            (_, Some(t)) => show(api, t, rename),
            (_, None) => "serde_json::Value".to_owned(),
        },
        Success::ByStatus { type_id, .. } => show(api, &crate::ir::Ty::Named(*type_id), rename),
    }
}

fn compare_returns(cx: &mut Ctx, oo: &Operation, no: &Operation) {
    let old = returns(cx.old, oo, Some(&cx.renamed));
    let new = returns(cx.new, no, None);
    let item = format!("{}::send", builder_item(cx.new, no));
    let at = || At::both(&oo.pointer, &no.pointer);
    if old != new {
        let message = format!(
            "`send` now returns `{new}` instead of `{}`",
            returns(cx.old, oo, None)
        );
        cx.push(
            ("response-type-changed", Breaking, message),
            Side::Response,
            item,
            at(),
        );
    } else if oo.pagination.as_ref().map(|p| &p.style) != no.pagination.as_ref().map(|p| &p.style) {
        let message = "the pagination cursors changed; the page type is the same".to_owned();
        cx.push(
            ("pagination-changed", Compatible, message),
            Side::Response,
            item,
            at(),
        );
    }
}

fn status_word(s: StatusMatch) -> String {
    match s {
        StatusMatch::Code(c) => c.to_string(),
        StatusMatch::Range(r) => format!("{r}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

fn is_success(s: StatusMatch) -> bool {
    matches!(s, StatusMatch::Code(200..=299) | StatusMatch::Range(2))
}

/// Declared statuses and their media types. A status that changes what `send` returns is
/// reported there; here a status added or removed is compatible (errors are untyped, and a
/// success with the same body decodes as before).
fn compare_statuses(cx: &mut Ctx, oo: &Operation, no: &Operation) {
    let item = format!("{}::send", builder_item(cx.new, no));
    for r in &oo.responses {
        let status = status_word(r.status);
        let Some(n) = no.responses.iter().find(|n| n.status == r.status) else {
            let kind = if is_success(r.status) {
                "success-status-removed"
            } else {
                "error-status-removed"
            };
            let message = format!("status {status} is no longer declared");
            cx.push(
                (kind, Compatible, message),
                Side::Response,
                item.clone(),
                At::old(&r.pointer),
            );
            continue;
        };
        let at = || At::both(&r.pointer, &n.pointer);
        for m in r.media_types.iter().filter(|m| !n.media_types.contains(m)) {
            let (severity, why) = if r.read.as_ref() == Some(m) && n.read.as_ref() != Some(m) {
                (Breaking, "old clients read that one")
            } else {
                (Compatible, "the SDK did not read it")
            };
            let message = format!("status {status} no longer returns `{m}`; {why}");
            cx.push(
                ("response-media-type-removed", severity, message),
                Side::Response,
                item.clone(),
                at(),
            );
        }
        for m in n.media_types.iter().filter(|m| !r.media_types.contains(m)) {
            let message = format!("status {status} may now return `{m}`");
            cx.push(
                ("response-media-type-added", Compatible, message),
                Side::Response,
                item.clone(),
                at(),
            );
        }
    }
    for n in no
        .responses
        .iter()
        .filter(|n| !oo.responses.iter().any(|r| r.status == n.status))
    {
        let kind = if is_success(n.status) {
            "success-status-added"
        } else {
            "error-status-added"
        };
        let message = format!("status {} is now declared", status_word(n.status));
        cx.push(
            (kind, Compatible, message),
            Side::Response,
            item.clone(),
            At::new(&n.pointer),
        );
    }
}

fn show_alternatives(alts: &[Vec<String>]) -> String {
    let words: Vec<String> = alts
        .iter()
        .map(|a| {
            if a.is_empty() {
                "anonymous".to_owned()
            } else {
                a.join(" + ")
            }
        })
        .collect();
    words.join(" | ")
}

/// Security: breaking when a way to call the operation that worked is no longer listed.
fn compare_security(cx: &mut Ctx, oo: &Operation, no: &Operation) {
    let (a, b) = (&oo.security, &no.security);
    if a.alternatives == b.alternatives {
        return;
    }
    let lost = a
        .alternatives
        .iter()
        .any(|alt| !b.alternatives.contains(alt));
    let message = format!(
        "security changed from {} to {}",
        show_alternatives(&a.alternatives),
        show_alternatives(&b.alternatives)
    );
    let finding = if lost {
        (
            "security-tightened",
            Breaking,
            format!("{message}: old clients' credentials may be refused"),
        )
    } else {
        (
            "security-relaxed",
            Compatible,
            format!("{message}: every old way still works"),
        )
    };
    let item = method_item(cx.new, no);
    cx.push(
        finding,
        Side::Request,
        item,
        At::both(&a.pointer, &b.pointer),
    );
}
