//! Named passes over the lowered IR, run in this order by [`super::lower`]:
//! 1. `check_alias_cycles`: `A = B`, `B = A` cannot be typed (an error); an alias that refers
//!    to itself through a container becomes a newtype;
//! 2. `break_cycles`: a type that contains itself by value gets a `Box` on the cycle's edges;
//! 3. `assign_modules`: which file of `models/` each type is written to.
//!
//! The passes in `marks` and `inputs` follow them.

use crate::diag::Diagnostic;
use crate::ir::{Api, Success, Ty, TypeId, TypeKind};
use std::collections::{BTreeSet, VecDeque};

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

fn edges(api: &Api, by_value_only: bool) -> Vec<Vec<usize>> {
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

/// Strongly connected components (iterative Tarjan); returns each node's component and
/// whether that component is a cycle (more than one node, or a self-loop).
fn sccs(graph: &[Vec<usize>]) -> (Vec<usize>, Vec<bool>) {
    let n = graph.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut cyclic = Vec::new();
    let mut next = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some((v, i)) = work.pop() {
            if i == 0 {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if i < graph[v].len() {
                work.push((v, i + 1));
                let w = graph[v][i];
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            if low[v] == index[v] {
                let c = cyclic.len();
                let mut size = 0;
                loop {
                    let w = stack.pop().expect("tarjan stack holds v");
                    on_stack[w] = false;
                    comp[w] = c;
                    size += 1;
                    if w == v {
                        break;
                    }
                }
                cyclic.push(size > 1 || graph[v].contains(&v));
            }
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
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

pub fn assign_modules(api: &mut Api) {
    let graph = edges(api, false);
    let mut users: Vec<BTreeSet<String>> = vec![BTreeSet::new(); api.types.len()];
    for op in &api.operations {
        let module = match api.resources[op.resource].module.as_str() {
            "" => "client".to_owned(),
            m => m.to_owned(),
        };
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
        let mut queue: VecDeque<usize> = roots.into();
        while let Some(t) = queue.pop_front() {
            if users[t].insert(module.clone()) {
                queue.extend(graph[t].iter().copied());
            }
        }
    }
    for (t, u) in api.types.iter_mut().zip(users) {
        t.module = if u.len() == 1 {
            u.into_iter().next().unwrap_or_default()
        } else {
            "shared".to_owned()
        };
    }
}
