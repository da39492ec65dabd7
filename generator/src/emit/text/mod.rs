//! Items printed as text, skipping syn and prettyplease.
//!
//! Parsing token streams back with syn was most of formatting's cost, and most generated
//! items have a layout that is certain: prettyplease (an Oppen printer with an 89-column
//! margin) keeps a line whole when it fits, breaks the outermost box that does not, and lets
//! a line with nothing to break (a long name) run past the margin. The printers here follow
//! those rules for the shapes the generator emits: setters, `send` and `IntoFuture`
//! ([`sends`]), accessors and constructors (here), function bodies of straight-line
//! statements ([`block`], broken by [`layout`] and [`compound`]), and structs, enums and
//! impl blocks ([`items`]). Their lines go into the file through a [`super::deferred`]
//! placeholder. Whatever a printer does not know is left to prettyplease, so the output is
//! the same either way; each printer's tests compare it with prettyplease at every length.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

mod block;
mod compound;
mod items;
mod layout;
mod sends;

pub(super) use block::{function, impl_fn};
pub(super) use items::{braced_item, head_lines, impl_block, impl_lines, one_line_item, Head};
pub(super) use sends::{into_future, send, send_with_response};

/// prettyplease's line width.
const MARGIN: usize = 89;

/// An impl item's indentation in a file (impl blocks are top-level items).
pub(super) const ITEM: &str = "    ";

/// A setter, `pub fn name(mut self, decl) -> Self { place = Some(value); self }` (without
/// `decl` for a setter of `null`), after
/// its doc comments (`/// ..`) and `#[deprecated]`, as lines relative to the impl's items; none
/// if a line would not fit (prettyplease breaks it) or a token is outside what [`tokens`]
/// prints.
pub(super) fn setter(
    docs: Vec<String>,
    deprecated: bool,
    name: &str,
    decl: Option<&TokenStream>,
    place: &TokenStream,
    value: &TokenStream,
) -> Option<Vec<String>> {
    let decl = match decl {
        Some(decl) => Some(tokens(decl)?),
        None => None,
    };
    let mut params = vec!["mut self"];
    params.extend(decl.as_deref());
    let head = fn_head(ITEM, &format!("pub fn {name}"), &params, "Self")?;
    let body = format!("    {} = Some({});", tokens(place)?, tokens(value)?);
    fits(ITEM, &body)?;
    let mut lines = docs;
    if deprecated {
        lines.push("#[deprecated]".into());
    }
    lines.extend(head);
    lines.extend([body, "    self".into(), "}".into()]);
    Some(lines)
}

/// A builder's `send`: `dispatch::value(self.send_with_response())`, the response info
/// Builder::new(client, values) }`, after its doc comments and attribute lines.
pub(super) fn accessor(
    docs: Vec<String>,
    attrs: &[&str],
    method: &str,
    decls: &[TokenStream],
    builder: &str,
    args: &[TokenStream],
) -> Option<Vec<String>> {
    let decls = decls.iter().map(tokens).collect::<Option<Vec<String>>>()?;
    let mut params = vec!["&self"];
    params.extend(decls.iter().map(String::as_str));
    let head = fn_head(ITEM, &format!("pub fn {method}"), &params, builder)?;
    let args = args.iter().map(tokens).collect::<Option<Vec<String>>>()?;
    let call = call(&format!("{ITEM}    "), &format!("{builder}::new"), &args)?;
    let mut lines = docs;
    lines.extend(attrs.iter().map(|a| a.to_string()));
    lines.extend(head);
    lines.extend(call.into_iter().map(|l| format!("    {l}")));
    lines.push("}".into());
    Some(lines)
}

/// A builder's `pub(crate) fn new(client: Client, decls) -> Self { Self { client, inits,
/// options: RequestOptions::default() } }`. prettyplease breaks a struct literal wider
/// than 34 columns, and `Self { client, options: RequestOptions::default() }` already is,
/// so the literal is always one field a line.
pub(super) fn constructor(
    attrs: &[&str],
    client: &TokenStream,
    decls: &[TokenStream],
    inits: &TokenStream,
    options: &TokenStream,
) -> Option<Vec<String>> {
    let client_param = format!("client: {}", tokens(client)?);
    let decls = decls.iter().map(tokens).collect::<Option<Vec<String>>>()?;
    let mut params = vec![client_param.as_str()];
    params.extend(decls.iter().map(String::as_str));
    let head = fn_head(ITEM, "pub(crate) fn new", &params, "Self")?;
    let mut fields = vec!["client".to_owned()];
    for init in split_commas(inits) {
        fields.push(tokens(&init)?);
    }
    fields.push(format!("options: {}::default()", tokens(options)?));
    let mut lines: Vec<String> = attrs.iter().map(|a| a.to_string()).collect();
    lines.extend(head);
    lines.push("    Self {".into());
    for field in fields {
        let line = format!("        {field},");
        fits(ITEM, &line)?;
        lines.push(line);
    }
    lines.extend(["    }".into(), "}".into()]);
    Some(lines)
}

