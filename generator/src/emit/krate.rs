//! Emits the crate-level files: `Cargo.toml`, `lib.rs`, `config.rs`, and lists the runtime
//! files copied into every crate.

use super::{inner_doc_lines, inner_doc_lines_verbatim};
use crate::ir::{Api, Auth, BodyKind, Presence, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;
use toml_edit::{value, Array, DocumentMut, InlineTable, Item, Table};

/// The hand-written runtime, copied into `src/runtime/` of every generated crate.
pub const RUNTIME_FILES: &[(&str, &str)] = &[
    ("client.rs", include_str!("../../runtime/client.rs")),
    ("encode.rs", include_str!("../../runtime/encode.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("multipart.rs", include_str!("../../runtime/multipart.rs")),
    ("page.rs", include_str!("../../runtime/page.rs")),
    ("request.rs", include_str!("../../runtime/request.rs")),
    ("retry.rs", include_str!("../../runtime/retry.rs")),
    ("secret.rs", include_str!("../../runtime/secret.rs")),
    ("validate.rs", include_str!("../../runtime/validate.rs")),
];

fn uses_multipart(api: &Api) -> bool {
    api.operations.iter().any(|o| {
        o.body
            .as_ref()
            .is_some_and(|b| b.kind == BodyKind::Multipart)
    })
}

fn uses_double_option(api: &Api) -> bool {
    api.types.iter().any(|t| match &t.kind {
        TypeKind::Struct { fields, .. } => fields
            .iter()
            .any(|f| f.presence == Presence::OptionalNullable),
        _ => false,
    })
}

/// The dependencies of generated crates: (name, version, default features, features).
/// `serde_with` is only a dependency of crates with optional-and-nullable fields.
const DEPENDENCIES: &[(&str, &str, bool, &[&str])] = &[
    ("bytes", "1", true, &[]),
    ("chrono", "0.4", false, &["std", "serde"]),
    ("fastrand", "2", true, &[]),
    ("futures-core", "0.3", false, &["std"]),
    ("futures-util", "0.3", false, &["std"]),
    ("httpdate", "1", true, &[]),
    ("percent-encoding", "2", true, &[]),
    ("reqwest", "0.12", false, &["json", "rustls-tls"]),
    ("serde", "1", true, &["derive"]),
    ("serde_json", "1", true, &[]),
    ("serde_with", "3", false, &["alloc"]),
    ("thiserror", "2", true, &[]),
    ("tokio", "1", true, &["time"]),
    ("url", "2", true, &[]),
];

/// A dependency: a plain version string, or an inline table when it sets features.
fn dependency(version: &str, default_features: bool, features: &[&str]) -> Item {
    if default_features && features.is_empty() {
        return value(version);
    }
    let mut t = InlineTable::new();
    t.insert("version", version.into());
    if !default_features {
        t.insert("default-features", false.into());
    }
    if !features.is_empty() {
        t.insert(
            "features",
            Array::from_iter(features.iter().copied()).into(),
        );
    }
    value(t)
}

/// The generated `Cargo.toml`, built as a TOML document (keys in insertion order). It carries
/// only what the crate needs: no dev-dependencies (the project's examples live outside
/// generated crates).
pub fn cargo_toml(api: &Api, header: &str) -> String {
    let c = &api.config;
    let mut package = Table::new();
    package
        .decor_mut()
        .set_prefix(format!("{}\n", header.replace("//", "#")));
    package["name"] = value(&c.crate_name);
    package["version"] = value(&c.crate_version);
    package["description"] = value(format!(
        "Typed async client for {}, generated from its OpenAPI description.",
        c.title
    ));
    package["edition"] = value("2021");
    package["rust-version"] = value("1.85");
    package["license"] = value("MIT OR Apache-2.0");
    package["publish"] = value(false);

    let mut features = Table::new();
    let default: &[&str] = if uses_multipart(api) {
        &["multipart"]
    } else {
        &[]
    };
    features["default"] = value(Array::from_iter(default.iter().copied()));
    features["multipart"] = value(Array::from_iter(["reqwest/multipart"]));
    if let Some(mut key) = features.key_mut("multipart") {
        key.leaf_decor_mut()
            .set_prefix("# multipart/form-data request bodies.\n");
    }

    let mut dependencies = Table::new();
    let serde_with = uses_double_option(api);
    for &(name, version, default_features, feats) in DEPENDENCIES {
        if name != "serde_with" || serde_with {
            dependencies[name] = dependency(version, default_features, feats);
        }
    }
    let mut doc = DocumentMut::new();
    doc["package"] = Item::Table(package);
    doc["features"] = Item::Table(features);
    doc["dependencies"] = Item::Table(dependencies);
    doc.to_string()
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
         errors are [`Error`]; retries, timeouts and pagination are in [`runtime`].",
        prefix = c.env_prefix,
    );
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
        pub mod runtime;

        pub use runtime::{ApiError, Client, ClientBuilder, Error, Page, Secret};
    }
}

pub fn config_rs(api: &Api) -> TokenStream {
    let c = &api.config;
    let base = &c.base_url;
    let prefix = &c.env_prefix;
    let auth = match &c.auth {
        None => quote!(crate::runtime::Auth::None),
        Some(Auth::Header(name)) => {
            let name = name.to_ascii_lowercase();
            quote!(crate::runtime::Auth::Header(#name))
        }
        Some(Auth::Query(name)) => quote!(crate::runtime::Auth::Query(#name)),
        Some(Auth::Bearer) => quote!(crate::runtime::Auth::Bearer),
        Some(Auth::Basic) => quote!(crate::runtime::Auth::Basic),
    };
    let user_agent = format!("{}/", c.crate_name);
    let prefixes = c
        .key_prefixes
        .iter()
        .map(|(p, (kind, mode))| quote!((#p, #kind, #mode)));
    quote! {
        //! Settings taken from the spec.

        /// The first server of the spec.
        pub(crate) const DEFAULT_BASE_URL: &str = #base;
        /// Prefix of the environment variables read by `Client::from_env`.
        pub(crate) const ENV_PREFIX: &str = #prefix;
        /// How the API key is sent.
        pub(crate) const AUTH: crate::runtime::Auth = #auth;
        /// `User-Agent` of every request: the crate's name and version.
        pub(crate) const USER_AGENT: &str = concat!(#user_agent, env!("CARGO_PKG_VERSION"));
        /// Documented key prefixes: (prefix, kind, mode).
        pub(crate) const KEY_PREFIXES: &[(&str, &str, &str)] = &[#(#prefixes),*];
    }
}
