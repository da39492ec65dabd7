//! Lowering of operations, and the resource tree they hang from.
//!
//! Resource tree and method names, in order of precedence:
//! 1. `x-sdk-resource: a.b` and `x-sdk-method: name` on the operation;
//! 2. otherwise the path: segments after a version segment (`v1`, `v2beta`; all segments when
//!    there is none), parameters dropped. A final static segment after a parameter on a POST
//!    is an action (`/workspaces/{id}/archive` -> `workspaces().archive(id)`); otherwise all
//!    static segments name the resource and the HTTP method names the call: GET `list` on a
//!    collection that returns an array or a page, else `retrieve`; POST `create` on a
//!    collection, `update` on an item; PUT `update`/`replace`; PATCH `update`; DELETE `delete`;
//! 3. when two operations of one resource would share a name, all of them are named after
//!    their operationId instead (or, without one, after the method and path).
//!
//! Tags are not used: they are free text, often shared by unrelated paths.

use super::resolve::{follow, follow_ref};
use super::schema::{constraints_of_ref, doc_of};
use super::Lowerer;
use crate::diag::{pointer_join, Diagnostic};
use crate::ir::{
    Body, BodyKind, Doc, Method, Operation, PageStyle, Pagination, Param, ParamLocation, Presence,
    QueryStyle, Resource, Response, ResponseKind, StatusMatch, Success, Ty, TypeId, TypeKind,
    UnionVariant,
};
use crate::naming::{self, Scope};
use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr};
use std::collections::{BTreeMap, HashMap};

/// Names a builder uses for itself; parameters must not take them.
pub const BUILDER_RESERVED: &[&str] = &[
    "new",
    "send",
    "into_stream",
    "timeout",
    "max_retries",
    "header",
    "client",
    "body",
    "into_request",
    "options",
];

struct RawOp {
    method: Method,
    path: String,
    pointer: String,
    op: openapiv3::Operation,
    path_params: Vec<ReferenceOr<Parameter>>,
    resource: Vec<String>,
    method_name: String,
    overridden: bool,
}

pub(super) fn lower_operations(l: &mut Lowerer) -> (Vec<Operation>, Vec<Resource>) {
    let mut raw_ops = Vec::new();
    for (path, item) in l.spec.api.paths.paths.iter() {
        let item_ptr = pointer_join("/paths", &[path]);
        let Some((item, _)) = l.resolve(item, &item_ptr) else {
            continue;
        };
        for (method_str, op) in item.iter() {
            let method = match method_str {
                "get" => Method::Get,
                "put" => Method::Put,
                "post" => Method::Post,
                "delete" => Method::Delete,
                "options" => Method::Options,
                "head" => Method::Head,
                "patch" => Method::Patch,
                _ => Method::Trace,
            };
            let pointer = pointer_join(&item_ptr, &[method_str]);
            let (resource, method_name, overridden) = derive_names(l, path, method, op, &pointer);
            raw_ops.push(RawOp {
                method,
                path: path.clone(),
                pointer,
                op: op.clone(),
                path_params: item.parameters.clone(),
                resource,
                method_name,
                overridden,
            });
        }
    }
    disambiguate(&mut raw_ops);

    // Resource tree.
    let mut resources = vec![Resource {
        path: Vec::new(),
        struct_name: "Client".into(),
        accessor: String::new(),
        module: String::new(),
        doc: Doc::default(),
        children: Vec::new(),
        operations: Vec::new(),
        feature: None,
    }];
    let mut index: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    let mut resource_names = Scope::with_reserved(&["Client"]);
    let mut module_names = Scope::with_reserved(&["client", "shared", "mod"]);
    let mut sorted_paths: Vec<Vec<String>> = raw_ops.iter().map(|o| o.resource.clone()).collect();
    sorted_paths.sort();
    sorted_paths.dedup();
    for path in &sorted_paths {
        for depth in 1..=path.len() {
            let prefix = path[..depth].to_vec();
            if index.contains_key(&prefix) {
                continue;
            }
            let parent = if depth == 1 {
                0
            } else {
                index[&path[..depth - 1]]
            };
            let id = resources.len();
            let struct_name = resource_names.claim(&naming::type_name(&prefix.join(" ")));
            // Files come from one scope too: `a/b_c` and `a_b/c` must not share `a_b_c.rs`.
            // (`client` and `shared` hold the models of the root and of several resources.)
            // Long names are cut with a hash suffix (`naming::file_module_name`): a Graph path
            // of 250+ characters is not a file name.
            let module = module_names.claim(&naming::file_module_name(&prefix.join("_")));
            resources.push(Resource {
                struct_name,
                accessor: accessor_name(&prefix[depth - 1]),
                module,
                path: prefix.clone(),
                doc: Doc::default(),
                children: Vec::new(),
                operations: Vec::new(),
                feature: None,
            });
            resources[parent].children.push(id);
            index.insert(prefix, id);
        }
    }
    let tag_docs: HashMap<String, String> = l
        .spec
        .api
        .tags
        .iter()
        .filter_map(|t| Some((t.name.clone(), t.description.clone()?)))
        .collect();

    let mut operations = Vec::new();
    for raw in raw_ops {
        let resource = if raw.resource.is_empty() {
            0
        } else {
            index[&raw.resource]
        };
        if resources[resource].doc.description.is_none() {
            resources[resource].doc.description =
                raw.op.tags.iter().find_map(|t| tag_docs.get(t).cloned());
        }
        let builder_name = l.type_names.claim(&naming::type_name(&format!(
            "{} {}",
            raw.resource.join(" "),
            raw.method_name
        )));
        let op = lower_operation(l, raw, resource, builder_name);
        resources[resource].operations.push(operations.len());
        operations.push(op);
    }
    (operations, resources)
}

