//! Stage 4: write a generated crate to disk, or compare it with what is there.
//!
//! Files are written only when their bytes change (so builds are not retriggered). Check mode
//! writes nothing and reports each stale, missing or extra file with a short diff. Only
//! generated paths are compared: `src/`, `Cargo.toml`, `rustfmt.toml` and the recorded
//! spec (`openapi.yaml` or `openapi.json`); other files (examples, README) belong to people.

use crate::diag::Error;
use crate::emit::Files;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A difference between the generated files and the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    Changed {
        path: String,
        diff: String,
    },
    Missing {
        path: String,
    },
    /// A file under `src/` that generation no longer produces.
    Extra {
        path: String,
    },
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Changed { path, diff } => write!(f, "{path} differs:\n{diff}"),
            Stale::Missing { path } => write!(f, "{path} is missing"),
            Stale::Extra { path } => write!(f, "{path} is no longer generated"),
        }
    }
}

/// Normalises line endings so a checkout with CRLF compares equal.
fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n")
}

/// A unified diff of at most `max_lines` lines.
pub fn short_diff(old: &str, new: &str, max_lines: usize) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header("committed", "generated")
        .to_string();
    let mut lines: Vec<&str> = text.lines().collect();
    let total = lines.len();
    lines.truncate(max_lines);
    let mut out = lines.join("\n");
    if total > max_lines {
        out.push_str(&format!("\n... ({} more diff lines)", total - max_lines));
    }
    out
}

fn files_under(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, root, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// Generated Rust files under `out/src` that `files` no longer contains.
fn extra_files(files: &Files, out: &Path) -> Vec<String> {
    let mut existing = Vec::new();
    files_under(&out.join("src"), out, &mut existing);
    existing.sort();
    existing.retain(|path| path.ends_with(".rs") && !files.contains_key(path));
    existing
}

/// Compares the generated files with the folder `out`; empty when it is fresh.
pub fn check(files: &Files, out: &Path) -> Vec<Stale> {
    let mut stale = Vec::new();
    for (path, text) in files {
        match std::fs::read_to_string(out.join(path)) {
            Ok(old) if normalise(&old) == *text => {}
            Ok(old) => stale.push(Stale::Changed {
                path: path.clone(),
                diff: short_diff(&normalise(&old), text, 40),
            }),
            Err(_) => stale.push(Stale::Missing { path: path.clone() }),
        }
    }
    stale.extend(
        extra_files(files, out)
            .into_iter()
            .map(|path| Stale::Extra { path }),
    );
    stale
}

/// Writes `text` to `target` unless it already holds exactly these bytes; returns the path
/// when it wrote.
fn write_if_changed(target: &Path, text: &str) -> Result<Option<PathBuf>, Error> {
    if std::fs::read(target).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(None);
    }
    std::fs::write(target, text).map_err(|source| Error::Write {
        path: target.to_owned(),
        source,
    })?;
    Ok(Some(target.to_owned()))
}

/// Writes the files under `out` (only those whose bytes change) and removes generated Rust
/// files under `src/` that are no longer produced. Returns the paths written or removed.
///
/// Creating a file costs about a millisecond on some disks, so large crates are written on
/// all cores (folders first).
pub fn write(files: &Files, out: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut folders = std::collections::BTreeSet::new();
    for path in files.keys() {
        if let Some(parent) = out.join(path).parent() {
            folders.insert(parent.to_owned());
        }
    }
    for folder in &folders {
        std::fs::create_dir_all(folder).map_err(|source| Error::Write {
            path: folder.clone(),
            source,
        })?;
    }
    // Written on rayon's threads; results come back in path order, so the list of written
    // files and the error reported (the first by path) do not depend on the split.
    let entries: Vec<(&String, &String)> = files.iter().collect();
    let results: Vec<Result<Option<PathBuf>, Error>> = entries
        .par_iter()
        .map(|(path, text)| write_if_changed(&out.join(path), text))
        .collect();
    let mut written = Vec::new();
    for r in results {
        written.extend(r?);
    }
    for path in extra_files(files, out) {
        let target = out.join(&path);
        std::fs::remove_file(&target).map_err(|source| Error::Write {
            path: target.clone(),
            source,
        })?;
        written.push(target);
    }
    Ok(written)
}
