use super::super::normalize;
use super::super::refs::hoisted_name;
use super::{document, errors};
use serde_json::{json, Value};

const JSON: &str = "application/json";

/// A document whose `GET /pets` answers `response_schema`, with `schemas` as components.
fn pets(response_schema: Value, schemas: Value) -> Value {
    json!({"openapi": "3.1.0", "paths": {"/pets": {"get": {"responses": {"200": {
        "description": "ok", "content": {JSON: {"schema": response_schema}}}}}}},
        "components": {"schemas": schemas}})
}

fn response_schema(doc: &Value) -> &Value {
    &doc["paths"]["/pets"]["get"]["responses"]["200"]["content"][JSON]["schema"]
}

#[test]
fn hoisted_names_come_from_the_pointer() {
    for (pointer, name) in [
        (
            "/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema",
            "PetsIdGet200Response",
        ),
        ("/components/schemas/Foo/properties/bar", "FooBar"),
        ("/components/schemas/Foo/properties/bar/items", "FooBarItem"),
        (
            "/paths/~1v2~1keys/get/responses/200/content/application~1json/schema/allOf/1",
            "KeysGet200ResponsePart2",
        ),
        ("/paths/~1a/post/requestBody", "APostBody"),
        ("/paths/~1v1/get", "V1Get"),
        ("/paths/~1a/get/parameters/0", "AGetParameter0"),
        (
            "/components/schemas/U/oneOf/0/additionalProperties",
            "UVariant1Value",
        ),
        ("", "Hoisted"),
    ] {
        assert_eq!(hoisted_name(pointer), name, "{pointer}");
    }
}

#[test]
fn a_ref_into_a_component_property_is_hoisted() {
    let doc = pets(
        json!({"$ref": "#/components/schemas/Pet/properties/owner"}),
        json!({"Pet": {"type": "object", "properties": {
            "owner": {"type": "object", "description": "Who", "properties": {"name": {"type": "string"}}}}},
            "PetOwner": {"type": "string"}}),
    );
    let (doc, diags) = document(doc);
    assert!(diags.is_empty(), "{diags:#?}");
    let schemas = &doc["components"]["schemas"];
    // `PetOwner` is taken, so the hoisted definition is `PetOwner2`; its old place refers to it
    // and keeps its documentation.
    assert_eq!(
        schemas["PetOwner2"]["properties"]["name"],
        json!({"type": "string"})
    );
    assert_eq!(
        schemas["Pet"]["properties"]["owner"],
        json!({"description": "Who", "allOf": [{"$ref": "#/components/schemas/PetOwner2"}]})
    );
    assert_eq!(
        response_schema(&doc),
        &json!({"$ref": "#/components/schemas/PetOwner2"})
    );
}

#[test]
fn a_ref_into_a_path_response_schema_is_hoisted_once() {
    let shared = "#/paths/~1pets/get/responses/200/content/application~1json/schema";
    let mut doc = pets(
        json!({"type": "object", "description": "d", "properties": {"next": {"$ref": shared}}}),
        json!({"Other": {"type": "array", "items": {"$ref": shared}}}),
    );
    doc["paths"]["/dogs"] = json!({"get": {"responses": {"200": {"description": "",
        "content": {JSON: {"schema": {"$ref": shared}}}}}}});
    let mut diags = Vec::new();
    let out = normalize(doc, &mut diags);
    assert!(diags.is_empty(), "{diags:#?}");
    let doc = out.doc;
    let to = json!({"$ref": "#/components/schemas/PetsGet200Response"});
    let hoisted = &doc["components"]["schemas"]["PetsGet200Response"];
    assert_eq!(
        hoisted["properties"]["next"], to,
        "the inner self-reference follows"
    );
    // Only a property keeps documentation beside the reference that replaces it.
    assert_eq!(response_schema(&doc), &to);
    assert_eq!(doc["components"]["schemas"]["Other"]["items"], to);
    assert_eq!(
        doc["paths"]["/dogs"]["get"]["responses"]["200"]["content"][JSON]["schema"],
        to
    );
    // Diagnostics about the hoisted schema map back to where the user wrote it.
    assert!(out.moves.contains(&(
        "/components/schemas/PetsGet200Response".to_owned(),
        shared.trim_start_matches('#').to_owned()
    )));
}