/// A sub-resource accessor: named after its path segment, with `_` after a name every
/// resource struct has for itself (`new`, `clone`), as keywords get one.
fn accessor_name(segment: &str) -> String {
    match segment {
        "new" | "clone" => format!("{segment}_"),
        _ => segment.to_owned(),
    }
}

fn is_version(seg: &str) -> bool {
    let mut chars = seg.chars();
    chars.next() == Some('v')
        && chars.next().is_some_and(|c| c.is_ascii_digit())
        && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
}

fn is_param(seg: &str) -> bool {
    seg.starts_with('{') && seg.ends_with('}')
}

/// The string value of the extension `key` on an operation; any other JSON type is ignored
/// with a warning at `pointer/key`.
fn ext_str<'v>(
    l: &mut Lowerer,
    op: &'v openapiv3::Operation,
    key: &str,
    pointer: &str,
) -> Option<&'v str> {
    match op.extensions.get(key)? {
        serde_json::Value::String(s) => Some(s),
        other => {
            l.warn(
                &format!("{pointer}/{key}"),
                format!("{key} must be a string, not {other}; ignored"),
            );
            None
        }
    }
}

fn derive_names(
    l: &mut Lowerer,
    path: &str,
    method: Method,
    op: &openapiv3::Operation,
    pointer: &str,
) -> (Vec<String>, String, bool) {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let start = segments
        .iter()
        .rposition(|s| is_version(s))
        .map_or(0, |i| i + 1);
    let segments = &segments[start..];
    let ends_with_param = segments.last().is_some_and(|s| is_param(s));
    let mut statics: Vec<String> = segments
        .iter()
        .filter(|s| !is_param(s))
        .map(|s| naming::module_name(s))
        .filter(|s| !s.is_empty())
        .collect();
    let action = method == Method::Post
        && segments.len() >= 2
        && !ends_with_param
        && is_param(segments[segments.len() - 2]);
    let mut method_name = if action {
        statics.pop().unwrap_or_else(|| "call".into())
    } else {
        match method {
            Method::Get if ends_with_param => "retrieve".into(),
            Method::Get if returns_collection(l, op) => "list".into(),
            Method::Get => "retrieve".into(),
            Method::Post if ends_with_param => "update".into(),
            Method::Post => "create".into(),
            Method::Put if ends_with_param => "update".into(),
            Method::Put => "replace".into(),
            Method::Patch => "update".into(),
            Method::Delete => "delete".into(),
            Method::Head => "head".into(),
            Method::Options => "options".into(),
            Method::Trace => "trace".into(),
        }
    };
    if statics.is_empty() {
        method_name = op
            .operation_id
            .as_deref()
            .map(naming::snake_name)
            .unwrap_or_else(|| naming::snake_name(&format!("{} {}", method.as_str(), path)));
    }
    let mut overridden = false;
    if let Some(r) = ext_str(l, op, "x-sdk-resource", pointer) {
        statics = r
            .split('.')
            .filter(|s| !s.is_empty())
            .map(naming::module_name)
            .collect();
        overridden = true;
    }
    if let Some(m) = ext_str(l, op, "x-sdk-method", pointer) {
        let name = naming::snake_name(m);
        if name != m {
            l.warn(
                &format!("{pointer}/x-sdk-method"),
                format!("x-sdk-method `{m}` is not a snake_case identifier; using `{name}`"),
            );
        }
        method_name = name;
        overridden = true;
    }
    (statics, naming::unraw(&method_name).to_owned(), overridden)
}

