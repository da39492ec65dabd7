//! Conformance against Stoplight Prism mocking `spec/boltz-api.yaml`: every operation is called
//! through the SDK, Prism validates each request against the spec (`--errors` turns a violation
//! into an error response), and the SDK decodes each response. Zero violations are allowed.

use boltz_api::models::*;
use boltz_api::Client;
use boltz_project::{root, Prism};
use futures::{StreamExt, TryStreamExt};
use std::time::Duration;

fn client(prism: &Prism) -> Client {
    Client::builder()
        .api_key("sk_bc_admin_test_prism")
        .base_url(prism.url())
        .max_retries(0)
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_operation_conforms_to_the_spec() {
    let prism = Prism::start(&root().join("spec/boltz-api.yaml"), Duration::from_secs(90));
    let c = client(&prism);
    let ws = c.admin().workspaces();
    let t = |s: &str| s.parse().unwrap();

    let mut calls = 0;
    let created = ws
        .create()
        .name("Research")
        .data_retention(DataRetention::new(DataRetentionUnit::Hours, 48))
        .spending_limit(SpendingLimitParams::new(SpendingLimitAmount::new(5000)))
        .send()
        .await
        .expect("create workspace");
    calls += 1;
    ws.create()
        .send()
        .await
        .expect("create workspace with an empty body");
    calls += 1;
    let page = ws
        .list()
        .limit(10)
        .name("Res")
        .send()
        .await
        .expect("list workspaces");
    calls += 1;
    if page.has_next_page() {
        page.next_page().await.expect("next page of workspaces");
        calls += 1;
    }
    ws.list()
        .before_id("ws_9")
        .send()
        .await
        .expect("list workspaces backwards");
    calls += 1;
    ws.retrieve(&created.id)
        .send()
        .await
        .expect("retrieve workspace");
    ws.update("ws_1")
        .name("Renamed")
        .send()
        .await
        .expect("update workspace name");
    ws.update("ws_1")
        .name_null()
        .send()
        .await
        .expect("update workspace name to null");
    ws.update("ws_1")
        .data_retention(DataRetention::new(DataRetentionUnit::Days, 14))
        .send()
        .await
        .expect("update retention");
    ws.archive("ws_1").send().await.expect("archive workspace");
    ws.retrieve_spending_limit("ws_1")
        .send()
        .await
        .expect("retrieve spending limit");
    ws.set_spending_limit("ws_1", SpendingLimitAmount::new(9_007_199_254_740_991))
        .send()
        .await
        .expect("set spending limit");
    calls += 7;

    let keys = c.admin().api_keys();
    let key = keys
        .create("ci")
        .mode(ApiKeyCreateParamsMode::Test)
        .expires_in_days(30)
        .allowed_ips(["10.0.0.1", "2001:db8::1"])
        .workspace_id("ws_1")
        .send()
        .await
        .expect("create api key");
    assert!(!key.key.expose().is_empty());
    keys.create("minimal")
        .send()
        .await
        .expect("create api key with only a name");
    let listed: Vec<ApiKey> = keys
        .list()
        .workspace_id("ws_1")
        .limit(100)
        .into_stream()
        .take(5)
        .try_collect()
        .await
        .expect("list api keys");
    assert!(!listed.is_empty());
    keys.revoke("key_1").send().await.expect("revoke api key");
    calls += 5; // the stream made at least two requests

    let usage = c.admin().usage();
    usage
        .list(
            t("2026-04-08T18:56:46Z"),
            t("2026-04-09T18:56:46+02:00"),
            WindowSize::Hour,
        )
        .applications(vec![Application::Adme, Application::ProteinDesign])
        .group_by(vec![UsageGroupBy::WorkspaceId, UsageGroupBy::Application])
        .workspace_ids(["ws_1", "ws_2"])
        .limit(25)
        .send()
        .await
        .expect("list usage with every filter");
    let buckets: Vec<UsageBucket> = usage
        .list(
            t("2026-04-01T00:00:00Z"),
            t("2026-04-08T00:00:00Z"),
            WindowSize::Day,
        )
        .into_stream()
        .take(3)
        .try_collect()
        .await
        .expect("stream usage");
    assert!(!buckets.is_empty());
    calls += 3;

    let violations = prism.violations();
    assert!(
        violations.is_empty(),
        "Prism found {} violations:\n{}",
        violations.len(),
        violations.join("\n")
    );
    let passed = prism.passed();
    assert!(
        passed >= calls,
        "Prism validated {passed} requests, expected at least {calls}"
    );

    // Negative control: Prism does flag a request that breaks the spec, so the zero above means
    // something. (The SDK itself refuses to send this one.)
    let bad = reqwest::Client::new()
        .get(format!(
            "{}/compute/v1/admin/workspaces?limit=500",
            prism.url()
        ))
        .header("x-api-key", "k")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status().as_u16(), 422);
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while prism.violations().is_empty() && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let flagged = prism.violations();
    assert!(!flagged.is_empty(), "{}", prism.log());
    assert!(
        flagged.iter().all(|l| l.contains("limit must be <= 100")),
        "{flagged:#?}"
    );
}

#[test]
fn quickstart_example_runs_against_prism() {
    let prism = Prism::start(&root().join("spec/boltz-api.yaml"), Duration::from_secs(90));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .current_dir(root())
        .args([
            "run",
            "-q",
            "-p",
            "boltz-project",
            "--example",
            "quickstart",
        ])
        .env("BOLTZ_BASE_URL", prism.url())
        .env("BOLTZ_API_KEY", "sk_bc_admin_test_quickstart")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "quickstart failed:\n{stdout}\n{stderr}"
    );
    for line in [
        "created workspace",
        "created test key",
        "keys listed:",
        "usage buckets:",
    ] {
        assert!(stdout.contains(line), "missing `{line}` in:\n{stdout}");
    }
    assert!(prism.violations().is_empty(), "{}", prism.log());
}
