//! The schema rewrites, in the order they run on each schema (before its children are walked).

use super::walk::Origin;
use super::{Cx, Rewrite};
use serde_json::{json, Map, Value};

/// The rewrites of one schema object, in order (after [`object_schema`]).
pub const REWRITES: &[(&str, Rewrite)] = &[
    ("ref_siblings", ref_siblings),
    ("type_list", type_list),
    ("null_type", null_type),
    ("unknown_type", unknown_type),
    ("const_to_enum", const_to_enum),
    ("exclusive_bounds", exclusive_bounds),
    ("examples_to_example", examples_to_example),
    ("required_list", required_list),
    ("discriminator_name", discriminator_name),
    ("enum_nulls", enum_nulls),
    ("enum_types", enum_types),
    ("tuple_items", tuple_items),
    ("null_branches", null_branches),
    ("all_of_siblings", all_of_siblings),
    ("unsupported_keywords", unsupported_keywords),
];

/// A schema is an object: `true` (3.1, any value) becomes `{}`; `false` (no value) and
/// anything else also become `{}`, with a warning.
pub fn object_schema(s: &mut Value, cx: &mut Cx) {
    match s {
        Value::Object(_) => return,
        Value::Bool(true) => {}
        Value::Bool(false) => cx.warn(
            "",
            "a `false` schema (no value is valid) cannot be typed; treated as any JSON value",
        ),
        _ => cx.warn("", "a schema must be an object; treated as any JSON value"),
    }
    *s = Value::Object(Map::new());
}

/// A `$ref` with meaningful siblings (3.1) keeps them: the reference moves into `allOf`.
/// Siblings that mean nothing (`summary`, `x-` extensions) are dropped.
fn ref_siblings(obj: &mut Map<String, Value>, cx: &mut Cx) {
    if !obj.contains_key("$ref") {
        return;
    }
    let meaningful = obj
        .keys()
        .any(|k| k != "$ref" && !k.starts_with("x-") && k != "summary");
    if !meaningful {
        obj.retain(|k, _| k == "$ref");
        return;
    }
    let reference = obj.remove("$ref").unwrap_or(Value::Null);
    cx.origins
        .list("allOf", obj, cx.origin)
        .insert(0, Origin::made_from(cx.origin));
    let all_of = obj
        .entry("allOf")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(members) = all_of {
        members.insert(0, json!({ "$ref": reference }));
    }
}

/// `type: [T, "null"]` becomes `type: T, nullable: true`; several types become an `anyOf` of
/// one schema per type (ignored, with a warning, beside an existing `oneOf`/`anyOf`).
fn type_list(obj: &mut Map<String, Value>, cx: &mut Cx) {
    let Some(Value::Array(types)) = obj.get("type") else {
        return;
    };
    let mut non_null: Vec<String> = types
        .iter()
        .filter_map(Value::as_str)
        .filter(|t| *t != "null")
        .map(str::to_owned)
        .collect();
    if types.iter().any(|t| t.as_str() == Some("null")) {
        obj.insert("nullable".into(), Value::Bool(true));
    }
    if non_null.len() == 1 {
        obj.insert("type".into(), Value::String(non_null.remove(0)));
        return;
    }
    obj.remove("type");
    if non_null.is_empty() {
        return;
    }
    if obj.contains_key("oneOf") || obj.contains_key("anyOf") {
        cx.warn(
            "type",
            "a list of types beside `oneOf`/`anyOf` is ignored; the union's branches decide the type",
        );
        return;
    }
    let made_from = Origin::made_from(&format!("{}/type", cx.origin));
    let origins = cx.origins.list("anyOf", obj, cx.origin);
    origins.extend(std::iter::repeat_n(made_from, non_null.len()));
    let branches = non_null.into_iter().map(|t| json!({ "type": t })).collect();
    obj.insert("anyOf".into(), Value::Array(branches));
}

/// `type: "null"` becomes `nullable: true` without a type.
fn null_type(obj: &mut Map<String, Value>, _: &mut Cx) {
    if obj.get("type").and_then(Value::as_str) == Some("null") {
        obj.remove("type");
        obj.insert("nullable".into(), Value::Bool(true));
    }
}

/// A `type` that is not a JSON Schema type (`file`, a typo) is dropped, with a warning.
fn unknown_type(obj: &mut Map<String, Value>, cx: &mut Cx) {
    let Some(t) = obj.get("type") else { return };
    let known = matches!(
        t.as_str(),
        Some("string" | "number" | "integer" | "boolean" | "object" | "array")
    );
    if !known {
        cx.warn(
            "type",
            format!("unknown schema type {t}; treated as any JSON value"),
        );
        obj.remove("type");
    }
}

