//! Normalises an OpenAPI 3.1 (or sloppy 3.0) document onto the 3.0 model openapiv3 reads.
//!
//! The walk knows where schemas sit (components, parameters, media types, headers and the
//! keywords inside schemas), so a property *named* `const` or `type` is never rewritten.
//!
//! 3.1 rewrites: `type: [T, "null"]` becomes `type: T, nullable: true`; `oneOf`/`anyOf` with a
//! `{type: "null"}` branch lose it and become nullable; `const: v` becomes `enum: [v]`;
//! numeric `exclusiveMinimum`/`exclusiveMaximum` become `minimum`/`maximum` plus the boolean;
//! `examples: [..]` becomes `example`; a `$ref` with sibling keywords becomes `allOf: [$ref]`
//! plus the siblings. Repairs for real-world 3.0 mistakes (each a warning): a non-list
//! `required`, an unknown `type`, tuple `items`, a discriminator without `propertyName`.
//! Webhooks and callbacks are removed with a note: the SDK makes requests, it does not serve.

use crate::diag::{pointer_join, Diagnostic};
use serde_json::{Map, Value};

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Normalises the whole document in place and returns it.
pub fn normalize(mut doc: Value, warnings: &mut Vec<Diagnostic>) -> Value {
    let mut n = Normalizer { warnings };
    if let Some(root) = doc.as_object_mut() {
        if root.remove("webhooks").is_some() {
            n.warnings.push(Diagnostic::warning(
                "/webhooks",
                "webhooks are ignored: the SDK sends requests and does not receive them",
            ));
        }
        if let Some(paths) = root.get_mut("paths").and_then(Value::as_object_mut) {
            for (path, item) in paths.iter_mut() {
                n.path_item(item, &pointer_join("/paths", &[path]));
            }
        } else if !root.contains_key("paths") {
            root.insert("paths".into(), Value::Object(Map::new()));
        }
        if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
            n.components(components);
        }
    }
    doc
}

struct Normalizer<'a> {
    warnings: &'a mut Vec<Diagnostic>,
}

