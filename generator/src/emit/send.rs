//! Emits a builder's `send` (and `into_stream` for pages): run the request, decode the
//! response.

use super::deferred::{Items, Printed};
use super::text;
use super::types::{ident, ty_tokens, Imports};
use crate::ir::{
    Api, Operation, PageStyle, Pagination, Response, ResponseKind, StatusMatch, Success, Ty,
};
use proc_macro2::TokenStream;
use quote::quote;

/// The type a successful call returns, and the runtime function (`dispatch::*`) that sends
/// the request and decodes it.
fn one(api: &Api, r: &Response, imp: &Imports) -> (TokenStream, &'static str) {
    match (r.kind, &r.ty) {
        (ResponseKind::Json, Some(ty)) => (ty_tokens(api, ty, imp), "json"),
        (ResponseKind::Text, _) => (quote!(String), "text"),
        (ResponseKind::Bytes, _) => (quote!(Vec<u8>), "bytes"),
        _ => (quote!(()), "empty"),
    }
}

/// `send` and `send_with_response` for a request whose success type is `ty`;
/// `send_with_response` is `dispatch::<call>(self.into_request(), <extra>)`. Both are plain
/// functions returning the runtime's boxed future: the async code is in `runtime::dispatch`,
/// generic, so an operation adds none. Both are printed as text when they fit.
fn sends(
    ty: &TokenStream,
    call: &str,
    extra: Option<TokenStream>,
    imp: &Imports,
    items: &mut Items,
) {
    let (error, info) = (imp.name("crate::Error"), imp.name("crate::ResponseInfo"));
    let (boxed, dispatch) = (
        imp.name("crate::runtime::BoxFuture"),
        imp.name("crate::runtime::dispatch"),
    );
    let call = {
        let f = ident(call);
        quote!(#dispatch::#f)
    };
    let send = text::send(ty, &error, &boxed, &dispatch);
    let with = text::send_with_response(ty, &info, &error, &boxed, (&call, extra.as_ref()));
    items.push(send, || {
        quote! {
            /// Sends the request and decodes the response.
            pub fn send(self) -> #boxed<Result<#ty, #error>> {
                #dispatch::value(self.send_with_response())
            }
        }
    });
    items.push(with, || {
        let extra = extra.map(|e| quote!(, #e));
        quote! {
            /// Sends the request; returns the decoded response with its status, headers and
            /// request id.
            pub fn send_with_response(self) -> #boxed<Result<(#ty, #info), #error>> {
                #call(self.into_request() #extra)
            }
        }
    });
}

/// `impl IntoFuture`, so `builder.await` sends the request.
pub fn into_future(api: &Api, op: &Operation, imp: &Imports) -> Printed {
    let name = ident(&op.builder_name);
    let ty = success_ty(api, op, imp);
    let (error, boxed) = (
        imp.name("crate::Error"),
        imp.name("crate::runtime::BoxFuture"),
    );
    let text = text::into_future(&op.builder_name, &ty, &error, &boxed);
    Printed::new(text, || {
        quote! {
            impl std::future::IntoFuture for #name {
                type Output = Result<#ty, #error>;
                type IntoFuture = #boxed<Self::Output>;

                /// Sends the request: `builder.await` is `builder.send().await`.
                fn into_future(self) -> Self::IntoFuture {
                    self.send()
                }
            }
        }
    })
}

fn success_ty(api: &Api, op: &Operation, imp: &Imports) -> TokenStream {
    if let Some(p) = &op.pagination {
        let page = ty_tokens(api, &Ty::Named(p.page_type), imp);
        let page_ty = imp.name("crate::runtime::Page");
        return quote!(#page_ty<#page>);
    }
    match &op.success {
        Success::One(r) => one(api, r, imp).0,
        Success::ByStatus { type_id, .. } => ty_tokens(api, &Ty::Named(*type_id), imp),
    }
}

pub fn send(api: &Api, op: &Operation, imp: &Imports, items: &mut Items) {
    if let Some(p) = &op.pagination {
        return send_page(api, p, imp, items);
    }
    match &op.success {
        Success::One(r) => {
            let (ty, call) = one(api, r, imp);
            sends(&ty, call, None, imp, items)
        }
        Success::ByStatus { type_id, cases } => {
            let ty = ty_tokens(api, &Ty::Named(*type_id), imp);
            let fallback = match &api.ty(*type_id).kind {
                crate::ir::TypeKind::Union { fallback, .. } => ident(fallback),
                _ => ident("Unknown"),
            };
            let mut arms = TokenStream::new();
            let mut default_arm = None;
            for (m, variant, r) in cases {
                let v = ident(variant);
                let value = match r.kind {
                    ResponseKind::Json => quote!(response.json()?),
                    ResponseKind::Text => quote!(response.text()?),
                    ResponseKind::Bytes => quote!(response.clone().into_bytes()),
                    ResponseKind::Empty => quote!(serde_json::Value::Null),
                };
                match m {
                    StatusMatch::Code(c) => {
                        let c = proc_macro2::Literal::u16_unsuffixed(*c);
                        arms.extend(quote!(#c => #ty::#v(#value),));
                    }
                    StatusMatch::Range(_) | StatusMatch::Default => {
                        default_arm = Some(quote!(_ => #ty::#v(#value),));
                    }
                }
            }
            let fallback =
                default_arm.unwrap_or_else(|| quote!(_ => #ty::#fallback(response.json()?),));
            let decode = quote! {
                |response| {
                    Ok(match response.status().as_u16() {
                        #arms
                        #fallback
                    })
                }
            };
            sends(&ty, "decoded", Some(decode), imp, items)
        }
    }
}

fn send_page(api: &Api, p: &Pagination, imp: &Imports, items: &mut Items) {
    let page = ty_tokens(api, &Ty::Named(p.page_type), imp);
    let item = ty_tokens(api, &p.item_ty, imp);
    let cursor = imp.name("crate::runtime::CursorStyle");
    let style = match &p.style {
        PageStyle::IdCursor {
            after_param,
            before_param,
            ..
        } => quote!(#cursor::Id { after: #after_param, before: #before_param }),
        PageStyle::Opaque { param, .. } => quote!(#cursor::Opaque { param: #param }),
    };
    let (page_ty, paginate, error, stream) = (
        imp.name("crate::runtime::Page"),
        imp.name("crate::runtime::paginate"),
        imp.name("crate::Error"),
        imp.name("crate::runtime::BoxStream"),
    );
    sends(
        &quote!(#page_ty<#page>),
        "page",
        Some(style.clone()),
        imp,
        items,
    );
    items.add(Printed::Tokens(quote! {
        /// Every item of every page, fetched page by page as the stream is polled. The
        /// stream ends after the last page, on an empty page, or if the API repeats a
        /// cursor; the first error ends it too.
        pub fn into_stream(self) -> #stream<Result<#item, #error>> {
            #paginate::<#page>(self.into_request(), #style)
        }
    }));
}
