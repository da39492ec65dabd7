//! The report as text (grouped by severity, the verdict first), as a markdown pull-request
//! comment (a summary table, then the details) or as JSON (the stable format of
//! `docs/diff.md`).

use super::change::{Change, Report, Severity};
use serde::Serialize;

const SEVERITIES: [Severity; 3] = [Severity::Breaking, Severity::Additive, Severity::Compatible];

fn summary(r: &Report) -> String {
    format!(
        "{} breaking, {} additive, {} compatible",
        r.count(Severity::Breaking),
        r.count(Severity::Additive),
        r.count(Severity::Compatible)
    )
}

fn pointer(p: &Option<String>) -> &str {
    match p.as_deref() {
        None => "-",
        Some("") => "(root)",
        Some(p) => p,
    }
}

pub fn text(r: &Report) -> String {
    let mut out = format!("verdict: {} ({})\n", r.bump.as_str(), summary(r));
    for s in SEVERITIES {
        let group: Vec<&Change> = r.changes.iter().filter(|c| c.severity == s).collect();
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{} ({}):\n", s.as_str(), group.len()));
        for c in group {
            out.push_str(&format!(
                "  {} [{}, {}]\n    {}\n    old: {}  new: {}\n",
                c.rust_item,
                c.kind,
                c.side.as_str(),
                c.message,
                pointer(&c.old_pointer),
                pointer(&c.new_pointer)
            ));
        }
    }
    out
}

fn md_pointer(p: &Option<String>) -> String {
    match p {
        None => "—".to_owned(),
        Some(_) => format!("`{}`", pointer(p)),
    }
}

/// Markdown text in a table cell or list item: pipes escaped, kept on one line.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn markdown(r: &Report) -> String {
    let mut out = format!("### API diff: `{}`\n\n", r.bump.as_str());
    out.push_str("| severity | changes |\n|---|---:|\n");
    for s in SEVERITIES {
        out.push_str(&format!("| {} | {} |\n", s.as_str(), r.count(s)));
    }
    out.push_str(&format!("| **verdict** | **{}** |\n", r.bump.as_str()));
    for s in SEVERITIES {
        let group: Vec<&Change> = r.changes.iter().filter(|c| c.severity == s).collect();
        if group.is_empty() {
            continue;
        }
        let mut title = s.as_str().to_owned();
        title[..1].make_ascii_uppercase();
        out.push_str(&format!("\n#### {title} ({})\n\n", group.len()));
        for c in group {
            out.push_str(&format!(
                "- `{}` ({}, `{}`): {}<br>old {} · new {}\n",
                c.rust_item,
                c.side.as_str(),
                c.kind,
                cell(&c.message),
                md_pointer(&c.old_pointer),
                md_pointer(&c.new_pointer)
            ));
        }
    }
    out
}

/// The JSON document: `{"format": 1, "bump", "counts", "changes": [..]}`.
#[derive(Serialize)]
struct Json<'a> {
    format: u32,
    bump: super::Bump,
    counts: Counts,
    changes: &'a [Change],
}

#[derive(Serialize)]
struct Counts {
    breaking: usize,
    additive: usize,
    compatible: usize,
}

pub fn json(r: &Report) -> String {
    let doc = Json {
        format: 1,
        bump: r.bump,
        counts: Counts {
            breaking: r.count(Severity::Breaking),
            additive: r.count(Severity::Additive),
            compatible: r.count(Severity::Compatible),
        },
        changes: &r.changes,
    };
    let mut text =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
