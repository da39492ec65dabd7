//! The `$ref` pass: after it every `$ref` at a position points at
//! `#/components/<section>/<name>`, so lowering resolves references through the model's
//! `components` alone.
//!
//! - A reference to a component is written in one spelling (JSON-pointer escaped, not
//!   percent-encoded).
//! - A reference to anywhere else (`#/paths/~1pets/get/responses/200/...`,
//!   `#/components/schemas/Foo/properties/bar`) has its target hoisted into the section for
//!   its kind, under a name made from the target's pointer ([`hoisted_name`]) that no other
//!   component of the section has. The target's old place becomes a `$ref` to it (a property
//!   keeps the field's documentation and access beside it), so one type results.
//! - A reference to a reference is followed to the definition (a component that is a bare
//!   `$ref` stays: it is a named alias).
//! - Path items cannot live in the model's `components`: a referenced one is copied in place.
//! - Discriminator mappings that name a reference are rewritten with it.
//!
//! Errors, each at the `$ref` in the user's file: an external reference (another file or a
//! URL), a reference that points at nothing, or at something of another kind, a chain of
//! references that comes back on itself, and components that are aliases of themselves.

use super::walk::{Kind, Position, Walked, SECTIONS};
use crate::diag::{pointer_join, unescape_token, Diagnostic};
use heck::ToUpperCamelCase;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Where a reference leads.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// `#/components/<section>/<name>`.
    Component(String, String),
    /// A definition at a position that is not a component (to hoist; for path items, to copy).
    Definition(usize),
}

/// Why a reference does not resolve.
enum Problem {
    External,
    Dangling,
    /// Points at something that is not a position of the wanted kind (`Some`: of that kind).
    NotA(Option<Kind>),
}

/// Resolves, hoists and rewrites every `$ref` the walk found; errors go to `diags`.
pub(super) fn resolve(doc: &mut Value, walked: &mut Walked, diags: &mut Vec<Diagnostic>) {
    let positions = &walked.positions;
    let mut r = Resolver {
        doc: &*doc,
        positions,
        by_origin: None,
    };
    let mut resolved = Vec::new();
    let mut failed = false;
    for (site, p) in positions.iter().enumerate() {
        if p.reference.is_none() {
            continue;
        }
        match r.follow(site) {
            Ok(target) => resolved.push((site, target)),
            Err(d) => {
                failed = true;
                diags.extend(d);
            }
        }
    }
    if failed {
        return;
    }
    let names = hoisted_names(doc, positions, &resolved);
    for (site, target) in &resolved {
        let p = &positions[*site];
        if p.kind != Kind::PathItem {
            let reference = new_reference(p.kind, target, &names);
            if let Some(Value::Object(node)) = doc.pointer_mut(&p.at) {
                node.insert("$ref".into(), Value::String(reference));
            }
        }
    }
    rewrite_mappings(doc, positions, &names);
    hoist(doc, walked, &names);
    inline_path_items(doc, walked, &resolved);
    diags.extend(alias_cycles(doc));
}

struct Resolver<'a> {
    doc: &'a Value,
    positions: &'a [Position],
    /// Origin pointer -> position, built on first need (most documents only refer to
    /// components).
    by_origin: Option<HashMap<&'a str, usize>>,
}

impl<'a> Resolver<'a> {
    /// Follows the `$ref` at `site` to where it leads. An error is reported only by the site
    /// it belongs to (`Err(None)` for a site whose chain breaks further on).
    fn follow(&mut self, site: usize) -> Result<Target, Option<Diagnostic>> {
        let kind = self.positions[site].kind;
        let mut seen = vec![site];
        let mut current = site;
        loop {
            let reference = self.positions[current].reference.as_deref().unwrap_or("");
            let p = match self.step(reference, kind) {
                Ok(Err(component)) => return Ok(component),
                Ok(Ok(p)) => p,
                Err(problem) => {
                    return Err((current == site).then(|| self.problem(site, kind, problem)))
                }
            };
            if self.positions[p].reference.is_none() {
                return Ok(Target::Definition(p));
            }
            if let Some(k) = seen.iter().position(|s| *s == p) {
                let first_of_cycle = seen[k..].iter().min() == Some(&site);
                return Err(first_of_cycle.then(|| self.cycle(site)));
            }
            seen.push(p);
            current = p;
        }
    }

