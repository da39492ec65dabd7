//! The SDK's runtime: HTTP client, authentication, retries, timeouts, errors, request
//! encoding, argument checks and pagination.
//!
//! This code is hand-written (in the generator's `runtime/` folder) and copied unchanged into
//! every generated crate, so each crate builds on its own. Generated methods are thin calls
//! into it.

mod client;
pub mod encode;
mod error;
mod page;
mod request;
mod retry;
mod secret;
pub mod validate;

pub use client::{Client, ClientBuilder};
pub use error::{ApiError, Error};
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
