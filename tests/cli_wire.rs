//! The `boltz-api` command line on the wire, against an in-process mock server: flags,
//! positional ids, dotted flags, `--body` files and stdin mapped to the exact request
//! (method, escaped path, query, body); paging; formats; the API key's sources; exit codes
//! for each failure class, with nothing sent on bad arguments; `--debug` without the key.

use serde_json::{json, Value};
use std::process::Stdio;
use tokio::io::AsyncWriteExt;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "sk_bc_admin_test_0123456789";
const NEW_KEY: &str = "sk_bc_ws_test_newsecret";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary with `args`, the key in `BOLTZ_API_KEY` unless `env` sets key variables,
/// and `stdin` on its standard input.
async fn run_with(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Run {
    let mut cmd = tokio::process::Command::new(boltz_project::cli_binary());
    cmd.args(args)
        .env_remove("BOLTZ_API_KEY")
        .env_remove("BOLTZ_COMPUTE_API_KEY")
        .env_remove("BOLTZ_BASE_URL")
        .env_remove("BOLTZ_CUSTOM_HEADERS")
        .envs(env.iter().copied())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary starts");
    if let Some(text) = stdin {
        let mut input = child.stdin.take().unwrap();
        input.write_all(text.as_bytes()).await.unwrap();
    }
    let out = child.wait_with_output().await.unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs against `server` with the admin key from the environment.
async fn run(server: &MockServer, args: &[&str]) -> Run {
    let uri = server.uri();
    let mut all = vec!["--base-url", uri.as_str()];
    all.extend_from_slice(args);
    run_with(&all, &[("BOLTZ_API_KEY", KEY)], None).await
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

async fn server_answering(body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    server
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

fn body_of(r: &Request) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}

fn ok(run: &Run) {
    assert_eq!(
        run.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
}

#[tokio::test]
async fn flags_and_dotted_flags_make_the_exact_body() {
    let server = server_answering(workspace("ws_1")).await;
    let out = run(
        &server,
        &[
            "admin:workspaces",
            "create",
            "--name",
            "Research",
            "--data-retention.unit",
            "days",
            "--data-retention.value",
            "7",
            "--spending-limit.limit.amount",
            "5000",
            "--format",
            "json",
        ],
    )
    .await;
    ok(&out);
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method.as_str(), "POST");
    assert_eq!(sent[0].url.path(), "/compute/v1/admin/workspaces");
    assert_eq!(sent[0].headers["x-api-key"], KEY);
    // The constants inside the spending limit are filled in, as the SDK's constructors do.
    assert_eq!(
        body_of(&sent[0]),
        json!({
            "name": "Research",
            "data_retention": {"unit": "days", "value": 7},
            "spending_limit": {"limit": {"amount": 5000, "currency": "MILLI_USD"}, "type": "lifetime"}
        })
    );
    let printed: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(printed["id"], "ws_1");
}

#[tokio::test]
async fn ids_are_positional_or_flags_and_escaped_in_the_path() {
    let server = server_answering(workspace("ws 1")).await;
    Mock::given(path("/compute/v1/admin/api-keys/key_1/revoke"))
        .respond_with(ResponseTemplate::new(200).set_body_json(api_key("key_1")))
        .with_priority(1)
        .mount(&server)
        .await;
    ok(&run(&server, &["admin:workspaces", "retrieve", "ws/1 x"]).await);
    ok(&run(
        &server,
        &["admin:workspaces", "archive", "--workspace-id", "ws?1"],
    )
    .await);
    ok(&run(&server, &["admin:api-keys", "revoke", "key_1"]).await);
    let sent = requests(&server).await;
    let seen: Vec<(String, String)> = sent
        .iter()
        .map(|r| (r.method.to_string(), r.url.path().to_owned()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "GET".into(),
                "/compute/v1/admin/workspaces/ws%2F1%20x".into()
            ),
            (
                "POST".into(),
                "/compute/v1/admin/workspaces/ws%3F1/archive".into()
            ),
            (
                "POST".into(),
                "/compute/v1/admin/api-keys/key_1/revoke".into()
            ),
        ]
    );
    assert!(sent[1].body.is_empty() && sent[2].body.is_empty());
}

#[tokio::test]
async fn body_files_and_stdin_merge_with_flags_which_win() {
    let server = server_answering(workspace("ws_1")).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("update.yaml");
    std::fs::write(
        &file,
        "name: from-file\ndata_retention:\n  unit: hours\n  value: 48\n",
    )
    .unwrap();
    let at = format!("@{}", file.display());
    let args = [
        "admin:workspaces",
        "update",
        "ws_1",
        "--body",
        &at,
        "--data-retention.value",
        "24",
    ];
    ok(&run(&server, &args).await);
    let stdin = r#"{"name": "ci", "allowed_ips": ["10.0.0.1"], "mode": "live"}"#;
    let uri = server.uri();
    let args = [
        "--base-url",
        &uri,
        "admin:api-keys",
        "create",
        "--body",
        "-",
        "--mode",
        "test",
        "--allowed-ips",
        "10.0.0.2",
        "--allowed-ips",
        "2001:db8::1",
    ];
    let answer = json!({"key": NEW_KEY, "key_details": api_key("key_1")});
    Mock::given(path("/compute/v1/admin/api-keys"))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .with_priority(1)
        .mount(&server)
        .await;
    ok(&run_with(&args, &[("BOLTZ_API_KEY", KEY)], Some(stdin)).await);
    let sent = requests(&server).await;
    assert_eq!(
        body_of(&sent[0]),
        json!({"name": "from-file", "data_retention": {"unit": "hours", "value": 24}})
    );
    assert_eq!(
        body_of(&sent[1]),
        json!({"name": "ci", "allowed_ips": ["10.0.0.2", "2001:db8::1"], "mode": "test"})
    );
}

#[tokio::test]
async fn a_nullable_field_is_sent_as_null_by_its_switch() {
    let server = server_answering(workspace("ws_1")).await;
    ok(&run(
        &server,
        &["admin:workspaces", "update", "ws_1", "--name-null"],
    )
    .await);
    ok(&run(
        &server,
        &[
            "admin:workspaces",
            "update",
            "ws_1",
            "--body",
            "{name: null}",
        ],
    )
    .await);
    let sent = requests(&server).await;
    assert_eq!(body_of(&sent[0]), json!({"name": null}));
    assert_eq!(body_of(&sent[1]), json!({"name": null}));
    let clash = run(
        &server,
        &[
            "admin:workspaces",
            "update",
            "ws_1",
            "--name",
            "x",
            "--name-null",
        ],
    )
    .await;
    assert_eq!(clash.code, 2, "{}", clash.stderr);
}

#[tokio::test]
async fn repeated_flags_and_date_times_make_the_query() {
    let page = json!({"data": [{"start_time": "2026-04-08T18:00:00Z",
        "end_time": "2026-04-08T19:00:00Z", "quantity": 3}], "has_more": false, "next_page": null});
    let server = server_answering(page).await;
    let out = run(
        &server,
        &[
            "admin:usage",
            "list",
            "--starting-at",
            "2026-04-08T18:56:46Z",
            "--ending-at",
            "2026-04-09T18:56:46+02:00",
            "--window-size",
            "HOUR",
            "--applications",
            "adme",
            "--applications",
            "protein_design",
            "--group-by",
            "workspace_id",
            "--workspace-ids",
            "ws_1",
            "--limit",
            "25",
            "--format",
            "jsonl",
            "--transform",
            "$.quantity",
        ],
    )
    .await;
    ok(&out);
    assert_eq!(out.stdout, "3\n");
    let sent = requests(&server).await;
    assert_eq!(sent[0].method.as_str(), "GET");
    assert_eq!(sent[0].url.path(), "/compute/v1/admin/usage");
    let pairs: Vec<(String, String)> = sent[0]
        .url
        .query_pairs()
        .map(|(k, v)| (k.into(), v.into()))
        .collect();
    let expected = [
        ("starting_at", "2026-04-08T18:56:46Z"),
        ("ending_at", "2026-04-09T16:56:46Z"),
        ("window_size", "HOUR"),
        ("applications[]", "adme"),
        ("applications[]", "protein_design"),
        ("group_by[]", "workspace_id"),
        ("workspace_ids[]", "ws_1"),
        ("limit", "25"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).into(), (*v).into()))
        .collect();
    assert_eq!(pairs, expected);
}

#[tokio::test]
async fn lists_print_every_item_of_every_page_or_stop_at_max_items() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("after_id", "ws_2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [workspace("ws_3")], "first_id": "ws_3", "last_id": "ws_3", "has_more": false
        })))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [workspace("ws_1"), workspace("ws_2")], "first_id": "ws_1", "last_id": "ws_2",
            "has_more": true
        })))
        .mount(&server)
        .await;
    let all = run(
        &server,
        &[
            "admin:workspaces",
            "list",
            "--format",
            "jsonl",
            "--transform",
            "$.id",
        ],
    )
    .await;
    ok(&all);
    assert_eq!(all.stdout, "\"ws_1\"\n\"ws_2\"\n\"ws_3\"\n");
    assert_eq!(requests(&server).await.len(), 2);
    let one = run(
        &server,
        &[
            "admin:workspaces",
            "list",
            "--max-items",
            "1",
            "--format",
            "json",
        ],
    )
    .await;
    ok(&one);
    let printed: Value = serde_json::from_str(&one.stdout).unwrap();
    assert_eq!(printed.as_array().map(Vec::len), Some(1));
    assert_eq!(
        requests(&server).await.len(),
        3,
        "one page is enough for one item"
    );
    let raw = run(&server, &["admin:workspaces", "list", "--format", "raw"]).await;
    ok(&raw);
    let page: Value = serde_json::from_str(&raw.stdout).unwrap();
    assert_eq!(page["last_id"], "ws_2", "raw prints the first page as sent");
    let yaml = run(&server, &["admin:workspaces", "list", "--format", "yaml"]).await;
    let items: Vec<Value> = serde_yaml::from_str(&yaml.stdout).unwrap();
    assert_eq!(items.len(), 3);
}