    /// One hop: the component a reference names (`Ok(Err(..))`) or the position it points at.
    fn step(&mut self, reference: &str, kind: Kind) -> Result<Result<usize, Target>, Problem> {
        let Some(fragment) = reference.strip_prefix('#') else {
            return Err(Problem::External);
        };
        let pointer = percent_decode(fragment);
        if kind != Kind::PathItem {
            if let Some((section, name)) = component_root(&pointer) {
                if Kind::of_section(section) != Some(kind) {
                    return Err(Problem::NotA(Kind::of_section(section)));
                }
                if self.doc.pointer(&pointer).is_none() {
                    return Err(Problem::Dangling);
                }
                return Ok(Err(Target::Component(section.to_owned(), name)));
            }
        }
        let positions = self.positions;
        let by_origin = self.by_origin.get_or_insert_with(|| {
            let mut map = HashMap::new();
            for (i, p) in positions
                .iter()
                .enumerate()
                .filter(|(_, p)| p.origin.target)
            {
                map.entry(p.origin.pointer.as_str()).or_insert(i);
            }
            map
        });
        match by_origin.get(pointer.as_str()) {
            Some(&p) if positions[p].kind == kind => Ok(Ok(p)),
            Some(&p) => Err(Problem::NotA(Some(positions[p].kind))),
            None if self.doc.pointer(&pointer).is_some() => Err(Problem::NotA(None)),
            None => Err(Problem::Dangling),
        }
    }

    fn problem(&self, site: usize, kind: Kind, problem: Problem) -> Diagnostic {
        let p = &self.positions[site];
        let reference = p.reference.as_deref().unwrap_or("");
        let at = p.origin.pointer.clone();
        let noun = kind.noun();
        match problem {
            Problem::External => Diagnostic::error(
                at,
                format!("external `$ref` `{reference}` is not supported"),
            )
            .with_help("bundle the spec into one document first (for example `redocly bundle`)"),
            Problem::Dangling => {
                let help = match component_root(&percent_decode(&reference[1..])) {
                    Some((section, name)) => {
                        format!("define `{name}` under components/{section} or fix the reference")
                    }
                    None => "fix the reference or add the missing definition".to_owned(),
                };
                Diagnostic::error(at, format!("`$ref` `{reference}` points at nothing"))
                    .with_help(help)
            }
            Problem::NotA(found) => {
                let found =
                    found.map_or("something else".to_owned(), |k| format!("a {}", k.noun()));
                let help = match kind.section() {
                    Some(section) if kind != Kind::PathItem => {
                        format!(
                            "point it at a {noun} (reusable ones live under components/{section})"
                        )
                    }
                    _ => format!("point it at a {noun}"),
                };
                Diagnostic::error(
                    at,
                    format!("`$ref` `{reference}` points at {found}, where a {noun} belongs"),
                )
                .with_help(help)
            }
        }
    }

    fn cycle(&self, site: usize) -> Diagnostic {
        let p = &self.positions[site];
        let reference = p.reference.as_deref().unwrap_or("");
        Diagnostic::error(
            p.origin.pointer.clone(),
            format!("`$ref` chain starting at `{reference}` is cyclic"),
        )
        .with_help("make one of the references point at a definition")
    }
}

/// `$ref` values are URI fragments: `%7B` may stand for `{` in path keys.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| s.to_owned())
}

