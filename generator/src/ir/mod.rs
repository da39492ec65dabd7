//! The intermediate representation: what the SDK contains, with every name and type decided.
//!
//! Lowering (`lower`) builds it from the spec; emission (`emit`) only reads it. Types live in
//! an arena indexed by [`TypeId`]; operations refer to them.

mod operation;

use std::collections::BTreeMap;

mod cli;
pub use cli::*;

/// Index of a named type in [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// A reference to a type, as it appears in a field, parameter or response.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Bool,
    Int(IntKind),
    /// A JSON number that need not be whole: always `f64`, `format: float` included, since
    /// servers send more digits than an `f32` keeps (`0.00743999984115362`).
    Float,
    String,
    /// A secret string (`format: password`): redacted in Debug and Display.
    Secret,
    DateTime,
    Date,
    /// Raw bytes (octet-stream bodies, `format: binary` parts).
    Bytes,
    /// Any JSON value: the fallback for what cannot be typed faithfully.
    Json,
    Named(TypeId),
    Vec(Box<Ty>),
    Map(Box<Ty>),
    Option(Box<Ty>),
    /// Boxed to break a cycle of by-value containment.
    Boxed(Box<Ty>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntKind {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
}

/// Documentation carried from the spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub summary: Option<String>,
    pub description: Option<String>,
    /// Extra lines the generator adds (default values, allowed values, constraints).
    pub notes: Vec<String>,
}

impl Doc {
    /// No summary or description with any text (`description: ""` counts as none).
    pub fn is_blank(&self) -> bool {
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|t| t.trim().is_empty());
        blank(&self.summary) && blank(&self.description)
    }
}

/// Checks a value must pass before a request is sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }

    /// Keeps only the constraints the runtime can check on a value of `ty`: lengths on
    /// strings, item counts on lists, bounds on numbers (each also through `Option`).
    pub fn fit(self, ty: &Ty) -> Constraints {
        let mut base = ty;
        while let Ty::Option(inner) = base {
            base = inner;
        }
        let text = matches!(base, Ty::String | Ty::Secret);
        let list = matches!(base, Ty::Vec(_));
        let number = matches!(base, Ty::Int(_) | Ty::Float);
        Constraints {
            min_length: self.min_length.filter(|_| text),
            max_length: self.max_length.filter(|_| text),
            minimum: self.minimum.filter(|_| number),
            maximum: self.maximum.filter(|_| number),
            exclusive_minimum: self.exclusive_minimum && number,
            exclusive_maximum: self.exclusive_maximum && number,
            min_items: self.min_items.filter(|_| list),
            max_items: self.max_items.filter(|_| list),
        }
    }
}

/// A numeric bound, kept as the spec wrote it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Int(i128),
    Float(f64),
}

/// How a struct field is present on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always present, never null: `T`.
    Required,
    /// May be absent, never null: `Option<T>`, omitted when `None`.
    Optional,
    /// Always present, may be null: `Option<T>`, serialised as `null` when `None`.
    RequiredNullable,
    /// May be absent or null, and the difference matters (requests): `Option<Option<T>>`.
    OptionalNullable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub rust_name: String,
    pub wire_name: String,
    pub ty: Ty,
    pub presence: Presence,
    pub doc: Doc,
    pub deprecated: bool,
    /// The single allowed value of a `const` field; the SDK fills it in.
    pub constant: Option<serde_json::Value>,
    pub constraints: Constraints,
    /// Whether the value's own type carries checks ([`TypeDef::validates`]) to run before
    /// sending (filled by a pass).
    pub validates_inner: bool,
    /// For an optional field of a type a request can carry: the builder-style setter of the
    /// struct (`Params::new(..).field(value)`), named apart from `new` (filled by a pass).
    pub setter: Option<String>,
    /// The schema's `default`, as the spec wrote it (read by `diff`).
    pub default: Option<serde_json::Value>,
    /// JSON pointer of the property's schema (read by `diff`).
    pub pointer: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub rust_name: String,
    pub wire_value: String,
}

