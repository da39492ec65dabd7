//! Emits the checks run before a request is sent: `impl Validate` for request types and the
//! calls into the runtime's `validate` module.

use super::types::{ident, number_tokens, Imports};
use crate::ir::{Constraints, Field, Number, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

/// `impl Validate`: the spec's constraints, checked before a request is sent.
pub fn validate_impl(t: &TypeDef, fields: &[Field], imp: &Imports) -> TokenStream {
    let name = ident(&t.name);
    let validate = imp.name("crate::runtime::validate");
    let trait_name = imp.name("crate::runtime::Validate");
    let mut checks = TokenStream::new();
    for f in fields {
        let fname = ident(&f.rust_name);
        let wire = &f.wire_name;
        checks.extend(constraint_checks(
            &f.constraints,
            quote!(at),
            wire,
            quote!(&self.#fname),
            imp,
        ));
        if f.validates_inner {
            checks.extend(quote! {
                #trait_name::validate(&self.#fname, &#validate::join(at, #wire))?;
            });
        }
    }
    let error = imp.name("crate::Error");
    let allow = t.uses_deprecated.then(|| quote!(#[allow(deprecated)]));
    quote! {
        #allow
        impl #trait_name for #name {
            fn validate(&self, at: &str) -> Result<(), #error> {
                #checks
                Ok(())
            }
        }
    }
}

/// Calls into `runtime::validate` for one value's constraints.
pub fn constraint_checks(
    c: &Constraints,
    at: TokenStream,
    field: &str,
    value: TokenStream,
    imp: &Imports,
) -> TokenStream {
    let mut out = TokenStream::new();
    if c.is_empty() {
        return out;
    }
    let validate = imp.name("crate::runtime::validate");
    let opt_usize = |v: Option<usize>| match v {
        Some(n) => {
            let n = proc_macro2::Literal::usize_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    };
    for (min, max) in [(c.min_length, c.max_length), (c.min_items, c.max_items)] {
        if min.is_some() || max.is_some() {
            let (min, max) = (opt_usize(min), opt_usize(max));
            out.extend(quote!(#validate::length(#at, #field, #value, #min, #max)?;));
        }
    }
    if c.minimum.is_some() || c.maximum.is_some() {
        let bound = |b: Option<Number>, exclusive: bool| match b {
            Some(n) => {
                let n = number_tokens(n, imp);
                quote!(Some(#validate::Bound { value: #n, exclusive: #exclusive }))
            }
            None => quote!(None),
        };
        let min = bound(c.minimum, c.exclusive_minimum);
        let max = bound(c.maximum, c.exclusive_maximum);
        out.extend(quote!(#validate::range(#at, #field, #value, #min, #max)?;));
    }
    out
}
