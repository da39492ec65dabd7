//! `boltz-codegen diff`: the table of spec changes under `tests/fixtures/diff/<case>/` with
//! the verdict and rule ids each must give, the markdown report of a modified Boltz spec,
//! and the rule table of `docs/diff.md`.

use boltz_codegen::diff::{self, Bump, Report};
use boltz_codegen::Options;
use std::path::Path;

/// Every case: its folder, the verdict, and the rule ids the report must hold (exactly).
const CASES: &[(&str, Bump, &[&str])] = &[
    ("operation-added", Bump::Minor, &["operation-added"]),
    ("operation-removed", Bump::Major, &["operation-removed"]),
    ("operation-id-renamed", Bump::None, &[]),
    (
        "operation-id-renamed-naming",
        Bump::Major,
        &["builder-renamed", "operation-renamed"],
    ),
    ("path-param-renamed", Bump::Patch, &["path-param-renamed"]),
    (
        "param-added-required",
        Bump::Major,
        &["param-added-required"],
    ),
    (
        "param-added-optional",
        Bump::Minor,
        &["param-added-optional"],
    ),
    ("param-removed", Bump::Major, &["param-removed"]),
    ("param-made-required", Bump::Major, &["param-made-required"]),
    ("param-made-optional", Bump::Major, &["param-made-optional"]),
    (
        "param-constraint-tightened",
        Bump::Major,
        &["request-constraint-tightened"],
    ),
    ("param-default-changed", Bump::Patch, &["default-changed"]),
    (
        "request-field-added-required",
        Bump::Major,
        &["request-field-added-required"],
    ),
    (
        "request-field-added-optional",
        Bump::Minor,
        &["request-field-added-optional"],
    ),
    ("request-field-removed", Bump::Major, &["field-removed"]),
    (
        "request-field-retyped",
        Bump::Major,
        &["field-type-changed"],
    ),
    (
        "request-field-made-optional",
        Bump::Major,
        &["request-field-made-optional"],
    ),
    (
        "request-field-made-required",
        Bump::Major,
        &["request-field-made-required"],
    ),
    (
        "request-field-default-changed",
        Bump::Patch,
        &["default-changed"],
    ),
    (
        "response-field-added",
        Bump::Minor,
        &["response-field-added"],
    ),
    ("response-field-removed", Bump::Major, &["field-removed"]),
    (
        "response-field-made-optional",
        Bump::Major,
        &["response-field-made-optional"],
    ),
    (
        "response-field-made-nullable",
        Bump::Major,
        &["response-field-made-nullable"],
    ),
    (
        "response-field-made-required",
        Bump::Major,
        &["response-field-made-required"],
    ),
    (
        "request-enum-value-added",
        Bump::Minor,
        &["request-enum-value-added"],
    ),
    (
        "request-enum-value-removed",
        Bump::Major,
        &["request-enum-value-removed"],
    ),
    (
        "response-enum-value-added",
        Bump::Minor,
        &["response-enum-value-added"],
    ),
    (
        "response-enum-value-removed",
        Bump::Major,
        &["response-enum-value-removed"],
    ),
    (
        "request-constraint-tightened",
        Bump::Major,
        &["request-constraint-tightened"],
    ),
    (
        "request-constraint-loosened",
        Bump::Patch,
        &["request-constraint-loosened"],
    ),
    (
        "response-constraint-tightened",
        Bump::Patch,
        &["response-constraint-tightened"],
    ),
    (
        "response-constraint-loosened",
        Bump::Patch,
        &["response-constraint-loosened"],
    ),
    ("component-renamed", Bump::Major, &["type-renamed"]),
    (
        "success-response-added",
        Bump::Patch,
        &["success-status-added"],
    ),
    (
        "success-response-added-new-body",
        Bump::Major,
        &[
            "response-type-changed",
            "success-status-added",
            "type-added",
        ],
    ),
    ("error-response-added", Bump::Patch, &["error-status-added"]),
    (
        "error-model-field-added",
        Bump::Minor,
        &["response-field-added"],
    ),
    (
        "request-media-type-added",
        Bump::Patch,
        &["request-media-type-added"],
    ),
    (
        "response-media-type-added",
        Bump::Patch,
        &["response-media-type-added"],
    ),
    (
        "security-changed",
        Bump::Major,
        &["auth-scheme-changed", "security-tightened"],
    ),
    ("security-relaxed", Bump::Patch, &["security-relaxed"]),
    ("deprecation-added", Bump::Minor, &["deprecation-added"]),
    ("description-only", Bump::Patch, &["doc-changed"]),
    ("reordered", Bump::None, &[]),
];

fn diff_files(old: &Path, new: &Path) -> Report {
    let read =
        |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let (o, n) = (read(old), read(new));
    let (o_name, n_name) = (old.display().to_string(), new.display().to_string());
    diff::diff_str((&o_name, &o), (&n_name, &n), &Options::default())
        .unwrap_or_else(|e| panic!("{}: {e}", old.display()))
}

