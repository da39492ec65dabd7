//! Every operation of the SDK on the wire, against an in-process mock server: what is sent
//! (method, path, headers, query, body) and what is decoded; retries, timeouts, each error
//! kind, argument checks, and pagination in both page styles and both directions.

use boltz_api::models::*;
use boltz_api::{Client, Error};
use futures::TryStreamExt;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "sk_bc_admin_test_0123456789";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .build()
        .unwrap()
}

fn workspace(id: &str) -> Value {
    json!({
        "id": id, "archived_at": null, "created_at": "2026-04-08T18:56:46Z",
        "data_retention": {"unit": "days", "value": 7}, "is_default": false, "name": "Research",
        "updated_at": "2026-04-08T18:56:46Z"
    })
}

fn api_key(id: &str) -> Value {
    json!({
        "id": id, "allowed_ips": [], "created_at": "2026-04-08T18:56:46Z", "expires_at": null,
        "is_active": true, "key_prefix": "sk_bc_ws_tes", "key_type": "workspace",
        "last_used_at": null, "livemode": false, "name": "ci", "workspace_id": "ws_1"
    })
}

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// The one request the server received.
async fn only_request(server: &MockServer) -> Request {
    let mut received = server.received_requests().await.unwrap();
    assert_eq!(
        received.len(),
        1,
        "expected one request, got {}",
        received.len()
    );
    received.remove(0)
}

#[tokio::test]
async fn create_workspace_sends_only_what_is_set() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/compute/v1/admin/workspaces"))
        .and(header("x-api-key", KEY))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .respond_with(ok(workspace("ws_1")))
        .expect(1)
        .mount(&server)
        .await;
    let ws = client(&server)
        .admin()
        .workspaces()
        .create()
        .name("Research")
        .data_retention(DataRetention::new(DataRetentionUnit::Days, 7))
        .spending_limit(SpendingLimitParams::new(SpendingLimitAmount::new(5000)))
        .send()
        .await
        .unwrap();
    assert_eq!(ws.id, "ws_1");
    let req = only_request(&server).await;
    let body: Value = serde_json::from_slice(&req.body).unwrap();
    assert_eq!(
        body,
        json!({
            "name": "Research",
            "data_retention": {"unit": "days", "value": 7},
            "spending_limit": {"limit": {"amount": 5000, "currency": "MILLI_USD"}, "type": "lifetime"}
        })
    );
    let ua = req.headers.get("user-agent").unwrap().to_str().unwrap();
    assert!(ua.starts_with("boltz-api/"), "{ua}");
}

