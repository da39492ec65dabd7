//! Named passes over the lowered IR, run in this order by [`super::lower`]:
//! 1. `check_alias_cycles`: `A = B`, `B = A` cannot be typed (an error); an alias that refers
//!    to itself through a container becomes a newtype;
//! 2. `break_cycles`: a type that contains itself by value gets a `Box` on the cycle's edges;
//! 3. `assign_modules`: which file of `models/` each type is written to.
//!
//! The passes in `marks` and `inputs` follow them.

use crate::diag::Diagnostic;
use crate::ir::{Api, Operation, Success, Ty, TypeId, TypeKind};
use crate::naming::{file_module_name, Scope};
use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// Calls `f` for every named type in `ty`, with whether it is reached by value (not through
/// a `Vec`, a map or a `Box`).
pub(super) fn visit(ty: &Ty, by_value: bool, f: &mut impl FnMut(TypeId, bool)) {
    match ty {
        Ty::Named(id) => f(*id, by_value),
        Ty::Option(inner) => visit(inner, by_value, f),
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Boxed(inner) => visit(inner, false, f),
        _ => {}
    }
}

pub(super) fn kind_tys(kind: &TypeKind) -> Vec<&Ty> {
    match kind {
        TypeKind::Struct { fields, extra } => {
            fields.iter().map(|f| &f.ty).chain(extra.iter()).collect()
        }
        TypeKind::Union { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(t) | TypeKind::Newtype(t) => vec![t],
        TypeKind::Enum { .. } => Vec::new(),
    }
}

pub(super) fn edges(api: &Api, by_value_only: bool) -> Vec<Vec<usize>> {
    api.types
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            for ty in kind_tys(&t.kind) {
                visit(ty, true, &mut |id, by_value| {
                    if by_value || !by_value_only {
                        out.push(id.0);
                    }
                });
            }
            out
        })
        .collect()
}

/// Strongly connected components of the graph whose adjacency lists are `graph` (petgraph's
/// Kosaraju, which is iterative, so a long chain of types cannot overflow the stack); returns
/// each node's component and whether that component is a cycle (more than one node, or a
/// self-loop).
fn sccs(graph: &[Vec<usize>]) -> (Vec<usize>, Vec<bool>) {
    let mut g = DiGraph::<(), ()>::with_capacity(graph.len(), graph.iter().map(Vec::len).sum());
    let nodes: Vec<NodeIndex> = graph.iter().map(|_| g.add_node(())).collect();
    for (from, tos) in graph.iter().enumerate() {
        for &to in tos {
            g.add_edge(nodes[from], nodes[to], ());
        }
    }
    let mut comp = vec![0; graph.len()];
    let mut cyclic = Vec::new();
    for (c, members) in kosaraju_scc(&g).into_iter().enumerate() {
        cyclic.push(members.len() > 1 || members.iter().any(|&v| g.contains_edge(v, v)));
        for v in members {
            comp[v.index()] = c;
        }
    }
    (comp, cyclic)
}

pub fn check_alias_cycles(api: &mut Api, diags: &mut Vec<Diagnostic>) {
    for start in 0..api.types.len() {
        let mut seen = vec![start];
        let mut cur = start;
        while let TypeKind::Alias(Ty::Named(next)) = &api.types[cur].kind {
            if next.0 == start {
                diags.push(
                    Diagnostic::error(
                        api.types[start].pointer.clone(),
                        format!("schema `{}` is an alias of itself through `$ref`s", api.types[start].name),
                    )
                    .with_help("one of the schemas in the cycle must define a type instead of referring on"),
                );
                api.types[start].kind = TypeKind::Alias(Ty::Json);
                break;
            }
            if seen.contains(&next.0) {
                break;
            }
            seen.push(next.0);
            cur = next.0;
        }
    }
    let graph = edges(api, false);
    let (comp, cyclic) = sccs(&graph);
    for (i, t) in api.types.iter_mut().enumerate() {
        if cyclic[comp[i]] {
            if let TypeKind::Alias(ty) = &t.kind {
                t.kind = TypeKind::Newtype(ty.clone());
            }
        }
    }
}

fn box_edges(ty: &mut Ty, comp: &[usize], me: usize) {
    match ty {
        Ty::Named(id) if comp[id.0] == comp[me] => *ty = Ty::Boxed(Box::new(ty.clone())),
        Ty::Option(inner) => box_edges(inner, comp, me),
        _ => {}
    }
}

