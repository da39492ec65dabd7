//! The pass that decides the command line generated beside the SDK, from the IR the SDK was
//! built from (resources, operations, builder inputs, types), so emit only prints it.
//!
//! Rules:
//! - a resource with operations is a group named by its path, each segment in kebab-case,
//!   joined by `:` (`admin:api-keys`); the root resource's operations are top-level
//!   commands; a command is its SDK method in kebab-case (`retrieve-spending-limit`). A name
//!   the built-in commands take (`auth`, `completion`, `help`) gets a number (`auth-2`);
//! - flags are decided per command by [`flags`]: one per builder input, in kebab-case of the
//!   wire name, objects also as dotted flags;
//! - the binary is named after the crate; the API key is also read from the variables
//!   `x-sdk: {cli: {env-aliases: [..]}}` lists, after `<PREFIX>_API_KEY`;
//! - `--debug` redacts every field typed as a secret; a command prints a secret only when
//!   its response holds one (the point of creating an API key).

mod flags;

use crate::diag::Diagnostic;
use crate::ir::{Api, Cli, CliCommand, CliGroup, Ty, TypeKind};
use crate::load::Spec;
use crate::naming::{self, Scope};
use rayon::prelude::*;
use std::collections::BTreeSet;

/// The runtime's global flags (`generator/runtime/src/cli/app.rs`, `GLOBAL_FLAGS`): no
/// command's flag may take one.
pub(crate) const GLOBAL_FLAGS: &[&str] = &[
    "api-key",
    "base-url",
    "body",
    "debug",
    "format",
    "help",
    "max-items",
    "max-retries",
    "timeout",
    "transform",
    "version",
];

/// The runtime's built-in commands (`BUILTIN_COMMANDS` there).
const BUILTIN_COMMANDS: &[&str] = &["auth", "completion", "help"];

/// Decides the whole command line.
pub(super) fn decide(api: &Api, spec: &Spec, diags: &mut Vec<Diagnostic>) -> Cli {
    let mut top = Scope::with_reserved(BUILTIN_COMMANDS);
    let mut cli = Cli {
        bin_name: api.config.crate_name.clone(),
        env_aliases: env_aliases(spec, diags),
        secret_fields: secret_fields(api),
        commands: Vec::new(),
        groups: Vec::new(),
    };
    let holders = secret_holders(api);
    // Names are claimed in order, one resource after another: each resource's number of
    // commands, and each command's operation and name.
    let (mut counts, mut jobs) = (Vec::new(), Vec::new());
    for (r, resource) in api.resources.iter().enumerate() {
        if resource.operations.is_empty() {
            continue;
        }
        // Inside a group only `help` is taken; at the top the built-ins are too.
        let mut names = Scope::with_reserved(&["help"]);
        let scope = if r == 0 { &mut top } else { &mut names };
        for &o in &resource.operations {
            let name = claim(scope, &naming::kebab_name(&api.operations[o].rust_method));
            jobs.push((o, name));
        }
        counts.push((r, resource.operations.len()));
    }
    // A command depends only on its operation and name: all are decided on all cores at once.
    let decided: Vec<CliCommand> = (jobs.into_par_iter())
        .map(|(o, name)| flags::command(api, &holders, o, name))
        .collect();
    let mut decided = decided.into_iter();
    for (r, count) in counts {
        let commands = decided.by_ref().take(count).collect();
        match r {
            0 => cli.commands = commands,
            _ => cli.groups.push(group(api, r, &mut top, commands)),
        }
    }
    cli
}

/// The group of resource `r`'s commands, its name claimed at the top.
fn group(api: &Api, r: usize, top: &mut Scope, commands: Vec<CliCommand>) -> CliGroup {
    let resource = &api.resources[r];
    let path: Vec<String> = resource
        .path
        .iter()
        .map(|s| naming::kebab_name(s))
        .collect();
    let doc = &resource.doc;
    let text = doc.summary.as_deref().or(doc.description.as_deref());
    let long_about = text.map_or_else(
        || format!("The {} commands.", path.join(":")),
        |text| text.split_whitespace().collect::<Vec<_>>().join(" "),
    );
    CliGroup {
        name: claim(top, &path.join(":")),
        resource: r,
        about: first_sentence(&long_about),
        long_about,
        commands,
    }
}

/// Text up to the end of its first sentence.
pub(crate) fn first_sentence(text: &str) -> String {
    match text.find(". ") {
        Some(end) => text[..=end].to_owned(),
        None => text.to_owned(),
    }
}

