//! What the command line adds to the generated `Cargo.toml`, kept apart from the rest of
//! the manifest: the `cli` feature, its optional dependencies and the `[[bin]]`. Crates that
//! depend on the SDK build none of it.

use crate::ir::Api;
use toml_edit::{value, Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table};

/// The CLI's optional dependencies: (name, version, default features, features).
const DEPENDENCIES: &[(&str, &str, bool, &[&str])] = &[
    ("clap", "4.5", true, &["string", "wrap_help"]),
    ("clap_complete", "4.5", true, &[]),
    ("serde_json_path", "0.7", false, &[]),
    ("serde_norway", "0.9", true, &[]),
];

/// Adds the `cli` feature, its optional dependencies and the `[[bin]]` to `doc`.
pub fn add_cli(api: &Api, doc: &mut DocumentMut) {
    if let Some(features) = doc["features"].as_table_mut() {
        // The runtime's command line needs these; a runtime crate brings them itself.
        let mut cli: Vec<String> = match api.config.runtime_path {
            None => DEPENDENCIES
                .iter()
                .map(|(name, ..)| format!("dep:{name}"))
                .chain(["tokio/rt".to_owned()])
                .collect(),
            Some(_) => vec!["codegen-runtime/cli".to_owned()],
        };
        // The command line covers every resource.
        cli.extend(api.features.resources.iter().cloned());
        features["cli"] = value(Array::from_iter(cli));
        if let Some(mut key) = features.key_mut("cli") {
            key.leaf_decor_mut().set_prefix(
                "# The command line (src/cli/, the binary); the SDK alone never builds it.\n",
            );
        }
    }
    let vendored = api.config.runtime_path.is_none();
    if let Some(deps) = doc["dependencies"].as_table_mut().filter(|_| vendored) {
        for &(name, version, default_features, features) in DEPENDENCIES {
            let mut t = InlineTable::new();
            t.insert("version", version.into());
            t.insert("optional", true.into());
            if !default_features {
                t.insert("default-features", false.into());
            }
            if !features.is_empty() {
                t.insert(
                    "features",
                    Array::from_iter(features.iter().copied()).into(),
                );
            }
            deps[name] = value(t);
        }
    }
    let mut bin = Table::new();
    bin["name"] = value(&api.cli.bin_name);
    bin["path"] = value("src/main.rs");
    bin["required-features"] = value(Array::from_iter(["cli"]));
    bin["doc"] = value(false);
    let mut bins = ArrayOfTables::new();
    bins.push(bin);
    doc["bin"] = Item::ArrayOfTables(bins);
}