/// One branch of a `oneOf`/`anyOf`.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub rust_name: String,
    pub ty: Ty,
    /// Discriminator values selecting this branch.
    pub tags: Vec<String>,
    /// The property names (as sent) the branch declares when it is an object (filled by
    /// `marks::union_keys`): without a discriminator, the branch that declares the most of
    /// an object's keys is tried first.
    pub keys: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct {
        fields: Vec<Field>,
        /// `additionalProperties` beside named properties: a flattened map.
        extra: Option<Ty>,
    },
    /// A string enum with a fallback variant keeping unknown values.
    Enum {
        variants: Vec<Variant>,
        /// Name of the variant holding unknown values (`Unknown`, unless a value took it).
        fallback: String,
    },
    /// `oneOf`/`anyOf`: tagged by a discriminator property when there is one, untagged
    /// otherwise; always with a fallback variant keeping unknown shapes.
    Union {
        variants: Vec<UnionVariant>,
        discriminator: Option<String>,
        /// Name of the variant holding unknown shapes.
        fallback: String,
    },
    /// A named alias of another type (`type Name = Vec<Item>;`).
    Alias(Ty),
    /// A transparent wrapper (`struct Name(pub Vec<Name>);`): an alias that refers to itself,
    /// which a Rust type alias cannot.
    Newtype(Ty),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub doc: Doc,
    pub deprecated: bool,
    /// JSON pointer of the schema it came from.
    pub pointer: String,
    pub kind: TypeKind,
    /// Output module (file) under `models/`.
    pub module: String,
    /// Whether the type carries checks to run before sending (filled by a pass): only types
    /// reachable from a request do.
    pub validates: bool,
    /// Whether the type's definition refers to something deprecated (a deprecated field or
    /// type), so its impls must allow the lint (filled by a pass).
    pub uses_deprecated: bool,
    /// Whether every value inside allows `Eq` and `Hash` (no floats, no free-form JSON, no
    /// secrets), so the type derives them (filled by a pass).
    pub eq_hash: bool,
    /// Associated constants and named constructors the spec asks for (`x-sdk-constants`,
    /// `x-sdk-constructors`).
    pub helpers: Vec<Helper>,
}

/// An item a spec's `x-sdk-*` extensions add to a struct.
#[derive(Debug, Clone, PartialEq)]
pub enum Helper {
    /// `pub const NAME: <type of field> = value;`
    Constant {
        rust_name: String,
        /// Index of the field whose type the constant has.
        field: usize,
        value: serde_json::Value,
        doc: Doc,
    },
    /// `pub fn name(<the other required fields>) -> Self`, with the enum field `field` set to
    /// `variant`.
    Constructor {
        rust_name: String,
        field: usize,
        /// The variant (of the field's enum type) the constructor sets.
        variant: String,
        wire_value: String,
    },
}

pub use operation::*;

/// A node of the resource tree (`client.admin().workspaces()`).
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// Snake-case segments from the root (`["admin", "workspaces"]`); empty for the root.
    pub path: Vec<String>,
    pub struct_name: String,
    /// Accessor method on the parent.
    pub accessor: String,
    pub module: String,
    pub doc: Doc,
    /// The resource whose accessor leads here (none for the root).
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub operations: Vec<usize>,
    /// The cargo feature that gates it: its top-level resource's; for the root, `root` when
    /// operations hang from it.
    pub feature: Option<String>,
}

/// One file of `models/`: its types (sorted by name) and the feature that gates it, if only
/// one top-level resource uses them.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelFile {
    pub module: String,
    /// The features that build this file.
    pub gate: Gate,
    pub types: Vec<TypeId>,
    /// The paged operations, one per page type, whose page type this file defines: each
    /// gives the type its `Paged` impl.
    pub pages: Vec<usize>,
}

/// When a models file is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    Always,
    /// When any of these features is on (a resource's file, or types resources share).
    Any(Vec<String>),
    /// When every one of these features is on (types no operation uses, which may name
    /// types of every resource).
    All(Vec<String>),
}

impl Gate {
    /// A resource's gate: its feature, or always for the root's.
    pub fn of_feature(feature: Option<&String>) -> Gate {
        feature.map_or(Gate::Always, |f| Gate::Any(vec![f.clone()]))
    }

