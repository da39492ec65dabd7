//! `diff`: what a spec change does to the generated crate's users.
//!
//! Both specs are loaded and lowered (nothing is emitted), and the two [`Api`]s are
//! compared: the Rust surface (resources, methods, builders, setters, models, fields,
//! variants, types) and the wire contract (paths, parameters, required-ness, nullability,
//! enums, constraints, defaults, statuses, media types, security). Each finding is a
//! [`Change`] with a severity, the side it flows on, the Rust item, JSON pointers into both
//! specs, a one-line reason and a rule id from [`RULES`]. The verdict ([`Bump`]) is the bump
//! of the most severe change: `major` (breaking), `minor` (additive), `patch` (compatible,
//! documentation included) or `none` (no change reaches the crate or the wire).
//!
//! The rules assume generated crates that can grow: response models and every enum are
//! `#[non_exhaustive]`, request models are built through `new(required..)` and setters.
//! See `docs/diff.md`.
//!
//! - `change`: the model (change, report, verdict); `rules`: the rule table;
//! - `ctx`: shared state (renames, directions, Rust paths); `types`, `fields`: models;
//! - `ops`, `exchange`, `client`: operations, bodies and responses, the client itself;
//! - `render`: text, markdown and JSON; `bump`: versions and the recorded spec; `cli`.

pub mod bump;
mod change;
pub mod cli;
mod client;
mod ctx;
mod exchange;
mod fields;
mod ops;
pub mod render;
mod rules;
mod types;

pub use change::{Bump, Change, Report, Severity, Side};
pub use rules::{markdown_table, Rule, RULES};

use crate::ir::Api;

/// Compares two lowered APIs.
pub fn diff(old: &Api, new: &Api) -> Report {
    let mut cx = ctx::Ctx::new(old, new);
    client::compare_config(&mut cx);
    client::compare_resources(&mut cx);
    ops::compare_operations(&mut cx);
    types::compare_types(&mut cx);
    Report::new(cx.changes)
}

/// Loads and lowers a spec from text (warnings are dropped: the diff reports changes, not
/// approximations).
pub fn lower_str(file: &str, text: &str, options: &crate::Options) -> Result<Api, crate::Error> {
    let spec = crate::load::load_str(file, text)?;
    let (api, _) = crate::lower::lower(&spec, options).map_err(crate::Error::Spec)?;
    Ok(api)
}

/// Loads and lowers two spec texts and compares them.
pub fn diff_str(
    (old_file, old_text): (&str, &str),
    (new_file, new_text): (&str, &str),
    options: &crate::Options,
) -> Result<Report, crate::Error> {
    let old = lower_str(old_file, old_text, options)?;
    let new = lower_str(new_file, new_text, options)?;
    Ok(diff(&old, &new))
}
