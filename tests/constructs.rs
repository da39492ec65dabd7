//! How particular schema constructs come out (the generated text, checked piece by piece).

use boltz_codegen::{generate_str, Options};
use serde_json::{json, Value};

fn models(schemas: Value) -> String {
    let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
                     "components": {"schemas": schemas}});
    let generated = generate_str("spec.json", &doc.to_string(), &Options::default(), "(test)")
        .expect("generates");
    assert!(generated.warnings.is_empty(), "{:#?}", generated.warnings);
    generated
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("src/models/"))
        .map(|(_, t)| t.as_str())
        .collect()
}

#[test]
fn all_of_with_a_one_of_becomes_a_union_of_merged_structs() {
    let out = models(json!({
        "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
        "Card": {"type": "object", "required": ["kind", "last4"], "properties": {"kind": {"type": "string"}, "last4": {"type": "string"}}},
        "Bank": {"type": "object", "required": ["kind", "iban"], "properties": {"kind": {"type": "string"}, "iban": {"type": "string"}}},
        "Payment": {"allOf": [
            {"$ref": "#/components/schemas/Base"},
            {"oneOf": [{"$ref": "#/components/schemas/Card"}, {"$ref": "#/components/schemas/Bank"}],
             "discriminator": {"propertyName": "kind", "mapping": {"card": "#/components/schemas/Card", "bank": "#/components/schemas/Bank"}}}
        ]}
    }));
    assert!(out.contains("pub enum Payment {"), "{out}");
    assert!(
        out.contains("Card(PaymentCard)") && out.contains("Bank(PaymentBank)"),
        "{out}"
    );
    // Each merged struct has the base's fields and its branch's.
    let card = out
        .split("pub struct PaymentCard {")
        .nth(1)
        .expect("PaymentCard")
        .split('}')
        .next()
        .unwrap();
    assert!(
        card.contains("pub id: String") && card.contains("pub last4: String"),
        "{card}"
    );
    // The discriminator picks the branch.
    assert!(
        out.contains("Some(\"card\") =>") && out.contains("Some(\"bank\") =>"),
        "{out}"
    );
}

#[test]
fn enums_and_presence() {
    let out = models(json!({
        "Thing": {"type": "object", "required": ["level", "id"], "properties": {
            "id": {"type": "string", "readOnly": true},
            "level": {"type": "integer", "enum": [1, 2, 3]},
            "color": {"type": "string", "enum": ["red", null]},
            "ratio": {"type": "number", "format": "float"},
            "count": {"type": "integer", "format": "int32"},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "anything": {}
        }}
    }));
    // readOnly fields are optional so the type can be sent without them.
    assert!(out.contains("pub id: Option<String>"), "{out}");
    assert!(out.contains("pub level: i64"), "{out}");
    assert!(
        out.contains("pub color: Option<Option<ThingColor>>"),
        "{out}"
    );
    // `format: float` is an f64 too: servers send more digits than an f32 keeps.
    assert!(
        out.contains("pub ratio: Option<f64>") && out.contains("pub count: Option<i32>"),
        "{out}"
    );
    assert!(
        out.contains("pub labels: Option<BTreeMap<String, String>>"),
        "{out}"
    );
    assert!(
        out.contains("pub anything: Option<serde_json::Value>"),
        "{out}"
    );
    // A present `null` of any-JSON field is kept (`Some(Null)`), not read as absent.
    assert!(
        out.contains(r#"deserialize_with = "crate::runtime::encode::present""#),
        "{out}"
    );
}

#[test]
fn deprecated_parameters_and_body_fields_deprecate_their_setters() {
    let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/things": {"post": {
        "parameters": [{"name": "legacy", "in": "query", "deprecated": true, "schema": {"type": "string"}}],
        "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
            "old": {"type": "string", "deprecated": true}, "fresh": {"type": "string"}}}}}},
        "responses": {"204": {"description": "ok"}}}}}});
    let generated =
        generate_str("spec.json", &doc.to_string(), &Options::default(), "(test)").unwrap();
    let resources = &generated.files["src/resources/things.rs"];
    for setter in ["legacy", "old"] {
        assert!(
            resources.contains(&format!("#[deprecated]\n    pub fn {setter}(")),
            "{setter}:\n{resources}"
        );
    }
    assert!(
        !resources.contains("#[deprecated]\n    pub fn fresh("),
        "{resources}"
    );
}