#[tokio::test]
async fn the_key_comes_from_the_flag_then_the_variables_in_order() {
    let server = server_answering(json!({"data": [], "first_id": null, "last_id": null})).await;
    let uri = server.uri();
    let list = ["--base-url", uri.as_str(), "admin:api-keys", "list"];
    let alias = [("BOLTZ_COMPUTE_API_KEY", "sk_bc_admin_live_alias")];
    ok(&run_with(&list, &alias, None).await);
    let both = [
        ("BOLTZ_COMPUTE_API_KEY", "sk_bc_admin_live_alias"),
        ("BOLTZ_API_KEY", KEY),
    ];
    ok(&run_with(&list, &both, None).await);
    let mut flag = list.to_vec();
    flag.extend(["--api-key", "sk_bc_admin_live_flag"]);
    ok(&run_with(&flag, &both, None).await);
    let keys: Vec<String> = requests(&server)
        .await
        .iter()
        .map(|r| r.headers["x-api-key"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        keys,
        ["sk_bc_admin_live_alias", KEY, "sk_bc_admin_live_flag"]
    );

    let none = run_with(&list, &[], None).await;
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("BOLTZ_API_KEY") && none.stderr.contains("BOLTZ_COMPUTE_API_KEY"));
    let status = run_with(&["auth", "status", "--format", "json"], &alias, None).await;
    ok(&status);
    let report: Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(report["source"], "BOLTZ_COMPUTE_API_KEY");
    assert_eq!(
        (report["kind"].as_str(), report["mode"].as_str()),
        (Some("admin"), Some("live"))
    );
    assert!(!status.stdout.contains("alias"), "{}", status.stdout);
}