#[test]
fn every_case_gives_its_verdict_and_rules() {
    let root = Path::new("tests/fixtures/diff");
    let mut failures = Vec::new();
    for (case, bump, kinds) in CASES {
        let dir = root.join(case);
        let report = diff_files(&dir.join("old.yaml"), &dir.join("new.yaml"));
        if report.bump != *bump || report.kinds() != *kinds {
            failures.push(format!(
                "{case}: expected {bump:?} {kinds:?}, got {:?} {:?}\n{}",
                report.bump,
                report.kinds(),
                diff::render::text(&report)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_table_covers_every_fixture_folder() {
    let mut on_disk: Vec<String> = std::fs::read_dir("tests/fixtures/diff")
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.0.to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    assert!(CASES.len() >= 30);
}

#[test]
fn a_spec_against_itself_has_no_change() {
    for spec in [
        "spec/boltz-api.yaml",
        "tests/fixtures/kitchen.yaml",
        "tests/fixtures/collisions.yaml",
    ] {
        let report = diff_files(Path::new(spec), Path::new(spec));
        assert_eq!(report.bump, Bump::None, "{spec}: {:?}", report.changes);
    }
}

/// The Boltz spec with a response field added, a request enum value removed and a request
/// constraint tightened.
fn modified_boltz() -> String {
    use serde_yaml::Value;
    let text = std::fs::read_to_string("spec/boltz-api.yaml").unwrap();
    let mut doc: Value = serde_yaml::from_str(&text).unwrap();
    let schemas = &mut doc["components"]["schemas"];
    let region: Value =
        serde_yaml::from_str("{type: string, description: Where the workspace's data lives.}")
            .unwrap();
    schemas["Workspace"]["properties"]
        .as_mapping_mut()
        .unwrap()
        .insert("region".into(), region);
    let params = &mut schemas["ApiKeyCreateParams"]["properties"];
    params["mode"]["enum"] = serde_yaml::from_str("[live]").unwrap();
    params["expires_in_days"]["maximum"] = 90.into();
    serde_yaml::to_string(&doc).unwrap()
}

#[test]
fn markdown_report_of_a_modified_boltz_spec() {
    let old = std::fs::read_to_string("spec/boltz-api.yaml").unwrap();
    let new = modified_boltz();
    let report = diff::diff_str(
        ("spec/boltz-api.yaml", &old),
        ("spec/boltz-api.yaml (modified)", &new),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(report.bump, Bump::Major);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        insta::assert_snapshot!("diff__boltz_api_markdown", diff::render::markdown(&report))
    });
}

#[test]
fn json_report_has_the_documented_fields() {
    let dir = Path::new("tests/fixtures/diff/response-field-added");
    let report = diff_files(&dir.join("old.yaml"), &dir.join("new.yaml"));
    let doc: serde_json::Value = serde_json::from_str(&diff::render::json(&report)).unwrap();
    assert_eq!(doc["format"], 1);
    assert_eq!(doc["bump"], "minor");
    assert_eq!(doc["counts"]["additive"], 1);
    let change = &doc["changes"][0];
    let keys: Vec<&str> = change
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "severity",
            "side",
            "rust_item",
            "old_pointer",
            "new_pointer",
            "message",
            "kind"
        ]
    );
    assert_eq!(change["severity"], "additive");
    assert_eq!(change["side"], "response");
    assert_eq!(change["rust_item"], "shop::models::Item::created_at");
    assert_eq!(change["old_pointer"], serde_json::Value::Null);
    assert_eq!(
        change["new_pointer"],
        "/components/schemas/Item/properties/created_at"
    );
    assert_eq!(change["kind"], "response-field-added");
}

#[test]
fn docs_hold_the_rule_table() {
    let docs = std::fs::read_to_string("docs/diff.md").unwrap();
    let table = diff::markdown_table();
    assert!(
        docs.contains(&table),
        "docs/diff.md does not hold the current rule table; paste this:\n{table}"
    );
}

#[test]
fn broken_specs_are_errors_not_panics() {
    let good = std::fs::read_to_string("tests/fixtures/diff/operation-added/old.yaml").unwrap();
    let bad = [
        ("broken YAML", "openapi: 3.0.3\ninfo: [unclosed\n"),
        ("Swagger 2.0", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n"),
        (
            "dangling $ref",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Nope'}\n",
        ),
    ];
    for (what, text) in bad {
        let err = diff::diff_str(("old.yaml", &good), ("new.yaml", text), &Options::default())
            .expect_err(what);
        assert!(!err.diagnostics().is_empty(), "{what}: {err}");
        assert!(err.to_string().contains("new.yaml"), "{what}: {err}");
    }
}