/// A GET on a collection path "lists" when its first 2xx response is an array, or an object
/// with an array property. Read quietly: a broken `$ref` is reported where the response is
/// lowered.
fn returns_collection(l: &Lowerer, op: &openapiv3::Operation) -> bool {
    use openapiv3::{SchemaKind, StatusCode, Type};
    let api = &l.spec.api;
    let Some((_, response)) = op.responses.responses.iter().find(|(code, _)| match code {
        StatusCode::Code(c) => c.to_string().starts_with('2'),
        StatusCode::Range(r) => *r == 2,
    }) else {
        return false;
    };
    let Ok((response, _)) = follow(api, response, "") else {
        return false;
    };
    let Some(Ok((schema, _))) = response
        .content
        .values()
        .find_map(|m| m.schema.as_ref())
        .map(|s| follow(api, s, ""))
    else {
        return false;
    };
    let is_array = |s: &openapiv3::Schema| match &s.schema_kind {
        SchemaKind::Type(Type::Array(_)) => true,
        SchemaKind::Any(a) => a.typ.as_deref() == Some("array"),
        _ => false,
    };
    let properties = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => &o.properties,
        SchemaKind::Any(a) => &a.properties,
        _ => return is_array(schema),
    };
    is_array(schema)
        || properties.values().any(|p| {
            let p = match p {
                ReferenceOr::Item(s) => Some(s.as_ref()),
                ReferenceOr::Reference { reference } => {
                    follow_ref(api, reference).ok().map(|(s, _)| s)
                }
            };
            p.is_some_and(is_array)
        })
}