#[test]
fn nested_targets_are_hoisted_deepest_first() {
    let base = "#/paths/~1pets/get/responses/200/content/application~1json/schema";
    let doc = pets(
        json!({"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "object"}}}}}),
        json!({"A": {"$ref": format!("{base}/properties/a")},
               "B": {"$ref": format!("{base}/properties/a/properties/b")}}),
    );
    let (doc, diags) = document(doc);
    assert!(diags.is_empty(), "{diags:#?}");
    let schemas = &doc["components"]["schemas"];
    let names: Vec<&String> = schemas.as_object().unwrap().keys().collect();
    assert_eq!(
        names,
        ["A", "B", "PetsGet200ResponseA", "PetsGet200ResponseAB"]
    );
    assert_eq!(
        schemas["PetsGet200ResponseA"]["properties"]["b"],
        json!({"$ref": "#/components/schemas/PetsGet200ResponseAB"})
    );
}

#[test]
fn chains_of_refs_lead_to_the_definition() {
    let base = "#/paths/~1pets/get/responses/200/content/application~1json/schema";
    let doc = pets(
        json!({"type": "object", "properties": {
            "a": {"$ref": format!("{base}/properties/b")},
            "b": {"$ref": "#/components/schemas/Pet"},
            "c": {"$ref": format!("{base}/properties/a")}}}),
        json!({"Pet": {"type": "object"}, "Alias": {"$ref": "#/components/schemas/Pet"}}),
    );
    let (doc, diags) = document(doc);
    assert!(diags.is_empty(), "{diags:#?}");
    let props = &response_schema(&doc)["properties"];
    for p in ["a", "b", "c"] {
        assert_eq!(props[p], json!({"$ref": "#/components/schemas/Pet"}), "{p}");
    }
    // A component that is a bare reference stays: it is a named alias.
    assert_eq!(
        doc["components"]["schemas"]["Alias"],
        json!({"$ref": "#/components/schemas/Pet"})
    );
}

#[test]
fn a_cycle_of_refs_is_an_error_once() {
    let base = "#/paths/~1pets/get/responses/200/content/application~1json/schema";
    let doc = pets(
        json!({"type": "object", "properties": {
            "a": {"$ref": format!("{base}/properties/b")},
            "b": {"$ref": format!("{base}/properties/a")},
            "c": {"$ref": format!("{base}/properties/a")}}}),
        json!({}),
    );
    let (_, diags) = document(doc);
    let e = errors(&diags);
    assert_eq!(e.len(), 1, "{diags:#?}");
    assert_eq!(
        e[0].pointer,
        "/paths/~1pets/get/responses/200/content/application~1json/schema/properties/a"
    );
    assert!(e[0].message.contains("is cyclic"), "{}", e[0].message);
}

#[test]
fn components_that_alias_themselves_are_an_error() {
    let doc = pets(
        json!({"$ref": "#/components/schemas/A"}),
        json!({"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"},
               "C": {"$ref": "#/components/schemas/A"}}),
    );
    let (_, diags) = document(doc);
    let e = errors(&diags);
    assert_eq!(e.len(), 1, "{diags:#?}");
    assert_eq!(e[0].pointer, "/components/schemas/A");
    assert!(
        e[0].message.contains("alias of itself") && e[0].message.contains("A -> B -> A"),
        "{}",
        e[0].message
    );
}

#[test]
fn dangling_external_and_misplaced_refs_are_errors_where_written() {
    let doc = pets(
        json!({"type": "object", "properties": {
            "a": {"$ref": "#/components/schemas/Missing"},
            "b": {"$ref": "other.yaml#/Pet"},
            "c": {"$ref": "#/paths/~1pets/get/responses/404"},
            "d": {"$ref": "#/openapi"},
            "e": {"$ref": "#/components/parameters/P"}}}),
        json!({}),
    );
    let (_, diags) = document(doc);
    let e = errors(&diags);
    let base = "/paths/~1pets/get/responses/200/content/application~1json/schema/properties";
    let got: Vec<(String, &str)> = e
        .iter()
        .map(|d| (d.pointer.replace(base, ""), d.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "/a".into(),
                "`$ref` `#/components/schemas/Missing` points at nothing"
            ),
            (
                "/b".into(),
                "external `$ref` `other.yaml#/Pet` is not supported"
            ),
            (
                "/c".into(),
                "`$ref` `#/paths/~1pets/get/responses/404` points at nothing"
            ),
            (
                "/d".into(),
                "`$ref` `#/openapi` points at something else, where a schema belongs"
            ),
            (
                "/e".into(),
                "`$ref` `#/components/parameters/P` points at a parameter, where a schema belongs"
            ),
        ]
    );
    assert!(e[0].help.as_deref().unwrap().contains("`Missing`"));
}

