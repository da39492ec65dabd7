//! The generator on real-world specs: every file in `../shared/corpus/specs` (40 public
//! OpenAPI documents) is generated and the crates are `cargo check`ed in one workspace with one
//! shared target directory (`target/corpus`). At least 38 must compile and none may panic.
//! The collision fixture is compiled alongside.

use boltz_codegen::corpus::{self, Check};
use boltz_project::root;

#[test]
fn corpus_specs_generate_and_compile() {
    let specs = root().join("../shared/corpus/specs");
    assert!(
        specs.is_dir(),
        "{} is missing: the corpus lives in ../shared beside the project",
        specs.display()
    );
    let work = root().join("target/corpus");
    let extra = [root().join("tests/fixtures/collisions.yaml")];
    let mut rows = corpus::generate_all(&specs, &extra, &work).expect("specs are readable");
    let log =
        corpus::check_all(&mut rows, &work, Some(&root().join("Cargo.lock"))).expect("cargo runs");
    let report = corpus::table(&rows);
    println!("{report}");

    let (corpus_rows, fixtures): (Vec<_>, Vec<_>) =
        rows.iter().partition(|r| r.spec.ends_with(".json"));
    assert_eq!(corpus_rows.len(), 40, "the corpus holds 40 specs");
    let panics: Vec<&str> = rows
        .iter()
        .filter(|r| r.panicked)
        .map(|r| r.spec.as_str())
        .collect();
    assert!(panics.is_empty(), "the generator panicked on {panics:?}");
    let compiled = corpus_rows.iter().filter(|r| r.check == Check::Ok).count();
    assert!(
        compiled >= 38,
        "only {compiled} of 40 corpus crates compile:\n{report}\n{}",
        tail(&log)
    );
    for f in fixtures {
        assert_eq!(
            f.check,
            Check::Ok,
            "{} does not compile:\n{}",
            f.spec,
            tail(&log)
        );
    }
}

fn tail(log: &str) -> String {
    let errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("error"))
        .take(40)
        .collect();
    errors.join("\n")
}
