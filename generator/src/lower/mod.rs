//! Stage 2: lower a loaded spec into the IR.
//!
//! Order (fixed, so output never depends on discovery order): client settings; reserve a
//! [`TypeId`] and a name for every component schema; lower the component schemas; lower the
//! operations (their inline types are named after the operation); then the named passes:
//! `passes` (alias cycles, boxing, output modules), `marks` (validation, docs), `inputs`
//! (each builder's arguments and setters), `marks` again (deprecation, crate features).

mod all_of;
mod cli;
mod extensions;
mod gates;
mod inputs;
mod marks;
mod operation;
mod paging;
mod params;
mod passes;
mod resolve;
mod responses;
mod routes;
#[cfg(test)]
mod rules;
mod schema;
mod union;

use crate::diag::{Diagnostic, Severity};
use crate::ir::{Api, Auth, ClientConfig, Doc, TypeDef, TypeId, TypeKind, Variant};
use crate::load::Spec;
use crate::naming::{self, Scope};
use std::collections::{BTreeMap, HashMap};

/// Generator settings that do not come from the spec.
#[derive(Debug, Clone)]
pub struct Options {
    /// Name of the generated crate. `None` takes it from the spec: `x-sdk: {crate-name}`,
    /// else `info.title` in kebab-case.
    pub crate_name: Option<String>,
    /// Version written into the generated Cargo.toml.
    pub crate_version: String,
    /// Treat warnings (constructs approximated as `serde_json::Value`) as errors.
    pub strict: bool,
    /// The names the crate being regenerated already has, by the JSON pointer of the schema
    /// or operation they name (see [`crate::baseline_names`]): they are kept, and a new item
    /// that would take one is renamed instead, so regeneration never renames what users use.
    pub previous_names: HashMap<String, String>,
    /// Where the runtime comes from: `None` vendors a copy into the crate's `src/runtime/`;
    /// `Some(dir)` makes the crate depend on the `codegen-runtime` crate at `dir` (as Cargo
    /// reads it from the crate's folder), so SDKs generated this way share one compiled
    /// runtime.
    pub runtime_path: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: None,
            crate_version: "0.1.0".into(),
            strict: false,
            previous_names: HashMap::new(),
            runtime_path: None,
        }
    }
}

/// Deepest nesting of inline schemas followed before giving up with a warning.
pub(crate) const MAX_DEPTH: usize = 32;

pub(crate) struct Lowerer<'a> {
    pub spec: &'a Spec,
    pub types: Vec<TypeDef>,
    /// Component schema name -> id.
    pub components: HashMap<String, TypeId>,
    /// Whether a component schema is itself nullable (refs to it are then nullable).
    pub nullable_components: HashMap<TypeId, bool>,
    pub type_names: Scope,
    /// Names from the previous generation not yet given back to their item (by pointer).
    pub previous: HashMap<String, String>,
    /// How many types each schema pointer has produced so far.
    pub per_pointer: HashMap<String, usize>,
    pub diags: Vec<Diagnostic>,
    pub depth: usize,
    /// Pointers being expanded by allOf merging or alias resolution (cycle guard).
    pub expanding: Vec<String>,
    /// Set while lowering a multipart body: `format: binary` strings are file contents.
    pub binary_as_bytes: bool,
}

impl<'a> Lowerer<'a> {
    fn new(spec: &'a Spec) -> Self {
        Lowerer {
            spec,
            types: Vec::new(),
            components: HashMap::new(),
            nullable_components: HashMap::new(),
            // `naming::type_name` already keeps names off the prelude and the runtime.
            type_names: Scope::new(),
            previous: HashMap::new(),
            per_pointer: HashMap::new(),
            diags: Vec::new(),
            depth: 0,
            expanding: Vec::new(),
            binary_as_bytes: false,
        }
    }

    /// A type-level name for the item at `pointer`: the name it had before when there is one
    /// (each such name was reserved up front), else the next free name from `hint`.
    pub fn claim_type_name(&mut self, hint: &str, pointer: &str) -> String {
        if let Some(previous) = self.previous.remove(pointer) {
            return previous;
        }
        self.type_names.claim(&naming::type_name(hint))
    }

    pub fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.diags.push(Diagnostic::warning(pointer, message));
    }

    pub fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// A new named type with a placeholder kind, its name claimed from `hint`.
    pub fn new_type(&mut self, hint: &str, pointer: &str) -> TypeId {
        // Several types can come from one schema (an allOf split into a union of structs):
        // the n-th type of a pointer is keyed `pointer#n`.
        let n = self.per_pointer.entry(pointer.to_owned()).or_default();
        let key = type_key(pointer, *n);
        *n += 1;
        let name = self.claim_type_name(hint, &key);
        let id = TypeId(self.types.len());
        self.types.push(TypeDef::new(
            &name,
            pointer,
            TypeKind::Alias(crate::ir::Ty::Json),
        ));
        id
    }
}