pub fn break_cycles(api: &mut Api) {
    let graph = edges(api, true);
    let (comp, cyclic) = sccs(&graph);
    for (i, t) in api.types.iter_mut().enumerate() {
        if !cyclic[comp[i]] {
            continue;
        }
        match &mut t.kind {
            TypeKind::Struct { fields, extra } => {
                for f in fields {
                    box_edges(&mut f.ty, &comp, i);
                }
                if let Some(e) = extra {
                    box_edges(e, &comp, i);
                }
            }
            TypeKind::Union { variants, .. } => {
                for v in variants {
                    box_edges(&mut v.ty, &comp, i);
                }
            }
            TypeKind::Newtype(ty) => box_edges(ty, &comp, i),
            TypeKind::Alias(_) | TypeKind::Enum { .. } => {}
        }
    }
}

/// The top-level resource (a child of the root) each resource belongs to. The root is its
/// own top level (0) when operations hang from it, so that they get a feature like any
/// resource's (`root`); otherwise `None`.
pub(super) fn top_levels(api: &Api) -> Vec<Option<usize>> {
    let mut top = vec![None; api.resources.len()];
    if !api.resources[0].operations.is_empty() {
        top[0] = Some(0);
    }
    let mut stack: Vec<(usize, Option<usize>)> = api.resources[0]
        .children
        .iter()
        .map(|&c| (c, Some(c)))
        .collect();
    while let Some((r, t)) = stack.pop() {
        top[r] = t;
        stack.extend(api.resources[r].children.iter().map(|&c| (c, t)));
    }
    top
}

/// The types an operation names directly: its parameters', its body's and its success
/// response's.
pub(super) fn op_types(op: &Operation) -> Vec<usize> {
    let mut roots = Vec::new();
    let mut add = |ty: &Ty| visit(ty, true, &mut |id, _| roots.push(id.0));
    for p in &op.params {
        add(&p.ty);
    }
    if let Some(b) = &op.body {
        add(&b.ty);
    }
    match &op.success {
        Success::One(r) => {
            if let Some(t) = &r.ty {
                add(t);
            }
        }
        Success::ByStatus { type_id, .. } => roots.push(type_id.0),
    }
    roots
}

/// Which file of `models/` each type goes to: the file of the one resource that uses it;
/// else the file of the one top-level resource all its users are under (so a cargo feature
/// per top-level resource gates whole files); else a file for the set of top-level resources
/// that use it. The root, when operations hang from it, counts as a top-level resource whose
/// file is `client`. Types no operation reaches go to `unreferenced`, built when every
/// resource is (so whatever they name is built too); error bodies among them that name no
/// gated type go to `shared`, always built.
pub fn assign_modules(api: &mut Api) -> ModulePlan {
    let graph = edges(api, false);
    let tops = top_levels(api);
    // Users of each type, as resource indices (0 for the root), ascending: the operations are
    // walked a resource at a time, so a type's last user tells whether this one is new.
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); api.types.len()];
    let mut by_resource: Vec<&Operation> = api.operations.iter().collect();
    by_resource.sort_by_key(|op| op.resource);
    for op in by_resource {
        let mut queue: VecDeque<usize> = op_types(op).into();
        while let Some(t) = queue.pop_front() {
            if users[t].last() != Some(&op.resource) {
                users[t].push(op.resource);
                queue.extend(graph[t].iter().copied());
            }
        }
    }
    let module_of = |r: usize| Place::Resource(models_module(api, r).to_owned());
    // Every resource with operations has a top level (`top_levels`), so users have one too.
    let placed: Vec<Place> = users
        .iter()
        .map(|u| {
            let top: BTreeSet<usize> = u.iter().filter_map(|&r| tops[r]).collect();
            match (u.len(), top.len(), top.first()) {
                (0, _, _) => Place::Unreferenced,
                (1, _, _) => module_of(*u.first().unwrap_or(&0)),
                (_, 1, Some(&t)) => module_of(t),
                _ => Place::Group(top.into_iter().collect()),
            }
        })
        .collect();
    let errors = error_bodies(api, &graph);
    let placed = keep_ungated_error_bodies(&graph, placed, &errors);
    let (groups, unreferenced) = group_modules(api, &placed);
    for (t, place) in api.types.iter_mut().zip(placed) {
        t.module = match place {
            Place::Resource(module) => module,
            Place::Shared => "shared".to_owned(),
            Place::Group(tops) => groups[&tops].clone(),
            Place::Unreferenced => unreferenced.clone(),
        };
    }
    ModulePlan {
        groups: groups.into_iter().map(|(tops, m)| (m, tops)).collect(),
        unreferenced,
    }
}

/// The file of `models/` for the types only resource `r` uses: its module, or `client` for
/// the root.
pub(super) fn models_module(api: &Api, r: usize) -> &str {
    match r {
        0 => "client",
        _ => &api.resources[r].module,
    }
}