/// Renames operations that would share a name in one resource, with each other or with an
/// accessor of a sub-resource.
fn disambiguate(ops: &mut [RawOp]) {
    let mut children: HashMap<Vec<String>, Vec<String>> = HashMap::new();
    for op in ops.iter() {
        for depth in 1..=op.resource.len() {
            let names = children
                .entry(op.resource[..depth - 1].to_vec())
                .or_default();
            if !names.contains(&op.resource[depth - 1]) {
                names.push(op.resource[depth - 1].clone());
            }
        }
    }
    let mut groups: HashMap<(Vec<String>, String), Vec<usize>> = HashMap::new();
    for (i, op) in ops.iter().enumerate() {
        groups
            .entry((op.resource.clone(), op.method_name.clone()))
            .or_default()
            .push(i);
    }
    let is_accessor = |resource: &Vec<String>, name: &str| {
        children
            .get(resource)
            .is_some_and(|c| c.iter().any(|n| n == name))
    };
    let mut clashes: Vec<Vec<usize>> = groups
        .into_iter()
        .filter(|((resource, name), g)| g.len() > 1 || is_accessor(resource, name))
        .map(|(_, g)| g)
        .collect();
    clashes.sort();
    for group in clashes {
        for i in group {
            if ops[i].overridden {
                continue;
            }
            let op = &ops[i];
            ops[i].method_name = match op.op.operation_id.as_deref() {
                Some(id) if !id.is_empty() => naming::unraw(&naming::snake_name(id)).to_owned(),
                _ => naming::unraw(&naming::snake_name(&format!(
                    "{} {}",
                    op.method.as_str(),
                    op.path
                )))
                .to_owned(),
            };
        }
    }
    // Any clash left (equal operationIds, an operationId equal to an accessor): number them
    // in document order.
    let mut scopes: HashMap<Vec<String>, Scope> = HashMap::new();
    for op in ops.iter_mut() {
        let scope = scopes.entry(op.resource.clone()).or_insert_with(|| {
            let mut reserved = vec!["new", "clone", "client"];
            if let Some(c) = children.get(&op.resource) {
                reserved.extend(c.iter().map(String::as_str));
            }
            Scope::with_reserved(&reserved)
        });
        op.method_name = naming::unraw(&scope.claim(&op.method_name)).to_owned();
        if op.method_name.chars().all(|c| c == '_') {
            op.method_name = "call".into();
        }
    }
}

fn lower_operation(
    l: &mut Lowerer,
    raw: RawOp,
    resource: usize,
    builder_name: String,
) -> Operation {
    let op = &raw.op;
    let ptr = &raw.pointer;
    let mut names = Scope::with_reserved(BUILDER_RESERVED);

    // Parameters: path-level ones, overridden by operation-level ones with the same name+in.
    let mut resolved: Vec<(Parameter, String)> = Vec::new();
    for (i, p) in raw.path_params.iter().enumerate() {
        let at = format!("{}/parameters/{i}", pointer_join("/paths", &[&raw.path]));
        if let Some(r) = l.resolve(p, &at) {
            resolved.push(r);
        }
    }
    for (i, p) in op.parameters.iter().enumerate() {
        let at = format!("{ptr}/parameters/{i}");
        if let Some((p, p_ptr)) = l.resolve(p, &at) {
            let key = (
                p.parameter_data_ref().name.clone(),
                std::mem::discriminant(&p),
            );
            resolved.retain(|(q, _)| {
                (
                    q.parameter_data_ref().name.clone(),
                    std::mem::discriminant(q),
                ) != key
            });
            resolved.push((p, p_ptr));
        }
    }
    // Path parameters first, in path order, then the rest in document order.
    let path_order: Vec<&str> = raw
        .path
        .split('/')
        .filter(|s| is_param(s))
        .map(|s| &s[1..s.len() - 1])
        .collect();
    resolved.sort_by_key(|(p, _)| match p {
        Parameter::Path { parameter_data, .. } => path_order
            .iter()
            .position(|n| *n == parameter_data.name)
            .unwrap_or(usize::MAX - 1),
        _ => usize::MAX,
    });
    let mut params = Vec::new();
    for (p, p_ptr) in resolved {
        let (location, style) = match &p {
            Parameter::Path { .. } => (ParamLocation::Path, QueryStyle::FormExploded),
            Parameter::Header { .. } => (ParamLocation::Header, QueryStyle::FormComma),
            Parameter::Cookie { .. } => (ParamLocation::Cookie, QueryStyle::FormComma),
            Parameter::Query {
                style,
                parameter_data,
                ..
            } => {
                let explode = parameter_data
                    .explode
                    .unwrap_or(matches!(style, openapiv3::QueryStyle::Form));
                let style = match style {
                    openapiv3::QueryStyle::Form if explode => QueryStyle::FormExploded,
                    openapiv3::QueryStyle::Form => QueryStyle::FormComma,
                    openapiv3::QueryStyle::SpaceDelimited => QueryStyle::SpaceDelimited,
                    openapiv3::QueryStyle::PipeDelimited => QueryStyle::PipeDelimited,
                    openapiv3::QueryStyle::DeepObject => QueryStyle::DeepObject,
                };
                (ParamLocation::Query, style)
            }
        };
        let data = p.parameter_data_ref();
        let hint = format!("{builder_name} {}", data.name);
        let (ty, constraints, doc_schema) = match &data.format {
            ParameterSchemaOrContent::Schema(s) => {
                let (ty, _nullable) = l.lower_ref_or(s, &hint, &format!("{p_ptr}/schema"));
                let doc = match s {
                    ReferenceOr::Item(s) => Some(doc_of(s)),
                    ReferenceOr::Reference { .. } => None,
                };
                (ty, constraints_of_ref(s), doc)
            }
            ParameterSchemaOrContent::Content(c) => match c
                .iter()
                .next()
                .and_then(|(m, mt)| Some((m, mt.schema.as_ref()?)))
            {
                Some((media, s)) => {
                    let (ty, _) = l.lower_ref_or(
                        s,
                        &hint,
                        &pointer_join(&p_ptr, &["content", media, "schema"]),
                    );
                    (ty, Default::default(), None)
                }
                None => (Ty::String, Default::default(), None),
            },
        };
        let mut doc = Doc {
            summary: None,
            description: data.description.clone(),
            notes: Vec::new(),
        };
        if let Some(d) = doc_schema {
            doc.notes = d.notes;
            if doc.description.is_none() {
                doc.description = d.description;
            }
        }
        let required = data.required || location == ParamLocation::Path;
        let constraints = constraints.fit(&ty);
        params.push(Param {
            rust_name: names.claim(&naming::snake_name(&data.name)),
            wire_name: data.name.clone(),
            location,
            ty,
            required,
            style,
            doc,
            deprecated: data.deprecated.unwrap_or(false),
            constraints,
            validates_inner: false,
        });
    }

    check_path_template(l, &raw, &mut params);
    let body = op
        .request_body
        .as_ref()
        .and_then(|b| lower_body(l, b, &format!("{ptr}/requestBody"), &builder_name));
    finish(l, raw, resource, builder_name, params, body)
}

