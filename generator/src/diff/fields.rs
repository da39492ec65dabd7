//! Comparison of struct fields, matched by wire name: added, removed, renamed, retyped,
//! presence (required-ness and nullability, judged by side), constraints, defaults and
//! constants. The constraint and default rules serve parameters too.

use super::change::{Severity, Side};
use super::ctx::{At, Ctx};
use crate::ir::{Constraints, Field, Number, Presence, TypeDef, TypeKind};

use Severity::{Additive, Breaking, Compatible};

fn fields_of(t: &TypeDef) -> (&[Field], Option<&crate::ir::Ty>) {
    match &t.kind {
        TypeKind::Struct { fields, extra } => (fields, extra.as_ref()),
        _ => (&[], None),
    }
}

pub(crate) fn compare_struct(cx: &mut Ctx, (ot, nt): (&TypeDef, &TypeDef), side: Side, base: &str) {
    let (of, oe) = fields_of(ot);
    let (nf, ne) = fields_of(nt);
    for o in of {
        let item = format!("{base}::{}", crate::naming::unraw(&o.rust_name));
        match nf.iter().find(|n| n.wire_name == o.wire_name) {
            Some(n) => compare_field(cx, o, n, side, &item),
            None => {
                let message = format!(
                    "field `{}` was removed: code using it breaks{}",
                    o.wire_name,
                    if side.has_request() {
                        ", and the server no longer reads it"
                    } else {
                        ""
                    }
                );
                cx.push(
                    ("field-removed", Breaking, message),
                    side,
                    item,
                    At::old(&o.pointer),
                );
            }
        }
    }
    for n in nf
        .iter()
        .filter(|n| !of.iter().any(|o| o.wire_name == n.wire_name))
    {
        let item = format!("{base}::{}", crate::naming::unraw(&n.rust_name));
        let request = if required(n.presence) {
            (
                "request-field-added-required",
                Breaking,
                format!(
                    "new required field `{}`: old clients do not send it, and the constructor gains an argument",
                    n.wire_name
                ),
            )
        } else {
            (
                "request-field-added-optional",
                Additive,
                format!("new optional field `{}` (a new setter)", n.wire_name),
            )
        };
        let response = (
            "response-field-added",
            Additive,
            format!("new field `{}` in responses", n.wire_name),
        );
        cx.push_sided(
            side,
            Some(request),
            Some(response),
            item,
            At::new(&n.pointer),
        );
    }
    compare_extra(cx, (ot, nt), (oe, ne), side, base);
}

fn compare_extra(
    cx: &mut Ctx,
    (ot, nt): (&TypeDef, &TypeDef),
    (oe, ne): (Option<&crate::ir::Ty>, Option<&crate::ir::Ty>),
    side: Side,
    base: &str,
) {
    let ptr = |t: &TypeDef| format!("{}/additionalProperties", t.pointer);
    let item = format!("{base}::extra");
    let finding = match (oe, ne) {
        (None, Some(_)) => (
            "extra-added",
            Additive,
            "additional properties are now allowed (new `extra` field)".to_owned(),
        ),
        (Some(_), None) => (
            "extra-removed",
            Breaking,
            "additional properties are no longer allowed (`extra` field removed)".to_owned(),
        ),
        (Some(a), Some(b)) if !cx.same_ty(a, b) => (
            "extra-type-changed",
            Breaking,
            format!(
                "additional properties are now `{}` instead of `{}`",
                cx.show_new(b),
                cx.show_old(a)
            ),
        ),
        _ => return,
    };
    cx.push(finding, side, item, At::both(&ptr(ot), &ptr(nt)));
}

