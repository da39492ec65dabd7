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
use std::collections::BTreeMap;
use types::{Imports, Place};

/// The generated crate's files: path relative to the crate root -> contents.
pub type Files = BTreeMap<String, String>;

/// One output file; each is emitted and formatted independently of the others.
enum Unit<'a> {
    Models(&'a str, Vec<usize>),
    ModelsMod,
    Resource(usize),
    ResourcesMod,
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
            Unit::Models(m, _) => format!("src/models/{m}.rs"),
            Unit::ModelsMod => "src/models/mod.rs".into(),
            Unit::Resource(r) => format!("src/resources/{}.rs", api.resources[*r].module),
            Unit::ResourcesMod => "src/resources/mod.rs".into(),
            Unit::Lib => "src/lib.rs".into(),
            Unit::Config => "src/config.rs".into(),
            Unit::CliMod => "src/cli/mod.rs".into(),
            Unit::CliCommands(g) => format!("src/cli/{}.rs", cli::module(api, *g)),
            Unit::CliMain => "src/main.rs".into(),
        }
    }

    /// A rough size, to share the work evenly between threads.
    fn cost(&self, api: &Api) -> usize {
        let ops = |r: &crate::ir::Resource| {
            r.operations
                .iter()
                .map(|&o| 8 + api.operations[o].params.len())
                .sum::<usize>()
        };
        match self {
            Unit::Models(_, types) => types
                .iter()
                .map(|&t| match &api.types[t].kind {
                    crate::ir::TypeKind::Struct { fields, .. } => 3 + fields.len(),
                    crate::ir::TypeKind::Enum { variants, .. } => 3 + variants.len() / 2,
                    _ => 2,
                })
                .sum(),
            Unit::Resource(r) => ops(&api.resources[*r]),
            Unit::ResourcesMod => ops(&api.resources[0]),
            _ => 1,
        }
    }

    fn tokens(&self, api: &Api, modules: &[&str]) -> TokenStream {
        match self {
            Unit::Models(m, types) => {
                let local = types.iter().map(|&t| api.types[t].name.clone());
                let imp = Imports::new(Place::Models(m), local);
                let mut items = TokenStream::new();
                for &t in types {
                    items.extend(model::emit_type(api, &api.types[t], &imp));
                }
                items.extend(page::paged_impls(api, m, &imp));
                with_imports(&imp, items)
            }
            Unit::ModelsMod => model::models_mod(modules.iter().copied()),
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
            Unit::Lib => krate::lib_rs(api),
            Unit::Config => config::config_rs(api),
            Unit::CliMod => cli::cli_mod(api),
            Unit::CliCommands(g) => cli::commands_file(api, *g),
            Unit::CliMain => cli::main_rs(api),
        }
    }
}

/// Emits every file of the crate. `header` heads each Rust file (a `//` comment).
///
/// Files are independent, so they are emitted and formatted on all cores (token streams are
/// built on the thread that formats them); the result does not depend on the split.
pub fn emit(api: &Api, header: &str) -> Result<Files, String> {
    let module_map = model_modules(api);
    let modules: Vec<&str> = module_map.keys().copied().collect();
    let mut units: Vec<Unit> = module_map
        .into_iter()
        .map(|(m, t)| Unit::Models(m, t))
        .collect();
    units.push(Unit::ModelsMod);
    units.extend((1..api.resources.len()).map(Unit::Resource));
    units.extend([Unit::ResourcesMod, Unit::Lib, Unit::Config]);
    units.extend([Unit::CliMod, Unit::CliMain]);
    units.extend((0..api.cli.groups.len()).map(|g| Unit::CliCommands(Some(g))));
    if !api.cli.commands.is_empty() {
        units.push(Unit::CliCommands(None));
    }

    // Largest first; each thread takes the next unit when it is free, so both cores stay busy
    // to the end whatever the sizes.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let mut costed: Vec<(usize, Unit)> = units.into_iter().map(|u| (u.cost(api), u)).collect();
    costed.sort_by_key(|(c, _)| std::cmp::Reverse(*c));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let worker = || -> Result<Vec<(String, String)>, String> {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some((_, unit)) = costed.get(i) else {
                return Ok(done);
            };
            let path = unit.path(api);
            let file: syn::File = syn::parse2(unit.tokens(api, &modules))
                .map_err(|e| format!("internal error: {path} does not parse: {e}"))?;
            done.push((path, unparse(file)));
        }
    };
    let results: Vec<Result<Vec<(String, String)>, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = (1..threads).map(|_| s.spawn(worker)).collect();
        let mut results = vec![worker()];
        for h in handles {
            results.push(
                h.join()
                    .unwrap_or_else(|_| Err("internal error: an emitter thread panicked".into())),
            );
        }
        results
    });

    let mut files = Files::new();
    for result in results {
        for (path, text) in result? {
            files.insert(path, format!("{header}\n{text}"));
        }
    }
    for (name, text) in krate::runtime_files() {
        files.insert(format!("src/runtime/{name}"), format!("{header}\n{text}"));
    }
    files.insert("Cargo.toml".into(), krate::cargo_toml(api, header));
    files.insert("rustfmt.toml".into(), krate::rustfmt_toml(header));
    Ok(files)
}

/// The types of each models file: module name -> type indices, sorted by name.
fn model_modules(api: &Api) -> BTreeMap<&str, Vec<usize>> {
    let mut modules: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, t) in api.types.iter().enumerate() {
        modules.entry(t.module.as_str()).or_default().push(i);
    }
    for types in modules.values_mut() {
        types.sort_by(|a, b| api.types[*a].name.cmp(&api.types[*b].name));
    }
    modules
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

/// An `impl` block with a blank line between its items: each item is laid out by
/// prettyplease inside the block's own header, then the bodies are joined.
fn unparse_impl(imp: syn::ItemImpl) -> String {
    let one = |items: Vec<syn::ImplItem>| {
        prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![syn::Item::Impl(syn::ItemImpl {
                items,
                ..imp.clone()
            })],
        })
    };
    if imp.items.len() < 2 {
        let items = imp.items.clone();
        return one(items);
    }
    // `impl .. {` (possibly over several lines) .. `}`: the header ends at the first line
    // that opens the block at the top level.
    let split = |text: &str| -> (String, String) {
        let lines: Vec<&str> = text.lines().collect();
        let open = lines
            .iter()
            .position(|l| !l.starts_with(' ') && l.ends_with('{'))
            .unwrap_or(0);
        let body = lines[open + 1..lines.len().saturating_sub(1)].join("\n");
        (lines[..=open].join("\n"), body)
    };
    let mut header = String::new();
    let mut bodies = Vec::new();
    for item in &imp.items {
        let (h, body) = split(&one(vec![item.clone()]));
        header = h;
        bodies.push(body);
    }
    format!("{header}\n{}\n}}\n", bodies.join("\n\n"))
}