#[tokio::test]
async fn create_workspace_with_nothing_set_sends_an_empty_object() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/compute/v1/admin/workspaces"))
        .and(body_json(json!({})))
        .respond_with(ok(workspace("ws_2")))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .admin()
        .workspaces()
        .create()
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn list_workspaces_query_and_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/compute/v1/admin/workspaces"))
        .and(query_param("limit", "2"))
        .and(query_param("name", "Res"))
        .and(query_param_is_missing("after_id"))
        .respond_with(ok(json!({
            "data": [workspace("ws_1"), workspace("ws_2")],
            "first_id": "ws_1", "has_more": false, "last_id": "ws_2"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server)
        .admin()
        .workspaces()
        .list()
        .limit(2)
        .name("Res")
        .send()
        .await
        .unwrap();
    assert_eq!(page.data.len(), 2);
    assert_eq!(page.has_more, Some(false));
    assert_eq!(page.last_id.as_deref(), Some("ws_2"));
    assert!(!page.has_next_page());
    assert!(page.next_page().await.unwrap().is_none());
}

#[tokio::test]
async fn retrieve_update_archive_escape_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/compute/v1/admin/workspaces/ws%2F1%20x"))
        .respond_with(ok(workspace("ws/1 x")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/compute/v1/admin/workspaces/ws_1"))
        .and(body_json(
            json!({"name": null, "data_retention": {"unit": "hours", "value": 48}}),
        ))
        .respond_with(ok(workspace("ws_1")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/compute/v1/admin/workspaces/ws_1/archive"))
        .respond_with(ok({
            let mut w = workspace("ws_1");
            w["archived_at"] = json!("2026-05-01T00:00:00Z");
            w
        }))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let ws = c
        .admin()
        .workspaces()
        .retrieve("ws/1 x")
        .send()
        .await
        .unwrap();
    assert_eq!(ws.id, "ws/1 x");
    c.admin()
        .workspaces()
        .update("ws_1")
        .name_null()
        .data_retention(DataRetention::new(DataRetentionUnit::Hours, 48))
        .send()
        .await
        .unwrap();
    let archived = c.admin().workspaces().archive("ws_1").send().await.unwrap();
    assert!(archived.archived_at.is_some());
    // The archive request carries no body.
    let reqs = server.received_requests().await.unwrap();
    let archive = reqs
        .iter()
        .find(|r| r.url.path().ends_with("/archive"))
        .unwrap();
    assert!(archive.body.is_empty());
}

#[tokio::test]
async fn update_sends_a_name_and_omits_what_is_unset() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/compute/v1/admin/workspaces/ws_1"))
        .and(body_json(json!({"name": "New"})))
        .respond_with(ok(workspace("ws_1")))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .admin()
        .workspaces()
        .update("ws_1")
        .name("New")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn spending_limit_null_and_set() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/compute/v1/admin/workspaces/ws_1/spending-limit"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string("null")
                .insert_header("content-type", "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let limit = json!({
        "accrued_usage": {"amount": 10, "currency": "MILLI_USD"},
        "limit": {"amount": 5000, "currency": "MILLI_USD"}, "type": "lifetime"
    });
    Mock::given(method("PUT"))
        .and(path("/compute/v1/admin/workspaces/ws_1/spending-limit"))
        .and(body_json(
            json!({"limit": {"amount": 5000, "currency": "MILLI_USD"}, "type": "lifetime"}),
        ))
        .respond_with(ok(limit))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    assert_eq!(
        c.admin()
            .workspaces()
            .retrieve_spending_limit("ws_1")
            .send()
            .await
            .unwrap(),
        None
    );
    let set = c
        .admin()
        .workspaces()
        .set_spending_limit("ws_1", SpendingLimitAmount::new(5000))
        .send()
        .await
        .unwrap()
        .unwrap();
    assert_eq!(set.accrued_usage.amount, 10);
}

#[tokio::test]
async fn api_keys_create_list_revoke() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/compute/v1/admin/api-keys"))
        .and(body_json(json!({"name": "ci", "expires_in_days": 30, "mode": "test", "allowed_ips": ["10.0.0.1"]})))
        .respond_with(ok(json!({"key": "sk_bc_ws_test_SECRETSECRET", "key_details": api_key("key_1")})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/compute/v1/admin/api-keys"))
        .and(query_param("workspace_id", "ws_1"))
        .respond_with(ok(json!({"data": [api_key("key_1")], "first_id": "key_1", "has_more": false, "last_id": "key_1"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/compute/v1/admin/api-keys/key_1/revoke"))
        .respond_with(ok({
            let mut k = api_key("key_1");
            k["is_active"] = json!(false);
            k
        }))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let created = c
        .admin()
        .api_keys()
        .create("ci")
        .expires_in_days(30)
        .mode(ApiKeyCreateParamsMode::Test)
        .allowed_ips(["10.0.0.1"])
        .send()
        .await
        .unwrap();
    assert!(!format!("{created:?}").contains("SECRETSECRET"));
    assert_eq!(created.key.expose(), "sk_bc_ws_test_SECRETSECRET");
    let keys: Vec<ApiKey> = c
        .admin()
        .api_keys()
        .list()
        .workspace_id("ws_1")
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(keys.len(), 1);
    let revoked = c.admin().api_keys().revoke("key_1").send().await.unwrap();
    assert!(!revoked.is_active);
}

#[tokio::test]
async fn usage_encodes_dates_and_repeated_arrays() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/compute/v1/admin/usage"))
        .respond_with(ok(json!({
            "data": [{"start_time": "2026-04-08T00:00:00Z", "end_time": "2026-04-09T00:00:00Z", "quantity": 3, "application": "adme"}],
            "has_more": false, "next_page": null
        })))
        .expect(1)
        .mount(&server)
        .await;
    let start = "2026-04-08T18:56:46Z".parse().unwrap();
    let end = "2026-04-09T00:00:00+02:00".parse().unwrap();
    let page = client(&server)
        .admin()
        .usage()
        .list(start, end, WindowSize::Day)
        .applications(vec![Application::Adme, Application::ProteinDesign])
        .group_by(vec![UsageGroupBy::WorkspaceId, UsageGroupBy::Application])
        .workspace_ids(["ws_1"])
        .limit(50)
        .send()
        .await
        .unwrap();
    assert_eq!(page.data[0].quantity, 3);
    let req = only_request(&server).await;
    assert_eq!(
        req.url.query().unwrap(),
        "starting_at=2026-04-08T18%3A56%3A46Z&ending_at=2026-04-08T22%3A00%3A00Z&window_size=DAY\
         &applications%5B%5D=adme&applications%5B%5D=protein_design\
         &group_by%5B%5D=workspace_id&group_by%5B%5D=application&workspace_ids%5B%5D=ws_1&limit=50"
    );
}

#[tokio::test]
async fn arguments_are_checked_before_sending() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ok(json!({})))
        .expect(0)
        .mount(&server)
        .await;
    let c = client(&server);
    let cases: Vec<(Result<(), Error>, &str, &str)> = vec![
        (
            c.admin()
                .workspaces()
                .list()
                .limit(101)
                .send()
                .await
                .map(|_| ()),
            "limit",
            "must be at most 100 (got 101)",
        ),
        (
            c.admin()
                .workspaces()
                .list()
                .limit(0)
                .send()
                .await
                .map(|_| ()),
            "limit",
            "must be at least 1 (got 0)",
        ),
        (
            c.admin().api_keys().create("").send().await.map(|_| ()),
            "name",
            "length must be at least 1 (got 0)",
        ),
        (
            c.admin()
                .api_keys()
                .create("x".repeat(256))
                .send()
                .await
                .map(|_| ()),
            "name",
            "length must be at most 255 (got 256)",
        ),
        (
            c.admin()
                .api_keys()
                .create("ci")
                .expires_in_days(366)
                .send()
                .await
                .map(|_| ()),
            "expires_in_days",
            "must be at most 365 (got 366)",
        ),
        (
            c.admin()
                .workspaces()
                .create()
                .data_retention(DataRetention::new(DataRetentionUnit::Days, 0))
                .send()
                .await
                .map(|_| ()),
            "data_retention.value",
            "must be at least 1 (got 0)",
        ),
        (
            c.admin().workspaces().retrieve("").send().await.map(|_| ()),
            "workspace_id",
            "length must be at least 1 (got 0)",
        ),
        (
            c.admin().api_keys().revoke("").send().await.map(|_| ()),
            "api_key_id",
            "length must be at least 1 (got 0)",
        ),
        (
            c.admin()
                .workspaces()
                .set_spending_limit("ws", SpendingLimitAmount::new(-1))
                .send()
                .await
                .map(|_| ()),
            "limit.amount",
            "must be at least 0 (got -1)",
        ),
    ];
    for (result, field, rule) in cases {
        match result {
            Err(Error::InvalidArgument { field: f, rule: r }) => {
                assert_eq!((f.as_str(), r.as_str()), (field, rule));
            }
            other => panic!("{field}: expected an invalid argument, got {other:?}"),
        }
    }
    let err = c
        .admin()
        .usage()
        .list(
            "2026-01-01T00:00:00Z".parse().unwrap(),
            "2026-01-02T00:00:00Z".parse().unwrap(),
            WindowSize::Hour,
        )
        .limit(0)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidArgument { ref field, .. } if field == "limit"),
        "{err:?}"
    );
    // The stream reports the same error as its only item.
    let items: Vec<Result<Workspace, Error>> =
        futures::StreamExt::collect(c.admin().workspaces().list().limit(500).into_stream()).await;
    assert_eq!(items.len(), 1);
    assert!(matches!(items[0], Err(Error::InvalidArgument { .. })));
}

#[tokio::test]
async fn api_errors_are_typed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/compute/v1/admin/workspaces/missing"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"code": "not_found", "message": "Workspace not found", "details": {"id": "missing"}}))
                .insert_header("x-request-id", "req_42"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .admin()
        .workspaces()
        .retrieve("missing")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(err.status(), Some(404));
    let api = err.api_error().unwrap();
    assert_eq!(api.code.as_deref(), Some("not_found"));
    assert_eq!(api.message.as_deref(), Some("Workspace not found"));
    assert_eq!(api.details, Some(json!({"id": "missing"})));
    assert_eq!(api.request_id.as_deref(), Some("req_42"));
    assert!(
        err.to_string()
            .contains("404 Not Found: not_found: Workspace not found"),
        "{err}"
    );
}

#[tokio::test]
async fn no_retry_on_client_errors() {
    for status in [400u16, 401, 403, 404, 422] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(status).set_body_json(json!({"code": "x", "message": "y"})),
            )
            .expect(1)
            .mount(&server)
            .await;
        let err = client(&server)
            .admin()
            .workspaces()
            .retrieve("ws")
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert_eq!(
            (
                err.is_bad_request(),
                err.is_unauthorized(),
                err.is_forbidden(),
                err.is_unprocessable()
            ),
            (status == 400, status == 401, status == 403, status == 422)
        );
    }
}

#[tokio::test]
async fn retries_honour_retry_after_and_give_up() {
    for status in [408u16, 409, 429, 500, 503] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status).insert_header("retry-after-ms", "5"))
            .up_to_n_times(2)
            .expect(2)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .respond_with(ok(workspace("ws")))
            .expect(1)
            .mount(&server)
            .await;
        let ws = client(&server)
            .admin()
            .workspaces()
            .retrieve("ws")
            .send()
            .await
            .unwrap();
        assert_eq!(ws.id, "ws", "status {status}");
    }
    // Retries run out: 1 + 2 attempts by default, then the error.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "0.01")
                .set_body_json(json!({"code": "rate_limited", "message": "slow down"})),
        )
        .expect(3)
        .mount(&server)
        .await;
    let err = client(&server)
        .admin()
        .workspaces()
        .retrieve("ws")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_rate_limited());
}

