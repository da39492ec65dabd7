//! The two compound expressions the text printer lays out: `match` and struct literals.

use super::layout::{is_path, layout};
use super::{fits, split_commas, tokens, unbreakable};
use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// `match scrutinee { arms }`: the head on the first line, each arm on a line of its own a
/// level in, its comma not counted against the margin (prettyplease prints it in place of a
/// break), and the brace. An arm that does not fit has its body in braces on the next line
/// (and no comma); none if that body would break too.
pub(super) fn match_lines(
    indent: &str,
    prefix: &str,
    rest: &[TokenTree],
    suffix: &str,
) -> Option<Vec<String>> {
    let (scrutinee, arms) = braced_tail(rest)?;
    let head = format!("{prefix}match {} {{", tokens(&scrutinee)?);
    fits(indent, &head)?;
    let inner = format!("{indent}    ");
    let mut lines = vec![head];
    for arm in split_commas(&arms) {
        let arm: Vec<TokenTree> = arm.into_iter().collect();
        let arrow = arm.windows(2).position(|w| {
            matches!(w, [TokenTree::Punct(eq), TokenTree::Punct(gt)]
                if eq.as_char() == '=' && eq.spacing() == Spacing::Joint && gt.as_char() == '>')
        })?;
        let pattern_tokens: TokenStream = arm[..arrow].iter().cloned().collect();
        let body: TokenStream = arm[arrow + 2..].iter().cloned().collect();
        let (pattern, body_text) = (tokens(&pattern_tokens)?, tokens(&body)?);
        let line = format!("{pattern} => {body_text}");
        if fits(&inner, &line).is_some() {
            lines.push(format!("    {line},"));
            continue;
        }
        // prettyplease wraps a body that does not fit in braces, on a line of its own; one
        // that would break again there is left to it.
        if !is_literal(&body) && !unbreakable(&body_text) {
            fits(&format!("{inner}    "), &body_text)?;
        }
        if !is_literal(&pattern_tokens) && !unbreakable(&pattern) {
            fits(&inner, &format!("{pattern} => {{"))?;
        }
        lines.extend([
            format!("    {pattern} => {{"),
            format!("        {body_text}"),
            "    }".to_owned(),
        ]);
    }
    lines.push(format!("}}{suffix}"));
    Some(lines)
}

/// A struct literal `Path { field: value, .. }` after `prefix`: `Path {`, one field a line a
/// level in (the last comma not counted against the margin), then `}` and `suffix`.
/// prettyplease always breaks a literal wider than 34 columns; a narrower one (which it
/// may keep on one line) is left to it, as is a literal with `..`.
pub(super) fn struct_literal(
    indent: &str,
    prefix: &str,
    expr: &[TokenTree],
    suffix: &str,
) -> Option<Vec<String>> {
    let (path, body) = braced_tail(expr)?;
    let path = tokens(&path)?;
    if !is_path(&path) {
        return None;
    }
    // Each field's name and value; no value for a shorthand field (`name` for `name: name`).
    let mut fields = Vec::new();
    for field in split_commas(&body) {
        let field: Vec<TokenTree> = field.into_iter().collect();
        match field.as_slice() {
            [TokenTree::Ident(name)] => fields.push((name.to_string(), Vec::new())),
            [TokenTree::Ident(name), TokenTree::Punct(colon), value @ ..]
                if colon.as_char() == ':'
                    && colon.spacing() == Spacing::Alone
                    && !value.is_empty() =>
            {
                fields.push((name.to_string(), value.to_vec()));
            }
            _ => return None,
        }
    }
    let flat: Vec<String> = fields
        .iter()
        .map(|(name, value)| {
            let value: TokenStream = value.iter().cloned().collect();
            match value.is_empty() {
                true => Some(name.clone()),
                false => Some(format!("{name}: {}", tokens(&value)?)),
            }
        })
        .collect::<Option<_>>()?;
    // Wide enough that prettyplease's 34-column limit breaks it, with room to spare.
    if path.len() + flat.join(", ").len() + 6 <= 40 || fields.is_empty() {
        return None;
    }
    let first = format!("{prefix}{path} {{");
    let last = format!("}}{suffix}");
    // A path alone cannot break: a long one runs past the margin.
    if !prefix.is_empty() {
        fits(indent, &first)?;
    }
    fits(indent, &last)?;
    let inner = format!("{indent}    ");
    let mut lines = vec![first];
    let count = fields.len();
    for (i, (name, value)) in fields.iter().enumerate() {
        let is_last = i + 1 == count;
        let comma = if is_last { "" } else { "," };
        // A shorthand field cannot break: it runs past the margin.
        let mut field_lines = match value.is_empty() {
            true => vec![format!("{name}{comma}")],
            false => layout(&inner, &format!("{name}: "), value, comma, false)?,
        };
        if is_last {
            field_lines.last_mut()?.push(',');
        }
        lines.extend(field_lines.into_iter().map(|l| format!("    {l}")));
    }
    lines.push(last);
    Some(lines)
}

/// One literal token (which prettyplease never breaks).
fn is_literal(tokens: &TokenStream) -> bool {
    let mut trees = tokens.clone().into_iter();
    matches!(
        (trees.next(), trees.next()),
        (Some(TokenTree::Literal(_)), None)
    )
}

/// `head { body }`: the tokens before a trailing brace group, and the group's.
fn braced_tail(expr: &[TokenTree]) -> Option<(TokenStream, TokenStream)> {
    match expr {
        [head @ .., TokenTree::Group(g)] if g.delimiter() == Delimiter::Brace => {
            Some((head.iter().cloned().collect(), g.stream()))
        }
        _ => None,
    }
}
