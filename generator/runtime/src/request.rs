use super::encode::{self, QueryStyle as Style};
use super::error::snippet;
use super::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::time::Duration;

pub use super::encode::QueryStyle;

/// Per-request overrides of the client's settings.
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    /// Timeout of each attempt.
    pub timeout: Option<Duration>,
    /// Maximum number of retries.
    pub max_retries: Option<u32>,
    /// Extra headers; they replace the client's headers of the same name.
    pub headers: Vec<(String, String)>,
    /// Whether a request that is not idempotent (POST, PATCH) may be retried.
    pub retry_non_idempotent: Option<bool>,
}

/// A request body, encoded.
#[derive(Debug, Clone)]
pub(crate) enum Payload {
    Bytes {
        content_type: String,
        data: bytes::Bytes,
    },
    #[cfg(feature = "multipart")]
    Multipart(super::Multipart),
}

/// An HTTP request, built by a generated method and sent by [`super::Client`].
#[derive(Debug, Clone)]
pub struct Request {
    pub(crate) method: reqwest::Method,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Payload>,
    pub(crate) options: RequestOptions,
}

impl Request {
    /// A request for `path` (already percent-encoded), relative to the client's base URL.
    pub fn new(method: reqwest::Method, path: String, options: RequestOptions) -> Self {
        Request {
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            options,
        }
    }

    /// Adds a query parameter; absent (`None`) values add nothing.
    pub fn query<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: Style,
    ) -> Result<(), Error> {
        let value = encode::to_value(name, value)?;
        self.query.extend(encode::query_pairs(name, &value, style));
        Ok(())
    }

    /// Adds a header parameter; absent values add nothing.
    pub fn header_param<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), Error> {
        let value = encode::to_value(name, value)?;
        if let Some(text) = encode::header_value(name, &value)? {
            self.headers.push((name.to_owned(), text));
        }
        Ok(())
    }

    /// Adds a cookie parameter; absent values add nothing.
    pub fn cookie_param<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), Error> {
        let value = encode::to_value(name, value)?;
        if let Some(text) = encode::header_value(name, &value)? {
            let pair = format!("{name}={text}");
            match self
                .headers
                .iter_mut()
                .find(|(n, _)| n.eq_ignore_ascii_case("cookie"))
            {
                Some((_, v)) => {
                    v.push_str("; ");
                    v.push_str(&pair);
                }
                None => self.headers.push(("cookie".to_owned(), pair)),
            }
        }
        Ok(())
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(
        &mut self,
        content_type: &str,
        body: &T,
    ) -> Result<(), Error> {
        let data = super::Secret::reveal_in(|| serde_json::to_vec(body)).map_err(|e| {
            Error::InvalidArgument {
                field: "body".into(),
                rule: format!("cannot be encoded as JSON: {e}"),
            }
        })?;
        self.body = Some(Payload::Bytes {
            content_type: content_type.to_owned(),
            data: data.into(),
        });
        Ok(())
    }

    /// Sets an `application/x-www-form-urlencoded` body from an object.
    pub fn form<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<(), Error> {
        let value = encode::to_value("body", body)?;
        let text = encode::form_body(&value)?;
        self.body = Some(Payload::Bytes {
            content_type: "application/x-www-form-urlencoded".into(),
            data: text.into_bytes().into(),
        });
        Ok(())
    }

    /// Sets a `multipart/form-data` body.
    #[cfg(feature = "multipart")]
    pub fn multipart(&mut self, form: super::Multipart) {
        self.body = Some(Payload::Multipart(form));
    }

    /// Sets a raw body.
    pub fn bytes(&mut self, content_type: &str, body: Vec<u8>) {
        self.body = Some(Payload::Bytes {
            content_type: content_type.to_owned(),
            data: body.into(),
        });
    }

    /// Sets a text body.
    pub fn text(&mut self, content_type: &str, body: String) {
        self.bytes(content_type, body.into_bytes());
    }

    pub(crate) fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn set_query(&mut self, name: &str, value: &str) {
        self.query.retain(|(n, _)| n != name);
        self.query.push((name.to_owned(), value.to_owned()));
    }

    pub(crate) fn remove_query(&mut self, name: &str) {
        self.query.retain(|(n, _)| n != name);
    }
}

