//! Stage 1: read a spec (YAML or JSON, OpenAPI 3.0.x or 3.1.x), normalise it onto
//! openapiv3's 3.0 model ([`normalize`]), deserialise it, and read the `x-sdk` settings.
//!
//! Everything lowering needs is in the model: after normalisation every `$ref` points into
//! `components`. The document as the user wrote it is kept privately, so diagnostics can name
//! the line of a JSON pointer ([`Spec::line_of`]).

mod locate;
mod read;
mod sdk;

pub use sdk::{KeyPrefix, SdkConfig};

use crate::diag::{Diagnostic, Error, Severity};
use crate::normalize;
use locate::Locator;
use serde_json::Value;
use std::path::Path;

/// A loaded, normalised spec.
#[derive(Debug)]
pub struct Spec {
    /// The file name used in diagnostics.
    pub file: String,
    /// The normalised document in openapiv3's model.
    pub api: openapiv3::OpenAPI,
    /// The `x-sdk` settings.
    pub sdk: SdkConfig,
    /// Warnings from loading and normalisation (with their lines).
    pub warnings: Vec<Diagnostic>,
    /// The source text.
    pub text: String,
    locator: Locator,
}

impl Spec {
    /// The line of the node a JSON pointer (into the user's file) names, when it can be found.
    pub fn line_of(&self, pointer: &str) -> Option<usize> {
        self.locator.line(&self.file, &self.text, pointer)
    }

    /// Where a node of the normalised document sits in the user's file (nodes the normaliser
    /// moved, such as hoisted `$ref` targets, sit elsewhere there).
    pub fn source_pointer(&self, pointer: &str) -> String {
        self.locator.source_pointer(pointer)
    }
}

impl Spec {
    /// The document as the user wrote it (before normalisation), read again from its text:
    /// example checks need every 3.1 `examples` entry, which the normaliser folds to one.
    pub fn source_doc(&self) -> Option<Value> {
        parse_text(&self.file, &self.text).ok()
    }
}

/// Reads and loads a spec file.
pub fn load_file(path: &Path) -> Result<Spec, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    load_str(&path.display().to_string(), &text)
}

/// Loads a spec from text; `file` names it in diagnostics.
pub fn load_str(file: &str, text: &str) -> Result<Spec, Error> {
    let fail = |d: Diagnostic| Error::Spec(vec![d.in_file(file)]);
    let source = parse_text(file, text).map_err(fail)?;
    check_version(&source).map_err(fail)?;
    let mut diags = Vec::new();
    let normalized = normalize::normalize(source, &mut diags);
    let locator = Locator::new(normalized.moves);
    let locate = |mut d: Diagnostic| {
        d.file = file.to_owned();
        if d.line.is_none() {
            d.line = locator.line(file, text, &d.pointer);
        }
        d
    };
    if diags.iter().any(|d| d.severity == Severity::Error) {
        diags.retain(|d| d.severity == Severity::Error);
        return Err(Error::Spec(diags.into_iter().map(locate).collect()));
    }
    let api = deserialize(normalized.doc, || {
        let source = parse_text(file, text)?;
        Ok(normalize::normalize(source, &mut Vec::new()).doc)
    })
    .map_err(|mut d| {
        d.pointer = locator.source_pointer(&d.pointer);
        Error::Spec(vec![locate(d)])
    })?;
    let sdk = sdk::parse(&api, &mut diags).map_err(|d| Error::Spec(vec![locate(d)]))?;
    let warnings = diags.into_iter().map(locate).collect();
    Ok(Spec {
        file: file.to_owned(),
        api,
        sdk,
        warnings,
        text: text.to_owned(),
        locator,
    })
}

fn parse_help(message: &str, format: &str) -> String {
    if message.contains("recursion limit") {
        "the document nests deeper than the parser allows (128 levels); flatten it with $refs"
            .into()
    } else {
        format!("fix the {format} syntax at the line shown")
    }
}

pub(crate) fn looks_like_json(file: &str, text: &str) -> bool {
    file.ends_with(".json") || text.trim_start().starts_with('{')
}

fn parse_text(file: &str, text: &str) -> Result<Value, Diagnostic> {
    if looks_like_json(file, text) {
        return serde_json::from_str(text).map_err(|e| {
            Diagnostic::error("", format!("invalid JSON: {e}"))
                .with_line(Some(e.line()))
                .with_help(parse_help(&e.to_string(), "JSON"))
        });
    }
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let line = e.location().map(|l| l.line());
        Diagnostic::error("", format!("invalid YAML: {e}"))
            .with_line(line)
            .with_help(parse_help(&e.to_string(), "YAML"))
    })?;
    yaml_to_json(yaml, "")
}

