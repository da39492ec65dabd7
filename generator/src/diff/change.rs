//! The model of a diff: one [`Change`] per finding, the [`Report`] that gathers them, and
//! the verdict ([`Bump`]) that follows from their severities.

use serde::Serialize;

/// How a change affects the users of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Code that compiled against the old crate may not compile, or a request it sends or a
    /// response it receives may no longer be valid: a major bump.
    Breaking,
    /// New API (a type, a field, a variant, a setter, an operation) and nothing broken: a
    /// minor bump.
    Additive,
    /// Nothing added or broken, but the crate or the wire contract changed (documentation,
    /// checks that accept more, declared error statuses): a patch bump.
    Compatible,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Additive => "additive",
            Severity::Compatible => "compatible",
        }
    }
}

/// Which way the touched data flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// Sent by the client: parameters, bodies and the types reachable from them.
    Request,
    /// Received by the client: responses and the types reachable from them.
    Response,
    /// Both, or neither (an operation as a whole, a type no operation uses).
    Both,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Request => "request",
            Side::Response => "response",
            Side::Both => "both",
        }
    }

    pub fn has_request(self) -> bool {
        self != Side::Response
    }

    pub fn has_response(self) -> bool {
        self != Side::Request
    }
}

/// The version bump a set of changes calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    fn of(severity: Severity) -> Bump {
        match severity {
            Severity::Breaking => Bump::Major,
            Severity::Additive => Bump::Minor,
            Severity::Compatible => Bump::Patch,
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub severity: Severity,
    pub side: Side,
    /// The Rust item it touches (`boltz_api::models::Workspace::name`).
    pub rust_item: String,
    /// Where it is in the old spec (JSON pointer), when it is there.
    pub old_pointer: Option<String>,
    /// Where it is in the new spec, when it is there.
    pub new_pointer: Option<String>,
    /// One line: what changed and why it has this severity.
    pub message: String,
    /// The rule's stable id (`response-field-removed`); see [`super::RULES`].
    pub kind: &'static str,
}

/// Everything `diff` found, with the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub bump: Bump,
    pub changes: Vec<Change>,
}

impl Report {
    /// Sorts the changes (most severe first, then by item) and takes the verdict: the bump
    /// of the most severe change; `none` when there is no change.
    pub fn new(mut changes: Vec<Change>) -> Report {
        changes.sort_by(|a, b| {
            (
                a.severity,
                &a.rust_item,
                a.kind,
                &a.old_pointer,
                &a.new_pointer,
                &a.message,
            )
                .cmp(&(
                    b.severity,
                    &b.rust_item,
                    b.kind,
                    &b.old_pointer,
                    &b.new_pointer,
                    &b.message,
                ))
        });
        changes.dedup();
        let bump = changes
            .iter()
            .map(|c| Bump::of(c.severity))
            .max()
            .unwrap_or(Bump::None);
        Report { bump, changes }
    }

    /// How many changes have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.changes
            .iter()
            .filter(|c| c.severity == severity)
            .count()
    }

    /// Whether a change of `severity` or worse exists.
    pub fn has_at_least(&self, severity: Severity) -> bool {
        self.changes.iter().any(|c| c.severity <= severity)
    }

    /// The rule ids found, sorted and without repeats.
    pub fn kinds(&self) -> Vec<&'static str> {
        let mut kinds: Vec<&'static str> = self.changes.iter().map(|c| c.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds
    }
}