/// A call `callee(args)` as prettyplease lays it out at `indent`: on one line if it fits,
/// else one argument a line.
fn call(indent: &str, callee: &str, args: &[String]) -> Option<Vec<String>> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    one_or_each(indent, &format!("{callee}("), &args, ")")
}

/// Tokens cut at their top-level commas, outside groups and generic arguments (a trailing
/// comma gives no empty piece).
fn split_commas(tokens: &TokenStream) -> Vec<TokenStream> {
    let mut pieces = Vec::new();
    let mut current = TokenStream::new();
    let mut angles = 0usize;
    for tt in tokens.clone() {
        if let TokenTree::Punct(p) = &tt {
            match p.as_char() {
                ',' if angles == 0 => {
                    pieces.push(std::mem::take(&mut current));
                    continue;
                }
                '<' => angles += 1,
                '>' => angles = angles.saturating_sub(1),
                _ => {}
            }
        }
        current.extend([tt]);
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// A function's head up to its opening brace, as prettyplease lays it out at `indent`: on
/// one line if it fits, else one parameter a line and `) -> ret {`; if that does not fit and
/// `ret` is `Outer<Inner>`, its generic argument a line too (`) -> Outer<`, `    Inner,`,
/// `> {`); none if a line does not fit even so.
pub(super) fn fn_head(indent: &str, head: &str, params: &[&str], ret: &str) -> Option<Vec<String>> {
    let open = format!("{head}(");
    if let Some(lines) = one_or_each(indent, &open, params, &format!(") -> {ret} {{")) {
        return Some(lines);
    }
    let (outer, inner) = enclosed(ret, '<')?;
    if !unbreakable(outer) {
        return None;
    }
    let mut lines = each(indent, &open, params, ")")?;
    lines.pop();
    lines.extend(angle_lines(
        indent,
        &format!(") -> {outer}"),
        &[inner],
        " {",
    )?);
    Some(lines)
}

/// The parts of `text` between its commas outside brackets of any kind (`A, B<C, D>`: `A`
/// and `B<C, D>`), each without the space after its comma.
fn top_level_split(text: &str) -> Vec<&str> {
    let (mut depth, mut start) = (0i32, 0);
    let mut parts = Vec::new();
    for (at, c) in text.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(text[start..at].trim_start());
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(text[start..].trim_start());
    parts.retain(|p| !p.is_empty());
    parts
}

/// `head` and `inner` of `head<inner>` (or `head(inner)`, after `open`): the first `open`
/// bracket, whose pair is the last character of `text`. None for anything else (`A<B>::C`,
/// `(a).b(c)`, an arrow `->`, which the bracket counting would misread).
fn enclosed(text: &str, open: char) -> Option<(&str, &str)> {
    if text.contains("->") {
        return None;
    }
    let at = text.find(open)?;
    let mut depth = 0i32;
    for (i, c) in text.char_indices().skip_while(|&(i, _)| i < at) {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            return (i + c.len_utf8() == text.len()).then(|| (&text[..at], &text[at + 1..i]));
        }
    }
    None
}

/// `open`, the comma-separated `items` and `close` on one line if it fits at `indent`, else
/// one item a line (with a trailing comma) between them, as prettyplease breaks parameter
/// and argument lists; none if a line does not fit either way. A broken line with nothing
/// prettyplease could break (`pub fn name(`, `models::LongName,`, `) -> super::Long {`)
/// runs past the margin, as it does there.
fn one_or_each(indent: &str, open: &str, items: &[&str], close: &str) -> Option<Vec<String>> {
    let one = format!("{open}{}{close}", items.join(", "));
    if fits(indent, &one).is_some() {
        return Some(vec![one]);
    }
    each(indent, open, items, close)
}

/// The broken form of [`one_or_each`].
fn each(indent: &str, open: &str, items: &[&str], close: &str) -> Option<Vec<String>> {
    if !unbreakable(open.strip_suffix('(')?) {
        fits(indent, open)?;
    }
    let close_unbreakable = close
        .strip_prefix(") -> ")
        .and_then(|l| l.strip_suffix(" {"))
        .is_some_and(unbreakable);
    if !close_unbreakable {
        fits(indent, close)?;
    }
    bracketed(indent, open, items, close)
}

/// A list item `text` and its comma at `indent`: on one line if it fits (the comma counted
/// when `measured`) or cannot break; else, for `head<inner>`, its generic arguments one a
/// line (`head<`, `    inner,`, `>,`), and for a tuple `(a, b)` its types one a line, each
/// laid out in turn.
fn generic_lines(indent: &str, text: &str, measured: bool) -> Option<Vec<String>> {
    let line = format!("{text},");
    let counted = if measured { line.as_str() } else { text };
    if unbreakable(text) || fits(indent, counted).is_some() {
        return Some(vec![line]);
    }
    if let Some(("", inner)) = enclosed(text, '(') {
        // A tuple of one type keeps its comma; it is left to prettyplease.
        let types = top_level_split(inner);
        if types.len() < 2 {
            return None;
        }
        return bracketed(indent, "(", &types, "),");
    }
    let (head, inner) = enclosed(text, '<')?;
    // `name: impl Trait` and `Item = impl Trait` do not break before the `<`.
    let plain_head = head
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | ' ' | '=' | '&'));
    if !plain_head {
        return None;
    }
    fits(indent, &format!("{head}<"))?;
    angle_lines(indent, head, &[inner], ",")
}

