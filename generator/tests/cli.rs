//! The `boltz-codegen` command line, run as the built binary (`CARGO_BIN_EXE_boltz-codegen`,
//! which cargo defines only for this package's own integration tests): exit codes, --help,
//! diagnostics, --check.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_boltz-codegen"))
        .args(args)
        .output()
        .expect("the boltz-codegen binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

#[test]
fn the_cli_prints_diagnostics_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("old.json");
    std::fs::write(&spec, r#"{"swagger": "2.0"}"#).unwrap();
    let out_dir = dir.path().join("out");
    let out = run(&["generate", path(&spec), "--out", path(&out_dir)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("error: Swagger 2.0 is not supported"),
        "{stderr}"
    );
    assert!(stderr.contains("old.json at /swagger"), "{stderr}");
    assert!(!out_dir.exists());
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        &["generate", "spec.yaml"][..],
        &["generate", "--out", "dir"],
        &["generate", "spec.yaml", "--out", "dir", "--frobnicate"],
        &["generate", "spec.yaml", "--out"],
        &["corpus"],
        &["frobnicate"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(stderr.contains("--help"), "{args:?}: {stderr}");
    }
}

#[test]
fn help_names_every_subcommand_and_succeeds() {
    for args in [&[][..], &["--help"]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let stdout = text(&out.stdout);
        for word in ["generate", "corpus", "Exit codes"] {
            assert!(stdout.contains(word), "{args:?}: {stdout}");
        }
    }
    let out = run(&["generate", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    for flag in [
        "--out",
        "--crate-name",
        "--crate-version",
        "--check",
        "--strict",
    ] {
        assert!(stdout.contains(flag), "{stdout}");
    }
}

#[test]
fn check_fails_on_a_stale_folder_and_passes_once_written() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("tiny.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.0\ninfo: {title: Tiny, version: '1'}\npaths: {}\n",
    )
    .unwrap();
    let out_dir = dir.path().join("tiny");
    let base = ["generate", path(&spec), "--out", path(&out_dir)];
    let with = |extra: &[&str]| run(&[&base[..], extra].concat());

    let stale = with(&["--check", "--crate-version", "2.0.0"]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(text(&stale.stderr).contains("Cargo.toml is missing"));
    assert!(!out_dir.exists(), "--check writes nothing");

    let written = with(&["--crate-version", "2.0.0"]);
    assert_eq!(written.status.code(), Some(0), "{}", text(&written.stderr));
    let manifest = std::fs::read_to_string(out_dir.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"tiny\""), "{manifest}");
    assert!(manifest.contains("version = \"2.0.0\""), "{manifest}");

    let fresh = with(&["--check", "--crate-version", "2.0.0"]);
    assert_eq!(fresh.status.code(), Some(0), "{}", text(&fresh.stderr));
    // Without --crate-version, the crate keeps the version it has.
    let kept = with(&["--check"]);
    assert_eq!(kept.status.code(), Some(0), "{}", text(&kept.stderr));
    let other_version = with(&["--check", "--crate-version", "3.0.0"]);
    assert_eq!(other_version.status.code(), Some(1));
}
