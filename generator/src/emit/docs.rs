//! Rustdoc from the spec's descriptions: `#[doc]` attributes made safe for rustdoc.

use crate::ir::Doc;
use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for a doc, with a fallback line when the spec says nothing.
pub(crate) fn doc_attrs(doc: &Doc, fallback: &str) -> TokenStream {
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
    doc_lines(&paragraphs.join("\n\n"))
}

/// `#[doc]` attributes for text, made safe for rustdoc: code fences are marked `text` (so
/// doctests never run spec prose) and indentation that would start a code block is removed.
pub(crate) fn doc_lines(text: &str) -> TokenStream {
    safe_doc_lines(text)
        .into_iter()
        .map(|l| quote!(#[doc = #l]))
        .collect()
}

/// `#![doc]` attributes (module and crate docs) for text, made safe like [`doc_lines`].
pub(crate) fn inner_doc_lines(text: &str) -> TokenStream {
    safe_doc_lines(text)
        .into_iter()
        .map(|l| quote!(#![doc = #l]))
        .collect()
}

/// `#![doc]` attributes for the generator's own text, kept as written (its examples are
/// meant to be compiled as doctests).
pub(crate) fn inner_doc_lines_verbatim(text: &str) -> TokenStream {
    text.lines()
        .map(|l| {
            let l = if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            };
            quote!(#![doc = #l])
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
            trimmed.trim_end().to_owned()
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
