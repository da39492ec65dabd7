//! Emits the command line (feature `cli`) from what the IR's `cli` pass decided:
//!
//! - `src/cli/mod.rs`: the [`App`] table (name, settings, groups) and `main` ([`app`]);
//! - `src/cli/<resource>.rs` (and `root.rs` for the client's own operations): each
//!   command's table entry ([`table`]) and the function that calls the SDK's builder
//!   ([`run`]);
//! - `src/main.rs`: the binary, which calls `cli::main`;
//! - the `cli` feature, its optional dependencies and the `[[bin]]` ([`manifest`]).
//!
//! [`App`]: ../../../runtime/src/cli/mod.rs

mod app;
pub(super) mod manifest;
mod run;
mod table;

use super::types::{Imports, Place};
use crate::ir::{Api, CliCommand};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) use app::{cli_mod, main_rs};

/// The module of a group's file (`None`: the root's commands).
pub(super) fn module(api: &Api, group: Option<usize>) -> String {
    match group {
        Some(g) => api.resources[api.cli.groups[g].resource].module.clone(),
        None => "root".into(),
    }
}

/// The commands of a group (or of the root).
fn commands(api: &Api, group: Option<usize>) -> &[CliCommand] {
    match group {
        Some(g) => &api.cli.groups[g].commands,
        None => &api.cli.commands,
    }
}

/// A file of commands: their functions, formatted with their `use` items, and their table
/// ([`table`], printed as text), which [`table::splice`] puts in place of the placeholder.
pub(super) fn commands_file(api: &Api, group: Option<usize>) -> (TokenStream, String) {
    let imp = Imports::new(Place::Elsewhere, Vec::<String>::new());
    let commands = commands(api, group);
    let title = match group {
        Some(g) => format!(
            "`{} {}`: {}",
            api.cli.bin_name, api.cli.groups[g].name, api.cli.groups[g].about
        ),
        None => format!("`{}`: the commands of the client itself.", api.cli.bin_name),
    };
    let doc = super::docs::inner_doc_lines(&title);
    let table = table::commands_table(commands, &imp);
    let functions: Vec<TokenStream> = commands
        .iter()
        .map(|c| run::function(api, c, &imp))
        .collect();
    let placeholder = table::placeholder(&imp);
    let items = quote! {
        #doc
        #placeholder
        #(#functions)*
    };
    (super::with_imports(&imp, items), table)
}

pub(super) use table::splice;
