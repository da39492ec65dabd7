//! Runs the generator over a folder of specs and (optionally) `cargo check`s every crate it
//! writes, in one workspace with one shared target directory.
//!
//! Used by `boltz-codegen corpus <DIR>` (prints the report) and by the corpus test.

use crate::{generate_file, Options, Severity};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// What happened to one spec.
#[derive(Debug, Clone)]
pub struct Row {
    pub spec: String,
    /// The generated crate's folder, when generation succeeded.
    pub crate_dir: Option<PathBuf>,
    /// The generator panicked (a bug, always).
    pub panicked: bool,
    /// The first error (when generation failed) or warning.
    pub first_diagnostic: Option<String>,
    pub warnings: usize,
    pub lines: usize,
    pub millis: f64,
    pub check: Check,
}

/// The `cargo check` result of a generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    NotRun,
    Ok,
    Errors(usize),
    /// cargo failed for a reason no crate can be blamed for (resolution, toolchain).
    Failed,
}

/// A crate name for a spec file name (`docusign.net.json` -> `corpus-docusign-net`).
pub fn crate_name(spec: &str) -> String {
    let stem = spec
        .trim_end_matches(".json")
        .trim_end_matches(".yaml")
        .trim_end_matches(".yml");
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while name.contains("--") {
        name = name.replace("--", "-");
    }
    format!("corpus-{}", name.trim_matches('-'))
}

/// Generates every spec under `specs` (and the `extra` specs) into `work/crates/<name>`.
pub fn generate_all(specs: &Path, extra: &[PathBuf], work: &Path) -> std::io::Result<Vec<Row>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(specs)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    files.sort();
    files.extend(extra.iter().cloned());
    let crates = work.join("crates");
    std::fs::create_dir_all(&crates)?;
    let mut rows = Vec::new();
    for file in files {
        let spec = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = crate_name(&spec);
        let options = Options {
            crate_name: Some(name.clone()),
            ..Options::default()
        };
        let started = Instant::now();
        let result =
            std::panic::catch_unwind(|| generate_file(&file, &options, "boltz-codegen corpus"));
        let millis = started.elapsed().as_secs_f64() * 1000.0;
        let mut row = Row {
            spec,
            crate_dir: None,
            panicked: false,
            first_diagnostic: None,
            warnings: 0,
            lines: 0,
            millis,
            check: Check::NotRun,
        };
        match result {
            Err(_) => {
                row.panicked = true;
                row.first_diagnostic = Some("the generator panicked".into());
            }
            Ok(Err(e)) => {
                row.first_diagnostic =
                    Some(e.to_string().lines().next().unwrap_or_default().to_owned())
            }
            Ok(Ok(generated)) => {
                row.warnings = generated
                    .warnings
                    .iter()
                    .filter(|w| w.severity == Severity::Warning)
                    .count();
                row.first_diagnostic = generated
                    .warnings
                    .first()
                    .map(|w| format!("{} at {}", w.message, w.pointer));
                row.lines = generated.files.values().map(|t| t.lines().count()).sum();
                let dir = crates.join(&name);
                crate::write::write(&generated.files, &dir)
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
                row.crate_dir = Some(dir);
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

/// `cargo check`s every generated crate in one workspace (`work/crates`) with one target
/// directory (`work/target`); `lockfile` pins dependency versions when given.
pub fn check_all(
    rows: &mut [Row],
    work: &Path,
    lockfile: Option<&Path>,
) -> std::io::Result<String> {
    let crates = work.join("crates");
    let members: Vec<String> = rows
        .iter()
        .filter_map(|r| r.crate_dir.as_ref())
        .filter_map(|d| {
            d.file_name()
                .map(|n| format!("    \"{}\",", n.to_string_lossy()))
        })
        .collect();
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [\n{}\n]\n",
        members.join("\n")
    );
    std::fs::write(crates.join("Cargo.toml"), manifest)?;
    if let Some(lock) = lockfile {
        if !crates.join("Cargo.lock").exists() {
            std::fs::copy(lock, crates.join("Cargo.lock"))?;
        }
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(&crates)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--message-format",
            "short",
        ])
        .output()?;
    let log = String::from_utf8_lossy(&output.stderr).into_owned();
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    let mut failed_packages = Vec::new();
    for line in log.lines() {
        if line.contains(": error") {
            if let Some(dir) = line.split('/').next() {
                *errors.entry(dir.to_owned()).or_default() += 1;
            }
        }
        if let Some(rest) = line.strip_prefix("error: could not compile `") {
            failed_packages.push(rest.split('`').next().unwrap_or_default().to_owned());
        }
    }
    // A failure no crate can be blamed for (dependency resolution, a broken toolchain) fails
    // every crate rather than passing them.
    let global_failure =
        !output.status.success() && errors.is_empty() && failed_packages.is_empty();
    for row in rows.iter_mut() {
        let Some(dir) = &row.crate_dir else { continue };
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let n = errors.get(&name).copied().unwrap_or(0);
        row.check = if global_failure {
            Check::Failed
        } else if n > 0 {
            Check::Errors(n)
        } else if failed_packages.contains(&name) {
            Check::Errors(1)
        } else {
            Check::Ok
        };
    }
    Ok(log)
}

/// The report as a Markdown table.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from("| spec | generated | warnings | lines | gen ms | cargo check | first diagnostic |\n|---|---|---:|---:|---:|---|---|\n");
    for r in rows {
        let generated = if r.panicked {
            "PANIC"
        } else if r.crate_dir.is_some() {
            "yes"
        } else {
            "no"
        };
        let check = match &r.check {
            Check::NotRun => "-".to_owned(),
            Check::Ok => "ok".to_owned(),
            Check::Failed => "check failed".to_owned(),
            Check::Errors(n) => format!("{n} errors"),
        };
        let diag = r
            .first_diagnostic
            .as_deref()
            .unwrap_or("")
            .replace('|', "\\|");
        let diag: String = diag.chars().take(110).collect();
        out.push_str(&format!(
            "| {} | {generated} | {} | {} | {:.0} | {check} | {diag} |\n",
            r.spec, r.warnings, r.lines, r.millis
        ));
    }
    let generated = rows.iter().filter(|r| r.crate_dir.is_some()).count();
    let compiled = rows.iter().filter(|r| r.check == Check::Ok).count();
    let panics = rows.iter().filter(|r| r.panicked).count();
    out.push_str(&format!(
        "\n{} specs: {generated} generated, {compiled} pass cargo check, {panics} panics\n",
        rows.len()
    ));
    out
}
