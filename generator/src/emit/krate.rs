//! Emits the crate-level files: `Cargo.toml`, `lib.rs`, `config.rs`, and lists the runtime
//! files copied into every crate.

use super::docs::{inner_doc_lines, inner_doc_lines_verbatim};
use crate::ir::Api;
use proc_macro2::TokenStream;
use quote::quote;

/// The hand-written runtime (crate `codegen-runtime`), vendored into `src/runtime/` of every
/// generated crate: its `lib.rs` becomes `runtime/mod.rs`.
const RUNTIME_FILES: &[(&str, &str)] = &[
    ("cli/app.rs", include_str!("../../runtime/src/cli/app.rs")),
    ("cli/call.rs", include_str!("../../runtime/src/cli/call.rs")),
    (
        "cli/debug.rs",
        include_str!("../../runtime/src/cli/debug.rs"),
    ),
    (
        "cli/inputs.rs",
        include_str!("../../runtime/src/cli/inputs.rs"),
    ),
    ("cli/mod.rs", include_str!("../../runtime/src/cli/mod.rs")),
    (
        "cli/output.rs",
        include_str!("../../runtime/src/cli/output.rs"),
    ),
    ("client.rs", include_str!("../../runtime/src/client.rs")),
    ("encode.rs", include_str!("../../runtime/src/encode.rs")),
    ("error.rs", include_str!("../../runtime/src/error.rs")),
    ("mod.rs", include_str!("../../runtime/src/lib.rs")),
    (
        "multipart.rs",
        include_str!("../../runtime/src/multipart.rs"),
    ),
    ("observe.rs", include_str!("../../runtime/src/observe.rs")),
    ("page.rs", include_str!("../../runtime/src/page.rs")),
    ("request.rs", include_str!("../../runtime/src/request.rs")),
    ("retry.rs", include_str!("../../runtime/src/retry.rs")),
    ("secret.rs", include_str!("../../runtime/src/secret.rs")),
    ("validate.rs", include_str!("../../runtime/src/validate.rs")),
];

/// The runtime's files as vendored: `(name, text)`, without their unit tests, which run
/// once in the runtime crate rather than in every generated crate.
pub fn runtime_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    RUNTIME_FILES.iter().map(|(name, text)| {
        let end = text
            .find("\n#[cfg(test)]\nmod tests {")
            .map_or(text.len(), |i| i + 1);
        (*name, &text[..end])
    })
}

/// TOML basic string.
fn toml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

pub fn cargo_toml(api: &Api, header: &str) -> String {
    let c = &api.config;
    let description = format!(
        "Typed async client for {}, generated from its OpenAPI description.",
        c.title
    );
    let multipart = api.features.multipart;
    let default_features = if multipart { "[\"multipart\"]" } else { "[]" };
    let serde_with = if api.features.double_option {
        "serde_with = { version = \"3\", default-features = false, features = [\"alloc\"] }\n"
    } else {
        ""
    };
    let header = header.replace("//", "#");
    let cli = super::cli::manifest::cli_manifest(api);
    format!(
        r#"{header}
[package]
name = {name}
version = {version}
description = {description}
edition = "2021"
rust-version = "1.85"
license = "MIT OR Apache-2.0"
publish = false

[features]
default = {default_features}
# multipart/form-data request bodies.
multipart = ["reqwest/multipart"]
{cli_features}
[dependencies]
bytes = "1"
chrono = {{ version = "0.4", default-features = false, features = ["std", "serde"] }}
fastrand = "2"
futures-core = {{ version = "0.3", default-features = false, features = ["std"] }}
futures-util = {{ version = "0.3", default-features = false, features = ["std"] }}
httpdate = "1"
percent-encoding = "2"
reqwest = {{ version = "0.12", default-features = false, features = ["json", "rustls-tls"] }}
secrecy = "0.10"
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
{serde_with}subtle = {{ version = "2", default-features = false }}
thiserror = "2"
tokio = {{ version = "1", features = ["time"] }}
tracing = {{ version = "0.1", default-features = false, features = ["std"] }}
url = "2"
{cli_dependencies}
[dev-dependencies]
futures = "0.3"
chrono = {{ version = "0.4", default-features = false, features = ["now"] }}
tokio = {{ version = "1", features = ["macros", "rt-multi-thread"] }}

{cli_bin}"#,
        name = toml_str(&c.crate_name),
        version = toml_str(&c.crate_version),
        description = toml_str(&description),
        cli_features = cli.features,
        cli_dependencies = cli.dependencies,
        cli_bin = cli.bin,
    )
}

/// `rustfmt.toml`: the crate is laid out by prettyplease, and `cargo fmt` in a workspace that
/// contains it must leave it alone (or the freshness check would see it as stale).
pub fn rustfmt_toml(header: &str) -> String {
    format!(
        "{}disable_all_formatting = true\n",
        header.replace("//", "#")
    )
}

pub fn lib_rs(api: &Api) -> TokenStream {
    let c = &api.config;
    let krate = c.crate_name.replace('-', "_");
    let mut text = format!("# {}\n\n", c.title);
    if let Some(d) = &c.doc.description {
        text.push_str(d.trim());
        text.push_str("\n\n");
    }
    let example = format!(
        "A typed async client generated from the API's OpenAPI description by boltz-codegen.\n\n\
         ```no_run\n\
         # async fn run() -> Result<(), {krate}::Error> {{\n\
         // Reads {prefix}_API_KEY, {prefix}_BASE_URL and {prefix}_CUSTOM_HEADERS.\n\
         let client = {krate}::Client::from_env()?;\n\
         # let _ = client;\n\
         # Ok(())\n\
         # }}\n\
         ```\n\n\
         Resources mirror the API's paths (see [`resources`]); data types are in [`models`]; \
         errors are [`Error`]; list calls return a [`Page`].",
        prefix = c.env_prefix,
    );
    let key_classes = (!c.key_kinds.is_empty() || !c.key_modes.is_empty()).then(|| {
        quote!(
            pub use config::{KeyKind, KeyMode};
        )
    });
    // The spec's prose is made safe for rustdoc; the example is ours and is compiled.
    let docs = inner_doc_lines(&text);
    let example = inner_doc_lines_verbatim(&example);
    quote! {
        #docs
        #example
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]

        mod config;
        pub mod models;
        pub mod resources;
        #[doc(hidden)]
        pub mod runtime;
        #[cfg(feature = "cli")]
        #[doc(hidden)]
        pub mod cli;

        pub use runtime::{ApiError, Client, ClientBuilder, Error, Page, ResponseInfo, Secret};
        #key_classes
        /// The date and time types of the models, so callers need not pin a matching version.
        pub use chrono;
        /// The HTTP client behind [`Client`] ([`ClientBuilder::http_client`] takes one).
        pub use reqwest;
    }
}
