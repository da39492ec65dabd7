//! Every Rust name the generator emits is decided here, once.
//!
//! Rules (each has a row in the tests below):
//! - casing with heck: types and variants `UpperCamelCase`, fields, methods and modules
//!   `snake_case`; characters that cannot be in an identifier separate words;
//! - a leading digit gets a prefix: `V` for types and variants (`V2xx`), `_` for snake names
//!   (`_3d`);
//! - Rust keywords become raw identifiers (`r#type`), except those that cannot be raw
//!   (`self`, `Self`, `super`, `crate`), which get a trailing underscore (`self_`);
//! - a name that would be empty becomes a placeholder (`Unnamed`, `value`);
//! - collisions inside one scope are resolved by [`Scope::claim`], which appends a number;
//! - a module or file name longer than [`MAX_FILE_STEM`] bytes keeps its first words and ends
//!   in `_` and eight hex digits of an FNV-1a hash of the whole name ([`file_module_name`]),
//!   so paths stay short (Windows checkouts) while the name stays stable and, in practice,
//!   unique; a scope still numbers the rare clash.
//!
//! The wire name is kept beside the Rust name wherever they differ (serde `rename`).

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::HashSet;
use std::hash::Hasher;

/// The longest module or file name, in bytes, before [`shorten`] cuts it. With the `.rs`
/// extension, a scope's `_N` suffix and `src/resources/`, every generated path stays far
/// below 100 bytes per component and 200 in all.
pub const MAX_FILE_STEM: usize = 64;

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names that would shadow the prelude or the runtime inside generated modules.
const RESERVED_TYPES: &[&str] = &[
    "Option", "Result", "Vec", "String", "Box", "Some", "None", "Ok", "Err", "Client", "Error",
    "Self", "Default", "Clone", "Copy", "Send", "Sync", "Iterator", "Value",
];

fn clean(raw: &str) -> String {
    // Split camel humps before heck sees them and keep only identifier characters.
    let mut out = String::with_capacity(raw.len());
    for ch in raw.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else {
            out.push(' ');
        }
    }
    out
}