#[tokio::test]
async fn only_key_creation_prints_a_key_and_debug_never_does() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-request-id", "req_1")
                .set_body_json(json!({"key": NEW_KEY, "key_details": api_key("key_1")})),
        )
        .mount(&server)
        .await;
    let out = run(
        &server,
        &[
            "admin:api-keys",
            "create",
            "--name",
            "ci",
            "--debug",
            "--format",
            "json",
        ],
    )
    .await;
    ok(&out);
    let printed: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        printed["key"], NEW_KEY,
        "the new key is the point of the command"
    );
    assert!(out.stderr.contains("> POST http://"), "{}", out.stderr);
    assert!(
        out.stderr.contains("x-api-key: [REDACTED]"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("< 200 OK") && out.stderr.contains("{\"name\":\"ci\"}"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains(KEY) && !out.stderr.contains(NEW_KEY),
        "{}",
        out.stderr
    );
    // With the key passed as a flag and echoed back by the server, it is still hidden.
    let uri = server.uri();
    let echoed = run_with(
        &[
            "--base-url",
            &uri,
            "--api-key",
            "sk_custom_key",
            "--debug",
            "admin:api-keys",
            "create",
            "--name",
            "sk_custom_key",
        ],
        &[],
        None,
    )
    .await;
    ok(&echoed);
    assert!(
        !echoed.stderr.contains("sk_custom_key"),
        "{}",
        echoed.stderr
    );
}

#[tokio::test]
async fn each_failure_class_has_its_exit_code() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-request-id", "req_42")
                .set_body_json(json!({"code": "not_found", "message": "Workspace not found"})),
        )
        .mount(&server)
        .await;
    let missing = run(&server, &["admin:workspaces", "retrieve", "ws_9"]).await;
    assert_eq!(missing.code, 1);
    assert_eq!(
        missing.stderr,
        "error: 404 Not Found: not_found: Workspace not found (request id req_42)\n"
    );
    assert_eq!(requests(&server).await.len(), 1);

    // Bad arguments: refused before anything is sent, the spec's constraints included.
    for args in [
        &["admin:api-keys", "create", "--name", ""][..],
        &[
            "admin:api-keys",
            "create",
            "--name",
            "ci",
            "--expires-in-days",
            "0",
        ],
        &["admin:api-keys", "create"],
        &[
            "admin:api-keys",
            "create",
            "--name",
            "x",
            "--mode",
            "forever",
        ],
        &["admin:workspaces", "list", "--limit", "many"],
        &["admin:workspaces", "list", "--limit", "500"],
        &["admin:workspaces", "retrieve"],
        &[
            "admin:workspaces",
            "update",
            "ws_1",
            "--body",
            "{\"nme\": 1}",
        ],
        &[
            "admin:usage",
            "list",
            "--starting-at",
            "yesterday",
            "--ending-at",
            "2026-04-09T00:00:00Z",
            "--window-size",
            "DAY",
        ],
        &[
            "admin:usage",
            "list",
            "--starting-at",
            "2026-04-09T00:00:00Z",
            "--ending-at",
            "2026-04-08T00:00:00Z",
            "--window-size",
            "DAY",
        ],
        &["admin:workspaces", "frobnicate"],
        &["admin:workspaces", "list", "--transform", "$[?"],
    ] {
        let out = run(&server, args).await;
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
    assert_eq!(
        requests(&server).await.len(),
        1,
        "nothing sent on bad arguments"
    );

    // No response: nothing listens, or the answer comes too late.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let refused = run_with(
        &[
            "--base-url",
            &url,
            "--max-retries",
            "0",
            "admin:workspaces",
            "retrieve",
            "ws_1",
        ],
        &[("BOLTZ_API_KEY", KEY)],
        None,
    )
    .await;
    assert_eq!(refused.code, 3, "{}", refused.stderr);
    assert!(
        refused.stderr.starts_with("error: could not connect"),
        "{}",
        refused.stderr
    );
    let slow = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(std::time::Duration::from_secs(3)))
        .mount(&slow)
        .await;
    let late = run(
        &slow,
        &[
            "--timeout",
            "0.2",
            "--max-retries",
            "0",
            "admin:workspaces",
            "retrieve",
            "ws_1",
        ],
    )
    .await;
    assert_eq!(late.code, 3, "{}", late.stderr);
    assert!(late.stderr.contains("timed out"), "{}", late.stderr);
}

#[tokio::test]
async fn help_completion_and_version_need_no_key() {
    let help = run_with(&["admin:workspaces", "create", "--help"], &[], None).await;
    ok(&help);
    assert!(help
        .stdout
        .contains("Create a new workspace in the organization."));
    assert!(help.stdout.contains("[possible values: hours, days]"));
    for shell in ["bash", "zsh", "fish"] {
        let out = run_with(&["completion", shell], &[], None).await;
        ok(&out);
        assert!(out.stdout.contains("admin:workspaces"), "{shell}");
    }
    let version = run_with(&["--version"], &[], None).await;
    assert_eq!(version.stdout, "boltz-api 0.1.0\n");
}
