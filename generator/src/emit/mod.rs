//! Stage 3: emit Rust from the IR, one construct per module, as token streams; then format
//! with prettyplease. Only this stage uses quote; only `write` touches the disk. Emit reads
//! the IR and prints it: every name, type, input and check was decided by `lower`.
//!
//! - `model`: structs, aliases and newtypes; `enums`: string enums and unions; `validate`:
//!   checks before sending; `page`: `Paged` impls (all in `models/*.rs`);
//! - `resource`: resource structs and accessors; `builder`: request builders and setters;
//!   `request`: `into_request`; `send`: `send` and streams (all in `resources/*.rs`);
//! - `krate`: `Cargo.toml`, `lib.rs`, `config.rs` and the runtime files;
//! - `types` (type references and each file's `use` items) and `docs` (rustdoc) serve them all.

mod builder;
mod cli;
mod config;
mod deferred;
mod docs;
mod enums;
mod example;
mod format;
mod krate;
mod model;
mod page;
mod request;
mod resource;
mod send;
mod text;
mod types;
mod validate;

use crate::ir::Api;
use proc_macro2::TokenStream;
use rayon::prelude::*;
use std::collections::BTreeMap;
use types::{Imports, Place, Scope};

/// The generated crate's files: path relative to the crate root -> contents.
pub type Files = BTreeMap<String, String>;

/// One output file; each is emitted and formatted independently of the others.
enum Unit<'a> {
    Models(&'a crate::ir::ModelFile),
    ModelsMod,
    Resource(usize),
    ResourcesMod,
    /// `src/resources/client.rs`: the operations on the root.
    RootOperations,
    Lib,
    Config,
    /// `src/cli/mod.rs`.
    CliMod,
    /// A file of commands: a group's (`Some(index in api.cli.groups)`) or the root's.
    CliCommands(Option<usize>),
    /// `src/main.rs`.
    CliMain,
}

impl Unit<'_> {
    fn path(&self, api: &Api) -> String {
        match self {
            Unit::Models(f) => format!("src/models/{}.rs", f.module),
            Unit::ModelsMod => "src/models/mod.rs".into(),
            Unit::Resource(r) => format!("src/resources/{}.rs", api.resources[*r].module),
            Unit::ResourcesMod => "src/resources/mod.rs".into(),
            Unit::RootOperations => "src/resources/client.rs".into(),
            Unit::Lib => "src/lib.rs".into(),
            Unit::Config => "src/config.rs".into(),
            Unit::CliMod => "src/cli/mod.rs".into(),
            Unit::CliCommands(g) => format!("src/cli/{}.rs", cli::module(api, *g)),
            Unit::CliMain => "src/main.rs".into(),
        }
    }

    /// The file's tokens, and for a file of commands its table, printed as text.
    fn tokens(&self, api: &Api) -> (TokenStream, Option<String>) {
        let tokens = match self {
            // Built in parts by `models_text`.
            Unit::Models(_) => TokenStream::new(),
            Unit::ModelsMod => model::models_mod(api),
            Unit::Resource(r) => {
                let r = &api.resources[*r];
                let imp = Imports::new(Place::Elsewhere, resource::local_names(api, r));
                with_imports(&imp, resource::resource_file(api, r, &imp))
            }
            Unit::ResourcesMod => {
                let root = &api.resources[0];
                let imp = Imports::new(Place::Elsewhere, resource::local_names(api, root));
                with_imports(&imp, resource::resources_mod(api, &imp))
            }
            Unit::RootOperations => {
                let root = &api.resources[0];
                let imp = Imports::new(Place::Elsewhere, resource::local_names(api, root));
                with_imports(&imp, resource::root_file(api, &imp))
            }
            Unit::Lib => krate::lib_rs(api),
            Unit::Config => config::config_rs(api),
            Unit::CliMod => cli::cli_mod(api),
            Unit::CliCommands(g) => {
                let (tokens, table) = cli::commands_file(api, *g);
                return (tokens, Some(table));
            }
            Unit::CliMain => cli::main_rs(api),
        };
        (tokens, None)
    }

    /// The file's text: its tokens formatted by prettyplease, its doc blocks (set aside while
    /// the tokens were built) in place, and for a file of commands, the command table
    /// (printed as text) in place of its placeholder.
    fn text(&self, api: &Api) -> Result<String, String> {
        if let Unit::Models(f) = self {
            return models_text(api, f);
        }
        let ((tokens, table), docs) = deferred::collect(|| self.tokens(api));
        let text = format::format(tokens)
            .map_err(|e| format!("internal error: {} does not parse: {e}", self.path(api)))?;
        let text = deferred::splice(text, &docs)?;
        match table {
            Some(table) => cli::splice(&text, &table),
            None => Ok(text),
        }
    }
}