/// `/components/<section>/<name>` exactly: the section and the (unescaped) name.
fn component_root(pointer: &str) -> Option<(&str, String)> {
    let rest = pointer.strip_prefix("/components/")?;
    let (section, name) = rest.split_once('/')?;
    (!name.contains('/')).then(|| (section, unescape_token(name)))
}

fn component_ref(section: &str, name: &str) -> String {
    format!("#{}", pointer_join("/components", &[section, name]))
}

/// The definitions to hoist, by position, with their section and new name. Names are given in
/// walk order, so they do not depend on the order references were written in.
fn hoisted_names(
    doc: &Value,
    positions: &[Position],
    resolved: &[(usize, Target)],
) -> BTreeMap<usize, (&'static str, String)> {
    let mut hoisted: Vec<usize> = resolved
        .iter()
        .filter(|(site, _)| positions[*site].kind != Kind::PathItem)
        .filter_map(|(_, t)| match t {
            Target::Definition(p) => Some(*p),
            Target::Component(..) => None,
        })
        .collect();
    hoisted.sort_unstable();
    hoisted.dedup();
    let mut taken: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut names = BTreeMap::new();
    for p in hoisted {
        let Some(section) = positions[p].kind.section() else {
            continue;
        };
        let used = taken.entry(section).or_insert_with(|| {
            doc.pointer(&format!("/components/{section}"))
                .and_then(Value::as_object)
                .map(|m| m.keys().map(|k| k.to_upper_camel_case()).collect())
                .unwrap_or_default()
        });
        let base = hoisted_name(&positions[p].origin.pointer);
        let mut name = base.clone();
        let mut n = 1;
        while used.contains(&name) {
            n += 1;
            name = format!("{base}{n}");
        }
        used.insert(name.clone());
        names.insert(p, (section, name));
    }
    names
}

/// A readable component name made from a pointer's meaningful segments:
/// `/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema` ->
/// `PetsIdGet200Response`, `/components/schemas/Foo/properties/bar/items` -> `FooBarItem`
/// (a version segment of a path, `v2`, is left out).
pub(super) fn hoisted_name(pointer: &str) -> String {
    let tokens: Vec<String> = pointer.split('/').skip(1).map(unescape_token).collect();
    let mut words: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let next = tokens.get(i + 1).cloned().unwrap_or_default();
        let (take, said): (usize, Vec<String>) = match tokens[i].as_str() {
            "paths" if i == 0 => (2, path_words(&next)),
            "components" if i == 0 => (2, Vec::new()),
            "content" => (2, Vec::new()),
            "schema" => (1, Vec::new()),
            "properties" | "headers" | "$defs" | "definitions" => (2, vec![next]),
            "responses" => (2, vec![next, "response".into()]),
            "parameters" => (2, vec!["parameter".into(), next]),
            "requestBody" => (1, vec!["body".into()]),
            "items" => (1, vec!["item".into()]),
            "additionalProperties" => (1, vec!["value".into()]),
            "allOf" => (2, vec![format!("part {}", index_plus_one(&next))]),
            "oneOf" | "anyOf" => (2, vec![format!("variant {}", index_plus_one(&next))]),
            other => (1, vec![other.to_owned()]),
        };
        words.extend(said.into_iter().filter(|w| !w.is_empty()));
        i += take;
    }
    let name = words.join(" ").to_upper_camel_case();
    if name.is_empty() {
        "Hoisted".to_owned()
    } else {
        name
    }
}

/// The words of a path template: its segments without braces, and without a version segment
/// (`v2`) when there are others.
fn path_words(path: &str) -> Vec<String> {
    let words: Vec<&str> = path
        .split(['/', '{', '}'])
        .filter(|w| !w.is_empty())
        .collect();
    let is_version = |w: &&str| {
        let mut chars = w.chars();
        chars.next() == Some('v')
            && chars.next().is_some_and(|c| c.is_ascii_digit())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '.')
    };
    let kept: Vec<&str> = words.iter().copied().filter(|w| !is_version(w)).collect();
    let kept = if kept.is_empty() { words } else { kept };
    kept.into_iter().map(str::to_owned).collect()
}