#[test]
fn properties_beside_all_of_are_merged_into_the_struct() {
    let out = models(json!({
        "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
        "Item": {"allOf": [{"$ref": "#/components/schemas/Base"}],
                 "required": ["name"], "properties": {"name": {"type": "string"}}}
    }));
    let item = out
        .split("pub struct Item {")
        .nth(1)
        .expect("Item is a struct")
        .split('}')
        .next()
        .unwrap();
    assert!(
        item.contains("pub id: String") && item.contains("pub name: String"),
        "{item}"
    );
}

/// An operation on the root path hangs from `Client` itself, which is the client (mailchimp's
/// `GET /` once emitted `self.client.clone()` on `Client`, and the crate did not compile),
/// behind the feature `root`.
#[test]
fn root_operations_start_from_the_client_itself() {
    let ok = json!({"200": {"description": "ok", "content": {"application/json": {"schema": {
        "type": "object", "properties": {"name": {"type": "string"}}}}}}});
    let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                     "paths": {"/": {"get": {"operationId": "getRoot", "responses": ok}}}});
    let generated = generate_str("spec.json", &doc.to_string(), &Options::default(), "(test)")
        .expect("generates");
    let resources = &generated.files["src/resources/client.rs"];
    assert!(
        resources.contains("GetRoot::new(self.clone())"),
        "{resources}"
    );
    assert!(!resources.contains("::new(self.client"), "{resources}");
    // They have a feature of their own, like a resource's.
    let module = &generated.files["src/resources/mod.rs"];
    assert!(
        module.contains("#[cfg(feature = \"root\")]\nmod client;"),
        "{module}"
    );
    assert!(generated.files["Cargo.toml"].contains("\nroot = []"));
}

/// A setter keeps its fallback doc when the spec's description is empty (zuora's
/// `"description": ""` left setters undocumented, and `deny(missing_docs)` failed the crate).
#[test]
fn empty_descriptions_fall_back_to_a_setter_doc() {
    let body = json!({"content": {"application/json": {"schema": {"type": "object",
        "properties": {"fiscal_quarter": {"type": "integer", "description": ""}}}}}});
    let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/periods": {"post": {"operationId": "create", "requestBody": body,
            "parameters": [{"name": "trace", "in": "header", "description": " ",
                            "schema": {"type": "string"}}],
            "responses": {"204": {"description": "done"}}}}}});
    let generated = generate_str("spec.json", &doc.to_string(), &Options::default(), "(test)")
        .expect("generates");
    let periods = &generated.files["src/resources/periods.rs"];
    assert!(
        periods.contains("/// Sets the body's `fiscal_quarter` field."),
        "{periods}"
    );
    assert!(
        periods.contains("/// Sets the `trace` parameter."),
        "{periods}"
    );
}

#[test]
fn types_no_operation_uses_are_built_with_every_resource_error_bodies_always() {
    // `Orphan` is used by no operation: it is built when every resource is, so `Pet` (of
    // the `pets` resource alone) can stay behind its feature; so is `Unused`, though it names
    // nothing gated. `Tag`, which both resources use, is built when either is on; `Problem`,
    // an error body naming nothing gated, always.
    let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
    "paths": {
        "/pets": {"get": {"responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
            "400": {"description": "bad", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}},
        "/stores": {"get": {"responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Store"}}}}}}}},
    "components": {"schemas": {
        "Tag": {"type": "object", "properties": {"name": {"type": "string"}}},
        "Pet": {"type": "object", "properties": {"tag": {"$ref": "#/components/schemas/Tag"}}},
        "Store": {"type": "object", "properties": {"tag": {"$ref": "#/components/schemas/Tag"}}},
        "Orphan": {"type": "object", "properties": {"pet": {"$ref": "#/components/schemas/Pet"}}},
        "Problem": {"type": "object", "properties": {"detail": {"type": "string"}}},
        "Unused": {"type": "object", "properties": {"note": {"type": "string"}}}
    }}});
    let generated =
        generate_str("spec.json", &doc.to_string(), &Options::default(), "(test)").unwrap();
    let file = |name: &str| &generated.files[&format!("src/models/{name}.rs")];
    assert!(file("unreferenced").contains("pub struct Orphan"));
    assert!(file("unreferenced").contains("pub struct Unused"));
    // An error body that names nothing gated is always built.
    assert!(file("shared").contains("pub struct Problem"));
    assert!(file("pets").contains("pub struct Pet"));
    assert!(file("shared_pets_and_stores").contains("pub struct Tag"));
    let mods = file("mod");
    for cfg in [
        r#"#[cfg(feature = "pets")]"#,
        r#"#[cfg(any(feature = "pets", feature = "stores"))]"#,
        r#"#[cfg(all(feature = "pets", feature = "stores"))]"#,
    ] {
        assert!(mods.contains(cfg), "{cfg} in {mods}");
    }
}
