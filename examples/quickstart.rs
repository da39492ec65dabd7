//! Quick start: create a workspace, create a test key in it, list keys with auto-pagination,
//! and read usage.
//!
//! It lives in the workspace's root package, not in `generated/`, so the generated crate's
//! manifest carries only what the SDK needs (no dev-dependencies for examples).
//!
//! ```text
//! BOLTZ_API_KEY=sk_bc_admin_test_... cargo run --example quickstart
//! # against a local mock: BOLTZ_BASE_URL=http://127.0.0.1:4010
//! # see every request and retry: RUST_LOG=boltz_api=debug
//! ```

use boltz_api::models::{ApiKeyCreateParamsMode, DataRetention, UsageGroupBy, WindowSize};
use boltz_api::Client;
use futures::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), boltz_api::Error> {
    // The SDK reports each request (a span) and each attempt and retry wait (events) through
    // `tracing`; RUST_LOG-style filtering picks what to see. Keys are never recorded.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();

    // Reads BOLTZ_API_KEY, BOLTZ_BASE_URL and BOLTZ_CUSTOM_HEADERS; setters would win.
    let client = Client::builder().max_retries(3).build()?;

    let workspace = client
        .admin()
        .workspaces()
        .create()
        .name("Quickstart")
        .data_retention(DataRetention::days(7))
        .await?;
    println!(
        "created workspace {} ({})",
        workspace.id,
        workspace.name.as_deref().unwrap_or("unnamed")
    );

    let created = client
        .admin()
        .api_keys()
        .create("quickstart")
        .mode(ApiKeyCreateParamsMode::Test)
        .workspace_id(&workspace.id)
        .await?;
    // The secret is redacted in Debug, Display and serialisation; read it explicitly, once,
    // to store it. Its prefix tells its kind and mode.
    println!(
        "created test key {} ({:?}, {:?} {:?})",
        created.key_details.id,
        created.key,
        created.key.key_kind(),
        created.key.key_mode()
    );

    let keys: Vec<_> = client
        .admin()
        .api_keys()
        .list()
        .limit(100)
        .into_stream()
        .try_collect()
        .await?;
    println!("keys listed: {}", keys.len());

    let now = chrono::Utc::now();
    let usage = client
        .admin()
        .usage()
        .list(now - chrono::Duration::days(7), now, WindowSize::Day)
        .group_by([UsageGroupBy::WorkspaceId])
        .send_with_response()
        .await?;
    println!(
        "usage buckets: {} (request id {:?})",
        usage.0.data.len(),
        usage.1.request_id()
    );
    Ok(())
}
