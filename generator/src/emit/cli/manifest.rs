//! What the command line adds to the generated `Cargo.toml`, kept apart from the rest of
//! the manifest: the `cli` feature, its optional dependencies and the `[[bin]]`. Crates that
//! depend on the SDK build none of it.

use crate::ir::Api;

/// The manifest's additions, each placed in its table by `krate::cargo_toml`.
pub struct CliManifest {
    /// Lines of `[features]`.
    pub features: String,
    /// Lines of `[dependencies]`.
    pub dependencies: String,
    /// The `[[bin]]` table.
    pub bin: String,
}

/// TOML basic string.
fn toml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

pub fn cli_manifest(api: &Api) -> CliManifest {
    CliManifest {
        features: "# The command line (src/cli/, the binary); the SDK alone never builds it.\n\
                   cli = [\"dep:clap\", \"dep:clap_complete\", \"dep:serde_json_path\", \
                   \"dep:serde_norway\", \"tokio/rt\"]\n"
            .into(),
        dependencies: "clap = { version = \"4.5\", optional = true, features = [\"string\", \"wrap_help\"] }\n\
                       clap_complete = { version = \"4.5\", optional = true }\n\
                       serde_json_path = { version = \"0.7\", optional = true, default-features = false }\n\
                       serde_norway = { version = \"0.9\", optional = true }\n"
            .into(),
        bin: format!(
            "[[bin]]\nname = {}\npath = \"src/main.rs\"\nrequired-features = [\"cli\"]\ndoc = false\n",
            toml_str(&api.cli.bin_name)
        ),
    }
}
