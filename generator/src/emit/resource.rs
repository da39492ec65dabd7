//! Emits the resource tree (`resources/<module>.rs`): one struct per resource with its
//! sub-resource accessors and methods, and one request builder per operation.
//!
//! A method takes the operation's required inputs as arguments (path parameters, required
//! query/header parameters, the body's required fields) and returns a builder; optional
//! inputs are builder setters; `.send().await` runs it.

use super::model::{constraint_checks, field_doc, type_validates};
use super::{doc_attrs, ident, inner_doc_lines, takes_into_string, ty_tokens, From};
use crate::ir::{
    Api, Body, BodyKind, Field, Operation, PageStyle, Param, ParamLocation, Presence, QueryStyle,
    Resource, ResponseKind, StatusMatch, Success, Ty, TypeKind,
};
use proc_macro2::TokenStream;
use quote::quote;

/// `resources/mod.rs`: the resource modules, the root accessors on `Client`, and the
/// builders of operations that hang from the root.
pub fn resources_mod(api: &Api) -> TokenStream {
    let mut mods = TokenStream::new();
    for r in api.resources.iter().skip(1) {
        let m = ident(&r.module);
        let doc = format!(" The `{}` resource.", r.path.join("."));
        mods.extend(quote! {
            #[doc = #doc]
            pub mod #m;
        });
    }
    let root = &api.resources[0];
    let mut builders = TokenStream::new();
    let mut methods = TokenStream::new();
    for &o in &root.operations {
        let op = &api.operations[o];
        builders.extend(emit_builder(api, op));
        methods.extend(emit_method(api, op, quote!(self.clone())));
    }
    let accessors = accessors(api, root, quote!(self.clone()));
    let docs = inner_doc_lines("The API's resources and the request builders of their operations.");
    quote! {
        #docs
        #mods

        impl crate::Client {
            #accessors
            #methods
        }

        #builders
    }
}

fn accessors(api: &Api, r: &Resource, client: TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    for &c in &r.children {
        let child = &api.resources[c];
        let acc = ident(&child.accessor);
        let m = ident(&child.module);
        let s = ident(&child.struct_name);
        let docs = doc_attrs(
            &child.doc,
            &format!("Operations on `{}`.", child.path.join(".")),
        );
        out.extend(quote! {
            #docs
            pub fn #acc(&self) -> crate::resources::#m::#s {
                crate::resources::#m::#s::new(#client)
            }
        });
    }
    out
}

/// One file of `resources/`: a resource, its accessors and methods, and its builders.
pub fn resource_file(api: &Api, r: &Resource) -> TokenStream {
    let name = ident(&r.struct_name);
    let docs = doc_attrs(&r.doc, &format!("Operations on `{}`.", r.path.join(".")));
    let accessors = accessors(api, r, quote!(self.client.clone()));
    let mut methods = TokenStream::new();
    let mut builders = TokenStream::new();
    for &o in &r.operations {
        let op = &api.operations[o];
        methods.extend(emit_method(api, op, quote!(self.client.clone())));
        builders.extend(emit_builder(api, op));
    }
    quote! {
        #docs
        #[derive(Debug, Clone)]
        pub struct #name {
            client: crate::Client,
        }

        impl #name {
            pub(crate) fn new(client: crate::Client) -> Self {
                Self { client }
            }

            #accessors
            #methods
        }

        #builders
    }
}

/// One input of a builder: an argument of the method, or a setter.
struct Input {
    name: String,
    ty: Ty,
    /// The type stored in the builder (`T`, `Option<T>`, `Option<Option<T>>`).
    stored: TokenStream,
    place: Place,
}

enum Place {
    Param,
    /// A field of the flattened body struct.
    BodyField(Presence),
    /// The whole body.
    Body,
}

fn flattened_fields<'a>(api: &'a Api, body: &Body) -> Option<&'a [Field]> {
    let id = body.flatten?;
    match &api.ty(id).kind {
        TypeKind::Struct { fields, .. } => Some(fields),
        _ => None,
    }
}