/// The models files [`assign_modules`] made beside the resources' own, for
/// `gates::decide_features` to gate.
pub struct ModulePlan {
    /// Each file of types several top-level resources share, with those resources.
    pub groups: BTreeMap<String, Vec<usize>>,
    /// The file of types no operation uses.
    pub unreferenced: String,
}

/// The types error responses refer to (`$ref`), and all they reach: an SDK user decodes
/// them from an error's body, whichever resource the error came from.
fn error_bodies(api: &Api, graph: &[Vec<usize>]) -> Vec<bool> {
    let mut by_pointer: HashMap<&str, usize> = HashMap::new();
    for (i, t) in api.types.iter().enumerate() {
        by_pointer.entry(t.pointer.as_str()).or_insert(i);
    }
    let mut queue: Vec<usize> = (api.operations.iter())
        .flat_map(|op| &op.responses)
        .filter_map(|r| by_pointer.get(r.schema.as_deref()?).copied())
        .collect();
    let mut reached = vec![false; graph.len()];
    while let Some(t) = queue.pop() {
        if !std::mem::replace(&mut reached[t], true) {
            queue.extend(graph[t].iter().copied());
        }
    }
    reached
}

/// An error body no operation otherwise uses goes to `shared` and is always built, when it
/// names no type behind a feature, directly or not. Every other type no operation uses
/// waits for every resource: a large API's unused schemas cost nothing until `full`.
fn keep_ungated_error_bodies(
    graph: &[Vec<usize>],
    placed: Vec<Place>,
    errors: &[bool],
) -> Vec<Place> {
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); graph.len()];
    for (from, tos) in graph.iter().enumerate() {
        for &to in tos {
            users[to].push(from);
        }
    }
    let gated = |p: &Place| matches!(p, Place::Resource(_) | Place::Group(_));
    let mut reaches_gated = vec![false; graph.len()];
    let mut queue: VecDeque<usize> = (0..graph.len()).filter(|&t| gated(&placed[t])).collect();
    while let Some(t) = queue.pop_front() {
        if !std::mem::replace(&mut reaches_gated[t], true) {
            queue.extend(users[t].iter().copied());
        }
    }
    (placed.into_iter().enumerate())
        .map(|(t, p)| match p {
            Place::Unreferenced if errors[t] && !reaches_gated[t] => Place::Shared,
            p => p,
        })
        .collect()
}

/// Where [`assign_modules`] puts a type.
enum Place {
    /// A resource's own file, behind its feature.
    Resource(String),
    /// `shared`, always built.
    Shared,
    /// Shared by these top-level resources (0: the root's operations).
    Group(Vec<usize>),
    /// Used by no operation.
    Unreferenced,
}

