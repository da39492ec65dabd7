//! Resolution of local `$ref`s to anything in the document: parameters, request bodies,
//! responses, headers and schemas, in `components` or elsewhere (`#/paths/...`).

use super::Lowerer;
use crate::diag::Diagnostic;
use openapiv3::ReferenceOr;
use serde::de::DeserializeOwned;

/// Longest chain of references to references followed before calling it a cycle.
const MAX_HOPS: usize = 32;

impl<'a> Lowerer<'a> {
    /// Resolves `r` to an owned item, following chains of references.
    pub fn resolve<T: DeserializeOwned + Clone>(
        &mut self,
        r: &ReferenceOr<T>,
        at: &str,
    ) -> Option<(T, String)> {
        let mut reference = match r {
            ReferenceOr::Item(item) => return Some((item.clone(), at.to_owned())),
            ReferenceOr::Reference { reference } => reference.clone(),
        };
        for _ in 0..MAX_HOPS {
            let target = self.pointer_target(&reference, at)?;
            match target.get("$ref").and_then(serde_json::Value::as_str) {
                Some(next) => reference = next.to_owned(),
                None => {
                    let pointer = reference.trim_start_matches('#').to_owned();
                    return match serde_json::from_value::<T>(target.clone()) {
                        Ok(item) => Some((item, pointer)),
                        Err(e) => {
                            self.error(Diagnostic::error(
                                pointer,
                                format!("`$ref` target `{reference}` has the wrong shape: {e}"),
                            ));
                            None
                        }
                    };
                }
            }
        }
        self.error(
            Diagnostic::error(
                at,
                format!("`$ref` chain starting at `{reference}` is cyclic"),
            )
            .with_help("make one of the references point at a definition"),
        );
        None
    }

    /// The JSON value a local reference points at, or a diagnostic.
    pub fn pointer_target(&mut self, reference: &str, at: &str) -> Option<&'a serde_json::Value> {
        let spec = self.spec;
        let Some(pointer) = reference.strip_prefix('#') else {
            self.error(
                Diagnostic::error(
                    at,
                    format!("external `$ref` `{reference}` is not supported"),
                )
                .with_help(
                    "bundle the spec into one document first (for example `redocly bundle`)",
                ),
            );
            return None;
        };
        let decoded = percent_decode(pointer);
        if spec.raw.pointer(&decoded).is_none() {
            self.error(
                Diagnostic::error(at, format!("`$ref` `{reference}` points at nothing"))
                    .with_help("fix the reference or add the missing definition"),
            );
            return None;
        }
        spec.raw.pointer(&decoded)
    }
}

/// `$ref` values are URI fragments: `%7B` may stand for `{` in path keys.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| s.to_owned())
}
