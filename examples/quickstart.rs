//! Quick start: create a workspace, create a test key in it, list keys with auto-pagination,
//! and read usage.
//!
//! It lives in the workspace's root package, not in `generated/`, so the generated crate's
//! manifest carries only what the SDK needs (no dev-dependencies for examples).
//!
//! ```text
//! BOLTZ_API_KEY=sk_bc_admin_test_... cargo run --example quickstart
//! # against a local mock: BOLTZ_BASE_URL=http://127.0.0.1:4010
//! ```

use boltz_api::models::{
    ApiKeyCreateParamsMode, DataRetention, DataRetentionUnit, UsageGroupBy, WindowSize,
};
use boltz_api::Client;
use futures::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), boltz_api::Error> {
    let client = Client::from_env()?;

    let workspace = client
        .admin()
        .workspaces()
        .create()
        .name("Quickstart")
        .data_retention(DataRetention::new(DataRetentionUnit::Days, 7))
        .send()
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
        .send()
        .await?;
    // The secret is redacted in Debug; read it explicitly, once, to store it.
    println!(
        "created test key {} ({:?})",
        created.key_details.id, created.key
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
        .group_by(vec![UsageGroupBy::WorkspaceId])
        .send()
        .await?;
    println!("usage buckets: {}", usage.data.len());
    Ok(())
}
