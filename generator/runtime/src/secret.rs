//! Secrets (API keys, `format: password` values): kept in memory that is wiped on drop,
//! compared in constant time, and never printed or serialised by accident.
//!
//! Serialising a [`Secret`] writes `"[REDACTED]"`, so `serde_json::to_string(&response)`
//! of a response that holds a new API key cannot leak it into a log. The runtime itself
//! writes the real value when it encodes a request, and so can a caller who asks for it
//! explicitly with [`Secret::reveal_in`].

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::Cell;
use std::fmt;
use subtle::ConstantTimeEq;

thread_local! {
    /// Set while a request is encoded (or inside [`Secret::reveal_in`]).
    static REVEAL: Cell<bool> = const { Cell::new(false) };
}

/// A secret string (an API key, a password). `Debug` and `Display` print `[REDACTED]`,
/// serialising writes `"[REDACTED]"`, and the memory is zeroed when it is dropped. Read it
/// with [`Secret::expose`].
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(SecretString::from(value.into()))
    }

    /// The secret itself. Take care where it goes.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// Runs `f` with secrets serialised as their real values (on this thread), for a caller
    /// who means to store or send them: `Secret::reveal_in(|| serde_json::to_string(&created))`.
    pub fn reveal_in<R>(f: impl FnOnce() -> R) -> R {
        struct Restore(bool);
        impl Drop for Restore {
            fn drop(&mut self) {
                REVEAL.with(|r| r.set(self.0));
            }
        }
        let _restore = Restore(REVEAL.with(|r| r.replace(true)));
        f()
    }

    /// The entry of `table` whose prefix is the longest one this secret starts with.
    #[doc(hidden)]
    pub fn classify<T: Copy>(&self, table: &[(&str, T)]) -> Option<T> {
        table
            .iter()
            .filter(|(prefix, _)| self.expose().starts_with(prefix))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, value)| *value)
    }
}

impl PartialEq for Secret {
    /// Compares in constant time (for equal lengths).
    fn eq(&self, other: &Self) -> bool {
        self.expose()
            .as_bytes()
            .ct_eq(other.expose().as_bytes())
            .into()
    }
}

impl Eq for Secret {}

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

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if REVEAL.with(Cell::get) {
            serializer.serialize_str(self.expose())
        } else {
            serializer.serialize_str("[REDACTED]")
        }
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

impl From<&Secret> for Secret {
    fn from(value: &Secret) -> Self {
        value.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_everywhere_but_on_request() {
        let s = Secret::new("sk_live_abc");
        assert_eq!(format!("{s}"), "[REDACTED]");
        assert_eq!(format!("{s:?}"), "Secret([REDACTED])");
        assert_eq!(s.expose(), "sk_live_abc");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"[REDACTED]\"");
        let revealed = Secret::reveal_in(|| serde_json::to_string(&s).unwrap());
        assert_eq!(revealed, "\"sk_live_abc\"");
        // The scope ends with the call, even when it panics.
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"[REDACTED]\"");
        let _ = std::panic::catch_unwind(|| Secret::reveal_in(|| panic!("inside")));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"[REDACTED]\"");
        let back: Secret = serde_json::from_str("\"sk_live_abc\"").unwrap();
        assert_eq!(back, s);
        assert_ne!(back, Secret::new("sk_live_abd"));
    }

    #[test]
    fn prefixes_classify_by_the_longest_match() {
        let table = [("sk_", 1), ("sk_admin_", 2), ("sk_admin_test_", 3)];
        assert_eq!(Secret::new("sk_admin_test_x").classify(&table), Some(3));
        assert_eq!(Secret::new("sk_ws_x").classify(&table), Some(1));
        assert_eq!(Secret::new("other").classify(&table), None);
    }
}
