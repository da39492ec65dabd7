//! Rule tables for the decisions lowering makes about operations: the resource an
//! operation hangs from and its method name (route and method naming), and which list
//! responses are pages the runtime can walk (pagination detection). Each row is a small spec
//! lowered whole, so the tables pin behaviour, not helpers.

use crate::ir::{Api, PageStyle};
use crate::load::load_str;
use serde_json::{json, Value};

fn lower(paths: Value) -> Api {
    let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths});
    let spec = load_str("rules.json", &doc.to_string()).expect("loads");
    super::lower(&spec, &super::Options::default())
        .expect("lowers")
        .0
}

fn ok(schema: Value) -> Value {
    json!({"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}})
}

fn object() -> Value {
    json!({"type": "object", "properties": {"id": {"type": "string"}}})
}

fn array() -> Value {
    json!({"type": "array", "items": object()})
}

/// `resource.path.method` of the one operation of `paths`.
fn route(paths: Value) -> String {
    let api = lower(paths);
    let op = &api.operations[0];
    let resource = api.resources[op.resource].path.join(".");
    format!("{resource}.{}", op.rust_method)
}

#[test]
fn route_and_method_naming_table() {
    let id = json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}]);
    let page = json!({"type": "object", "properties": {"data": array()}});
    let rows: Vec<(&str, &str, Value, &str)> = vec![
        // GET on a collection that returns a list or a page: list; else retrieve.
        (
            "/v1/workspaces",
            "get",
            json!({"responses": ok(array())}),
            "workspaces.list",
        ),
        (
            "/v1/workspaces",
            "get",
            json!({"responses": ok(page)}),
            "workspaces.list",
        ),
        (
            "/v1/status",
            "get",
            json!({"responses": ok(object())}),
            "status.retrieve",
        ),
        // An item (the path ends with a parameter).
        (
            "/v1/workspaces/{id}",
            "get",
            json!({"parameters": id, "responses": ok(object())}),
            "workspaces.retrieve",
        ),
        (
            "/v1/workspaces/{id}",
            "post",
            json!({"parameters": id, "responses": ok(object())}),
            "workspaces.update",
        ),
        (
            "/v1/workspaces/{id}",
            "put",
            json!({"parameters": id, "responses": ok(object())}),
            "workspaces.update",
        ),
        (
            "/v1/workspaces/{id}",
            "patch",
            json!({"parameters": id, "responses": ok(object())}),
            "workspaces.update",
        ),
        (
            "/v1/workspaces/{id}",
            "delete",
            json!({"parameters": id, "responses": ok(object())}),
            "workspaces.delete",
        ),
        // Collections.
        (
            "/v1/workspaces",
            "post",
            json!({"responses": ok(object())}),
            "workspaces.create",
        ),
        (
            "/v1/workspaces",
            "put",
            json!({"responses": ok(object())}),
            "workspaces.replace",
        ),
    ];
    check_routes(rows);
}

#[test]
fn actions_versions_and_overrides_table() {
    let id = json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}]);
    let rows: Vec<(&str, &str, Value, &str)> = vec![
        // An action: a POST whose last segment follows a parameter.
        (
            "/v1/workspaces/{id}/archive",
            "post",
            json!({"parameters": id, "responses": ok(object())}),
            "workspaces.archive",
        ),
        // Segments up to a version segment are dropped; nesting follows the path.
        (
            "/api/v2beta/admin/api-keys",
            "get",
            json!({"responses": ok(array())}),
            "admin.api_keys.list",
        ),
        // Overrides win.
        (
            "/v1/x",
            "get",
            json!({"x-sdk-resource": "admin.usage", "x-sdk-method": "list_all", "responses": ok(object())}),
            "admin.usage.list_all",
        ),
        // No static segment: the operationId names it, on the client itself.
        (
            "/{id}",
            "get",
            json!({"operationId": "getThing", "parameters": id, "responses": ok(object())}),
            ".get_thing",
        ),
    ];
    check_routes(rows);
}

fn check_routes(rows: Vec<(&str, &str, Value, &str)>) {
    for (path, method, op, expected) in rows {
        let got = route(json!({ path: { method: op } }));
        assert_eq!(got, expected, "{method} {path}");
    }
}

#[test]
fn colliding_method_names_fall_back_to_operation_ids() {
    let id = json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}]);
    let api = lower(json!({
        "/v1/things": {
            "get": {"operationId": "listThings", "responses": ok(array())},
            "post": {"operationId": "createThing", "responses": ok(object())}
        },
        "/v1/things/{id}/list": {
            "post": {"operationId": "listAction", "parameters": id, "responses": ok(object())}
        }
    }));
    let mut names: Vec<String> = api
        .operations
        .iter()
        .map(|o| {
            format!(
                "{}.{}",
                api.resources[o.resource].path.join("."),
                o.rust_method
            )
        })
        .collect();
    names.sort();
    // `list` is taken twice (the GET and the action), so both use their operationIds.
    assert_eq!(
        names,
        ["things.create", "things.list_action", "things.list_things"]
    );
}

/// The page style detected for a GET with these query parameters returning `page`.
fn paging(params: &[&str], page: Value) -> Option<String> {
    let params: Vec<Value> = params
        .iter()
        .map(|p| json!({"name": p, "in": "query", "schema": {"type": "string"}}))
        .collect();
    let api = lower(json!({"/v1/items": {"get": {"parameters": params, "responses": ok(page)}}}));
    let p = api.operations[0].pagination.as_ref()?;
    Some(match &p.style {
        PageStyle::IdCursor { .. } => format!("id-cursor over {}", p.items_field),
        PageStyle::Opaque { param, next_field } => {
            format!("opaque {param}<-{next_field} over {}", p.items_field)
        }
    })
}

fn page(fields: Value, required: &[&str]) -> Value {
    json!({"type": "object", "required": required, "properties": fields})
}

#[test]
fn pagination_detection_table() {
    let s = json!({"type": "string", "nullable": true});
    let data = array();
    let rows: Vec<(&[&str], Value, Option<&str>)> = vec![
        // after_id/before_id with first_id/last_id.
        (
            &["after_id", "before_id"],
            page(
                json!({"data": data, "first_id": s, "last_id": s, "has_more": {"type": "boolean"}}),
                &["data"],
            ),
            Some("id-cursor over data"),
        ),
        // An opaque cursor in each known spelling.
        (
            &["page"],
            page(json!({"data": data, "next_page": s}), &["data"]),
            Some("opaque page<-next_page over data"),
        ),
        (
            &["cursor"],
            page(json!({"items": data, "next_cursor": s}), &["items"]),
            Some("opaque cursor<-next_cursor over items"),
        ),
        (
            &["pageToken"],
            page(
                json!({"results": data, "nextPageToken": {"type": "string"}}),
                &["results"],
            ),
            Some("opaque pageToken<-next_page_token over results"),
        ),
        // Not pages: no cursor parameter, no cursor field, or no required list.
        (
            &[],
            page(json!({"data": data, "next_page": s}), &["data"]),
            None,
        ),
        (&["page"], page(json!({"data": data}), &["data"]), None),
        (
            &["page"],
            page(json!({"data": data, "next_page": s}), &[]),
            None,
        ),
        // Two lists and neither is `data`: which one holds the items is unclear.
        (
            &["page"],
            page(json!({"a": data, "b": data, "next_page": s}), &["a", "b"]),
            None,
        ),
    ];
    for (params, shape, expected) in rows {
        let got = paging(params, shape.clone());
        assert_eq!(got.as_deref(), expected, "{params:?} {shape}");
    }
}
