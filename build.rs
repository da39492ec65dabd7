//! Runs the generator over `spec/` at build time.
//!
//! - The crate is generated into `$OUT_DIR/boltz-api` (nothing outside OUT_DIR is written).
//! - A broken spec fails the build with the generator's diagnostics (file, JSON pointer,
//!   line when known, what to change).
//! - A committed `generated/` that differs from what the spec generates is reported with a
//!   `cargo:warning` naming the stale files and the command that regenerates them.

use std::path::{Path, PathBuf};

/// The command that regenerates `generated/` (also in `tests/support`), named in headers.
const REGENERATE: &str =
    "cargo run -p boltz-codegen -- generate spec/boltz-api.yaml --out generated";

fn main() {
    let spec = Path::new("spec/boltz-api.yaml");
    println!("cargo:rerun-if-changed=spec");
    println!("cargo:rerun-if-changed=generated");
    println!("cargo:rerun-if-changed=generator/src");
    println!("cargo:rerun-if-changed=generator/runtime");

    // The committed crate's version (`generate --bump` moves it), so it is not stale.
    let mut options = boltz_codegen::Options::default();
    if let Some(v) = boltz_codegen::diff::bump::crate_version(Path::new("generated")) {
        options.crate_version = v;
    }
    // And the names it has, as `generate` keeps them.
    if let Ok(names) = boltz_codegen::baseline_names(Path::new("generated"), &options) {
        options.previous_names = names;
    }
    let generated = match boltz_codegen::generate_file(spec, &options, REGENERATE) {
        Ok(g) => g,
        Err(e) => {
            eprintln!(
                "boltz-codegen cannot generate the SDK from {}:\n{e}",
                spec.display()
            );
            std::process::exit(1);
        }
    };
    for w in &generated.warnings {
        println!("cargo:warning={}", w.to_string().replace('\n', " | "));
    }

    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("boltz-api");
    if let Err(e) = boltz_codegen::write::write(&generated.files, &out) {
        eprintln!("cannot write the generated crate under OUT_DIR: {e}");
        std::process::exit(1);
    }

    let stale = boltz_codegen::write::check(&generated.files, Path::new("generated"));
    if !stale.is_empty() {
        let names: Vec<String> = stale
            .iter()
            .map(|s| match s {
                boltz_codegen::write::Stale::Changed { path, .. }
                | boltz_codegen::write::Stale::Missing { path }
                | boltz_codegen::write::Stale::Extra { path } => path.clone(),
            })
            .collect();
        println!(
            "cargo:warning=generated/ is stale: {} differ from what spec/boltz-api.yaml generates; run: {}",
            names.join(", "),
            REGENERATE
        );
    }
}