fn index_plus_one(token: &str) -> String {
    token
        .parse::<usize>()
        .map_or_else(|_| token.to_owned(), |i| (i + 1).to_string())
}

fn new_reference(
    kind: Kind,
    target: &Target,
    names: &BTreeMap<usize, (&'static str, String)>,
) -> String {
    match target {
        Target::Component(section, name) => component_ref(section, name),
        Target::Definition(p) => match names.get(p) {
            Some((section, name)) => component_ref(section, name),
            None => component_ref(kind.section().unwrap_or_default(), ""),
        },
    }
}

/// Discriminator mappings that are references follow the references they name.
fn rewrite_mappings(
    doc: &mut Value,
    positions: &[Position],
    names: &BTreeMap<usize, (&'static str, String)>,
) {
    let read: &Value = doc;
    let mut r = Resolver {
        doc: read,
        positions,
        by_origin: None,
    };
    let mut edits = Vec::new();
    for p in positions.iter().filter(|p| p.mapping) {
        let Some(Value::Object(mapping)) = read.pointer(&format!("{}/discriminator/mapping", p.at))
        else {
            continue;
        };
        for (tag, target) in mapping {
            let Some(reference) = target.as_str().filter(|t| t.starts_with('#')) else {
                continue;
            };
            let new = match r.step(reference, Kind::Schema) {
                Ok(Err(component)) => new_reference(Kind::Schema, &component, names),
                Ok(Ok(def)) if names.contains_key(&def) => {
                    new_reference(Kind::Schema, &Target::Definition(def), names)
                }
                _ => continue,
            };
            edits.push((format!("{}/discriminator/mapping", p.at), tag.clone(), new));
        }
    }
    for (at, tag, new) in edits {
        if let Some(Value::Object(mapping)) = doc.pointer_mut(&at) {
            mapping.insert(tag, Value::String(new));
        }
    }
}

/// Whether a pointer names the schema of a property.
fn is_property(at: &str) -> bool {
    let mut tokens = at.rsplit('/');
    tokens.next();
    tokens.next() == Some("properties")
}

/// What a property's schema keeps beside the `$ref` that replaces it: the field's documentation
/// and access, which lowering reads from the property itself.
const KEPT_BESIDE_REF: [&str; 6] = [
    "title",
    "description",
    "default",
    "readOnly",
    "writeOnly",
    "deprecated",
];

/// Moves each hoisted definition into its section (deepest first, so each pointer is still
/// valid when its turn comes) and leaves a `$ref` in its place.
fn hoist(doc: &mut Value, walked: &mut Walked, names: &BTreeMap<usize, (&'static str, String)>) {
    if names.is_empty() {
        return;
    }
    // Claim the names in walk order, so the sections list them in that order.
    for (section, name) in names.values() {
        if let Some(entries) = section_mut(doc, section) {
            entries.insert(name.clone(), Value::Null);
        }
    }
    let mut order: Vec<usize> = names.keys().copied().collect();
    order.sort_by_key(|p| std::cmp::Reverse(walked.positions[*p].at.matches('/').count()));
    for p in order {
        let (section, name) = &names[&p];
        let position = &walked.positions[p];
        let reference = component_ref(section, name);
        let Some(node) = doc.pointer_mut(&position.at) else {
            continue;
        };
        let mut replacement = Map::new();
        if is_property(&position.at) {
            for key in KEPT_BESIDE_REF {
                if let Some(v) = node.get(key) {
                    replacement.insert(key.into(), v.clone());
                }
            }
        }
        let replacement = if replacement.is_empty() {
            json!({ "$ref": reference })
        } else {
            replacement.insert("allOf".into(), json!([{ "$ref": reference }]));
            Value::Object(replacement)
        };
        let definition = std::mem::replace(node, replacement);
        if let Some(entries) = section_mut(doc, section) {
            entries.insert(name.clone(), definition);
        }
        let to = pointer_join("/components", &[section, name]);
        rebase(&mut walked.moves, &position.at, &to);
        walked.moves.push((to, position.origin.pointer.clone()));
    }
}

/// `components/<section>`, made if missing.
fn section_mut<'d>(doc: &'d mut Value, section: &str) -> Option<&'d mut Map<String, Value>> {
    let components = doc
        .as_object_mut()?
        .entry("components")
        .or_insert_with(|| json!({}))
        .as_object_mut()?;
    components
        .entry(section)
        .or_insert_with(|| json!({}))
        .as_object_mut()
}

/// Moves recorded under `from` now live under `to`.
fn rebase(moves: &mut [(String, String)], from: &str, to: &str) {
    for (at, _) in moves.iter_mut() {
        if at == from || at.starts_with(&format!("{from}/")) {
            *at = format!("{to}{}", &at[from.len()..]);
        }
    }
}

/// Copies each referenced path item into the place of the reference (keywords written beside
/// the `$ref` are kept where the definition has none).
fn inline_path_items(doc: &mut Value, walked: &mut Walked, resolved: &[(usize, Target)]) {
    for (site, target) in resolved {
        let (site, Target::Definition(def)) = (&walked.positions[*site], target) else {
            continue;
        };
        if site.kind != Kind::PathItem {
            continue;
        }
        let definition = &walked.positions[*def];
        let Some(Value::Object(mut copy)) = doc.pointer(&definition.at).cloned() else {
            continue;
        };
        let Some(Value::Object(node)) = doc.pointer_mut(&site.at) else {
            continue;
        };
        for (k, v) in std::mem::take(node) {
            if k != "$ref" {
                copy.entry(k).or_insert(v);
            }
        }
        *node = copy;
        walked
            .moves
            .push((site.at.clone(), definition.origin.pointer.clone()));
    }
}

/// Components that are aliases of themselves through bare `$ref`s: one error per cycle, at its
/// first member.
fn alias_cycles(doc: &Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for kind in SECTIONS.into_iter().filter(|k| *k != Kind::PathItem) {
        let section = kind.section().unwrap_or_default();
        let Some(entries) = doc
            .pointer(&format!("/components/{section}"))
            .and_then(Value::as_object)
        else {
            continue;
        };
        let alias = |name: &str| -> Option<String> {
            let node = entries.get(name)?.as_object()?;
            let reference = node.get("$ref")?.as_str()?.strip_prefix('#')?;
            let (s, target) = component_root(reference)?;
            (node.len() == 1 && s == section).then_some(target)
        };
        let order: HashMap<&str, usize> = entries
            .keys()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        for start in entries.keys() {
            let mut chain = vec![start.clone()];
            while let Some(next) = alias(chain.last().map_or("", String::as_str)) {
                if let Some(k) = chain.iter().position(|c| *c == next) {
                    let cycle = &chain[k..];
                    let first = cycle.iter().min_by_key(|c| order.get(c.as_str()));
                    if first == Some(start) {
                        out.push(alias_cycle(kind, start, cycle));
                    }
                    break;
                }
                if chain.len() > entries.len() {
                    break;
                }
                chain.push(next);
            }
        }
    }
    out
}

fn alias_cycle(kind: Kind, name: &str, cycle: &[String]) -> Diagnostic {
    let section = kind.section().unwrap_or_default();
    let mut path: Vec<&str> = cycle.iter().map(String::as_str).collect();
    path.push(name);
    Diagnostic::error(
        pointer_join("/components", &[section, name]),
        format!(
            "{} `{name}` is an alias of itself through `$ref`s ({})",
            kind.noun(),
            path.join(" -> ")
        ),
    )
    .with_help(format!(
        "one of the {}s in the cycle must be defined instead of referring on",
        kind.noun()
    ))
}
