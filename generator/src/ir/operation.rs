//! The IR of operations: methods, parameters, bodies, builder inputs, responses, the
//! success type, pagination, and what `diff` reads of declared responses and security.

use super::{Constraints, Doc, Presence, Ty, TypeId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// How a query parameter is serialised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `a=1&a=2` (form, explode).
    FormExploded,
    /// `a=1,2` (form, not exploded).
    FormComma,
    SpaceDelimited,
    PipeDelimited,
    /// `a[x]=1&a[y]=2`.
    DeepObject,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub rust_name: String,
    pub wire_name: String,
    pub location: ParamLocation,
    pub ty: Ty,
    pub required: bool,
    pub style: QueryStyle,
    pub doc: Doc,
    pub deprecated: bool,
    pub constraints: Constraints,
    /// Whether the value's own type carries checks to run before sending (filled by a pass).
    pub validates_inner: bool,
    /// The schema's `default`, as the spec wrote it (read by `diff`).
    pub default: Option<serde_json::Value>,
    /// JSON pointer of the parameter (read by `diff`).
    pub pointer: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`, each property a part.
    Multipart,
    /// Raw bytes with the given content type.
    Bytes,
    Text,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub kind: BodyKind,
    pub content_type: String,
    pub ty: Ty,
    pub required: bool,
    /// When the body is a struct, its fields are set through the builder: required ones
    /// as method arguments, optional ones as setters.
    pub flatten: Option<TypeId>,
    /// Whether the body's type carries checks to run before sending (filled by a pass).
    pub validates: bool,
    /// Every media type the spec declares for the body, in its order (read by `diff`).
    pub media_types: Vec<String>,
    /// JSON pointer of the request body (read by `diff`).
    pub pointer: String,
}

/// Whether a builder input is an argument of the method or a setter of the builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputRole {
    Argument,
    Setter,
}

/// Where a builder input's value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputTarget {
    /// `Operation::params[i]`, stored in the builder under the parameter's `rust_name`.
    Param(usize),
    /// Field `i` of the flattened body struct, stored in `body.<field rust_name>`.
    BodyField(usize),
    /// The whole body, stored in `body`.
    Body,
}

/// How an argument, setter or constructor takes its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// `value: T`.
    Value,
    /// `value: impl Into<String>`.
    IntoString,
    /// `value: impl IntoIterator<Item = impl Into<T>>` for a list of `T`.
    IntoIter,
}

impl Accept {
    /// The rule: strings are taken as `impl Into<String>`, lists as any iterator of values
    /// that convert into their items, everything else as is.
    pub fn for_ty(ty: &Ty) -> Accept {
        match ty {
            Ty::String => Accept::IntoString,
            Ty::Vec(_) => Accept::IntoIter,
            _ => Accept::Value,
        }
    }
}

/// One input of a request builder, with its final name and where its value goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// The argument's or setter's name (unique among the builder's methods and arguments).
    pub rust_name: String,
    pub role: InputRole,
    pub target: InputTarget,
    /// The type the argument or setter takes (`Option<T>` for a required nullable field).
    pub ty: Ty,
    pub accept: Accept,
    /// For an optional nullable body field: the setter that sends an explicit `null`.
    pub null_setter: Option<String>,
    pub doc: Doc,
    pub deprecated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseKind {
    Json,
    Text,
    Bytes,
    /// No body (204, or none declared).
    Empty,
}

/// The status a response is declared for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    Code(u16),
    /// `2XX` and the like: the first digit.
    Range(u16),
    Default,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub kind: ResponseKind,
    pub ty: Option<Ty>,
}

/// What a successful call returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Success {
    One(Response),
    /// Several 2xx statuses with different bodies: a generated enum keyed by status.
    ByStatus {
        type_id: TypeId,
        cases: Vec<(StatusMatch, String, Response)>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum PageStyle {
    /// `after_id`/`before_id` query parameters, `first_id`/`last_id` in the page.
    IdCursor {
        after_param: String,
        before_param: String,
        first_field: String,
        last_field: String,
    },
    /// One opaque cursor parameter fed from a field of the page.
    Opaque { param: String, next_field: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    pub style: PageStyle,
    pub page_type: TypeId,
    pub items_field: String,
    pub item_ty: Ty,
    /// The page's `has_more` field, if it has one, and whether it is optional.
    pub has_more_field: Option<(String, bool)>,
    /// How the cursor fields are present (they share one presence).
    pub cursor: Presence,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub method: Method,
    /// The path template as written (`/workspaces/{workspace_id}`).
    pub path: String,
    /// Index of the owning resource in [`Api::resources`].
    pub resource: usize,
    pub rust_method: String,
    pub builder_name: String,
    pub doc: Doc,
    pub deprecated: bool,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    /// The builder's inputs: arguments first, in the method's order, then setters.
    pub inputs: Vec<Input>,
    /// Pairs of required parameters (indices into `params`) whose values must be strictly
    /// increasing, checked before sending (`x-sdk-ordered`).
    pub ordered: Vec<(usize, usize)>,
    pub success: Success,
    pub pagination: Option<Pagination>,
    /// Whether the builder touches something deprecated (filled by a pass).
    pub uses_deprecated: bool,
    /// JSON pointer of the operation (read by `diff`).
    pub pointer: String,
    /// Every response the spec declares, errors included (read by `diff`).
    pub responses: Vec<DeclaredResponse>,
    /// The security requirement in force (read by `diff`).
    pub security: Security,
}

impl Operation {
    /// Whether its body is `multipart/form-data` (reqwest's `multipart` feature).
    pub fn sends_multipart(&self) -> bool {
        self.body
            .as_ref()
            .is_some_and(|b| b.kind == BodyKind::Multipart)
    }
}

/// A response as declared, whatever its status: what `diff` compares beside [`Success`].
#[derive(Debug, Clone, PartialEq)]
pub struct DeclaredResponse {
    pub status: StatusMatch,
    /// The media types of its `content`, in the spec's order.
    pub media_types: Vec<String>,
    /// For a success response, the media type the SDK reads.
    pub read: Option<String>,
    /// The JSON pointer the schema of the media type the SDK would read refers to, when it
    /// is a `$ref`: the types that only error responses use flow on the response side.
    pub schema: Option<String>,
    pub pointer: String,
}

/// The security requirement of an operation: its own, else the document's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Security {
    /// The alternatives, any one of which suffices; each is a sorted list of
    /// `scheme` or `scheme[scope,..]`. An empty alternative means anonymous access; no
    /// requirement at all is one empty alternative.
    pub alternatives: Vec<Vec<String>>,
    /// Where it is written (`/security`, or the operation's `security`).
    pub pointer: String,
}