/// `const: v` becomes `enum: [v]` (typed by `v` when the schema has no type); `const: null`
/// becomes `nullable: true`.
fn const_to_enum(obj: &mut Map<String, Value>, _: &mut Cx) {
    let Some(c) = obj.remove("const") else { return };
    if c.is_null() {
        obj.insert("nullable".into(), Value::Bool(true));
        return;
    }
    if !obj.contains_key("type") {
        if let Some(t) = json_type_name(&c) {
            obj.insert("type".into(), Value::String(t.into()));
        }
    }
    obj.insert("enum".into(), Value::Array(vec![c]));
}

/// Numeric `exclusiveMinimum`/`exclusiveMaximum` (3.1) become the bound plus the 3.0 boolean.
fn exclusive_bounds(obj: &mut Map<String, Value>, _: &mut Cx) {
    for (excl, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(v) = obj.get(excl).filter(|v| v.is_number()).cloned() {
            obj.insert(bound.into(), v);
            obj.insert(excl.into(), Value::Bool(true));
        }
    }
}

/// `examples: [..]` (3.1) becomes `example` (the first one), unless there is one already.
fn examples_to_example(obj: &mut Map<String, Value>, _: &mut Cx) {
    if let Some(Value::Array(examples)) = obj.remove("examples") {
        if let Some(first) = examples.into_iter().next() {
            obj.entry("example").or_insert(first);
        }
    }
}

/// A `required` that is not a list (3.0 mistake: `required: true` on a property) is dropped,
/// with a warning.
fn required_list(obj: &mut Map<String, Value>, cx: &mut Cx) {
    if obj.get("required").is_some_and(|r| !r.is_array()) {
        cx.warn(
            "required",
            "`required` on a schema must be a list of property names; ignored",
        );
        obj.remove("required");
    }
}

/// A discriminator without `propertyName` is dropped, with a warning.
fn discriminator_name(obj: &mut Map<String, Value>, cx: &mut Cx) {
    let Some(d) = obj.get("discriminator") else {
        return;
    };
    if d.get("propertyName").and_then(Value::as_str).is_none() {
        cx.warn(
            "discriminator",
            "discriminator without `propertyName`; ignored",
        );
        obj.remove("discriminator");
    }
}

/// `null` among enum values becomes `nullable: true`; an enum without a type is typed by its
/// values when they agree.
fn enum_nulls(obj: &mut Map<String, Value>, _: &mut Cx) {
    let Some(Value::Array(values)) = obj.get_mut("enum") else {
        return;
    };
    let had_null = values.iter().any(Value::is_null);
    values.retain(|v| !v.is_null());
    let t = values_type(values);
    if had_null {
        obj.insert("nullable".into(), Value::Bool(true));
    }
    if let (false, Some(t)) = (obj.contains_key("type"), t) {
        obj.insert("type".into(), Value::String(t.into()));
    }
}

/// Enum values must match the schema's type (openapiv3 reads them by it): in a string schema
/// other values are written as strings, with a warning; otherwise a mismatched enum is dropped,
/// with a warning.
fn enum_types(obj: &mut Map<String, Value>, cx: &mut Cx) {
    let ty = obj.get("type").and_then(Value::as_str).map(str::to_owned);
    let Some(Value::Array(values)) = obj.get_mut("enum") else {
        return;
    };
    let ok = |v: &Value| match ty.as_deref() {
        Some("string") => v.is_string(),
        Some("integer") => v.is_i64() || v.is_u64(),
        Some("number") => v.is_number(),
        Some("boolean") => v.is_boolean(),
        _ => true,
    };
    if values.iter().all(ok) {
        return;
    }
    if ty.as_deref() == Some("string") {
        for v in values.iter_mut().filter(|v| !v.is_string()) {
            *v = Value::String(match &*v {
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                other => other.to_string(),
            });
        }
        cx.warn(
            "enum",
            "enum values of a string schema that are not strings are read as strings",
        );
        return;
    }
    cx.warn(
        "enum",
        "enum values do not match the schema's type; the enum is ignored",
    );
    obj.remove("enum");
}

/// Tuple `items` (a list of schemas) keep their first schema for every item, with a warning.
fn tuple_items(obj: &mut Map<String, Value>, cx: &mut Cx) {
    let Some(Value::Array(tuple)) = obj.get("items") else {
        return;
    };
    cx.warn(
        "items",
        "tuple `items` (a list of schemas) cannot be typed per position; every item is typed by the first schema",
    );
    let origin = match tuple.first() {
        Some(_) => Origin::user(format!("{}/items/0", cx.origin)),
        None => Origin::made_from(&format!("{}/items", cx.origin)),
    };
    let first = tuple.first().cloned().unwrap_or_else(|| json!({}));
    obj.insert("items".into(), first);
    cx.origins.set("items", origin);
}

