use serde::{Deserialize, Serialize};
use std::fmt;

/// A secret string (an API key, a password): `Debug` and `Display` print `[REDACTED]`.
/// Read it with [`Secret::expose`].
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself. Take care where it goes.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// An API key. Redacted in `Debug` and `Display`; its prefix tells its kind and mode when the
/// API documents key prefixes.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(Secret);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(Secret::new(key))
    }

    /// The key itself.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }

    fn prefix_entry(&self) -> Option<&'static (&'static str, &'static str, &'static str)> {
        crate::config::KEY_PREFIXES
            .iter()
            .filter(|(prefix, _, _)| self.expose().starts_with(prefix))
            .max_by_key(|(prefix, _, _)| prefix.len())
    }

    /// The key's kind by its prefix (for example `admin` or `workspace`), if known.
    pub fn kind(&self) -> Option<&'static str> {
        self.prefix_entry().map(|(_, kind, _)| *kind)
    }

    /// The key's mode by its prefix (for example `live` or `test`), if known.
    pub fn mode(&self) -> Option<&'static str> {
        self.prefix_entry().map(|(_, _, mode)| *mode)
    }

    /// Whether the key's prefix marks it as a test-mode key.
    pub fn is_test(&self) -> bool {
        self.mode() == Some("test")
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.kind(), self.mode()) {
            (Some(kind), Some(mode)) => write!(f, "ApiKey({kind}, {mode}, [REDACTED])"),
            _ => f.write_str("ApiKey([REDACTED])"),
        }
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl From<Secret> for ApiKey {
    fn from(value: Secret) -> Self {
        ApiKey(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted() {
        let s = Secret::new("sk_live_abc");
        assert_eq!(format!("{s}"), "[REDACTED]");
        assert_eq!(format!("{s:?}"), "Secret([REDACTED])");
        assert_eq!(s.expose(), "sk_live_abc");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"sk_live_abc\"");
        let k = ApiKey::new("anything-secret");
        assert!(!format!("{k:?}").contains("secret"));
        assert!(!format!("{k}").contains("secret"));
    }

    #[test]
    fn key_prefixes_tell_kind_and_mode() {
        for (prefix, kind, mode) in crate::config::KEY_PREFIXES {
            let key = ApiKey::new(format!("{prefix}0123456789"));
            assert_eq!(key.kind(), Some(*kind));
            assert_eq!(key.mode(), Some(*mode));
            assert_eq!(key.is_test(), *mode == "test");
            assert!(!format!("{key:?}").contains("0123456789"));
        }
        assert_eq!(ApiKey::new("unknown").kind(), None);
    }
}
