//! The rule table: every rule id a [`super::Change`] can carry, its severity and why.
//! `docs/diff.md` holds the same table ([`markdown_table`]); a test keeps them equal.

/// One rule of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    /// `breaking`, `additive`, `compatible`, or a condition between them.
    pub severity: &'static str,
    pub why: &'static str,
}

const fn r(id: &'static str, severity: &'static str, why: &'static str) -> Rule {
    Rule { id, severity, why }
}

const B: &str = "breaking";
const A: &str = "additive";
const C: &str = "compatible";
const B_IF_RETYPED: &str = "breaking if the Rust type changes, else compatible";

pub const RULES: &[Rule] = &[
    // Operations and the resource tree.
    r("operation-added", A, "a new method and request builder"),
    r("operation-removed", B, "the method and its builder are gone"),
    r("operation-renamed", B, "same endpoint, but the method's Rust name or resource changed (for example an operationId that names it)"),
    r("operation-path-changed", B, "the same Rust method now calls another method or path; old clients call one that is gone"),
    r("builder-renamed", B, "the request builder type has a new name"),
    r("resource-added", A, "a new resource struct and accessor"),
    r("resource-removed", B, "a resource struct and its accessor are gone"),
    r("resource-renamed", B, "a resource's struct, module or accessor changed"),
    // Parameters and builder inputs.
    r("param-added-required", B, "a new method argument; old clients do not send it"),
    r("param-added-optional", A, "a new setter"),
    r("param-removed", B, "its argument or setter is gone"),
    r("param-made-required", B, "a setter becomes an argument; old clients that omit it are rejected"),
    r("param-made-optional", B, "an argument becomes a setter: calls with it no longer compile"),
    r("param-type-changed", B, "the argument's or setter's type changed"),
    r("param-style-changed", B, "the query serialisation changed; old clients send the old form"),
    r("path-param-renamed", C, "same position in the path: the URL and the positional argument are unchanged"),
    r("setter-renamed", B, "a setter has a new name"),
    r("argument-renamed", C, "arguments are positional: a new name breaks no call"),
    r("argument-order-changed", B, "positional calls pass values to the wrong inputs"),
    // Request bodies.
    r("request-body-added", "breaking if it brings a required input, else additive", "new arguments (and old clients send no body), or only new setters"),
    r("request-body-removed", B, "the body's arguments and setters are gone"),
    r("request-body-made-required", B, "old clients that send no body are rejected"),
    r("request-body-made-optional", "breaking if the body argument becomes a setter, else compatible", "the server accepts more"),
    r("request-body-type-changed", B, "the body's Rust type changed"),
    r("request-media-type-added", C, "the server accepts one more media type; the SDK sends the same"),
    r("request-media-type-removed", "breaking if it is the one the SDK sent, else compatible", "old clients send a media type that is refused"),
    r("request-content-type-changed", C, "the SDK now sends another declared media type; the old one is still accepted"),
    // Responses.
    r("response-type-changed", B, "`send` returns another Rust type (a new body, several success statuses, pagination)"),
    r("pagination-changed", C, "the cursors changed; the page type did not"),
    r("success-status-added", C, "the same body decodes; a different body shows as response-type-changed"),
    r("success-status-removed", C, "the server returns fewer statuses"),
    r("error-status-added", C, "errors are untyped (`ApiError`); only the documented contract grows"),
    r("error-status-removed", C, "errors are untyped; only the documented contract shrinks"),
    r("response-media-type-added", C, "the SDK reads the same media type"),
    r("response-media-type-removed", "breaking if it is the one the SDK read, else compatible", "old clients cannot read what is returned"),
    // Models.
    r("type-added", A, "a new public type"),
    r("type-removed", B, "a public type is gone"),
    r("type-renamed", B, "same shape under a new name: code naming it breaks, the wire does not"),
    r("type-kind-changed", B, "a struct became an enum, a union or an alias (or the reverse)"),
    r("alias-target-changed", B, "the alias or newtype stands for another type"),
    r("field-removed", B, "the field is gone from the struct"),
    r("field-renamed", B, "same wire name, new Rust name"),
    r("field-type-changed", B, "the field's Rust type changed"),
    r("request-field-added-required", B, "old clients do not send it; the constructor gains an argument"),
    r("request-field-added-optional", A, "a new setter; the server accepts more"),
    r("response-field-added", A, "response models are `#[non_exhaustive]`: a new field breaks no code"),
    r("request-field-made-required", B, "old clients that omit it are rejected; the constructor gains an argument"),
    r("request-field-made-optional", B, "the constructor (or method) loses an argument"),
    r("request-field-made-nullable", B_IF_RETYPED, "the server accepts more; `T` becomes `Option<T>`"),
    r("request-field-made-non-nullable", B, "old clients sending null are rejected"),
    r("response-field-made-optional", B, "old clients expecting it fail to decode"),
    r("response-field-made-nullable", B, "old clients expecting a value fail to decode"),
    r("response-field-made-required", B_IF_RETYPED, "the server promises more; `Option<T>` may become `T`"),
    r("response-field-made-non-nullable", B_IF_RETYPED, "the server promises more; `Option<T>` may become `T`"),
    r("extra-added", A, "a new `extra` map for additional properties"),
    r("extra-removed", B, "the `extra` map is gone"),
    r("extra-type-changed", B, "the `extra` map's value type changed"),
    r("constant-changed", B, "the SDK sends (or expects) another constant value"),
    r("request-enum-value-added", A, "enums are `#[non_exhaustive]`: a new variant breaks no code; the server accepts more"),
    r("request-enum-value-removed", B, "the variant is gone, and old clients sending the value are rejected"),
    r("response-enum-value-added", A, "enums are `#[non_exhaustive]`, and old clients read the value as the fallback variant"),
    r("response-enum-value-removed", B, "the variant is gone"),
    r("variant-renamed", B, "same wire value, new Rust variant name (or a renamed fallback)"),
    r("union-variant-added", A, "unions are `#[non_exhaustive]`; old clients read the shape as the fallback"),
    r("union-variant-removed", B, "the variant is gone"),
    r("union-variant-type-changed", B, "the variant holds another type"),
    r("discriminator-changed", B, "unions are told apart by another property"),
    r("discriminator-value-added", A, "one more tag selects a variant"),
    r("discriminator-value-removed", B, "a tag no longer selects its variant"),
    // Values.
    r("request-constraint-tightened", B, "values old clients may send are rejected (the SDK checks them before sending, too)"),
    r("request-constraint-loosened", C, "more values are accepted"),
    r("response-constraint-tightened", C, "responses stay within the old bounds"),
    r("response-constraint-loosened", C, "the SDK does not check responses; nothing breaks in it"),
    r("default-changed", C, "callers that leave the value unset get another behaviour; nothing breaks to compile or on the wire"),
    // Everywhere.
    r("deprecation-added", A, "semver asks for a minor release when an API is deprecated; callers get a warning"),
    r("deprecation-removed", C, "the warning is gone"),
    r("doc-changed", C, "the rustdoc changed: a patch release carries it"),
    r("security-tightened", B, "a way to authenticate that worked (or anonymous access) is no longer listed"),
    r("security-relaxed", C, "every old way to authenticate still works"),
    // The client.
    r("auth-scheme-changed", B, "the client sends its credential another way"),
    r("env-prefix-changed", B, "`from_env` reads other variables"),
    r("crate-renamed", B, "a different crate"),
    r("base-url-changed", C, "the default base URL changed; it can be overridden"),
    r("key-class-added", A, "a new `KeyKind`/`KeyMode` variant"),
    r("key-class-removed", B, "a `KeyKind`/`KeyMode` variant is gone"),
];

/// The rule table as a markdown table (the one in `docs/diff.md`).
pub fn markdown_table() -> String {
    let mut out = String::from("| rule | severity | why |\n|---|---|---|\n");
    for rule in RULES {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            rule.id, rule.severity, rule.why
        ));
    }
    out
}
