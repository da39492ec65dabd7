//! The committed generated crates are what their specs generate, byte for byte, and
//! generation is deterministic.

use boltz_codegen::{generate_file, write, Options};
use boltz_project::REGENERATE;
use std::path::Path;

/// Regenerates `spec` in memory and compares it with the folder `out`.
fn assert_fresh(spec: &str, out: &str, options: &Options, command: &str) {
    // The version is the committed one (`generate --bump` moves it).
    let mut options = options.clone();
    if let Some(v) = boltz_codegen::diff::bump::crate_version(Path::new(out)) {
        options.crate_version = v;
    }
    // And the names it has, as `generate` keeps them.
    options.previous_names = boltz_codegen::baseline_names(Path::new(out), &options).unwrap();
    let options = &options;
    let generated =
        generate_file(Path::new(spec), options, command).unwrap_or_else(|e| panic!("{spec}: {e}"));
    let stale = write::check(&generated.files, Path::new(out));
    assert!(
        stale.is_empty(),
        "{out}/ is stale ({} files):\n{}\n\nRegenerate with: {command}",
        stale.len(),
        stale
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn generated_crate_is_fresh() {
    assert_fresh(
        "spec/boltz-api.yaml",
        "generated",
        &Options::default(),
        REGENERATE,
    );
}

#[test]
fn kitchen_fixture_crate_is_fresh() {
    let options = Options {
        crate_name: Some("kitchen-api".into()),
        ..Default::default()
    };
    let command =
        "cargo run -p boltz-codegen -- generate tests/fixtures/kitchen.yaml --out tests/kitchen --crate-name kitchen-api";
    assert_fresh(
        "tests/fixtures/kitchen.yaml",
        "tests/kitchen",
        &options,
        command,
    );
}

#[test]
fn generation_is_deterministic() {
    let run = || {
        generate_file(
            Path::new("spec/boltz-api.yaml"),
            &Options::default(),
            REGENERATE,
        )
        .expect("spec/boltz-api.yaml generates")
        .files
    };
    let first = run();
    for _ in 0..3 {
        let again = run();
        assert_eq!(
            first.keys().collect::<Vec<_>>(),
            again.keys().collect::<Vec<_>>()
        );
        for (path, text) in &first {
            assert!(
                again[path] == *text,
                "{path} differs between two generations"
            );
        }
    }
}

#[test]
fn spec_has_no_warnings() {
    let generated = generate_file(
        Path::new("spec/boltz-api.yaml"),
        &Options::default(),
        REGENERATE,
    )
    .unwrap();
    assert!(generated.warnings.is_empty(), "{:#?}", generated.warnings);
}
