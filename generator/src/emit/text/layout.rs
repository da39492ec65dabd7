//! One statement laid out as prettyplease lays it out, when its shape is one of three.
//!
//! prettyplease (an Oppen printer) keeps a statement on one line when the line fits the
//! margin. Otherwise it breaks the outermost box that does not fit, and then each inner box
//! that still does not fit. These shapes cover the straight-line code printed here:
//! - a method chain, `recv.a(..).b::<T>(..)`, is one consistent box: every `.` goes on a
//!   line of its own, a level in. If the last call's line does not fit, its generic
//!   arguments break if it has them (a box's width runs to the next break outside it, so
//!   the generics' box holds the rest of the call), else its arguments;
//! - a call, `path(a, b)`: one argument a line, a level in, each with a comma;
//! - a macro with one literal, `format!("..")`: the literal on a line of its own, even
//!   past the margin (a literal cannot break);
//! - a `match`: always one arm a line; a struct literal wider than 34 columns: always one
//!   field a line (see [`compound`]).
//!
//! The statement's prefix (`let x = `, `place = `) stays on the first line and its suffix
//! (`?;`, `;`, `,`) goes on the last. Each layout checks its own lines against the margin
//! as prettyplease measures them: a list's last comma, printed only when the list breaks,
//! does not count, and a literal that cannot fit anyway runs past it. Anything else that does not fit is left to
//! prettyplease, as is an expression statement whose receiver is four characters or fewer
//! (prettyplease keeps `self.call(` together there and unindents the arguments).

use super::compound;
use super::{fits, split_commas, tokens};
use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// The lines (relative to `indent`) of `prefix`, `expr` and `suffix`; `statement` is true
/// for an expression at the start of a statement.
pub(super) fn layout(
    indent: &str,
    prefix: &str,
    mut expr: &[TokenTree],
    suffix: &str,
    statement: bool,
) -> Option<Vec<String>> {
    if is_match(expr) {
        return compound::match_lines(indent, prefix, &expr[1..], suffix);
    }
    let stream: TokenStream = expr.iter().cloned().collect();
    // An expression with braces (a struct literal) is never printed on one line here.
    if let Some(flat) = tokens(&stream) {
        let one = format!("{prefix}{flat}{suffix}");
        if fits(indent, &one).is_some() {
            return Some(vec![one]);
        }
    }
    // `expr?` ends like its last call.
    let mut suffix = suffix.to_owned();
    while let [rest @ .., TokenTree::Punct(p)] = expr {
        if p.as_char() != '?' {
            break;
        }
        suffix.insert(0, '?');
        expr = rest;
    }
    if let Some((receiver, calls)) = chain(expr) {
        let first = format!("{prefix}{receiver}");
        match &expr[0] {
            TokenTree::Ident(_) if statement && receiver.len() <= 4 => return None,
            TokenTree::Ident(_) => fits(indent, &first)?,
            // A literal receiver stays on the first line, past the margin or not.
            _ => {}
        }
        return chain_lines(indent, first, &calls, &suffix);
    }
    let [head @ .., TokenTree::Group(args)] = expr else {
        return None;
    };
    if args.delimiter() == Delimiter::Brace {
        return compound::struct_literal(indent, prefix, expr, &suffix);
    }
    if args.delimiter() != Delimiter::Parenthesis {
        return None;
    }
    let head: TokenStream = head.iter().cloned().collect();
    let head = format!("{prefix}{}", tokens(&head)?);
    let close = format!("){suffix}");
    if head.ends_with('!') {
        literal_macro(indent, &head, &args.stream(), &close)
    } else if !is_path(&head[prefix.len()..]) {
        None
    } else if let [arg] = split_commas(&args.stream()).as_slice() {
        // One argument: a struct literal stays after `(` (prettyplease does not break
        // before a block-like argument).
        let arg: Vec<TokenTree> = arg.clone().into_iter().collect();
        match arg.last() {
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace && !is_match(&arg) => {
                compound::struct_literal(indent, &format!("{head}("), &arg, &close)
            }
            _ => call_lines(indent, &format!("{head}("), &args.stream(), &close),
        }
    } else {
        call_lines(indent, &format!("{head}("), &args.stream(), &close)
    }
}

/// A `match` expression (which ends in braces like a struct literal).
fn is_match(expr: &[TokenTree]) -> bool {
    matches!(expr.first(), Some(TokenTree::Ident(m)) if m == "match")
}

/// One call of a chain: `.method::<generics>(args)`.
pub(super) struct Call {
    method: String,
    generics: Option<TokenStream>,
    args: TokenStream,
}