/// `name`, or `name-2`, `name-3`.. when it is taken.
pub(crate) fn claim(scope: &mut Scope, name: &str) -> String {
    let free = std::iter::once(name.to_owned())
        .chain((2..).map(|n| format!("{name}-{n}")))
        .find(|candidate| !scope.is_taken(candidate))
        .unwrap_or_else(|| name.to_owned());
    scope.claim(&free)
}

/// `x-sdk: {cli: {env-aliases: [NAME, ..]}}`: other variables the API key is read from.
/// Isolated here so the loading of `x-sdk` can move without touching the rest.
fn env_aliases(spec: &Spec, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let names = &spec.sdk.cli.env_aliases;
    if names.iter().all(|s| is_env_name(s)) {
        return names.clone();
    }
    diags.push(Diagnostic::warning(
        "/x-sdk/cli/env-aliases",
        "env-aliases must be environment variable names (A-Z, 0-9, _); ignored",
    ));
    Vec::new()
}

fn is_env_name(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Wire names of the struct fields typed as secrets, anywhere in the API.
fn secret_fields(api: &Api) -> Vec<String> {
    let mut out = BTreeSet::new();
    for t in &api.types {
        if let TypeKind::Struct { fields, .. } = &t.kind {
            for f in fields {
                if is_plain_secret(&f.ty) {
                    out.insert(f.wire_name.clone());
                }
            }
        }
    }
    out.into_iter().collect()
}

/// A secret string, possibly optional or in a list (not a struct holding one).
fn is_plain_secret(ty: &Ty) -> bool {
    match ty {
        Ty::Secret => true,
        Ty::Option(inner) | Ty::Vec(inner) | Ty::Boxed(inner) => is_plain_secret(inner),
        _ => false,
    }
}

/// Per type: whether a value of it holds a secret somewhere (in a field, an item, a branch).
/// Decided once for the API (a fixpoint over the types), since a big API's commands reach
/// much of its type graph.
pub(crate) fn secret_holders(api: &Api) -> Vec<bool> {
    let mut holds = vec![false; api.types.len()];
    loop {
        let mut changed = false;
        for (i, t) in api.types.iter().enumerate() {
            let now = match &t.kind {
                TypeKind::Struct { fields, extra } => {
                    fields.iter().any(|f| holds_secret(&f.ty, &holds))
                        || extra.as_ref().is_some_and(|e| holds_secret(e, &holds))
                }
                TypeKind::Union { variants, .. } => {
                    variants.iter().any(|v| holds_secret(&v.ty, &holds))
                }
                TypeKind::Alias(inner) | TypeKind::Newtype(inner) => holds_secret(inner, &holds),
                TypeKind::Enum { .. } => false,
            };
            if now && !holds[i] {
                holds[i] = true;
                changed = true;
            }
        }
        if !changed {
            return holds;
        }
    }
}

/// Whether a value of `ty` holds a secret somewhere, given [`secret_holders`].
pub(crate) fn holds_secret(ty: &Ty, holders: &[bool]) -> bool {
    match ty {
        Ty::Secret => true,
        Ty::Option(inner) | Ty::Vec(inner) | Ty::Map(inner) | Ty::Boxed(inner) => {
            holds_secret(inner, holders)
        }
        Ty::Named(id) => holders[id.0],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_names_mirror_the_runtime() {
        let app = include_str!("../../runtime/src/cli/app.rs");
        let list = |name: &str| {
            let start = app.find(&format!("pub const {name}")).unwrap();
            let end = start + app[start..].find("];").unwrap();
            app[start..end]
                .split('"')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        assert_eq!(list("GLOBAL_FLAGS"), GLOBAL_FLAGS);
        assert_eq!(list("BUILTIN_COMMANDS"), BUILTIN_COMMANDS);
    }

    #[test]
    fn claimed_names_get_numbers() {
        let mut s = Scope::with_reserved(BUILTIN_COMMANDS);
        assert_eq!(claim(&mut s, "auth"), "auth-2");
        assert_eq!(claim(&mut s, "admin:workspaces"), "admin:workspaces");
        assert_eq!(claim(&mut s, "auth"), "auth-3");
    }

    #[test]
    fn env_names() {
        assert!(is_env_name("BOLTZ_COMPUTE_API_KEY"));
        assert!(!is_env_name("lower"));
        assert!(!is_env_name("1X"));
        assert!(!is_env_name(""));
    }
}
