//! `src/cli/mod.rs` (the [`App`] table and `main`) and `src/main.rs` (the binary).
//!
//! [`App`]: ../../../runtime/src/cli/mod.rs

use super::super::types::{ident, Imports, Place};
use crate::ir::Api;
use proc_macro2::TokenStream;
use quote::quote;

/// `src/cli/mod.rs`.
pub(in crate::emit) fn cli_mod(api: &Api) -> TokenStream {
    let imp = Imports::new(Place::Elsewhere, Vec::<String>::new());
    let cli = &api.cli;
    let c = &api.config;
    let doc = super::super::docs::inner_doc_lines_verbatim(&format!(
        "The `{}` command line (feature `cli`), generated from the spec: one group of \
         commands per resource, one command per operation, each calling the SDK.",
        cli.bin_name
    ));
    let mut modules: Vec<String> = (0..cli.groups.len())
        .map(|g| super::module(api, Some(g)))
        .collect();
    if !cli.commands.is_empty() {
        modules.push(super::module(api, None));
    }
    modules.sort();
    let mods = modules.iter().map(|m| ident(m));
    let app = imp.name("crate::runtime::cli::App");
    // `Group` is named (and imported) only where a group is printed.
    let groups = cli.groups.iter().enumerate().map(|(g, group_ir)| {
        let group = imp.name("crate::runtime::cli::Group");
        let module = ident(&super::module(api, Some(g)));
        let (name, about, long_about) = (&group_ir.name, &group_ir.about, &group_ir.long_about);
        quote!(#group { name: #name, about: #about, long_about: #long_about, commands: #module::COMMANDS })
    });
    let commands = if cli.commands.is_empty() {
        quote!(&[])
    } else {
        let root = ident(&super::module(api, None));
        quote!(#root::COMMANDS)
    };
    let (name, about, prefix) = (&cli.bin_name, &c.title, &c.env_prefix);
    let (aliases, secrets) = (&cli.env_aliases, &cli.secret_fields);
    let prefixes = c.key_prefixes.keys();
    let needs_key = c.auth.is_some();
    let client = imp.name("crate::Client");
    let key_class = key_class(api, &imp);
    let items = quote! {
        #doc
        #(mod #mods;)*

        static APP: #app<#client> = #app {
            name: #name,
            about: #about,
            version: env!("CARGO_PKG_VERSION"),
            env_prefix: #prefix,
            key_env_aliases: &[#(#aliases),*],
            needs_key: #needs_key,
            secret_fields: &[#(#secrets),*],
            key_prefixes: &[#(#prefixes),*],
            key_class,
            builder: #client::builder,
            commands: #commands,
            groups: &[#(#groups),*],
        };

        /// Runs the command line with the process's arguments; returns its exit code.
        pub fn main() -> std::process::ExitCode {
            crate::runtime::cli::main(&APP)
        }

        /// The kind and mode of an API key, by its documented prefix.
        #key_class
    };
    super::super::with_imports(&imp, items)
}

/// `fn key_class`: the kind and mode of a key by its documented prefixes (none known: none).
fn key_class(api: &Api, imp: &Imports) -> TokenStream {
    let c = &api.config;
    let secret = imp.name("crate::Secret");
    if c.key_kinds.is_empty() && c.key_modes.is_empty() {
        return quote! {
            fn key_class(_: &#secret) -> (Option<&'static str>, Option<&'static str>) {
                (None, None)
            }
        };
    }
    let (kind, mode) = (imp.name("crate::KeyKind"), imp.name("crate::KeyMode"));
    if c.runtime_path.is_some() {
        // `key_kind()` and `key_mode()` on the runtime crate's `Secret` are a trait's.
        imp.name("crate::KeyClass");
    }
    quote! {
        fn key_class(key: &#secret) -> (Option<&'static str>, Option<&'static str>) {
            (key.key_kind().map(#kind::as_str), key.key_mode().map(#mode::as_str))
        }
    }
}

/// `src/main.rs`: the binary (built with `--features cli`).
pub(in crate::emit) fn main_rs(api: &Api) -> TokenStream {
    let krate = ident(&api.config.crate_name.replace('-', "_"));
    let doc = super::super::docs::inner_doc_lines_verbatim(&format!(
        "The `{}` command line. Build it with `cargo build --features cli`.",
        api.cli.bin_name
    ));
    quote! {
        #doc
        fn main() -> std::process::ExitCode {
            #krate::cli::main()
        }
    }
}