    /// Whether every build in which all of `on` are enabled builds this file.
    pub fn holds_with(&self, on: &[String]) -> bool {
        match self {
            Gate::Always => true,
            Gate::Any(fs) => fs.iter().any(|f| on.contains(f)),
            Gate::All(fs) => fs.iter().all(|f| on.contains(f)),
        }
    }

    /// Whether every build of `self` also builds `other`.
    pub fn implies(&self, other: &Gate) -> bool {
        match self {
            Gate::Always => other.holds_with(&[]),
            Gate::Any(fs) => {
                !fs.is_empty() && fs.iter().all(|f| other.holds_with(std::slice::from_ref(f)))
            }
            Gate::All(fs) => other.holds_with(fs),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Auth {
    /// An API key in a header.
    Header(String),
    /// An API key in a query parameter.
    Query(String),
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// `Authorization: Basic <key>`, the key being `user:password`.
    Basic,
}

/// Settings of the generated client.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientConfig {
    pub crate_name: String,
    pub crate_version: String,
    /// `None`: the runtime is vendored into `src/runtime/`. `Some(dir)`: the crate depends
    /// on the `codegen-runtime` crate at `dir` and defines its own `Client` around the
    /// runtime's (inherent methods cannot be added to another crate's type).
    pub runtime_path: Option<String>,
    pub title: String,
    pub doc: Doc,
    pub base_url: String,
    /// Prefix of the environment variables (`BOLTZ` for `BOLTZ_API_KEY`).
    pub env_prefix: String,
    pub auth: Option<Auth>,
    /// Known key prefixes, with (kind, mode) as the spec writes them.
    pub key_prefixes: BTreeMap<String, (String, String)>,
    /// The key kinds and modes named by `key_prefixes`, as enum variants (`KeyKind`,
    /// `KeyMode`); empty when the spec documents no prefixes.
    pub key_kinds: Vec<Variant>,
    pub key_modes: Vec<Variant>,
    /// The header the API reads an idempotency key from (`x-sdk: {idempotency-header}`).
    pub idempotency_header: Option<String>,
}

/// Optional parts of the runtime and dependencies the generated crate needs (filled by a
/// pass), so its Cargo.toml carries only what it uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Features {
    /// A `multipart/form-data` body: reqwest's `multipart` feature.
    pub multipart: bool,
    /// One cargo feature per top-level resource, in order.
    pub resources: Vec<String>,
    /// The resource features with a multipart body among their operations: each enables
    /// `multipart`, so a crate with that resource alone compiles.
    pub multipart_resources: Vec<String>,
    /// Whether the default features enable every resource (all but the largest specs).
    pub default_all: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Api {
    pub config: ClientConfig,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// `resources[0]` is the root (the client itself).
    pub resources: Vec<Resource>,
    /// The files of `models/`, sorted by name.
    pub model_files: Vec<ModelFile>,
    pub features: Features,
    /// The command line generated beside the SDK (filled by the `cli` pass).
    pub cli: Cli,
}

impl Field {
    /// A field with nothing but its names, type and presence set (passes fill the rest).
    pub fn new(rust_name: &str, wire_name: &str, ty: Ty, presence: Presence) -> Field {
        Field {
            rust_name: rust_name.to_owned(),
            wire_name: wire_name.to_owned(),
            ty,
            presence,
            doc: Doc::default(),
            deprecated: false,
            constant: None,
            constraints: Constraints::default(),
            validates_inner: false,
            setter: None,
            default: None,
            pointer: String::new(),
        }
    }
}

impl TypeDef {
    /// A type with its name, pointer and kind set (passes fill the rest).
    pub fn new(name: &str, pointer: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            doc: Doc::default(),
            deprecated: false,
            pointer: pointer.to_owned(),
            kind,
            module: String::new(),
            validates: false,
            uses_deprecated: false,
            eq_hash: false,
            helpers: Vec::new(),
        }
    }
}

impl Api {
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The fields of an operation's flattened body struct.
    pub fn body_fields(&self, op: &Operation) -> &[Field] {
        let id = op.body.as_ref().and_then(|b| b.flatten);
        match id.map(|id| &self.ty(id).kind) {
            Some(TypeKind::Struct { fields, .. }) => fields,
            _ => &[],
        }
    }
}