/// Generic arguments broken one a line, as prettyplease breaks them: `head<`, each argument
/// a level in with its comma (laid out by [`generic_lines`], the last comma not measured),
/// then `>` and `close`. An argument given with top-level commas (`A, B`) is several. None
/// if a line does not fit.
fn angle_lines(indent: &str, head: &str, args: &[&str], close: &str) -> Option<Vec<String>> {
    let args: Vec<&str> = args.iter().flat_map(|a| top_level_split(a)).collect();
    bracketed(indent, &format!("{head}<"), &args, &format!(">{close}"))
}

/// `open`, each item a level in with its comma (laid out by [`generic_lines`]; the last
/// comma is printed in place of a break, so it is not measured), then `close`: a broken
/// list of parameters, generic arguments or tuple types.
fn bracketed(indent: &str, open: &str, items: &[&str], close: &str) -> Option<Vec<String>> {
    let inner = format!("{indent}    ");
    let mut lines = vec![open.to_owned()];
    for (i, item) in items.iter().enumerate() {
        let item_lines = generic_lines(&inner, item, i + 1 < items.len())?;
        lines.extend(item_lines.into_iter().map(|l| format!("    {l}")));
    }
    lines.push(close.to_owned());
    Some(lines)
}

/// Text prettyplease prints without a break opportunity: words and paths, no generics,
/// parentheses, commas or operators.
fn unbreakable(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | ' ' | '&' | '#'))
}

/// Some if `line` at `indent` fits prettyplease's margin.
fn fits(indent: &str, line: &str) -> Option<()> {
    (indent.len() + line.len() <= MARGIN).then_some(())
}

/// Doc lines (` text`, as the docs module makes them) as comment lines, trailing spaces
/// trimmed as prettyplease trims them.
pub(super) fn doc_comments(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| format!("///{}", l.trim_end_matches(' ')))
        .collect()
}

/// A type, a path or a simple expression or statement as prettyplease prints it:
/// `impl Into<String>`, `self.body.name`, `value.into_iter().map(Into::into).collect()`,
/// `request.query("a", &self.a)?;`. None for tokens it does not print here (braces,
/// lifetimes, operators but `::`, `.`, `,`, `=`, `<`, `>`, `:` and the prefix or suffix
/// `&`, `?`, `!` and `;`).
pub(super) fn tokens(tokens: &TokenStream) -> Option<String> {
    let mut out = String::new();
    write_tokens(tokens, &mut out)?;
    Some(out)
}