#[tokio::test]
async fn retry_overrides() {
    // Per-request max_retries.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).insert_header("retry-after-ms", "1"))
        .expect(6)
        .mount(&server)
        .await;
    let err = client(&server)
        .admin()
        .workspaces()
        .retrieve("ws")
        .max_retries(5)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_server_error());
    // x-should-retry: false stops retries of a retryable status; true retries a 400.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("x-should-retry", "false"))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .admin()
        .workspaces()
        .retrieve("ws")
        .send()
        .await
        .unwrap_err();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("x-should-retry", "true")
                .insert_header("retry-after-ms", "1"),
        )
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ok(workspace("ws")))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .admin()
        .workspaces()
        .retrieve("ws")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn backoff_without_hints_waits_half_a_second_first() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ok(workspace("ws")))
        .expect(1)
        .mount(&server)
        .await;
    let started = Instant::now();
    client(&server)
        .admin()
        .workspaces()
        .retrieve("ws")
        .send()
        .await
        .unwrap();
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(370),
        "waited only {waited:?}"
    );
}

#[tokio::test]
async fn timeouts_are_their_own_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok(workspace("ws")).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let err = client(&server)
        .admin()
        .workspaces()
        .retrieve("ws")
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    // The client default applies too, and timeouts are retried.
    let c = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .timeout(Duration::from_millis(50))
        .max_retries(1)
        .build()
        .unwrap();
    let err = c
        .admin()
        .workspaces()
        .retrieve("ws")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout());
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn refused_connections_are_connection_errors() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let c = Client::builder()
        .api_key(KEY)
        .base_url(format!("http://127.0.0.1:{port}"))
        .max_retries(0)
        .build()
        .unwrap();
    let err = c
        .admin()
        .workspaces()
        .retrieve("ws")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_connection(), "{err:?}");
    assert!(
        err.to_string().contains(&format!("127.0.0.1:{port}")),
        "{err}"
    );
}

