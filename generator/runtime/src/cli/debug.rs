//! `--debug` (each request and response on stderr) and the capture of the last response body
//! for `--format raw`, both through the client's observer.
//!
//! The observer is shown headers and URLs with the API key already redacted; bodies are
//! redacted here: fields the spec marks secret, strings with a documented key prefix, and the
//! key in use wherever it appears.

use super::super::observe::{Event, REDACTED};
use serde_json::Value;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// The last response body read.
pub(super) type Captured = Arc<Mutex<Option<Vec<u8>>>>;

/// What a body must not show.
#[derive(Debug, Clone)]
pub(super) struct Redactor {
    pub key: Option<String>,
    pub fields: &'static [&'static str],
    pub prefixes: &'static [&'static str],
}

impl Redactor {
    /// A body for the log: JSON with its secrets replaced, other text as is, binary as a
    /// byte count; then the key in use, wherever it still appears.
    pub fn body(&self, data: &[u8]) -> String {
        let text = match serde_json::from_slice::<Value>(data) {
            Ok(mut json) => {
                self.value(&mut json);
                serde_json::to_string(&json).unwrap_or_default()
            }
            Err(_) => match std::str::from_utf8(data) {
                Ok(text) => text.to_owned(),
                Err(_) => format!("<{} bytes>", data.len()),
            },
        };
        match &self.key {
            Some(key) if !key.is_empty() => text.replace(key.as_str(), REDACTED),
            _ => text,
        }
    }

    fn value(&self, value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (k, v) in map.iter_mut() {
                    if v.is_string() && self.fields.contains(&k.as_str()) {
                        *v = Value::from(REDACTED);
                    } else {
                        self.value(v);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.value(v)),
            Value::String(s) if self.prefixes.iter().any(|p| s.starts_with(p)) => {
                *s = REDACTED.to_owned();
            }
            _ => {}
        }
    }

    fn line(&self, text: &str) -> String {
        match &self.key {
            Some(key) if !key.is_empty() => text.replace(key.as_str(), REDACTED),
            _ => text.to_owned(),
        }
    }
}

/// The observer: logs when `log` is set, keeps the last body when `capture` is given.
pub(super) fn observer(
    log: Option<Redactor>,
    capture: Option<Captured>,
) -> impl Fn(&Event<'_>) + Send + Sync + 'static {
    move |event| {
        if let (Some(store), Event::Response { body, .. }) = (&capture, event) {
            if let Ok(mut slot) = store.lock() {
                *slot = Some(body.to_vec());
            }
        }
        if let Some(redactor) = &log {
            let text = describe(redactor, event);
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
        }
    }
}

fn describe(r: &Redactor, event: &Event<'_>) -> String {
    let headers = |mark: &str, map: &reqwest::header::HeaderMap| {
        let mut out = String::new();
        for (name, value) in map {
            let value = String::from_utf8_lossy(value.as_bytes());
            out.push_str(&r.line(&format!("{mark} {name}: {value}\n")));
        }
        out
    };
    match event {
        Event::Request {
            attempt,
            method,
            url,
            headers: h,
            body,
        } => {
            let mut out = r.line(&format!("> {method} {url} (attempt {})\n", attempt + 1));
            out.push_str(&headers(">", h));
            if let Some(body) = body {
                out.push_str(&format!(">\n> {}\n", r.body(body)));
            }
            out
        }
        Event::Response {
            status,
            headers: h,
            body,
            ..
        } => {
            let reason = reqwest::StatusCode::from_u16(*status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("");
            let mut out = format!("< {status} {reason}\n");
            out.push_str(&headers("<", h));
            if !body.is_empty() {
                out.push_str(&format!("<\n< {}\n", r.body(body)));
            }
            out
        }
        Event::Failed { attempt, error } => {
            format!("! attempt {} failed: {error}\n", attempt + 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_lose_their_secrets() {
        let r = Redactor {
            key: Some("sk_live_mine".into()),
            fields: &["key"],
            prefixes: &["sk_ws_"],
        };
        let body = br#"{"key":"abc","k":{"token":"sk_ws_1"},"echo":"sk_live_mine","n":1}"#;
        assert_eq!(
            r.body(body),
            r#"{"echo":"[REDACTED]","k":{"token":"[REDACTED]"},"key":"[REDACTED]","n":1}"#
        );
        assert_eq!(r.body(b"plain sk_live_mine"), "plain [REDACTED]");
        assert_eq!(r.body(&[0xff, 0xfe]), "<2 bytes>");
    }
}