/// The method's arguments, in order, and the builder's setters.
fn inputs(api: &Api, op: &Operation) -> (Vec<Input>, Vec<Input>) {
    let mut args = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        let ty = ty_tokens(api, &p.ty, From::Elsewhere);
        let input = Input {
            name: p.rust_name.clone(),
            ty: p.ty.clone(),
            stored: if p.required { ty } else { quote!(Option<#ty>) },
            place: Place::Param,
        };
        if p.required {
            args.push(input);
        } else {
            setters.push(input);
        }
    }
    if let Some(body) = &op.body {
        match flattened_fields(api, body) {
            Some(fields) => {
                for f in fields.iter().filter(|f| f.constant.is_none()) {
                    let ty = ty_tokens(api, &f.ty, From::Elsewhere);
                    let input = Input {
                        name: f.rust_name.clone(),
                        ty: f.ty.clone(),
                        stored: ty,
                        place: Place::BodyField(f.presence),
                    };
                    match f.presence {
                        Presence::Required | Presence::RequiredNullable => args.push(input),
                        Presence::Optional | Presence::OptionalNullable => setters.push(input),
                    }
                }
            }
            None => {
                let ty = ty_tokens(api, &body.ty, From::Elsewhere);
                let input = Input {
                    name: "body".into(),
                    ty: body.ty.clone(),
                    stored: if body.required {
                        ty
                    } else {
                        quote!(Option<#ty>)
                    },
                    place: Place::Body,
                };
                if body.required {
                    args.push(input);
                } else {
                    setters.push(input);
                }
            }
        }
    }
    (args, setters)
}

/// `name: impl Into<String>` or `name: T` for an argument.
fn arg_decl(api: &Api, input: &Input) -> TokenStream {
    let n = ident(&input.name);
    match input.place {
        Place::BodyField(Presence::RequiredNullable) => {
            let ty = ty_tokens(api, &input.ty, From::Elsewhere);
            quote!(#n: Option<#ty>)
        }
        _ if takes_into_string(&input.ty) => quote!(#n: impl Into<String>),
        _ => {
            let ty = ty_tokens(api, &input.ty, From::Elsewhere);
            quote!(#n: #ty)
        }
    }
}

fn arg_value(input: &Input) -> TokenStream {
    let n = ident(&input.name);
    match input.place {
        Place::BodyField(Presence::RequiredNullable) => quote!(#n),
        _ if takes_into_string(&input.ty) => quote!(#n.into()),
        _ => quote!(#n),
    }
}

fn op_doc(op: &Operation) -> TokenStream {
    let mut doc = op.doc.clone();
    doc.notes
        .push(format!("`{} {}`", op.method.as_str(), op.path));
    doc_attrs(&doc, "")
}

fn emit_method(api: &Api, op: &Operation, client: TokenStream) -> TokenStream {
    let (args, _) = inputs(api, op);
    let method = ident(&op.rust_method);
    let builder = ident(&op.builder_name);
    let module = &api.resources[op.resource].module;
    let builder_path = if module.is_empty() {
        quote!(crate::resources::#builder)
    } else {
        let m = ident(module);
        quote!(crate::resources::#m::#builder)
    };
    let decls = args.iter().map(|a| arg_decl(api, a));
    let values = args.iter().map(arg_value);
    let docs = op_doc(op);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let many = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #docs
        #deprecated
        #many
        pub fn #method(&self, #(#decls),*) -> #builder_path {
            #builder_path::new(#client, #(#values),*)
        }
    }
}

fn emit_builder(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.builder_name);
    let (args, setters) = inputs(api, op);
    let flat = op.body.as_ref().and_then(|b| b.flatten.map(|id| (b, id)));

    // Fields of the builder.
    let mut fields = TokenStream::new();
    for i in args
        .iter()
        .chain(&setters)
        .filter(|i| !matches!(i.place, Place::BodyField(_)))
    {
        let n = ident(&i.name);
        let ty = &i.stored;
        fields.extend(quote!(#n: #ty,));
    }
    if let Some((_, id)) = flat {
        let ty = ty_tokens(api, &Ty::Named(id), From::Elsewhere);
        fields.extend(quote!(body: #ty,));
    }

    // new(): arguments in (already converted by the method); setters' fields unset; the
    // flattened body built from its fields.
    let decls = args.iter().map(|a| {
        let n = ident(&a.name);
        let ty = match a.place {
            Place::BodyField(Presence::RequiredNullable) => {
                let t = ty_tokens(api, &a.ty, From::Elsewhere);
                quote!(Option<#t>)
            }
            _ => a.stored.clone(),
        };
        quote!(#n: #ty)
    });
    let mut inits = TokenStream::new();
    for a in args
        .iter()
        .filter(|a| !matches!(a.place, Place::BodyField(_)))
    {
        let n = ident(&a.name);
        inits.extend(quote!(#n,));
    }
    for s in setters
        .iter()
        .filter(|s| !matches!(s.place, Place::BodyField(_)))
    {
        let n = ident(&s.name);
        inits.extend(quote!(#n: None,));
    }
    if let Some((_, id)) = flat {
        let ty = ty_tokens(api, &Ty::Named(id), From::Elsewhere);
        let body_args: Vec<_> = args
            .iter()
            .filter(|a| matches!(a.place, Place::BodyField(_)))
            .map(|a| ident(&a.name))
            .collect();
        if body_args.is_empty() {
            inits.extend(quote!(body: #ty::default(),));
        } else {
            inits.extend(quote!(body: #ty::new(#(#body_args),*),));
        }
    }
    let many = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));

    let setter_fns = setters.iter().map(|s| emit_setter(api, op, s));
    let into_request = emit_into_request(api, op);
    let send = emit_send(api, op);
    let docs = op_doc(op);
    let struct_doc = format!(
        " Built by the `{}` method; finish with `.send().await`.",
        crate::naming::unraw(&op.rust_method)
    );
    quote! {
        #docs
        #[doc = ""]
        #[doc = #struct_doc]
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until `.send().await`"]
        pub struct #name {
            client: crate::Client,
            #fields
            options: crate::runtime::RequestOptions,
        }

        #[allow(deprecated)]
        impl #name {
            #many
            pub(crate) fn new(client: crate::Client, #(#decls),*) -> Self {
                Self {
                    client,
                    #inits
                    options: crate::runtime::RequestOptions::default(),
                }
            }

            #(#setter_fns)*

            #into_request
            #send
        }

        crate::runtime::request_options!(#name);
    }
}

fn input_doc(api: &Api, op: &Operation, input: &Input) -> TokenStream {
    match input.place {
        Place::Param => {
            let p = op
                .params
                .iter()
                .find(|p| p.rust_name == input.name)
                .expect("input comes from a param");
            doc_attrs(&p.doc, &format!("Sets the `{}` parameter.", p.wire_name))
        }
        Place::BodyField(_) => {
            let field = op
                .body
                .as_ref()
                .and_then(|b| flattened_fields(api, b))
                .and_then(|fs| fs.iter().find(|f| f.rust_name == input.name));
            match field {
                Some(f) => doc_attrs(
                    &field_doc(api, f),
                    &format!("Sets the body's `{}` field.", f.wire_name),
                ),
                None => quote!(#[doc = " Sets a body field."]),
            }
        }
        Place::Body => quote!(#[doc = " Sets the request body."]),
    }
}

fn emit_setter(api: &Api, op: &Operation, s: &Input) -> TokenStream {
    let n = ident(&s.name);
    let mut docs = input_doc(api, op, s);
    let deprecated = match s.place {
        Place::Param => op
            .params
            .iter()
            .any(|p| p.rust_name == s.name && p.deprecated),
        Place::BodyField(_) => op
            .body
            .as_ref()
            .and_then(|b| flattened_fields(api, b))
            .is_some_and(|fs| fs.iter().any(|f| f.rust_name == s.name && f.deprecated)),
        Place::Body => false,
    };
    if deprecated {
        docs.extend(quote!(#[deprecated]));
    }
    let (decl, value) = if takes_into_string(&s.ty) {
        (quote!(value: impl Into<String>), quote!(value.into()))
    } else {
        let ty = ty_tokens(api, &s.ty, From::Elsewhere);
        (quote!(value: #ty), quote!(value))
    };
    match s.place {
        Place::Param | Place::Body => quote! {
            #docs
            pub fn #n(mut self, #decl) -> Self {
                self.#n = Some(#value);
                self
            }
        },
        Place::BodyField(Presence::OptionalNullable) => {
            let null_fn = ident(&format!("{}_null", crate::naming::unraw(&s.name)));
            let wire = flattened_fields(api, op.body.as_ref().expect("body field has a body"))
                .and_then(|fs| fs.iter().find(|f| f.rust_name == s.name))
                .map(|f| f.wire_name.clone())
                .unwrap_or_default();
            let null_doc =
                format!(" Sends `\"{wire}\": null` (the field is otherwise omitted unless set).");
            quote! {
                #docs
                pub fn #n(mut self, #decl) -> Self {
                    self.body.#n = Some(Some(#value));
                    self
                }

                #[doc = #null_doc]
                pub fn #null_fn(mut self) -> Self {
                    self.body.#n = Some(None);
                    self
                }
            }
        }
        Place::BodyField(_) => quote! {
            #docs
            pub fn #n(mut self, #decl) -> Self {
                self.body.#n = Some(#value);
                self
            }
        },
    }
}

fn method_tokens(op: &Operation) -> TokenStream {
    match op.method {
        crate::ir::Method::Get => quote!(::reqwest::Method::GET),
        crate::ir::Method::Put => quote!(::reqwest::Method::PUT),
        crate::ir::Method::Post => quote!(::reqwest::Method::POST),
        crate::ir::Method::Delete => quote!(::reqwest::Method::DELETE),
        crate::ir::Method::Options => quote!(::reqwest::Method::OPTIONS),
        crate::ir::Method::Head => quote!(::reqwest::Method::HEAD),
        crate::ir::Method::Patch => quote!(::reqwest::Method::PATCH),
        crate::ir::Method::Trace => quote!(::reqwest::Method::TRACE),
    }
}

/// The path as a `format!` string capturing one local per parameter (named by
/// `naming::module_name`, so never a raw identifier), and the parameters in order.
fn path_format(op: &Operation) -> (String, Vec<&Param>) {
    let mut fmt = String::new();
    let mut used = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        fmt.push_str(&rest[..open].replace('}', "}}"));
        let name = &rest[open + 1..close];
        match op
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire_name == name)
        {
            Some(p) => {
                fmt.push('{');
                fmt.push_str(&crate::naming::module_name(crate::naming::unraw(
                    &p.rust_name,
                )));
                fmt.push('}');
                used.push(p);
            }
            None => fmt.push_str(&format!("{{{{{name}}}}}")),
        }
        rest = &rest[close + 1..];
    }
    fmt.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    (fmt, used)
}

fn style_tokens(style: QueryStyle) -> TokenStream {
    match style {
        QueryStyle::FormExploded => quote!(crate::runtime::QueryStyle::Form),
        QueryStyle::FormComma => quote!(crate::runtime::QueryStyle::Comma),
        QueryStyle::SpaceDelimited => quote!(crate::runtime::QueryStyle::Space),
        QueryStyle::PipeDelimited => quote!(crate::runtime::QueryStyle::Pipe),
        QueryStyle::DeepObject => quote!(crate::runtime::QueryStyle::DeepObject),
    }
}

fn emit_into_request(api: &Api, op: &Operation) -> TokenStream {
    let mut checks = TokenStream::new();
    for p in &op.params {
        let n = ident(&p.rust_name);
        checks.extend(constraint_checks(
            &p.constraints,
            quote!(""),
            &p.wire_name,
            quote!(&self.#n),
        ));
        if type_validates(api, &p.ty) {
            let wire = &p.wire_name;
            checks.extend(quote!(crate::runtime::Validate::validate(&self.#n, #wire)?;));
        }
    }
    if let Some(body) = &op.body {
        if type_validates(api, &body.ty) {
            checks.extend(quote!(crate::runtime::Validate::validate(&self.body, "")?;));
        }
    }

    let (fmt, path_params) = path_format(op);
    let mut segments = TokenStream::new();
    for p in &path_params {
        let n = ident(&p.rust_name);
        let local = ident(&crate::naming::module_name(crate::naming::unraw(
            &p.rust_name,
        )));
        let wire = &p.wire_name;
        segments.extend(quote! {
            let #local = crate::runtime::encode::path_segment(#wire, &self.#n)?;
        });
    }
    let path = if path_params.is_empty() {
        quote!(#fmt.to_owned())
    } else {
        quote!(format!(#fmt))
    };
    let method = method_tokens(op);
    let mut adds = TokenStream::new();
    for p in &op.params {
        let n = ident(&p.rust_name);
        let wire = &p.wire_name;
        match p.location {
            ParamLocation::Path => {}
            ParamLocation::Query => {
                let style = style_tokens(p.style);
                adds.extend(quote!(request.query(#wire, &self.#n, #style)?;));
            }
            ParamLocation::Header => adds.extend(quote!(request.header_param(#wire, &self.#n)?;)),
            ParamLocation::Cookie => adds.extend(quote!(request.cookie_param(#wire, &self.#n)?;)),
        }
    }
    if let Some(body) = &op.body {
        let ct = &body.content_type;
        let call = match body.kind {
            BodyKind::Json => quote!(request.json(#ct, &self.body)?;),
            BodyKind::Form => quote!(request.form(&self.body)?;),
            BodyKind::Multipart => multipart_parts(api, body),
            BodyKind::Bytes => quote!(request.bytes(#ct, body);),
            BodyKind::Text => quote!(request.text(#ct, body);),
        };
        let wrapped = match (body.kind, body.flatten.is_some() || body.required) {
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
        };
        adds.extend(wrapped);
    }
    let needs_mut = !adds.is_empty();
    let binding = if needs_mut {
        quote!(let mut request)
    } else {
        quote!(let request)
    };
    quote! {
        /// Checks the inputs against the spec's constraints and builds the HTTP request.
        fn into_request(self) -> Result<(crate::Client, crate::runtime::Request), crate::Error> {
            #checks
            #segments
            let path = #path;
            #binding = crate::runtime::Request::new(#method, path, self.options);
            #adds
            Ok((self.client, request))
        }
    }
}

/// A multipart body: one part per field of the body struct, file parts for bytes.
fn multipart_parts(api: &Api, body: &Body) -> TokenStream {
    let Some(fields) = flattened_fields(api, body) else {
        return quote!(request.multipart(crate::runtime::Multipart::from_value(&self.body)?););
    };
    let mut parts = TokenStream::new();
    for f in fields {
        let n = ident(&f.rust_name);
        let wire = &f.wire_name;
        let mut base = &f.ty;
        while let Ty::Option(inner) = base {
            base = inner;
        }
        parts.extend(if *base == Ty::Bytes {
            quote!(form.file(#wire, &self.body.#n);)
        } else {
            quote!(form.text(#wire, &self.body.#n)?;)
        });
    }
    quote! {
        let mut form = crate::runtime::Multipart::default();
        #parts
        request.multipart(form);
    }
}

fn decode(kind: ResponseKind, ty: Option<&Ty>, api: &Api) -> (TokenStream, TokenStream) {
    match (kind, ty) {
        (ResponseKind::Json, Some(ty)) => {
            let t = ty_tokens(api, ty, From::Elsewhere);
            (t, quote!(response.json()))
        }
        (ResponseKind::Text, _) => (quote!(String), quote!(response.text())),
        (ResponseKind::Bytes, _) => (quote!(Vec<u8>), quote!(Ok(response.into_bytes()))),
        _ => (quote!(()), quote!(Ok(()))),
    }
}

fn emit_send(api: &Api, op: &Operation) -> TokenStream {
    if let Some(p) = &op.pagination {
        let page = ty_tokens(api, &Ty::Named(p.page_type), From::Elsewhere);
        let item = ty_tokens(api, &p.item_ty, From::Elsewhere);
        let style = match &p.style {
            PageStyle::IdCursor {
                after_param,
                before_param,
                ..
            } => {
                quote!(crate::runtime::CursorStyle::Id { after: #after_param, before: #before_param })
            }
            PageStyle::Opaque { param, .. } => {
                quote!(crate::runtime::CursorStyle::Opaque { param: #param })
            }
        };
        return quote! {
            /// Sends the request and returns the first page; `next_page()` fetches the next.
            pub async fn send(self) -> Result<crate::runtime::Page<#page>, crate::Error> {
                let (client, request) = self.into_request()?;
                client.fetch_page(request, #style).await
            }

            /// Every item of every page, fetched page by page as the stream is polled. The
            /// stream ends after the last page, on an empty page, or if the API repeats a
            /// cursor; the first error ends it too.
            pub fn into_stream(self) -> impl ::futures_core::Stream<Item = Result<#item, crate::Error>> + Send + 'static {
                crate::runtime::paginate::<#page>(self.into_request(), #style)
            }
        };
    }
    match &op.success {
        Success::One(r) => {
            let (ty, dec) = decode(r.kind, r.ty.as_ref(), api);
            let bind = if r.kind == ResponseKind::Empty {
                quote!(let _response)
            } else {
                quote!(let response)
            };
            quote! {
                /// Sends the request and decodes the response.
                pub async fn send(self) -> Result<#ty, crate::Error> {
                    let (client, request) = self.into_request()?;
                    #bind = client.execute(request).await?;
                    #dec
                }
            }
        }
        Success::ByStatus { type_id, cases } => {
            let ty = ty_tokens(api, &Ty::Named(*type_id), From::Elsewhere);
            let mut arms = TokenStream::new();
            let mut default_arm = None;
            for (m, variant, r) in cases {
                let v = ident(variant);
                let value = match r.kind {
                    ResponseKind::Json => quote!(response.json()?),
                    ResponseKind::Text => quote!(response.text()?),
                    ResponseKind::Bytes => quote!(response.into_bytes()),
                    ResponseKind::Empty => quote!(::serde_json::Value::Null),
                };
                match m {
                    StatusMatch::Code(c) => {
                        let c = proc_macro2::Literal::u16_unsuffixed(*c);
                        arms.extend(quote!(#c => Ok(#ty::#v(#value)),));
                    }
                    StatusMatch::Range(_) | StatusMatch::Default => {
                        default_arm = Some(quote!(_ => Ok(#ty::#v(#value)),));
                    }
                }
            }
            let fallback =
                default_arm.unwrap_or_else(|| quote!(_ => Ok(#ty::Unknown(response.json()?)),));
            quote! {
                /// Sends the request and decodes the response by its status.
                pub async fn send(self) -> Result<#ty, crate::Error> {
                    let (client, request) = self.into_request()?;
                    let response = client.execute(request).await?;
                    match response.status().as_u16() {
                        #arms
                        #fallback
                    }
                }
            }
        }
    }
}

/// `impl Paged` for each page type (emitted beside the type in its models file).
pub fn emit_paged_impls(api: &Api, module: &str) -> TokenStream {
    let mut done = Vec::new();
    let mut out = TokenStream::new();
    for op in &api.operations {
        let Some(p) = &op.pagination else { continue };
        if done.contains(&p.page_type) || api.ty(p.page_type).module != module {
            continue;
        }
        done.push(p.page_type);
        let page = ident(&api.ty(p.page_type).name);
        let item = ty_tokens(api, &p.item_ty, From::Models);
        let items = ident(&p.items_field);
        let has_more = match &p.has_more_field {
            Some((f, false)) => {
                let f = ident(f);
                quote!(Some(self.#f))
            }
            Some((f, true)) => {
                let f = ident(f);
                quote!(self.#f)
            }
            None => quote!(None),
        };
        let read = |f: &str| {
            let f = ident(f);
            if p.cursor_optional {
                quote!(self.#f.as_deref())
            } else {
                quote!(Some(self.#f.as_str()))
            }
        };
        let cursor = match &p.style {
            PageStyle::IdCursor {
                first_field,
                last_field,
                ..
            } => {
                let (first, last) = (read(first_field), read(last_field));
                quote!(if backwards { #first } else { #last })
            }
            PageStyle::Opaque { next_field, .. } => {
                let next = read(next_field);
                quote!({
                    let _ = backwards;
                    #next
                })
            }
        };
        out.extend(quote! {
            impl crate::runtime::Paged for #page {
                type Item = #item;

                fn items(&self) -> &[#item] {
                    &self.#items
                }

                fn into_items(self) -> Vec<#item> {
                    self.#items
                }

                fn has_more(&self) -> Option<bool> {
                    #has_more
                }

                fn next_cursor(&self, backwards: bool) -> Option<&str> {
                    #cursor
                }
            }
        });
    }
    out
}
