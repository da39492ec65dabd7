//! Emits the crate-level files: `Cargo.toml`, `lib.rs`, `config.rs`, and lists the runtime
//! files copied into every crate.

use super::docs::{inner_doc_lines, inner_doc_lines_verbatim};
use super::types::ident;
use crate::ir::Api;
use proc_macro2::TokenStream;
use quote::quote;
use toml_edit::{value, Array, DocumentMut, InlineTable, Item, Table};

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
    ("dispatch.rs", include_str!("../../runtime/src/dispatch.rs")),
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

/// The crates generated code names itself (not only its vendored runtime): all a crate that
/// depends on the runtime crate needs beside it.
const USED_BY_GENERATED_CODE: &[&str] = &["chrono", "reqwest", "serde", "serde_json"];

/// The dependencies of generated crates: (name, version, default features, features).
const DEPENDENCIES: &[(&str, &str, bool, &[&str])] = &[
    ("bytes", "1", true, &[]),
    ("chrono", "0.4", false, &["std", "serde"]),
    ("fastrand", "2", true, &[]),
    ("futures-core", "0.3", false, &["std"]),
    ("futures-util", "0.3", false, &["std"]),
    ("httpdate", "1", true, &[]),
    ("percent-encoding", "2", true, &[]),
    ("reqwest", "0.12", false, &["json", "rustls-tls"]),
    ("secrecy", "0.10", true, &[]),
    ("serde", "1", true, &["derive"]),
    // float_roundtrip: a decimal decodes to the nearest f64 (the default parser can be one
    // unit off in the last place, so `0.9998999999999999` would come back as `0.9999`).
    ("serde_json", "1", true, &["float_roundtrip"]),
    ("subtle", "2", false, &[]),
    ("tokio", "1", true, &["time"]),
    ("tracing", "0.1", false, &["std"]),
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

/// `[features]`: `multipart` when a body needs it, and one feature per top-level resource;
/// `default` enables them all, except for the largest specs, whose `full` does.
fn features_table(api: &Api) -> Table {
    let f = &api.features;
    let mut features = Table::new();
    let mut default: Vec<&str> = Vec::new();
    if f.multipart {
        default.push("multipart");
    }
    if f.default_all {
        default.extend(f.resources.iter().map(String::as_str));
    } else if !f.resources.is_empty() {
        default.clear();
        if f.multipart {
            default.push("multipart");
        }
    }
    features["default"] = value(Array::from_iter(default.iter().copied()));
    let multipart = match api.config.runtime_path {
        None => "reqwest/multipart",
        Some(_) => "codegen-runtime/multipart",
    };
    features["multipart"] = value(Array::from_iter([multipart]));
    if let Some(mut key) = features.key_mut("multipart") {
        key.leaf_decor_mut()
            .set_prefix("# multipart/form-data request bodies.\n");
    }
    if !f.default_all && !f.resources.is_empty() {
        features["full"] = value(Array::from_iter(f.resources.iter().map(String::as_str)));
        if let Some(mut key) = features.key_mut("full") {
            key.leaf_decor_mut()
                .set_prefix("# Every resource (this API is large, so the default enables none).\n");
        }
    }
    let root = api.resources[0].feature.as_ref();
    let first = f.resources.iter().find(|&name| Some(name) != root);
    for name in &f.resources {
        let needs: &[&str] = if f.multipart_resources.contains(name) {
            &["multipart"]
        } else {
            &[]
        };
        features[name.as_str()] = value(Array::from_iter(needs.iter().copied()));
        let comment = if Some(name) == root {
            "# The operations on `Client` itself (paths with no resource) and the models only they use.\n"
        } else if Some(name) == first {
            "# One feature per top-level resource: its operations and the models only it uses.\n"
        } else {
            continue;
        };
        if let Some(mut key) = features.key_mut(name) {
            key.leaf_decor_mut().set_prefix(comment);
        }
    }
    features
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

    let features = features_table(api);
    let mut dependencies = Table::new();
    if let Some(path) = &c.runtime_path {
        let mut t = InlineTable::new();
        t.insert("path", path.into());
        t.insert("default-features", false.into());
        dependencies["codegen-runtime"] = value(t);
    }
    for &(name, version, default_features, feats) in DEPENDENCIES {
        if c.runtime_path.is_none() || USED_BY_GENERATED_CODE.contains(&name) {
            dependencies[name] = dependency(version, default_features, feats);
        }
    }
    let mut doc = DocumentMut::new();
    doc["package"] = Item::Table(package);
    doc["features"] = Item::Table(features);
    doc["dependencies"] = Item::Table(dependencies);
    super::cli::manifest::add_cli(api, &mut doc);
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
         errors are [`Error`]; list calls return a [`Page`].",
        prefix = c.env_prefix,
    );
    // A vendored runtime is a module, whose `Client` the crate extends; a runtime crate's
    // `Client` cannot be, so the crate has its own around it (in `config`), and `Secret`'s
    // key classes are a trait's.
    let dependency = c.runtime_path.is_some();
    let (runtime, from_runtime) = if dependency {
        (
            quote!(
                pub use codegen_runtime as runtime;
            ),
            quote!(),
        )
    } else {
        (
            quote!(
                pub mod runtime;
            ),
            quote!(Client, ClientBuilder,),
        )
    };
    let mut from_config: Vec<&str> = Vec::new();
    if dependency {
        from_config.extend(["Client", "ClientBuilder"]);
    }
    if !c.key_kinds.is_empty() || !c.key_modes.is_empty() {
        from_config.extend(dependency.then_some("KeyClass"));
        from_config.extend(["KeyKind", "KeyMode"]);
    }
    let from_config = (!from_config.is_empty()).then(|| {
        let names = from_config.iter().map(|n| ident(n));
        quote!(
            pub use config::{#(#names),*};
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
        #runtime
        #[cfg(feature = "cli")]
        #[doc(hidden)]
        pub mod cli;

        pub use runtime::{
            ApiError, BoxFuture, BoxStream, #from_runtime Error, Page, ResponseInfo, Secret,
        };
        #from_config
        /// The date and time types of the models, so callers need not pin a matching version.
        pub use chrono;
        /// The HTTP client behind [`Client`] ([`ClientBuilder::http_client`] takes one).
        pub use reqwest;
    }
}
