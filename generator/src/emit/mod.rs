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
mod docs;
mod enums;
mod example;
mod krate;
mod model;
mod page;
mod request;
mod resource;
mod send;
mod types;
mod validate;

use crate::ir::Api;
use proc_macro2::TokenStream;
use rayon::prelude::*;
use std::collections::BTreeMap;
use types::{Imports, Place};

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
            Unit::Models(f) => {
                let local = f.types.iter().map(|&t| api.ty(t).name.clone());
                let imp = Imports::new(Place::Models(&f.module), local);
                let mut items = TokenStream::new();
                for &t in &f.types {
                    items.extend(model::emit_type(api, api.ty(t), &imp));
                }
                items.extend(page::paged_impls(api, f, &imp));
                with_imports(&imp, items)
            }
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

    /// The file's text: its tokens formatted by prettyplease, and for a file of commands,
    /// the command table (printed as text) in place of its placeholder.
    fn text(&self, api: &Api) -> Result<String, String> {
        let (tokens, table) = self.tokens(api);
        let text = syn::parse2::<syn::File>(tokens)
            .map(unparse)
            .map_err(|e| format!("internal error: {} does not parse: {e}", self.path(api)))?;
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
    for (name, text) in krate::runtime_files() {
        files.insert(format!("src/runtime/{name}"), format!("{header}\n{text}"));
    }
    files.insert("Cargo.toml".into(), krate::cargo_toml(api, header));
    files.insert("rustfmt.toml".into(), krate::rustfmt_toml(header));
    Ok(files)
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

/// Formats a file with prettyplease: `use` items together, other top-level items separated
/// by a blank line, and a blank line between the items of an `impl`, as in hand-written
/// code.
fn unparse(file: syn::File) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(file.items.len() + 1);
    let mut uses: Vec<syn::Item> = Vec::new();
    let print = |items: Vec<syn::Item>| {
        prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items,
        })
    };
    if !file.attrs.is_empty() {
        parts.push(prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: file.attrs,
            items: Vec::new(),
        }));
    }
    for item in file.items {
        if matches!(item, syn::Item::Use(_)) {
            uses.push(item);
            continue;
        }
        if !uses.is_empty() {
            parts.push(print(std::mem::take(&mut uses)));
        }
        parts.push(match item {
            syn::Item::Impl(imp) => unparse_impl(imp),
            other => print(vec![other]),
        });
    }
    if !uses.is_empty() {
        parts.push(print(uses));
    }
    parts.join("\n")
}

/// An `impl` block with a blank line between its items. prettyplease lays out the block
/// once; a blank line then goes before each item after the first: items are the only lines
/// indented by exactly four spaces that follow the end of an item (a four-space line ending
/// in `}` or `;` that is not a comment or an attribute), since bodies, wrapped signatures and
/// everything inside them are indented further or open with a bracket.
fn unparse_impl(imp: syn::ItemImpl) -> String {
    let text = prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![syn::Item::Impl(imp)],
    });
    let item_level = |line: &str| line.starts_with("    ") && !line[4..].starts_with(' ');
    let ends_item = |line: &str| {
        let code = line.trim_start();
        item_level(line)
            && (code.ends_with('}') || code.ends_with(';'))
            && !code.starts_with("//")
            && !code.starts_with("#[")
    };
    let starts_item = |line: &str| {
        item_level(line) && !matches!(line.as_bytes()[4], b')' | b'}' | b']' | b'{' | b'>')
    };
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous = "";
    for line in text.lines() {
        if ends_item(previous) && starts_item(line) {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = line;
    }
    out
}
