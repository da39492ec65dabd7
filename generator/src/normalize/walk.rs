//! The one walk over a document. It knows where schemas sit (components, parameters, media
//! types, headers, and the keywords inside schemas), so a property *named* `const` or `type` is
//! never taken for a keyword.
//!
//! Each position is handed to a [`Visitor`] before its children are walked, so a rewrite may
//! reshape a node and the walk goes on into the reshaped children. Every position keeps two
//! pointers: where it is now and where it was in the user's file (its origin), so warnings
//! name the user's node and `$ref`s written against the user's layout can still be resolved.

use crate::diag::pointer_join;
use serde_json::{Map, Value};

/// The HTTP methods of a path item, in the order they are walked.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The kinds `components` holds, in the order their sections are walked.
pub const SECTIONS: [Kind; 6] = [
    Kind::Schema,
    Kind::Parameter,
    Kind::RequestBody,
    Kind::Response,
    Kind::Header,
    Kind::PathItem,
];

/// What a position in the document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    Header,
    MediaType,
    Schema,
}

impl Kind {
    /// The `components` section that holds reusable objects of this kind.
    pub fn section(self) -> Option<&'static str> {
        match self {
            Kind::Schema => Some("schemas"),
            Kind::Parameter => Some("parameters"),
            Kind::RequestBody => Some("requestBodies"),
            Kind::Response => Some("responses"),
            Kind::Header => Some("headers"),
            Kind::PathItem => Some("pathItems"),
            Kind::Operation | Kind::MediaType => None,
        }
    }

    /// The kind whose objects a `components` section holds.
    pub fn of_section(section: &str) -> Option<Kind> {
        SECTIONS.into_iter().find(|k| k.section() == Some(section))
    }

    /// The kind, as said in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::PathItem => "path item",
            Kind::Operation => "operation",
            Kind::Parameter => "parameter",
            Kind::RequestBody => "request body",
            Kind::Response => "response",
            Kind::Header => "header",
            Kind::MediaType => "media type",
            Kind::Schema => "schema",
        }
    }
}

/// Where a node came from in the user's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// JSON pointer into the user's file (for a node the normaliser made: the node it was made
    /// from).
    pub pointer: String,
    /// Whether a `$ref` may point at the node by `pointer` (false for nodes the normaliser made).
    pub target: bool,
}

impl Origin {
    pub fn user(pointer: String) -> Self {
        Origin {
            pointer,
            target: true,
        }
    }

    /// A node the normaliser made (or moved) from the node at `pointer`.
    pub fn made_from(pointer: &str) -> Self {
        Origin {
            pointer: pointer.to_owned(),
            target: false,
        }
    }
}

/// The origins of the children a rewrite moved or made; children not listed come from where
/// they are now, relative to their parent's origin.
#[derive(Debug, Default)]
pub struct Origins {
    /// Array keyword (`allOf`, `oneOf`, `anyOf`) -> the origin of each member, by index.
    lists: Vec<(&'static str, Vec<Origin>)>,
    /// Single-schema keyword (`items`) -> its origin.
    single: Vec<(&'static str, Origin)>,
}

impl Origins {
    /// The origins of the members of the array `key` of `obj` (a node at `origin`), to be kept
    /// in step with the array while a rewrite inserts or removes members.
    pub fn list(
        &mut self,
        key: &'static str,
        obj: &Map<String, Value>,
        origin: &str,
    ) -> &mut Vec<Origin> {
        let at = match self.lists.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                let len = obj.get(key).and_then(Value::as_array).map_or(0, Vec::len);
                let members = (0..len)
                    .map(|i| Origin::user(format!("{origin}/{key}/{i}")))
                    .collect();
                self.lists.push((key, members));
                self.lists.len() - 1
            }
        };
        &mut self.lists[at].1
    }

    /// Records where the single child `key` came from.
    pub fn set(&mut self, key: &'static str, origin: Origin) {
        self.single.retain(|(k, _)| *k != key);
        self.single.push((key, origin));
    }

    /// The recorded origin of member `index` of the array `key`.
    pub fn member(&self, key: &str, index: usize) -> Option<&Origin> {
        let (_, members) = self.lists.iter().find(|(k, _)| *k == key)?;
        members.get(index)
    }

    fn child(&self, key: &str) -> Option<&Origin> {
        self.single.iter().find(|(k, _)| *k == key).map(|(_, o)| o)
    }
}

