use super::super::objects;
use super::super::schema::REWRITES;
use super::super::walk::Origin;
use super::{document, run, schema};
use serde_json::json;

#[test]
fn every_rewrite_is_tested_here() {
    let source = include_str!("rewrites.rs");
    let lists = [
        REWRITES,
        objects::OPERATION,
        objects::PARAMETER,
        objects::RESPONSE,
        objects::HEADER,
        objects::MEDIA_TYPE,
    ];
    for (name, _) in lists.iter().flat_map(|l| l.iter()) {
        assert!(
            source.contains(&format!("\"{name}\"")),
            "rewrite `{name}` has no test"
        );
    }
}

#[test]
fn object_schema() {
    let (s, w) = schema(json!(true));
    assert_eq!((s, w.len()), (json!({}), 0));
    let (s, w) = schema(json!(false));
    assert_eq!(s, json!({}));
    assert_eq!(w[0].pointer, "/components/schemas/S");
    let (_, w) = schema(json!("string"));
    assert!(w[0].message.contains("must be an object"), "{w:?}");
}

#[test]
fn ref_siblings() {
    let (s, _, origins) = run(
        REWRITES,
        "ref_siblings",
        json!({"$ref": "#/components/schemas/X", "description": "Why", "allOf": [{"title": "a"}]}),
    );
    assert_eq!(
        s,
        json!({"allOf": [{"$ref": "#/components/schemas/X"}, {"title": "a"}], "description": "Why"})
    );
    // The wrapped reference came from the node itself; the user's allOf/0 is now allOf/1.
    assert_eq!(origins.member("allOf", 0), Some(&Origin::made_from("/S")));
    assert_eq!(
        origins.member("allOf", 1),
        Some(&Origin::user("/S/allOf/0".into()))
    );
    let (s, _, _) = run(
        REWRITES,
        "ref_siblings",
        json!({"$ref": "#/components/schemas/X", "summary": "s", "x-a": 1}),
    );
    assert_eq!(s, json!({"$ref": "#/components/schemas/X"}));
}

#[test]
fn type_list() {
    let (s, w, _) = run(REWRITES, "type_list", json!({"type": ["string", "null"]}));
    assert_eq!(
        (s, w.len()),
        (json!({"type": "string", "nullable": true}), 0)
    );
    let (s, _, origins) = run(
        REWRITES,
        "type_list",
        json!({"type": ["string", "integer"]}),
    );
    assert_eq!(
        s,
        json!({"anyOf": [{"type": "string"}, {"type": "integer"}]})
    );
    assert_eq!(
        origins.member("anyOf", 1),
        Some(&Origin::made_from("/S/type"))
    );
    let (s, w, _) = run(
        REWRITES,
        "type_list",
        json!({"type": ["string", "integer"], "oneOf": [{}]}),
    );
    assert_eq!(s, json!({"oneOf": [{}]}));
    assert_eq!(w[0].pointer, "/S/type");
}

#[test]
fn null_type_and_unknown_type() {
    let (s, _, _) = run(REWRITES, "null_type", json!({"type": "null"}));
    assert_eq!(s, json!({"nullable": true}));
    let (s, w, _) = run(REWRITES, "unknown_type", json!({"type": "file"}));
    assert_eq!(s, json!({}));
    assert_eq!(w[0].pointer, "/S/type");
    assert!(w[0].message.contains("unknown schema type \"file\""));
}

#[test]
fn const_exclusive_bounds_and_examples() {
    let (s, _, _) = run(REWRITES, "const_to_enum", json!({"const": "MILLI_USD"}));
    assert_eq!(s, json!({"type": "string", "enum": ["MILLI_USD"]}));
    let (s, _, _) = run(REWRITES, "const_to_enum", json!({"const": null}));
    assert_eq!(s, json!({"nullable": true}));
    let (s, _, _) = run(
        REWRITES,
        "exclusive_bounds",
        json!({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10}),
    );
    assert_eq!(
        s,
        json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true})
    );
    let (s, _, _) = run(REWRITES, "examples_to_example", json!({"examples": [3, 4]}));
    assert_eq!(s, json!({"example": 3}));
}

