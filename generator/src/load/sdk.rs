//! The `x-sdk` extension at the top of a spec: settings of the generated crate that belong with
//! the API description.
//!
//! ```yaml
//! x-sdk:
//!   crate-name: boltz-api
//!   env-prefix: BOLTZ
//!   idempotency-header: Idempotency-Key
//!   key-prefixes:
//!     sk_live_: { kind: admin, mode: live }
//! ```

use crate::diag::{pointer_join, Diagnostic};
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

/// The `x-sdk` settings; every one is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SdkConfig {
    /// Name of the generated crate (`--crate-name` wins over it).
    pub crate_name: Option<String>,
    /// Prefix of the environment variables the client reads (`<PREFIX>_API_KEY`, ...).
    pub env_prefix: Option<String>,
    /// API key prefixes the client recognises: prefix -> what a key with it is.
    #[serde(default)]
    pub key_prefixes: IndexMap<String, KeyPrefix>,
    /// The header that carries an idempotency key.
    pub idempotency_header: Option<String>,
    /// Settings of the generated command line.
    #[serde(default)]
    pub cli: CliConfig,
}

/// `x-sdk: {cli: ..}`: settings of the generated command line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct CliConfig {
    /// Other environment variables the API key is read from, after `<PREFIX>_API_KEY`.
    #[serde(default)]
    pub env_aliases: Vec<String>,
}

/// What an API key with a given prefix is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct KeyPrefix {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub mode: String,
}

const KEYS: [&str; 5] = [
    "crate-name",
    "env-prefix",
    "key-prefixes",
    "idempotency-header",
    "cli",
];
const KEY_PREFIX_KEYS: [&str; 2] = ["kind", "mode"];

/// Reads `x-sdk` from the document's extensions: an error (naming the node under `/x-sdk`)
/// when it has the wrong shape, a warning for each key it does not know.
pub(super) fn parse(
    api: &openapiv3::OpenAPI,
    warnings: &mut Vec<Diagnostic>,
) -> Result<SdkConfig, Diagnostic> {
    let Some(value) = api.extensions.get("x-sdk") else {
        return Ok(SdkConfig::default());
    };
    let help = "`x-sdk` takes `crate-name`, `env-prefix` and `idempotency-header` (strings), \
                `key-prefixes` (prefix -> {kind, mode}) and `cli` ({env-aliases: [names]})";
    let sdk: SdkConfig = serde_path_to_error::deserialize(value).map_err(|e| {
        let pointer = format!("/x-sdk{}", super::path_to_pointer(e.path()));
        Diagnostic::error(
            pointer,
            format!("`x-sdk` has the wrong shape: {}", e.inner()),
        )
        .with_help(help)
    })?;
    unknown_keys(value, "/x-sdk", &KEYS, warnings);
    if let Some(Value::Object(prefixes)) = value.get("key-prefixes") {
        for (prefix, v) in prefixes {
            let at = pointer_join("/x-sdk/key-prefixes", &[prefix]);
            unknown_keys(v, &at, &KEY_PREFIX_KEYS, warnings);
        }
    }
    Ok(sdk)
}

fn unknown_keys(value: &Value, at: &str, known: &[&str], warnings: &mut Vec<Diagnostic>) {
    let Some(obj) = value.as_object() else { return };
    for key in obj.keys().filter(|k| !known.contains(&k.as_str())) {
        warnings.push(
            Diagnostic::warning(
                pointer_join(at, &[key]),
                format!("unknown `x-sdk` setting `{key}`; ignored"),
            )
            .with_help(format!("the settings here are {}", known.join(", "))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse_json(x_sdk: Value) -> (Result<SdkConfig, Diagnostic>, Vec<Diagnostic>) {
        let api: openapiv3::OpenAPI = serde_json::from_value(json!({
            "openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {},
            "x-sdk": x_sdk}))
        .unwrap();
        let mut warnings = Vec::new();
        (parse(&api, &mut warnings), warnings)
    }

    #[test]
    fn settings_are_typed() {
        let (sdk, w) = parse_json(json!({"crate-name": "a-b", "env-prefix": "AB",
            "idempotency-header": "Idempotency-Key",
            "key-prefixes": {"sk_": {"kind": "admin", "mode": "live"}}}));
        let sdk = sdk.unwrap();
        assert!(w.is_empty());
        assert_eq!(sdk.crate_name.as_deref(), Some("a-b"));
        assert_eq!(sdk.env_prefix.as_deref(), Some("AB"));
        assert_eq!(sdk.idempotency_header.as_deref(), Some("Idempotency-Key"));
        assert_eq!(sdk.key_prefixes["sk_"].kind, "admin");
    }

    #[test]
    fn unknown_keys_warn_and_wrong_shapes_fail() {
        let (sdk, w) =
            parse_json(json!({"crate": "x", "key-prefixes": {"sk_": {"kind": "a", "tier": 1}}}));
        assert_eq!(sdk.unwrap().crate_name, None);
        let pointers: Vec<&str> = w.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["/x-sdk/crate", "/x-sdk/key-prefixes/sk_/tier"]);
        let (sdk, _) = parse_json(json!({"key-prefixes": {"sk_": {"kind": 5}}}));
        let e = sdk.unwrap_err();
        assert_eq!(e.pointer, "/x-sdk/key-prefixes/sk_/kind");
        assert!(e.message.contains("wrong shape"), "{}", e.message);
        let (sdk, _) = parse_json(json!(true));
        assert_eq!(sdk.unwrap_err().pointer, "/x-sdk");
    }
}
