//! The SDK's runtime: HTTP client, authentication, retries, timeouts, errors, request
//! encoding, argument checks and pagination.
//!
//! This code is hand-written (in the generator's `runtime/` folder) and copied unchanged into
//! every generated crate, so each crate builds on its own. Generated methods are thin calls
//! into it.

mod client;
pub mod encode;
mod error;
#[cfg(feature = "multipart")]
mod multipart;
mod page;
mod request;
mod retry;
mod secret;
pub mod validate;

pub use client::{Client, ClientBuilder};
pub use error::{ApiError, Error};
#[cfg(feature = "multipart")]
pub use multipart::{FileBytes, Multipart};
pub use page::{paginate, CursorStyle, Page, Paged};
pub use request::{QueryStyle, Request, RequestOptions, Response};
pub use secret::{ApiKey, Secret};
pub use validate::Validate;

/// How the API key is sent (from the spec's security scheme).
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
        }
    };
}
pub(crate) use request_options;
