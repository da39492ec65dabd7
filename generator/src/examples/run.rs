//! Builds the example harnesses of the corpus workspace in one `cargo build` (every resource
//! feature on, so resource-gated models exist) and runs each; cargo's JSON messages give each harness's
//! executable and its compiler errors, attributed by package id.

use super::{prepare, Prepared, SpecResult};
use crate::corpus::{self, Row};
use cargo_metadata::diagnostic::DiagnosticLevel;
use cargo_metadata::{Message, TargetKind};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Checks the examples of every generated crate in `work/crates` (see [`super`]).
pub fn check(
    rows: &[Row],
    work: &Path,
    lockfile: Option<&Path>,
) -> std::io::Result<Vec<SpecResult>> {
    let crates = work.join("crates");
    let mut prepared: Vec<(String, Result<Prepared, String>)> = Vec::new();
    for row in rows {
        let Some(dir) = &row.crate_dir else { continue };
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let p = prepare(&row.file, &name, dir).map(|mut p| {
            p.spec = row.spec.clone();
            p
        });
        prepared.push((row.spec.clone(), p));
    }
    corpus::prepare_workspace(rows, &crates, lockfile)?;
    let (executables, errors) = build(&crates, work)?;
    let mut results = Vec::new();
    for (name, p) in prepared {
        let p = match p {
            Ok(p) => p,
            Err(e) => {
                let mut r = SpecResult {
                    spec: name,
                    ..SpecResult::default()
                };
                r.notes.push(format!("not checked: {e}"));
                results.push(r);
                continue;
            }
        };
        let dir = p.crate_dir.clone();
        let result = match executables.get(&dir) {
            Some(exe) => {
                let out = Command::new(exe).output()?;
                let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
                let why = String::from_utf8_lossy(&out.stderr).into_owned();
                p.finish(Some(&stdout), &why)
            }
            None => {
                let why = errors
                    .get(&dir)
                    .cloned()
                    .unwrap_or_else(|| "the harness did not build".into());
                p.finish(None, &why)
            }
        };
        results.push(result);
    }
    Ok(results)
}

/// Every resource feature of every crate (`crate/feature,...`), so models gated by a
/// resource exist. Not `multipart`: it only switches the reqwest feature on, and with it a
/// root-level multipart operation does not compile today (`self.client` on `Client`).
fn resource_features(cargo: &str, crates: &Path) -> std::io::Result<String> {
    let metadata = cargo_metadata::MetadataCommand::new()
        .cargo_path(cargo)
        .manifest_path(crates.join("Cargo.toml"))
        .no_deps()
        .exec()
        .map_err(std::io::Error::other)?;
    let features: Vec<String> = metadata
        .packages
        .iter()
        .flat_map(|p| {
            p.features
                .keys()
                .filter(|f| !matches!(f.as_str(), "multipart" | "default"))
                .map(move |f| format!("{}/{f}", p.name))
        })
        .collect();
    Ok(features.join(","))
}

type Built = (BTreeMap<String, PathBuf>, BTreeMap<String, String>);

/// `cargo build --examples`: per crate folder, the harness executable, or the first error.
fn build(crates: &Path, work: &Path) -> std::io::Result<Built> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let members = corpus::members(&cargo, crates)?;
    let output = Command::new(&cargo)
        .current_dir(crates)
        .env("CARGO_TARGET_DIR", work.join("target"))
        // No debug info: the harnesses only run once, and 40 linked binaries with it would
        // take gigabytes.
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .args(["build", "--workspace", "--examples", "--keep-going"])
        .args(["--features", &resource_features(&cargo, crates)?])
        .args(["--message-format", "json"])
        .output()?;
    let mut executables = BTreeMap::new();
    let mut errors: BTreeMap<String, String> = BTreeMap::new();
    for message in Message::parse_stream(output.stdout.as_slice()).flatten() {
        match message {
            Message::CompilerArtifact(a) if a.target.kind.contains(&TargetKind::Example) => {
                if let (Some(dir), Some(exe)) = (members.get(&a.package_id), a.executable) {
                    executables.insert(dir.clone(), exe.into_std_path_buf());
                }
            }
            Message::CompilerMessage(m) if m.message.level == DiagnosticLevel::Error => {
                if let Some(dir) = members.get(&m.package_id) {
                    let line = m.message.message.lines().next().unwrap_or_default();
                    errors
                        .entry(dir.clone())
                        .or_insert_with(|| format!("build error: {line}"));
                }
            }
            _ => {}
        }
    }
    Ok((executables, errors))
}
