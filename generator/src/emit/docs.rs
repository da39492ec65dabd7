//! Rustdoc from the spec's descriptions: `#[doc]` attributes made safe for rustdoc.

use super::deferred::doc_block;
use crate::ir::Doc;
use proc_macro2::TokenStream;

/// `#[doc]` attributes for a doc, with a fallback line when the spec says nothing.
pub(crate) fn doc_attrs(doc: &Doc, fallback: &str) -> TokenStream {
    doc_block(doc_text(doc, fallback), false)
}

/// The lines of [`doc_attrs`] (each ` text`, or empty).
pub(crate) fn doc_text(doc: &Doc, fallback: &str) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(s) = &doc.summary {
        paragraphs.push(s.trim().to_owned());
    }
    if let Some(d) = &doc.description {
        let d = d.trim();
        if !d.is_empty() && Some(d) != doc.summary.as_deref().map(str::trim) {
            paragraphs.push(d.to_owned());
        }
    }
    if paragraphs.iter().all(|p| p.is_empty()) {
        paragraphs.clear();
        if !fallback.is_empty() {
            paragraphs.push(fallback.to_owned());
        }
    }
    paragraphs.extend(doc.notes.iter().cloned());
    safe_doc_lines(&paragraphs.join("\n\n"))
}

/// `#![doc]` attributes (module and crate docs) for text, made safe for rustdoc: code fences are
/// marked `text` (so doctests never run spec prose) and indentation that would start a code
/// block is removed.
pub(crate) fn inner_doc_lines(text: &str) -> TokenStream {
    doc_block(safe_doc_lines(text), true)
}

/// `#![doc]` attributes for the generator's own text, kept as written (its examples are
/// meant to be compiled as doctests).
pub(crate) fn inner_doc_lines_verbatim(text: &str) -> TokenStream {
    doc_block(verbatim_lines(text), true)
}

/// Each line of the generator's own text as a doc line (a space after `///`).
pub(crate) fn verbatim_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        })
        .collect()
}

fn safe_doc_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let line = if trimmed.starts_with("```") {
            in_fence = !in_fence;
            if in_fence { "```text" } else { "```" }.to_owned()
        } else if in_fence {
            line.trim_end().to_owned()
        } else {
            escape_prose(trimmed.trim_end())
        };
        out.push(if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        });
    }
    if in_fence {
        out.push(" ```".to_owned());
    }
    out
}

/// Spec prose made safe for rustdoc's lints, outside inline code: `<` and `>` become
/// entities (no stray HTML), brackets are escaped unless they form an inline link
/// `[text](url)` (no broken intra-doc links), and bare URLs become autolinks `<url>`.
fn escape_prose(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let ticks = line.matches('`').count();
    // Found over the whole line, so that a link's text may hold a code span.
    let keep = link_brackets(line);
    let mut at = 0;
    for (i, part) in line.split('`').enumerate() {
        if i > 0 {
            out.push('`');
            at += 1;
        }
        let len = part.chars().count();
        // Odd parts are inside a code span when a backtick closes them.
        if i % 2 == 1 && i < ticks {
            out.push_str(part);
        } else {
            out.push_str(&escape_text(part, &keep[at..at + len]));
        }
        at += len;
    }
    out
}

/// Per char of `line`: whether it is a bracket of an inline link `[..](` (the opening one
/// and its closing one), which stays unescaped.
fn link_brackets(line: &str) -> Vec<bool> {
    let chars: Vec<char> = line.chars().collect();
    let mut keep = vec![false; chars.len()];
    for (i, &c) in chars.iter().enumerate() {
        if c != '[' {
            continue;
        }
        if let Some(close) = chars[i..].iter().position(|&c| c == ']').map(|p| p + i) {
            if chars.get(close + 1) == Some(&'(') && !chars[i + 1..close].contains(&'[') {
                keep[i] = true;
                keep[close] = true;
            }
        }
    }
    keep
}

/// Escapes one stretch of prose outside code spans; `keep` marks its link brackets.
fn escape_text(text: &str, keep: &[bool]) -> String {
    // Most prose has nothing to escape.
    if !text.contains(['<', '>', '[', ']']) && !text.contains("http") {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let starts = |p: &str| chars[i..].iter().take(p.len()).copied().eq(p.chars());
        // A link's target stays as is only when its `](` was kept; a URL after an escaped
        // `\](` (the link's text began on another line or across a code span) is linked
        // on its own, or rustdoc would call it a bare URL.
        let link_target = i > 1 && chars[i - 1] == '(' && chars[i - 2] == ']' && keep[i - 2];
        if (starts("http://") || starts("https://")) && !link_target {
            let end = chars[i..]
                .iter()
                .position(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
                .map_or(chars.len(), |p| p + i);
            let mut url: String = chars[i..end].iter().collect();
            // Trailing punctuation belongs to the sentence.
            let mut tail = String::new();
            while url.ends_with(['.', ',', ';', ':', ')', ']', '!', '?', '\'']) {
                tail.insert(0, url.pop().unwrap_or(' '));
            }
            out.push('<');
            out.push_str(&url);
            out.push('>');
            out.push_str(&escape_text(&tail, &vec![false; tail.chars().count()]));
            i = end;
            continue;
        }
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' | ']' if !keep[i] => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_prose;

    #[test]
    fn prose_is_made_safe_for_rustdoc() {
        let rows = [
            ("See https://example.com/x.", "See <https://example.com/x>."),
            (
                "A [link](https://a.b/c) stays",
                "A [link](https://a.b/c) stays",
            ),
            ("Use [Foo] or [1]", "Use \\[Foo\\] or \\[1\\]"),
            ("a <b>bold</b> tag", "a &lt;b&gt;bold&lt;/b&gt; tag"),
            ("code `<T>` and [x] `[y]`", "code `<T>` and \\[x\\] `[y]`"),
            ("plain text", "plain text"),
            // The link's text began on the line before: the target is linked on its own.
            (
                "labels](https://a.b/c) are on.",
                "labels\\](<https://a.b/c>) are on.",
            ),
            // A code span inside the link's text.
            (
                "See the [`csv file`](https://a.b/c.csv) for all.",
                "See the [`csv file`](https://a.b/c.csv) for all.",
            ),
            (
                "[![Run](https://a.b/i.svg)](https://a.b/run)",
                "\\[![Run](https://a.b/i.svg)\\](<https://a.b/run>)",
            ),
        ];
        for (input, expected) in rows {
            assert_eq!(escape_prose(input), expected, "{input}");
        }
    }
}