/// One visited position.
#[derive(Debug, Clone)]
pub struct Position {
    pub kind: Kind,
    /// Where the node is in the normalised document.
    pub at: String,
    pub origin: Origin,
    /// The node's `$ref`, when it is a reference.
    pub reference: Option<String>,
    /// Whether the node is a schema with a discriminator mapping (which may hold `$ref`s).
    pub mapping: bool,
}

/// Sees every position, before its children are walked.
pub trait Visitor {
    /// May rewrite `node` (at `origin` in the user's file). A rewrite that moves or makes
    /// children records their origins in `origins`.
    fn visit(&mut self, kind: Kind, node: &mut Value, origin: &str, origins: &mut Origins);
}

/// What a walk found: every position, and the positions whose origin is not where their
/// parent's origin says (current pointer -> origin), for mapping pointers back to the user's
/// file.
#[derive(Debug, Default)]
pub struct Walked {
    pub positions: Vec<Position>,
    pub moves: Vec<(String, String)>,
}

/// How a kind's children are laid out under it.
#[derive(Clone, Copy)]
enum Child {
    /// `key: node`.
    Key(&'static str),
    /// `key: node`, when the node is an object (`additionalProperties` may be a boolean).
    KeyIfObject(&'static str),
    /// `key: {name: node}`.
    Map(&'static str),
    /// `key: [node]`.
    List(&'static str),
}

fn children(kind: Kind) -> &'static [(Child, Kind)] {
    use Child::*;
    match kind {
        Kind::PathItem => &[(List("parameters"), Kind::Parameter)],
        Kind::Operation => &[
            (List("parameters"), Kind::Parameter),
            (Key("requestBody"), Kind::RequestBody),
            (Map("responses"), Kind::Response),
        ],
        Kind::Parameter | Kind::Header => &[
            (Key("schema"), Kind::Schema),
            (Map("content"), Kind::MediaType),
        ],
        Kind::RequestBody => &[(Map("content"), Kind::MediaType)],
        Kind::Response => &[
            (Map("content"), Kind::MediaType),
            (Map("headers"), Kind::Header),
        ],
        Kind::MediaType => &[(Key("schema"), Kind::Schema)],
        Kind::Schema => &[
            (Map("properties"), Kind::Schema),
            (Key("items"), Kind::Schema),
            (KeyIfObject("additionalProperties"), Kind::Schema),
            (Key("not"), Kind::Schema),
            (Map("$defs"), Kind::Schema),
            (Map("definitions"), Kind::Schema),
            (List("allOf"), Kind::Schema),
            (List("oneOf"), Kind::Schema),
            (List("anyOf"), Kind::Schema),
        ],
    }
}

/// Walks the whole document: paths, then `components` section by section.
pub fn document(doc: &mut Value, visitor: &mut impl Visitor) -> Walked {
    let mut w = Walker {
        visitor,
        out: Walked::default(),
    };
    let Some(root) = doc.as_object_mut() else {
        return w.out;
    };
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            let at = pointer_join("/paths", &[path]);
            w.walk(Kind::PathItem, item, &at, Origin::user(at.clone()), &at);
        }
    }
    if let Some(Value::Object(components)) = root.get_mut("components") {
        for kind in SECTIONS {
            let section = kind.section().unwrap_or_default();
            let Some(Value::Object(entries)) = components.get_mut(section) else {
                continue;
            };
            for (name, v) in entries.iter_mut() {
                let at = pointer_join("/components", &[section, name]);
                w.walk(kind, v, &at, Origin::user(at.clone()), &at);
            }
        }
    }
    w.out
}

struct Walker<'v, V> {
    visitor: &'v mut V,
    out: Walked,
}

