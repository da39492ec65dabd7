//! The command table of a file, printed as text: one flag a line.
//!
//! A big API has tens of thousands of flags (docusign: 15,470). As struct literals laid out
//! by prettyplease they took ten lines each, half of the crate's lines and of its generation
//! time. Printed here, each flag is one call to the runtime's `const fn` constructors
//! (`Flag::param(..)`, `Flag::field(..)`, then `.required()`, `.positional()`,
//! `.repeated()`, `.values(..)`), which reviewers read and diff a line at a time. The rest
//! of the file (the command functions) still goes through prettyplease; the table replaces
//! its placeholder line afterwards ([`splice`]).

use super::super::types::{ident, Imports};
use crate::ir::{CliBody, CliCommand, CliFlag, CliKind, CliTarget};
use proc_macro2::Literal;
use std::fmt::Write;

/// The placeholder item the formatted file holds until [`splice`] puts the table in; the
/// table is the same item, filled.
const PLACEHOLDER: &str = "pub(super) static COMMANDS: &[Command<Client>] = &[];";

/// The placeholder as an item, registering the `Command` and `Client` it names (a commands
/// file has no local names, so both are printed as their last segment).
pub(super) fn placeholder(imp: &Imports) -> proc_macro2::TokenStream {
    imp.name("crate::runtime::cli::Command");
    imp.name("crate::Client");
    PLACEHOLDER.parse().unwrap_or_default()
}

/// Replaces the placeholder line of a formatted file with the table.
pub(in crate::emit) fn splice(formatted: &str, table: &str) -> Result<String, String> {
    let line = format!("\n{PLACEHOLDER}\n");
    let at = formatted
        .find(&line)
        .ok_or("internal error: a command file lost its table's placeholder")?;
    let mut out = String::with_capacity(formatted.len() + table.len());
    out.push_str(&formatted[..=at]);
    out.push_str(table);
    out.push_str(&formatted[at + line.len() - 1..]);
    Ok(out)
}

/// `pub(super) static COMMANDS: &[Command<Client>] = &[ .. ];`, registering the names it uses.
pub(super) fn commands_table(commands: &[CliCommand], imp: &Imports) -> String {
    // Only the names the table prints are imported (a file may have no flags at all).
    let any_flag = commands.iter().any(|c| !c.flags.is_empty());
    let name = |path: &'static str| {
        if any_flag {
            imp.name(path).to_string()
        } else {
            String::new()
        }
    };
    let names = Names {
        flag: name("crate::runtime::cli::Flag"),
        kind: name("crate::runtime::cli::Kind"),
        body: imp.name("crate::runtime::cli::BodyInput").to_string(),
    };
    let mut out = String::from(PLACEHOLDER.trim_end_matches("];"));
    out.push('\n');
    for c in commands {
        command(&mut out, c, &names);
    }
    out.push_str("];");
    out
}

/// The runtime's type names as this file writes them.
struct Names {
    flag: String,
    kind: String,
    body: String,
}

/// A Rust string literal.
fn lit(text: &str) -> String {
    Literal::string(text).to_string()
}

/// `&["a", "b"]`.
fn slice(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| lit(s)).collect();
    format!("&[{}]", items.join(", "))
}

fn command(out: &mut String, c: &CliCommand, n: &Names) {
    let _ = writeln!(out, "    Command {{");
    let _ = writeln!(out, "        name: {},", lit(&c.name));
    let _ = writeln!(out, "        about: {},", lit(&c.about));
    let _ = writeln!(out, "        long_about: {},", lit(&c.long_about));
    if c.flags.is_empty() {
        let _ = writeln!(out, "        flags: &[],");
    } else {
        let _ = writeln!(out, "        flags: &[");
        for f in &c.flags {
            let _ = writeln!(out, "            {},", flag(f, n));
        }
        let _ = writeln!(out, "        ],");
    }
    let _ = writeln!(out, "        body: {}::{},", n.body, body(c.body));
    let constants: Vec<String> = c
        .constants
        .iter()
        .map(|(path, value)| format!("({}, {})", slice(path), lit(&value.to_string())))
        .collect();
    let _ = writeln!(out, "        constants: &[{}],", constants.join(", "));
    let _ = writeln!(out, "        ignored: {},", slice(&c.ignored));
    let _ = writeln!(out, "        run: {},", run_name(c));
    let _ = writeln!(out, "    }},");
}

/// `Flag::param("limit", Kind::Integer, "Max items to return.").required()`.
fn flag(f: &CliFlag, n: &Names) -> String {
    let kind = format!("{}::{}", n.kind, kind(f.kind));
    let mut text = match &f.target {
        CliTarget::Param => format!(
            "{}::param({}, {kind}, {})",
            n.flag,
            lit(&f.name),
            lit(&f.help)
        ),
        CliTarget::Field(path) => format!(
            "{}::field({}, {}, {kind}, {})",
            n.flag,
            lit(&f.name),
            slice(path),
            lit(&f.help)
        ),
    };
    if f.required {
        text.push_str(".required()");
    }
    if f.positional {
        text.push_str(".positional()");
    }
    if f.repeat {
        text.push_str(".repeated()");
    }
    if !f.values.is_empty() {
        let _ = write!(text, ".values({})", slice(&f.values));
    }
    text
}

fn kind(kind: CliKind) -> &'static str {
    match kind {
        CliKind::String => "String",
        CliKind::Integer => "Integer",
        CliKind::Number => "Number",
        CliKind::Boolean => "Boolean",
        CliKind::DateTime => "DateTime",
        CliKind::Date => "Date",
        CliKind::Json => "Json",
        CliKind::File => "File",
        CliKind::Null => "Null",
    }
}

fn body(body: CliBody) -> &'static str {
    match body {
        CliBody::None => "None",
        CliBody::Fields => "Fields",
        CliBody::Json => "Json",
        CliBody::Text => "Text",
        CliBody::Bytes => "Bytes",
    }
}

/// The name of the command's function.
pub(super) fn run_name(c: &CliCommand) -> proc_macro2::Ident {
    ident(&format!("run_{}", c.name.replace('-', "_")))
}

#[cfg(test)]
mod tests {
    use super::{splice, PLACEHOLDER};

    #[test]
    fn the_table_replaces_the_placeholder_line_only() {
        let file = format!("//! `{PLACEHOLDER}` in a doc\nuse a::b;\n{PLACEHOLDER}\nfn f() {{}}\n");
        let out = splice(&file, "TABLE").unwrap();
        assert_eq!(
            out,
            format!("//! `{PLACEHOLDER}` in a doc\nuse a::b;\nTABLE\nfn f() {{}}\n")
        );
        assert!(splice("fn f() {}\n", "TABLE").is_err());
    }
}
