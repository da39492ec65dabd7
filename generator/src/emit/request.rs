//! Emits a builder's `into_request`: the checks, the path, the parameters and the body.

use super::builder::is_bytes;
use super::deferred::Printed;
use super::text;
use super::types::{ident, Imports};
use super::validate::constraint_checks;
use crate::ir::{Api, Body, BodyKind, Method, Operation, Param, ParamLocation, QueryStyle};
use proc_macro2::TokenStream;
use quote::quote;

fn method_tokens(method: Method) -> TokenStream {
    let m = ident(method.as_str());
    quote!(reqwest::Method::#m)
}

/// The path as a `format!` string and its arguments: each parameter is captured by name
/// (a raw identifier, which a format string cannot capture, is passed positionally).
fn path_format(op: &Operation) -> (String, Vec<&Param>, Vec<TokenStream>) {
    let mut fmt = String::new();
    let mut used = Vec::new();
    let mut positional = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        fmt.push_str(&rest[..open].replace('}', "}}"));
        let name = &rest[open + 1..close];
        let param = op
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire_name == name);
        match param {
            Some(p) if p.rust_name.starts_with("r#") => {
                fmt.push_str("{}");
                let n = ident(&p.rust_name);
                positional.push(quote!(#n));
                used.push(p);
            }
            Some(p) => {
                fmt.push_str(&format!("{{{}}}", p.rust_name));
                used.push(p);
            }
            None => fmt.push_str(&format!("{{{{{name}}}}}")),
        }
        rest = &rest[close + 1..];
    }
    fmt.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    (fmt, used, positional)
}

fn style_tokens(style: QueryStyle, imp: &Imports) -> TokenStream {
    let s = imp.name("crate::runtime::QueryStyle");
    match style {
        QueryStyle::FormExploded => quote!(#s::Form),
        QueryStyle::FormComma => quote!(#s::Comma),
        QueryStyle::SpaceDelimited => quote!(#s::Space),
        QueryStyle::PipeDelimited => quote!(#s::Pipe),
        QueryStyle::DeepObject => quote!(#s::DeepObject),
    }
}

fn checks(op: &Operation, imp: &Imports) -> TokenStream {
    let mut checks = TokenStream::new();
    for p in &op.params {
        let n = ident(&p.rust_name);
        checks.extend(constraint_checks(
            &p.constraints,
            quote!(""),
            &p.wire_name,
            quote!(&self.#n),
            imp,
        ));
        if p.validates_inner {
            let validate = imp.name("crate::runtime::Validate");
            let wire = &p.wire_name;
            checks.extend(quote!(#validate::validate(&self.#n, #wire)?;));
        }
    }
    for &(a, b) in &op.ordered {
        let validate = imp.name("crate::runtime::validate");
        let (pa, pb) = (&op.params[a], &op.params[b]);
        let (na, nb) = (ident(&pa.rust_name), ident(&pb.rust_name));
        let (wa, wb) = (&pa.wire_name, &pb.wire_name);
        checks.extend(quote!(#validate::ordered(#wa, &self.#na, #wb, &self.#nb)?;));
    }
    if op.body.as_ref().is_some_and(|b| b.validates) {
        let validate = imp.name("crate::runtime::Validate");
        checks.extend(quote!(#validate::validate(&self.body, "")?;));
    }
    checks
}

fn params(op: &Operation, imp: &Imports) -> TokenStream {
    let mut adds = TokenStream::new();
    for p in &op.params {
        let n = ident(&p.rust_name);
        let wire = &p.wire_name;
        adds.extend(match p.location {
            ParamLocation::Path => continue,
            ParamLocation::Query => {
                let style = style_tokens(p.style, imp);
                quote!(request.query(#wire, &self.#n, #style)?;)
            }
            ParamLocation::Header => quote!(request.header_param(#wire, &self.#n)?;),
            ParamLocation::Cookie => quote!(request.cookie_param(#wire, &self.#n)?;),
        });
    }
    adds
}

fn body(api: &Api, body: &Body, imp: &Imports) -> TokenStream {
    let ct = &body.content_type;
    let call = match body.kind {
        BodyKind::Json => quote!(request.json(#ct, &self.body)?;),
        BodyKind::Form => quote!(request.form(&self.body)?;),
        BodyKind::Multipart => multipart_parts(api, body, imp),
        BodyKind::Bytes => quote!(request.bytes(#ct, body);),
        BodyKind::Text => quote!(request.text(#ct, body);),
    };
    match (body.kind, body.flatten.is_some() || body.required) {
        (BodyKind::Bytes | BodyKind::Text, true) => quote! {
            let body = self.body;
            #call
        },
        (BodyKind::Bytes | BodyKind::Text, false) => quote! {
            if let Some(body) = self.body {
                #call
            }
        },
        (_, true) => call,
        (_, false) => quote! {
            if self.body.is_some() {
                #call
            }
        },
    }
}

/// `into_request`: checks the inputs against the spec's constraints and builds the request.
pub fn into_request(api: &Api, op: &Operation, imp: &Imports) -> Printed {
    let checks = checks(op, imp);
    let (fmt, path_params, positional) = path_format(op);
    let encode = (!path_params.is_empty()).then(|| imp.name("crate::runtime::encode"));
    let segments = path_params.iter().map(|p| {
        let n = ident(&p.rust_name);
        let wire = &p.wire_name;
        quote!(let #n = #encode::path_segment(#wire, &self.#n)?;)
    });
    let path = if path_params.is_empty() {
        quote!(#fmt.to_owned())
    } else {
        quote!(format!(#fmt #(, #positional)*))
    };
    let method = method_tokens(op.method);
    let mut adds = params(op, imp);
    if let Some(b) = &op.body {
        adds.extend(body(api, b, imp));
    }
    let binding = if adds.is_empty() {
        quote!(let request)
    } else {
        quote!(let mut request)
    };
    let (client, request, error) = (
        imp.name("crate::Client"),
        imp.name("crate::runtime::Request"),
        imp.name("crate::Error"),
    );
    let body = quote! {
        #checks
        #(#segments)*
        let path = #path;
        #binding = #request::new(#method, path, self.options);
        #adds
        Ok((self.client, request))
    };
    let ret = quote!(Result<(#client, #request), #error>);
    Printed::new(as_text(&ret, &body), || {
        quote! {
            #[doc = #DOC]
            fn into_request(self) -> #ret {
                #body
            }
        }
    })
}

/// `into_request`'s doc line.
const DOC: &str = " Checks the inputs against the spec's constraints and builds the HTTP request.";

/// `into_request` printed as text (see [`text::impl_fn`]), if it is printed so.
fn as_text(ret: &TokenStream, body: &TokenStream) -> Option<Vec<String>> {
    let lines = vec![format!("///{DOC}")];
    let ret = text::tokens(ret)?;
    text::impl_fn(lines, ("fn into_request", &["self"], &ret), body)
}

/// A multipart body: one part per field of the body struct, file parts for bytes.
fn multipart_parts(api: &Api, body: &Body, imp: &Imports) -> TokenStream {
    let multipart = imp.name("crate::runtime::Multipart");
    let fields = match body.flatten.map(|id| &api.ty(id).kind) {
        Some(crate::ir::TypeKind::Struct { fields, .. }) => fields,
        _ => return quote!(request.multipart(#multipart::from_value(&self.body)?);),
    };
    let mut parts = TokenStream::new();
    for f in fields {
        let n = ident(&f.rust_name);
        let wire = &f.wire_name;
        parts.extend(if is_bytes(&f.ty) {
            quote!(form.file(#wire, &self.body.#n);)
        } else {
            quote!(form.text(#wire, &self.body.#n)?;)
        });
    }
    quote! {
        let mut form = #multipart::default();
        #parts
        request.multipart(form);
    }
}
