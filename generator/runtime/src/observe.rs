//! A hook that sees each request and response on the wire, for a caller that logs them (the
//! generated command line's `--debug`). What it is shown is already redacted: the API key
//! (sent in a header, a query parameter or `Authorization`) never reaches it.

use reqwest::header::{HeaderMap, HeaderValue};
use std::sync::Arc;

/// What the text of a redacted value reads.
pub const REDACTED: &str = "[REDACTED]";

/// One step of a call, as sent or received (credentials redacted).
#[derive(Debug)]
#[non_exhaustive]
pub enum Event<'a> {
    /// An attempt is about to be sent.
    Request {
        /// 0 for the first attempt, then 1, 2.. for the retries.
        attempt: u32,
        /// The HTTP method.
        method: &'a str,
        /// The whole URL, query included.
        url: &'a str,
        /// The headers set on the request (the HTTP client adds `user-agent` and the like).
        headers: &'a HeaderMap,
        /// `None` when there is no body or it is not bytes (multipart).
        body: Option<&'a [u8]>,
    },
    /// A response was read whole.
    Response {
        /// The attempt it answers.
        attempt: u32,
        /// The HTTP status.
        status: u16,
        /// The response headers.
        headers: &'a HeaderMap,
        /// The body as read.
        body: &'a [u8],
    },
    /// No response.
    Failed {
        /// The attempt that failed.
        attempt: u32,
        /// `timeout`, `connect` or `transport`.
        error: &'a str,
    },
}

/// The function a client calls with each [`Event`].
#[derive(Clone)]
pub struct Observer(pub Arc<dyn Fn(&Event<'_>) + Send + Sync>);

impl std::fmt::Debug for Observer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Observer")
    }
}

/// The headers with every sensitive value (the API key header, `Authorization`) replaced.
pub(crate) fn redact_headers(headers: &HeaderMap) -> HeaderMap {
    let mut out = headers.clone();
    for value in out.values_mut() {
        if value.is_sensitive() {
            *value = HeaderValue::from_static(REDACTED);
        }
    }
    out
}

/// The URL with the value of query parameter `key_param` (a query-string API key) replaced.
pub(crate) fn redact_url(url: &reqwest::Url, key_param: Option<&str>) -> String {
    let Some(name) = key_param else {
        return url.to_string();
    };
    let mut out = url.clone();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == name { REDACTED.into() } else { v };
            (k.into_owned(), v.into_owned())
        })
        .collect();
    out.query_pairs_mut().clear().extend_pairs(pairs);
    out.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_redacted() {
        let mut headers = HeaderMap::new();
        let mut key = HeaderValue::from_static("sk_secret");
        key.set_sensitive(true);
        headers.insert("x-api-key", key);
        headers.insert("accept", HeaderValue::from_static("application/json"));
        let shown = redact_headers(&headers);
        assert_eq!(shown["x-api-key"], REDACTED);
        assert_eq!(shown["accept"], "application/json");
        let url = reqwest::Url::parse("https://x/a?limit=1&api_key=sk_secret").unwrap();
        let shown = redact_url(&url, Some("api_key"));
        assert!(!shown.contains("sk_secret"), "{shown}");
        assert!(shown.contains("limit=1"), "{shown}");
        assert_eq!(redact_url(&url, None), url.to_string());
    }
}
