//! Insta snapshots of the generator's output, one per emitted file, named
//! `<spec>__<file>`. Review changes with `cargo insta review` (or read the `.snap.new` files).

use boltz_codegen::{generate_file, Options};
use std::path::Path;

fn snapshot_spec(spec: &str, label: &str, options: &Options) {
    let generated =
        generate_file(Path::new(spec), options, "(snapshot)").expect("the spec generates");
    assert!(
        generated.warnings.is_empty(),
        "unexpected warnings: {:#?}",
        generated.warnings
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for (path, text) in &generated.files {
            // The runtime is copied verbatim from generator/runtime; its source is reviewed there.
            if path.starts_with("src/runtime/") {
                continue;
            }
            let construct = path
                .trim_start_matches("src/")
                .trim_end_matches(".rs")
                .replace(['/', '.'], "_");
            insta::assert_snapshot!(format!("{label}__{construct}"), text);
        }
    });
}

#[test]
fn boltz_api_snapshots() {
    snapshot_spec("spec/boltz-api.yaml", "boltz_api", &Options::default());
}

#[test]
fn collisions_snapshots() {
    let options = Options {
        crate_name: Some("collisions".into()),
        ..Options::default()
    };
    snapshot_spec("tests/fixtures/collisions.yaml", "collisions", &options);
}

/// The Boltz SDK generated to depend on the runtime crate (`--runtime-path`) instead of
/// vendoring it: no `src/runtime/`, and only the crate-level files differ from the vendored
/// crate (snapshotted, so a reviewer sees the crate's own `Client`, the `KeyClass` trait and
/// the manifest). Whether such a crate compiles is `tests/corpus.rs`'s to check.
#[test]
fn boltz_api_with_the_runtime_as_a_dependency() {
    let spec = Path::new("spec/boltz-api.yaml");
    let vendored = generate_file(spec, &Options::default(), "(snapshot)").expect("generates");
    let options = Options {
        runtime_path: Some("../generator/runtime".into()),
        ..Options::default()
    };
    let crate_dep = generate_file(spec, &options, "(snapshot)").expect("generates");
    let vendored_only: Vec<&String> = vendored
        .files
        .keys()
        .filter(|p| !crate_dep.files.contains_key(*p))
        .collect();
    assert!(
        !vendored_only.is_empty() && vendored_only.iter().all(|p| p.starts_with("src/runtime/")),
        "only the vendored runtime is left out: {vendored_only:?}"
    );
    let changed: Vec<&String> = crate_dep
        .files
        .iter()
        .filter(|(path, text)| vendored.files.get(*path) != Some(text))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(
        changed,
        [
            "Cargo.toml",
            "src/cli/mod.rs",
            "src/config.rs",
            "src/lib.rs"
        ],
        "the files that differ from the vendored crate"
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for path in changed {
            let construct = path
                .trim_start_matches("src/")
                .trim_end_matches(".rs")
                .replace(['/', '.'], "_");
            insta::assert_snapshot!(
                format!("boltz_api_runtime_crate__{construct}"),
                crate_dep.files[path]
            );
        }
    });
}

/// The IR of the Boltz spec in one page: every name and type decision a reviewer may want to
/// see at once (types with their fields' presence, operations with their Rust names).
#[test]
fn boltz_api_ir_snapshot() {
    use boltz_codegen::ir::{Presence, Success, TypeKind};
    let spec = boltz_codegen::load::load_file(Path::new("spec/boltz-api.yaml")).unwrap();
    let (api, _) = boltz_codegen::lower::lower(&spec, &Options::default()).unwrap();
    fn show(api: &boltz_codegen::ir::Api, t: &boltz_codegen::ir::Ty) -> String {
        use boltz_codegen::ir::Ty;
        match t {
            Ty::Named(id) => api.ty(*id).name.clone(),
            Ty::Vec(i) => format!("Vec<{}>", show(api, i)),
            Ty::Map(i) => format!("Map<{}>", show(api, i)),
            Ty::Option(i) => format!("Option<{}>", show(api, i)),
            Ty::Boxed(i) => format!("Box<{}>", show(api, i)),
            other => format!("{other:?}"),
        }
    }
    let ty = |t: &boltz_codegen::ir::Ty| show(&api, t);
    let mut out = String::new();
    for (i, t) in api.types.iter().enumerate() {
        let kind = match &t.kind {
            TypeKind::Struct { fields, extra } => {
                let mut s = String::from("struct");
                for f in fields {
                    let presence = match f.presence {
                        Presence::Required => "",
                        Presence::Optional => "?",
                        Presence::RequiredNullable => " | null",
                        Presence::OptionalNullable => "? | null",
                    };
                    let konst = f
                        .constant
                        .as_ref()
                        .map(|c| format!(" = {c}"))
                        .unwrap_or_default();
                    s.push_str(&format!(
                        "\n    {} ({}): {}{presence}{konst}",
                        f.rust_name,
                        f.wire_name,
                        ty(&f.ty)
                    ));
                }
                if let Some(e) = extra {
                    s.push_str(&format!("\n    ..: {}", ty(e)));
                }
                s
            }
            TypeKind::Enum { variants, fallback } => {
                let vs: Vec<String> = variants
                    .iter()
                    .map(|v| format!("{}={}", v.rust_name, v.wire_value))
                    .collect();
                format!("enum {} else {fallback}", vs.join(" "))
            }
            TypeKind::Union {
                variants,
                discriminator,
                fallback,
            } => format!("union {variants:?} by {discriminator:?} else {fallback}"),
            TypeKind::Alias(t) => format!("alias {}", ty(t)),
            TypeKind::Newtype(t) => format!("newtype {}", ty(t)),
        };
        let check = if t.validates { " [validates]" } else { "" };
        out.push_str(&format!(
            "#{i} {} in models/{}{check}: {kind}\n",
            t.name, t.module
        ));
    }
    out.push('\n');
    for op in &api.operations {
        let resource = &api.resources[op.resource];
        let params: Vec<String> = op
            .params
            .iter()
            .map(|p| {
                format!(
                    "{}{}:{:?}",
                    p.rust_name,
                    if p.required { "" } else { "?" },
                    p.location
                )
            })
            .collect();
        let body = op
            .body
            .as_ref()
            .map(|b| format!(" body {} {:?}", ty(&b.ty), b.kind))
            .unwrap_or_default();
        let success = match &op.success {
            Success::One(r) => r.ty.as_ref().map(ty).unwrap_or_else(|| "()".into()),
            Success::ByStatus { type_id, .. } => format!("by status {}", api.ty(*type_id).name),
        };
        let page = op
            .pagination
            .as_ref()
            .map(|p| format!(" paged {:?}", p.style))
            .unwrap_or_default();
        out.push_str(&format!(
            "{} {} -> {}.{}() [{}] ({}){body} -> {success}{page}\n",
            op.method.as_str(),
            op.path,
            resource.path.join("."),
            op.rust_method,
            op.builder_name,
            params.join(", ")
        ));
        let inputs: Vec<String> = op
            .inputs
            .iter()
            .map(|i| {
                let null = i
                    .null_setter
                    .as_ref()
                    .map(|n| format!(" +{n}"))
                    .unwrap_or_default();
                let role = match i.role {
                    boltz_codegen::ir::InputRole::Argument => "arg",
                    boltz_codegen::ir::InputRole::Setter => "set",
                };
                format!(
                    "{role} {}: {} -> {:?}{null}",
                    i.rust_name,
                    ty(&i.ty),
                    i.target
                )
            })
            .collect();
        out.push_str(&format!("    inputs: {}\n", inputs.join("; ")));
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!("boltz_api__ir", out));
}