/// The key of the `n`-th type lowered from the schema at `pointer`, in
/// [`Options::previous_names`].
pub fn type_key(pointer: &str, n: usize) -> String {
    if n == 0 {
        pointer.to_owned()
    } else {
        format!("{pointer}#{n}")
    }
}

/// The key of an operation's builder in [`Options::previous_names`].
pub fn builder_key(operation_pointer: &str) -> String {
    format!("builder:{operation_pointer}")
}

/// Lowers a spec into the IR, or returns its error diagnostics. Warnings are returned beside
/// the IR (they become errors under `options.strict`).
pub fn lower(spec: &Spec, options: &Options) -> Result<(Api, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut l = Lowerer::new(spec);
    // Every name the crate already has is reserved: only its own item may take it again.
    for name in options.previous_names.values() {
        l.type_names.claim(name);
    }
    l.previous = options.previous_names.clone();
    let mut config = client_config(spec, options, &mut l.diags);
    (config.key_kinds, config.key_modes) = key_classes(&config.key_prefixes);

    // Borrowed from the spec, not from `l`: lowering one needs `l` mutably.
    let schemas: Vec<(&String, &openapiv3::ReferenceOr<openapiv3::Schema>)> = spec
        .api
        .components
        .as_ref()
        .map(|c| c.schemas.iter().collect())
        .unwrap_or_default();
    for &(name, schema) in &schemas {
        let pointer = crate::diag::pointer_join("/components/schemas", &[name]);
        let id = l.new_type(name, &pointer);
        l.components.insert(name.clone(), id);
        let nullable = matches!(schema, openapiv3::ReferenceOr::Item(s) if s.schema_data.nullable);
        l.nullable_components.insert(id, nullable);
    }
    for &(name, schema) in &schemas {
        let id = l.components[name];
        let pointer = l.types[id.0].pointer.clone();
        l.lower_component(id, schema, &pointer);
    }

    let (operations, resources) = operation::lower_operations(&mut l);

    let mut api = Api {
        config,
        types: std::mem::take(&mut l.types),
        operations,
        resources,
        model_files: Vec::new(),
        features: Default::default(),
        cli: Default::default(),
    };
    passes::check_alias_cycles(&mut api, &mut l.diags);
    passes::break_cycles(&mut api);
    let modules = passes::assign_modules(&mut api);
    marks::mark_validation(&mut api);
    marks::model_setters(&mut api);
    marks::mark_eq_hash(&mut api);
    marks::union_keys(&mut api);
    marks::borrow_docs(&mut api);
    inputs::decide_inputs(&mut api);
    marks::mark_deprecated(&mut api);
    marks::retry_notes(&mut api);
    api.features = marks::features(&api);
    gates::decide_features(&mut api, &modules);
    gates::check_gates(&api, &mut l.diags);
    api.cli = cli::decide(&api, spec, &mut l.diags);

    let diags = finish_diagnostics(spec, options, l.diags)?;
    Ok((api, diags))
}

/// Diagnostics in the user's terms (their file, pointer and line), each once; the errors
/// alone when there is one (every warning is one under `--strict`).
fn finish_diagnostics(
    spec: &Spec,
    options: &Options,
    mut lowered: Vec<Diagnostic>,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    // Lowering names nodes of the normalised document; diagnostics name the user's file.
    for d in &mut lowered {
        d.pointer = spec.source_pointer(&d.pointer);
        if d.line.is_none() {
            d.line = spec.line_of(&d.pointer);
        }
    }
    // A shared definition (a response component, say) is lowered once per use: say things once.
    let mut seen = std::collections::HashSet::new();
    lowered.retain(|d| seen.insert((d.pointer.clone(), d.message.clone())));
    let mut diags = spec.warnings.clone();
    diags.append(&mut lowered);
    for d in &mut diags {
        d.file = spec.file.clone();
        if options.strict {
            d.severity = Severity::Error;
        }
    }
    if diags.iter().any(|d| d.severity == Severity::Error) {
        diags.retain(|d| d.severity == Severity::Error);
        return Err(diags);
    }
    Ok(diags)
}

