//! Finds every example of a spec in the document as the user wrote it: schema `example` and
//! `examples` (component schemas and the schemas of JSON bodies, nested ones included) and
//! media-type `example` and `examples` of request and response bodies, following `$ref`s into
//! `components/examples`.

use crate::diag::pointer_join;
use serde_json::{Map, Value};

/// One example and the schema it illustrates.
#[derive(Debug, Clone)]
pub struct Example {
    /// Where the example sits in the user's file.
    pub pointer: String,
    /// The schema it illustrates (a pointer that names the same node in the normalised
    /// document, which keeps the user's layout for everything but hoisted `$ref` targets).
    pub schema: String,
    pub value: Value,
}

/// What the walk found: the examples, and notes on what it skipped.
#[derive(Debug, Default)]
pub struct Found {
    pub examples: Vec<Example>,
    pub notes: Vec<String>,
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Every example of the document.
pub fn collect(doc: &Value) -> Found {
    let mut found = Found::default();
    let mut walk = Walk {
        doc,
        found: &mut found,
    };
    for (name, schema) in entries(doc, "/components/schemas") {
        walk.schema(schema, &pointer_join("/components/schemas", &[name]));
    }
    for kind in ["requestBodies", "responses"] {
        let base = pointer_join("/components", &[kind]);
        for (name, item) in entries(doc, &base) {
            walk.content(item, &pointer_join(&base, &[name]));
        }
    }
    for (path, item) in entries(doc, "/paths") {
        for method in METHODS {
            let at = pointer_join("/paths", &[path, method]);
            let Some(op) = item.get(method) else { continue };
            if let Some(body) = op.get("requestBody") {
                walk.content(body, &pointer_join(&at, &["requestBody"]));
            }
            let responses = pointer_join(&at, &["responses"]);
            for (code, response) in entries(doc, &responses) {
                walk.content(response, &pointer_join(&responses, &[code]));
            }
        }
    }
    found
}

fn entries<'a>(doc: &'a Value, pointer: &str) -> Vec<(&'a String, &'a Value)> {
    doc.pointer(pointer)
        .and_then(Value::as_object)
        .map(|m| m.iter().collect())
        .unwrap_or_default()
}

/// Whether a media type carries JSON (`application/json`, `application/problem+json`, ...).
pub fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or_default().trim();
    essence == "application/json" || essence.ends_with("+json") || essence == "*/*"
}

struct Walk<'a> {
    doc: &'a Value,
    found: &'a mut Found,
}

impl Walk<'_> {
    fn push(&mut self, pointer: String, schema: &str, value: &Value) {
        self.found.examples.push(Example {
            pointer,
            schema: schema.to_owned(),
            value: value.clone(),
        });
    }

    /// A request body or response (a `$ref` is walked where it points, in `components`).
    fn content(&mut self, holder: &Value, at: &str) {
        if holder.get("$ref").is_some() {
            return;
        }
        let Some(content) = holder.get("content").and_then(Value::as_object) else {
            return;
        };
        for (media, item) in content {
            if !is_json(media) {
                continue;
            }
            let at = pointer_join(at, &["content", media]);
            self.media(item, &at);
        }
    }

    fn media(&mut self, media: &Value, at: &str) {
        let schema = pointer_join(at, &["schema"]);
        if let Some(value) = media.get("example") {
            self.push(pointer_join(at, &["example"]), &schema, value);
        }
        let named = media.get("examples").and_then(Value::as_object);
        for (name, entry) in named.into_iter().flatten() {
            let pointer = pointer_join(at, &["examples", name]);
            self.named_example(entry, pointer, &schema);
        }
        if let Some(s) = media.get("schema") {
            self.schema(s, &schema);
        }
    }

    /// An Example Object, or a `$ref` to one in `components/examples`.
    fn named_example(&mut self, entry: &Value, pointer: String, schema: &str) {
        let target = match entry.get("$ref").and_then(Value::as_str) {
            Some(r) => match r.strip_prefix('#').and_then(|p| self.doc.pointer(p)) {
                Some(t) => t,
                None => {
                    let note = format!("{pointer}: $ref {r} is not in this document, skipped");
                    self.found.notes.push(note);
                    return;
                }
            },
            None => entry,
        };
        if let Some(value) = target.get("value") {
            self.push(pointer, schema, value);
        } else if target.get("externalValue").is_some() {
            let note = format!("{pointer}: externalValue is not fetched, skipped");
            self.found.notes.push(note);
        }
    }

    /// A schema and the schemas inside it (a `$ref` is walked where it points).
    fn schema(&mut self, schema: &Value, at: &str) {
        let Some(obj) = schema.as_object() else {
            return;
        };
        if obj.contains_key("$ref") {
            return;
        }
        if let Some(value) = obj.get("example") {
            self.push(pointer_join(at, &["example"]), at, value);
        }
        // 3.1 `examples` is a list; a map there is not JSON Schema, and says nothing typed.
        if let Some(list) = obj.get("examples").and_then(Value::as_array) {
            for (i, value) in list.iter().enumerate() {
                self.push(pointer_join(at, &["examples", &i.to_string()]), at, value);
            }
        }
        self.children(obj, at);
    }

    fn children(&mut self, obj: &Map<String, Value>, at: &str) {
        for (name, s) in obj
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            self.schema(s, &pointer_join(at, &["properties", name]));
        }
        for key in ["items", "additionalProperties"] {
            if let Some(s) = obj.get(key) {
                self.schema(s, &pointer_join(at, &[key]));
            }
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            for (i, s) in obj
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                self.schema(s, &pointer_join(at, &[key, &i.to_string()]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_schema_media_and_referenced_examples() {
        let doc = json!({
            "components": {
                "schemas": {"Pet": {"type": "object", "example": {"a": 1},
                    "properties": {"name": {"type": "string", "examples": ["x", "y"]}}}},
                "examples": {"One": {"value": {"a": 2}}, "Far": {"externalValue": "x.json"}}
            },
            "paths": {"/pets": {"post": {
                "requestBody": {"content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Pet"},
                    "example": {"a": 3},
                    "examples": {"one": {"$ref": "#/components/examples/One"},
                                 "far": {"$ref": "#/components/examples/Far"}}}}},
                "responses": {"200": {"content": {"text/plain": {"example": "no"}}}}
            }}}
        });
        let found = collect(&doc);
        let pointers: Vec<&str> = found.examples.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/components/schemas/Pet/example",
                "/components/schemas/Pet/properties/name/examples/0",
                "/components/schemas/Pet/properties/name/examples/1",
                "/paths/~1pets/post/requestBody/content/application~1json/example",
                "/paths/~1pets/post/requestBody/content/application~1json/examples/one",
            ]
        );
        assert_eq!(found.examples[4].value, json!({"a": 2}));
        assert_eq!(
            found.examples[4].schema,
            "/paths/~1pets/post/requestBody/content/application~1json/schema"
        );
        assert_eq!(found.notes.len(), 1, "{:?}", found.notes);
    }
}
