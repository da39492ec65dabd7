//! The `x-sdk` extension at the top of a spec: `crate-name`, `env-prefix` and `key-prefixes`.
//! A value of the wrong JSON type is ignored with a warning naming its pointer, never
//! silently; a crate name Cargo would refuse is made valid, with a warning.

use crate::diag::{pointer_join, Diagnostic};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The settings read from `x-sdk`; absent or ignored ones are `None` or empty.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Settings {
    pub crate_name: Option<String>,
    pub env_prefix: Option<String>,
    /// Prefix -> (kind, mode); a missing or ignored kind or mode is empty.
    pub key_prefixes: BTreeMap<String, (String, String)>,
}

pub(crate) fn settings(raw: &Value, diags: &mut Vec<Diagnostic>) -> Settings {
    let mut out = Settings::default();
    let Some(sdk) = raw.get("x-sdk") else {
        return out;
    };
    let Some(sdk) = sdk.as_object() else {
        diags.push(Diagnostic::warning(
            "/x-sdk",
            format!("`x-sdk` must be an object of settings, not {sdk}; ignored"),
        ));
        return out;
    };
    out.crate_name = string(sdk, "/x-sdk", "crate-name", diags).map(|name| {
        let valid = super::crate_name_from_title(&name);
        if !is_crate_name(&name) {
            diags.push(Diagnostic::warning(
                "/x-sdk/crate-name",
                format!("`{name}` is not a valid crate name; using `{valid}`"),
            ));
            return valid;
        }
        name
    });
    out.env_prefix = string(sdk, "/x-sdk", "env-prefix", diags);
    match sdk.get("key-prefixes") {
        None => {}
        Some(Value::Object(prefixes)) => {
            for (prefix, v) in prefixes {
                let ptr = pointer_join("/x-sdk/key-prefixes", &[prefix]);
                let Some(v) = v.as_object() else {
                    diags.push(Diagnostic::warning(
                        &ptr,
                        format!("a key prefix needs `{{kind, mode}}`, not {v}; ignored"),
                    ));
                    continue;
                };
                let kind = string(v, &ptr, "kind", diags).unwrap_or_default();
                let mode = string(v, &ptr, "mode", diags).unwrap_or_default();
                out.key_prefixes.insert(prefix.clone(), (kind, mode));
            }
        }
        Some(other) => diags.push(Diagnostic::warning(
            "/x-sdk/key-prefixes",
            format!("`key-prefixes` must map prefixes to `{{kind, mode}}`, not {other}; ignored"),
        )),
    }
    out
}

/// `obj[key]` when it is a string; a warning when it is something else.
fn string(
    obj: &Map<String, Value>,
    at: &str,
    key: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) => Some(s.clone()),
        other => {
            diags.push(Diagnostic::warning(
                pointer_join(at, &[key]),
                format!("`{key}` must be a string, not {other}; ignored"),
            ));
            None
        }
    }
}

/// A package name Cargo accepts (and crates.io would): ASCII letters, digits, `-` and `_`,
/// not starting with a digit.
fn is_crate_name(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(sdk: Value) -> (Settings, Vec<String>) {
        let mut diags = Vec::new();
        let s = settings(&json!({ "x-sdk": sdk }), &mut diags);
        let said = diags
            .iter()
            .map(|d| format!("{}: {}", d.pointer, d.message))
            .collect();
        (s, said)
    }

    #[test]
    fn settings_of_the_right_type_are_read_silently() {
        let (s, said) = read(json!({"crate-name": "my-api", "env-prefix": "MY",
            "key-prefixes": {"sk_": {"kind": "admin", "mode": "live"}}}));
        assert!(said.is_empty(), "{said:?}");
        assert_eq!(s.crate_name.as_deref(), Some("my-api"));
        assert_eq!(s.env_prefix.as_deref(), Some("MY"));
        assert_eq!(s.key_prefixes["sk_"], ("admin".into(), "live".into()));
    }

    #[test]
    fn settings_of_another_type_are_ignored_with_a_warning() {
        let (s, said) = read(json!({"crate-name": 42, "env-prefix": true,
            "key-prefixes": {"a/b": {"kind": 1, "mode": "test"}, "c_": "admin"}}));
        assert_eq!(s.crate_name, None);
        assert_eq!(s.env_prefix, None);
        assert_eq!(s.key_prefixes["a/b"], (String::new(), "test".into()));
        assert_eq!(
            said,
            [
                "/x-sdk/crate-name: `crate-name` must be a string, not 42; ignored",
                "/x-sdk/env-prefix: `env-prefix` must be a string, not true; ignored",
                "/x-sdk/key-prefixes/a~1b/kind: `kind` must be a string, not 1; ignored",
                "/x-sdk/key-prefixes/c_: a key prefix needs `{kind, mode}`, not \"admin\"; ignored",
            ]
        );
        let (s, said) = read(json!(["crate-name"]));
        assert_eq!(s, Settings::default());
        assert_eq!(said.len(), 1, "{said:?}");
        let (_, said) = read(json!({"key-prefixes": 5}));
        assert_eq!(said.len(), 1, "{said:?}");
    }

    #[test]
    fn an_invalid_crate_name_is_made_valid() {
        for (name, valid) in [("bad name!", "bad-name"), ("9lives", "api-9lives")] {
            let (s, said) = read(json!({ "crate-name": name }));
            assert_eq!(s.crate_name.as_deref(), Some(valid));
            assert_eq!(said.len(), 1, "{said:?}");
        }
        for name in ["ok_name", "ok-name-2", "_private"] {
            let (s, said) = read(json!({ "crate-name": name }));
            assert_eq!(s.crate_name.as_deref(), Some(name));
            assert!(said.is_empty(), "{said:?}");
        }
    }
}
