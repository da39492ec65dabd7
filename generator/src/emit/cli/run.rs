//! One command's function: takes each builder input from the command's inputs, typed as
//! the SDK's method takes it, calls the builder, and returns the call to make.

use super::super::types::{ident, ty_tokens, Imports};
use super::super::{deferred, text};
use super::table::run_name;
use crate::ir::{Api, CliCommand, CliOutput, CliTake, Input, InputRole};
use proc_macro2::TokenStream;
use quote::quote;

/// `fn run_<name>(client: &Client, inputs: &mut Inputs) -> Result<Call, Failure>`.
pub(super) fn function(api: &Api, c: &CliCommand, imp: &Imports) -> TokenStream {
    let op = &api.operations[c.operation];
    let (client, inputs_ty, call, failure) = (
        imp.name("crate::Client"),
        imp.name("crate::runtime::cli::Inputs"),
        imp.name("crate::runtime::cli::Call"),
        imp.name("crate::runtime::cli::Failure"),
    );
    let name = run_name(c);
    let chain = super::super::example::accessor_chain(api, op.resource)
        .into_iter()
        .map(ident);
    let method = ident(&op.rust_method);
    let pairs: Vec<(&Input, &CliTake)> = op.inputs.iter().zip(&c.takes).collect();
    let args = pairs
        .iter()
        .filter(|(i, _)| i.role == InputRole::Argument)
        .map(|(i, take)| take_required(api, i, take, imp));
    let setters: Vec<TokenStream> = pairs
        .iter()
        .filter(|(i, _)| i.role == InputRole::Setter)
        .map(|(i, take)| setter(api, i, take, imp))
        .collect();
    let binding = if setters.is_empty() {
        quote!(request)
    } else {
        quote!(mut request)
    };
    let reveal = c.reveal;
    let send = match c.output {
        CliOutput::Value => quote!(#call::value(request.send_with_response(), #reveal)),
        CliOutput::Paged => quote!(#call::paged(
            request.clone().send_with_response(),
            request.into_stream(),
            #reveal,
        )),
        CliOutput::Text => quote!(#call::text(request.send_with_response())),
        CliOutput::Bytes => quote!(#call::bytes(request.send_with_response())),
        CliOutput::Empty => quote!(#call::empty(request.send_with_response())),
    };
    // An operation without inputs never reads them.
    let inputs = if c.takes.is_empty() {
        quote!(_inputs)
    } else {
        quote!(inputs)
    };
    let deprecated = op.deprecated || op.uses_deprecated;
    let body = quote! {
        let #binding = client #(.#chain())* .#method(#(#args),*);
        #(#setters)*
        Ok(#send)
    };
    let params = [quote!(client: &#client), quote!(#inputs: &mut #inputs_ty)];
    let ret = quote!(Result<#call, #failure>);
    as_text(deprecated, &name.to_string(), &params, &ret, &body).unwrap_or_else(|| {
        let allow = deprecated.then(|| quote!(#[allow(deprecated)]));
        quote! {
            #allow
            fn #name(#(#params),*) -> #ret {
                #body
            }
        }
    })
}

/// The function printed as text (see [`text::function`]), if it is printed so.
fn as_text(
    deprecated: bool,
    name: &str,
    params: &[TokenStream],
    ret: &TokenStream,
    body: &TokenStream,
) -> Option<TokenStream> {
    let mut lines = Vec::new();
    if deprecated {
        lines.push("#[allow(deprecated)]".to_owned());
    }
    let params = params
        .iter()
        .map(text::tokens)
        .collect::<Option<Vec<_>>>()?;
    let params: Vec<&str> = params.iter().map(String::as_str).collect();
    let head = format!("fn {name}");
    lines.extend(text::fn_head("", &head, &params, &text::tokens(ret)?)?);
    text::function("", lines, body).and_then(deferred::item)
}

/// `inputs.param_required::<T>("slot")?` and the like, for a method argument.
fn take_required(api: &Api, input: &Input, take: &CliTake, imp: &Imports) -> TokenStream {
    let ty = ty_tokens(api, &input.ty, imp);
    match take {
        CliTake::Param(slot) => quote!(inputs.param_required::<#ty>(#slot)?),
        CliTake::Field(key) => quote!(inputs.field_required::<#ty>(#key)?),
        CliTake::Body => quote!(inputs.body_required::<#ty>()?),
    }
}

/// `if let Some(value) = inputs.field::<T>("key")? { request = request.setter(value); }`.
fn setter(api: &Api, input: &Input, take: &CliTake, imp: &Imports) -> TokenStream {
    let ty = ty_tokens(api, &input.ty, imp);
    let set = ident(&input.rust_name);
    if let (Some(null), CliTake::Field(key)) = (&input.null_setter, take) {
        let null = ident(null);
        return quote! {
            if let Some(value) = inputs.field_nullable::<#ty>(#key)? {
                request = match value {
                    Some(value) => request.#set(value),
                    None => request.#null(),
                };
            }
        };
    }
    let value = match take {
        CliTake::Param(slot) => quote!(inputs.param::<#ty>(#slot)?),
        CliTake::Field(key) => quote!(inputs.field::<#ty>(#key)?),
        CliTake::Body => quote!(inputs.body::<#ty>()?),
    };
    quote! {
        if let Some(value) = #value {
            request = request.#set(value);
        }
    }
}