#[test]
fn required_list_and_discriminator_name() {
    let (s, w, _) = run(REWRITES, "required_list", json!({"required": true}));
    assert_eq!((s, w[0].pointer.as_str()), (json!({}), "/S/required"));
    let (s, w, _) = run(
        REWRITES,
        "discriminator_name",
        json!({"discriminator": {"mapping": {}}}),
    );
    assert_eq!((s, w[0].pointer.as_str()), (json!({}), "/S/discriminator"));
}

#[test]
fn enum_nulls_and_enum_types() {
    let (s, _, _) = run(REWRITES, "enum_nulls", json!({"enum": ["a", null]}));
    assert_eq!(
        s,
        json!({"enum": ["a"], "nullable": true, "type": "string"})
    );
    let (s, w, _) = run(
        REWRITES,
        "enum_types",
        json!({"type": "string", "enum": [1, "a"]}),
    );
    assert_eq!(s, json!({"type": "string", "enum": ["1", "a"]}));
    assert_eq!(w[0].pointer, "/S/enum");
    let (s, w, _) = run(
        REWRITES,
        "enum_types",
        json!({"type": "integer", "enum": [1, "a"]}),
    );
    assert_eq!(s, json!({"type": "integer"}));
    assert!(w[0].message.contains("the enum is ignored"));
}

#[test]
fn tuple_items() {
    let (s, w, origins) = run(
        REWRITES,
        "tuple_items",
        json!({"type": "array", "items": [{"type": "string"}, {"type": "integer"}]}),
    );
    assert_eq!(s["items"], json!({"type": "string"}));
    assert_eq!(w[0].pointer, "/S/items");
    let (_, w) = schema(json!({"type": "array", "items": [{"type": "file"}]}));
    // The first schema is walked at its own place in the user's file.
    assert_eq!(w[1].pointer, "/components/schemas/S/items/0/type");
    drop(origins);
}

#[test]
fn null_branches() {
    let (s, _, origins) = run(
        REWRITES,
        "null_branches",
        json!({"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/X"}]}),
    );
    assert_eq!(
        s,
        json!({"allOf": [{"$ref": "#/components/schemas/X"}], "nullable": true})
    );
    assert_eq!(
        origins.member("allOf", 0),
        Some(&Origin::user("/S/oneOf/1".into()))
    );
    let (s, _, _) = run(
        REWRITES,
        "null_branches",
        json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}),
    );
    assert_eq!(
        s,
        json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": true})
    );
    let (s, _, _) = run(
        REWRITES,
        "null_branches",
        json!({"oneOf": [{"type": "null"}]}),
    );
    assert_eq!(s, json!({"nullable": true}));
}

#[test]
fn all_of_siblings() {
    let (s, w, origins) = run(
        REWRITES,
        "all_of_siblings",
        json!({"type": "object", "description": "d", "allOf": [{"$ref": "#/components/schemas/B"}],
               "properties": {"x": {"type": "string"}}, "required": ["x"], "additionalProperties": false}),
    );
    assert!(w.is_empty());
    assert_eq!(
        s,
        json!({"description": "d", "allOf": [{"$ref": "#/components/schemas/B"},
            {"type": "object", "properties": {"x": {"type": "string"}}, "required": ["x"], "additionalProperties": false}]})
    );
    assert_eq!(origins.member("allOf", 1), Some(&Origin::made_from("/S")));
    // `required` alone stays where it is (lowering warns that it ignores it).
    let alone = json!({"allOf": [{"$ref": "#/components/schemas/B"}], "required": ["x"]});
    let (s, _, _) = run(REWRITES, "all_of_siblings", alone.clone());
    assert_eq!(s, alone);
    // Through the walk, the moved properties keep their place in the user's file.
    let (s, w) = schema(json!({"allOf": [{}], "properties": {"x": {"type": "file"}}}));
    assert_eq!(s["allOf"][1]["properties"]["x"], json!({}));
    assert_eq!(w[0].pointer, "/components/schemas/S/properties/x/type");
}

