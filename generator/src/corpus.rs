//! Runs the generator over a folder of specs and (optionally) `cargo check`s every crate it
//! writes, in one workspace with one shared target directory.
//!
//! Compiler errors and warnings are read from cargo's JSON messages and attributed to crates
//! by package id (from `cargo metadata`), never by scraping cargo's text output.
//!
//! Used by `boltz-codegen corpus <DIR>` (prints the report) and by the corpus test.

use crate::{generate_file, Options, Severity};
use cargo_metadata::diagnostic::DiagnosticLevel;
use cargo_metadata::{Message, MetadataCommand, PackageId};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// What happened to one spec.
#[derive(Debug, Clone)]
pub struct Row {
    pub spec: String,
    /// The spec file.
    pub file: PathBuf,
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
    /// The compiler's errors and warnings for the crate, one line each
    /// (`warning[unused_imports]: unused import: `x` at src/models/a.rs:3:5`).
    pub compiler: Vec<String>,
    /// Rustdoc's errors for the crate, warnings denied (`None`: docs not built).
    pub rustdoc: Option<Vec<String>>,
}

/// The `cargo check` result of a generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    NotRun,
    /// It compiled, with this many compiler warnings (a generated crate should have none).
    Ok {
        warnings: usize,
    },
    /// Compiler errors in the crate's own code, and its warnings.
    Errors {
        errors: usize,
        warnings: usize,
    },
    /// cargo did not compile it, for a reason outside its own code (dependency resolution, a
    /// dependency that failed, the toolchain).
    Failed,
}

impl Check {
    /// Whether the crate compiled (warnings or not).
    pub fn compiled(&self) -> bool {
        matches!(self, Check::Ok { .. })
    }

