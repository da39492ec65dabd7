//! A builder's `send`, `send_with_response` and `impl IntoFuture`, printed as text.

use super::{angle_lines, fits, fn_head, tokens, ITEM};
use proc_macro2::TokenStream;

/// dropped.
pub(in crate::emit) fn send(
    ty: &TokenStream,
    error: &TokenStream,
    boxed: &TokenStream,
    dispatch: &TokenStream,
) -> Option<Vec<String>> {
    let ret = format!(
        "{}<Result<{}, {}>>",
        tokens(boxed)?,
        tokens(ty)?,
        tokens(error)?
    );
    let body = format!("{}::value(self.send_with_response())", tokens(dispatch)?);
    self_method(
        &["/// Sends the request and decodes the response."],
        "pub fn send",
        &ret,
        &body,
    )
}

/// A builder's `send_with_response` for a request sent with
/// `call(self.into_request()[, extra])`.
pub(in crate::emit) fn send_with_response(
    ty: &TokenStream,
    info: &TokenStream,
    error: &TokenStream,
    boxed: &TokenStream,
    (call, extra): (&TokenStream, Option<&TokenStream>),
) -> Option<Vec<String>> {
    let ret = format!(
        "{}<Result<({}, {}), {}>>",
        tokens(boxed)?,
        tokens(ty)?,
        tokens(info)?,
        tokens(error)?
    );
    let extra = match extra {
        Some(extra) => format!(", {}", tokens(extra)?),
        None => String::new(),
    };
    let body = format!("{}(self.into_request(){extra})", tokens(call)?);
    self_method(
        &[
            "/// Sends the request; returns the decoded response with its status, headers and",
            "/// request id.",
        ],
        "pub fn send_with_response",
        &ret,
        &body,
    )
}

/// An impl item `head(self) -> ret { body }` after its doc lines, the body one line.
fn self_method(docs: &[&str], head: &str, ret: &str, body: &str) -> Option<Vec<String>> {
    let body = format!("    {body}");
    fits(ITEM, &body)?;
    let mut lines: Vec<String> = docs.iter().map(|d| (*d).to_owned()).collect();
    lines.extend(fn_head(ITEM, head, &["self"], ret)?);
    lines.extend([body, "}".to_owned()]);
    Some(lines)
}

/// `impl IntoFuture for builder`, a top-level item: `builder.await` sends the request.
pub(in crate::emit) fn into_future(
    builder: &str,
    ty: &TokenStream,
    error: &TokenStream,
    boxed: &TokenStream,
) -> Option<Vec<String>> {
    let mut lines = trait_impl_head("impl std::future::IntoFuture", builder);
    let args = [tokens(ty)?, tokens(error)?];
    lines.extend(type_alias(ITEM, "Output", "Result", &args)?);
    let future = format!("    type IntoFuture = {}<Self::Output>;", tokens(boxed)?);
    fits("", &future)?;
    lines.extend([
        String::new(),
        future,
        String::new(),
        "    /// Sends the request: `builder.await` is `builder.send().await`.".to_owned(),
        "    fn into_future(self) -> Self::IntoFuture {".to_owned(),
        "        self.send()".to_owned(),
        "    }".to_owned(),
        "}".to_owned(),
    ]);
    Some(lines)
}

/// `impl Trait for Type {` on one line if it fits, else broken before `for` (prettyplease's
/// only break there; a long type name runs past the margin).
pub(in crate::emit::text) fn trait_impl_head(head: &str, ty: &str) -> Vec<String> {
    let one = format!("{head} for {ty} {{");
    if fits("", &one).is_some() {
        vec![one]
    } else {
        vec![head.to_owned(), format!("for {ty} {{")]
    }
}

/// `type name = generic<args>;` at `indent` (lines relative to the impl): on one line if it
/// fits, else one generic argument a line ([`super::angle_lines`]).
fn type_alias(indent: &str, name: &str, generic: &str, args: &[String]) -> Option<Vec<String>> {
    let head = format!("type {name} = {generic}");
    let one = format!("{head}<{}>;", args.join(", "));
    if fits(indent, &one).is_some() {
        return Some(vec![format!("{indent}{one}")]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let lines = angle_lines(indent, &head, &args, ";")?;
    Some(lines.into_iter().map(|l| format!("{indent}{l}")).collect())
}

/// A resource's method that starts a request: `pub fn method(&self, decls) -> Builder {
#[cfg(test)]
mod tests {
    use super::super::tests::pretty_impl_item;
    use super::*;
    use quote::quote;

    /// `send`, `send_with_response` and `IntoFuture` printed here are the text prettyplease
    /// prints, on one line, broken, or left to prettyplease, at every length.
    #[test]
    fn sends_print_as_prettyplease_prints_them() {
        let (error, info) = (quote!(Error), quote!(ResponseInfo));
        let (boxed, dispatch) = (quote!(BoxFuture), quote!(dispatch));
        let call = quote!(dispatch::json);
        let (mut left, mut return_broken, mut result_broken, mut tuple_broken) = (0, 0, 0, 0);
        for len in 1..90 {
            let name = quote::format_ident!("{}", "T".repeat(len));
            let ty = quote!(models::#name);
            let pretty = pretty_impl_item(quote! {
                /// Sends the request and decodes the response.
                pub fn send(self) -> #boxed<Result<#ty, #error>> {
                    #dispatch::value(self.send_with_response())
                }

                /// Sends the request; returns the decoded response with its status, headers and
                /// request id.
                pub fn send_with_response(self) -> #boxed<Result<(#ty, #info), #error>> {
                    #call(self.into_request())
                }
            });
            let texts = [
                send(&ty, &error, &boxed, &dispatch),
                send_with_response(&ty, &info, &error, &boxed, (&call, None)),
            ];
            if let [Some(a), Some(b)] = &texts {
                let printed: String = a.iter().chain(b).map(|l| format!("    {l}\n")).collect();
                assert_eq!(printed, pretty, "{len}");
                return_broken += usize::from(printed.contains(") -> BoxFuture<\n"));
                result_broken += usize::from(printed.contains("        Result<\n"));
                tuple_broken += usize::from(printed.contains("            (\n"));
            } else {
                left += 1;
            }
            let file: syn::File = syn::parse2(quote! {
                impl std::future::IntoFuture for #name {
                    type Output = Result<#ty, #error>;
                    type IntoFuture = #boxed<Self::Output>;
                    /// Sends the request: `builder.await` is `builder.send().await`.
                    fn into_future(self) -> Self::IntoFuture {
                        self.send()
                    }
                }
            })
            .expect("parses");
            let pretty = prettyplease::unparse(&file);
            if let Some(lines) = into_future(&name.to_string(), &ty, &error, &boxed) {
                let printed: String = lines
                    .iter()
                    .filter(|l| !l.is_empty())
                    .map(|l| format!("{l}\n"))
                    .collect();
                assert_eq!(printed, pretty, "{len}");
            }
        }
        // Every length is printed here; long names break the return type, then its
        // `Result`, then the tuple in it.
        assert_eq!(left, 0);
        assert!(tuple_broken > 0, "the tuple never broke");
        assert!(return_broken > 0, "the return type never broke");
        assert!(
            result_broken > 0,
            "a `Result` never broke its two arguments"
        );
    }
}
