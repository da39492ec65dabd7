//! Diagnostics: every problem the generator finds in a spec, with where it is and what to do.
//!
//! A diagnostic names the file, a JSON pointer into the document (RFC 6901), the line when the
//! parser knows it, what is wrong and, where there is one, what to change. Errors stop
//! generation; warnings are reported and generation goes on (unless `--strict`).

use std::fmt;
use std::path::PathBuf;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation goes on; the construct was approximated (usually as `serde_json::Value`).
    Warning,
    /// Generation stops.
    Error,
}

/// One problem in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The spec file, as given on the command line.
    pub file: String,
    /// JSON pointer to the offending node (`""` is the whole document).
    pub pointer: String,
    /// 1-based line, when the parser reported one.
    pub line: Option<usize>,
    pub message: String,
    /// What to change, when there is a clear answer.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: String::new(),
            pointer: pointer.into(),
            line: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(pointer, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    pub fn in_file(mut self, file: &str) -> Self {
        self.file = file.to_owned();
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}", self.message)?;
        write!(f, "\n  --> {}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        let pointer = if self.pointer.is_empty() {
            "(document root)"
        } else {
            &self.pointer
        };
        write!(f, " at {pointer}")?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", render(.0))]
    Spec(Vec<Diagnostic>),
}

impl Error {
    /// The diagnostics behind a spec error (empty for I/O errors).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Spec(d) => d,
            _ => &[],
        }
    }
}

fn render(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes one reference token for a JSON pointer (RFC 6901).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one reference token of a JSON pointer.
pub fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Appends tokens to a JSON pointer.
pub fn pointer_join(base: &str, tokens: &[&str]) -> String {
    let mut out = String::from(base);
    for t in tokens {
        out.push('/');
        out.push_str(&escape_token(t));
    }
    out
}
