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

use super::paging::detect_pagination;
use super::responses::{declared_responses, lower_body, lower_success, security_of};
use super::routes::{accessor_name, derive_names, disambiguate};
use super::Lowerer;
use crate::diag::{pointer_join, Diagnostic};
use crate::ir::{Body, Doc, Method, Operation, Param, ParamLocation, QueryStyle, Resource, Ty};
use crate::naming::{self, Scope};
use openapiv3::{Parameter, ReferenceOr};
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

/// An operation as read, with its route decided (`routes`), before it is lowered.
pub(super) struct RawOp<'a> {
    pub(super) method: Method,
    pub(super) path: String,
    pub(super) pointer: String,
    /// Borrowed from the spec: a big API's operations hold large inline schemas.
    pub(super) op: &'a openapiv3::Operation,
    pub(super) path_params: &'a [ReferenceOr<Parameter>],
    pub(super) resource: Vec<String>,
    pub(super) method_name: String,
    pub(super) overridden: bool,
}

pub(super) fn lower_operations(l: &mut Lowerer) -> (Vec<Operation>, Vec<Resource>) {
    let mut raw_ops = Vec::new();
    for (path, item) in l.spec.api.paths.paths.iter() {
        let item_ptr = pointer_join("/paths", &[path]);
        let Some((item, _)) = l.resolve_ref(item, &item_ptr) else {
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
                op,
                path_params: &item.parameters,
                resource,
                method_name,
                overridden,
            });
        }
    }
    disambiguate(&mut raw_ops);

    let (mut resources, index) = resource_tree(&raw_ops);
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
        let hint = format!("{} {}", raw.resource.join(" "), raw.method_name);
        let builder_name = l.claim_type_name(&hint, &super::builder_key(&raw.pointer));
        let op = lower_operation(l, raw, resource, builder_name);
        resources[resource].operations.push(operations.len());
        operations.push(op);
    }
    (operations, resources)
}

/// The resource tree the operations hang from (`resources[0]` is the client), and each
/// resource path's index. Struct names and module files come from collision-free scopes.
fn resource_tree(raw_ops: &[RawOp]) -> (Vec<Resource>, BTreeMap<Vec<String>, usize>) {
    let mut resources = vec![Resource {
        path: Vec::new(),
        struct_name: "Client".into(),
        accessor: String::new(),
        module: String::new(),
        doc: Doc::default(),
        parent: None,
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
                accessor: accessor_name(&prefix[depth - 1], depth == 1),
                module,
                path: prefix.clone(),
                doc: Doc::default(),
                parent: Some(parent),
                children: Vec::new(),
                operations: Vec::new(),
                feature: None,
            });
            resources[parent].children.push(id);
            index.insert(prefix, id);
        }
    }
    (resources, index)
}

fn lower_operation<'a>(
    l: &mut Lowerer<'a>,
    raw: RawOp<'a>,
    resource: usize,
    builder_name: String,
) -> Operation {
    let op: &'a openapiv3::Operation = raw.op;
    let ptr = &raw.pointer;
    let mut params = super::params::lower_params(l, &raw, &builder_name);
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
            default: None,
            pointer: raw.pointer.clone(),
        };
        params.insert(insert_at, param);
        insert_at += 1;
    }
}

fn finish<'a>(
    l: &mut Lowerer<'a>,
    raw: RawOp<'a>,
    resource: usize,
    builder_name: String,
    params: Vec<Param>,
    body: Option<Body>,
) -> Operation {
    let op: &'a openapiv3::Operation = raw.op;
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
        responses: declared_responses(l, op, &raw.pointer),
        security: security_of(&l.spec.api, op, &raw.pointer),
        pointer: raw.pointer,
    }
}
