//! Emits a builder's `send` (and `into_stream` for pages): run the request, decode the
//! response.

use super::types::{ident, ty_tokens, Imports};
use crate::ir::{
    Api, Operation, PageStyle, Pagination, Response, ResponseKind, StatusMatch, Success, Ty,
};
use proc_macro2::TokenStream;
use quote::quote;

fn decode(api: &Api, r: &Response, imp: &Imports) -> (TokenStream, TokenStream) {
    match (r.kind, &r.ty) {
        (ResponseKind::Json, Some(ty)) => (ty_tokens(api, ty, imp), quote!(response.json())),
        (ResponseKind::Text, _) => (quote!(String), quote!(response.text())),
        (ResponseKind::Bytes, _) => (quote!(Vec<u8>), quote!(Ok(response.into_bytes()))),
        _ => (quote!(()), quote!(Ok(()))),
    }
}

pub fn send(api: &Api, op: &Operation, imp: &Imports) -> TokenStream {
    let error = imp.name("crate::Error");
    if let Some(p) = &op.pagination {
        return send_page(api, p, imp);
    }
    match &op.success {
        Success::One(r) => {
            let (ty, dec) = decode(api, r, imp);
            let bind = if r.kind == ResponseKind::Empty {
                quote!(let _response)
            } else {
                quote!(let response)
            };
            quote! {
                /// Sends the request and decodes the response.
                pub async fn send(self) -> Result<#ty, #error> {
                    let (client, request) = self.into_request()?;
                    #bind = client.execute(request).await?;
                    #dec
                }
            }
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
                    ResponseKind::Bytes => quote!(response.into_bytes()),
                    ResponseKind::Empty => quote!(serde_json::Value::Null),
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
                default_arm.unwrap_or_else(|| quote!(_ => Ok(#ty::#fallback(response.json()?)),));
            quote! {
                /// Sends the request and decodes the response by its status.
                pub async fn send(self) -> Result<#ty, #error> {
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

fn send_page(api: &Api, p: &Pagination, imp: &Imports) -> TokenStream {
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
    let (page_ty, paginate, error) = (
        imp.name("crate::runtime::Page"),
        imp.name("crate::runtime::paginate"),
        imp.name("crate::Error"),
    );
    quote! {
        /// Sends the request and returns the first page; `next_page()` fetches the next.
        pub async fn send(self) -> Result<#page_ty<#page>, #error> {
            let (client, request) = self.into_request()?;
            client.fetch_page(request, #style).await
        }

        /// Every item of every page, fetched page by page as the stream is polled. The
        /// stream ends after the last page, on an empty page, or if the API repeats a
        /// cursor; the first error ends it too.
        pub fn into_stream(self) -> impl futures_core::Stream<Item = Result<#item, #error>> + Send + 'static {
            #paginate::<#page>(self.into_request(), #style)
        }
    }
}
