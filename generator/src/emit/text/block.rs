//! Functions whose bodies are straight-line statements, printed as text.
//!
//! A builder's `into_request` and a command's run function are a list of statements: `let`s,
//! calls ending in `?;`, and `if` blocks around more of them. When every line fits the
//! margin, prettyplease puts each statement on a line of its own and each block's statements
//! one level further in, so the text is certain. A statement that would be broken, or a
//! token [`super::tokens`] does not print (a struct literal, a `match`, an `else`), leaves
//! the whole function to prettyplease.

use super::layout::{chain, layout};
use super::{fits, fn_head, tokens, ITEM};
use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// A function item: `lines` (doc comments and attributes, then the head up to and with its
/// opening brace), then `body`'s statements one level in, then `}`; lines relative to the
/// item's indentation `indent`. None if a statement is not printed here.
pub(in crate::emit) fn function(
    indent: &str,
    mut lines: Vec<String>,
    body: &TokenStream,
) -> Option<Vec<String>> {
    if body.is_empty() {
        return None;
    }
    let inner = format!("{indent}    ");
    lines.extend(block(&inner, body)?.into_iter().map(|l| format!("    {l}")));
    lines.push("}".to_owned());
    Some(lines)
}

/// A function of an impl block, printed whole: `lines` (doc comments and attributes), its
/// head as [`fn_head`] lays it out (`head`, `params`, `ret`), then `body` as [`function`]
/// prints it. None if a line is not printed here.
pub(in crate::emit) fn impl_fn(
    mut lines: Vec<String>,
    (head, params, ret): (&str, &[&str], &str),
    body: &TokenStream,
) -> Option<Vec<String>> {
    lines.extend(fn_head(ITEM, head, params, ret)?);
    function(ITEM, lines, body)
}

/// Statements at `indent`, a line each (an `if`'s block one level in), relative to `indent`.
fn block(indent: &str, body: &TokenStream) -> Option<Vec<String>> {
    let mut lines = Vec::new();
    let mut statement: Vec<TokenTree> = Vec::new();
    let mut trees = body.clone().into_iter().peekable();
    while let Some(tree) = trees.next() {
        let is_if = matches!(statement.first(), Some(TokenTree::Ident(i)) if i == "if");
        match &tree {
            TokenTree::Punct(p) if p.as_char() == ';' => {
                statement.push(tree);
                let line: TokenStream = std::mem::take(&mut statement).into_iter().collect();
                lines.extend(statement_lines(indent, &line)?);
            }
            TokenTree::Group(g) if is_if && g.delimiter() == Delimiter::Brace => {
                if matches!(trees.peek(), Some(TokenTree::Ident(i)) if i == "else") {
                    return None;
                }
                let condition: Vec<TokenTree> = statement.drain(1..).collect();
                statement.clear();
                lines.extend(if_head(indent, &condition)?);
                let inner = format!("{indent}    ");
                let nested = block(&inner, &g.stream())?;
                if nested.is_empty() {
                    return None;
                }
                lines.extend(nested.into_iter().map(|l| format!("    {l}")));
                lines.push("}".to_owned());
            }
            _ => statement.push(tree),
        }
    }
    if !statement.is_empty() {
        let tail: TokenStream = statement.into_iter().collect();
        lines.extend(statement_lines(indent, &tail)?);
    }
    Some(lines)
}

/// `if condition {` on one line if it fits. Else, for `let pat = chain`, the condition laid
/// out by [`layout`] and the brace on a line of its own (prettyplease breaks the condition's
/// box, which holds the brace, and then the chain's only if it does not fit either).
fn if_head(indent: &str, condition: &[TokenTree]) -> Option<Vec<String>> {
    let text: TokenStream = condition.iter().cloned().collect();
    let head = format!("if {} {{", tokens(&text)?);
    if fits(indent, &head).is_some() {
        return Some(vec![head]);
    }
    let at = condition.iter().position(is_assign)?;
    let (pattern, expr) = (&condition[..at], &condition[at + 1..]);
    let expr_end = expr
        .iter()
        .rposition(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == '?'))?;
    match (pattern.first(), chain(&expr[..=expr_end])) {
        (Some(TokenTree::Ident(l)), Some(_)) if l == "let" => {}
        _ => return None,
    }
    let pattern: TokenStream = pattern.iter().cloned().collect();
    let prefix = format!("if {} = ", tokens(&pattern)?);
    let mut lines = layout(indent, &prefix, expr, "", false)?;
    lines.push("{".to_owned());
    Some(lines)
}