fn client_config(spec: &Spec, options: &Options, diags: &mut Vec<Diagnostic>) -> ClientConfig {
    let api = &spec.api;
    let base_url = api
        .servers
        .first()
        .map(|s| {
            // Substitute server variables with their defaults.
            let mut url = s.url.clone();
            if let Some(vars) = &s.variables {
                for (name, var) in vars {
                    url = url.replace(&format!("{{{name}}}"), &var.default);
                }
            }
            url
        })
        .unwrap_or_else(|| "http://localhost".into());
    let sdk = &spec.sdk;
    let crate_name = match (&options.crate_name, &sdk.crate_name) {
        (Some(name), _) => name.clone(),
        (None, Some(name)) if is_crate_name(name) => name.clone(),
        (None, Some(name)) => {
            let fixed = crate_name_from_title(name);
            diags.push(Diagnostic::warning(
                "/x-sdk/crate-name",
                format!("`{name}` is not a crate name Cargo accepts; using `{fixed}`"),
            ));
            fixed
        }
        (None, None) => crate_name_from_title(&api.info.title),
    };
    let env_prefix = sdk.env_prefix.clone().unwrap_or_else(|| {
        heck::ToShoutySnakeCase::to_shouty_snake_case(
            crate_name.split(['-', '_']).next().unwrap_or("API"),
        )
    });
    let key_prefixes = sdk
        .key_prefixes
        .iter()
        .map(|(prefix, k)| (prefix.clone(), (k.kind.clone(), k.mode.clone())))
        .collect();
    ClientConfig {
        crate_name,
        crate_version: options.crate_version.clone(),
        runtime_path: options.runtime_path.clone(),
        title: api.info.title.clone(),
        doc: Doc {
            summary: None,
            description: api.info.description.clone(),
            notes: Vec::new(),
        },
        base_url: base_url.trim_end_matches('/').to_owned(),
        env_prefix,
        auth: auth_scheme(api),
        key_prefixes,
        key_kinds: Vec::new(),
        key_modes: Vec::new(),
        idempotency_header: sdk.idempotency_header.clone(),
    }
}

/// The distinct kinds and modes of the documented key prefixes, as enum variants.
fn key_classes(prefixes: &BTreeMap<String, (String, String)>) -> (Vec<Variant>, Vec<Variant>) {
    let variants = |values: Vec<&String>| {
        let mut scope = Scope::new();
        let mut out: Vec<Variant> = Vec::new();
        for v in values {
            if !v.is_empty() && !out.iter().any(|x| &x.wire_value == v) {
                out.push(Variant {
                    rust_name: scope.claim(&naming::variant_name(v)),
                    wire_value: v.clone(),
                });
            }
        }
        out
    };
    (
        variants(prefixes.values().map(|(k, _)| k).collect()),
        variants(prefixes.values().map(|(_, m)| m).collect()),
    )
}

/// A package name Cargo accepts (and crates.io would): ASCII letters, digits, `-` and `_`,
/// not starting with a digit.
fn is_crate_name(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A crate name for a title: kebab-case ASCII, never empty, not starting with a digit.
fn crate_name_from_title(title: &str) -> String {
    let name = heck::ToKebabCase::to_kebab_case(naming::module_name(title).as_str());
    let name = name.trim_matches('-');
    match name.chars().next() {
        None => "api-client".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("api-{name}"),
        Some(_) => name.to_owned(),
    }
}

/// The first security scheme the SDK can apply with a single credential.
fn auth_scheme(api: &openapiv3::OpenAPI) -> Option<Auth> {
    let schemes = &api.components.as_ref()?.security_schemes;
    let resolve = |name: &str| match schemes.get(name)? {
        openapiv3::ReferenceOr::Item(s) => Some(s.clone()),
        openapiv3::ReferenceOr::Reference { .. } => None,
    };
    let to_auth = |s: openapiv3::SecurityScheme| match s {
        openapiv3::SecurityScheme::APIKey { location, name, .. } => match location {
            openapiv3::APIKeyLocation::Header => Some(Auth::Header(name)),
            openapiv3::APIKeyLocation::Query => Some(Auth::Query(name)),
            openapiv3::APIKeyLocation::Cookie => None,
        },
        openapiv3::SecurityScheme::HTTP { scheme, .. } => {
            match scheme.to_ascii_lowercase().as_str() {
                "bearer" => Some(Auth::Bearer),
                "basic" => Some(Auth::Basic),
                _ => None,
            }
        }
        openapiv3::SecurityScheme::OAuth2 { .. }
        | openapiv3::SecurityScheme::OpenIDConnect { .. } => Some(Auth::Bearer),
    };
    // Prefer the document's own security requirement order, then the components' order.
    let required = api
        .security
        .iter()
        .flatten()
        .flat_map(|req| req.keys().cloned())
        .collect::<Vec<_>>();
    required
        .iter()
        .chain(schemes.keys())
        .filter_map(|name| resolve(name))
        .find_map(to_auth)
}
