//! Route and method naming: the resource an operation hangs from and its method name (the
//! rules are listed in `operation.rs` and pinned by the tables in `rules.rs`).

use super::operation::RawOp;
use super::resolve::{follow, follow_ref};
use super::Lowerer;
use crate::ir::Method;
use crate::naming::{self, Scope};
use openapiv3::ReferenceOr;
use std::collections::HashMap;

/// A sub-resource accessor: named after its path segment, with `_` after a name every
/// resource struct has for itself (`new`, `clone`), as keywords get one.
pub(super) fn accessor_name(segment: &str, top_level: bool) -> String {
    let taken =
        matches!(segment, "new" | "clone") || (top_level && CLIENT_METHODS.contains(&segment));
    if taken {
        format!("{segment}_")
    } else {
        segment.to_owned()
    }
}

/// Methods `Client` has of its own (the runtime's and `config.rs`'s): a top-level accessor or
/// an operation on the root must not take them.
pub(super) const CLIENT_METHODS: &[&str] = &[
    "api_key",
    "attempt",
    "attempts",
    "base_url",
    "build",
    "builder",
    "execute",
    "fetch_page",
    "fmt",
    "from_env",
    "from_env_with",
    "key_kind",
    "key_mode",
    "max_retries",
    "notify",
    "url",
];

pub(super) fn is_version(seg: &str) -> bool {
    let mut chars = seg.chars();
    chars.next() == Some('v')
        && chars.next().is_some_and(|c| c.is_ascii_digit())
        && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
}

pub(super) fn is_param(seg: &str) -> bool {
    seg.starts_with('{') && seg.ends_with('}')
}

/// The string value of the extension `key` on an operation; any other JSON type is ignored
/// with a warning at `pointer/key`.
pub(super) fn ext_str<'v>(
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

pub(super) fn derive_names(
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
pub(super) fn returns_collection(l: &Lowerer, op: &openapiv3::Operation) -> bool {
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
pub(super) fn disambiguate(ops: &mut [RawOp]) {
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
            if op.resource.is_empty() {
                reserved.extend_from_slice(CLIENT_METHODS);
            }
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

#[cfg(test)]
mod tests {
    use super::CLIENT_METHODS;

    /// Every method the runtime gives `Client` is reserved, so the list cannot fall behind
    /// the runtime it mirrors.
    #[test]
    fn client_methods_mirror_the_runtime() {
        let source = include_str!("../../runtime/src/client.rs");
        let mut in_client = false;
        let mut seen = 0;
        for line in source.lines() {
            if line.starts_with("impl Client {") {
                in_client = true;
            } else if line == "}" {
                in_client = false;
            } else if in_client {
                let t = line.trim_start();
                let rest = t.strip_prefix("pub ").unwrap_or(t);
                let rest = rest.strip_prefix("async ").unwrap_or(rest);
                if let Some(name) = rest.strip_prefix("fn ") {
                    let name: String = name
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    assert!(
                        CLIENT_METHODS.contains(&name.as_str()),
                        "`{name}` is not reserved"
                    );
                    seen += 1;
                }
            }
        }
        assert!(
            seen >= 10,
            "found only {seen} methods of Client in the runtime"
        );
    }
}
