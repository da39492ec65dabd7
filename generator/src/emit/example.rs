//! The `# Example` of each operation method: a `no_run` doctest that calls it with
//! placeholder values of the right types, so it compiles as written.

use crate::ir::{Accept, Api, InputRole, Operation, Ty, TypeKind};

/// Deepest nesting of constructors written into one example value.
const MAX_DEPTH: usize = 3;

/// The doc text of an operation's example.
pub fn example_doc(api: &Api, op: &Operation) -> String {
    let krate = api.config.crate_name.replace('-', "_");
    let mut chain = String::from("client");
    for accessor in accessor_chain(api, op.resource) {
        chain.push_str(&format!(".{accessor}()"));
    }
    let args: Vec<String> = op
        .inputs
        .iter()
        .filter(|i| i.role == InputRole::Argument)
        .map(|i| {
            let placeholder = crate::naming::unraw(&i.rust_name);
            match (i.accept, &i.ty) {
                (Accept::IntoIter, Ty::Vec(item)) => {
                    format!("[{}]", value(api, &krate, item, placeholder, 0))
                }
                _ => value(api, &krate, &i.ty, placeholder, 0),
            }
        })
        .collect();
    let method = crate::naming::unraw(&op.rust_method);
    let call = if op.pagination.is_some() {
        format!(
            "let page = {chain}.{method}({}).await?;\n# let _ = page;",
            args.join(", ")
        )
    } else {
        format!(
            "let response = {chain}.{method}({}).await?;\n# let _ = response;",
            args.join(", ")
        )
    };
    format!(
        "# Example\n\n```no_run\n\
         # async fn example(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
         {call}\n\
         # Ok(())\n\
         # }}\n\
         ```"
    )
}

/// The accessor methods from the client down to resource `r`.
pub(crate) fn accessor_chain(api: &Api, r: usize) -> Vec<&str> {
    let mut chain = Vec::new();
    let mut current = &api.resources[r];
    while let Some(parent) = current.parent {
        chain.push(current.accessor.as_str());
        current = &api.resources[parent];
    }
    chain.reverse();
    chain
}

/// A Rust expression of type `ty` to stand for an argument named `name`.
fn value(api: &Api, krate: &str, ty: &Ty, name: &str, depth: usize) -> String {
    match ty {
        Ty::Bool => "true".into(),
        Ty::Int(_) => "1".into(),
        Ty::Float => "1.0".into(),
        Ty::String => format!("{name:?}"),
        Ty::Secret => format!("{krate}::Secret::new({name:?})"),
        Ty::DateTime => "\"2026-01-01T00:00:00Z\".parse()?".into(),
        Ty::Date => "\"2026-01-01\".parse()?".into(),
        Ty::Bytes => "vec![0u8]".into(),
        Ty::Json => "serde_json::json!({})".into(),
        Ty::Vec(item) => format!("vec![{}]", value(api, krate, item, name, depth)),
        Ty::Map(_) => "Default::default()".into(),
        Ty::Option(_) => "None".into(),
        Ty::Boxed(inner) => format!("Box::new({})", value(api, krate, inner, name, depth)),
        Ty::Named(id) => named(api, krate, *id, name, depth),
    }
}

fn named(api: &Api, krate: &str, id: crate::ir::TypeId, name: &str, depth: usize) -> String {
    let t = api.ty(id);
    let path = format!("{krate}::models::{}", t.name);
    match &t.kind {
        TypeKind::Enum { variants, fallback } => match variants.first() {
            Some(v) => format!("{path}::{}", v.rust_name),
            None => format!("{path}::{fallback}(String::new())"),
        },
        TypeKind::Struct { fields, .. } if depth < MAX_DEPTH => {
            let args: Vec<String> = fields
                .iter()
                .filter(|f| {
                    f.constant.is_none()
                        && matches!(
                            f.presence,
                            crate::ir::Presence::Required | crate::ir::Presence::RequiredNullable
                        )
                })
                .map(|f| match f.presence {
                    crate::ir::Presence::RequiredNullable => "None".to_owned(),
                    _ => value(
                        api,
                        krate,
                        &f.ty,
                        crate::naming::unraw(&f.rust_name),
                        depth + 1,
                    ),
                })
                .collect();
            if args.is_empty() {
                format!("{path}::default()")
            } else {
                format!("{path}::new({})", args.join(", "))
            }
        }
        TypeKind::Alias(inner) if depth < MAX_DEPTH => value(api, krate, inner, name, depth + 1),
        _ => format!("todo!(\"a `{}`\")", t.name),
    }
}
