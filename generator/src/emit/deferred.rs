//! Doc blocks kept out of the token streams while a file is formatted.
//!
//! Rustdoc is a third of a generated crate's text, and through syn and prettyplease every
//! doc line is escaped into a literal, copied, parsed as an expression and unescaped again,
//! only to be printed as `/// line`. While a file's tokens are built under [`collect`], a
//! doc block is set aside and its place holds one short attribute, `#[doc = "\u{1}N"]`
//! (block N of the file), which prettyplease prints as `///\u{1}N` at the block's
//! indentation; [`splice`] then puts the block's lines there. The text is the same as
//! prettyplease's own (`/// line` with trailing spaces trimmed), a line at a time.
//!
//! Items printed as text ([`super::text`]) are set aside the same way: their place holds
//! `#[doc = "\u{2}N"] verbatim!();`, and [`splice`] puts the item's lines in place of both
//! lines.
//!
//! Outside [`collect`] (an emitter's unit test, say), doc blocks are plain `#[doc]`
//! attributes and items are left to prettyplease. The store is per thread, so the tokens of
//! one file must be built on one thread: nothing inside [`collect`] may hand work to rayon.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;
use std::cell::RefCell;

/// The doc blocks of one file, by placeholder number.
pub(super) type Blocks = Vec<Vec<String>>;

/// Mark a doc block's placeholder and an item's. prettyplease escapes them in string
/// literals; a doc attribute of spec text could hold one, but never right after `///`.
const MARK: char = '\u{1}';
const ITEM_MARK: char = '\u{2}';

thread_local! {
    /// The blocks of the file being built on this thread, while [`collect`] runs.
    static BLOCKS: RefCell<Option<Blocks>> = const { RefCell::new(None) };
}

/// Runs `build` (which builds one file's tokens on this thread), setting doc blocks aside.
pub(super) fn collect<T>(build: impl FnOnce() -> T) -> (T, Blocks) {
    let previous = BLOCKS.with(|b| b.replace(Some(Vec::new())));
    let built = build();
    let blocks = BLOCKS.with(|b| b.replace(previous)).unwrap_or_default();
    (built, blocks)
}

/// Sets `lines` aside as the next block of the file being built, and returns its placeholder
/// text (`mark` and the block's number); outside [`collect`], gives the lines back.
fn set_aside(mark: char, lines: Vec<String>) -> Result<String, Vec<String>> {
    BLOCKS.with(|b| match b.borrow_mut().as_mut() {
        Some(blocks) => {
            blocks.push(lines);
            Ok(format!("{mark}{}", blocks.len() - 1))
        }
        None => Err(lines),
    })
}