fn compare_field(cx: &mut Ctx, o: &Field, n: &Field, side: Side, item: &str) {
    let at = || At::both(&o.pointer, &n.pointer);
    let name = &n.wire_name;
    if o.rust_name != n.rust_name {
        let message = format!(
            "the Rust name of `{name}` is now `{}` (was `{}`)",
            n.rust_name, o.rust_name
        );
        cx.push(
            ("field-renamed", Breaking, message),
            side,
            item.to_owned(),
            at(),
        );
    }
    if !cx.same_ty(&o.ty, &n.ty) {
        let message = format!(
            "`{name}` is now `{}` instead of `{}`",
            cx.show_new(&n.ty),
            cx.show_old(&o.ty)
        );
        cx.push(
            ("field-type-changed", Breaking, message),
            side,
            item.to_owned(),
            at(),
        );
    }
    presence(
        cx,
        (o.presence, n.presence),
        side,
        &format!("`{name}`"),
        item,
        at,
    );
    constraints(cx, (&o.constraints, &n.constraints), side, item, at);
    default(cx, (&o.default, &n.default), side, item, at());
    if o.constant != n.constant {
        let message = format!(
            "the constant value of `{name}` changed from {} to {}",
            show_value(&o.constant),
            show_value(&n.constant)
        );
        cx.push(
            ("constant-changed", Breaking, message),
            side,
            item.to_owned(),
            at(),
        );
    }
    super::types::deprecation(cx, o.deprecated, n.deprecated, side, item, at());
    if (&o.doc.summary, &o.doc.description) != (&n.doc.summary, &n.doc.description) {
        let message = format!("documentation of `{name}` changed");
        cx.push(
            ("doc-changed", Compatible, message),
            side,
            item.to_owned(),
            at(),
        );
    }
}

fn required(p: Presence) -> bool {
    matches!(p, Presence::Required | Presence::RequiredNullable)
}

fn nullable(p: Presence) -> bool {
    matches!(p, Presence::RequiredNullable | Presence::OptionalNullable)
}

/// The Rust field type's wrapping: `T`, `Option<T>`, `Option<Option<T>>`.
fn wrapping(p: Presence) -> u8 {
    match p {
        Presence::Required => 0,
        Presence::Optional | Presence::RequiredNullable => 1,
        Presence::OptionalNullable => 2,
    }
}

/// Required-ness and nullability changes, each judged on the side(s) the field flows.
fn presence(
    cx: &mut Ctx,
    (o, n): (Presence, Presence),
    side: Side,
    what: &str,
    item: &str,
    at: impl Fn() -> At,
) {
    let retyped = wrapping(o) != wrapping(n);
    if required(o) != required(n) {
        required_changed(cx, (o, n), side, what, item, at(), retyped);
    }
    if nullable(o) != nullable(n) {
        nullable_changed(cx, (o, n), side, what, item, at(), retyped);
    }
}

/// A field became required or optional.
fn required_changed(
    cx: &mut Ctx,
    (_, n): (Presence, Presence),
    side: Side,
    what: &str,
    item: &str,
    at: At,
    retyped: bool,
) {
    let rust = |sev: Severity| if retyped { Breaking } else { sev };
    let (request, response) = if required(n) {
        (
            (
                "request-field-made-required",
                Breaking,
                format!("{what} is now required: old clients that omit it are rejected"),
            ),
            (
                "response-field-made-required",
                rust(Compatible),
                format!(
                    "{what} is now always present{}",
                    if retyped {
                        "; its Rust type loses an `Option`"
                    } else {
                        ""
                    }
                ),
            ),
        )
    } else {
        (
            (
                "request-field-made-optional",
                Breaking,
                format!("{what} is now optional: the constructor (or method) loses the argument"),
            ),
            (
                "response-field-made-optional",
                Breaking,
                format!("{what} may now be absent: old clients expecting it fail to decode"),
            ),
        )
    };
    cx.push_sided(side, Some(request), Some(response), item.to_owned(), at);
}

/// A field became nullable or not.
fn nullable_changed(
    cx: &mut Ctx,
    (_, n): (Presence, Presence),
    side: Side,
    what: &str,
    item: &str,
    at: At,
    retyped: bool,
) {
    let rust = |sev: Severity| if retyped { Breaking } else { sev };
    let (request, response) = if nullable(n) {
        (
            (
                "request-field-made-nullable",
                rust(Compatible),
                format!(
                    "{what} now accepts null{}",
                    if retyped {
                        "; its Rust type gains an `Option`"
                    } else {
                        ""
                    }
                ),
            ),
            (
                "response-field-made-nullable",
                Breaking,
                format!("{what} may now be null: old clients expecting a value fail to decode"),
            ),
        )
    } else {
        (
            (
                "request-field-made-non-nullable",
                Breaking,
                format!("{what} no longer accepts null: old clients sending null are rejected"),
            ),
            (
                "response-field-made-non-nullable",
                rust(Compatible),
                format!(
                    "{what} is never null any more{}",
                    if retyped {
                        "; its Rust type loses an `Option`"
                    } else {
                        ""
                    }
                ),
            ),
        )
    };
    cx.push_sided(side, Some(request), Some(response), item.to_owned(), at);
}

