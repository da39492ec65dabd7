//! Normalises an OpenAPI 3.1 (or sloppy 3.0) document onto the 3.0 model openapiv3 reads: a set
//! of named rewrites over one walk ([`walk`]), then one pass over the `$ref`s ([`refs`]).
//!
//! # Order
//!
//! 1. Document: `drop_webhooks` (warns: the SDK sends requests, it does not serve), then
//!    `default_paths` (3.1 makes `paths` optional).
//! 2. The walk visits every position: path items, operations, parameters, request bodies,
//!    responses, headers, media types, and schemas with the keywords inside them. Each
//!    position's rewrites run in the order listed, before its children are walked (so the walk
//!    goes on into what a rewrite made); a node that is, or became, a plain `$ref` is left
//!    alone by the rest of the list.
//!    - operation ([`objects::OPERATION`]): `drop_callbacks` (warns), `default_responses`;
//!    - parameter ([`objects::PARAMETER`]): `ref_only`, `path_required` (warns when `required`
//!      said otherwise), `default_schema` (warns);
//!    - request body: `ref_only`; response: `ref_only`, `default_description`, `drop_links`;
//!      header: `ref_only`, `default_schema`; media type: `drop_encoding` (warns);
//!    - schema: `object_schema`, then [`schema::REWRITES`] in their order: `ref_siblings`,
//!      `type_list`, `null_type`, `unknown_type`, `const_to_enum`, `exclusive_bounds`,
//!      `examples_to_example`, `required_list`, `discriminator_name`, `enum_nulls`,
//!      `enum_types`, `tuple_items`, `null_branches`, `all_of_siblings`,
//!      `unsupported_keywords`. Each is documented where it is defined.
//! 3. `$ref`s ([`refs`]): after this every `$ref` at a position points at
//!    `#/components/<section>/<name>`. A reference to anywhere else has its target hoisted into
//!    that section under a name made from the target's pointer; path items, which the model
//!    cannot keep in `components`, are copied into place. External, dangling and cyclic
//!    references are errors.
//!
//! Every repair or drop that changes what the document means warns, naming the JSON pointer in
//! the user's file (the walk keeps each node's origin, even when a rewrite moves it).
//!
//! # Silent by design
//!
//! These change nothing the SDK generates, so they are not reported:
//! - keywords beside a `$ref` in a parameter, request body, response or header (3.1 allows only
//!   `summary` and `description`, which override documentation; anything else is ignored by
//!   the specification itself), and `x-` extensions or `summary` beside a schema `$ref`;
//! - `links` on responses and a missing response `description` (documentation only);
//! - `examples` beyond the first, and `examples` that is not a list (documentation only);
//! - a response header without `schema` typed as a string (the SDK does not read response
//!   headers);
//! - `contains` and `propertyNames` (they constrain values, like `pattern`; no generated type
//!   depends on them);
//! - a missing `required` on a path parameter (the specification says it is always `true`).

mod objects;
mod refs;
mod schema;
#[cfg(test)]
mod tests;
pub mod walk;

use crate::diag::{pointer_join, Diagnostic};
use serde_json::{Map, Value};
use walk::{Kind, Origins, Visitor};

/// A normalised document.
#[derive(Debug)]
pub struct Normalized {
    pub doc: Value,
    /// Nodes of `doc` that sit elsewhere in the user's file: (pointer in `doc`, pointer in the
    /// user's file). Deeper nodes follow their nearest listed ancestor.
    pub moves: Vec<(String, String)>,
}

/// Normalises the whole document. Warnings and errors (broken `$ref`s) go to `diags`; on an
/// error the document is returned as far as it got.
pub fn normalize(mut doc: Value, diags: &mut Vec<Diagnostic>) -> Normalized {
    if let Some(root) = doc.as_object_mut() {
        drop_webhooks(root, diags);
        default_paths(root);
    }
    let mut walked = walk::document(&mut doc, &mut Rewriter { warnings: diags });
    refs::resolve(&mut doc, &mut walked, diags);
    Normalized {
        doc,
        moves: walked.moves,
    }
}

fn drop_webhooks(root: &mut Map<String, Value>, diags: &mut Vec<Diagnostic>) {
    if root.remove("webhooks").is_some() {
        diags.push(Diagnostic::warning(
            "/webhooks",
            "webhooks are ignored: the SDK sends requests and does not receive them",
        ));
    }
}

fn default_paths(root: &mut Map<String, Value>) {
    if !root.contains_key("paths") {
        root.insert("paths".into(), Value::Object(Map::new()));
    }
}

/// What a rewrite sees besides the node itself.
pub struct Cx<'a> {
    /// The node's pointer in the user's file.
    pub origin: &'a str,
    /// Where the children a rewrite moves or makes come from.
    pub origins: &'a mut Origins,
    pub warnings: &'a mut Vec<Diagnostic>,
}

impl Cx<'_> {
    /// Warns about the keyword `key` of this node (the node itself when `key` is empty).
    pub fn warn(&mut self, key: &str, message: impl Into<String>) {
        let pointer = if key.is_empty() {
            self.origin.to_owned()
        } else {
            pointer_join(self.origin, &[key])
        };
        self.warnings.push(Diagnostic::warning(pointer, message));
    }
}

/// A named rewrite of one node.
pub type Rewrite = fn(&mut Map<String, Value>, &mut Cx);

/// The rewrites of a kind of position, in the order they run.
fn rewrites(kind: Kind) -> &'static [(&'static str, Rewrite)] {
    match kind {
        Kind::Schema => schema::REWRITES,
        Kind::Operation => objects::OPERATION,
        Kind::Parameter => objects::PARAMETER,
        Kind::RequestBody => objects::REQUEST_BODY,
        Kind::Response => objects::RESPONSE,
        Kind::Header => objects::HEADER,
        Kind::MediaType => objects::MEDIA_TYPE,
        Kind::PathItem => &[],
    }
}

/// `{"$ref": ...}` and nothing else.
fn is_plain_ref(obj: &Map<String, Value>) -> bool {
    obj.len() == 1 && obj.contains_key("$ref")
}

/// Runs each position's rewrites during the walk.
struct Rewriter<'a> {
    warnings: &'a mut Vec<Diagnostic>,
}

impl Visitor for Rewriter<'_> {
    fn visit(&mut self, kind: Kind, node: &mut Value, origin: &str, origins: &mut Origins) {
        let mut cx = Cx {
            origin,
            origins,
            warnings: self.warnings,
        };
        if kind == Kind::Schema {
            schema::object_schema(node, &mut cx);
        }
        let Some(obj) = node.as_object_mut() else {
            return;
        };
        for (_, rewrite) in rewrites(kind) {
            if is_plain_ref(obj) {
                break;
            }
            rewrite(obj, &mut cx);
        }
    }
}
