//! The committed `generated/` is what `spec/` generates, byte for byte, and generation is
//! deterministic.

use boltz_codegen::{boltz_options, generate_file, write, BOLTZ_REGENERATE};
use std::path::Path;

#[test]
fn generated_crate_is_fresh() {
    let generated = generate_file(
        Path::new("spec/boltz-api.yaml"),
        &boltz_options(),
        BOLTZ_REGENERATE,
    )
    .expect("spec/boltz-api.yaml generates");
    let stale = write::check(&generated.files, Path::new("generated"));
    assert!(
        stale.is_empty(),
        "generated/ is stale ({} files):\n{}\n\nRegenerate with: {BOLTZ_REGENERATE}",
        stale.len(),
        stale
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn kitchen_fixture_crate_is_fresh() {
    let command = "cargo run -p boltz-codegen -- generate tests/fixtures/kitchen.yaml --out tests/kitchen --crate-name kitchen-api";
    let options = boltz_codegen::Options {
        crate_name: "kitchen-api".into(),
        ..Default::default()
    };
    let generated = generate_file(Path::new("tests/fixtures/kitchen.yaml"), &options, command)
        .expect("kitchen.yaml generates");
    let stale = write::check(&generated.files, Path::new("tests/kitchen"));
    assert!(
        stale.is_empty(),
        "tests/kitchen is stale:\n{}\n\nRegenerate with: {command}",
        stale
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    let run = || {
        generate_file(
            Path::new("spec/boltz-api.yaml"),
            &boltz_options(),
            BOLTZ_REGENERATE,
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
        &boltz_options(),
        BOLTZ_REGENERATE,
    )
    .unwrap();
    assert!(generated.warnings.is_empty(), "{:#?}", generated.warnings);
}