#[test]
fn refs_are_resolved_where_the_user_wrote_them() {
    // The user's `oneOf/1` is `allOf/0` after normalisation; a reference to it still works.
    let doc = pets(
        json!({"$ref": "#/components/schemas/U/oneOf/1"}),
        json!({"U": {"oneOf": [{"type": "null"}, {"type": "object", "properties": {"x": {"type": "string"}}}]}}),
    );
    let (doc, diags) = document(doc);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(
        doc["components"]["schemas"]["U"]["allOf"][0],
        json!({"$ref": "#/components/schemas/UVariant2"})
    );
    assert_eq!(
        doc["components"]["schemas"]["UVariant2"]["properties"]["x"],
        json!({"type": "string"})
    );
}

#[test]
fn other_kinds_are_hoisted_into_their_sections() {
    let doc = json!({"openapi": "3.1.0", "paths": {
        "/a": {"get": {"parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
            "responses": {"404": {"description": "gone"}}}},
        "/b": {"get": {"parameters": [{"$ref": "#/paths/~1a/get/parameters/0"}],
            "responses": {"404": {"$ref": "#/paths/~1a/get/responses/404"}}}}}});
    let (doc, diags) = document(doc);
    assert!(diags.is_empty(), "{diags:#?}");
    let c = &doc["components"];
    assert_eq!(c["parameters"]["AGetParameter0"]["name"], json!("q"));
    assert_eq!(
        c["responses"]["AGet404Response"]["description"],
        json!("gone")
    );
    assert_eq!(
        doc["paths"]["/b"]["get"]["parameters"][0],
        json!({"$ref": "#/components/parameters/AGetParameter0"})
    );
    assert_eq!(
        doc["paths"]["/a"]["get"]["responses"]["404"],
        json!({"$ref": "#/components/responses/AGet404Response"})
    );
}

#[test]
fn path_items_are_copied_and_mappings_follow() {
    let doc = json!({"openapi": "3.1.0", "paths": {
        "/a": {"$ref": "#/components/pathItems/A"},
        "/b": {"$ref": "#/paths/~1a", "summary": "b"}},
        "components": {"pathItems": {"A": {"get": {"responses": {}}}},
            "schemas": {"U": {"oneOf": [{"$ref": "#/components/schemas/U/$defs/X"}],
                "discriminator": {"propertyName": "k", "mapping": {"x": "#/components/schemas/U/$defs/X"}},
                "$defs": {"X": {"type": "object"}}}}}});
    let (doc, diags) = document(doc);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(doc["paths"]["/a"], json!({"get": {"responses": {}}}));
    assert_eq!(
        doc["paths"]["/b"],
        json!({"get": {"responses": {}}, "summary": "b"})
    );
    let u = &doc["components"]["schemas"]["U"];
    assert_eq!(u["oneOf"][0], json!({"$ref": "#/components/schemas/UX"}));
    assert_eq!(
        u["discriminator"]["mapping"]["x"],
        json!("#/components/schemas/UX")
    );
}

#[test]
fn component_refs_get_one_spelling() {
    let doc = pets(
        json!({"$ref": "#/components/schemas/A%20B"}),
        json!({"A B": {"type": "string"}}),
    );
    let (doc, diags) = document(doc);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(
        response_schema(&doc),
        &json!({"$ref": "#/components/schemas/A B"})
    );
}
