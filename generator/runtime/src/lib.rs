//! The SDK's runtime: HTTP client, authentication, retries, timeouts, errors, request
//! encoding, argument checks and pagination.
//!
//! This code is hand-written (the `codegen-runtime` crate in `generator/runtime/`, where it
//! is compiled and tested) and vendored into every generated crate as `src/runtime/`, so
//! each crate builds on its own. Generated methods are thin calls into it. What a generated
//! crate re-exports at its root (`Client`, `ClientBuilder`, `Error`, `ApiError`, `Page`,
//! `ResponseInfo`, `Secret`, `BoxFuture`, `BoxStream`) is its public API; the rest is
//! `#[doc(hidden)]`, for generated code only.

#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;
mod client;
#[doc(hidden)]
pub mod dispatch;
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

/// The future of a request: what a request builder's `send()` and `send_with_response()`
/// return, and what it turns into when it is `.await`ed (`Send`, and `Unpin`, so it needs
/// no pinning).
pub type BoxFuture<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send>>;

/// The stream of items of a list operation, from its builder's `into_stream()` (`Send`, and
/// `Unpin`, so it needs no pinning).
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
/// The builder keeps them in a field named `options`. Exported (hidden, under a name no spec
/// produces) so that a generated crate can use it whether this runtime is vendored into it or
/// is a dependency; generated code names it `crate::runtime::request_options`.
#[doc(hidden)]
#[macro_export]
macro_rules! __request_options {
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
#[doc(hidden)]
pub use crate::__request_options as request_options;

/// `Display`, `Serialize` and `Deserialize` of a string enum, through its `as_str` and its
/// `FromStr` (which never fails: a value the enum does not know goes to its fallback
/// variant). Written out once here rather than derived: serde's derive of an enum with an
/// untagged fallback variant buffers every value and is many times the code to compile.
/// Exported like `request_options`; generated code names it `crate::runtime::string_enum`.
/// Its body names the calling crate's `runtime` (the vendored module, or this crate
/// re-exported under that name), which `$crate` could not do for both.
#[doc(hidden)]
#[macro_export]
#[allow(clippy::crate_in_macro_def)]
macro_rules! __string_enum {
    ($name:ident) => {
        #[allow(deprecated)]
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[allow(deprecated)]
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[allow(deprecated)]
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                crate::runtime::encode::string_enum(deserializer)
            }
        }
    };
}
#[doc(hidden)]
pub use crate::__string_enum as string_enum;