impl<V: Visitor> Walker<'_, V> {
    /// Visits the node at `at` (from `origin`; `derived` is the origin its parent implies),
    /// then its children.
    fn walk(&mut self, kind: Kind, node: &mut Value, at: &str, origin: Origin, derived: &str) {
        if origin.pointer != derived {
            self.out.moves.push((at.to_owned(), origin.pointer.clone()));
        }
        let mut origins = Origins::default();
        self.visitor
            .visit(kind, node, &origin.pointer, &mut origins);
        // Only objects `components` can hold may be references.
        let reference = kind
            .section()
            .and_then(|_| node.get("$ref"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let mapping = kind == Kind::Schema
            && node
                .get("discriminator")
                .and_then(|d| d.get("mapping"))
                .is_some();
        self.out.positions.push(Position {
            kind,
            at: at.to_owned(),
            origin: origin.clone(),
            reference,
            mapping,
        });
        let Some(obj) = node.as_object_mut() else {
            return;
        };
        for (child, child_kind) in children(kind) {
            self.children(*child, *child_kind, obj, at, &origin, &origins);
        }
        if kind == Kind::PathItem {
            for method in METHODS {
                if let Some(op) = obj.get_mut(method) {
                    let (at, derived) = (pointer_join(at, &[method]), join(&origin, &[method]));
                    self.walk(
                        Kind::Operation,
                        op,
                        &at,
                        Origin::user(derived.clone()),
                        &derived,
                    );
                }
            }
        }
    }

    fn children(
        &mut self,
        child: Child,
        kind: Kind,
        obj: &mut Map<String, Value>,
        at: &str,
        origin: &Origin,
        origins: &Origins,
    ) {
        match child {
            Child::Key(key) | Child::KeyIfObject(key) => {
                let Some(node) = obj.get_mut(key) else { return };
                if matches!(child, Child::KeyIfObject(_)) && !node.is_object() {
                    return;
                }
                let derived = join(origin, &[key]);
                let from = origins
                    .child(key)
                    .cloned()
                    .unwrap_or_else(|| Origin::user(derived.clone()));
                self.walk(kind, node, &pointer_join(at, &[key]), from, &derived);
            }
            Child::Map(key) => {
                let Some(Value::Object(entries)) = obj.get_mut(key) else {
                    return;
                };
                for (name, node) in entries.iter_mut() {
                    let derived = join(origin, &[key, name]);
                    let from = Origin::user(derived.clone());
                    self.walk(kind, node, &pointer_join(at, &[key, name]), from, &derived);
                }
            }
            Child::List(key) => {
                let Some(Value::Array(items)) = obj.get_mut(key) else {
                    return;
                };
                for (i, node) in items.iter_mut().enumerate() {
                    let index = i.to_string();
                    let derived = join(origin, &[key, &index]);
                    let from = origins
                        .member(key, i)
                        .cloned()
                        .unwrap_or_else(|| Origin::user(derived.clone()));
                    self.walk(kind, node, &format!("{at}/{key}/{i}"), from, &derived);
                }
            }
        }
    }
}

fn join(origin: &Origin, tokens: &[&str]) -> String {
    pointer_join(&origin.pointer, tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Records what it sees; moves `oneOf/1` to the front to show origins at work.
    struct Record(Vec<(Kind, String)>);

    impl Visitor for Record {
        fn visit(&mut self, kind: Kind, node: &mut Value, origin: &str, origins: &mut Origins) {
            self.0.push((kind, origin.to_owned()));
            if let Some(Value::Array(branches)) = node.get_mut("oneOf") {
                branches.swap(0, 1);
                let obj = node.as_object().expect("an object");
                let list = origins.list("oneOf", obj, origin);
                list.swap(0, 1);
            }
        }
    }

    #[test]
    fn every_position_is_visited_with_its_kind_and_origin() {
        let mut doc = json!({"paths": {"/a": {"get": {
            "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "", "headers": {"X": {"schema": {}}},
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/S"}}}}}}}},
            "components": {"schemas": {"S": {"properties": {"type": {"items": {}}},
                "oneOf": [{"title": "a"}, {"title": "b"}]}},
                "examples": {"E": {"value": {"type": "x"}}}}});
        let mut r = Record(Vec::new());
        let walked = document(&mut doc, &mut r);
        let kinds: Vec<Kind> = r.0.iter().map(|(k, _)| *k).collect();
        use Kind::*;
        assert_eq!(
            kinds,
            [
                PathItem, Operation, Parameter, Schema, Response, MediaType, Schema, Header,
                Schema, Schema, Schema, Schema, Schema, Schema
            ]
        );
        let refs: Vec<&str> = walked
            .positions
            .iter()
            .filter_map(|p| p.reference.as_deref())
            .collect();
        assert_eq!(refs, ["#/components/schemas/S"]);
        // After the swap, oneOf/0 holds what the user wrote at oneOf/1.
        let p = walked
            .positions
            .iter()
            .find(|p| p.at == "/components/schemas/S/oneOf/0")
            .unwrap();
        assert_eq!(p.origin.pointer, "/components/schemas/S/oneOf/1");
        assert_eq!(
            walked.moves,
            [
                (
                    "/components/schemas/S/oneOf/0".to_owned(),
                    "/components/schemas/S/oneOf/1".to_owned()
                ),
                (
                    "/components/schemas/S/oneOf/1".to_owned(),
                    "/components/schemas/S/oneOf/0".to_owned()
                )
            ]
        );
    }
}