/// Every `{name}` of the path template has a path parameter, and every path parameter a
/// `{name}`: a parameter that is never sent is dropped, a placeholder without a parameter
/// gets a string one, each with a warning naming the place.
fn check_path_template(l: &mut Lowerer, raw: &RawOp, params: &mut Vec<Param>) {
    let placeholders: Vec<&str> = raw
        .path
        .split('/')
        .flat_map(|seg| seg.split('{').skip(1))
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    let mut names = Scope::with_reserved(BUILDER_RESERVED);
    for p in params.iter() {
        names.claim(&p.rust_name);
    }
    params.retain(|p| {
        let keep =
            p.location != ParamLocation::Path || placeholders.contains(&p.wire_name.as_str());
        if !keep {
            l.diags.push(
                Diagnostic::warning(
                    raw.pointer.clone(),
                    format!(
                        "path parameter `{}` does not appear in the path `{}`; it is ignored",
                        p.wire_name, raw.path
                    ),
                )
                .with_help("rename the parameter to match a `{...}` of the path, or remove it"),
            );
        }
        keep
    });
    let mut insert_at = params
        .iter()
        .take_while(|p| p.location == ParamLocation::Path)
        .count();
    for name in placeholders {
        let known = params
            .iter()
            .any(|p| p.location == ParamLocation::Path && p.wire_name == name);
        if known {
            continue;
        }
        l.warn(
            &raw.pointer,
            format!(
                "`{{{name}}}` in the path `{}` has no path parameter; it is typed as a string",
                raw.path
            ),
        );
        let param = Param {
            rust_name: names.claim(&naming::snake_name(name)),
            wire_name: name.to_owned(),
            location: ParamLocation::Path,
            ty: Ty::String,
            required: true,
            style: QueryStyle::FormExploded,
            doc: Doc::default(),
            deprecated: false,
            constraints: Default::default(),
            validates_inner: false,
        };
        params.insert(insert_at, param);
        insert_at += 1;
    }
}

