//! One command's table entry: its name, texts, flags, body, constants and function.

use super::super::types::{ident, Imports};
use crate::ir::{CliBody, CliCommand, CliFlag, CliKind, CliTarget};
use proc_macro2::TokenStream;
use quote::quote;

/// `Command { .. }`.
pub(super) fn command(c: &CliCommand, imp: &Imports) -> TokenStream {
    let command = imp.name("crate::runtime::cli::Command");
    let (name, about, long_about) = (&c.name, &c.about, &c.long_about);
    let flags = c.flags.iter().map(|f| flag(f, imp));
    let body = body(c.body, imp);
    let constants = c.constants.iter().map(|(path, value)| {
        let text = value.to_string();
        quote!((&[#(#path),*], #text))
    });
    let ignored = &c.ignored;
    let run = run_name(c);
    quote! {
        #command {
            name: #name,
            about: #about,
            long_about: #long_about,
            flags: &[#(#flags),*],
            body: #body,
            constants: &[#(#constants),*],
            ignored: &[#(#ignored),*],
            run: #run,
        }
    }
}

/// The name of the command's function.
pub(super) fn run_name(c: &CliCommand) -> proc_macro2::Ident {
    ident(&format!("run_{}", c.name.replace('-', "_")))
}

fn flag(f: &CliFlag, imp: &Imports) -> TokenStream {
    let (flag, kind_ty, to) = (
        imp.name("crate::runtime::cli::Flag"),
        imp.name("crate::runtime::cli::Kind"),
        imp.name("crate::runtime::cli::To"),
    );
    let kind = ident(match f.kind {
        CliKind::String => "String",
        CliKind::Integer => "Integer",
        CliKind::Number => "Number",
        CliKind::Boolean => "Boolean",
        CliKind::DateTime => "DateTime",
        CliKind::Date => "Date",
        CliKind::Json => "Json",
        CliKind::File => "File",
        CliKind::Null => "Null",
    });
    let target = match &f.target {
        CliTarget::Param(slot) => quote!(#to::Param(#slot)),
        CliTarget::Field(path) => quote!(#to::Field(&[#(#path),*])),
    };
    let (name, help, repeat, required, positional, values) = (
        &f.name,
        &f.help,
        f.repeat,
        f.required,
        f.positional,
        &f.values,
    );
    quote! {
        #flag {
            name: #name,
            help: #help,
            kind: #kind_ty::#kind,
            to: #target,
            repeat: #repeat,
            required: #required,
            positional: #positional,
            values: &[#(#values),*],
        }
    }
}

fn body(body: CliBody, imp: &Imports) -> TokenStream {
    let ty = imp.name("crate::runtime::cli::BodyInput");
    let variant = ident(match body {
        CliBody::None => "None",
        CliBody::Fields => "Fields",
        CliBody::Json => "Json",
        CliBody::Text => "Text",
        CliBody::Bytes => "Bytes",
    });
    quote!(#ty::#variant)
}
