//! The `diff` command line: exit codes (0 ran, 1 `--fail-on` triggered, 2 bad input) and the
//! diagnostics it prints for bad input.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(case: &str, side: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/diff")
        .join(case)
        .join(format!("{side}.yaml"))
}

/// Runs `boltz-codegen diff ARGS`: (exit code, stdout, stderr).
fn diff(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_boltz-codegen"))
        .arg("diff")
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn pair(case: &str) -> (String, String) {
    (
        fixture(case, "old").display().to_string(),
        fixture(case, "new").display().to_string(),
    )
}

#[test]
fn exit_codes_follow_fail_on() {
    let (old, new) = pair("response-field-added");
    assert_eq!(diff(&[&old, &new]).0, 0);
    assert_eq!(diff(&[&old, &new, "--fail-on", "breaking"]).0, 0);
    assert_eq!(diff(&[&old, &new, "--fail-on", "additive"]).0, 1);
    let (old, new) = pair("response-field-removed");
    let (code, stdout, _) = diff(&[&old, &new, "--fail-on", "breaking"]);
    assert_eq!(code, 1);
    assert!(stdout.starts_with("verdict: major"), "{stdout}");
}

#[test]
fn formats() {
    let (old, new) = pair("request-enum-value-removed");
    let (_, json, _) = diff(&[&old, &new, "--format", "json"]);
    assert!(
        json.contains("\"kind\": \"request-enum-value-removed\""),
        "{json}"
    );
    let (_, md, _) = diff(&[&old, &new, "--format", "markdown"]);
    assert!(md.starts_with("### API diff: `major`"), "{md}");
    assert_eq!(diff(&[&old, &new, "--format", "html"]).0, 2);
    assert_eq!(diff(&[&old, &new, "--fail-on", "compatible"]).0, 2);
    assert_eq!(diff(&[&old]).0, 2);
}

#[test]
fn bad_specs_exit_2_with_located_diagnostics() {
    let dir = std::env::temp_dir().join(format!("boltz-diff-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = fixture("operation-added", "old").display().to_string();
    let cases = [
        ("broken.yaml", "openapi: 3.0.3\ninfo: [unclosed\n", "invalid YAML"),
        ("swagger.yaml", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n", "Swagger 2.0"),
        (
            "dangling.yaml",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Nope'}\n",
            "points at nothing",
        ),
    ];
    for (name, text, expected) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let (code, _, stderr) = diff(&[&good, &path.display().to_string()]);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(stderr.contains(name), "{name} is named: {stderr}");
    }
    let (code, _, stderr) = diff(&[&good, &dir.join("missing.yaml").display().to_string()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read"), "{stderr}");
    // Outside a git repository, --base has nothing to read.
    let lone = dir.join("broken.yaml").display().to_string();
    let (code, _, stderr) = diff(&["--base", "HEAD", &lone]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not inside a git repository"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn base_reads_the_spec_at_a_revision() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/boltz-api.yaml");
    let spec = spec.display().to_string();
    let inside = Command::new("git")
        .args(["rev-parse", "--is-inside-work-tree"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !inside {
        eprintln!("not a git checkout; skipped");
        return;
    }
    let (code, stdout, stderr) = diff(&["--base", "HEAD", &spec]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("verdict: "), "{stdout}");
    let (code, _, stderr) = diff(&["--base", "no-such-revision-xyz", &spec]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no-such-revision-xyz"), "{stderr}");
}

#[test]
fn generate_bump_moves_the_version_by_the_verdict() {
    let dir = std::env::temp_dir().join(format!("boltz-bump-cli-{}", std::process::id()));
    let out = dir.display().to_string();
    let generate = |spec: &Path, bump: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_boltz-codegen"));
        cmd.args(["generate", &spec.display().to_string(), "--out", &out]);
        if bump {
            cmd.arg("--bump");
        }
        let o = cmd.output().expect("the binary runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let version = || boltz_codegen::diff::bump::crate_version(&dir).unwrap();
    generate(&fixture("response-field-added", "old"), false);
    assert_eq!(version(), "0.1.0");
    assert!(dir.join("openapi.yaml").is_file());
    let said = generate(&fixture("response-field-added", "new"), true);
    assert!(said.contains("bump: minor"), "{said}");
    assert_eq!(version(), "0.1.1");
    // A plain regeneration keeps the version; a breaking change bumps 0.y.
    generate(&fixture("response-field-added", "new"), false);
    assert_eq!(version(), "0.1.1");
    generate(&fixture("response-field-removed", "new"), true);
    assert_eq!(version(), "0.2.0");
    std::fs::remove_dir_all(&dir).ok();
}