impl Normalizer<'_> {
    fn components(&mut self, c: &mut Map<String, Value>) {
        for (kind, f) in [
            ("schemas", Self::schema as fn(&mut Self, &mut Value, &str)),
            ("parameters", Self::parameter),
            ("requestBodies", Self::request_body),
            ("responses", Self::response),
            ("headers", Self::header),
        ] {
            if let Some(m) = c.get_mut(kind).and_then(Value::as_object_mut) {
                for (name, v) in m.iter_mut() {
                    f(self, v, &pointer_join("/components", &[kind, name]));
                }
            }
        }
        if let Some(m) = c.get_mut("pathItems").and_then(Value::as_object_mut) {
            for (name, v) in m.iter_mut() {
                self.path_item(v, &pointer_join("/components/pathItems", &[name]));
            }
        }
    }

    fn path_item(&mut self, item: &mut Value, ptr: &str) {
        let Some(obj) = item.as_object_mut() else {
            return;
        };
        if let Some(params) = obj.get_mut("parameters").and_then(Value::as_array_mut) {
            for (i, p) in params.iter_mut().enumerate() {
                self.parameter(p, &format!("{ptr}/parameters/{i}"));
            }
        }
        for method in METHODS {
            if let Some(op) = obj.get_mut(method) {
                self.operation(op, &pointer_join(ptr, &[method]));
            }
        }
    }

    fn operation(&mut self, op: &mut Value, ptr: &str) {
        let Some(obj) = op.as_object_mut() else {
            return;
        };
        if obj.remove("callbacks").is_some() {
            self.warnings.push(Diagnostic::warning(
                format!("{ptr}/callbacks"),
                "callbacks are ignored: the SDK sends requests and does not receive them",
            ));
        }
        if let Some(params) = obj.get_mut("parameters").and_then(Value::as_array_mut) {
            for (i, p) in params.iter_mut().enumerate() {
                self.parameter(p, &format!("{ptr}/parameters/{i}"));
            }
        }
        if let Some(body) = obj.get_mut("requestBody") {
            self.request_body(body, &format!("{ptr}/requestBody"));
        }
        match obj.get_mut("responses").and_then(Value::as_object_mut) {
            Some(responses) => {
                for (code, r) in responses.iter_mut() {
                    self.response(r, &pointer_join(ptr, &["responses", code]));
                }
            }
            None => {
                // 3.1 makes `responses` optional; openapiv3 requires it.
                obj.insert("responses".into(), Value::Object(Map::new()));
            }
        }
    }

    fn parameter(&mut self, p: &mut Value, ptr: &str) {
        let Some(obj) = p.as_object_mut() else {
            return;
        };
        if obj.contains_key("$ref") {
            strip_ref_siblings(obj);
            return;
        }
        if let Some(s) = obj.get_mut("schema") {
            self.schema(s, &format!("{ptr}/schema"));
        }
        if let Some(c) = obj.get_mut("content") {
            self.content(c, &format!("{ptr}/content"));
        }
        if obj.get("in").and_then(Value::as_str) == Some("path") {
            obj.insert("required".into(), Value::Bool(true));
        }
        if !obj.contains_key("schema") && !obj.contains_key("content") {
            // openapiv3 requires one of them; an untyped parameter is a string on the wire.
            obj.insert("schema".into(), serde_json::json!({"type": "string"}));
        }
    }

    fn request_body(&mut self, b: &mut Value, ptr: &str) {
        let Some(obj) = b.as_object_mut() else {
            return;
        };
        if obj.contains_key("$ref") {
            strip_ref_siblings(obj);
            return;
        }
        if let Some(c) = obj.get_mut("content") {
            self.content(c, &format!("{ptr}/content"));
        }
    }

    fn response(&mut self, r: &mut Value, ptr: &str) {
        let Some(obj) = r.as_object_mut() else {
            return;
        };
        if obj.contains_key("$ref") {
            strip_ref_siblings(obj);
            return;
        }
        if !obj.contains_key("description") {
            obj.insert("description".into(), Value::String(String::new()));
        }
        if let Some(c) = obj.get_mut("content") {
            self.content(c, &format!("{ptr}/content"));
        }
        if let Some(h) = obj.get_mut("headers").and_then(Value::as_object_mut) {
            for (name, v) in h.iter_mut() {
                self.header(v, &pointer_join(ptr, &["headers", name]));
            }
        }
        obj.remove("links");
    }

    fn header(&mut self, h: &mut Value, ptr: &str) {
        let Some(obj) = h.as_object_mut() else {
            return;
        };
        if obj.contains_key("$ref") {
            strip_ref_siblings(obj);
            return;
        }
        if let Some(s) = obj.get_mut("schema") {
            self.schema(s, &format!("{ptr}/schema"));
        }
        if let Some(c) = obj.get_mut("content") {
            self.content(c, &format!("{ptr}/content"));
        }
        if !obj.contains_key("schema") && !obj.contains_key("content") {
            obj.insert("schema".into(), serde_json::json!({"type": "string"}));
        }
    }

    fn content(&mut self, c: &mut Value, ptr: &str) {
        let Some(obj) = c.as_object_mut() else {
            return;
        };
        for (media, m) in obj.iter_mut() {
            if let Some(mo) = m.as_object_mut() {
                if let Some(s) = mo.get_mut("schema") {
                    self.schema(s, &pointer_join(ptr, &[media, "schema"]));
                }
                // `encoding` headers may hold schemas too, but the SDK does not read them.
                mo.remove("encoding");
            }
        }
    }

    /// Normalises one schema and, recursively, the schemas inside it.
    fn schema(&mut self, s: &mut Value, ptr: &str) {
        match s {
            // `true` / `false` schemas (3.1): any value / no value. Model both as "any".
            Value::Bool(_) => *s = Value::Object(Map::new()),
            Value::Object(_) => {}
            _ => {
                self.warnings.push(Diagnostic::warning(
                    ptr,
                    "a schema must be an object; treated as any JSON value",
                ));
                *s = Value::Object(Map::new());
            }
        }
        let Value::Object(obj) = s else { return };

        if obj.contains_key("$ref") {
            // Siblings of `$ref` are ignored in 3.0 but meaningful in 3.1: keep them by
            // wrapping the reference in `allOf`.
            let has_meaningful_siblings = obj
                .keys()
                .any(|k| k != "$ref" && !k.starts_with("x-") && k != "summary");
            if has_meaningful_siblings {
                let r = obj.remove("$ref").unwrap_or(Value::Null);
                let mut wrapped = Map::new();
                wrapped.insert("$ref".into(), r);
                let all_of = obj
                    .entry("allOf")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(items) = all_of {
                    items.insert(0, Value::Object(wrapped));
                }
            } else {
                strip_ref_siblings(obj);
                return;
            }
        }

        // type arrays: [T, "null"] -> T + nullable
        if let Some(Value::Array(types)) = obj.get("type") {
            let mut non_null: Vec<String> = types
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .map(str::to_owned)
                .collect();
            let has_null = types.iter().any(|t| t.as_str() == Some("null"));
            if has_null {
                obj.insert("nullable".into(), Value::Bool(true));
            }
            match non_null.len() {
                0 => {
                    obj.remove("type");
                }
                1 => {
                    obj.insert("type".into(), Value::String(non_null.remove(0)));
                }
                _ => {
                    // Several types: a union of one schema per type.
                    obj.remove("type");
                    let branches = non_null
                        .into_iter()
                        .map(|t| serde_json::json!({ "type": t }))
                        .collect();
                    if !obj.contains_key("oneOf") && !obj.contains_key("anyOf") {
                        obj.insert("anyOf".into(), Value::Array(branches));
                    }
                }
            }
        }
        if obj.get("type").and_then(Value::as_str) == Some("null") {
            obj.remove("type");
            obj.insert("nullable".into(), Value::Bool(true));
        }
        if let Some(t) = obj.get("type") {
            let known = matches!(
                t.as_str(),
                Some("string" | "number" | "integer" | "boolean" | "object" | "array")
            );
            if !known {
                self.warnings.push(Diagnostic::warning(
                    format!("{ptr}/type"),
                    format!("unknown schema type {t}; treated as any JSON value"),
                ));
                obj.remove("type");
            }
        }

        // const -> single-value enum
        if let Some(c) = obj.remove("const") {
            if c.is_null() {
                obj.insert("nullable".into(), Value::Bool(true));
            } else {
                if !obj.contains_key("type") {
                    if let Some(t) = json_type_name(&c) {
                        obj.insert("type".into(), Value::String(t.into()));
                    }
                }
                obj.insert("enum".into(), Value::Array(vec![c]));
            }
        }
        // numeric exclusive bounds (3.1) -> bound + boolean (3.0)
        for (excl, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            if let Some(v) = obj.get(excl) {
                if v.is_number() {
                    let v = v.clone();
                    obj.insert(bound.into(), v);
                    obj.insert(excl.into(), Value::Bool(true));
                }
            }
        }
        if let Some(Value::Array(examples)) = obj.remove("examples") {
            if let Some(first) = examples.into_iter().next() {
                obj.entry("example").or_insert(first);
            }
        }
        if let Some(req) = obj.get("required") {
            if !req.is_array() {
                self.warnings.push(Diagnostic::warning(
                    format!("{ptr}/required"),
                    "`required` on a schema must be a list of property names; ignored",
                ));
                obj.remove("required");
            }
        }
        if let Some(d) = obj.get("discriminator") {
            if d.get("propertyName").and_then(Value::as_str).is_none() {
                self.warnings.push(Diagnostic::warning(
                    format!("{ptr}/discriminator"),
                    "discriminator without `propertyName`; ignored",
                ));
                obj.remove("discriminator");
            }
        }
        if let Some(Value::Array(values)) = obj.get_mut("enum") {
            let had_null = values.iter().any(Value::is_null);
            values.retain(|v| !v.is_null());
            let t = obj_type(values);
            if had_null {
                obj.insert("nullable".into(), Value::Bool(true));
            }
            if let (false, Some(t)) = (obj.contains_key("type"), t) {
                obj.insert("type".into(), Value::String(t.into()));
            }
            coerce_enum(obj, ptr, self.warnings);
        }

        // Recurse into sub-schemas.
        if let Some(Value::Object(props)) = obj.get_mut("properties") {
            for (name, p) in props.iter_mut() {
                self.schema(p, &pointer_join(ptr, &["properties", name]));
            }
        }
        match obj.get_mut("items") {
            Some(Value::Array(tuple)) => {
                // Tuple form: keep the first schema, the rest cannot be typed per position.
                self.warnings.push(Diagnostic::warning(
                    format!("{ptr}/items"),
                    "tuple `items` (a list of schemas) cannot be typed per position; every item is typed by the first schema",
                ));
                let first = tuple.first().cloned().unwrap_or(Value::Object(Map::new()));
                obj.insert("items".into(), first);
                if let Some(i) = obj.get_mut("items") {
                    self.schema(i, &format!("{ptr}/items"));
                }
            }
            Some(i) => self.schema(i, &format!("{ptr}/items")),
            None => {}
        }
        if let Some(ap) = obj.get_mut("additionalProperties") {
            if ap.is_object() {
                self.schema(ap, &format!("{ptr}/additionalProperties"));
            }
        }
        if let Some(not) = obj.get_mut("not") {
            self.schema(not, &format!("{ptr}/not"));
        }
        for key in ["$defs", "definitions"] {
            if let Some(Value::Object(defs)) = obj.get_mut(key) {
                for (name, d) in defs.iter_mut() {
                    self.schema(d, &pointer_join(ptr, &[key, name]));
                }
            }
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            let Some(Value::Array(branches)) = obj.get_mut(key) else {
                continue;
            };
            let before = branches.len();
            if key != "allOf" {
                branches.retain(|b| !is_null_schema(b));
            }
            let dropped_null = branches.len() != before;
            for (i, b) in branches.iter_mut().enumerate() {
                self.schema(b, &format!("{ptr}/{key}/{i}"));
            }
            if dropped_null {
                obj.insert("nullable".into(), Value::Bool(true));
                if let Some(Value::Array(branches)) = obj.get_mut(key) {
                    if branches.len() == 1 {
                        // oneOf [X, null] -> allOf [X] + nullable
                        let only = branches.remove(0);
                        obj.remove(key);
                        let all_of = obj.entry("allOf").or_insert_with(|| Value::Array(vec![]));
                        if let Value::Array(a) = all_of {
                            a.insert(0, only);
                        }
                    } else if branches.is_empty() {
                        obj.remove(key);
                    }
                }
            }
        }
        for key in [
            "prefixItems",
            "patternProperties",
            "if",
            "then",
            "else",
            "dependentSchemas",
            "unevaluatedProperties",
            "contains",
            "propertyNames",
        ] {
            obj.remove(key);
        }
    }
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

