//! The pass that decides the generated crate's cargo features: one per top-level resource
//! (`client.admin()` is feature `admin`), gating that resource's operations and the model
//! files only it uses, so a downstream crate compiles only what it enables. Operations on
//! the root, and the `client` models only they use, have the feature `root`. Models several
//! resources share get a file per set of resources (any of their features builds it);
//! models no operation uses are in `unreferenced` (built when all are on), except error
//! bodies that name nothing gated, which are in the always-built `shared`. [`check_gates`]
//! proves that whatever is built builds all it names.
//!
//! Rule for the default set: specs with up to [`DEFAULT_ALL_MAX_OPERATIONS`] operations
//! enable every resource by default; larger ones enable none (a `full` feature enables all),
//! so depending on a huge API does not compile all of it by accident.

use super::passes::{edges, models_module, op_types, ModulePlan};
use crate::diag::Diagnostic;
use crate::ir::{Api, Gate, ModelFile, TypeId};
use crate::naming::Scope;
use std::collections::{BTreeMap, HashMap};

/// The largest spec (in operations) whose default features enable every resource.
pub const DEFAULT_ALL_MAX_OPERATIONS: usize = 500;

/// The feature of the operations on the client itself (paths with no resource segment), when
/// there are any; a resource already called `root` keeps its name and this one gets a suffix.
pub const ROOT_FEATURE: &str = "root";

/// Feature names the crate uses for other things.
const RESERVED: &[&str] = &["default", "full", "multipart", "cli"];

pub fn decide_features(api: &mut Api, modules: &ModulePlan) {
    let tops = super::passes::top_levels(api);
    let mut names = Scope::with_reserved(RESERVED);
    let mut features: BTreeMap<usize, String> = BTreeMap::new();
    for &top in &api.resources[0].children {
        let name = names.claim(&api.resources[top].module);
        features.insert(top, name);
    }
    if tops[0].is_some() {
        features.insert(0, names.claim(ROOT_FEATURE));
    }
    for (r, top) in tops.iter().enumerate() {
        api.resources[r].feature = top.and_then(|t| features.get(&t).cloned());
    }
    let mut by_module: BTreeMap<&str, Gate> = (0..api.resources.len())
        .map(|r| {
            let gate = Gate::of_feature(api.resources[r].feature.as_ref());
            (models_module(api, r), gate)
        })
        .collect();
    for (module, tops) in &modules.groups {
        let gates = tops.iter().filter_map(|t| features.get(t).cloned());
        by_module.insert(module.as_str(), Gate::Any(gates.collect()));
    }
    let every: Vec<String> = features.values().cloned().collect();
    by_module.insert(modules.unreferenced.as_str(), Gate::All(every));
    let mut files: BTreeMap<String, Vec<TypeId>> = BTreeMap::new();
    for (i, t) in api.types.iter().enumerate() {
        files.entry(t.module.clone()).or_default().push(TypeId(i));
    }
    let mut pages: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut paged = std::collections::HashSet::new();
    for (o, op) in api.operations.iter().enumerate() {
        if let Some(p) = op.pagination.as_ref().filter(|p| paged.insert(p.page_type)) {
            let module = api.types[p.page_type.0].module.as_str();
            pages.entry(module).or_default().push(o);
        }
    }
    api.model_files = files
        .into_iter()
        .map(|(module, mut types)| {
            types.sort_by(|a, b| api.types[a.0].name.cmp(&api.types[b.0].name));
            let gate = by_module
                .get(module.as_str())
                .cloned()
                .unwrap_or(Gate::Always);
            ModelFile {
                pages: pages.get(module.as_str()).cloned().unwrap_or_default(),
                module,
                gate,
                types,
            }
        })
        .collect();
    let mut multipart: Vec<String> = (api.operations.iter())
        .filter(|o| o.sends_multipart())
        .filter_map(|o| api.resources[o.resource].feature.clone())
        .collect();
    multipart.sort();
    multipart.dedup();
    api.features.multipart_resources = multipart;
    api.features.resources = features.into_values().collect();
    api.features.default_all = api.operations.len() <= DEFAULT_ALL_MAX_OPERATIONS;
}

