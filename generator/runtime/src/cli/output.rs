//! Printing results: `--format`, `--transform`, and stdout that may close early.

use super::Failure;
use serde_json::Value;
use std::io::{IsTerminal, Write};

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    /// Indented JSON (a list prints as one array).
    Json,
    /// One compact JSON value per line (a list prints one item per line, as it pages).
    Jsonl,
    Yaml,
    /// Indented JSON, coloured on a terminal (unless `NO_COLOR` is set).
    Pretty,
    /// The response body as the server sent it (a list: its first page).
    Raw,
}

impl Format {
    /// The format asked for; by default `pretty` on a terminal, `json` otherwise.
    pub fn pick(name: Option<&str>) -> Format {
        match name {
            Some("json") => Format::Json,
            Some("jsonl") => Format::Jsonl,
            Some("yaml") => Format::Yaml,
            Some("pretty") => Format::Pretty,
            Some("raw") => Format::Raw,
            _ if std::io::stdout().is_terminal() => Format::Pretty,
            _ => Format::Json,
        }
    }
}

/// What `--transform` selects from `value`: nothing is `null`, one node is that value,
/// several are an array of them.
pub(super) fn transform(path: Option<&serde_json_path::JsonPath>, value: Value) -> Value {
    let Some(path) = path else {
        return value;
    };
    let mut nodes = path.query(&value).all();
    match nodes.len() {
        0 => Value::Null,
        1 => nodes.remove(0).clone(),
        _ => Value::Array(nodes.into_iter().cloned().collect()),
    }
}

/// The text of `value` in `format` (not `raw`), ending with a newline.
pub(super) fn render(value: &Value, format: Format) -> Result<String, Failure> {
    let fail = |e: &dyn std::fmt::Display| Failure::Output(format!("cannot print the result: {e}"));
    let mut text = match format {
        Format::Jsonl => serde_json::to_string(value).map_err(|e| fail(&e))?,
        Format::Yaml => return serde_norway::to_string(value).map_err(|e| fail(&e)),
        Format::Pretty if colour() => {
            let mut out = String::new();
            coloured(value, 0, &mut out);
            out
        }
        Format::Json | Format::Pretty | Format::Raw => {
            serde_json::to_string_pretty(value).map_err(|e| fail(&e))?
        }
    };
    text.push('\n');
    Ok(text)
}

fn colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

const KEY: &str = "\x1b[1;34m";
const STRING: &str = "\x1b[32m";
const NUMBER: &str = "\x1b[33m";
const LITERAL: &str = "\x1b[35m";
const RESET: &str = "\x1b[0m";

/// Indented JSON with ANSI colours; scalars are written by serde_json.
fn coloured(value: &Value, depth: usize, out: &mut String) {
    let pad = |d: usize| "  ".repeat(d);
    let scalar = |v: &Value| serde_json::to_string(v).unwrap_or_default();
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            for (i, (k, v)) in map.iter().enumerate() {
                let key = scalar(&Value::String(k.clone()));
                out.push_str(&format!("{}{KEY}{key}{RESET}: ", pad(depth + 1)));
                coloured(v, depth + 1, out);
                out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, v) in items.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                coloured(v, depth + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push(']');
        }
        Value::String(_) => out.push_str(&format!("{STRING}{}{RESET}", scalar(value))),
        Value::Number(_) => out.push_str(&format!("{NUMBER}{}{RESET}", scalar(value))),
        Value::Bool(_) | Value::Null => out.push_str(&format!("{LITERAL}{}{RESET}", scalar(value))),
        _ => out.push_str(&scalar(value)),
    }
}

/// Writes to stdout; a reader that went away (`| head`) ends the output quietly.
pub(super) fn write(data: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(data).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Output(format!("cannot write to stdout: {e}")))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn formats() {
        let v = json!({"id": "ws_1", "n": [1, 2]});
        assert_eq!(
            render(&v, Format::Jsonl).unwrap(),
            "{\"id\":\"ws_1\",\"n\":[1,2]}\n"
        );
        assert_eq!(
            render(&v, Format::Yaml).unwrap(),
            "id: ws_1\nn:\n- 1\n- 2\n"
        );
        assert!(render(&v, Format::Json)
            .unwrap()
            .starts_with("{\n  \"id\": \"ws_1\""));
        let mut out = String::new();
        coloured(&v, 0, &mut out);
        assert!(out.contains("\x1b[32m\"ws_1\"\x1b[0m"), "{out}");
    }

    #[test]
    fn transforms_select_none_one_or_many() {
        let v = json!({"data": [{"id": "a"}, {"id": "b"}]});
        let path = |p: &str| serde_json_path::JsonPath::parse(p).unwrap();
        assert_eq!(
            transform(Some(&path("$.data[0].id")), v.clone()),
            json!("a")
        );
        assert_eq!(
            transform(Some(&path("$.data[*].id")), v.clone()),
            json!(["a", "b"])
        );
        assert_eq!(transform(Some(&path("$.nope")), v.clone()), Value::Null);
        assert_eq!(transform(None, v.clone()), v);
    }
}