fn strip_ref_siblings(obj: &mut Map<String, Value>) {
    obj.retain(|k, _| k == "$ref");
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

fn obj_type(values: &[Value]) -> Option<&'static str> {
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

/// openapiv3 types enum values by the schema's type; make them agree with it.
fn coerce_enum(obj: &mut Map<String, Value>, ptr: &str, warnings: &mut Vec<Diagnostic>) {
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
        for v in values.iter_mut() {
            if !v.is_string() {
                let text = match &*v {
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    other => other.to_string(),
                };
                *v = Value::String(text);
            }
        }
        return;
    }
    warnings.push(Diagnostic::warning(
        format!("{ptr}/enum"),
        "enum values do not match the schema's type; the enum is ignored",
    ));
    obj.remove("enum");
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema(s: Value) -> (Value, Vec<Diagnostic>) {
        let doc = json!({"openapi": "3.1.0", "paths": {}, "components": {"schemas": {"S": s}}});
        let mut warnings = Vec::new();
        let out = normalize(doc, &mut warnings);
        (out["components"]["schemas"]["S"].clone(), warnings)
    }

    #[test]
    fn type_arrays_with_null() {
        let (s, _) = schema(json!({"type": ["string", "null"], "format": "date-time"}));
        assert_eq!(
            s,
            json!({"type": "string", "format": "date-time", "nullable": true})
        );
        let (s, _) = schema(json!({"type": ["string", "integer"]}));
        assert_eq!(
            s,
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]})
        );
    }

    #[test]
    fn one_of_with_a_null_branch() {
        let (s, _) =
            schema(json!({"oneOf": [{"$ref": "#/components/schemas/X"}, {"type": "null"}]}));
        assert_eq!(
            s,
            json!({"allOf": [{"$ref": "#/components/schemas/X"}], "nullable": true})
        );
        let (s, _) =
            schema(json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}));
        assert_eq!(
            s,
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": true})
        );
    }

    #[test]
    fn const_exclusive_bounds_and_examples() {
        let (s, _) = schema(json!({"const": "MILLI_USD"}));
        assert_eq!(s, json!({"type": "string", "enum": ["MILLI_USD"]}));
        let (s, _) = schema(
            json!({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10, "examples": [3, 4]}),
        );
        assert_eq!(
            s,
            json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true, "example": 3})
        );
    }

    #[test]
    fn ref_siblings_are_kept_through_all_of() {
        let (s, _) = schema(
            json!({"$ref": "#/components/schemas/X", "description": "Why", "nullable": true}),
        );
        assert_eq!(
            s,
            json!({"allOf": [{"$ref": "#/components/schemas/X"}], "description": "Why", "nullable": true})
        );
    }

    #[test]
    fn properties_named_like_keywords_are_untouched() {
        let (s, _) = schema(json!({"type": "object", "properties": {
            "const": {"type": "string"}, "type": {"type": ["string", "null"]}, "examples": {"type": "array", "items": {"type": "string"}}
        }}));
        assert_eq!(s["properties"]["const"], json!({"type": "string"}));
        assert_eq!(
            s["properties"]["type"],
            json!({"type": "string", "nullable": true})
        );
        assert_eq!(s["properties"]["examples"]["type"], json!("array"));
    }

    #[test]
    fn webhooks_and_callbacks_are_noted() {
        let doc = json!({"openapi": "3.1.0", "webhooks": {"x": {}}, "paths": {"/a": {"post": {
            "callbacks": {"cb": {}}, "responses": {"200": {"description": "ok"}}}}}});
        let mut warnings = Vec::new();
        let out = normalize(doc, &mut warnings);
        assert!(out.get("webhooks").is_none());
        assert!(out["paths"]["/a"]["post"].get("callbacks").is_none());
        let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(pointers, ["/webhooks", "/paths/~1a/post/callbacks"]);
    }

    #[test]
    fn sloppy_3_0_is_repaired_with_warnings() {
        let (s, w) = schema(json!({"type": "file", "required": true, "enum": [1, "a"]}));
        assert!(s.get("type").is_none() && s.get("required").is_none());
        assert_eq!(w.len(), 2, "{w:#?}");
        let (s, w) =
            schema(json!({"type": "array", "items": [{"type": "string"}, {"type": "integer"}]}));
        assert_eq!(s["items"], json!({"type": "string"}));
        assert_eq!(w[0].pointer, "/components/schemas/S/items");
    }
}
