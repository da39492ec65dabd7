//! The compiled half of the check: a cargo example (`examples/check_examples_<crate>.rs`)
//! written into each generated corpus crate, outside `src/`, so the crate itself is what
//! `generate` writes. It reads `examples/check_examples.jsonl` (one example a line: its index,
//! the index of its Rust type, its JSON), decodes each example with serde_json into its
//! generated type, re-encodes it to JSON text (what the SDK would send), reads that back, and
//! prints one line per example: the index, a tab, and `{"ok": <re-encoded JSON>}`,
//! `{"decode": "<serde error>"}` or `{"encode": "<error>"}`.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// One example to decode: its index in the spec's list and its Rust type.
pub struct Case<'a> {
    pub index: usize,
    pub rust_type: &'a str,
    pub value: &'a Value,
}

/// The harness's file, named after the crate: cargo copies every example binary to
/// `target/debug/examples/<name>`, so one shared name would leave one binary for all crates.
pub fn source_file(krate: &str) -> String {
    format!("examples/check_examples_{krate}.rs")
}

pub const DATA: &str = "examples/check_examples.jsonl";

/// Writes the harness and its data into a generated crate's folder.
pub fn write(crate_dir: &Path, krate: &str, cases: &[Case]) -> std::io::Result<()> {
    let mut types: BTreeMap<&str, usize> = BTreeMap::new();
    let mut data = String::new();
    for case in cases {
        let next = types.len();
        let t = *types.entry(case.rust_type).or_insert(next);
        let line = json!([case.index, t, case.value]);
        data.push_str(&line.to_string());
        data.push('\n');
    }
    let mut by_index: Vec<&str> = vec![""; types.len()];
    for (ty, i) in &types {
        by_index[*i] = ty;
    }
    std::fs::create_dir_all(crate_dir.join("examples"))?;
    std::fs::write(crate_dir.join(DATA), data)?;
    std::fs::write(crate_dir.join(source_file(krate)), source(&by_index))
}

fn source(types: &[&str]) -> String {
    let table: String = types
        .iter()
        .map(|t| format!("    check::<{t}>,\n"))
        .collect();
    format!(
        r#"//! Written by `boltz-codegen corpus --examples`: decodes every example of the spec into
//! its generated type and re-encodes it (one result line per example).
#![allow(deprecated)]

fn check<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> serde_json::Value {{
    match serde_json::from_str::<T>(json) {{
        // Re-encoded as text, as the SDK sends it, and read back.
        Ok(value) => match serde_json::to_string(&value).map(|t| serde_json::from_str::<serde_json::Value>(&t)) {{
            Ok(Ok(again)) => serde_json::json!({{ "ok": again }}),
            Ok(Err(e)) | Err(e) => serde_json::json!({{ "encode": e.to_string() }}),
        }},
        Err(e) => serde_json::json!({{ "decode": e.to_string() }}),
    }}
}}

const CHECKS: &[fn(&str) -> serde_json::Value] = &[
{table}];

fn main() {{
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/{DATA}");
    let data = std::fs::read_to_string(path).expect("the examples file is beside the harness");
    for line in data.lines() {{
        let (index, ty, example): (usize, usize, serde_json::Value) =
            serde_json::from_str(line).expect("a line of the examples file");
        let result = CHECKS[ty](&example.to_string());
        println!("{{index}}\t{{result}}");
    }}
}}
"#
    )
}

/// What the harness said about one example.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded {
    Ok(Value),
    Failed(String),
}

/// Reads the harness's output: example index -> result.
pub fn read(stdout: &str) -> BTreeMap<usize, Decoded> {
    let mut out = BTreeMap::new();
    for line in stdout.lines() {
        let Some((index, result)) = line.split_once('\t') else {
            continue;
        };
        let (Ok(index), Ok(result)) = (index.parse(), serde_json::from_str::<Value>(result)) else {
            continue;
        };
        let decoded = match result {
            Value::Object(mut m) => {
                match (m.remove("ok"), m.remove("decode"), m.remove("encode")) {
                    (Some(v), _, _) => Decoded::Ok(v),
                    (_, Some(e), _) => Decoded::Failed(text(e)),
                    (_, _, Some(e)) => Decoded::Failed(format!("re-encoding failed: {}", text(e))),
                    _ => continue,
                }
            }
            _ => continue,
        };
        out.insert(index, decoded);
    }
    out
}

fn text(v: Value) -> String {
    match v {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_lines_are_read_back() {
        let out = "0\t{\"ok\":{\"a\":1}}\n3\t{\"decode\":\"missing field `a`\"}\nnoise\n";
        let read = read(out);
        assert_eq!(read[&0], Decoded::Ok(json!({"a": 1})));
        assert_eq!(read[&3], Decoded::Failed("missing field `a`".into()));
        assert_eq!(read.len(), 2);
    }
}