#[tokio::test]
async fn undecodable_bodies_are_decode_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string("{\"id\": 12, \"unexpected\": true}"),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .admin()
        .workspaces()
        .retrieve("ws")
        .send()
        .await
        .unwrap_err();
    match err {
        Error::Decode {
            status, snippet, ..
        } => {
            assert_eq!(status, 200);
            assert!(snippet.starts_with("{\"id\": 12"), "{snippet}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn default_and_per_request_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("x-team", "bio"))
        .and(header("x-trace", "abc"))
        .respond_with(ok(workspace("ws")))
        .expect(1)
        .mount(&server)
        .await;
    let c = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .default_header("X-Team", "bio")
        .build()
        .unwrap();
    c.admin()
        .workspaces()
        .retrieve("ws")
        .header("X-Trace", "abc")
        .send()
        .await
        .unwrap();
    assert!(!format!("{c:?}").contains("0123456789"));
}

/// Mounts `pages` as an id-cursor listing: page i is served for the given cursor query.
async fn mount_id_pages(server: &MockServer, route: &str, pages: &[(Option<(&str, &str)>, Value)]) {
    for (cursor, body) in pages {
        let mut mock = Mock::given(method("GET")).and(path(route.to_owned()));
        match cursor {
            Some((name, value)) => mock = mock.and(query_param(*name, *value)),
            None => {
                mock = mock
                    .and(query_param_is_missing("after_id"))
                    .and(query_param_is_missing("before_id"))
            }
        }
        mock.respond_with(ok(body.clone()))
            .expect(1)
            .mount(server)
            .await;
    }
}

fn id_page(ids: &[&str], has_more: bool) -> Value {
    json!({
        "data": ids.iter().map(|id| workspace(id)).collect::<Vec<_>>(),
        "first_id": ids.first(), "last_id": ids.last(), "has_more": has_more
    })
}

#[tokio::test]
async fn id_cursor_pagination_forwards_over_three_pages() {
    let server = MockServer::start().await;
    let route = "/compute/v1/admin/workspaces";
    mount_id_pages(
        &server,
        route,
        &[
            (None, id_page(&["w1", "w2"], true)),
            (Some(("after_id", "w2")), id_page(&["w3", "w4"], true)),
            (Some(("after_id", "w4")), id_page(&["w5"], false)),
        ],
    )
    .await;
    let all: Vec<Workspace> = client(&server)
        .admin()
        .workspaces()
        .list()
        .limit(2)
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = all.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(ids, ["w1", "w2", "w3", "w4", "w5"]);
    // The limit is kept on every page.
    for r in server.received_requests().await.unwrap() {
        assert_eq!(
            r.url.query_pairs().find(|(k, _)| k == "limit").unwrap().1,
            "2"
        );
    }
}

#[tokio::test]
async fn id_cursor_pagination_backwards_and_next_page() {
    let server = MockServer::start().await;
    let route = "/compute/v1/admin/workspaces";
    mount_id_pages(
        &server,
        route,
        &[
            (Some(("before_id", "w9")), id_page(&["w7", "w8"], true)),
            (Some(("before_id", "w7")), id_page(&["w5", "w6"], true)),
            (Some(("before_id", "w5")), id_page(&["w4"], false)),
        ],
    )
    .await;
    let c = client(&server);
    let first = c
        .admin()
        .workspaces()
        .list()
        .before_id("w9")
        .send()
        .await
        .unwrap();
    let second = first.next_page().await.unwrap().unwrap();
    assert_eq!(second.data[0].id, "w5");
    let third = second.next_page().await.unwrap().unwrap();
    assert_eq!(third.data.len(), 1);
    assert!(third.next_page().await.unwrap().is_none());
    // Walking backwards never sends after_id.
    for r in server.received_requests().await.unwrap() {
        assert!(r.url.query_pairs().all(|(k, _)| k != "after_id"));
    }
}

#[tokio::test]
async fn opaque_cursor_pagination_over_three_pages() {
    let server = MockServer::start().await;
    let bucket = |q: i64| json!({"start_time": "2026-04-08T00:00:00Z", "end_time": "2026-04-08T01:00:00Z", "quantity": q});
    let route = "/compute/v1/admin/usage";
    Mock::given(method("GET"))
        .and(path(route))
        .and(query_param_is_missing("page"))
        .respond_with(ok(
            json!({"data": [bucket(1), bucket(2)], "has_more": true, "next_page": "c2"}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(route))
        .and(query_param("page", "c2"))
        .respond_with(ok(
            json!({"data": [bucket(3)], "has_more": true, "next_page": "c3"}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(route))
        .and(query_param("page", "c3"))
        .respond_with(ok(
            json!({"data": [bucket(4)], "has_more": false, "next_page": null}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let t = |s: &str| s.parse().unwrap();
    let items: Vec<UsageBucket> = c
        .admin()
        .usage()
        .list(
            t("2026-04-08T00:00:00Z"),
            t("2026-04-09T00:00:00Z"),
            WindowSize::Hour,
        )
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        items.iter().map(|b| b.quantity).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    // Every page repeats the required query.
    for r in server.received_requests().await.unwrap() {
        assert!(r.url.query().unwrap().contains("window_size=HOUR"));
    }
}

#[tokio::test]
async fn pagination_stops_on_a_repeated_cursor_or_an_empty_page() {
    // The server keeps answering has_more with the same cursor: the stream must end.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok(
            json!({"data": [api_key("k1")], "first_id": "k1", "has_more": true, "last_id": "k1"}),
        ))
        .mount(&server)
        .await;
    let keys: Vec<ApiKey> = client(&server)
        .admin()
        .api_keys()
        .list()
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        keys.len(),
        2,
        "the first page and the one its cursor points to, then the repeat stops it"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok(
            json!({"data": [], "first_id": null, "has_more": true, "last_id": null}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let keys: Vec<ApiKey> = client(&server)
        .admin()
        .api_keys()
        .list()
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert!(keys.is_empty());
}

#[tokio::test]
async fn stream_ends_with_the_first_error() {
    let server = MockServer::start().await;
    mount_id_pages(
        &server,
        "/compute/v1/admin/workspaces",
        &[(None, id_page(&["w1"], true))],
    )
    .await;
    Mock::given(method("GET"))
        .and(query_param("after_id", "w1"))
        .respond_with(
            ResponseTemplate::new(403).set_body_json(json!({"code": "forbidden", "message": "no"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let items: Vec<Result<Workspace, Error>> =
        futures::StreamExt::collect(client(&server).admin().workspaces().list().into_stream())
            .await;
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    assert!(items[1].as_ref().unwrap_err().is_forbidden());
}

#[test]
fn missing_api_key_is_a_clear_error() {
    let err = Client::builder()
        .ignore_env()
        .base_url("http://127.0.0.1:1")
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid client configuration: no API key: call `.api_key(..)` or set BOLTZ_API_KEY"
    );
}

#[tokio::test]
async fn the_observer_sees_each_attempt_with_the_key_redacted() {
    use boltz_api::runtime::observe::Event;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "ws_1", "archived_at": null, "created_at": "2026-04-08T18:56:46Z",
            "data_retention": {"unit": "days", "value": 7}, "is_default": false, "name": "R",
            "updated_at": "2026-04-08T18:56:46Z"
        })))
        .mount(&server)
        .await;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let log = seen.clone();
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .observe(move |event| {
            let line = match event {
                Event::Request {
                    attempt,
                    method,
                    url,
                    headers,
                    body,
                } => format!(
                    "> {attempt} {method} {url} {headers:?} {}",
                    String::from_utf8_lossy(body.unwrap_or_default())
                ),
                Event::Response {
                    attempt,
                    status,
                    body,
                    ..
                } => format!("< {attempt} {status} {}", String::from_utf8_lossy(body)),
                other => format!("{other:?}"),
            };
            log.lock().unwrap().push(line);
        })
        .build()
        .unwrap();
    client
        .admin()
        .workspaces()
        .create()
        .name("R")
        .max_retries(1)
        .send()
        .await
        .unwrap();
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 4, "{seen:#?}");
    assert!(seen[0].starts_with("> 0 POST http://"), "{seen:#?}");
    assert!(
        seen[0].contains("\"x-api-key\": \"[REDACTED]\""),
        "{seen:#?}"
    );
    assert!(seen[0].ends_with("{\"name\":\"R\"}"), "{seen:#?}");
    assert_eq!(seen[1], "< 0 503 busy");
    assert!(seen[2].starts_with("> 1 POST"), "{seen:#?}");
    assert!(seen[3].starts_with("< 1 200 {"), "{seen:#?}");
    assert!(!seen.concat().contains(KEY));
}
