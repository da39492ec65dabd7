use std::fmt;
use std::time::Duration;

/// Everything a call can fail with.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with an error status (after any retries).
    Api(Box<ApiError>),
    /// No response: the connection was refused, reset, or could not be made.
    Connection {
        /// The URL requested.
        url: String,
        /// The underlying error.
        source: reqwest::Error,
    },
    /// The request took longer than its timeout (after any retries).
    Timeout {
        /// The URL requested.
        url: String,
        /// The timeout in force, if known.
        after: Option<Duration>,
    },
    /// The response body did not decode as the type the spec declares.
    Decode {
        /// The URL requested.
        url: String,
        /// The response status.
        status: u16,
        /// What was wrong.
        message: String,
        /// The first bytes of the body.
        snippet: String,
    },
    /// An argument broke a rule of the spec; nothing was sent.
    InvalidArgument {
        /// The argument, with the path to it (`data_retention.value`).
        field: String,
        /// The rule it broke.
        rule: String,
    },
    /// The client could not be built (missing API key, bad base URL, bad header).
    Config(String),
}

// Written out rather than derived with thiserror: this one enum is all it would derive, and
// thiserror's proc macro is about a CPU-second of every clean build of every generated crate.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => e.fmt(f),
            Error::Connection { url, source } => write!(f, "could not reach {url}: {source}"),
            Error::Timeout { url, after } => {
                write!(f, "request to {url} timed out")?;
                match after {
                    Some(d) => write!(f, " after {d:?}"),
                    None => Ok(()),
                }
            }
            Error::Decode {
                url,
                status,
                message,
                snippet,
            } => write!(
                f,
                "could not decode the response of {url} (status {status}): {message}; body starts: {snippet}"
            ),
            Error::InvalidArgument { field, rule } => write!(f, "invalid argument `{field}`: {rule}"),
            Error::Config(message) => write!(f, "invalid client configuration: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Connection { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// An error response of the API.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP method of the request.
    pub method: String,
    /// URL of the request.
    pub url: String,
    /// HTTP status.
    pub status: u16,
    /// Machine-readable error code from the body (`code`), if any.
    pub code: Option<String>,
    /// Human-readable message from the body (`message`, `error` or `detail`), if any.
    pub message: Option<String>,
    /// Field-level details from the body (`details`), if any.
    pub details: Option<serde_json::Value>,
    /// The request id the server sent back (`x-request-id` or `request-id`), if any.
    pub request_id: Option<String>,
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The raw response body.
    pub body: String,
}

impl ApiError {
    pub(crate) fn new(
        method: &reqwest::Method,
        url: &str,
        status: u16,
        headers: &reqwest::header::HeaderMap,
        body: &[u8],
    ) -> Self {
        let text = String::from_utf8_lossy(body).into_owned();
        let json: Option<serde_json::Value> = serde_json::from_slice(body).ok();
        let field = |names: &[&str]| {
            let obj = json.as_ref()?.as_object()?;
            names.iter().find_map(|n| match obj.get(*n)? {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
        };
        let request_id = super::request::request_id(headers).map(str::to_owned);
        ApiError {
            method: method.to_string(),
            url: url.to_owned(),
            status,
            code: field(&["code"]),
            message: field(&["message", "error", "detail"]),
            details: json.as_ref().and_then(|j| j.get("details")).cloned(),
            request_id,
            headers: headers.clone(),
            body: text,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        write!(
            f,
            "{} {}: {} {}",
            self.method, self.url, self.status, reason
        )?;
        match (&self.code, &self.message) {
            (Some(c), Some(m)) => write!(f, ": {c}: {m}")?,
            (None, Some(m)) => write!(f, ": {m}")?,
            (Some(c), None) => write!(f, ": {c}")?,
            (None, None) if !self.body.is_empty() => {
                write!(f, ": {}", snippet(self.body.as_bytes()))?
            }
            (None, None) => {}
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// The first 200 characters of a body, for messages.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut s: String = text.chars().take(200).collect();
    if text.chars().count() > 200 {
        s.push('…');
    }
    s
}

impl Error {
    /// The API's error response, if this is one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status of an error response (or of an undecodable success response).
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    fn status_is(&self, status: u16) -> bool {
        self.api_error().is_some_and(|e| e.status == status)
    }

    /// 400 Bad Request.
    pub fn is_bad_request(&self) -> bool {
        self.status_is(400)
    }

    /// 401 Unauthorized: the API key is missing or invalid.
    pub fn is_unauthorized(&self) -> bool {
        self.status_is(401)
    }

    /// 403 Forbidden: the key lacks permission.
    pub fn is_forbidden(&self) -> bool {
        self.status_is(403)
    }

    /// 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.status_is(404)
    }

    /// 409 Conflict.
    pub fn is_conflict(&self) -> bool {
        self.status_is(409)
    }

    /// 422 Unprocessable Entity.
    pub fn is_unprocessable(&self) -> bool {
        self.status_is(422)
    }

    /// 429 Too Many Requests.
    pub fn is_rate_limited(&self) -> bool {
        self.status_is(429)
    }

    /// Any 5xx status.
    pub fn is_server_error(&self) -> bool {
        self.api_error().is_some_and(|e| e.status >= 500)
    }

    /// The request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    /// No response could be had.
    pub fn is_connection(&self) -> bool {
        matches!(self, Error::Connection { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_error_reads_the_body() {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("x-request-id", "req_123".parse().unwrap());
        let body = br#"{"code":"not_found","message":"Workspace not found","details":{"id":"w"}}"#;
        let e = ApiError::new(&reqwest::Method::GET, "https://x/w", 404, &headers, body);
        assert_eq!(e.code.as_deref(), Some("not_found"));
        assert_eq!(e.message.as_deref(), Some("Workspace not found"));
        assert_eq!(e.details, Some(serde_json::json!({"id": "w"})));
        assert_eq!(e.request_id.as_deref(), Some("req_123"));
        assert_eq!(
            e.to_string(),
            "GET https://x/w: 404 Not Found: not_found: Workspace not found (request id req_123)"
        );
        let err = Error::Api(Box::new(e));
        assert!(err.is_not_found() && !err.is_rate_limited());
        assert_eq!(err.status(), Some(404));
    }

    #[test]
    fn api_error_tolerates_any_body() {
        let headers = reqwest::header::HeaderMap::new();
        let e = ApiError::new(
            &reqwest::Method::POST,
            "u",
            502,
            &headers,
            b"<html>bad gateway</html>",
        );
        assert_eq!(e.code, None);
        assert!(e.to_string().contains("<html>bad gateway</html>"));
        assert!(Error::Api(Box::new(e)).is_server_error());
    }
}