/// `recv.a(..).b::<T>(..)`, the receiver a name or a literal: the receiver and its calls (at
/// least one).
pub(super) fn chain(expr: &[TokenTree]) -> Option<(String, Vec<Call>)> {
    let (receiver, mut rest) = match expr.split_first()? {
        (TokenTree::Ident(name), rest) => (name.to_string(), rest),
        (TokenTree::Literal(lit), rest) => (lit.to_string(), rest),
        _ => return None,
    };
    let mut calls = Vec::new();
    while let [TokenTree::Punct(dot), TokenTree::Ident(method), tail @ ..] = rest {
        if dot.as_char() != '.' {
            return None;
        }
        let (generics, tail) = turbofish(tail)?;
        let [TokenTree::Group(args), tail @ ..] = tail else {
            return None;
        };
        if args.delimiter() != Delimiter::Parenthesis {
            return None;
        }
        let (method, args) = (method.to_string(), args.stream());
        calls.push(Call {
            method,
            generics,
            args,
        });
        rest = tail;
    }
    (rest.is_empty() && !calls.is_empty()).then_some((receiver, calls))
}

/// A leading `::<..>` (its generic arguments) and what follows it; no generics if `trees`
/// does not start with `::`.
fn turbofish(trees: &[TokenTree]) -> Option<(Option<TokenStream>, &[TokenTree])> {
    let [TokenTree::Punct(a), TokenTree::Punct(b), TokenTree::Punct(open), rest @ ..] = trees
    else {
        return Some((None, trees));
    };
    if (a.as_char(), b.as_char()) != (':', ':') {
        return Some((None, trees));
    }
    if open.as_char() != '<' {
        return None;
    }
    let mut depth = 1usize;
    for (i, tree) in rest.iter().enumerate() {
        if let TokenTree::Punct(p) = tree {
            match p.as_char() {
                '<' => depth += 1,
                '>' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                return Some((Some(rest[..i].iter().cloned().collect()), &rest[i + 1..]));
            }
        }
    }
    None
}

/// A broken chain: `first` (the prefix and receiver), then each call a level in, the last
/// with `suffix`. The last call, if its line does not fit, breaks its one generic argument
/// if it has one (its arguments must then fit after `>`), else its arguments.
fn chain_lines(indent: &str, first: String, calls: &[Call], suffix: &str) -> Option<Vec<String>> {
    let inner = format!("{indent}    ");
    let mut lines = vec![first];
    for (i, call) in calls.iter().enumerate() {
        let last = i + 1 == calls.len();
        let end = if last {
            format!("){suffix}")
        } else {
            ")".into()
        };
        let generics = match &call.generics {
            Some(g) if split_commas(g).len() == 1 => Some(tokens(g)?),
            Some(_) => return None,
            None => None,
        };
        let name = match &generics {
            Some(g) => format!(".{}::<{g}>", call.method),
            None => format!(".{}", call.method),
        };
        let args = tokens(&call.args)?;
        let line = format!("{name}({args}{end}");
        let call_lines = if fits(&inner, &line).is_some() {
            vec![line]
        } else if !last {
            return None;
        } else if let Some(generics) = generics {
            // The generic arguments' box runs to the end of the call, so it breaks first.
            let (open, close) = (format!(".{}::<", call.method), format!(">({args}{end}"));
            fits(&inner, &open)?;
            fits(&inner, &format!("    {generics}"))?;
            fits(&inner, &close)?;
            vec![open, format!("    {generics},"), close]
        } else {
            call_lines(&inner, &format!("{name}("), &call.args, &end)?
        };
        lines.extend(call_lines.into_iter().map(|l| format!("    {l}")));
    }
    Some(lines)
}

/// `open`, each argument a level in with its comma, and `close`, as prettyplease breaks an
/// argument list; an argument that does not fit is laid out in turn.
pub(super) fn call_lines(
    indent: &str,
    open: &str,
    args: &TokenStream,
    close: &str,
) -> Option<Vec<String>> {
    fits(indent, open)?;
    fits(indent, close)?;
    let args = split_commas(args);
    if args.is_empty() {
        return None;
    }
    let inner = format!("{indent}    ");
    let mut lines = vec![open.to_owned()];
    let count = args.len();
    for (i, arg) in args.into_iter().enumerate() {
        let arg: Vec<TokenTree> = arg.into_iter().collect();
        let last = i + 1 == count;
        let mut arg_lines = layout(&inner, "", &arg, if last { "" } else { "," }, false)?;
        if last {
            arg_lines.last_mut()?.push(',');
        }
        lines.extend(arg_lines.into_iter().map(|l| format!("    {l}")));
    }
    lines.push(close.to_owned());
    Some(lines)
}

/// `name!(` / `    "literal"` / `)`: a macro call's tokens broken as prettyplease breaks
/// them, for one literal (which may run past the margin).
fn literal_macro(indent: &str, head: &str, args: &TokenStream, close: &str) -> Option<Vec<String>> {
    let open = format!("{head}(");
    fits(indent, &open)?;
    fits(indent, close)?;
    let mut trees = args.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Literal(lit)), None) => {
            Some(vec![open, format!("    {lit}"), close.to_owned()])
        }
        _ => None,
    }
}

/// A path as a call's callee: identifiers joined by `::`.
pub(super) fn is_path(text: &str) -> bool {
    !text.is_empty()
        && text
            .split("::")
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_'))
}