/// A file for each set of top-level resources that share types (`shared_accounts_and_users`),
/// gated by any of their features, so that a crate with one resource on compiles only the
/// shared types that resource reaches; and the name of the file of types no operation uses
/// (`unreferenced`). Names are unique among the resources' modules.
fn group_modules(api: &Api, placed: &[Place]) -> (BTreeMap<Vec<usize>, String>, String) {
    let taken: Vec<&str> = (api.resources.iter().map(|r| r.module.as_str()))
        .chain(["shared", "client", "mod"])
        .collect();
    let mut names = Scope::with_reserved(&taken);
    let unreferenced = names.claim("unreferenced");
    let mut groups: BTreeMap<Vec<usize>, String> = BTreeMap::new();
    for place in placed {
        let Place::Group(tops) = place else { continue };
        if !groups.contains_key(tops) {
            let joined: Vec<&str> = tops.iter().map(|&t| models_module(api, t)).collect();
            let raw = format!("shared_{}", joined.join("_and_"));
            groups.insert(tops.clone(), names.claim(&file_module_name(&raw)));
        }
    }
    (groups, unreferenced)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Field, Presence, TypeDef};

    fn api(types: Vec<(&str, TypeKind)>) -> Api {
        Api {
            types: types
                .into_iter()
                .map(|(name, kind)| {
                    TypeDef::new(name, &format!("/components/schemas/{name}"), kind)
                })
                .collect(),
            ..Api::default()
        }
    }

    fn named(i: usize) -> Ty {
        Ty::Named(TypeId(i))
    }

    fn boxed(ty: Ty) -> Ty {
        Ty::Boxed(Box::new(ty))
    }

    fn strukt(fields: Vec<(&str, Ty)>) -> TypeKind {
        TypeKind::Struct {
            fields: fields
                .into_iter()
                .map(|(name, ty)| Field::new(name, name, ty, Presence::Required))
                .collect(),
            extra: None,
        }
    }

    fn field_tys(api: &Api, i: usize) -> Vec<Ty> {
        match &api.types[i].kind {
            TypeKind::Struct { fields, .. } => fields.iter().map(|f| f.ty.clone()).collect(),
            other => panic!("not a struct: {other:?}"),
        }
    }

    #[test]
    fn an_alias_of_itself_is_an_error_and_becomes_json() {
        let mut api = api(vec![("A", TypeKind::Alias(named(0)))]);
        let mut diags = Vec::new();
        check_alias_cycles(&mut api, &mut diags);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(
            diags[0].message.contains("`A` is an alias of itself"),
            "{diags:?}"
        );
        assert_eq!(diags[0].pointer, "/components/schemas/A");
        assert_eq!(api.types[0].kind, TypeKind::Alias(Ty::Json));
    }

    #[test]
    fn two_aliases_of_each_other_are_one_error() {
        let mut api = api(vec![
            ("A", TypeKind::Alias(named(1))),
            ("B", TypeKind::Alias(named(0))),
        ]);
        let mut diags = Vec::new();
        check_alias_cycles(&mut api, &mut diags);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(api.types[0].kind, TypeKind::Alias(Ty::Json));
        assert_eq!(api.types[1].kind, TypeKind::Alias(named(0)));
    }

    #[test]
    fn an_alias_cycle_through_a_container_becomes_newtypes() {
        let mut api = api(vec![
            ("List", TypeKind::Alias(Ty::Vec(Box::new(named(0))))),
            ("M", TypeKind::Alias(Ty::Map(Box::new(named(2))))),
            ("N", TypeKind::Alias(Ty::Option(Box::new(named(1))))),
            ("Plain", TypeKind::Alias(Ty::Vec(Box::new(Ty::String)))),
        ]);
        let mut diags = Vec::new();
        check_alias_cycles(&mut api, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let kinds: Vec<&TypeKind> = api.types.iter().map(|t| &t.kind).collect();
        assert!(
            matches!(kinds[0], TypeKind::Newtype(Ty::Vec(_))),
            "{kinds:?}"
        );
        assert!(
            matches!(kinds[1], TypeKind::Newtype(Ty::Map(_))),
            "{kinds:?}"
        );
        assert!(
            matches!(kinds[2], TypeKind::Newtype(Ty::Option(_))),
            "{kinds:?}"
        );
        assert!(matches!(kinds[3], TypeKind::Alias(_)), "{kinds:?}");
    }

    #[test]
    fn a_self_loop_by_value_is_boxed() {
        let mut api = api(vec![(
            "Node",
            strukt(vec![
                ("next", Ty::Option(Box::new(named(0)))),
                ("value", Ty::String),
            ]),
        )]);
        break_cycles(&mut api);
        assert_eq!(
            field_tys(&api, 0),
            vec![Ty::Option(Box::new(boxed(named(0)))), Ty::String]
        );
    }

    #[test]
    fn a_two_cycle_is_boxed_on_both_edges_and_nothing_else() {
        let mut api = api(vec![
            ("A", strukt(vec![("b", named(1)), ("leaf", named(2))])),
            ("B", strukt(vec![("a", Ty::Option(Box::new(named(0))))])),
            ("Leaf", strukt(vec![("x", Ty::String)])),
        ]);
        break_cycles(&mut api);
        assert_eq!(field_tys(&api, 0), vec![boxed(named(1)), named(2)]);
        assert_eq!(
            field_tys(&api, 1),
            vec![Ty::Option(Box::new(boxed(named(0))))]
        );
        assert_eq!(field_tys(&api, 2), vec![Ty::String]);
    }

    #[test]
    fn a_cycle_through_a_vec_or_a_map_is_not_boxed() {
        let vec_of = |i| Ty::Vec(Box::new(named(i)));
        let mut api = api(vec![
            ("Tree", strukt(vec![("children", vec_of(0))])),
            ("A", strukt(vec![("bs", Ty::Map(Box::new(named(2))))])),
            ("B", strukt(vec![("a", named(1))])),
        ]);
        let before = api.clone();
        break_cycles(&mut api);
        assert_eq!(api, before);
    }

    #[test]
    fn components_of_a_long_chain_do_not_overflow_the_stack() {
        let n = 200_000;
        let mut graph: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        graph[n - 1] = vec![0];
        graph.push(vec![]);
        let (comp, cyclic) = sccs(&graph);
        assert!(comp[..n].iter().all(|&c| c == comp[0]));
        assert!(cyclic[comp[0]]);
        assert!(!cyclic[comp[n]]);
    }
}
