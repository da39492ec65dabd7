//! Spec examples through the generated types (`boltz-codegen corpus --examples`, in
//! little): three dev specs and our own spec are generated, every example is checked
//! against its schema, decoded into its generated type and re-encoded; no failure may be
//! the generator's. Work and target folder: `target/examples` (kept between runs, so only
//! the first run compiles the dependencies).

use boltz_codegen::corpus;
use boltz_codegen::examples::{report, run, Blame};
use boltz_codegen::Options;
use boltz_project::root;

/// Small dev specs with examples of every kind: component, nested property, media-type;
/// spoonacular's hold `null` for any-JSON fields and decimals an `f32` or serde_json's
/// default float parser would not give back.
const SPECS: &[&str] = &[
    "nexmo.com_dispatch.json",
    "sakari.io.json",
    "spoonacular.com.json",
];

#[test]
fn examples_decode_and_round_trip_through_the_generated_types() {
    let dev = root().join("../shared/corpus/specs");
    let work = root().join("target/examples");
    let specs = work.join("specs");
    std::fs::create_dir_all(&specs).expect("the work folder is writable");
    for spec in SPECS {
        std::fs::copy(dev.join(spec), specs.join(spec)).expect("the dev corpus is beside us");
    }
    let extra = [(root().join("spec/boltz-api.yaml"), Options::default())];
    let rows = corpus::generate_all(&specs, &extra, &work).expect("specs are readable");
    let results = run::check(&rows, &work, Some(&root().join("Cargo.lock"))).expect("cargo runs");
    let text = report::report(&results);
    println!("{text}");

    let ours = results
        .iter()
        .find(|r| r.spec == "boltz-api.yaml")
        .expect("our spec is checked");
    assert_eq!(ours.found, 3, "{text}");
    assert!(results.iter().all(|r| r.found > 0), "{text}");
    let generator: Vec<_> = results
        .iter()
        .flat_map(|r| r.failures.iter())
        .filter(|f| f.blame == Blame::Generator)
        .collect();
    assert!(
        generator.is_empty(),
        "failures put down to the generator:\n{text}"
    );
    let last = text.lines().last().unwrap_or_default();
    assert!(last.starts_with("examples: "), "{last}");
}