/// A `{type: "null"}` branch of `oneOf`/`anyOf` is dropped and the schema becomes nullable; a
/// union left with one branch becomes `allOf: [branch]` (first member), one left with none
/// disappears.
fn null_branches(obj: &mut Map<String, Value>, cx: &mut Cx) {
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Array(branches)) = obj.get(key) else {
            continue;
        };
        let keep: Vec<bool> = branches.iter().map(|b| !is_null_schema(b)).collect();
        if keep.iter().all(|k| *k) {
            continue;
        }
        let origins = cx.origins.list(key, obj, cx.origin);
        let mut flags = keep.iter();
        origins.retain(|_| *flags.next().unwrap_or(&true));
        let only = origins.first().cloned();
        obj.insert("nullable".into(), Value::Bool(true));
        let Some(Value::Array(branches)) = obj.get_mut(key) else {
            continue;
        };
        let mut flags = keep.iter();
        branches.retain(|_| *flags.next().unwrap_or(&true));
        match branches.len() {
            0 => {
                obj.remove(key);
            }
            1 => {
                // oneOf [X, null] -> allOf [X] + nullable
                let branch = branches.remove(0);
                obj.remove(key);
                let only = only.unwrap_or_else(|| Origin::made_from(cx.origin));
                cx.origins.list("allOf", obj, cx.origin).insert(0, only);
                let all_of = obj.entry("allOf").or_insert_with(|| Value::Array(vec![]));
                if let Value::Array(members) = all_of {
                    members.insert(0, branch);
                }
            }
            _ => {}
        }
    }
}

/// `properties` written beside `allOf` (with their `required`, `additionalProperties`,
/// `minProperties`, `maxProperties` and `type: object`) become one more member, appended last,
/// so the model keeps them. (`required` or `additionalProperties` beside `allOf` without
/// `properties` stay where they are; lowering warns that it ignores them.)
fn all_of_siblings(obj: &mut Map<String, Value>, cx: &mut Cx) {
    if !obj.get("allOf").is_some_and(Value::is_array) || !obj.contains_key("properties") {
        return;
    }
    let mut member = Map::new();
    member.insert("type".into(), Value::String("object".into()));
    if obj.get("type").and_then(Value::as_str) == Some("object") {
        obj.remove("type");
    }
    for key in [
        "properties",
        "required",
        "additionalProperties",
        "minProperties",
        "maxProperties",
    ] {
        if let Some(v) = obj.remove(key) {
            member.insert(key.into(), v);
        }
    }
    cx.origins
        .list("allOf", obj, cx.origin)
        .push(Origin::made_from(cx.origin));
    if let Some(Value::Array(members)) = obj.get_mut("allOf") {
        members.push(Value::Object(member));
    }
}

/// 3.1 keywords the 3.0 model has no place for. Those that shape a type are dropped with a
/// warning; `contains` and `propertyNames` only constrain values and are dropped silently.
fn unsupported_keywords(obj: &mut Map<String, Value>, cx: &mut Cx) {
    for (key, what) in [
        ("prefixItems", "tuple items cannot be typed per position"),
        (
            "patternProperties",
            "properties matched by pattern are not typed",
        ),
        ("if", "conditional schemas are not supported"),
        ("then", "conditional schemas are not supported"),
        ("else", "conditional schemas are not supported"),
        (
            "dependentSchemas",
            "schemas that depend on a property are not supported",
        ),
        (
            "unevaluatedProperties",
            "use `additionalProperties` instead",
        ),
    ] {
        if obj.remove(key).is_some() {
            cx.warn(key, format!("`{key}` is ignored: {what}"));
        }
    }
    obj.remove("contains");
    obj.remove("propertyNames");
}

/// `{type: "null"}`, `{type: ["null"]}`, `{const: null}` or `{enum: [null]}`.
fn is_null_schema(v: &Value) -> bool {
    let Some(o) = v.as_object() else { return false };
    match o.get("type") {
        Some(Value::String(t)) if t == "null" => return true,
        Some(Value::Array(ts)) if ts.len() == 1 && ts[0] == "null" => return true,
        _ => {}
    }
    if o.get("const").is_some_and(Value::is_null) {
        return true;
    }
    matches!(o.get("enum"), Some(Value::Array(e)) if e.len() == 1 && e[0].is_null())
}

fn json_type_name(v: &Value) -> Option<&'static str> {
    match v {
        Value::String(_) => Some("string"),
        Value::Bool(_) => Some("boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
        Value::Number(_) => Some("number"),
        _ => None,
    }
}

/// The one JSON type of some values (integers and numbers make a number), if they agree.
fn values_type(values: &[Value]) -> Option<&'static str> {
    let mut t = None;
    for v in values.iter().filter(|v| !v.is_null()) {
        let vt = json_type_name(v)?;
        match t {
            None => t = Some(vt),
            Some("integer") if vt == "number" => t = Some("number"),
            Some("number") if vt == "integer" => {}
            Some(prev) if prev != vt => return None,
            _ => {}
        }
    }
    t
}