fn finish(
    l: &mut Lowerer,
    raw: RawOp,
    resource: usize,
    builder_name: String,
    params: Vec<Param>,
    body: Option<Body>,
) -> Operation {
    let op = &raw.op;
    let success = lower_success(l, op, &raw.pointer, &builder_name);
    let ordered = super::extensions::ordered(l, op, &raw.pointer, &params);
    let pagination = if raw.method == Method::Get {
        detect_pagination(l, &params, &success)
    } else {
        None
    };
    let doc = Doc {
        summary: op.summary.clone(),
        description: op.description.clone(),
        notes: vec![format!("`{} {}`", raw.method.as_str(), raw.path)],
    };
    Operation {
        method: raw.method,
        path: raw.path,
        resource,
        rust_method: raw.method_name,
        builder_name,
        doc,
        deprecated: op.deprecated,
        params,
        body,
        inputs: Vec::new(),
        ordered,
        success,
        pagination,
        uses_deprecated: false,
    }
}

fn classify_media(media: &str) -> Option<BodyKind> {
    let m = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    Some(
        if m == "application/json"
            || m.ends_with("+json")
            || m == "*/*"
            || m == "application/*"
            || m.contains("json")
        {
            BodyKind::Json
        } else if m == "application/x-www-form-urlencoded" {
            BodyKind::Form
        } else if m == "multipart/form-data" || m.starts_with("multipart/") {
            BodyKind::Multipart
        } else if m.starts_with("text/") {
            BodyKind::Text
        } else {
            BodyKind::Bytes
        },
    )
}

fn lower_body(
    l: &mut Lowerer,
    b: &ReferenceOr<openapiv3::RequestBody>,
    at: &str,
    builder: &str,
) -> Option<Body> {
    let (body, b_ptr) = l.resolve(b, at)?;
    let rank = |k: BodyKind| match k {
        BodyKind::Json => 0,
        BodyKind::Form => 1,
        BodyKind::Multipart => 2,
        BodyKind::Text => 3,
        BodyKind::Bytes => 4,
    };
    let (media, mt, kind) = body
        .content
        .iter()
        .filter_map(|(m, mt)| Some((m, mt, classify_media(m)?)))
        .min_by_key(|(_, _, k)| rank(*k))?;
    let content_type = if media.contains('*') {
        "application/json".to_owned()
    } else {
        media.clone()
    };
    let schema_ptr = pointer_join(&b_ptr, &["content", media, "schema"]);
    let ty = match (kind, &mt.schema) {
        (BodyKind::Bytes, _) => Ty::Bytes,
        (BodyKind::Text, _) => Ty::String,
        (_, Some(s)) => {
            l.binary_as_bytes = kind == BodyKind::Multipart;
            let ty = l.lower_ref_or(s, &format!("{builder} body"), &schema_ptr).0;
            l.binary_as_bytes = false;
            ty
        }
        (_, None) => Ty::Json,
    };
    let flatten = match (&ty, kind) {
        (Ty::Named(id), BodyKind::Json | BodyKind::Form | BodyKind::Multipart) => {
            struct_target(l, *id)
        }
        _ => None,
    };
    // A form body declared as a string (or bytes) is the encoded form itself: send it as is.
    let kind = match (kind, &ty) {
        (BodyKind::Form | BodyKind::Multipart, Ty::String) => BodyKind::Text,
        (BodyKind::Form | BodyKind::Multipart, Ty::Bytes) => BodyKind::Bytes,
        (BodyKind::Form | BodyKind::Multipart, _) if flatten.is_none() => {
            l.warn(
                &schema_ptr,
                "this form body's schema is not an object; it is typed as written and must serialise to an object when sent",
            );
            kind
        }
        _ => kind,
    };
    Some(Body {
        kind,
        content_type,
        ty,
        required: body.required,
        flatten,
        validates: false,
    })
}

