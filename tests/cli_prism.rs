//! Every one of the 11 operations through the `boltz-api` command line against Prism mocking
//! `spec/boltz-api.yaml`, in every output format: each run exits 0, prints what its format
//! says, and Prism (`--errors`) finds no request that breaks the spec.

use boltz_project::{cli_binary, root, Prism};
use serde_json::Value;
use std::process::Command;
use std::time::Duration;

/// The 11 operations, as the documentation writes them.
const OPERATIONS: &[&[&str]] = &[
    &[
        "admin:workspaces",
        "create",
        "--name",
        "Research",
        "--data-retention.unit",
        "hours",
        "--data-retention.value",
        "48",
        "--spending-limit.limit.amount",
        "5000",
    ],
    &[
        "admin:workspaces",
        "list",
        "--limit",
        "10",
        "--max-items",
        "3",
    ],
    &["admin:workspaces", "retrieve", "ws_1"],
    &[
        "admin:workspaces",
        "update",
        "ws_1",
        "--name",
        "Renamed",
        "--data-retention",
        "{\"unit\": \"days\", \"value\": 14}",
    ],
    &["admin:workspaces", "archive", "ws_1"],
    &["admin:workspaces", "retrieve-spending-limit", "ws_1"],
    &[
        "admin:workspaces",
        "set-spending-limit",
        "ws_1",
        "--limit.amount",
        "9007199254740991",
    ],
    &[
        "admin:api-keys",
        "create",
        "--name",
        "ci",
        "--mode",
        "test",
        "--expires-in-days",
        "30",
        "--allowed-ips",
        "10.0.0.1",
        "--workspace-id",
        "ws_1",
    ],
    &[
        "admin:api-keys",
        "list",
        "--workspace-id",
        "ws_1",
        "--max-items",
        "3",
    ],
    &["admin:api-keys", "revoke", "key_1"],
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
        "--group-by",
        "workspace_id",
        "--max-items",
        "3",
    ],
];

const FORMATS: &[&str] = &["json", "jsonl", "yaml", "pretty", "raw"];

/// Checks that `stdout` is what `format` prints.
fn check_format(format: &str, stdout: &str, args: &[&str]) {
    let context = || format!("{args:?} --format {format}:\n{stdout}");
    match format {
        "json" | "pretty" | "raw" => {
            serde_json::from_str::<Value>(stdout).unwrap_or_else(|e| panic!("{e}: {}", context()));
        }
        "jsonl" => {
            assert!(!stdout.is_empty(), "{}", context());
            for line in stdout.lines() {
                serde_json::from_str::<Value>(line)
                    .unwrap_or_else(|e| panic!("{e}: {}", context()));
            }
        }
        _ => {
            serde_yaml::from_str::<serde_yaml::Value>(stdout)
                .unwrap_or_else(|e| panic!("{e}: {}", context()));
        }
    }
}

#[test]
fn every_operation_in_every_format_conforms_to_the_spec() {
    let bin = cli_binary();
    let prism = Prism::start(&root().join("spec/boltz-api.yaml"), Duration::from_secs(90));
    let mut runs = 0;
    for args in OPERATIONS {
        for format in FORMATS {
            let out = Command::new(&bin)
                .args(*args)
                .args(["--format", format, "--max-retries", "0"])
                .env("BOLTZ_API_KEY", "sk_bc_admin_test_prism")
                .env("BOLTZ_BASE_URL", prism.url())
                .env_remove("BOLTZ_COMPUTE_API_KEY")
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{args:?} --format {format} failed: {}\n{stdout}",
                String::from_utf8_lossy(&out.stderr)
            );
            check_format(format, &stdout, args);
            runs += 1;
        }
    }
    assert_eq!(runs, 55);
    let violations = prism.violations();
    assert!(
        violations.is_empty(),
        "Prism found {} violations:\n{}",
        violations.len(),
        violations.join("\n")
    );
    assert!(
        prism.passed() >= runs,
        "Prism validated {} requests",
        prism.passed()
    );
}