/// `UpperCamelCase` name for a type.
pub fn type_name(raw: &str) -> String {
    let mut name = clean(raw).to_upper_camel_case();
    if name.is_empty() {
        name = "Unnamed".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if RESERVED_TYPES.contains(&name.as_str()) {
        name.push_str("Model");
    }
    name
}

/// `UpperCamelCase` name for an enum variant.
pub fn variant_name(raw: &str) -> String {
    let mut name = clean(raw).to_upper_camel_case();
    if name.is_empty() {
        name = if raw.is_empty() {
            "Empty".into()
        } else {
            symbol_name(raw)
        };
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name = "SelfValue".into();
    }
    name
}

/// Names for values made only of symbols, such as `+` or `-`.
fn symbol_name(raw: &str) -> String {
    let mut out = String::new();
    for ch in raw.chars() {
        let word = match ch {
            '+' => "Plus",
            '-' => "Minus",
            '*' => "Star",
            '/' => "Slash",
            '<' => "Lt",
            '>' => "Gt",
            '=' => "Eq",
            '!' => "Bang",
            '.' => "Dot",
            '@' => "At",
            '#' => "Hash",
            '$' => "Dollar",
            '%' => "Percent",
            '&' => "Amp",
            '?' => "Question",
            ' ' => "Space",
            _ => "X",
        };
        out.push_str(word);
    }
    out
}

/// `snake_case` name for a field, method, parameter or module, keyword-escaped.
pub fn snake_name(raw: &str) -> String {
    let mut name = clean(raw).to_snake_case();
    if name.is_empty() {
        name = if raw.is_empty() {
            "value".into()
        } else {
            symbol_name(raw).to_snake_case()
        };
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    escape_keyword(name)
}

/// `snake_case` name for a module or file (no raw identifiers: `r#` is not a file name).
pub fn module_name(raw: &str) -> String {
    let name = snake_name(raw);
    match name.strip_prefix("r#") {
        Some(kw) => format!("{kw}_"),
        None => name,
    }
}

/// [`module_name`], shortened with [`shorten`]: for names that become files (`models/`,
/// `resources/`).
pub fn file_module_name(raw: &str) -> String {
    shorten(&module_name(raw), MAX_FILE_STEM, '_')
}

/// `name` itself if it has at most `max` bytes; otherwise its longest prefix (cut at a
/// character boundary, trailing separators dropped) that leaves room for `sep` and eight hex
/// digits of the FNV-1a hash of the whole `name`. Deterministic across runs and platforms.
pub fn shorten(name: &str, max: usize, sep: char) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(name.as_bytes());
    let hash = hasher.finish();
    let suffix = format!("{sep}{:08x}", (hash ^ (hash >> 32)) as u32);
    let mut cut = max.saturating_sub(suffix.len());
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = name[..cut].trim_end_matches(sep);
    format!("{head}{suffix}")
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// `kebab-case` name for a command or a flag of the generated command line (no keyword
/// escaping: these are not identifiers).
pub fn kebab_name(raw: &str) -> String {
    let name = heck::ToKebabCase::to_kebab_case(clean(unraw(raw)).as_str());
    if name.is_empty() {
        "value".into()
    } else {
        name
    }
}

/// The identifier text without a raw prefix (`r#type` -> `type`).
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// A scope of names (a module's types, a struct's fields, a builder's methods). Claiming a
/// taken name yields the next free numbered name, so every name in a scope is unique.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    used: HashSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Scope::default()
    }

    /// A scope whose names must avoid the given ones (for instance a builder's own methods).
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            used: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.used.contains(unraw(name))
    }

    /// Claims `name`, or `name2`, `name3`, ... (`name_2` for snake case names).
    pub fn claim(&mut self, name: &str) -> String {
        if self.used.insert(unraw(name).to_owned()) {
            return name.to_owned();
        }
        let base = unraw(name);
        let sep = if base.ends_with('_') {
            ""
        } else if base.contains('_') || base.chars().all(|c| !c.is_ascii_uppercase()) {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{base}{sep}{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .unwrap_or_else(|| base.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naming_table() {
        type Rule = fn(&str) -> String;
        let rows: &[(&str, Rule, &str)] = &[
            ("workspace", type_name, "Workspace"),
            ("api_key", type_name, "ApiKey"),
            ("APIKey", type_name, "ApiKey"),
            (
                "list-workspaces-response",
                type_name,
                "ListWorkspacesResponse",
            ),
            ("2xx", type_name, "V2xx"),
            ("", type_name, "Unnamed"),
            ("Value", type_name, "ValueModel"),
            ("Result", type_name, "ResultModel"),
            ("Option", type_name, "OptionModel"),
            ("self", type_name, "SelfModel"),
            ("hours", variant_name, "Hours"),
            ("MILLI_USD", variant_name, "MilliUsd"),
            ("HOUR", variant_name, "Hour"),
            ("1d", variant_name, "V1d"),
            ("+", variant_name, "Plus"),
            ("", variant_name, "Empty"),
            ("Self", variant_name, "SelfValue"),
            ("workspace_id", snake_name, "workspace_id"),
            ("applications[]", snake_name, "applications"),
            ("createdAt", snake_name, "created_at"),
            ("type", snake_name, "r#type"),
            ("ref", snake_name, "r#ref"),
            ("match", snake_name, "r#match"),
            ("self", snake_name, "self_"),
            ("Self", snake_name, "self_"),
            ("super", snake_name, "super_"),
            ("crate", snake_name, "crate_"),
            ("3d_secure", snake_name, "_3d_secure"),
            ("$", snake_name, "dollar"),
            ("", snake_name, "value"),
            ("type", module_name, "type_"),
            ("api-keys", module_name, "api_keys"),
            ("expires_in_days", kebab_name, "expires-in-days"),
            ("applications[]", kebab_name, "applications"),
            (
                "retrieve_spending_limit",
                kebab_name,
                "retrieve-spending-limit",
            ),
            ("r#type", kebab_name, "type"),
            ("createdAt", kebab_name, "created-at"),
            ("$", kebab_name, "value"),
            ("api-keys", file_module_name, "api_keys"),
            (LONG_A, file_module_name, LONG_A_SHORT),
            (LONG_B, file_module_name, LONG_B_SHORT),
        ];
        for (input, f, expected) in rows {
            assert_eq!(f(input), *expected, "input {input:?}");
        }
    }

    /// Two names longer than [`MAX_FILE_STEM`] that share their first 64 bytes.
    const LONG_A: &str =
        "users_user_id_mail_folders_mail_folder_id_child_folders_child_folder_id_messages";
    const LONG_B: &str =
        "users_user_id_mail_folders_mail_folder_id_child_folders_child_folder_id_message_rules";
    const LONG_A_SHORT: &str = "users_user_id_mail_folders_mail_folder_id_child_folders_b351d1a1";
    const LONG_B_SHORT: &str = "users_user_id_mail_folders_mail_folder_id_child_folders_64dea85c";

    #[test]
    fn shortened_names_are_short_stable_and_distinct() {
        let a = file_module_name(LONG_A);
        let b = file_module_name(LONG_B);
        assert!(a.len() <= MAX_FILE_STEM && b.len() <= MAX_FILE_STEM);
        assert_ne!(a, b);
        assert_eq!(a, file_module_name(LONG_A), "stable");
        assert_eq!(shorten("short", 64, '_'), "short");
        assert_eq!(
            shorten(&"é".repeat(40), 20, '-').len(),
            19,
            "cut at a char boundary"
        );
    }

    #[test]
    fn scope_resolves_collisions() {
        let mut s = Scope::new();
        assert_eq!(s.claim("Workspace"), "Workspace");
        assert_eq!(s.claim("Workspace"), "Workspace2");
        assert_eq!(s.claim("Workspace"), "Workspace3");
        let mut f = Scope::with_reserved(&["send", "timeout"]);
        assert_eq!(f.claim("timeout"), "timeout_2");
        assert_eq!(f.claim("r#type"), "r#type");
        assert_eq!(f.claim("r#type"), "type_2");
        assert_eq!(f.claim("self_"), "self_");
        assert_eq!(f.claim("self_"), "self_2");
        assert!(f.is_taken("send"));
    }
}