    /// Compiler warnings in the crate's own code.
    pub fn warnings(&self) -> usize {
        match self {
            Check::Ok { warnings } | Check::Errors { warnings, .. } => *warnings,
            Check::NotRun | Check::Failed => 0,
        }
    }
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

/// Generates every spec under `specs` into `work/crates/<name>`, then each `extra` spec with
/// its own options (its crate name, when they set none, from its file name as for the others).
pub fn generate_all(
    specs: &Path,
    extra: &[(PathBuf, Options)],
    work: &Path,
) -> std::io::Result<Vec<Row>> {
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
    let mut specs: Vec<(PathBuf, Options)> =
        files.into_iter().map(|f| (f, Options::default())).collect();
    specs.extend(extra.iter().cloned());
    let crates = work.join("crates");
    std::fs::create_dir_all(&crates)?;
    let mut rows = Vec::new();
    for (file, mut options) in specs {
        let spec = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = options
            .crate_name
            .get_or_insert_with(|| crate_name(&spec))
            .clone();
        let started = Instant::now();
        let result =
            std::panic::catch_unwind(|| generate_file(&file, &options, "boltz-codegen corpus"));
        let millis = started.elapsed().as_secs_f64() * 1000.0;
        let mut row = Row {
            spec,
            file: file.clone(),
            crate_dir: None,
            panicked: false,
            first_diagnostic: None,
            warnings: 0,
            lines: 0,
            millis,
            check: Check::NotRun,
            compiler: Vec::new(),
            rustdoc: None,
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

/// Writes `crates/Cargo.toml`: a workspace of the generated crates.
fn write_workspace(rows: &[Row], crates: &Path) -> std::io::Result<()> {
    let members: toml_edit::Array = rows
        .iter()
        .filter_map(|r| r.crate_dir.as_ref()?.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    let mut doc = toml_edit::DocumentMut::new();
    doc["workspace"]["resolver"] = toml_edit::value("2");
    doc["workspace"]["members"] = toml_edit::value(members);
    std::fs::write(crates.join("Cargo.toml"), doc.to_string())
}

/// Writes the workspace manifest and, when given and none is there yet, the lockfile that
/// pins dependency versions.
pub(crate) fn prepare_workspace(
    rows: &[Row],
    crates: &Path,
    lockfile: Option<&Path>,
) -> std::io::Result<()> {
    write_workspace(rows, crates)?;
    if let Some(lock) = lockfile {
        if !crates.join("Cargo.lock").exists() {
            std::fs::copy(lock, crates.join("Cargo.lock"))?;
        }
    }
    Ok(())
}

/// The workspace's packages: id -> folder name under `crates/`.
pub(crate) fn members(cargo: &str, crates: &Path) -> std::io::Result<BTreeMap<PackageId, String>> {
    let metadata = MetadataCommand::new()
        .cargo_path(cargo)
        .manifest_path(crates.join("Cargo.toml"))
        .no_deps()
        .exec()
        .map_err(std::io::Error::other)?;
    Ok(metadata
        .packages
        .into_iter()
        .filter_map(|p| {
            let dir = p.manifest_path.parent()?.file_name()?.to_owned();
            Some((p.id, dir))
        })
        .collect())
}

/// What cargo said about one crate.
#[derive(Default)]
struct Tally {
    errors: usize,
    warnings: usize,
    /// cargo produced its metadata: it compiled.
    compiled: bool,
    lines: Vec<String>,
}

/// One line for a compiler diagnostic: level, lint or error code, message, primary span.
fn short(d: &cargo_metadata::diagnostic::Diagnostic, level: &str) -> String {
    let code = d
        .code
        .as_ref()
        .map(|c| format!("[{}]", c.code))
        .unwrap_or_default();
    let at = d
        .spans
        .iter()
        .find(|s| s.is_primary)
        .map(|s| format!(" at {}:{}:{}", s.file_name, s.line_start, s.column_start))
        .unwrap_or_default();
    format!("{level}{code}: {}{at}", d.message)
}

/// Reads cargo's JSON messages: per crate folder, its tally; and the rendered diagnostics.
fn tally(
    stdout: &[u8],
    members: &BTreeMap<PackageId, String>,
) -> (BTreeMap<String, Tally>, String) {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut log = String::new();
    for message in Message::parse_stream(stdout).flatten() {
        match message {
            Message::CompilerMessage(m) => {
                let Some(dir) = members.get(&m.package_id) else {
                    continue;
                };
                let t = tallies.entry(dir.clone()).or_default();
                // rustc's closing "aborting due to N previous errors" is no error of its own.
                if m.message.spans.is_empty() && m.message.message.starts_with("aborting due to") {
                    continue;
                }
                let level = match m.message.level {
                    DiagnosticLevel::Error | DiagnosticLevel::Ice => {
                        t.errors += 1;
                        "error"
                    }
                    DiagnosticLevel::Warning => {
                        t.warnings += 1;
                        "warning"
                    }
                    _ => continue,
                };
                t.lines.push(short(&m.message, level));
                log.push_str(&format!("{dir}: {}\n", m.message));
            }
            Message::CompilerArtifact(a) => {
                if let Some(dir) = members.get(&a.package_id) {
                    tallies.entry(dir.clone()).or_default().compiled = true;
                }
            }
            _ => {}
        }
    }
    (tallies, log)
}

/// A crate's [`Check`] from its tally. One that neither compiled nor has errors of its own was
/// stopped by something else (resolution, a dependency, the toolchain).
fn verdict(t: &Tally) -> Check {
    if t.errors > 0 {
        Check::Errors {
            errors: t.errors,
            warnings: t.warnings,
        }
    } else if t.compiled {
        Check::Ok {
            warnings: t.warnings,
        }
    } else {
        Check::Failed
    }
}

/// `cargo check`s every generated crate in one workspace (`work/crates`) with one target
/// directory (`work/target`), all features on: every resource and the command line (feature
/// `cli`, its binary included). `lockfile` pins dependency versions when given. Fills each
/// row's [`Check`] and compiler lines; returns the rendered diagnostics and cargo's stderr.
pub fn check_all(
    rows: &mut [Row],
    work: &Path,
    lockfile: Option<&Path>,
) -> std::io::Result<String> {
    prepare_workspace(rows, &work.join("crates"), lockfile)?;
    cargo_over_rows(rows, work, &["check"], &[], |row, t| {
        row.check = verdict(&t);
        row.compiler = t.lines;
    })
}

/// Builds every generated crate's documentation after [`check_all`] (same workspace and
/// target folder): `cargo doc --no-deps`, all features, with `RUSTDOCFLAGS=-D warnings`, so
/// spec prose that makes a broken intra-doc link, a bare URL or stray HTML is an error. Fills
/// each row's `rustdoc` with its errors, one line each; returns the rendered diagnostics.
pub fn doc_all(rows: &mut [Row], work: &Path) -> std::io::Result<String> {
    let env = [("RUSTDOCFLAGS", "-D warnings")];
    cargo_over_rows(rows, work, &["doc", "--no-deps"], &env, |row, t| {
        let mut lines = t.lines;
        if !t.compiled && lines.is_empty() {
            lines.push("rustdoc did not document the crate (see cargo's output)".into());
        }
        row.rustdoc = Some(lines);
    })
}

/// Runs `cargo <command> --workspace --all-features --keep-going` over the corpus workspace
/// with JSON messages, and gives each generated row its crate's [`Tally`]; returns the
/// rendered diagnostics and cargo's stderr.
fn cargo_over_rows(
    rows: &mut [Row],
    work: &Path,
    command: &[&str],
    env: &[(&str, &str)],
    mut fill: impl FnMut(&mut Row, Tally),
) -> std::io::Result<String> {
    let crates = work.join("crates");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let members = members(&cargo, &crates)?;
    let output = Command::new(&cargo)
        .current_dir(&crates)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .envs(env.iter().copied())
        .args(command)
        .args([
            "--workspace",
            "--all-features",
            "--keep-going",
            "--message-format",
            "json",
        ])
        .output()?;
    let (mut tallies, mut log) = tally(&output.stdout, &members);
    log.push_str(&String::from_utf8_lossy(&output.stderr));
    for row in rows.iter_mut() {
        let Some(name) = row.crate_dir.as_ref().and_then(|d| d.file_name()) else {
            continue;
        };
        let t = tallies
            .remove(name.to_string_lossy().as_ref())
            .unwrap_or_default();
        fill(row, t);
    }
    Ok(log)
}

/// The report as a Markdown table: generator warnings, size and time, then the compiler's
/// verdict and warnings; the first diagnostic is the compiler's when it has any.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| spec | generated | gen warnings | lines | gen ms | cargo check | rustc warnings | rustdoc | first diagnostic |\n\
         |---|---|---:|---:|---:|---|---:|---|---|\n",
    );
    for r in rows {
        let generated = if r.panicked {
            "PANIC"
        } else if r.crate_dir.is_some() {
            "yes"
        } else {
            "no"
        };
        let (check, warnings) = match &r.check {
            Check::NotRun => ("-".to_owned(), "-".to_owned()),
            Check::Ok { warnings } => ("ok".to_owned(), warnings.to_string()),
            Check::Failed => ("check failed".to_owned(), "-".to_owned()),
            Check::Errors { errors, warnings } => {
                (format!("{errors} errors"), warnings.to_string())
            }
        };
        let rustdoc = match &r.rustdoc {
            None => "-".to_owned(),
            Some(errors) if errors.is_empty() => "ok".to_owned(),
            Some(errors) => format!("{} errors", errors.len()),
        };
        let rustdoc_first = r.rustdoc.as_ref().and_then(|e| e.first());
        let diag = match (r.compiler.first(), rustdoc_first) {
            (Some(line), _) => format!("rustc {line}"),
            (None, Some(line)) => format!("rustdoc {line}"),
            (None, None) => r.first_diagnostic.clone().unwrap_or_default(),
        };
        let diag: String = diag.replace('|', "\\|").chars().take(110).collect();
        out.push_str(&format!(
            "| {} | {generated} | {} | {} | {:.0} | {check} | {warnings} | {rustdoc} | {diag} |\n",
            r.spec, r.warnings, r.lines, r.millis
        ));
    }
    let generated = rows.iter().filter(|r| r.crate_dir.is_some()).count();
    let compiled = rows.iter().filter(|r| r.check.compiled()).count();
    let warned = rows.iter().filter(|r| r.check.warnings() > 0).count();
    let panics = rows.iter().filter(|r| r.panicked).count();
    out.push_str(&format!(
        "\n{} specs: {generated} generated, {compiled} pass cargo check, {warned} with rustc \
         warnings, {panics} panics\n",
        rows.len()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn target(name: &str) -> serde_json::Value {
        json!({"kind": ["lib"], "crate_types": ["lib"], "name": name,
               "src_path": format!("/w/{name}/src/lib.rs"), "edition": "2021",
               "doc": true, "doctest": true, "test": true})
    }

    fn message(name: &str, level: &str, text: &str, code: Option<&str>, line: u64) -> String {
        let span = json!({"byte_start": 0, "byte_end": 1, "column_start": 5, "column_end": 6,
            "line_start": line, "line_end": line, "file_name": "src/lib.rs", "is_primary": true,
            "label": null, "expansion": null, "suggested_replacement": null,
            "suggestion_applicability": null, "text": []});
        json!({"reason": "compiler-message", "package_id": format!("path+file:///w/{name}#0.1.0"),
            "manifest_path": format!("/w/{name}/Cargo.toml"), "target": target(name),
            "message": {"message": text, "level": level, "spans": [span], "children": [],
                        "code": code.map(|c| json!({"code": c, "explanation": null})),
                        "rendered": format!("{level}: {text}\n")}})
        .to_string()
    }

    fn artifact(name: &str) -> String {
        json!({"reason": "compiler-artifact", "package_id": format!("path+file:///w/{name}#0.1.0"),
            "manifest_path": format!("/w/{name}/Cargo.toml"), "target": target(name),
            "profile": {"opt_level": "0", "debuginfo": 2, "debug_assertions": true,
                        "overflow_checks": true, "test": false},
            "features": [], "filenames": [], "executable": null, "fresh": true})
        .to_string()
    }

    #[test]
    fn messages_are_attributed_to_crates_by_package_id() {
        let members: BTreeMap<PackageId, String> = ["warns", "breaks", "blocked"]
            .into_iter()
            .map(|n| {
                (
                    PackageId {
                        repr: format!("path+file:///w/{n}#0.1.0"),
                    },
                    n.to_owned(),
                )
            })
            .collect();
        let stream = [
            message("dependency", "warning", "not ours", None, 1),
            message(
                "warns",
                "warning",
                "unused import: `x`",
                Some("unused_imports"),
                3,
            ),
            message("warns", "note", "a note is not counted", None, 3),
            artifact("warns"),
            message("breaks", "error", "mismatched types", Some("E0308"), 7),
            message("breaks", "warning", "unused variable: `y`", None, 8),
            message("breaks", "failure-note", "For more information...", None, 1),
            "not json".to_owned(),
            json!({"reason": "build-finished", "success": false}).to_string(),
        ]
        .join("\n");
        let (tallies, log) = tally(stream.as_bytes(), &members);
        assert_eq!(verdict(&tallies["warns"]), Check::Ok { warnings: 1 });
        assert_eq!(
            tallies["warns"].lines,
            ["warning[unused_imports]: unused import: `x` at src/lib.rs:3:5"]
        );
        assert_eq!(
            verdict(&tallies["breaks"]),
            Check::Errors {
                errors: 1,
                warnings: 1
            }
        );
        assert_eq!(
            verdict(tallies.get("blocked").unwrap_or(&Tally::default())),
            Check::Failed
        );
        assert!(!tallies.contains_key("dependency"));
        assert!(log.contains("breaks: error: mismatched types"), "{log}");
        assert!(!log.contains("not ours"), "{log}");
    }
}
