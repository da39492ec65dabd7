//! `boltz-codegen corpus DIR --examples`: every example of every spec through its schema and
//! the generated types.
//!
//! For each spec, [`prepare`] collects the examples from the document as the user wrote it
//! ([`collect`]), checks each against its normalised schema with the `jsonschema` crate
//! ([`schema`]), finds its generated Rust type in the IR ([`types`]) and writes a harness into
//! the generated crate ([`harness`]). [`run::build_and_run`] compiles the harnesses in the
//! corpus workspace and runs them; [`Prepared::finish`] compares each re-encoded example with
//! the original, less the properties its schema does not declare ([`compare`],
//! [`undeclared`]). [`report::report`] prints the table and the failures.

pub mod collect;
pub mod compare;
pub mod harness;
pub mod report;
pub mod run;
pub mod schema;
pub mod types;
pub mod undeclared;

use crate::{load, lower, Options};
use serde_json::Value;
use std::path::Path;

/// One example with a generated type.
#[derive(Debug, Clone)]
pub struct Case {
    pub pointer: String,
    pub value: Value,
    pub rust_type: String,
    /// Why the example breaks its schema, if it does.
    pub invalid: Option<String>,
    /// The properties its schema does not declare ([`undeclared`]), left out of the
    /// comparison.
    pub undeclared: Vec<String>,
}

/// A spec's examples, ready for the harness.
#[derive(Debug, Default)]
pub struct Prepared {
    pub spec: String,
    /// The generated crate's folder name.
    pub crate_dir: String,
    pub cases: Vec<Case>,
    /// Examples whose schema has no generated type (inline error bodies, `allOf` members).
    pub untyped: Vec<String>,
    pub notes: Vec<String>,
}

/// Where a failure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blame {
    /// The example breaks its own schema.
    Spec,
    /// A valid example does not decode or round-trip.
    Generator,
}

#[derive(Debug, Clone)]
pub struct Failure {
    pub pointer: String,
    pub blame: Blame,
    pub message: String,
}

/// The result for one spec.
#[derive(Debug, Default)]
pub struct SpecResult {
    pub spec: String,
    pub found: usize,
    pub valid: usize,
    pub decoded: usize,
    pub round_tripped: usize,
    pub untyped: usize,
    /// Round-tripped examples with properties their schema does not declare (not compared),
    /// and how many properties.
    pub undeclared: (usize, usize),
    pub failures: Vec<Failure>,
    pub notes: Vec<String>,
}

/// Collects, validates and types the examples of `spec_file`, and writes the harness into
/// `crate_dir` (the crate generated from it).
pub fn prepare(spec_file: &Path, crate_name: &str, crate_dir: &Path) -> Result<Prepared, String> {
    let spec = load::load_file(spec_file).map_err(|e| e.to_string())?;
    let (api, _) = lower::lower(&spec, &Options::default())
        .map_err(|d| d.first().map(|d| d.to_string()).unwrap_or_default())?;
    let normalised = serde_json::to_value(&spec.api).map_err(|e| e.to_string())?;
    let source = spec.source_doc().ok_or("the spec does not parse")?;
    let found = collect::collect(&source);
    let mut schemas = schema::Schemas::new(normalised.clone());
    let types = types::Types::new(&api, &normalised);
    let krate = crate_name.replace('-', "_");
    let mut prepared = Prepared {
        spec: spec.file.clone(),
        crate_dir: crate_name.to_owned(),
        notes: found.notes,
        ..Prepared::default()
    };
    for ex in found.examples {
        let rust_type = types
            .ty_at(&ex.schema)
            .and_then(|ty| types.path(&ty, &krate));
        let Some(rust_type) = rust_type else {
            prepared.untyped.push(ex.pointer);
            continue;
        };
        let invalid = schemas.check(&ex.schema, &ex.value).err();
        let undeclared = undeclared::undeclared(&normalised, &ex.schema, &ex.value);
        prepared.cases.push(Case {
            pointer: ex.pointer,
            value: ex.value,
            rust_type,
            invalid,
            undeclared,
        });
    }
    let valid: Vec<harness::Case> = (prepared.cases.iter().enumerate())
        .filter(|(_, c)| c.invalid.is_none())
        .map(|(index, c)| harness::Case {
            index,
            rust_type: &c.rust_type,
            value: &c.value,
        })
        .collect();
    harness::write(crate_dir, &krate, &valid).map_err(|e| e.to_string())?;
    Ok(prepared)
}

impl Prepared {
    /// Tallies the spec's examples from the harness's results (`None`: it did not run, and
    /// `why` says why).
    pub fn finish(self, results: Option<&str>, why: &str) -> SpecResult {
        let decoded = harness::read(results.unwrap_or_default());
        let mut r = SpecResult {
            spec: self.spec,
            found: self.cases.len(),
            untyped: self.untyped.len(),
            notes: self.notes,
            ..SpecResult::default()
        };
        for (i, case) in self.cases.into_iter().enumerate() {
            let fail = |blame, message| Failure {
                pointer: case.pointer.clone(),
                blame,
                message,
            };
            if let Some(why) = case.invalid {
                r.failures
                    .push(fail(Blame::Spec, format!("breaks its schema: {why}")));
                continue;
            }
            r.valid += 1;
            let outcome = match decoded.get(&i) {
                Some(harness::Decoded::Ok(again)) => Ok(again),
                Some(harness::Decoded::Failed(e)) => Err(e.clone()),
                None if results.is_some() => Err("the harness printed no result".into()),
                None => Err(format!("not decoded: {why}")),
            };
            let again = match outcome {
                Ok(again) => again,
                Err(e) => {
                    let message = format!("does not decode into `{}`: {e}", case.rust_type);
                    r.failures.push(fail(Blame::Generator, message));
                    continue;
                }
            };
            r.decoded += 1;
            let expected = undeclared::remove(&case.value, &case.undeclared);
            match compare::same(&expected, &undeclared::remove(again, &case.undeclared)) {
                Ok(()) => {
                    r.round_tripped += 1;
                    if !case.undeclared.is_empty() {
                        r.undeclared.0 += 1;
                        r.undeclared.1 += case.undeclared.len();
                    }
                }
                Err(d) => {
                    let message = format!("does not round-trip through `{}`: {d}", case.rust_type);
                    r.failures.push(fail(Blame::Generator, message));
                }
            }
        }
        r
    }
}