/// Emits every file of the crate. `header` heads each Rust file (a `//` comment).
///
/// Files are independent, so they are emitted and formatted on all cores with rayon (token
/// streams are built on the thread that formats them); the result does not depend on the split.
pub fn emit(api: &Api, header: &str) -> Result<Files, String> {
    let mut units: Vec<Unit> = api.model_files.iter().map(Unit::Models).collect();
    units.push(Unit::ModelsMod);
    units.extend((1..api.resources.len()).map(Unit::Resource));
    units.extend([Unit::ResourcesMod, Unit::Lib, Unit::Config]);
    if !api.resources[0].operations.is_empty() {
        units.push(Unit::RootOperations);
    }
    units.extend([Unit::CliMod, Unit::CliMain]);
    units.extend((0..api.cli.groups.len()).map(|g| Unit::CliCommands(Some(g))));
    if !api.cli.commands.is_empty() {
        units.push(Unit::CliCommands(None));
    }

    // Each unit is emitted and formatted on the rayon thread that takes it; the BTreeMap
    // keeps the output (and which error is reported first) independent of the split.
    let emitted: BTreeMap<String, Result<String, String>> = units
        .par_iter()
        .map(|unit| (unit.path(api), unit.text(api)))
        .collect();
    let mut files = Files::new();
    for (path, text) in emitted {
        files.insert(path, format!("{header}\n{}", text?));
    }
    if api.config.runtime_path.is_none() {
        for (name, text) in krate::runtime_files() {
            files.insert(format!("src/runtime/{name}"), format!("{header}\n{text}"));
        }
    }
    files.insert("Cargo.toml".into(), krate::cargo_toml(api, header));
    files.insert("rustfmt.toml".into(), krate::rustfmt_toml(header));
    Ok(files)
}

/// A models file. One file can hold a third of a crate, so each type (and the file's
/// `Paged` impls) is a part built, formatted and given its docs on any core, recording the
/// names it uses apart; the parts are then joined under the file's `use` items. The text is
/// the same as formatting the file whole.
fn models_text(api: &Api, f: &crate::ir::ModelFile) -> Result<String, String> {
    let local = f.types.iter().map(|&t| api.ty(t).name.clone());
    let scope = Scope::new(Place::Models(&f.module), local);
    let part_ids: Vec<Option<crate::ir::TypeId>> =
        f.types.iter().copied().map(Some).chain([None]).collect();
    let parts: Vec<Result<(String, Imports), String>> = part_ids
        .par_iter()
        .map(|part| {
            let imp = scope.imports();
            let (tokens, docs) = deferred::collect(|| match part {
                Some(t) => model::emit_type(api, api.ty(*t), &imp),
                None => page::paged_impls(api, f, &imp),
            });
            if tokens.is_empty() {
                return Ok((String::new(), imp));
            }
            let text = format::format(tokens).map_err(|e| {
                format!(
                    "internal error: a part of src/models/{}.rs does not parse: {e}",
                    f.module
                )
            })?;
            Ok((deferred::splice(text, &docs)?, imp))
        })
        .collect();
    let file = scope.imports();
    let mut texts = Vec::with_capacity(parts.len() + 1);
    for part in parts {
        let (text, imp) = part?;
        file.absorb(imp);
        if !text.is_empty() {
            texts.push(text);
        }
    }
    let uses = format::format(file.use_items())
        .map_err(|e| format!("internal error: the `use` items of a models file: {e}"))?;
    if !uses.is_empty() {
        texts.insert(0, uses);
    }
    Ok(texts.join("\n"))
}

/// A file's items after its inner docs (`//!`), with its `use` items between.
fn with_imports(imp: &Imports, items: TokenStream) -> TokenStream {
    let uses = imp.use_items();
    let mut inner = TokenStream::new();
    let mut rest = TokenStream::new();
    let mut tokens = items.into_iter().peekable();
    // Inner attributes (`#![doc = ..]`) must stay first.
    while let Some(tt) = tokens.next() {
        let is_inner = matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == '#')
            && matches!(tokens.peek(), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '!');
        if is_inner {
            inner.extend([tt]);
            inner.extend(tokens.next());
            inner.extend(tokens.next());
        } else {
            rest.extend([tt]);
            rest.extend(tokens);
            break;
        }
    }
    let mut out = inner;
    out.extend(uses);
    out.extend(rest);
    out
}