/// The struct behind a named type, following aliases.
fn struct_target(l: &Lowerer, mut id: TypeId) -> Option<TypeId> {
    for _ in 0..16 {
        match &l.types[id.0].kind {
            TypeKind::Struct { .. } => return Some(id),
            TypeKind::Alias(Ty::Named(next)) => id = *next,
            _ => return None,
        }
    }
    None
}

fn lower_response(
    l: &mut Lowerer,
    r: &ReferenceOr<openapiv3::Response>,
    at: &str,
    hint: &str,
) -> Response {
    let Some((resp, r_ptr)) = l.resolve(r, at) else {
        return Response {
            kind: ResponseKind::Json,
            ty: Some(Ty::Json),
        };
    };
    let rank = |k: BodyKind| match k {
        BodyKind::Json => 0,
        BodyKind::Text => 1,
        _ => 2,
    };
    let chosen = resp
        .content
        .iter()
        .filter_map(|(m, mt)| Some((m, mt, classify_media(m)?)))
        .min_by_key(|(_, _, k)| rank(*k));
    match chosen {
        None => Response {
            kind: ResponseKind::Empty,
            ty: None,
        },
        Some((_, _, BodyKind::Text)) => Response {
            kind: ResponseKind::Text,
            ty: Some(Ty::String),
        },
        Some((_, _, BodyKind::Json)) | Some((_, _, BodyKind::Form)) => {
            let (media, mt, _) = chosen.expect("checked above");
            match &mt.schema {
                Some(s) => {
                    let (ty, nullable) = l.lower_ref_or(
                        s,
                        hint,
                        &pointer_join(&r_ptr, &["content", media, "schema"]),
                    );
                    let ty = if nullable {
                        Ty::Option(Box::new(ty))
                    } else {
                        ty
                    };
                    Response {
                        kind: ResponseKind::Json,
                        ty: Some(ty),
                    }
                }
                None => Response {
                    kind: ResponseKind::Json,
                    ty: Some(Ty::Json),
                },
            }
        }
        Some(_) => Response {
            kind: ResponseKind::Bytes,
            ty: Some(Ty::Bytes),
        },
    }
}

fn lower_success(l: &mut Lowerer, op: &openapiv3::Operation, ptr: &str, builder: &str) -> Success {
    let mut cases: Vec<(StatusMatch, Response)> = Vec::new();
    let successes = op
        .responses
        .responses
        .keys()
        .filter(|s| {
            matches!(
                s,
                openapiv3::StatusCode::Code(200..=299) | openapiv3::StatusCode::Range(2)
            )
        })
        .count();
    for (status, r) in &op.responses.responses {
        let (m, key) = match status {
            openapiv3::StatusCode::Code(c @ 200..=299) => (StatusMatch::Code(*c), c.to_string()),
            openapiv3::StatusCode::Range(2) => (StatusMatch::Range(2), "2XX".to_owned()),
            _ => continue,
        };
        let at = pointer_join(ptr, &["responses", &key]);
        // With several success statuses, inline bodies are named by status so the enum
        // over them keeps the plain `<Builder>Response` name.
        let hint = match m {
            _ if successes < 2 => format!("{builder} response"),
            StatusMatch::Code(c) => format!("{builder} {}", status_word(c)),
            _ => format!("{builder} {key}"),
        };
        let resp = lower_response(l, r, &at, &hint);
        cases.push((m, resp));
    }
    cases.sort_by_key(|(m, _)| *m);
    if cases.is_empty() {
        // No 2xx declared: take `default` as the success shape when it has one.
        if let Some(d) = &op.responses.default {
            let resp = lower_response(
                l,
                d,
                &pointer_join(ptr, &["responses", "default"]),
                &format!("{builder} response"),
            );
            return Success::One(resp);
        }
        return Success::One(Response {
            kind: ResponseKind::Empty,
            ty: None,
        });
    }
    let first = cases[0].1.clone();
    if cases.iter().all(|(_, r)| *r == first) {
        return Success::One(first);
    }
    // Several 2xx statuses with different bodies: an enum keyed by status.
    let id = l.new_type(&format!("{builder} response"), ptr);
    l.types[id.0].doc.description =
        Some("The successful responses of this operation, by status.".into());
    let mut scope = Scope::with_reserved(&["Unknown"]);
    let mut named_cases = Vec::new();
    let mut variants = Vec::new();
    for (m, resp) in cases {
        let label = match m {
            StatusMatch::Code(c) => status_word(c).to_owned(),
            StatusMatch::Range(r) => format!("Status{r}xx"),
            StatusMatch::Default => "Default".to_owned(),
        };
        let name = scope.claim(&label);
        variants.push(UnionVariant {
            rust_name: name.clone(),
            ty: resp.ty.clone().unwrap_or(Ty::Json),
            tags: Vec::new(),
        });
        named_cases.push((m, name, resp));
    }
    l.types[id.0].kind = TypeKind::Union {
        variants,
        discriminator: None,
        fallback: "Unknown".to_owned(),
    };
    Success::ByStatus {
        type_id: id,
        cases: named_cases,
    }
}