/// Checks what [`decide_features`] decided: whenever a type or an operation is built, every
/// type it names must be too (the features that build the named type include all of those
/// that build its user), or the crate would not compile with some features off. A breach is
/// a bug of the generator, reported as an error instead of a crate that does not build.
pub fn check_gates(api: &Api, diags: &mut Vec<Diagnostic>) {
    // A type is built by its file's gate (none: always); an operation by its resource's.
    let file_of: HashMap<&str, usize> = (api.model_files.iter().enumerate())
        .map(|(i, f)| (f.module.as_str(), i))
        .collect();
    let file = |t: usize| file_of.get(api.types[t].module.as_str()).copied();
    let file_gate = |f: Option<usize>| f.map_or(&Gate::Always, |i| &api.model_files[i].gate);
    let op_gates: Vec<Gate> = (api.resources.iter())
        .map(|r| Gate::of_feature(r.feature.as_ref()))
        .collect();
    // Gates are few (one per file and per resource) and edges many, and a gate over every
    // feature is slow to compare: each pair is compared once.
    let mut implied: HashMap<(Builder, Option<usize>), bool> = HashMap::new();
    let mut breach = |by: Builder, name: &str, pointer: &str, t: usize| {
        let user = match by {
            Builder::File(f) => file_gate(f),
            Builder::Resource(r) => &op_gates[r],
        };
        let named_file = file(t);
        let named = file_gate(named_file);
        let holds = *implied
            .entry((by, named_file))
            .or_insert_with(|| user.implies(named));
        if !holds {
            diags.push(Diagnostic::error(
                pointer,
                format!(
                    "internal error: `{name}` (built {user:?}) names `{}` (built {named:?})",
                    api.types[t].name,
                ),
            ));
        }
    };
    for (from, tos) in edges(api, false).iter().enumerate() {
        let t = &api.types[from];
        for &to in tos {
            breach(Builder::File(file(from)), &t.name, &t.pointer, to);
        }
    }
    for op in &api.operations {
        let name = format!("{} {}", op.method.as_str(), op.path);
        for t in op_types(op) {
            breach(Builder::Resource(op.resource), &name, &op.pointer, t);
        }
    }
}

/// What builds a type or an operation, for [`check_gates`]: a models file (none: built
/// always) or a resource's feature.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Builder {
    File(Option<usize>),
    Resource(usize),
}

#[cfg(test)]
mod tests {
    use crate::ir::Gate;

    fn any(fs: &[&str]) -> Gate {
        Gate::Any(fs.iter().map(|f| f.to_string()).collect())
    }

    fn all(fs: &[&str]) -> Gate {
        Gate::All(fs.iter().map(|f| f.to_string()).collect())
    }

    #[test]
    fn a_gate_implies_another_when_every_build_of_it_builds_the_other() {
        let yes = [
            (Gate::Always, Gate::Always),
            (any(&["a"]), Gate::Always),
            (any(&["a"]), any(&["a", "b"])),
            (any(&["a", "b"]), any(&["a", "b", "c"])),
            (all(&["a", "b"]), any(&["b"])),
            (all(&["a", "b", "c"]), all(&["a", "c"])),
            (Gate::Always, all(&[])),
        ];
        for (user, named) in yes {
            assert!(user.implies(&named), "{user:?} => {named:?}");
        }
        let no = [
            (Gate::Always, any(&["a"])),
            (any(&["a", "b"]), any(&["a"])),
            (any(&["a"]), all(&["a", "b"])),
            (all(&["a"]), any(&["b"])),
        ];
        for (user, named) in no {
            assert!(!user.implies(&named), "{user:?} =/=> {named:?}");
        }
    }
}
