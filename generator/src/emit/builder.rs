//! Emits one request builder per operation: the method that starts it, its struct, its
//! constructor and its setters. The inputs, their names and their places come from the IR
//! (`Operation::inputs`); this module only prints them.

use super::deferred::{Items, Printed};
use super::types::{ident, ty_tokens, Imports};
use crate::ir::{Accept, Api, Input, InputRole, InputTarget, Operation, Presence, Ty};
use proc_macro2::TokenStream;
use quote::quote;

fn arguments(op: &Operation) -> impl Iterator<Item = &Input> {
    op.inputs.iter().filter(|i| i.role == InputRole::Argument)
}

/// `name: impl Into<String>`, `name: impl IntoIterator<Item = impl Into<T>>` or `name: T`.
pub(crate) fn accept_decl(
    api: &Api,
    accept: Accept,
    ty: &Ty,
    name: &proc_macro2::Ident,
    imp: &Imports,
) -> TokenStream {
    match (accept, ty) {
        (Accept::IntoString, _) => quote!(#name: impl Into<String>),
        (Accept::IntoIter, Ty::Vec(item)) => {
            let item = ty_tokens(api, item, imp);
            quote!(#name: impl IntoIterator<Item = impl Into<#item>>)
        }
        _ => {
            let ty = ty_tokens(api, ty, imp);
            quote!(#name: #ty)
        }
    }
}

/// The value of an argument declared by [`accept_decl`], as the type it stands for.
pub(crate) fn accept_value(accept: Accept, ty: &Ty, name: &proc_macro2::Ident) -> TokenStream {
    match (accept, ty) {
        (Accept::IntoString, _) => quote!(#name.into()),
        (Accept::IntoIter, Ty::Vec(_)) => quote!(#name.into_iter().map(Into::into).collect()),
        _ => quote!(#name),
    }
}

fn decl(api: &Api, input: &Input, name: &proc_macro2::Ident, imp: &Imports) -> TokenStream {
    accept_decl(api, input.accept, &input.ty, name, imp)
}

fn converted(input: &Input, name: &proc_macro2::Ident) -> TokenStream {
    accept_value(input.accept, &input.ty, name)
}

/// The method of the resource (or of `Client`) that starts the request.
pub fn method(api: &Api, op: &Operation, imp: &Imports) -> TokenStream {
    let method = ident(&op.rust_method);
    let builder = ident(&op.builder_name);
    let decls: Vec<TokenStream> = arguments(op)
        .map(|a| decl(api, a, &ident(&a.rust_name), imp))
        .collect();
    let values = arguments(op).map(|a| converted(a, &ident(&a.rust_name)));
    let mut doc = super::docs::doc_text(&op.doc, "");
    doc.push(String::new());
    doc.extend(super::docs::verbatim_lines(&super::example::example_doc(
        api, op,
    )));
    let many = arguments(op).count() > 6;
    // An operation of the root resource is a method of `Client` itself.
    let client = if op.resource == 0 {
        quote!(self.clone())
    } else {
        quote!(self.client.clone())
    };
    let args: Vec<TokenStream> = std::iter::once(client).chain(values).collect();
    let attrs: Vec<&str> = [
        op.deprecated.then_some("#[deprecated]"),
        many.then_some("#[allow(clippy::too_many_arguments)]"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let text = super::text::accessor(
        super::text::doc_comments(&doc),
        &attrs,
        &op.rust_method,
        &decls,
        &op.builder_name,
        &args,
    );
    if let Some(item) = text.and_then(super::deferred::item) {
        return item;
    }
    let docs = super::deferred::doc_block(doc, false);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let many = many.then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #docs
        #deprecated
        #many
        pub fn #method(&self, #(#decls),*) -> #builder {
            #builder::new(#(#args),*)
        }
    }
}

/// Where an input is kept in the builder, and the type kept there.
fn stored(
    api: &Api,
    op: &Operation,
    input: &Input,
    imp: &Imports,
) -> Option<(TokenStream, TokenStream)> {
    let ty = ty_tokens(api, &input.ty, imp);
    let ty = match input.role {
        InputRole::Argument => ty,
        InputRole::Setter => quote!(Option<#ty>),
    };
    match input.target {
        InputTarget::Param(i) => {
            let n = ident(&op.params[i].rust_name);
            Some((quote!(#n), ty))
        }
        InputTarget::Body => Some((quote!(body), ty)),
        InputTarget::BodyField(_) => None,
    }
}

/// The builder's fields (besides the client and options) and how `new` fills them.
fn fields_and_inits(api: &Api, op: &Operation, imp: &Imports) -> (Vec<TokenStream>, TokenStream) {
    let mut fields = Vec::new();
    let mut inits = TokenStream::new();
    for input in &op.inputs {
        let Some((field, ty)) = stored(api, op, input, imp) else {
            continue;
        };
        fields.push(quote!(#field: #ty));
        inits.extend(match input.role {
            InputRole::Argument => quote!(#field,),
            InputRole::Setter => quote!(#field: None,),
        });
    }
    if let Some(id) = op.body.as_ref().and_then(|b| b.flatten) {
        let ty = imp.model(api, id);
        fields.push(quote!(body: #ty));
        let body_args: Vec<_> = arguments(op)
            .filter(|a| matches!(a.target, InputTarget::BodyField(_)))
            .map(|a| ident(&a.rust_name))
            .collect();
        inits.extend(if body_args.is_empty() {
            quote!(body: #ty::default(),)
        } else {
            quote!(body: #ty::new(#(#body_args),*),)
        });
    }
    (fields, inits)
}

/// The builder's `new`: the client, each argument, `None` for each setter's input.
fn constructor(api: &Api, op: &Operation, inits: &TokenStream, imp: &Imports) -> Printed {
    let client = imp.name("crate::Client");
    let options = imp.name("crate::runtime::RequestOptions");
    let decls: Vec<TokenStream> = arguments(op)
        .map(|a| {
            let n = ident(&a.rust_name);
            let ty = ty_tokens(api, &a.ty, imp);
            quote!(#n: #ty)
        })
        .collect();
    let many = arguments(op).count() > 6;
    let constructor = super::text::constructor(
        &[many.then_some("#[allow(clippy::too_many_arguments)]")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>(),
        &client,
        &decls,
        inits,
        &options,
    );
    let many = many.then(|| quote!(#[allow(clippy::too_many_arguments)]));
    Printed::new(constructor, || {
        quote! {
            #many
            pub(crate) fn new(client: #client, #(#decls),*) -> Self {
                Self {
                    client,
                    #inits
                    options: #options::default(),
                }
            }
        }
    })
}

/// The builder's struct, constructor, setters, and (from the sibling modules) its request
/// and `send`. When every part is printed as text, so is the whole builder: one placeholder
/// in the file.
pub fn builder(api: &Api, op: &Operation, resource: &str, imp: &Imports) -> TokenStream {
    let client = imp.name("crate::Client");
    let options = imp.name("crate::runtime::RequestOptions");
    let (fields, inits) = fields_and_inits(api, op, imp);
    let mut body = Items::default();
    body.add(constructor(api, op, &inits, imp));
    for s in op.inputs.iter().filter(|i| i.role == InputRole::Setter) {
        setter(api, op, s, imp, &mut body);
    }
    body.add(super::request::into_request(api, op, imp));
    super::send::send(api, op, imp, &mut body);
    let allow = op.uses_deprecated.then(|| quote!(#[allow(deprecated)]));
    let mut decls = vec![quote!(client: #client)];
    decls.extend(fields);
    decls.push(quote!(options: #options));
    let attrs = quote! {
        #allow
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is `.await`ed"]
    };
    let mut items = Items::default();
    items.add(super::model::braced_item_printed(
        "struct",
        &op.builder_name,
        (vec![struct_doc(op, resource)], attrs),
        decls
            .into_iter()
            .map(|d| (Vec::new(), TokenStream::new(), d))
            .collect(),
    ));
    let name = ident(&op.builder_name);
    let attrs: &[&str] = if op.uses_deprecated {
        &["#[allow(deprecated)]"]
    } else {
        &[]
    };
    items.add(match body.into_printed() {
        Printed::Text(lines) => {
            let head = vec![format!("impl {} {{", op.builder_name)];
            Printed::Text(super::text::impl_lines(attrs, head, vec![lines]))
        }
        Printed::Tokens(body) => Printed::Tokens(quote!(#allow impl #name { #body })),
    });
    let macro_path = imp.name("crate::runtime::request_options");
    let call = quote!(#macro_path!(#name););
    items.push(super::text::one_line_item(&call), || call);
    items.add(super::send::into_future(api, op, imp));
    items.finish()
}

/// The builder's doc line: its request, the method that starts it, how it is sent. The
/// method's link is written as this file names the resource; a path (the root's
/// `crate::Client`, not imported beside its builders) is the link's target behind its last
/// segment.
fn struct_doc(op: &Operation, resource: &str) -> String {
    let method = crate::naming::unraw(&op.rust_method);
    let short = resource.rsplit("::").next().unwrap_or(resource);
    let target = if short == resource {
        String::new()
    } else {
        format!("({resource}::{method})")
    };
    format!(
        " The `{} {}` request, started by [`{short}::{method}`]{target}; optional inputs are \
         set with its methods, then `.await` (or `.send().await`) sends it.",
        op.method.as_str(),
        op.path,
    )
}

/// A setter of the builder, and its setter of `null` when the field is nullable.
fn setter(api: &Api, op: &Operation, s: &Input, imp: &Imports, items: &mut Items) {
    let doc = super::docs::doc_text(&s.doc, "");
    let value = ident("value");
    let decl = decl(api, s, &value, imp);
    let value = converted(s, &value);
    let (place, presence) = match s.target {
        InputTarget::Param(i) => {
            let f = ident(&op.params[i].rust_name);
            (quote!(self.#f), Presence::Optional)
        }
        InputTarget::Body => (quote!(self.body), Presence::Optional),
        InputTarget::BodyField(i) => {
            let f = &api.body_fields(op)[i];
            let field = ident(&f.rust_name);
            (quote!(self.body.#field), f.presence)
        }
    };
    let null = match (presence, &s.null_setter) {
        (Presence::OptionalNullable, Some(null)) => Some(null),
        _ => None,
    };
    let value = if null.is_some() {
        quote!(Some(#value))
    } else {
        value
    };
    push_setter(
        items,
        doc,
        s.deprecated,
        &s.rust_name,
        Some(&decl),
        &place,
        &value,
    );
    let Some(null) = null else {
        return;
    };
    let wire = match s.target {
        InputTarget::BodyField(i) => api.body_fields(op)[i].wire_name.clone(),
        _ => s.rust_name.clone(),
    };
    let null_doc =
        format!(" Sends `\"{wire}\": null` (the field is otherwise omitted unless set).");
    push_setter(
        items,
        vec![null_doc],
        s.deprecated,
        null,
        None,
        &place,
        &quote!(None),
    );
}

/// A setter, `pub fn name(mut self, decl) -> Self { place = Some(value); self }` (no `decl`
/// for a setter of `null`), printed as text when it can be, else left to prettyplease.
pub(super) fn push_setter(
    items: &mut Items,
    doc: Vec<String>,
    deprecated: bool,
    name: &str,
    decl: Option<&TokenStream>,
    place: &TokenStream,
    value: &TokenStream,
) {
    // prettyplease prints a doc attribute as a `///` line only when it has no line break.
    let plain = !doc.iter().any(|l| l.contains(['\n', '\r']));
    let text = plain
        .then(|| {
            let docs = super::text::doc_comments(&doc);
            super::text::setter(docs, deprecated, name, decl, place, value)
        })
        .flatten();
    items.push(text, || {
        let docs = if plain {
            super::deferred::doc_block(doc, false)
        } else {
            doc.iter().map(|l| quote!(#[doc = #l])).collect()
        };
        let deprecated = deprecated.then(|| quote!(#[deprecated]));
        let n = ident(name);
        let params = decl.map(|d| quote!(, #d));
        quote! {
            #docs
            #deprecated
            pub fn #n(mut self #params) -> Self {
                #place = Some(#value);
                self
            }
        }
    });
}

/// Whether the body's field holds file contents (a multipart file part).
pub(crate) fn is_bytes(ty: &Ty) -> bool {
    let mut base = ty;
    while let Ty::Option(inner) = base {
        base = inner;
    }
    *base == Ty::Bytes
}
