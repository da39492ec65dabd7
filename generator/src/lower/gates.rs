//! The pass that decides the generated crate's cargo features: one per top-level resource
//! (`client.admin()` is feature `admin`), gating that resource's operations and the model
//! files only it uses, so a downstream crate compiles only what it enables. Shared models and
//! operations on the root are always built.
//!
//! Rule for the default set: specs with up to [`DEFAULT_ALL_MAX_OPERATIONS`] operations
//! enable every resource by default; larger ones enable none (a `full` feature enables all),
//! so depending on a huge API does not compile all of it by accident.

use super::passes::{edges, op_types};
use crate::diag::Diagnostic;
use crate::ir::{Api, ModelFile, TypeId};
use crate::naming::Scope;
use std::collections::{BTreeMap, HashMap};

/// The largest spec (in operations) whose default features enable every resource.
pub const DEFAULT_ALL_MAX_OPERATIONS: usize = 500;

/// Feature names the crate uses for other things.
const RESERVED: &[&str] = &["default", "full", "multipart", "cli"];

pub fn decide_features(api: &mut Api) {
    let tops = super::passes::top_levels(api);
    let mut names = Scope::with_reserved(RESERVED);
    let mut features: BTreeMap<usize, String> = BTreeMap::new();
    for &top in &api.resources[0].children {
        let name = names.claim(&api.resources[top].module);
        features.insert(top, name);
    }
    for (r, top) in tops.iter().enumerate() {
        api.resources[r].feature = top.and_then(|t| features.get(&t).cloned());
    }
    let by_module: BTreeMap<&str, Option<String>> = api
        .resources
        .iter()
        .map(|r| (r.module.as_str(), r.feature.clone()))
        .collect();
    let mut files: BTreeMap<String, Vec<TypeId>> = BTreeMap::new();
    for (i, t) in api.types.iter().enumerate() {
        files.entry(t.module.clone()).or_default().push(TypeId(i));
    }
    api.model_files = files
        .into_iter()
        .map(|(module, mut types)| {
            types.sort_by(|a, b| api.types[a.0].name.cmp(&api.types[b.0].name));
            let feature = by_module.get(module.as_str()).cloned().flatten();
            ModelFile {
                module,
                feature,
                types,
            }
        })
        .collect();
    api.features.resources = features.into_values().collect();
    api.features.default_all = api.operations.len() <= DEFAULT_ALL_MAX_OPERATIONS;
}

/// Checks what [`decide_features`] decided: a type behind feature `f` may be named only by
/// types and operations behind `f`, or the crate would not compile with `f` off. A breach is
/// a bug of the generator, reported as an error instead of a crate that does not build.
pub fn check_gates(api: &Api, diags: &mut Vec<Diagnostic>) {
    let feature_of: HashMap<&str, Option<&str>> = (api.model_files.iter())
        .map(|f| (f.module.as_str(), f.feature.as_deref()))
        .collect();
    let gate = |t: usize| {
        feature_of
            .get(api.types[t].module.as_str())
            .copied()
            .flatten()
    };
    let mut breach = |user: Option<&str>, name: &str, pointer: &str, t: usize| {
        if gate(t).is_some() && gate(t) != user {
            let to = &api.types[t];
            diags.push(Diagnostic::error(
                pointer,
                format!(
                    "internal error: `{name}` ({}) names `{}`, which feature `{}` gates",
                    user.map_or("always built".into(), |f| format!("feature `{f}`")),
                    to.name,
                    gate(t).unwrap_or_default()
                ),
            ));
        }
    };
    for (from, tos) in edges(api, false).iter().enumerate() {
        let t = &api.types[from];
        for &to in tos {
            breach(gate(from), &t.name, &t.pointer, to);
        }
    }
    for op in &api.operations {
        let user = api.resources[op.resource].feature.as_deref();
        let name = format!("{} {}", op.method.as_str(), op.path);
        for t in op_types(op) {
            breach(user, &name, &op.pointer, t);
        }
    }
}
