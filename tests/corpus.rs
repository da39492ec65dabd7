//! The generator on real-world specs: every file in `../shared/corpus/specs` (40 public
//! OpenAPI documents) is generated and the crates are `cargo check`ed in one workspace with one
//! shared target directory (`target/corpus`). The collision fixture is compiled alongside, and
//! our spec and the kitchen fixture generated to depend on the runtime crate.
//!
//! None may panic; every crate must compile except the specs named in [`ALLOWED_TO_FAIL`]
//! (and those must still fail, so the list stays exact); no generated crate may have compiler
//! warnings. Crates are checked with all features, so every spec's command line (feature
//! `cli`) is compiled too, and their rustdoc is built with warnings denied: spec prose never
//! makes a broken link, a bare URL or stray HTML.

use boltz_codegen::corpus::{self, Row};
use boltz_codegen::Options;
use boltz_project::root;

/// Specs whose crates are known not to compile, each with the reason. Empty: all compile.
const ALLOWED_TO_FAIL: &[&str] = &[];

#[test]
fn corpus_specs_generate_and_compile() {
    let specs = root().join("../shared/corpus/specs");
    assert!(
        specs.is_dir(),
        "{} is missing: the corpus lives in ../shared beside the project",
        specs.display()
    );
    let work = root().join("target/corpus");
    // Our spec (key kinds and modes, paging, the command line) and the kitchen fixture
    // (multipart, every construct) once more, depending on the runtime crate instead of
    // vendoring it (`generate --runtime-path`): they must compile with every feature, warn
    // nothing and document cleanly like the rest.
    let runtime_crate = |name: &str| Options {
        crate_name: Some(format!("{name}-runtime-crate")),
        runtime_path: Some(root().join("generator/runtime").display().to_string()),
        ..Options::default()
    };
    let extra = [
        (
            root().join("tests/fixtures/collisions.yaml"),
            Options::default(),
        ),
        (
            root().join("spec/boltz-api.yaml"),
            runtime_crate("boltz-api"),
        ),
        (
            root().join("tests/fixtures/kitchen.yaml"),
            runtime_crate("kitchen"),
        ),
    ];
    let mut rows = corpus::generate_all(&specs, &extra, &work).expect("specs are readable");
    let log =
        corpus::check_all(&mut rows, &work, Some(&root().join("Cargo.lock"))).expect("cargo runs");
    let report = corpus::table(&rows);

    let corpus_rows = rows.iter().filter(|r| r.spec.ends_with(".json")).count();
    assert_eq!(corpus_rows, 40, "the corpus holds 40 specs");
    let panics = specs_where(&rows, |r| r.panicked);
    assert!(panics.is_empty(), "the generator panicked on {panics:?}");

    let failed = specs_where(&rows, |r| !r.check.compiled());
    let unexpected: Vec<&str> = failed
        .iter()
        .copied()
        .filter(|s| !ALLOWED_TO_FAIL.contains(s))
        .collect();
    assert!(
        unexpected.is_empty(),
        "these specs do not generate a compiling crate: {unexpected:?}\n{report}\n{}",
        errors(&log)
    );
    let fixed: Vec<&str> = ALLOWED_TO_FAIL
        .iter()
        .copied()
        .filter(|s| !failed.contains(s))
        .collect();
    assert!(
        fixed.is_empty(),
        "{fixed:?} compile now: remove them from ALLOWED_TO_FAIL"
    );

    let warned: Vec<String> = rows
        .iter()
        .filter(|r| r.check.warnings() > 0)
        .map(|r| format!("{}:\n  {}", r.spec, r.compiler.join("\n  ")))
        .collect();
    assert!(
        warned.is_empty(),
        "generated crates must compile without warnings:\n{}",
        warned.join("\n")
    );

    let doc_log = corpus::doc_all(&mut rows, &work).expect("cargo runs");
    // The report after the docs, so that its rustdoc column is filled.
    println!("{}", corpus::table(&rows));
    let undocumented: Vec<String> = rows
        .iter()
        .filter(|r| r.check.compiled())
        .filter_map(|r| match &r.rustdoc {
            Some(errors) if errors.is_empty() => None,
            Some(errors) => Some(format!("{}:\n  {}", r.spec, errors.join("\n  "))),
            None => Some(format!("{}: rustdoc did not run", r.spec)),
        })
        .collect();
    assert!(
        undocumented.is_empty(),
        "rustdoc (warnings denied) fails on:\n{}\n{}",
        undocumented.join("\n"),
        errors(&doc_log)
    );
}

fn specs_where(rows: &[Row], f: impl Fn(&Row) -> bool) -> Vec<&str> {
    rows.iter()
        .filter(|r| f(r))
        .map(|r| r.spec.as_str())
        .collect()
}

/// The first compiler errors and cargo's error lines.
fn errors(log: &str) -> String {
    let errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("error"))
        .take(40)
        .collect();
    errors.join("\n")
}