#[test]
fn unsupported_keywords() {
    let (s, w, _) = run(
        REWRITES,
        "unsupported_keywords",
        json!({"type": "array", "prefixItems": [{}], "contains": {}, "if": {}, "then": {},
               "unevaluatedProperties": false, "propertyNames": {}}),
    );
    assert_eq!(s, json!({"type": "array"}));
    let pointers: Vec<&str> = w.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/S/prefixItems",
            "/S/if",
            "/S/then",
            "/S/unevaluatedProperties"
        ]
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
fn rewrites_run_in_order_over_the_walk() {
    // ref_siblings wraps, then null_branches puts the remaining branch first in allOf.
    let (s, _) = schema(json!({"$ref": "#/components/schemas/S", "description": "d",
        "oneOf": [{"type": "string"}, {"type": "null"}]}));
    assert_eq!(
        s,
        json!({"allOf": [{"type": "string"}, {"$ref": "#/components/schemas/S"}], "description": "d", "nullable": true})
    );
    let (s, w) = schema(json!({"type": "file", "required": true, "enum": [1, "a"]}));
    assert!(s.get("type").is_none() && s.get("required").is_none());
    assert_eq!(w.len(), 2, "{w:#?}");
}

#[test]
fn operations_and_webhooks() {
    let (doc, w) = document(
        json!({"openapi": "3.1.0", "webhooks": {"x": {}}, "paths": {"/a": {"post": {
        "callbacks": {"cb": {}}}}}}),
    );
    assert!(doc.get("webhooks").is_none());
    let op = &doc["paths"]["/a"]["post"];
    assert!(op.get("callbacks").is_none());
    assert_eq!(op["responses"], json!({}));
    let pointers: Vec<&str> = w.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(pointers, ["/webhooks", "/paths/~1a/post/callbacks"]);
    let (op, w, _) = run(
        objects::OPERATION,
        "drop_callbacks",
        json!({"callbacks": {}}),
    );
    assert_eq!((op, w.len()), (json!({}), 1));
    let (op, _, _) = run(objects::OPERATION, "default_responses", json!({}));
    assert_eq!(op, json!({"responses": {}}));
    let (doc, _) = document(json!({"openapi": "3.1.0"}));
    assert_eq!(doc["paths"], json!({}));
}

#[test]
fn parameters_headers_and_media_types() {
    let (p, w, _) = run(
        objects::PARAMETER,
        "ref_only",
        json!({"$ref": "#/components/parameters/P", "description": "d"}),
    );
    assert_eq!(
        (p, w.len()),
        (json!({"$ref": "#/components/parameters/P"}), 0)
    );
    let (p, w, _) = run(
        objects::PARAMETER,
        "path_required",
        json!({"in": "path", "required": false}),
    );
    assert_eq!(p["required"], json!(true));
    assert_eq!(w[0].pointer, "/S/required");
    let (p, w, _) = run(objects::PARAMETER, "path_required", json!({"in": "path"}));
    assert_eq!((p["required"].clone(), w.len()), (json!(true), 0));
    let (p, w, _) = run(objects::PARAMETER, "default_schema", json!({"in": "query"}));
    assert_eq!(
        (p["schema"].clone(), w.len()),
        (json!({"type": "string"}), 1)
    );
    let (h, w, _) = run(objects::HEADER, "default_schema", json!({}));
    assert_eq!(
        (h["schema"].clone(), w.len()),
        (json!({"type": "string"}), 0)
    );
    let (m, w, _) = run(
        objects::MEDIA_TYPE,
        "drop_encoding",
        json!({"encoding": {}}),
    );
    assert_eq!((m, w[0].pointer.as_str()), (json!({}), "/S/encoding"));
}

#[test]
fn responses() {
    let (r, _, _) = run(objects::RESPONSE, "default_description", json!({}));
    assert_eq!(r, json!({"description": ""}));
    let (r, w, _) = run(objects::RESPONSE, "drop_links", json!({"links": {}}));
    assert_eq!((r, w.len()), (json!({}), 0));
    // A reference keeps nothing beside it, and no other rewrite touches it.
    let (doc, _) = document(
        json!({"openapi": "3.1.0", "paths": {"/a": {"get": {"responses": {
        "200": {"$ref": "#/components/responses/R", "headers": {}}}}}},
        "components": {"responses": {"R": {"description": "r"}}}}),
    );
    assert_eq!(
        doc["paths"]["/a"]["get"]["responses"]["200"],
        json!({"$ref": "#/components/responses/R"})
    );
}
