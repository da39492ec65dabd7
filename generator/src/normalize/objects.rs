//! The rewrites of the objects that hold schemas: operations, parameters, request bodies,
//! responses, headers and media types.

use super::{Cx, Rewrite};
use serde_json::{json, Map, Value};

pub const OPERATION: &[(&str, Rewrite)] = &[
    ("drop_callbacks", drop_callbacks),
    ("default_responses", default_responses),
];
pub const PARAMETER: &[(&str, Rewrite)] = &[
    ("ref_only", ref_only),
    ("path_required", path_required),
    ("default_schema", default_parameter_schema),
];
pub const REQUEST_BODY: &[(&str, Rewrite)] = &[("ref_only", ref_only)];
pub const RESPONSE: &[(&str, Rewrite)] = &[
    ("ref_only", ref_only),
    ("default_description", default_description),
    ("drop_links", drop_links),
];
pub const HEADER: &[(&str, Rewrite)] = &[
    ("ref_only", ref_only),
    ("default_schema", default_header_schema),
];
pub const MEDIA_TYPE: &[(&str, Rewrite)] = &[("drop_encoding", drop_encoding)];

/// Callbacks describe requests the API makes; the SDK only sends them. Dropped, with a warning.
fn drop_callbacks(obj: &mut Map<String, Value>, cx: &mut Cx) {
    if obj.remove("callbacks").is_some() {
        cx.warn(
            "callbacks",
            "callbacks are ignored: the SDK sends requests and does not receive them",
        );
    }
}

/// 3.1 makes `responses` optional; the model requires it.
fn default_responses(obj: &mut Map<String, Value>, _: &mut Cx) {
    if !obj.get("responses").is_some_and(Value::is_object) {
        obj.insert("responses".into(), Value::Object(Map::new()));
    }
}

/// Beside a `$ref` in these objects only documentation overrides are allowed; they go.
fn ref_only(obj: &mut Map<String, Value>, _: &mut Cx) {
    if obj.contains_key("$ref") {
        obj.retain(|k, _| k == "$ref");
    }
}

/// A path parameter is always required; a `required` that says otherwise is overridden, with
/// a warning.
fn path_required(obj: &mut Map<String, Value>, cx: &mut Cx) {
    if obj.get("in").and_then(Value::as_str) != Some("path") {
        return;
    }
    if obj.get("required").is_some_and(|r| r != &Value::Bool(true)) {
        cx.warn(
            "required",
            "a path parameter is always required; `required` is taken as `true`",
        );
    }
    obj.insert("required".into(), Value::Bool(true));
}

/// The model requires `schema` or `content`; a parameter with neither is typed as a string (what
/// it is on the wire), with a warning.
fn default_parameter_schema(obj: &mut Map<String, Value>, cx: &mut Cx) {
    if !obj.contains_key("schema") && !obj.contains_key("content") {
        cx.warn(
            "",
            "parameter without `schema` or `content`; typed as a string",
        );
        obj.insert("schema".into(), json!({"type": "string"}));
    }
}

/// The same for response headers, silently: the SDK does not read them.
fn default_header_schema(obj: &mut Map<String, Value>, _: &mut Cx) {
    if !obj.contains_key("schema") && !obj.contains_key("content") {
        obj.insert("schema".into(), json!({"type": "string"}));
    }
}

/// The model requires a response description.
fn default_description(obj: &mut Map<String, Value>, _: &mut Cx) {
    if !obj.contains_key("description") {
        obj.insert("description".into(), Value::String(String::new()));
    }
}

/// Links document follow-up calls; the SDK does not use them.
fn drop_links(obj: &mut Map<String, Value>, _: &mut Cx) {
    obj.remove("links");
}

/// Per-part encodings of multipart and form bodies are not applied: each part is encoded from
/// its schema. Dropped, with a warning.
fn drop_encoding(obj: &mut Map<String, Value>, cx: &mut Cx) {
    if obj.remove("encoding").is_some() {
        cx.warn(
            "encoding",
            "`encoding` is ignored: each part or field is encoded from its schema",
        );
    }
}
