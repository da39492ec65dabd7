use super::observe::{redact_headers, redact_url, Event, Observer};
use super::page::{CursorStyle, Page, Paged};
use super::request::{Payload, Request, Response, ResponseInfo};
use super::{retry, ApiError, Auth, Error, Secret, Settings};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

/// Default timeout of one attempt.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default number of retries after the first attempt.
const DEFAULT_MAX_RETRIES: u32 = 2;

/// The API client. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    settings: &'static Settings,
    http: reqwest::Client,
    base_url: String,
    api_key: Option<Secret>,
    timeout: Option<Duration>,
    max_retries: u32,
    retry_non_idempotent: bool,
    /// Sent with every request: `accept`, a header API key and the default headers.
    headers: HeaderMap,
    /// Whether `http` adds `headers` itself (a client of our own does, so requests need not
    /// copy them; a caller's client gets them per request).
    headers_in_http: bool,
    observer: Option<Observer>,
}

/// What the runtime's generic code (the dispatch functions, the command line) takes as a
/// client: this `Client`, or a generated crate's own `Client` around it.
impl AsRef<Client> for Client {
    fn as_ref(&self) -> &Client {
        self
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("api_key", &self.inner.api_key)
            .field("timeout", &self.inner.timeout)
            .field("max_retries", &self.inner.max_retries)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`]. It starts from the environment (`<PREFIX>_API_KEY`,
/// `<PREFIX>_BASE_URL`, `<PREFIX>_CUSTOM_HEADERS`, read when [`build`](Self::build) runs);
/// what is set explicitly wins over it.
///
/// `C` is the client it builds: this `Client`, or the `Client` of a generated crate that
/// depends on this runtime rather than vendoring it (a wrapper, `From<Client>`).
#[derive(Clone)]
#[must_use = "a builder does nothing until `.build()`"]
pub struct ClientBuilder<C = Client> {
    settings: &'static Settings,
    use_env: bool,
    api_key: Option<Secret>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    max_retries: u32,
    retry_non_idempotent: bool,
    headers: Vec<(String, String)>,
    http: Option<reqwest::Client>,
    observer: Option<Observer>,
    output: PhantomData<fn() -> C>,
}

impl<C> std::fmt::Debug for ClientBuilder<C> {
    /// Every setting (the key redacted); not the client type it builds.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("settings", &self.settings)
            .field("use_env", &self.use_env)
            .field("api_key", &self.api_key)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_non_idempotent", &self.retry_non_idempotent)
            .field("headers", &self.headers)
            .field("http", &self.http)
            .field("observer", &self.observer)
            .finish()
    }
}

impl<C> ClientBuilder<C> {
    /// A builder with the defaults for the API `settings` describe: its base URL, a 60 s
    /// timeout, 2 retries.
    #[doc(hidden)]
    pub fn new(settings: &'static Settings) -> Self {
        ClientBuilder {
            settings,
            use_env: true,
            api_key: None,
            base_url: None,
            timeout: Some(DEFAULT_TIMEOUT),
            max_retries: DEFAULT_MAX_RETRIES,
            retry_non_idempotent: true,
            headers: Vec::new(),
            http: None,
            observer: None,
            output: PhantomData,
        }
    }

    /// The API key: a `&str`, a `String` or a [`Secret`] (such as a key just created).
    pub fn api_key(mut self, key: impl Into<Secret>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Ignores the environment: only what is set on this builder applies.
    pub fn ignore_env(mut self) -> Self {
        self.use_env = false;
        self
    }

    /// The base URL (default: the spec's first server).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Timeout of each attempt (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// No timeout: attempts may take as long as the server does.
    pub fn no_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// Maximum retries after the first attempt (default 2).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// Whether requests that are not idempotent (POST, PATCH) are retried like the others
    /// (default `true`, as the API's official SDKs do). A retried POST may be carried out
    /// twice (a duplicate created) unless the API takes an idempotency key; requests can
    /// override this with their own `retry_non_idempotent(..)`.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = retry;
        self
    }

    /// A header sent with every request.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Uses this `reqwest` client (its own timeouts and proxies apply too).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Calls `f` with each request sent and each response read, credentials redacted (the
    /// generated command line's `--debug`).
    #[doc(hidden)]
    pub fn observe(mut self, f: impl Fn(&Event<'_>) + Send + Sync + 'static) -> Self {
        self.observer = Some(Observer(Arc::new(f)));
        self
    }

    /// Builds the client; fails on a missing API key, a bad base URL or a bad header.
    pub fn build(self) -> Result<C, Error>
    where
        C: From<Client>,
    {
        let builder = if self.use_env {
            self.with_vars(|name| std::env::var(name).ok())?
        } else {
            self
        };
        builder.finish().map(C::from)
    }

    /// Fills what was not set explicitly from the variables `var` reads.
    fn with_vars(mut self, var: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let prefix = self.settings.env_prefix;
        let read = |name: &str| var(&format!("{prefix}_{name}")).filter(|v| !v.trim().is_empty());
        if self.api_key.is_none() {
            self.api_key = read("API_KEY").map(|k| Secret::new(k.trim()));
        }
        if self.base_url.is_none() {
            self.base_url = read("BASE_URL").map(|u| u.trim().to_owned());
        }
        if let Some(lines) = read("CUSTOM_HEADERS") {
            let mut from_env = Vec::new();
            for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let (name, value) = line.split_once(':').ok_or_else(|| {
                    Error::Config(format!(
                        "{prefix}_CUSTOM_HEADERS line `{line}` is not `Name: value`"
                    ))
                })?;
                from_env.push((name.trim().to_owned(), value.trim().to_owned()));
            }
            // Explicit headers are inserted after, so they replace these.
            from_env.append(&mut self.headers);
            self.headers = from_env;
        }
        Ok(self)
    }

    fn finish(self) -> Result<Client, Error> {
        let settings = self.settings;
        if self.api_key.is_none() && settings.auth != Auth::None {
            return Err(Error::Config(format!(
                "no API key: call `.api_key(..)` or set {}_API_KEY",
                settings.env_prefix
            )));
        }
        let base_url = self
            .base_url
            .unwrap_or_else(|| settings.base_url.to_owned());
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|e| Error::Config(format!("base URL `{base_url}` is not a URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(Error::Config(format!(
                "base URL `{base_url}` must be http or https"
            )));
        }
        let mut headers = HeaderMap::new();
        headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        if let (Some(key), Auth::Header(name)) = (&self.api_key, settings.auth) {
            let mut v = HeaderValue::from_str(key.expose())
                .map_err(|_| Error::Config("the API key is not a valid header value".into()))?;
            v.set_sensitive(true);
            let n = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::Config(format!("`{name}` is not a valid header name")))?;
            headers.insert(n, v);
        }
        for (name, value) in &self.headers {
            insert_header(&mut headers, name, value)?;
        }
        // A client of our own sends the shared headers itself (reqwest adds each one a request
        // does not set), so requests need not copy them; a caller's client gets them per request.
        let (http, headers_in_http) = match self.http {
            Some(http) => (http, false),
            None => {
                let http = reqwest::Client::builder()
                    .user_agent(settings.user_agent)
                    .default_headers(headers.clone())
                    .connect_timeout(Duration::from_secs(10))
                    .build()
                    .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
                (http, true)
            }
        };
        Ok(Client {
            inner: Arc::new(Inner {
                settings,
                http,
                base_url: base_url.trim_end_matches('/').to_owned(),
                api_key: self.api_key,
                timeout: self.timeout,
                max_retries: self.max_retries,
                retry_non_idempotent: self.retry_non_idempotent,
                headers,
                headers_in_http,
                observer: self.observer,
            }),
        })
    }
}

fn insert_header(headers: &mut HeaderMap, name: &str, value: &str) -> Result<(), Error> {
    let n = HeaderName::from_bytes(name.trim().as_bytes())
        .map_err(|_| Error::Config(format!("`{name}` is not a valid header name")))?;
    let v = HeaderValue::from_str(value.trim())
        .map_err(|_| Error::Config(format!("the value of header `{name}` is not valid")))?;
    headers.insert(n, v);
    Ok(())
}

impl Client {
    /// A client for the API `settings` describe, configured from the environment:
    /// `<PREFIX>_API_KEY` (required when the API needs a key), `<PREFIX>_BASE_URL`, and
    /// `<PREFIX>_CUSTOM_HEADERS` (one `Name: value` per line).
    #[doc(hidden)]
    pub fn from_env_with(settings: &'static Settings) -> Result<Client, Error> {
        ClientBuilder::<Client>::new(settings).build()
    }

    /// The base URL requests are sent to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The API key in use, if any (redacted in `Debug` and `Display`).
    pub fn api_key(&self) -> Option<&Secret> {
        self.inner.api_key.as_ref()
    }

    fn url(&self, request: &Request) -> Result<reqwest::Url, Error> {
        let mut url = reqwest::Url::parse(&format!("{}{}", self.inner.base_url, request.path))
            .map_err(|e| Error::InvalidArgument {
                field: "path".into(),
                rule: format!("does not make a URL: {e}"),
            })?;
        let auth_query = match (self.inner.settings.auth, &self.inner.api_key) {
            (Auth::Query(name), Some(key)) => Some((name, key.expose())),
            _ => None,
        };
        if !request.query.is_empty() || auth_query.is_some() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in &request.query {
                pairs.append_pair(k, v);
            }
            if let Some((name, key)) = auth_query {
                pairs.append_pair(name, key);
            }
        }
        Ok(url)
    }

    fn build(
        &self,
        request: &Request,
        url: &reqwest::Url,
        timeout: Option<Duration>,
    ) -> Result<reqwest::RequestBuilder, Error> {
        let mut headers = if self.inner.headers_in_http {
            HeaderMap::new()
        } else {
            self.inner.headers.clone()
        };
        for (name, value) in request.headers.iter().chain(&request.options.headers) {
            insert_header(&mut headers, name, value).map_err(|_| Error::InvalidArgument {
                field: name.clone(),
                rule: "is not a valid header".into(),
            })?;
        }
        let mut builder = self.inner.http.request(request.method.clone(), url.clone());
        match &request.body {
            Some(Payload::Bytes { content_type, data }) => {
                let ct = if content_type == "application/json" {
                    HeaderValue::from_static("application/json")
                } else {
                    HeaderValue::from_str(content_type)
                        .map_err(|_| Error::Config(format!("bad content type `{content_type}`")))?
                };
                headers.entry(reqwest::header::CONTENT_TYPE).or_insert(ct);
                builder = builder.body(data.clone());
            }
            #[cfg(feature = "multipart")]
            Some(Payload::Multipart(form)) => {
                builder = builder.multipart(form.to_form());
            }
            None => {}
        }
        if let Some(key) = &self.inner.api_key {
            builder = match self.inner.settings.auth {
                Auth::Bearer => builder.bearer_auth(key.expose()),
                Auth::Basic => {
                    let (user, password) =
                        key.expose().split_once(':').unwrap_or((key.expose(), ""));
                    builder.basic_auth(user, Some(password))
                }
                Auth::Header(_) | Auth::Query(_) | Auth::None => builder,
            };
        }
        if !headers.is_empty() {
            builder = builder.headers(headers);
        }
        if let Some(t) = timeout {
            builder = builder.timeout(t);
        }
        Ok(builder)
    }

    /// Sends a request, retrying as the policy says, and reads the whole response.
    /// Error statuses become [`Error::Api`]. Each call is a `tracing` span (`request`, with
    /// the method and path) and each attempt an event; credentials are never recorded.
    #[doc(hidden)]
    pub async fn execute(&self, request: Request) -> Result<Response, Error> {
        use tracing::Instrument;
        let span = tracing::debug_span!("request", method = %request.method, path = %request.path);
        self.attempts(request).instrument(span).await
    }

    fn max_retries(&self, request: &Request) -> u32 {
        let idempotent = !matches!(
            request.method,
            reqwest::Method::POST | reqwest::Method::PATCH
        );
        let retry = request
            .options
            .retry_non_idempotent
            .unwrap_or(self.inner.retry_non_idempotent);
        if idempotent || retry {
            request
                .options
                .max_retries
                .unwrap_or(self.inner.max_retries)
        } else {
            0
        }
    }

    async fn attempts(&self, mut request: Request) -> Result<Response, Error> {
        let url = self.url(&request)?;
        let max_retries = self.max_retries(&request);
        let timeout = request.options.timeout.or(self.inner.timeout);
        if let Some(name) = self.inner.settings.idempotency_header {
            let given = request.headers.iter().chain(&request.options.headers);
            let non_idempotent = matches!(
                request.method,
                reqwest::Method::POST | reqwest::Method::PATCH
            );
            if non_idempotent && !given.into_iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
                // One key for the call, sent again on every retry of it.
                let key = format!("{:032x}", fastrand::u128(..));
                request.headers.push((name.to_owned(), key));
            }
        }
        let mut attempt = 0u32;
        loop {
            let outcome = self.attempt(&request, &url, timeout, attempt).await?;
            let retry = match &outcome {
                Ok((status, headers, _)) => {
                    tracing::debug!(attempt, status = status.as_u16(), "response");
                    !status.is_success() && retry::should_retry(status.as_u16(), headers)
                }
                Err(e) => {
                    // Not the error's text: it holds the URL, and so a query-string key.
                    let kind = if e.is_timeout() {
                        "timeout"
                    } else if e.is_connect() {
                        "connect"
                    } else {
                        "transport"
                    };
                    tracing::debug!(attempt, error = kind, "no response");
                    self.notify(|| Event::Failed {
                        attempt,
                        error: kind,
                    });
                    true
                }
            };
            if retry && attempt < max_retries {
                let headers = outcome.as_ref().ok().map(|(_, h, _)| h);
                let wait = retry::delay(attempt, headers);
                tracing::info!(attempt, wait_ms = wait.as_millis() as u64, "retrying");
                tokio::time::sleep(wait).await;
                attempt += 1;
                continue;
            }
            return match outcome {
                // The URL is ours now: moved into the response, not copied.
                Ok((status, headers, body)) if status.is_success() => Ok(Response {
                    url: url.into(),
                    status,
                    headers,
                    body,
                }),
                Ok((status, headers, body)) => {
                    let error = ApiError::new(
                        &request.method,
                        url.as_str(),
                        status.as_u16(),
                        &headers,
                        &body,
                    );
                    Err(Error::Api(Box::new(error)))
                }
                Err(e) if e.is_timeout() => Err(Error::Timeout {
                    url: url.to_string(),
                    after: timeout,
                }),
                Err(e) => Err(Error::Connection {
                    url: url.to_string(),
                    source: e.without_url(),
                }),
            };
        }
    }

    /// Sends one attempt and reads the whole response, showing both to the observer.
    async fn attempt(
        &self,
        request: &Request,
        url: &reqwest::Url,
        timeout: Option<Duration>,
        attempt: u32,
    ) -> Result<Result<(reqwest::StatusCode, HeaderMap, bytes::Bytes), reqwest::Error>, Error> {
        let built = match self.build(request, url, timeout)?.build() {
            Ok(built) => built,
            Err(e) => return Ok(Err(e)),
        };
        if let Some(observer) = &self.inner.observer {
            let key_param = match self.inner.settings.auth {
                Auth::Query(name) => Some(name),
                _ => None,
            };
            // A client of our own adds the shared headers when it sends: show them too.
            let mut shown = if self.inner.headers_in_http {
                self.inner.headers.clone()
            } else {
                HeaderMap::new()
            };
            for (name, value) in built.headers() {
                shown.insert(name.clone(), value.clone());
            }
            (observer.0)(&Event::Request {
                attempt,
                method: built.method().as_str(),
                url: &redact_url(built.url(), key_param),
                headers: &redact_headers(&shown),
                body: built.body().and_then(reqwest::Body::as_bytes),
            });
        }
        let outcome = match self.inner.http.execute(built).await {
            Ok(mut resp) => {
                let status = resp.status();
                let headers = std::mem::take(resp.headers_mut());
                resp.bytes().await.map(|body| (status, headers, body))
            }
            Err(e) => Err(e),
        };
        if let (Some(observer), Ok((status, headers, body))) = (&self.inner.observer, &outcome) {
            (observer.0)(&Event::Response {
                attempt,
                status: status.as_u16(),
                headers: &redact_headers(headers),
                body,
            });
        }
        Ok(outcome)
    }

    /// Shows an event to the observer, if there is one (built only then).
    fn notify<'a>(&self, event: impl FnOnce() -> Event<'a>) {
        if let Some(observer) = &self.inner.observer {
            (observer.0)(&event());
        }
    }

    /// Sends the request of a list operation and wraps the page for `next_page()`.
    #[doc(hidden)]
    pub async fn fetch_page<P: Paged>(
        &self,
        request: Request,
        style: CursorStyle,
    ) -> Result<(Page<P>, ResponseInfo), Error> {
        let response = self.execute(request.clone()).await?;
        let page: P = response.json()?;
        Ok((
            Page::new(page, self.clone(), request, style),
            response.into_info(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    static SETTINGS: Settings = Settings {
        base_url: "https://api.example.com",
        env_prefix: "EXAMPLE",
        auth: Auth::Header("x-api-key"),
        user_agent: "example/0.1.0",
        idempotency_header: None,
    };

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    fn build(builder: ClientBuilder, vars: &[(&str, &str)]) -> Result<Client, Error> {
        builder.with_vars(env(vars))?.finish()
    }

    #[test]
    fn the_environment_fills_what_is_not_set() {
        let vars = [
            ("EXAMPLE_API_KEY", "sk_secret"),
            ("EXAMPLE_BASE_URL", "http://127.0.0.1:4010/"),
            ("EXAMPLE_CUSTOM_HEADERS", "X-One: 1\nX-Two: two words\n"),
        ];
        let client = build(ClientBuilder::new(&SETTINGS).max_retries(5), &vars).unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:4010");
        assert_eq!(client.inner.max_retries, 5);
        assert_eq!(client.inner.headers.get("x-one").unwrap(), "1");
        assert_eq!(client.inner.headers.get("x-two").unwrap(), "two words");
        assert_eq!(client.inner.headers.get("x-api-key").unwrap(), "sk_secret");
        assert!(!format!("{client:?}").contains("secret"));
    }

    #[test]
    fn explicit_settings_win_over_the_environment() {
        let vars = [
            ("EXAMPLE_API_KEY", "from-env"),
            ("EXAMPLE_BASE_URL", "http://127.0.0.1:4010"),
            ("EXAMPLE_CUSTOM_HEADERS", "X-One: env"),
        ];
        let builder = ClientBuilder::new(&SETTINGS)
            .api_key(Secret::new("explicit"))
            .base_url("http://127.0.0.1:9999")
            .default_header("X-One", "explicit");
        let client = build(builder, &vars).unwrap();
        assert_eq!(client.api_key().unwrap().expose(), "explicit");
        assert_eq!(client.base_url(), "http://127.0.0.1:9999");
        assert_eq!(client.inner.headers.get("x-one").unwrap(), "explicit");
        let ignored = ClientBuilder::<Client>::new(&SETTINGS)
            .ignore_env()
            .api_key("k")
            .build()
            .unwrap();
        assert_eq!(ignored.base_url(), "https://api.example.com");
    }

    #[test]
    fn missing_key_and_bad_config_are_errors() {
        let err = build(ClientBuilder::new(&SETTINGS), &[]).unwrap_err();
        assert!(err.to_string().contains("EXAMPLE_API_KEY"), "{err}");
        let err = ClientBuilder::<Client>::new(&SETTINGS)
            .ignore_env()
            .api_key("k")
            .base_url("not a url")
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::Config(_)));
        let bad = [
            ("EXAMPLE_API_KEY", "k"),
            ("EXAMPLE_CUSTOM_HEADERS", "no colon here"),
        ];
        assert!(build(ClientBuilder::new(&SETTINGS), &bad).is_err());
    }

    #[test]
    fn no_key_is_needed_without_auth() {
        static OPEN: Settings = Settings {
            auth: Auth::None,
            ..SETTINGS
        };
        assert!(build(ClientBuilder::new(&OPEN), &[]).is_ok());
    }
}