fn write_tokens(tokens: &TokenStream, out: &mut String) -> Option<()> {
    let mut joint_colon = false;
    for tt in tokens.clone() {
        match tt {
            TokenTree::Ident(id) => {
                // `pub(crate) client`, `(a) as u8`: a word after a parenthesis is spaced too.
                if out.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ')') {
                    out.push(' ');
                }
                out.push_str(&id.to_string());
            }
            TokenTree::Literal(lit) => out.push_str(&lit.to_string()),
            TokenTree::Punct(p) => {
                let c = p.as_char();
                match c {
                    ':' if joint_colon => out.push(':'),
                    ':' if p.spacing() == Spacing::Joint => out.push(':'),
                    ':' => out.push_str(": "),
                    '.' | '<' | '>' | '&' | '?' | '!' | ';' => out.push(c),
                    ',' => out.push_str(", "),
                    '=' if p.spacing() == Spacing::Alone => out.push_str(" = "),
                    _ => return None,
                }
                joint_colon = c == ':' && p.spacing() == Spacing::Joint;
                continue;
            }
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ('(', ')'),
                    Delimiter::Bracket => ('[', ']'),
                    Delimiter::None => {
                        write_tokens(&g.stream(), out)?;
                        joint_colon = false;
                        continue;
                    }
                    Delimiter::Brace => return None,
                };
                out.push(open);
                write_tokens(&g.stream(), out)?;
                // `(a, b, )` never comes from quote's repetition, but keep it tidy.
                if out.ends_with(", ") {
                    out.truncate(out.len() - 2);
                }
                out.push(close);
            }
        }
        joint_colon = false;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    pub(in crate::emit::text) fn pretty_impl_item(item: TokenStream) -> String {
        let file: syn::File = syn::parse2(quote!(impl S { #item })).expect("parses");
        let text = prettyplease::unparse(&file);
        let body = text.strip_prefix("impl S {\n").expect("impl");
        body.strip_suffix("}\n").expect("end").to_owned()
    }

    /// A setter printed here is the text prettyplease prints, at every length up to the
    /// margin; past it, it is left to prettyplease.
    #[test]
    fn setters_print_as_prettyplease_prints_them() {
        let mut nested = 0;
        for len in 1..80 {
            let name = quote::format_ident!("{}", "a".repeat(len));
            let thing = quote::format_ident!("T{}", "t".repeat(4 * len));
            let decl = quote!(value: impl IntoIterator<Item = impl Into<super::#thing>>);
            let place = quote!(self.body.#name);
            let value = quote!(value.into_iter().map(Into::into).collect());
            let docs = vec!["/// Sets it.".to_owned()];
            let text = setter(
                docs,
                len % 2 == 0,
                &name.to_string(),
                Some(&decl),
                &place,
                &value,
            );
            let deprecated = (len % 2 == 0).then(|| quote!(#[deprecated]));
            let pretty = pretty_impl_item(quote! {
                #[doc = " Sets it."]
                #deprecated
                pub fn #name(mut self, #decl) -> Self {
                    #place = Some(#value);
                    self
                }
            });
            let Some(lines) = text else {
                assert!(
                    pretty.lines().count() > 6,
                    "{len}: fits but was not printed"
                );
                continue;
            };
            let printed: String = lines.iter().map(|l| format!("    {l}\n")).collect();
            assert_eq!(printed, pretty, "{len}");
            nested += usize::from(printed.contains("Item = impl Into<\n"));
        }
        assert!(nested > 0, "the parameter's generics never broke twice");
        assert_eq!(
            doc_comments(&[" a  ".into(), String::new()]),
            ["/// a", "///"]
        );
    }

    /// A setter of `null` (no parameter) likewise, up to the margin and past it.
    #[test]
    fn setters_of_null_print_as_prettyplease_prints_them() {
        let (mut printed, mut left) = (0, 0);
        for len in 1..90 {
            let name = quote::format_ident!("{}_null", "a".repeat(len));
            let place = quote!(self.body.#name);
            let docs = vec!["/// Sends null.".to_owned()];
            let text = setter(
                docs,
                len % 2 == 0,
                &name.to_string(),
                None,
                &place,
                &quote!(None),
            );
            let deprecated = (len % 2 == 0).then(|| quote!(#[deprecated]));
            let pretty = pretty_impl_item(quote! {
                #[doc = " Sends null."]
                #deprecated
                pub fn #name(mut self) -> Self {
                    #place = Some(None);
                    self
                }
            });
            match text {
                Some(lines) => {
                    let text: String = lines.iter().map(|l| format!("    {l}\n")).collect();
                    assert_eq!(text, pretty, "{len}");
                    printed += 1;
                }
                None => left += 1,
            }
        }
        assert!(printed > 0 && left > 0, "{printed} printed, {left} left");
    }

    /// Accessors and constructors printed here are the text prettyplease prints, at every
    /// length and number of arguments, or are left to it.
    #[test]
    fn accessors_and_constructors_print_as_prettyplease_prints_them() {
        let (mut printed_one, mut printed_broken, mut past_margin, mut left) = (0, 0, 0, 0);
        for len in 1..90 {
            for n in 0..5 {
                let builder = quote::format_ident!("B{}", "x".repeat(len));
                let args: Vec<_> = (0..n).map(|i| quote::format_ident!("arg_{i}")).collect();
                let decls: Vec<TokenStream> =
                    args.iter().map(|a| quote!(#a: impl Into<String>)).collect();
                let values: Vec<TokenStream> = args.iter().map(|a| quote!(#a.into())).collect();
                let mut call_args = vec![quote!(self.client.clone())];
                call_args.extend(values.iter().cloned());
                let pretty = pretty_impl_item(quote! {
                    #[doc = " Starts it."]
                    #[deprecated]
                    pub fn start(&self, #(#decls),*) -> #builder {
                        #builder::new(self.client.clone(), #(#values),*)
                    }
                });
                let docs = vec!["/// Starts it.".to_owned()];
                let text = accessor(
                    docs,
                    &["#[deprecated]"],
                    "start",
                    &decls,
                    &builder.to_string(),
                    &call_args,
                );
                match text {
                    Some(lines) => {
                        let printed: String = lines.iter().map(|l| format!("    {l}\n")).collect();
                        assert_eq!(printed, pretty, "{len} {n}");
                        if lines.len() == 5 {
                            printed_one += 1
                        } else {
                            printed_broken += 1
                        }
                        // A long builder name runs past the margin there and here.
                        past_margin += usize::from(printed.lines().any(|l| l.len() > MARGIN));
                    }
                    None => left += 1,
                }
                let fields: Vec<_> = args
                    .iter()
                    .map(|a| quote::format_ident!("{a}_{}", "y".repeat(len)))
                    .collect();
                let decls: Vec<TokenStream> = fields.iter().map(|f| quote!(#f: String)).collect();
                let inits = quote!(#(#fields,)* body: models::#builder::new(),);
                let (client, options) = (quote!(Client), quote!(RequestOptions));
                let pretty = pretty_impl_item(quote! {
                    pub(crate) fn new(client: #client, #(#decls),*) -> Self {
                        Self {
                            client,
                            #inits
                            options: #options::default(),
                        }
                    }
                });
                if let Some(lines) = constructor(&[], &client, &decls, &inits, &options) {
                    let printed: String = lines.iter().map(|l| format!("    {l}\n")).collect();
                    assert_eq!(printed, pretty, "{len} {n}");
                }
            }
        }
        assert!(printed_one > 0, "none printed on one line");
        assert!(printed_broken > 0, "none printed broken");
        assert!(past_margin > 0, "none printed past the margin");
        assert_eq!(left, 0, "every accessor is printed");
    }

    #[test]
    fn brackets_split_only_where_they_pair() {
        assert_eq!(enclosed("Option<Vec<A>>", '<'), Some(("Option", "Vec<A>")));
        assert_eq!(enclosed("(A, B<C, D>)", '('), Some(("", "A, B<C, D>")));
        assert_eq!(enclosed("A<B>::C<D>", '<'), None);
        assert_eq!(enclosed("(a, b).c(d, e)", '('), None);
        assert_eq!(enclosed("Box<dyn Fn() -> A>", '<'), None);
        assert_eq!(
            top_level_split("A, B<C, D>, (E, F),"),
            ["A", "B<C, D>", "(E, F)"]
        );
    }

    #[test]
    fn tokens_print_types_paths_and_calls() {
        let rows = [
            (quote!(value: impl Into<String>), "value: impl Into<String>"),
            (
                quote!(Option<std::collections::BTreeMap<String, super::X>>),
                "Option<std::collections::BTreeMap<String, super::X>>",
            ),
            (quote!(self.body.r#type), "self.body.r#type"),
            (quote!(Box::new(value)), "Box::new(value)"),
            (quote!((A, B)), "(A, B)"),
            (
                quote!(pub(crate) client: Client),
                "pub(crate) client: Client",
            ),
        ];
        for (ts, text) in rows {
            assert_eq!(tokens(&ts).as_deref(), Some(text));
        }
        assert_eq!(tokens(&quote!(&'static str)), None);
        assert_eq!(tokens(&quote!(|| {})), None);
    }
}