/// A response, read whole.
#[derive(Debug, Clone)]
pub struct Response {
    pub(crate) url: String,
    pub(crate) status: reqwest::StatusCode,
    pub(crate) headers: reqwest::header::HeaderMap,
    pub(crate) body: bytes::Bytes,
}

impl Response {
    /// The HTTP status.
    pub fn status(&self) -> reqwest::StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        &self.headers
    }

    fn decode_error(&self, message: String) -> Error {
        Error::Decode {
            url: self.url.clone(),
            status: self.status.as_u16(),
            message,
            snippet: snippet(&self.body),
        }
    }

    /// Decodes a JSON body; an empty body reads as `null`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        };
        serde_json::from_slice(body).map_err(|e| self.decode_error(e.to_string()))
    }

    /// The body as UTF-8 text.
    pub fn text(&self) -> Result<String, Error> {
        String::from_utf8(self.body.to_vec()).map_err(|e| self.decode_error(e.to_string()))
    }

    /// The body's bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.body.to_vec()
    }

    /// What a caller may want to know about the response besides its body.
    pub fn into_info(self) -> ResponseInfo {
        ResponseInfo {
            url: self.url,
            status: self.status,
            headers: self.headers,
        }
    }
}

/// The status, headers and request id of a successful response, from a builder's
/// `send_with_response()`.
#[derive(Debug, Clone)]
pub struct ResponseInfo {
    url: String,
    status: reqwest::StatusCode,
    headers: reqwest::header::HeaderMap,
}

impl ResponseInfo {
    /// The HTTP status.
    pub fn status(&self) -> reqwest::StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        &self.headers
    }

    /// The request id the server sent back (`x-request-id` or `request-id`), if any.
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers)
    }

    /// The URL of the request (the last attempt's).
    pub fn url(&self) -> &str {
        &self.url
    }
}

/// The request id in a response's headers.
pub(crate) fn request_id(headers: &reqwest::header::HeaderMap) -> Option<&str> {
    ["x-request-id", "request-id"]
        .iter()
        .find_map(|h| headers.get(*h)?.to_str().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &str) -> Response {
        Response {
            url: "http://x/y".into(),
            status: reqwest::StatusCode::from_u16(status).unwrap(),
            headers: Default::default(),
            body: body.to_owned().into(),
        }
    }

    #[test]
    fn decode_errors_carry_a_snippet() {
        let err = response(200, "{\"id\": 5}")
            .json::<std::collections::HashMap<String, String>>()
            .unwrap_err();
        match err {
            Error::Decode {
                status, snippet, ..
            } => {
                assert_eq!(status, 200);
                assert_eq!(snippet, "{\"id\": 5}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn empty_bodies_read_as_null() {
        assert_eq!(response(200, "").json::<Option<u8>>().unwrap(), None);
        assert_eq!(response(200, "null").json::<Option<u8>>().unwrap(), None);
    }

    #[test]
    fn query_and_cookies() {
        let mut r = Request::new(reqwest::Method::GET, "/x".into(), Default::default());
        r.query("limit", &Some(5), QueryStyle::Form).unwrap();
        r.query("after_id", &None::<String>, QueryStyle::Form)
            .unwrap();
        r.cookie_param("a", "1").unwrap();
        r.cookie_param("b", &Some("2")).unwrap();
        assert_eq!(r.query, vec![("limit".to_owned(), "5".to_owned())]);
        assert_eq!(
            r.headers,
            vec![("cookie".to_owned(), "a=1; b=2".to_owned())]
        );
        r.set_query("limit", "7");
        assert_eq!(r.query_value("limit"), Some("7"));
    }
}
