//! Insta snapshots of the generator's output, one per emitted file, named
//! `<spec>__<file>`. Review changes with `cargo insta review` (or read the `.snap.new` files).

use boltz_codegen::{generate_file, Options};
use std::path::Path;

fn snapshot_spec(spec: &str, label: &str, options: &Options) {
    let generated =
        generate_file(Path::new(spec), options, "(snapshot)").expect("the spec generates");
    assert!(
        generated.warnings.is_empty(),
        "unexpected warnings: {:#?}",
        generated.warnings
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for (path, text) in &generated.files {
            // The runtime is copied verbatim from generator/runtime; its source is reviewed there.
            if path.starts_with("src/runtime/") {
                continue;
            }
            let construct = path
                .trim_start_matches("src/")
                .trim_end_matches(".rs")
                .replace(['/', '.'], "_");
            insta::assert_snapshot!(format!("{label}__{construct}"), text);
        }
    });
}

#[test]
fn boltz_api_snapshots() {
    snapshot_spec(
        "spec/boltz-api.yaml",
        "boltz_api",
        &boltz_codegen::boltz_options(),
    );
}

#[test]
fn collisions_snapshots() {
    let options = Options {
        crate_name: "collisions".into(),
        ..Options::default()
    };
    snapshot_spec("tests/fixtures/collisions.yaml", "collisions", &options);
}