/// Converts YAML to JSON, stringifying non-string keys (`200:` is a common response key).
fn yaml_to_json(v: serde_yaml::Value, pointer: &str) -> Result<Value, Diagnostic> {
    use serde_yaml::Value as Y;
    Ok(match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                serde_json::Number::from_f64(f)
                    .map(Value::Number)
                    .ok_or_else(|| {
                        Diagnostic::error(pointer, format!("number {f} cannot be represented"))
                    })?
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(seq) => Value::Array(
            seq.into_iter()
                .enumerate()
                .map(|(i, v)| yaml_to_json(v, &format!("{pointer}/{i}")))
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(map) => {
            let mut out = serde_json::Map::with_capacity(map.len());
            for (k, v) in map {
                let key = match k {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    other => {
                        return Err(Diagnostic::error(
                            pointer,
                            format!("unsupported mapping key {other:?}"),
                        )
                        .with_help("use string keys"))
                    }
                };
                let child = crate::diag::pointer_join(pointer, &[&key]);
                out.insert(key, yaml_to_json(v, &child)?);
            }
            Value::Object(out)
        }
        Y::Tagged(t) => yaml_to_json(t.value, pointer)?,
    })
}

fn check_version(doc: &Value) -> Result<(), Diagnostic> {
    let Some(obj) = doc.as_object() else {
        return Err(Diagnostic::error("", "the document is not an object")
            .with_help("an OpenAPI document is a mapping with `openapi`, `info` and `paths`"));
    };
    if let Some(v) = obj.get("swagger") {
        return Err(Diagnostic::error(
            "/swagger",
            format!(
                "Swagger {} is not supported; this generator reads OpenAPI 3.0 and 3.1",
                v.as_str().unwrap_or("2.0")
            ),
        )
        .with_help("convert the document to OpenAPI 3 first (for example with swagger2openapi)"));
    }
    match obj.get("openapi").and_then(Value::as_str) {
        Some(v) if v.starts_with("3.0") || v.starts_with("3.1") => Ok(()),
        Some(v) => Err(Diagnostic::error(
            "/openapi",
            format!("OpenAPI version {v} is not supported"),
        )
        .with_help("use OpenAPI 3.0.x or 3.1.x")),
        None => Err(
            Diagnostic::error("/openapi", "missing `openapi` version field")
                .with_help("add `openapi: 3.1.0` (or 3.0.x) at the top of the document"),
        ),
    }
}

/// The typed document, read from the normalised one by moving its strings rather than
/// copying them, in parts on all cores ([`read::document`]). Only when that fails is the
/// document made again (`again`) and read with its path tracked, so that the error names a
/// pointer to the node that fails.
fn deserialize(
    doc: Value,
    again: impl FnOnce() -> Result<Value, Diagnostic>,
) -> Result<openapiv3::OpenAPI, Diagnostic> {
    if let Ok(api) = read::document(doc) {
        return Ok(api);
    }
    let doc = again()?;
    serde_path_to_error::deserialize(&doc).map_err(|e| {
        let (pointer, message) = narrow(&doc, path_to_pointer(e.path()), e.inner().to_string());
        Diagnostic::error(pointer, format!("not a valid OpenAPI document: {message}"))
    })
}

/// Tries `T` on `value` (unless it is a `$ref`: `ReferenceOr` hides paths); on failure, the
/// pointer (under `base`) and message of the error.
fn try_as<T: serde::de::DeserializeOwned>(value: &Value, base: &str) -> Option<(String, String)> {
    if value.get("$ref").is_some() {
        return None;
    }
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(_) => None,
        Err(e) => Some((
            format!("{base}{}", path_to_pointer(e.path())),
            e.inner().to_string(),
        )),
    }
}

/// openapiv3 reads `paths`, `responses` and `$ref`-or-item nodes through its own code, which
/// hides the failing node from serde_path_to_error. Re-read the children of those containers
/// one by one to point at the deepest node that fails.
fn narrow(doc: &Value, pointer: String, message: String) -> (String, String) {
    use crate::diag::pointer_join;
    use openapiv3::{PathItem, Response, Schema};
    let entries = |p: &str| -> Vec<(String, Value)> {
        doc.pointer(p)
            .and_then(Value::as_object)
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    };
    if pointer == "/paths" || pointer.starts_with("/paths/") {
        for (path, item) in entries("/paths") {
            let base = pointer_join("/paths", &[&path]);
            let Some(found) = try_as::<PathItem>(&item, &base) else {
                continue;
            };
            for method in [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ] {
                let responses = pointer_join(&base, &[method, "responses"]);
                for (code, r) in entries(&responses) {
                    if let Some(err) = try_as::<Response>(&r, &pointer_join(&responses, &[&code])) {
                        return err;
                    }
                }
            }
            return found;
        }
    }
    if pointer.starts_with("/components") {
        for (name, s) in entries("/components/schemas") {
            let at = pointer_join("/components/schemas", &[&name]);
            if let Some(err) = try_as::<Schema>(&s, &at) {
                return err;
            }
        }
    }
    (pointer, message)
}

/// Converts serde_path_to_error's path into a JSON pointer.
fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        out.push('/');
        match seg {
            Segment::Seq { index } => out.push_str(&index.to_string()),
            Segment::Map { key } => out.push_str(&crate::diag::escape_token(key)),
            Segment::Enum { variant } => out.push_str(&crate::diag::escape_token(variant)),
            Segment::Unknown => out.push('?'),
        }
    }
    out
}
