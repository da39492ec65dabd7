//! Diff time for two versions of the largest corpus spec (docusign.net.json, 2.8 MB): the
//! original against a copy with a few changes made in memory (an operation removed, a
//! response field added, an enum value removed, a string property given a `maxLength`).
//!
//! `cargo bench --bench diff` prints a table of medians over 9 runs, and the fastest (host
//! contention on a shared machine only ever slows a run). Stages: load (parse, normalise,
//! openapiv3) and lower (IR) for both sides, then compare (the diff proper); the total is
//! what `boltz-codegen diff OLD NEW` spends apart from reading the files.

use boltz_codegen::{diff, load, lower, Options};
use serde_json::Value;
use std::path::PathBuf;
use std::time::Instant;

const RUNS: usize = 9;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The spec with a few changes: the first path removed; in the first object schema with
/// properties, a new property; the last value of the first string enum removed; a
/// `maxLength` on the first plain string property.
fn mutate(mut doc: Value) -> Value {
    if let Some(paths) = doc["paths"].as_object_mut() {
        if let Some(first) = paths.keys().next().cloned() {
            paths.remove(&first);
        }
    }
    let schemas = doc["components"]["schemas"]
        .as_object_mut()
        .expect("schemas");
    let (mut added, mut enum_cut, mut bounded) = (false, false, false);
    for schema in schemas.values_mut() {
        if !enum_cut {
            if let Some(values) = schema.get_mut("enum").and_then(Value::as_array_mut) {
                if values.len() > 1 {
                    values.pop();
                    enum_cut = true;
                }
            }
        }
        let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
            continue;
        };
        if !added {
            props.insert("benchAdded".into(), serde_json::json!({"type": "string"}));
            added = true;
        }
        for p in props.values_mut() {
            if !bounded && p.get("type") == Some(&Value::from("string")) && p.get("enum").is_none()
            {
                p["maxLength"] = 10.into();
                bounded = true;
            }
        }
    }
    doc
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let spec = root.join("../shared/corpus/specs/docusign.net.json");
    let old_text =
        std::fs::read_to_string(&spec).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
    let doc: Value = serde_json::from_str(&old_text).expect("JSON");
    let new_text = mutate(doc).to_string();
    let options = Options::default();

    let mut cols: Vec<Vec<f64>> = vec![Vec::new(); 4];
    let mut last = None;
    for _ in 0..RUNS {
        let t0 = Instant::now();
        let old = load::load_str("old.json", &old_text).expect("loads");
        let new = load::load_str("new.json", &new_text).expect("loads");
        let t1 = Instant::now();
        let (old, _) = lower::lower(&old, &options).expect("lowers");
        let (new, _) = lower::lower(&new, &options).expect("lowers");
        let t2 = Instant::now();
        let report = diff::diff(&old, &new);
        let t3 = Instant::now();
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
        for (c, v) in cols
            .iter_mut()
            .zip([ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t0, t3)])
        {
            c.push(v);
        }
        last = Some(report);
    }
    let report = last.expect("ran");
    let fastest = cols[3].iter().copied().fold(f64::INFINITY, f64::min);
    let m: Vec<f64> = cols.into_iter().map(median).collect();
    println!("diff of docusign.net.json against a mutated copy, median of {RUNS} runs (ms)\n");
    println!(
        "| spec | size | load x2 | lower x2 | compare | **total** | fastest | changes | verdict |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---|");
    println!(
        "| docusign.net.json | {:.0} KB | {:.1} | {:.1} | {:.1} | **{:.1}** | {:.1} | {} | {} |",
        old_text.len() as f64 / 1024.0,
        m[0],
        m[1],
        m[2],
        m[3],
        fastest,
        report.changes.len(),
        report.bump.as_str()
    );
    println!("\nchanges found: {}", report.kinds().join(", "));
}
