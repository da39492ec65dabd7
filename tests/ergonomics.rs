//! The SDK as a careful user meets it, on the wire against an in-process mock server: raw
//! responses, `.await` on builders, `Unpin` streams, iterator setters, values the facts do
//! not constrain sent as they are, pages without `has_more`, checks that send nothing, and
//! the retry policy of POSTs. (Tracing has its own test binary, `tracing_events.rs`.)

use boltz_api::models::*;
use boltz_api::{Client, Error};
use futures::StreamExt;
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk_bc_admin_test_0123456789";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .ignore_env()
        .api_key(KEY)
        .base_url(server.uri())
        .max_retries(2)
        .build()
        .unwrap()
}

fn workspace(id: &str, name: &str) -> Value {
    json!({
        "id": id, "archived_at": null, "created_at": "2026-04-08T18:56:46Z",
        "data_retention": {"unit": "days", "value": 7}, "is_default": false, "name": name,
        "updated_at": "2026-04-08T18:56:46Z"
    })
}

#[tokio::test]
async fn send_with_response_gives_status_headers_and_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/compute/v1/admin/workspaces/ws_1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-request-id", "req_42")
                .set_body_json(workspace("ws_1", "Research")),
        )
        .mount(&server)
        .await;
    let (ws, info) = client(&server)
        .admin()
        .workspaces()
        .retrieve("ws_1")
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(ws.id, "ws_1");
    assert_eq!(info.status().as_u16(), 200);
    assert_eq!(info.request_id(), Some("req_42"));
    assert_eq!(info.headers()["x-request-id"], "req_42");
}

#[tokio::test]
async fn api_errors_keep_their_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-request-id", "req_7")
                .insert_header("x-trace", "abc")
                .set_body_json(json!({"code": "not_found", "message": "no such workspace"})),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .admin()
        .workspaces()
        .retrieve("ws_x")
        .await
        .unwrap_err();
    let api = err.api_error().expect("an API error");
    assert_eq!(api.request_id.as_deref(), Some("req_7"));
    assert_eq!(api.headers["x-trace"], "abc");
}

#[tokio::test]
async fn builders_are_futures_and_streams_are_unpin() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/compute/v1/admin/workspaces/ws_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(workspace("ws_1", "R")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/compute/v1/admin/workspaces"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [workspace("ws_1", "a"), workspace("ws_2", "b")],
            "first_id": "ws_1", "last_id": "ws_2", "has_more": false
        })))
        .mount(&server)
        .await;
    let c = client(&server);
    // `IntoFuture`: no `.send()` needed.
    let ws = c.admin().workspaces().retrieve("ws_1").await.unwrap();
    assert_eq!(ws.id, "ws_1");
    // An `Unpin` stream: `next()` works without pinning it first.
    let mut stream = c.admin().workspaces().list().into_stream();
    let mut ids = Vec::new();
    while let Some(item) = stream.next().await {
        ids.push(item.unwrap().id);
    }
    assert_eq!(ids, ["ws_1", "ws_2"]);
}

#[tokio::test]
async fn iterator_setters_and_long_names_are_sent_as_given() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(workspace("ws_1", "x")))
        .mount(&server)
        .await;
    let c = client(&server);
    // No length limit is documented for workspace names: a long one goes to the server.
    let long = "n".repeat(300);
    c.admin().workspaces().create().name(&long).await.unwrap();
    let sent: Value = server.received_requests().await.unwrap()[0]
        .body_json()
        .unwrap();
    assert_eq!(sent["name"].as_str().map(str::len), Some(300));
    // Lists take any iterator of things that convert into their items.
    let ips = ["10.0.0.1", "10.0.0.2"];
    c.admin()
        .api_keys()
        .create("ci")
        .allowed_ips(ips.iter().copied())
        .await
        .unwrap_err(); // The mock answers with a workspace, which does not decode as a key.
    let sent: Value = server.received_requests().await.unwrap()[1]
        .body_json()
        .unwrap();
    assert_eq!(sent["allowed_ips"], json!(["10.0.0.1", "10.0.0.2"]));
}

#[tokio::test]
async fn pages_without_has_more_stop_on_an_empty_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/compute/v1/admin/workspaces"))
        .and(query_param("after_id", "ws_2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [], "first_id": null, "last_id": null
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/compute/v1/admin/workspaces"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [workspace("ws_1", "a"), workspace("ws_2", "b")],
            "first_id": "ws_1", "last_id": "ws_2"
        })))
        .mount(&server)
        .await;
    let items: Vec<_> = client(&server)
        .admin()
        .workspaces()
        .list()
        .into_stream()
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_usage_range_that_ends_before_it_starts_is_refused_unsent() {
    let server = MockServer::start().await;
    let start = "2026-04-08T00:00:00Z".parse().unwrap();
    let end = "2026-04-01T00:00:00Z".parse().unwrap();
    let err = client(&server)
        .admin()
        .usage()
        .list(start, end, WindowSize::Day)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidArgument { field, .. } if field == "starting_at"),
        "{err}"
    );
    let same = client(&server)
        .admin()
        .usage()
        .list(start, start, WindowSize::Day)
        .await;
    assert!(same.is_err());
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn posts_are_not_retried_when_switched_off() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after-ms", "1"))
        .mount(&server)
        .await;
    let c = client(&server);
    // Per request.
    let err = c
        .admin()
        .workspaces()
        .create()
        .retry_non_idempotent(false)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    // Per client.
    let strict = Client::builder()
        .ignore_env()
        .api_key(KEY)
        .base_url(server.uri())
        .retry_non_idempotent(false)
        .build()
        .unwrap();
    strict.admin().workspaces().create().await.unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    // The default keeps the official SDKs' behaviour: POSTs are retried (1 + 2 attempts).
    c.admin().workspaces().create().await.unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 5);
}

#[test]
fn helpers_for_what_the_facts_define() {
    assert_eq!(
        DataRetention::days(7),
        DataRetention::new(DataRetentionUnit::Days, 7)
    );
    assert_eq!(DataRetention::hours(36).unit, DataRetentionUnit::Hours);
    assert_eq!(SpendingLimitAmount::UNLIMITED, 9_007_199_254_740_991);
    let unlimited = SpendingLimitAmount::new(SpendingLimitAmount::UNLIMITED);
    assert_eq!(unlimited.currency, SpendingLimitAmountCurrency::MilliUsd);
    // String enums parse and print their wire values; unknown ones are kept.
    assert_eq!("DAY".parse::<WindowSize>(), Ok(WindowSize::Day));
    assert_eq!(WindowSize::Hour.to_string(), "HOUR");
    assert_eq!(
        "MINUTE".parse::<WindowSize>(),
        Ok(WindowSize::Unknown("MINUTE".into()))
    );
}
