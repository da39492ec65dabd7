//! `boltz-codegen diff OLD NEW` and `boltz-codegen diff --base REV NEW`.
//!
//! Exit codes: 0 when the diff ran (whatever it found), 1 when `--fail-on` triggers, 2 for
//! bad input (unreadable file, broken YAML or JSON, dangling `$ref`, Swagger 2.0, unknown
//! git revision), with the loader's located diagnostics.

use super::{render, Report, Severity};
use std::path::Path;
use std::process::{Command, ExitCode};

/// The options of `diff`, as plain values (the command line is parsed elsewhere).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffArgs {
    /// The old spec file; unused with `base`.
    pub old: Option<String>,
    /// The new spec file.
    pub new: String,
    /// A git revision: the old spec is `new`'s path at that revision.
    pub base: Option<String>,
    /// `text` (default), `markdown` or `json`.
    pub format: String,
    /// `breaking` or `additive`: exit 1 when a change that severe (or worse) exists.
    pub fail_on: Option<String>,
}

pub const USAGE: &str =
    "boltz-codegen diff <OLD> <NEW> [--format text|markdown|json] [--fail-on breaking|additive]
  boltz-codegen diff --base <REV> <NEW> [..]
      Compares two specs as the generated crate sees them and prints each change with its
      severity, Rust item and JSON pointers, and the version bump they call for.
      --base REV   the old spec is NEW's path at git revision REV
      --fail-on S  exit 1 when a change of severity S (or worse) exists";

impl DiffArgs {
    /// Parses `diff`'s arguments (after the subcommand).
    pub fn from_args(args: &[String]) -> Result<DiffArgs, String> {
        let mut out = DiffArgs {
            format: "text".into(),
            ..DiffArgs::default()
        };
        let mut files = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
            match a.as_str() {
                "--format" => out.format = value()?,
                "--fail-on" => out.fail_on = Some(value()?),
                "--base" => out.base = Some(value()?),
                s if s.starts_with('-') => return Err(format!("unknown flag `{s}`")),
                s => files.push(s.to_owned()),
            }
        }
        match (files.len(), out.base.is_some()) {
            (1, true) => out.new = files.remove(0),
            (2, false) => {
                out.new = files.remove(1);
                out.old = Some(files.remove(0));
            }
            _ => return Err("diff needs OLD and NEW, or --base REV and NEW".into()),
        }
        Ok(out)
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// Runs `diff` and prints the report on stdout.
pub fn run_diff(args: DiffArgs) -> ExitCode {
    let render: fn(&Report) -> String = match args.format.as_str() {
        "text" => render::text,
        "markdown" | "md" => render::markdown,
        "json" => render::json,
        other => return fail(format!("unknown format `{other}` (text, markdown or json)")),
    };
    let threshold = match args.fail_on.as_deref() {
        None => None,
        Some("breaking") => Some(Severity::Breaking),
        Some("additive") => Some(Severity::Additive),
        Some(other) => {
            return fail(format!(
                "unknown --fail-on `{other}` (breaking or additive)"
            ))
        }
    };
    let old = match (&args.base, &args.old) {
        (Some(rev), _) => {
            git_show(rev, &args.new).map(|text| (format!("{}@{rev}", args.new), text))
        }
        (None, Some(path)) => read(path).map(|text| (path.clone(), text)),
        (None, None) => Err("diff needs OLD and NEW, or --base REV and NEW".into()),
    };
    let (old, new) = match (old, read(&args.new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(e), _) | (_, Err(e)) => return fail(e),
    };
    let report = match super::diff_str(
        (&old.0, &old.1),
        (&args.new, &new),
        &crate::Options::default(),
    ) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), render(&report).as_bytes());
    match threshold {
        Some(s) if report.has_at_least(s) => {
            eprintln!(
                "diff: {} changes found (--fail-on {})",
                s.as_str(),
                s.as_str()
            );
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

/// The text of `path` at git revision `rev`, read with `git show` from the file's folder.
fn git_show(rev: &str, path: &str) -> Result<String, String> {
    let file = Path::new(path);
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = file
        .file_name()
        .ok_or_else(|| format!("{path} is not a file name"))?
        .to_string_lossy();
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git (needed by --base): {e}"))
    };
    let inside = git(&["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() {
        return Err(format!(
            "{path} is not inside a git repository, so --base {rev} has nothing to read; compare two files instead: diff OLD NEW"
        ));
    }
    let shown = git(&["show", &format!("{rev}:./{name}")])?;
    if !shown.status.success() {
        let why = String::from_utf8_lossy(&shown.stderr);
        return Err(format!(
            "cannot read {path} at revision {rev}: {}",
            why.trim().trim_start_matches("fatal: ")
        ));
    }
    String::from_utf8(shown.stdout).map_err(|_| format!("{path} at {rev} is not UTF-8"))
}