/// One statement at `indent`, laid out by [`layout`]: `let pat = expr;`, `place = expr;`, or
/// an expression with or without its `;`.
fn statement_lines(indent: &str, statement: &TokenStream) -> Option<Vec<String>> {
    let mut trees: Vec<TokenTree> = statement.clone().into_iter().collect();
    let mut suffix = String::new();
    while let Some(TokenTree::Punct(p)) = trees.last() {
        if !matches!(p.as_char(), '?' | ';') {
            break;
        }
        suffix.insert(0, p.as_char());
        trees.pop();
    }
    let starts_let = matches!(trees.first(), Some(TokenTree::Ident(i)) if i == "let");
    let assigned = match trees.as_slice() {
        [TokenTree::Ident(_), eq, ..] if !starts_let && is_assign(eq) => Some(1),
        _ if starts_let => Some(trees.iter().position(is_assign)?),
        _ => None,
    };
    let Some(at) = assigned else {
        return layout(indent, "", &trees, &suffix, true);
    };
    let place: TokenStream = trees[..at].iter().cloned().collect();
    let prefix = format!("{} = ", tokens(&place)?);
    layout(indent, &prefix, &trees[at + 1..], &suffix, false)
}

/// A lone `=` (not `==` or `=>`).
fn is_assign(tree: &TokenTree) -> bool {
    matches!(tree, TokenTree::Punct(p) if p.as_char() == '=' && p.spacing() == Spacing::Alone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn pretty(item: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(quote!(impl S { #item })).expect("parses"))
    }

    /// The statements `body(len)` gives, printed here and by prettyplease, at every length up
    /// to 90: the counts of those printed on one line each, printed broken, and left, and the
    /// text printed.
    fn compare(body: impl Fn(usize) -> TokenStream) -> (usize, usize, usize, String) {
        let (mut flat, mut broken, mut left, mut all) = (0, 0, 0, String::new());
        for len in 1..90 {
            let body = body(len);
            let head = "fn into_request(self) -> Result<(Client, Request), Error> {";
            let expected = pretty(quote! {
                /// Builds it.
                fn into_request(self) -> Result<(Client, Request), Error> { #body }
            });
            let lines = vec!["/// Builds it.".to_owned(), head.to_owned()];
            let Some(lines) = function("    ", lines, &body) else {
                left += 1;
                continue;
            };
            let text: String = lines.iter().map(|l| format!("    {l}\n")).collect();
            assert_eq!(format!("impl S {{\n{text}}}\n"), expected, "{len}: {body}");
            all.push_str(&text);
            if lines
                .iter()
                .any(|l| l.ends_with('(') || l.trim_start().starts_with('.'))
            {
                broken += 1;
            } else {
                flat += 1;
            }
        }
        (flat, broken, left, all)
    }

    /// Each shape is printed as prettyplease prints it: on one line, broken, or (past what
    /// is printed here) left to it.
    #[test]
    fn bodies_print_as_prettyplease_prints_them() {
        let name = |len: usize| quote::format_ident!("{}", "a".repeat(len));
        let wire = |len: usize| "w".repeat(len);
        let shapes: Vec<Box<dyn Fn(usize) -> TokenStream>> = vec![
            // A call, broken one argument a line.
            Box::new(|len| {
                let (n, w) = (name(len), wire(len));
                quote!(let #n = encode::path_segment(#w, &self.#n)?; Ok(#n))
            }),
            // A method call at the start of a statement, broken before its `.`, then in its
            // arguments; a four-letter receiver is left to prettyplease.
            Box::new(|len| {
                let (n, w) = (name(len), wire(len));
                quote!(request.header_param(#w, &self.#n)?; Ok(request))
            }),
            Box::new(|len| {
                let (n, w) = (name(len), wire(len));
                quote!(form.text(#w, &self.#n)?; Ok(form))
            }),
            // A chain after `let` and after `=`.
            Box::new(|len| {
                let (n, w) = (name(len), wire(len));
                quote! {
                    let mut request = client.accounts().#n(inputs.get::<Map<K, V>>(#w)?);
                    request = request.#n(value);
                    Ok(request)
                }
            }),
            // A macro with one literal.
            Box::new(|len| {
                let path = format!("/x/{}/{{id}}", "p".repeat(len));
                quote!(let path = format!(#path); Ok(path))
            }),
            // A chain in a call's arguments, broken in its generic arguments.
            Box::new(|len| {
                let (n, w) = (name(len), wire(len));
                let ty = quote::format_ident!("T{}", "t".repeat(len));
                quote! {
                    let request = client.accounts().create(
                        inputs.param_required::<models::#ty>("action")?,
                        inputs.param::<Vec<String>>(#w)?,
                        self.#n,
                    );
                    Ok(request)
                }
            }),
            // A call in a call.
            Box::new(|len| {
                let n = name(len);
                quote!(Ok(Call::paged(request.clone().send_with_response(), request.#n(), false)))
            }),
            // `if` blocks, kept on one line or left.
            Box::new(|len| {
                let (n, w) = (name(len), wire(len));
                quote! {
                    if self.body.is_some() {
                        request.json("application/json", &self.body)?;
                    }
                    if let Some(value) = inputs.field::<models::Thing>(#w)? {
                        request = request.#n(value);
                    }
                    Ok(request)
                }
            }),
            // A literal receiver, kept on its line past the margin.
            Box::new(|len| {
                let path = format!("/x/{}", "p".repeat(len));
                quote!(let path = #path.to_owned(); Ok(path))
            }),
            // A `match` assigned, one arm a line.
            Box::new(|len| {
                let n = name(len);
                quote! {
                    if let Some(value) = inputs.field_nullable::<String>("k")? {
                        request = match value {
                            Some(value) => request.#n(value),
                            None => request.null(),
                        };
                    }
                    Ok(request)
                }
            }),
            // A check with a struct literal, which is never on one line.
            Box::new(|len| {
                let (n, w) = (name(len), wire(len));
                quote! {
                    validate::range("", #w, &self.#n, Some(validate::Bound {
                        value: validate::Num::Int(1),
                        exclusive: false,
                    }), None)?;
                    Ok(request)
                }
            }),
            // An `if let` whose condition is broken, in its generic arguments.
            Box::new(|len| {
                let (n, w) = (name(len), wire(len));
                let ty = quote::format_ident!("T{}", "t".repeat(len));
                quote! {
                    if let Some(value) = inputs.param::<Vec<models::#ty>>(#w)? {
                        request = request.#n(value);
                    }
                    Ok(request)
                }
            }),
            // A constructor's struct literal, with a shorthand field.
            Box::new(|len| {
                let n = name(len);
                quote!(Self { #n: #n.into(), b, c: None, extra: BTreeMap::new(), })
            }),
            // An accessor's struct literal, its long path run past the margin.
            Box::new(|len| {
                let (m, s) = (name(len), quote::format_ident!("S{}", "s".repeat(len)));
                quote!(super::#m::#s { client: self.client.clone() })
            }),
        ];
        for (i, shape) in shapes.iter().enumerate() {
            let (flat, broken, left, text) = compare(shape);
            // A literal is printed past the margin; the arguments of `create` never fit one
            // line.
            assert_eq!(flat == 0, i == 5 || i == 10, "shape {i}: {flat} flat");
            assert_eq!(
                left == 0,
                i == 4 || i == 8 || i == 13,
                "shape {i}: {left} left"
            );
            // A short receiver at the start of a statement is never broken here.
            // (A match is never broken further than one arm a line; nothing in an accessor's
            // literal can break.)
            assert_eq!(
                broken == 0,
                i == 2 || i == 9 || i == 13,
                "shape {i}: {broken} broken"
            );
            if i == 13 {
                let past = text.lines().any(|l| l.len() > 89 && l.ends_with(" {"));
                assert!(past, "shape {i}: the path never ran past the margin");
            }
            if i == 12 {
                assert!(
                    text.contains("\n            b,\n"),
                    "shape {i}: {flat} {broken} {left}"
                );
            }
            if i == 5 || i == 11 {
                assert!(text.contains("param::<\n") || text.contains("param_required::<\n"));
            }
            if i == 7 || i == 11 {
                assert!(
                    text.contains("\n        {\n"),
                    "shape {i}: no brace on its own line"
                );
            }
        }
    }

    #[test]
    fn what_prettyplease_would_lay_out_is_left_to_it() {
        let struct_literal = quote!(validate::range("", &self.a, Bound { value: 1 })?;);
        let struct_rest = quote!(f(Some(validate::Bound { value: validate::Num::Int(1), ..x })););
        let else_branch = quote!(if a {
            b();
        } else {
            c();
        });
        let matched = quote!(request = match value { Some(v) => { a(); v } None => w };);
        for body in [
            struct_literal,
            struct_rest,
            else_branch,
            matched,
            TokenStream::new(),
        ] {
            assert_eq!(function("", vec!["fn f() {".into()], &body), None, "{body}");
        }
    }
}
