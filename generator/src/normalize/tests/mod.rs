//! Unit tests of the normaliser: each rewrite on its own, the rewrites in order over a whole
//! document, and the `$ref` pass.

mod refs;
mod rewrites;

use super::{normalize, Cx};
use crate::diag::{Diagnostic, Severity};
use serde_json::{json, Value};

/// A document with one component schema `S`.
fn doc_with(s: Value) -> Value {
    json!({"openapi": "3.1.0", "paths": {}, "components": {"schemas": {"S": s}}})
}

/// Normalises a document with one component schema `S`; returns `S` and the diagnostics.
fn schema(s: Value) -> (Value, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let out = normalize(doc_with(s), &mut diags);
    (out.doc["components"]["schemas"]["S"].clone(), diags)
}

/// Normalises a whole document; returns it and the diagnostics.
fn document(doc: Value) -> (Value, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let out = normalize(doc, &mut diags);
    (out.doc, diags)
}

fn errors(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// Runs one named rewrite (of the `list`) on `node`, as if it sat at `/S`.
fn run(
    list: &[(&str, super::Rewrite)],
    name: &str,
    node: Value,
) -> (Value, Vec<Diagnostic>, super::walk::Origins) {
    let (_, rewrite) = list
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no rewrite `{name}`"));
    let mut warnings = Vec::new();
    let mut origins = super::walk::Origins::default();
    let Value::Object(mut obj) = node else {
        panic!("not an object")
    };
    rewrite(
        &mut obj,
        &mut Cx {
            origin: "/S",
            origins: &mut origins,
            warnings: &mut warnings,
        },
    );
    (Value::Object(obj), warnings, origins)
}