fn status_word(code: u16) -> &'static str {
    match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritative",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        _ => "Other",
    }
}

/// Recognises the two page shapes the runtime walks (documented in the README).
fn detect_pagination(l: &Lowerer, params: &[Param], success: &Success) -> Option<Pagination> {
    let Success::One(Response {
        kind: ResponseKind::Json,
        ty: Some(Ty::Named(page)),
    }) = success
    else {
        return None;
    };
    let page = struct_target(l, *page)?;
    let TypeKind::Struct { fields, .. } = &l.types[page.0].kind else {
        return None;
    };
    let query = |name: &str| {
        params
            .iter()
            .any(|p| p.location == ParamLocation::Query && p.wire_name == name && !p.required)
    };
    let field = |name: &str| fields.iter().find(|f| f.wire_name == name);
    let string_field = |name: &str| field(name).filter(|f| f.ty == Ty::String);
    let items: Vec<_> = fields
        .iter()
        .filter(|f| matches!(f.ty, Ty::Vec(_)) && f.presence == Presence::Required)
        .collect();
    let items = items.iter().find(|f| f.wire_name == "data").or_else(|| {
        if items.len() == 1 {
            items.first()
        } else {
            None
        }
    })?;
    let Ty::Vec(item_ty) = &items.ty else {
        return None;
    };
    let has_more_field = field("has_more")
        .filter(|f| f.ty == Ty::Bool)
        .map(|f| (f.rust_name.clone(), f.presence != Presence::Required));

    let style = if query("after_id") && query("before_id") {
        let first = string_field("first_id")?;
        let last = string_field("last_id")?;
        if first.presence != last.presence {
            return None;
        }
        PageStyle::IdCursor {
            after_param: "after_id".into(),
            before_param: "before_id".into(),
            first_field: first.rust_name.clone(),
            last_field: last.rust_name.clone(),
        }
    } else {
        const PAIRS: &[(&str, &str)] = &[
            ("page", "next_page"),
            ("cursor", "next_cursor"),
            ("page_token", "next_page_token"),
            ("pageToken", "nextPageToken"),
            ("next_token", "next_token"),
        ];
        let (param, next) = PAIRS
            .iter()
            .find(|(p, f)| query(p) && string_field(f).is_some())?;
        let next_field = string_field(next)?;
        PageStyle::Opaque {
            param: (*param).into(),
            next_field: next_field.rust_name.clone(),
        }
    };
    let cursor = match &style {
        PageStyle::IdCursor { first_field, .. } => {
            fields
                .iter()
                .find(|f| &f.rust_name == first_field)?
                .presence
        }
        PageStyle::Opaque { next_field, .. } => {
            fields.iter().find(|f| &f.rust_name == next_field)?.presence
        }
    };
    Some(Pagination {
        style,
        page_type: page,
        items_field: items.rust_name.clone(),
        item_ty: (**item_ty).clone(),
        has_more_field,
        cursor,
    })
}