/// Doc attributes for `lines` (outer `#[doc]`, or inner `#![doc]`): one placeholder while
/// collecting, else one attribute a line.
pub(super) fn doc_block(lines: Vec<String>, inner: bool) -> TokenStream {
    if lines.is_empty() {
        return TokenStream::new();
    }
    match (set_aside(MARK, lines), inner) {
        (Ok(p), false) => quote!(#[doc = #p]),
        (Ok(p), true) => quote!(#![doc = #p]),
        (Err(lines), false) => lines.iter().map(|l| quote!(#[doc = #l])).collect(),
        (Err(lines), true) => lines.iter().map(|l| quote!(#![doc = #l])).collect(),
    }
}

/// An item's lines (relative to its indentation: an impl's item or a file's) in place of a
/// placeholder item, while collecting; none outside [`collect`].
pub(super) fn item(lines: Vec<String>) -> Option<TokenStream> {
    let placeholder = set_aside(ITEM_MARK, lines).ok()?;
    Some(quote!(#[doc = #placeholder] verbatim!();))
}

/// An item printed as text (its lines, relative to its indentation), or its tokens for
/// prettyplease.
pub(super) enum Printed {
    Text(Vec<String>),
    Tokens(TokenStream),
}

impl Printed {
    /// The item's `text` when it was printed so and [`collect`] is running (only then can it
    /// be set aside), else the tokens `fallback` builds.
    pub(super) fn new(
        text: Option<Vec<String>>,
        fallback: impl FnOnce() -> TokenStream,
    ) -> Printed {
        let collecting = BLOCKS.with(|b| b.borrow().is_some());
        match text.filter(|_| collecting) {
            Some(lines) => Printed::Text(lines),
            None => Printed::Tokens(fallback()),
        }
    }

    /// As tokens: text is set aside behind its placeholder.
    pub(super) fn into_tokens(self) -> TokenStream {
        match self {
            Printed::Text(lines) => item(lines).unwrap_or_default(),
            Printed::Tokens(tokens) => tokens,
        }
    }
}

/// Items in order (an impl's, or a file's), each printed as text or left to prettyplease. A
/// run of items printed as text becomes one placeholder, its items a blank line apart as
/// prettyplease separates them: a builder with sixty setters costs the file's parse and
/// layout one item, not sixty.
#[derive(Default)]
pub(super) struct Items {
    out: TokenStream,
    run: Vec<String>,
}

impl Items {
    /// Adds an item: its `lines` when it was printed as text (and [`collect`] is running),
    /// else the tokens `fallback` builds.
    pub(super) fn push(
        &mut self,
        lines: Option<Vec<String>>,
        fallback: impl FnOnce() -> TokenStream,
    ) {
        self.add(Printed::new(lines, fallback));
    }

    /// Adds an item.
    pub(super) fn add(&mut self, item: Printed) {
        match item {
            Printed::Text(lines) => {
                if !self.run.is_empty() {
                    self.run.push(String::new());
                }
                self.run.extend(lines);
            }
            Printed::Tokens(tokens) => {
                self.flush();
                self.out.extend(tokens);
            }
        }
    }

    /// The items as one text (a blank line between them) when each was printed as text,
    /// else as tokens.
    pub(super) fn into_printed(self) -> Printed {
        // `out` holds something only once an item was left as tokens (a run is flushed
        // into it then, not before).
        if !self.out.is_empty() || self.run.is_empty() {
            Printed::Tokens(self.finish())
        } else {
            Printed::Text(self.run)
        }
    }

    fn flush(&mut self) {
        if !self.run.is_empty() {
            let run = std::mem::take(&mut self.run);
            self.out.extend(item(run));
        }
    }

    /// The items' tokens.
    pub(super) fn finish(mut self) -> TokenStream {
        self.flush();
        self.out
    }
}

/// The text prettyplease prints for `item` when it is an item's placeholder
/// (`#[doc = "\u{2}N"] verbatim!();`, as [`item`] makes it); none for any other item.
pub(super) fn placeholder_text(item: &[TokenTree]) -> Option<String> {
    let [TokenTree::Punct(hash), TokenTree::Group(attr), TokenTree::Ident(name), TokenTree::Punct(bang), TokenTree::Group(args), TokenTree::Punct(semi)] =
        item
    else {
        return None;
    };
    if hash.as_char() != '#' || bang.as_char() != '!' || semi.as_char() != ';' || name != "verbatim"
    {
        return None;
    }
    if attr.delimiter() != Delimiter::Bracket
        || args.delimiter() != Delimiter::Parenthesis
        || !args.stream().is_empty()
    {
        return None;
    }
    let mut attr = attr.stream().into_iter();
    let (
        Some(TokenTree::Ident(doc)),
        Some(TokenTree::Punct(eq)),
        Some(TokenTree::Literal(lit)),
        None,
    ) = (attr.next(), attr.next(), attr.next(), attr.next())
    else {
        return None;
    };
    if doc != "doc" || eq.as_char() != '=' {
        return None;
    }
    // The literal as `quote` writes the placeholder's string: `"\u{2}N"`.
    let lit = lit.to_string();
    let n = lit.strip_prefix("\"\\u{2}")?.strip_suffix('"')?;
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("///{ITEM_MARK}{n}\nverbatim!();\n"))
}

/// Puts each block's lines in place of its placeholder in formatted text. A placeholder is a
/// whole line, `///` or `//!` right before the mark, after spaces only, and the block's number
/// after it; a mark anywhere else (in a doc line of spec text, say, which always starts with
/// a space) is left as it is. Every block must be placed once.
pub(super) fn splice(text: String, blocks: &Blocks) -> Result<String, String> {
    if blocks.is_empty() {
        return Ok(text);
    }
    let extra: usize = blocks.iter().flatten().map(|l| l.len() + 16).sum();
    let mut out = String::with_capacity(text.len() + extra);
    let mut placed = vec![false; blocks.len()];
    // `text[..copied]` is in `out`; marks are looked for from `search` on.
    let (mut copied, mut search) = (0, 0);
    while let Some(found) = text[search..].find([MARK, ITEM_MARK]) {
        let at = search + found;
        search = at + 1;
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let mut line_end = text[at..].find('\n').map_or(text.len(), |n| at + n);
        let head = &text[line_start..at];
        let Some(indent) = head
            .strip_suffix("///")
            .or_else(|| head.strip_suffix("//!"))
            .filter(|i| i.bytes().all(|b| b == b' '))
        else {
            continue;
        };
        let digits = &text[at + 1..line_end];
        let Some(n) = (digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<usize>().ok())
            .flatten()
            .filter(|&n| n < blocks.len())
        else {
            continue;
        };
        if std::mem::replace(&mut placed[n], true) {
            return Err(format!("internal error: placeholder {n} was printed twice"));
        }
        out.push_str(&text[copied..line_start]);
        if text[at..].starts_with(ITEM_MARK) {
            // The item's own lines, and the placeholder item goes.
            let item = format!("\n{indent}verbatim!();");
            if !text[line_end..].starts_with(&item) {
                return Err("internal error: an item placeholder lost its item".into());
            }
            line_end += item.len();
            push_lines(&mut out, indent, "", &blocks[n]);
        } else {
            push_lines(&mut out, indent, &head[indent.len()..], &blocks[n]);
        }
        copied = line_end;
        search = line_end;
    }
    out.push_str(&text[copied..]);
    match placed.iter().position(|p| !p) {
        Some(n) => Err(format!(
            "internal error: placeholder {n} of {} was not placed",
            blocks.len()
        )),
        None => Ok(out),
    }
}

/// Lines at `indent`, each after `prefix` (`///` for doc text), trailing spaces trimmed; an
/// empty line of an item stays empty.
fn push_lines(out: &mut String, indent: &str, prefix: &str, lines: &[String]) {
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.trim_end_matches(' ');
        if !line.is_empty() || !prefix.is_empty() {
            out.push_str(indent);
        }
        out.push_str(prefix);
        out.push_str(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).expect("parses"))
    }

    /// Set aside or not, a file's docs print the same.
    #[test]
    fn spliced_docs_print_as_prettyplease_prints_them() {
        let build = || {
            let module = doc_block(vec![" Module.".into(), String::new()], true);
            let item = doc_block(vec![" One.  ".into(), String::new(), " Two.".into()], false);
            let field = doc_block(vec![" A field.".into()], false);
            quote! {
                #module
                #item
                pub struct S {
                    #field
                    pub a: u8,
                }
            }
        };
        let direct = format(build());
        let (tokens, blocks) = collect(build);
        assert_eq!(blocks.len(), 3);
        assert!(format(tokens.clone()).contains("    ///\u{1}2\n"));
        assert_eq!(splice(format(tokens), &blocks).expect("splices"), direct);
    }

    /// An item printed as text takes the place of its placeholder and of the placeholder's
    /// item, blank lines between items kept as prettyplease lays them out.
    #[test]
    fn an_item_replaces_its_placeholder() {
        let lines = [
            "/// Sets a.",
            "pub fn a(mut self) -> Self {",
            "    self",
            "}",
        ];
        let build = |text: bool| {
            let item = text
                .then(|| item(lines.iter().map(|l| l.to_string()).collect()))
                .flatten()
                .unwrap_or_else(|| {
                    quote!(
                        #[doc = " Sets a."]
                        pub fn a(mut self) -> Self {
                            self
                        }
                    )
                });
            quote! {
                impl S {
                    pub fn b(&self) {}
                    #item
                    pub fn c(&self) {}
                }
            }
        };
        let (tokens, blocks) = collect(|| build(true));
        assert_eq!(blocks.len(), 1);
        let placed = splice(format(tokens), &blocks).expect("splices");
        assert_eq!(placed, format(build(false)));
        assert!(placed.contains("    pub fn b(&self) {}\n    /// Sets a.\n    pub fn a(mut self) -> Self {\n        self\n    }\n    pub fn c"));
    }

    /// A run of text items is one placeholder; the file prints as it would with every item
    /// left to prettyplease (a blank line between an impl's items).
    #[test]
    fn a_run_of_text_items_prints_as_its_items_do() {
        let setter = |name: &str| {
            let n = quote::format_ident!("{name}");
            let lines = vec![
                format!("pub fn {name}(mut self) -> Self {{"),
                "    self".into(),
                "}".into(),
            ];
            (lines, quote!(pub fn #n(mut self) -> Self { self }))
        };
        let items = |text: &[bool]| {
            let mut items = Items::default();
            for (i, &as_text) in text.iter().enumerate() {
                let (lines, tokens) = setter(&format!("s{i}"));
                items.push(as_text.then_some(lines), || tokens);
            }
            let items = items.finish();
            quote!(impl S { #items })
        };
        let text = [true, true, false, true, true, true];
        let expected = super::super::format::format(items(&[false; 6])).expect("formats");
        let (tokens, blocks) = collect(|| items(&text));
        assert_eq!(blocks.len(), 2, "two runs, two placeholders");
        let formatted = super::super::format::format(tokens).expect("formats");
        assert_eq!(splice(formatted, &blocks).expect("placed"), expected);
    }

    #[test]
    fn a_lost_placeholder_is_an_error() {
        let blocks = vec![vec![" a".to_owned()], vec![" b".to_owned()]];
        let err = splice("///\u{1}0\nfn f() {}\n".into(), &blocks).expect_err("one block is lost");
        assert!(err.contains("placeholder 1 of 2"), "{err}");
        let twice = splice("///\u{1}0\n///\u{1}0\n///\u{1}1\n".into(), &blocks);
        assert!(twice.expect_err("printed twice").contains("twice"));
    }

    /// A mark in spec text (an enum's wire value in its doc line, say) is not a placeholder.
    #[test]
    fn a_mark_in_spec_text_stays() {
        let blocks = vec![vec![" a".to_owned()]];
        let text = "/// `\u{1}0`\n///\u{1}0\nlet x = \"\u{1}0\";\n";
        let placed = splice(text.into(), &blocks).expect("splices");
        assert_eq!(placed, "/// `\u{1}0`\n/// a\nlet x = \"\u{1}0\";\n");
    }
}
