//! The SDK's tracing: a span per request, an event per attempt and per retry wait, and
//! never the API key. Alone in its test binary, so no other test's callsites race the
//! subscriber this one installs.

use boltz_api::Client;
use serde_json::json;
use std::sync::{Arc, Mutex};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk_bc_admin_test_0123456789";

/// A writer that keeps what the subscriber wrote.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn tracing_records_attempts_and_retries_but_never_the_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).insert_header("retry-after-ms", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "ws_1", "archived_at": null, "created_at": "2026-04-08T18:56:46Z",
            "data_retention": {"unit": "days", "value": 7}, "is_default": false, "name": "R",
            "updated_at": "2026-04-08T18:56:46Z"
        })))
        .mount(&server)
        .await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    Client::builder()
        .ignore_env()
        .api_key(KEY)
        .base_url(server.uri())
        .build()
        .unwrap()
        .admin()
        .workspaces()
        .retrieve("ws_1")
        .await
        .unwrap();
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("request"), "{log}");
    assert!(log.contains("method=GET"), "{log}");
    assert!(
        log.contains("path=/compute/v1/admin/workspaces/ws_1"),
        "{log}"
    );
    assert!(
        log.contains("status=500") && log.contains("status=200"),
        "{log}"
    );
    assert!(
        log.contains("retrying") && log.contains("wait_ms=1"),
        "{log}"
    );
    assert!(!log.contains(KEY) && !log.contains("0123456789"), "{log}");
}
