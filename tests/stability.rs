//! Names are stable: adding operations and schemas to a spec does not rename any item that
//! was already generated.

use boltz_codegen::{generate_str, Options};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Every public item of the generated crate: `file: kind name`.
fn items(doc: &Value) -> BTreeSet<String> {
    let generated = generate_str("spec.json", &doc.to_string(), &Options::default(), "(test)")
        .expect("generates");
    let mut out = BTreeSet::new();
    for (path, text) in &generated.files {
        for line in text.lines() {
            let t = line.trim_start();
            for kind in ["pub struct ", "pub enum ", "pub type ", "pub fn "] {
                if let Some(rest) = t.strip_prefix(kind) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '#')
                        .collect();
                    out.insert(format!("{path}: {kind}{name}"));
                }
            }
        }
    }
    out
}

fn boltz() -> Value {
    let text = std::fs::read_to_string("spec/boltz-api.yaml").unwrap();
    serde_json::to_value(serde_yaml::from_str::<serde_yaml::Value>(&text).unwrap()).unwrap()
}

/// Puts `path` first in the document's `paths`, so it is lowered before every other one.
fn prepend_path(doc: &mut Value, path: &str, item: Value) {
    let paths = doc["paths"].as_object().unwrap().clone();
    let mut new = serde_json::Map::new();
    new.insert(path.to_owned(), item);
    new.extend(paths);
    doc["paths"] = Value::Object(new);
}

fn assert_kept(before: &BTreeSet<String>, after: &BTreeSet<String>) {
    let lost: Vec<&String> = before.difference(after).collect();
    assert!(lost.is_empty(), "items renamed or lost: {lost:#?}");
    assert!(
        after.len() > before.len(),
        "the additions generated nothing new"
    );
}

#[test]
fn adding_operations_and_schemas_keeps_boltz_names() {
    let mut doc = boltz();
    let before = items(&doc);
    doc["components"]["schemas"]["WorkspaceMember"] = json!({
        "type": "object", "required": ["id"],
        "properties": {"id": {"type": "string"}, "role": {"type": "string", "enum": ["owner", "viewer"]}}
    });
    prepend_path(
        &mut doc,
        "/compute/v1/admin/workspaces/{workspace_id}/members",
        json!({
            "parameters": [{"$ref": "#/components/parameters/WorkspaceId"}],
            "get": {"operationId": "listMembers", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/WorkspaceMember"}}}}}}}}},
            "post": {"operationId": "addMember", "requestBody": {"content": {"application/json": {"schema": {
                "type": "object", "properties": {"email": {"type": "string"}, "role": {"type": "string", "enum": ["owner", "viewer"]}}}}}},
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorkspaceMember"}}}}}}
        }),
    );
    prepend_path(
        &mut doc,
        "/compute/v1/admin/api-keys/{api_key_id}",
        json!({
            "delete": {"operationId": "deleteApiKey", "parameters": [{"name": "api_key_id", "in": "path", "required": true, "schema": {"type": "string"}}],
                       "responses": {"204": {"description": "gone"}}}
        }),
    );
    assert_kept(&before, &items(&doc));
}

#[test]
fn adding_operations_keeps_corpus_names() {
    let text = std::fs::read_to_string("../shared/corpus/specs/twitter.com_current.json").unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    let before = items(&doc);
    prepend_path(
        &mut doc,
        "/2/zzz/new/{id}",
        json!({
            "get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"kind": {"type": "string", "enum": ["a", "b"]}}}}}}}}
        }),
    );
    doc["components"]["schemas"]["BrandNewSchema"] =
        json!({"type": "object", "properties": {"x": {"type": "integer"}}});
    assert_kept(&before, &items(&doc));
}

/// A new component named like an existing inline type: without a baseline the component
/// would take the name (components are named first); regenerating over the crate keeps the
/// inline type's name and renames the newcomer.
#[test]
fn a_new_component_named_like_an_inline_type_is_the_one_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let before = boltz();
    let old_path = dir.path().join("old.json");
    std::fs::write(&old_path, before.to_string()).unwrap();
    let out = dir.path().join("crate");
    let generated =
        boltz_codegen::generate_file(&old_path, &Options::default(), "(test)").expect("generates");
    boltz_codegen::write::write(&generated.files, &out).unwrap();
    let old_items = items(&before);
    // The inline enum of `ApiKeyCreateParams.mode`, named after its parent and property.
    let mut after = before.clone();
    let taken = "ApiKeyCreateParamsMode";
    assert!(
        old_items
            .iter()
            .any(|i| i.ends_with(&format!("pub enum {taken}"))),
        "{old_items:#?}"
    );
    after["components"]["schemas"][taken] =
        json!({"type": "object", "properties": {"x": {"type": "integer"}}});
    let new_path = dir.path().join("new.json");
    std::fs::write(&new_path, after.to_string()).unwrap();
    let options = Options {
        previous_names: boltz_codegen::baseline_names(&out, &Options::default()).unwrap(),
        ..Options::default()
    };
    let regenerated =
        boltz_codegen::generate_file(&new_path, &options, "(test)").expect("generates");
    let models: String = regenerated
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("src/models/"))
        .map(|(_, t)| t.as_str())
        .collect();
    // The inline enum keeps its name; the new component is the one renamed.
    assert!(models.contains(&format!("pub enum {taken} {{")), "{models}");
    assert!(
        models.contains(&format!("pub struct {taken}2 {{")),
        "{models}"
    );
    // Without the baseline, the newcomer would have taken the name.
    let fresh = items(&after);
    assert!(
        fresh
            .iter()
            .any(|i| i.ends_with(&format!("pub struct {taken}"))),
        "{fresh:#?}"
    );
}
