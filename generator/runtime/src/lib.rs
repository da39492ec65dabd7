//! The SDK's runtime: HTTP client, authentication, retries, timeouts, errors, request
//! encoding, argument checks and pagination.
//!
//! This code is hand-written (the `codegen-runtime` crate in `generator/runtime/`, where it
//! is compiled and tested) and vendored into every generated crate as `src/runtime/`, so
//! each crate builds on its own. Generated methods are thin calls into it. What a generated
//! crate re-exports at its root (`Client`, `ClientBuilder`, `Error`, `ApiError`, `Page`,
//! `Secret`) is its public API; the rest is `#[doc(hidden)]`, for generated code
//! only.

#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;
mod client;
#[doc(hidden)]
pub mod encode;
mod error;
#[cfg(feature = "multipart")]
mod multipart;
#[doc(hidden)]
pub mod observe;
mod page;
mod request;
mod retry;
mod secret;
#[doc(hidden)]
pub mod validate;

pub use client::{Client, ClientBuilder};
pub use error::{ApiError, Error};
#[cfg(feature = "multipart")]
#[doc(hidden)]
pub use multipart::{FileBytes, Multipart};
pub use page::Page;
#[doc(hidden)]
pub use page::{paginate, CursorStyle, Paged};
pub use request::ResponseInfo;
#[doc(hidden)]
pub use request::{QueryStyle, Request, RequestOptions, Response};

/// The future a request builder turns into when it is `.await`ed.
#[doc(hidden)]
pub type BoxFuture<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send>>;

/// The stream of items of a list operation (`Unpin`, so it needs no pinning).
#[doc(hidden)]
pub type BoxStream<T> = std::pin::Pin<Box<dyn futures_core::Stream<Item = T> + Send>>;
pub use secret::Secret;
#[doc(hidden)]
pub use validate::Validate;

/// What a generated crate tells the runtime about its API (from the spec).
#[doc(hidden)]
#[derive(Debug)]
pub struct Settings {
    /// The first server of the spec.
    pub base_url: &'static str,
    /// Prefix of the environment variables (`BOLTZ` for `BOLTZ_API_KEY`).
    pub env_prefix: &'static str,
    /// How the API key is sent.
    pub auth: Auth,
    /// `User-Agent` of every request.
    pub user_agent: &'static str,
    /// A header the API reads an idempotency key from (`x-sdk: {idempotency-header}`): each
    /// call that is not idempotent sends one key, the same on every retry of it.
    pub idempotency_header: Option<&'static str>,
}

/// How the API key is sent (from the spec's security scheme).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// No credential.
    None,
    /// In the named header, as is.
    Header(&'static str),
    /// In the named query parameter.
    Query(&'static str),
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// `Authorization: Basic <base64 of key>`, the key being `user:password`.
    Basic,
}

/// The per-request options of every request builder: `timeout`, `max_retries` and `header`.
/// The builder keeps them in a field named `options`.
// Unused in a crate whose spec has no operations (and in this crate itself).
#[allow(unused_macros)]
macro_rules! request_options {
    ($builder:ty) => {
        impl $builder {
            /// Overrides the client's timeout for this request (each attempt).
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.options.timeout = Some(timeout);
                self
            }

            /// Overrides the client's maximum number of retries for this request.
            pub fn max_retries(mut self, max_retries: u32) -> Self {
                self.options.max_retries = Some(max_retries);
                self
            }

            /// Adds a header to this request, replacing one of the same name.
            pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.options.headers.push((name.into(), value.into()));
                self
            }

            /// Whether this request may be retried if it is not idempotent (a POST or PATCH
            /// may then be carried out twice); overrides the client's setting.
            pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
                self.options.retry_non_idempotent = Some(retry);
                self
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use request_options;
