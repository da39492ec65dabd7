//! Checks examples against their schema with the `jsonschema` crate.
//!
//! The schema is the normalised one (openapiv3's 3.0 model, every `$ref` into
//! `components/schemas`), read as JSON Schema draft 4, whose keywords OpenAPI 3.0 schemas
//! extend (`exclusiveMinimum: true` beside `minimum` included). One 3.0 keyword is
//! translated: `nullable: true` adds `null` to `type` (and to `enum`), or, on a schema
//! without a `type`, becomes `anyOf: [schema, {type: null}]`. `format` is checked (unknown
//! formats such as `int32` pass). `example`, `xml`, `discriminator` and `readOnly` are
//! annotations and do not affect validity. A schema without `type` or a union gets the type
//! the generator reads into it ([`implied_type`]).

use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// Validators for the schemas of one normalised document, built once per schema.
pub struct Schemas {
    doc: Value,
    components: Value,
    cache: HashMap<String, Result<jsonschema::Validator, String>>,
}

impl Schemas {
    /// `doc` is the normalised document (`serde_json::to_value(&spec.api)`).
    pub fn new(doc: Value) -> Schemas {
        let mut schemas = doc
            .pointer("/components/schemas")
            .cloned()
            .unwrap_or_else(|| json!({}));
        if let Some(map) = schemas.as_object_mut() {
            for s in map.values_mut() {
                translate(s);
            }
        }
        Schemas {
            doc,
            components: json!({ "schemas": schemas }),
            cache: HashMap::new(),
        }
    }

    /// Checks `value` against the schema at `pointer`: `Ok` when valid, else the first
    /// errors (with the instance path). A missing or unreadable schema is an `Err` too.
    pub fn check(&mut self, pointer: &str, value: &Value) -> Result<(), String> {
        if !self.cache.contains_key(pointer) {
            let built = self.build(pointer);
            self.cache.insert(pointer.to_owned(), built);
        }
        let validator = match &self.cache[pointer] {
            Ok(v) => v,
            Err(e) => return Err(e.clone()),
        };
        let errors: Vec<String> = validator
            .iter_errors(value)
            .take(3)
            .map(|e| {
                let at = e.instance_path().to_string();
                let at = if at.is_empty() { "/".to_owned() } else { at };
                format!("at {at}: {e}")
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.join("; "))
        }
    }

    fn build(&self, pointer: &str) -> Result<jsonschema::Validator, String> {
        let mut target = self
            .doc
            .pointer(pointer)
            .cloned()
            .ok_or_else(|| format!("no schema at {pointer} in the normalised document"))?;
        translate(&mut target);
        let root = json!({ "allOf": [target], "components": self.components });
        jsonschema::draft4::options()
            .should_validate_formats(true)
            .build(&root)
            .map_err(|e| format!("the schema does not compile: {e}"))
    }
}

/// Translates one schema (and the schemas inside it) from OpenAPI 3.0 to JSON Schema.
pub fn translate(schema: &mut Value) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    obj.remove("example");
    obj.remove("examples");
    for key in ["properties", "patternProperties", "definitions"] {
        if let Some(map) = obj.get_mut(key).and_then(Value::as_object_mut) {
            map.values_mut().for_each(translate);
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(s) = obj.get_mut(key) {
            translate(s);
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(list) = obj.get_mut(key).and_then(Value::as_array_mut) {
            list.iter_mut().for_each(translate);
        }
    }
    implied_type(obj);
    if obj.remove("nullable") == Some(Value::Bool(true)) {
        nullable(obj);
        if !obj.contains_key("type") {
            let inner = Value::Object(std::mem::take(obj));
            obj.insert("anyOf".into(), json!([inner, {"type": "null"}]));
        }
    }
}

/// A schema without `type` or a union is typed as the generator reads it (`lower_any`):
/// `properties` or `additionalProperties` make it an object, `items` an array. JSON Schema
/// alone would let any other value through such a schema, one the generated type refuses.
fn implied_type(obj: &mut Map<String, Value>) {
    let composed = ["allOf", "oneOf", "anyOf"]
        .iter()
        .any(|k| obj.contains_key(*k));
    if obj.contains_key("type") || composed {
        return;
    }
    if obj.contains_key("properties") || obj.contains_key("additionalProperties") {
        obj.insert("type".into(), json!("object"));
    } else if obj.contains_key("items") {
        obj.insert("type".into(), json!("array"));
    }
}

/// `nullable: true` on a schema with a `type`: `null` joins the type and the enum.
fn nullable(obj: &mut Map<String, Value>) {
    if let Some(Value::String(t)) = obj.get("type") {
        let t = t.clone();
        obj.insert("type".into(), json!([t, "null"]));
    }
    if let Some(list) = obj.get_mut("enum").and_then(Value::as_array_mut) {
        if !list.contains(&Value::Null) {
            list.push(Value::Null);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Value {
        json!({"components": {"schemas": {
            "Pet": {"type": "object", "required": ["name"], "properties": {
                "name": {"type": "string"},
                "tag": {"type": "string", "nullable": true},
                "kind": {"type": "string", "enum": ["a"], "nullable": true},
                "born": {"type": "string", "format": "date-time"},
                "owner": {"nullable": true, "allOf": [{"$ref": "#/components/schemas/Owner"}]}}},
            "Owner": {"type": "object", "properties": {"n": {"type": "integer", "minimum": 0,
                "exclusiveMinimum": true}}}
        }}})
    }

    #[test]
    fn nullable_refs_and_formats_follow_openapi_3_0() {
        let mut s = Schemas::new(doc());
        let at = "/components/schemas/Pet";
        let ok = json!({"name": "a", "tag": null, "kind": null, "owner": null});
        assert_eq!(s.check(at, &ok), Ok(()));
        for bad in [
            json!({"tag": "x"}),
            json!({"name": "a", "born": "yesterday"}),
            json!({"name": "a", "owner": {"n": 0}}),
            json!({"name": "a", "kind": "b"}),
        ] {
            assert!(s.check(at, &bad).is_err(), "{bad}");
        }
        assert!(s.check("/nowhere", &ok).is_err());
    }

    #[test]
    fn untyped_schemas_are_read_as_the_generator_types_them() {
        let mut s = Schemas::new(json!({"components": {"schemas": {
            "List": {"items": {"type": "string"}},
            "Thing": {"properties": {"a": {"type": "string"}}, "nullable": true}
        }}}));
        assert_eq!(s.check("/components/schemas/List", &json!(["x"])), Ok(()));
        assert!(s
            .check("/components/schemas/List", &json!({"x": 1}))
            .is_err());
        assert_eq!(s.check("/components/schemas/Thing", &json!(null)), Ok(()));
        assert!(s.check("/components/schemas/Thing", &json!("a")).is_err());
    }
}
