//! The client's own surface: crate name, settings read from the environment, the default
//! base URL, authentication, key classes, and the resource tree.

use super::change::{Severity, Side};
use super::ctx::{krate, At, Ctx};
use crate::ir::{Api, Auth, Resource, Variant};

use Severity::{Additive, Breaking, Compatible};

pub(crate) fn compare_config(cx: &mut Ctx) {
    let (a, b) = (&cx.old.config, &cx.new.config);
    let client = format!("{}::Client", krate(cx.new));
    let mut found = Vec::new();
    if a.crate_name != b.crate_name {
        let message = format!(
            "the crate is now `{}` (was `{}`)",
            b.crate_name, a.crate_name
        );
        found.push((("crate-renamed", Breaking, message), "/info/title"));
    }
    if a.env_prefix != b.env_prefix {
        let message = format!(
            "`from_env` now reads {}_* instead of {}_*",
            b.env_prefix, a.env_prefix
        );
        found.push((("env-prefix-changed", Breaking, message), "/x-sdk"));
    }
    if a.auth != b.auth {
        let message = format!(
            "the client now authenticates with {} instead of {}",
            auth_word(&b.auth),
            auth_word(&a.auth)
        );
        found.push((
            ("auth-scheme-changed", Breaking, message),
            "/components/securitySchemes",
        ));
    }
    if a.base_url != b.base_url {
        let message = format!(
            "the default base URL is now `{}` (was `{}`); it can be overridden",
            b.base_url, a.base_url
        );
        found.push((("base-url-changed", Compatible, message), "/servers"));
    }
    if (&a.title, &a.doc.description) != (&b.title, &b.doc.description) {
        let message = "the API's title or description changed".to_owned();
        found.push((("doc-changed", Compatible, message), "/info"));
    }
    for (finding, ptr) in found {
        cx.push(finding, Side::Both, client.clone(), At::both(ptr, ptr));
    }
    let (kinds_a, kinds_b) = (a.key_kinds.clone(), b.key_kinds.clone());
    key_classes(cx, "KeyKind", &kinds_a, &kinds_b);
    let (modes_a, modes_b) = (a.key_modes.clone(), b.key_modes.clone());
    key_classes(cx, "KeyMode", &modes_a, &modes_b);
}

fn auth_word(auth: &Option<Auth>) -> String {
    match auth {
        None => "no credential".to_owned(),
        Some(Auth::Header(h)) => format!("an API key in the `{h}` header"),
        Some(Auth::Query(q)) => format!("an API key in the `{q}` query parameter"),
        Some(Auth::Bearer) => "a bearer token".to_owned(),
        Some(Auth::Basic) => "HTTP basic credentials".to_owned(),
    }
}

fn key_classes(cx: &mut Ctx, name: &str, a: &[Variant], b: &[Variant]) {
    let base = format!("{}::{name}", krate(cx.new));
    for v in a
        .iter()
        .filter(|v| !b.iter().any(|x| x.wire_value == v.wire_value))
    {
        let message = format!(
            "key class `{}` is no longer documented: the variant is gone",
            v.wire_value
        );
        cx.push(
            ("key-class-removed", Breaking, message),
            Side::Both,
            format!("{base}::{}", v.rust_name),
            At::old("/x-sdk/key-prefixes"),
        );
    }
    for v in b
        .iter()
        .filter(|v| !a.iter().any(|x| x.wire_value == v.wire_value))
    {
        let message = format!("new key class `{}`", v.wire_value);
        cx.push(
            ("key-class-added", Additive, message),
            Side::Both,
            format!("{base}::{}", v.rust_name),
            At::new("/x-sdk/key-prefixes"),
        );
    }
}

fn resource_item(api: &Api, r: &Resource) -> String {
    format!("{}::resources::{}::{}", krate(api), r.module, r.struct_name)
}

/// A resource's first operation's pointer, to point somewhere useful.
fn resource_pointer(api: &Api, r: &Resource) -> String {
    r.operations
        .first()
        .map(|&o| api.operations[o].pointer.clone())
        .unwrap_or_default()
}

/// Resources, matched by their path in the tree (`admin.workspaces`).
pub(crate) fn compare_resources(cx: &mut Ctx) {
    let (old, new) = (cx.old, cx.new);
    for r in old.resources.iter().skip(1) {
        let at_old = resource_pointer(old, r);
        match new.resources.iter().skip(1).find(|x| x.path == r.path) {
            None => {
                let message = format!("resource `{}` was removed", r.path.join("."));
                cx.push(
                    ("resource-removed", Breaking, message),
                    Side::Both,
                    resource_item(old, r),
                    At::old(&at_old),
                );
            }
            Some(x) => {
                let (a, b) = (resource_item(old, r), resource_item(new, x));
                if a != b || r.accessor != x.accessor {
                    let message =
                        format!("resource `{}` is now `{b}` (was `{a}`)", r.path.join("."));
                    cx.push(
                        ("resource-renamed", Breaking, message),
                        Side::Both,
                        a,
                        At::both(&at_old, &resource_pointer(new, x)),
                    );
                }
            }
        }
    }
    for x in new.resources.iter().skip(1) {
        if !old.resources.iter().skip(1).any(|r| r.path == x.path) {
            let message = format!("new resource `{}`", x.path.join("."));
            cx.push(
                ("resource-added", Additive, message),
                Side::Both,
                resource_item(new, x),
                At::new(&resource_pointer(new, x)),
            );
        }
    }
}