/// One changed bound: the keyword, its old and new values, and whether fewer values pass.
struct Bound {
    keyword: &'static str,
    old: String,
    new: String,
    tightened: bool,
}

/// Constraint changes, each judged on the side(s) the value flows: a request bound that
/// accepts fewer values breaks old clients; response bounds are the server's business.
pub(crate) fn constraints(
    cx: &mut Ctx,
    (o, n): (&Constraints, &Constraints),
    side: Side,
    item: &str,
    at: impl Fn() -> At,
) {
    for b in bounds(o, n) {
        let what = format!("{} {} -> {}", b.keyword, b.old, b.new);
        let (request, response) = if b.tightened {
            (
                (
                    "request-constraint-tightened",
                    Breaking,
                    format!("{what}: values old clients may send are now rejected"),
                ),
                (
                    "response-constraint-tightened",
                    Compatible,
                    format!("{what}: responses stay within the old bounds"),
                ),
            )
        } else {
            (
                ("request-constraint-loosened", Compatible, format!("{what}: more values are accepted")),
                ("response-constraint-loosened", Compatible, format!("{what}: responses may hold values outside the old bounds (the SDK does not check responses)")),
            )
        };
        cx.push_sided(side, Some(request), Some(response), item.to_owned(), at());
    }
}

fn show_opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "(none)".to_owned(), |v| v.to_string())
}

/// Changed length and count bounds (lower bounds when `lower`).
fn count_bound(
    keyword: &'static str,
    o: Option<usize>,
    n: Option<usize>,
    lower: bool,
) -> Option<Bound> {
    let tightened = match (o, n) {
        (a, b) if a == b => return None,
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (Some(a), Some(b)) => (b > a) == lower,
        (None, None) => return None,
    };
    Some(Bound {
        keyword,
        old: show_opt(o),
        new: show_opt(n),
        tightened,
    })
}

fn as_f64(n: Number) -> f64 {
    match n {
        Number::Int(i) => i as f64,
        Number::Float(f) => f,
    }
}

fn show_number(n: Option<Number>, exclusive: bool) -> String {
    let v = match n {
        None => return "(none)".to_owned(),
        Some(Number::Int(i)) => i.to_string(),
        Some(Number::Float(f)) => f.to_string(),
    };
    if exclusive {
        format!("{v} (exclusive)")
    } else {
        v
    }
}

/// A changed numeric bound (a minimum when `lower`), its exclusiveness included.
fn number_bound(
    keyword: &'static str,
    (o, oe): (Option<Number>, bool),
    (n, ne): (Option<Number>, bool),
    lower: bool,
) -> Option<Bound> {
    let tightened = match (o, n) {
        (None, None) => return None,
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (Some(a), Some(b)) => {
            let (a, b) = (as_f64(a), as_f64(b));
            if a == b {
                if oe == ne {
                    return None;
                }
                ne
            } else {
                (b > a) == lower
            }
        }
    };
    Some(Bound {
        keyword,
        old: show_number(o, oe),
        new: show_number(n, ne),
        tightened,
    })
}

fn bounds(o: &Constraints, n: &Constraints) -> Vec<Bound> {
    [
        count_bound("minLength", o.min_length, n.min_length, true),
        count_bound("maxLength", o.max_length, n.max_length, false),
        number_bound(
            "minimum",
            (o.minimum, o.exclusive_minimum),
            (n.minimum, n.exclusive_minimum),
            true,
        ),
        number_bound(
            "maximum",
            (o.maximum, o.exclusive_maximum),
            (n.maximum, n.exclusive_maximum),
            false,
        ),
        count_bound("minItems", o.min_items, n.min_items, true),
        count_bound("maxItems", o.max_items, n.max_items, false),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn show_value(v: &Option<serde_json::Value>) -> String {
    v.as_ref()
        .map_or_else(|| "(none)".to_owned(), |v| format!("`{v}`"))
}

/// A changed `default`: callers that leave the value out get another behaviour, and its
/// documentation changes; nothing breaks to compile or on the wire.
pub(crate) fn default(
    cx: &mut Ctx,
    (o, n): (&Option<serde_json::Value>, &Option<serde_json::Value>),
    side: Side,
    item: &str,
    at: At,
) {
    if o == n {
        return;
    }
    let message = format!(
        "default changed from {} to {}: callers that leave it unset get the new behaviour",
        show_value(o),
        show_value(n)
    );
    cx.push(
        ("default-changed", Compatible, message),
        side,
        item.to_owned(),
        at,
    );
}
