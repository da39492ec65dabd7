//! The examples report: one row per spec, the failures, and the totals line.

use super::{Blame, SpecResult};

/// The report; its last line is
/// `examples: N found, V valid against their schema, D of those decode, R round-trip`.
pub fn report(results: &[SpecResult]) -> String {
    let mut out = String::from(
        "| spec | examples | valid | decode | round-trip | no generated type |\n\
         |---|---:|---:|---:|---:|---:|\n",
    );
    for r in results {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            r.spec, r.found, r.valid, r.decoded, r.round_tripped, r.untyped
        ));
    }
    for (blame, title) in [
        (
            Blame::Generator,
            "generator (a valid example that does not decode or round-trip)",
        ),
        (Blame::Spec, "spec (the example breaks its own schema)"),
    ] {
        let lines: Vec<String> = results
            .iter()
            .flat_map(|r| {
                r.failures
                    .iter()
                    .filter(move |f| f.blame == blame)
                    .map(move |f| format!("- {} {}: {}", r.spec, f.pointer, f.message))
            })
            .collect();
        out.push_str(&format!(
            "\nfailures put down to the {title}: {}\n",
            lines.len()
        ));
        for line in lines {
            out.push_str(&line);
            out.push('\n');
        }
    }
    let notes: Vec<String> = results
        .iter()
        .flat_map(|r| r.notes.iter().map(move |n| format!("- {} {n}", r.spec)))
        .collect();
    if !notes.is_empty() {
        out.push_str(&format!("\nnotes: {}\n{}\n", notes.len(), notes.join("\n")));
    }
    let (examples, properties) = results
        .iter()
        .fold((0, 0), |(e, p), r| (e + r.undeclared.0, p + r.undeclared.1));
    out.push_str(&format!(
        "\nround-trips with properties their schema does not declare (not compared): \
         {examples} examples, {properties} properties\n"
    ));
    out.push_str(&format!("\n{}\n", totals(results)));
    out
}

/// `examples: N found, V valid against their schema, D of those decode, R round-trip`.
pub fn totals(results: &[SpecResult]) -> String {
    let sum = |f: fn(&SpecResult) -> usize| results.iter().map(f).sum::<usize>();
    format!(
        "examples: {} found, {} valid against their schema, {} of those decode, {} round-trip",
        sum(|r| r.found),
        sum(|r| r.valid),
        sum(|r| r.decoded),
        sum(|r| r.round_tripped)
    )
}
