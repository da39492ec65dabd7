//! The third normalisation of a round-trip: a property its schema does not declare is
//! dropped. A generated struct has one field per declared property (plus a map when the
//! schema sets `additionalProperties`), so an undeclared one, which JSON Schema allows while
//! `additionalProperties` is unset, is not kept. [`undeclared`] lists such properties of an
//! example, and [`remove`] takes them out of both sides before the comparison (a type that
//! keeps them anyway, such as a union's catch-all variant, is not faulted either).
//!
//! It prunes only what is certainly undeclared: an object whose schema (or one branch of its
//! union) is free-form, or that a union branch declares, keeps every key.

use crate::diag::{pointer_join, unescape_token};
use serde_json::Value;
use std::collections::BTreeMap;

/// The JSON pointers (into `example`) of the properties its schema does not declare.
pub fn undeclared(doc: &Value, schema_pointer: &str, example: &Value) -> Vec<String> {
    let mut found = Vec::new();
    if let Some(schema) = doc.pointer(schema_pointer) {
        walk(doc, schema, example, "", 0, &mut found);
    }
    found
}

/// `value` without the properties at `pointers` (those that are there).
pub fn remove(value: &Value, pointers: &[String]) -> Value {
    let mut value = value.clone();
    for p in pointers {
        let Some((parent, key)) = p.rsplit_once('/') else {
            continue;
        };
        if let Some(map) = value.pointer_mut(parent).and_then(Value::as_object_mut) {
            map.remove(&unescape_token(key));
        }
    }
    value
}

/// Deeper than this, the example is kept as is (a `$ref` cycle through a shallow value).
const MAX_DEPTH: usize = 64;

/// Which properties an object schema declares.
#[derive(Default)]
struct Declared<'a> {
    properties: BTreeMap<&'a str, &'a Value>,
    /// The `additionalProperties` schema: every other key is kept and read by it.
    extra: Option<&'a Value>,
}

fn walk(
    doc: &Value,
    schema: &Value,
    value: &Value,
    at: &str,
    depth: usize,
    found: &mut Vec<String>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let schema = resolve(doc, schema);
    match value {
        Value::Object(map) => {
            let Some(d) = declared(doc, schema, depth) else {
                return;
            };
            for (key, v) in map {
                let here = pointer_join(at, &[key]);
                match d.properties.get(key.as_str()).or(d.extra.as_ref()) {
                    Some(schema) => walk(doc, schema, v, &here, depth + 1, found),
                    None => found.push(here),
                }
            }
        }
        Value::Array(items) => {
            if let Some(item) = schema.get("items") {
                for (i, v) in items.iter().enumerate() {
                    walk(doc, item, v, &format!("{at}/{i}"), depth + 1, found);
                }
            }
        }
        _ => {}
    }
}

/// The properties `schema` declares, with those of its `allOf` members and of every branch
/// of its `oneOf`/`anyOf`; `None` when any part of it takes any key (free-form).
fn declared<'a>(doc: &'a Value, schema: &'a Value, depth: usize) -> Option<Declared<'a>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let schema = resolve(doc, schema);
    let mut d = Declared::default();
    match schema.get("additionalProperties") {
        Some(Value::Bool(false)) | None => {}
        Some(Value::Object(extra)) if !extra.is_empty() => {
            d.extra = Some(&schema["additionalProperties"])
        }
        Some(_) => return None,
    }
    if let Some(Value::Object(props)) = schema.get("properties") {
        d.properties
            .extend(props.iter().map(|(k, v)| (k.as_str(), v)));
    }
    let mut composed = false;
    for key in ["allOf", "oneOf", "anyOf"] {
        for member in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            composed = true;
            let m = declared(doc, member, depth + 1)?;
            for (k, v) in m.properties {
                d.properties.entry(k).or_insert(v);
            }
            if m.extra.is_some() {
                d.extra = d.extra.or(m.extra);
            }
        }
    }
    let typed = schema.get("properties").is_some() || d.extra.is_some() || composed;
    let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
    (typed || closed).then_some(d)
}

/// Follows `$ref`s (at most 32, since a chain can loop).
fn resolve<'a>(doc: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..32 {
        let Some(target) = (schema.get("$ref").and_then(Value::as_str))
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|p| doc.pointer(p))
        else {
            break;
        };
        schema = target;
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({"components": {"schemas": {
            "Pet": {"type": "object", "properties": {
                "name": {"type": "string"},
                "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
                "meta": {"type": "object"},
                "labels": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Tag"}}}},
            "Tag": {"type": "object", "properties": {"id": {"type": "integer"}}},
            "Either": {"oneOf": [{"$ref": "#/components/schemas/Tag"},
                {"type": "object", "properties": {"tag": {"type": "string"}}}]},
            "Open": {"oneOf": [{"$ref": "#/components/schemas/Tag"}, {"type": "object"}]}
        }}})
    }

    #[test]
    fn only_properties_no_schema_declares_are_listed() {
        let example = json!({"name": "a", "typo": 1,
            "tags": [{"id": 1, "colour": "red"}],
            "meta": {"anything": true},
            "labels": {"x/y": {"id": 2, "nope": 3}}});
        let found = undeclared(&doc(), "/components/schemas/Pet", &example);
        assert_eq!(found, ["/typo", "/tags/0/colour", "/labels/x~1y/nope"]);
        assert_eq!(
            remove(&example, &found),
            json!({"name": "a", "tags": [{"id": 1}], "meta": {"anything": true},
                "labels": {"x/y": {"id": 2}}})
        );
    }

    #[test]
    fn a_union_keeps_what_any_branch_declares_and_free_form_keeps_all() {
        let example = json!({"id": 1, "tag": "x", "other": 2});
        let found = undeclared(&doc(), "/components/schemas/Either", &example);
        assert_eq!(found, ["/other"]);
        assert!(undeclared(&doc(), "/components/schemas/Open", &example).is_empty());
    }
}
