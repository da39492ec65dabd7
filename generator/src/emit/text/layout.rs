//! One statement laid out as prettyplease lays it out, when its shape is one of three.
//!
//! prettyplease (an Oppen printer) keeps a statement on one line when the line fits the
//! margin. Otherwise it breaks the outermost box that does not fit, and then each inner box
//! that still does not fit. Three shapes cover the straight-line code printed here:
//! - a method chain, `recv.a(..).b(..)`, is one consistent box: every `.` goes on a line of
//!   its own, a level in. The last call's arguments break further if that line does not fit;
//! - a call, `path(a, b)`: one argument a line, a level in, each with a comma;
//! - a macro with one literal, `format!("..")`: the literal on a line of its own.
//!
//! The statement's prefix (`let x = `, `place = `) stays on the first line and its suffix
//! (`?;`, `;`, `,`) goes on the last. Anything else that does not fit is left to
//! prettyplease, as is an expression statement whose receiver is four characters or fewer
//! (prettyplease keeps `self.call(` together there and unindents the arguments).

use super::{fits, split_commas, tokens};
use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// The lines (relative to `indent`) of `prefix`, `expr` and `suffix`; `statement` is true
/// for an expression at the start of a statement.
pub(super) fn layout(
    indent: &str,
    prefix: &str,
    expr: &[TokenTree],
    suffix: &str,
    statement: bool,
) -> Option<Vec<String>> {
    let stream: TokenStream = expr.iter().cloned().collect();
    let one = format!("{prefix}{}{suffix}", tokens(&stream)?);
    if fits(indent, &one).is_some() {
        return Some(vec![one]);
    }
    let lines = if let Some((receiver, calls)) = chain(expr) {
        if statement && receiver.len() <= 4 {
            return None;
        }
        chain_lines(indent, format!("{prefix}{receiver}"), &calls, suffix)?
    } else if let [head @ .., TokenTree::Group(args)] = expr {
        let head: TokenStream = head.iter().cloned().collect();
        let head = tokens(&head)?;
        let mut lines = match (args.delimiter(), head.strip_suffix('!')) {
            (Delimiter::Parenthesis, Some(_)) => literal_macro(&head, &args.stream())?,
            (Delimiter::Parenthesis, None) if is_path(&head) => {
                call_lines(indent, &format!("{head}("), &args.stream(), ")")?
            }
            _ => return None,
        };
        lines[0].insert_str(0, prefix);
        lines.last_mut()?.push_str(suffix);
        lines
    } else {
        return None;
    };
    lines
        .iter()
        .all(|l| fits(indent, l).is_some())
        .then_some(lines)
}

/// `recv.a(..).b(..)` (two or more tokens after the receiver): the receiver and each call's
/// name with its arguments.
fn chain(expr: &[TokenTree]) -> Option<(String, Vec<(String, TokenStream)>)> {
    let (TokenTree::Ident(receiver), mut rest) = expr.split_first()? else {
        return None;
    };
    let mut calls = Vec::new();
    while let [TokenTree::Punct(dot), TokenTree::Ident(method), TokenTree::Group(args), tail @ ..] =
        rest
    {
        if dot.as_char() != '.' || args.delimiter() != Delimiter::Parenthesis {
            return None;
        }
        calls.push((method.to_string(), args.stream()));
        rest = tail;
    }
    (rest.is_empty() && !calls.is_empty()).then(|| (receiver.to_string(), calls))
}

/// A broken chain: `first` (the prefix and receiver), then each `.call(args)` a level in, the
/// last with `suffix`; the last call's arguments broken when its line does not fit.
fn chain_lines(
    indent: &str,
    first: String,
    calls: &[(String, TokenStream)],
    suffix: &str,
) -> Option<Vec<String>> {
    let inner = format!("{indent}    ");
    let mut lines = vec![first];
    for (i, (method, args)) in calls.iter().enumerate() {
        let last = i + 1 == calls.len();
        let end = if last {
            format!("){suffix}")
        } else {
            ")".into()
        };
        let line = format!(".{method}({}{end}", tokens(args)?);
        if fits(&inner, &line).is_some() {
            lines.push(format!("    {line}"));
        } else if last {
            let broken = call_lines(&inner, &format!(".{method}("), args, &end)?;
            lines.extend(broken.into_iter().map(|l| format!("    {l}")));
        } else {
            return None;
        }
    }
    Some(lines)
}

/// `open`, each argument a level in with its comma, and `close`, as prettyplease breaks an
/// argument list; an argument that does not fit is laid out in turn.
fn call_lines(indent: &str, open: &str, args: &TokenStream, close: &str) -> Option<Vec<String>> {
    let args = split_commas(args);
    if args.is_empty() {
        return None;
    }
    let inner = format!("{indent}    ");
    let mut lines = vec![open.to_owned()];
    for arg in args {
        let arg: Vec<TokenTree> = arg.into_iter().collect();
        let arg_lines = layout(&inner, "", &arg, ",", false)?;
        lines.extend(arg_lines.into_iter().map(|l| format!("    {l}")));
    }
    lines.push(close.to_owned());
    Some(lines)
}

/// `name!(` / `    "literal"` / `)`: a macro call's tokens broken as prettyplease breaks
/// them, for one string literal.
fn literal_macro(head: &str, args: &TokenStream) -> Option<Vec<String>> {
    let mut trees = args.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Literal(lit)), None) => Some(vec![
            format!("{head}("),
            format!("    {lit}"),
            ")".to_owned(),
        ]),
        _ => None,
    }
}

/// A path as a call's callee: identifiers joined by `::`.
fn is_path(text: &str) -> bool {
    !text.is_empty()
        && text
            .split("::")
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_'))
}
