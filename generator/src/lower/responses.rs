//! Request bodies, responses and the success type of an operation (one response, or an enum
//! keyed by status), plus what `diff` reads of every declared response.

use super::Lowerer;
use crate::diag::pointer_join;
use crate::ir::{
    Body, BodyKind, Response, ResponseKind, StatusMatch, Success, Ty, TypeId, TypeKind,
    UnionVariant,
};
use crate::naming::Scope;
use indexmap::IndexMap;
use openapiv3::ReferenceOr;

/// Every response of an operation as declared: status, media types, for a success the
/// media type the SDK reads, and the schema `$ref` of the media type it would read.
/// `$ref`'d responses are read through the document.
pub(super) fn declared_responses(
    l: &Lowerer,
    op: &openapiv3::Operation,
    ptr: &str,
) -> Vec<crate::ir::DeclaredResponse> {
    let statuses = op.responses.responses.iter().map(|(status, r)| {
        let (m, key) = match status {
            openapiv3::StatusCode::Code(c) => (StatusMatch::Code(*c), c.to_string()),
            openapiv3::StatusCode::Range(r) => (StatusMatch::Range(*r), format!("{r}XX")),
        };
        (m, key, r)
    });
    let default = op
        .responses
        .default
        .iter()
        .map(|r| (StatusMatch::Default, "default".to_owned(), r));
    statuses
        .chain(default)
        .map(|(status, key, r)| {
            let success = matches!(status, StatusMatch::Code(200..=299) | StatusMatch::Range(2));
            let resolved = match r {
                ReferenceOr::Item(r) => Some(r.clone()),
                // After loading, every reference points into `components`.
                ReferenceOr::Reference { reference } => reference
                    .strip_prefix("#/components/responses/")
                    .and_then(|name| l.spec.api.components.as_ref()?.responses.get(name))
                    .and_then(|r| r.as_item().cloned()),
            };
            let content = resolved
                .map(|r: openapiv3::Response| r.content)
                .unwrap_or_default();
            let picked = pick_response_media(&content);
            let schema = picked.and_then(|(_, mt, _)| match mt.schema.as_ref()? {
                ReferenceOr::Reference { reference } => Some(
                    percent_encoding::percent_decode_str(reference.strip_prefix('#')?)
                        .decode_utf8_lossy()
                        .into_owned(),
                ),
                ReferenceOr::Item(_) => None,
            });
            crate::ir::DeclaredResponse {
                status,
                media_types: content.keys().cloned().collect(),
                read: picked.filter(|_| success).map(|(m, _, _)| m.clone()),
                schema,
                pointer: pointer_join(ptr, &["responses", &key]),
            }
        })
        .collect()
}

/// The security requirement in force for an operation, as sorted alternatives.
pub(super) fn security_of(
    api: &openapiv3::OpenAPI,
    op: &openapiv3::Operation,
    ptr: &str,
) -> crate::ir::Security {
    let (requirements, pointer) = match &op.security {
        Some(own) => (own.as_slice(), format!("{ptr}/security")),
        None => (
            api.security.as_deref().unwrap_or(&[]),
            "/security".to_owned(),
        ),
    };
    let mut alternatives: Vec<Vec<String>> = requirements
        .iter()
        .map(|req| {
            let mut names: Vec<String> = req
                .iter()
                .map(|(name, scopes)| {
                    let mut scopes = scopes.clone();
                    scopes.sort();
                    if scopes.is_empty() {
                        name.clone()
                    } else {
                        format!("{name}[{}]", scopes.join(","))
                    }
                })
                .collect();
            names.sort();
            names
        })
        .collect();
    if alternatives.is_empty() {
        alternatives.push(Vec::new());
    }
    alternatives.sort();
    alternatives.dedup();
    crate::ir::Security {
        alternatives,
        pointer,
    }
}

pub(super) fn classify_media(media: &str) -> Option<BodyKind> {
    let m = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    Some(
        if m == "application/json"
            || m.ends_with("+json")
            || m == "*/*"
            || m == "application/*"
            || m.contains("json")
        {
            BodyKind::Json
        } else if m == "application/x-www-form-urlencoded" {
            BodyKind::Form
        } else if m == "multipart/form-data" || m.starts_with("multipart/") {
            BodyKind::Multipart
        } else if m.starts_with("text/") {
            BodyKind::Text
        } else {
            BodyKind::Bytes
        },
    )
}

pub(super) fn lower_body<'a>(
    l: &mut Lowerer<'a>,
    b: &'a ReferenceOr<openapiv3::RequestBody>,
    at: &str,
    builder: &str,
) -> Option<Body> {
    let (body, b_ptr) = l.resolve_ref(b, at)?;
    let rank = |k: BodyKind| match k {
        BodyKind::Json => 0,
        BodyKind::Form => 1,
        BodyKind::Multipart => 2,
        BodyKind::Text => 3,
        BodyKind::Bytes => 4,
    };
    let (media, mt, kind) = body
        .content
        .iter()
        .filter_map(|(m, mt)| Some((m, mt, classify_media(m)?)))
        .min_by_key(|(_, _, k)| rank(*k))?;
    let content_type = if media.contains('*') {
        "application/json".to_owned()
    } else {
        media.clone()
    };
    let schema_ptr = pointer_join(&b_ptr, &["content", media, "schema"]);
    let ty = match (kind, &mt.schema) {
        (BodyKind::Bytes, _) => Ty::Bytes,
        (BodyKind::Text, _) => Ty::String,
        (_, Some(s)) => {
            l.binary_as_bytes = kind == BodyKind::Multipart;
            let ty = l.lower_ref_or(s, &format!("{builder} body"), &schema_ptr).0;
            l.binary_as_bytes = false;
            ty
        }
        (_, None) => Ty::Json,
    };
    let flatten = match (&ty, kind) {
        (Ty::Named(id), BodyKind::Json | BodyKind::Form | BodyKind::Multipart) => {
            struct_target(l, *id)
        }
        _ => None,
    };
    // A form body declared as a string (or bytes) is the encoded form itself: send it as is.
    let kind = match (kind, &ty) {
        (BodyKind::Form | BodyKind::Multipart, Ty::String) => BodyKind::Text,
        (BodyKind::Form | BodyKind::Multipart, Ty::Bytes) => BodyKind::Bytes,
        (BodyKind::Form | BodyKind::Multipart, _) if flatten.is_none() => {
            l.warn(
                &schema_ptr,
                "this form body's schema is not an object; it is typed as written and must serialise to an object when sent",
            );
            kind
        }
        _ => kind,
    };
    Some(Body {
        kind,
        content_type,
        ty,
        required: body.required,
        flatten,
        validates: false,
        media_types: body.content.keys().cloned().collect(),
        pointer: b_ptr,
    })
}

/// The struct behind a named type, following aliases.
pub(super) fn struct_target(l: &Lowerer, mut id: TypeId) -> Option<TypeId> {
    for _ in 0..16 {
        match &l.types[id.0].kind {
            TypeKind::Struct { .. } => return Some(id),
            TypeKind::Alias(Ty::Named(next)) => id = *next,
            _ => return None,
        }
    }
    None
}

/// The media type of a response the SDK reads: JSON first, then text, then anything.
pub(super) fn pick_response_media(
    content: &IndexMap<String, openapiv3::MediaType>,
) -> Option<(&String, &openapiv3::MediaType, BodyKind)> {
    let rank = |k: BodyKind| match k {
        BodyKind::Json => 0,
        BodyKind::Text => 1,
        _ => 2,
    };
    content
        .iter()
        .filter_map(|(m, mt)| Some((m, mt, classify_media(m)?)))
        .min_by_key(|(_, _, k)| rank(*k))
}

pub(super) fn lower_response<'a>(
    l: &mut Lowerer<'a>,
    r: &'a ReferenceOr<openapiv3::Response>,
    at: &str,
    hint: &str,
) -> Response {
    let Some((resp, r_ptr)) = l.resolve_ref(r, at) else {
        return Response {
            kind: ResponseKind::Json,
            ty: Some(Ty::Json),
        };
    };
    let chosen = pick_response_media(&resp.content);
    match chosen {
        None => Response {
            kind: ResponseKind::Empty,
            ty: None,
        },
        Some((_, _, BodyKind::Text)) => Response {
            kind: ResponseKind::Text,
            ty: Some(Ty::String),
        },
        Some((_, _, BodyKind::Json)) | Some((_, _, BodyKind::Form)) => {
            let (media, mt, _) = chosen.expect("checked above");
            match &mt.schema {
                Some(s) => {
                    let (ty, nullable) = l.lower_ref_or(
                        s,
                        hint,
                        &pointer_join(&r_ptr, &["content", media, "schema"]),
                    );
                    let ty = if nullable {
                        Ty::Option(Box::new(ty))
                    } else {
                        ty
                    };
                    Response {
                        kind: ResponseKind::Json,
                        ty: Some(ty),
                    }
                }
                None => Response {
                    kind: ResponseKind::Json,
                    ty: Some(Ty::Json),
                },
            }
        }
        Some(_) => Response {
            kind: ResponseKind::Bytes,
            ty: Some(Ty::Bytes),
        },
    }
}

pub(super) fn lower_success<'a>(
    l: &mut Lowerer<'a>,
    op: &'a openapiv3::Operation,
    ptr: &str,
    builder: &str,
) -> Success {
    let mut cases: Vec<(StatusMatch, Response)> = Vec::new();
    let successes = op
        .responses
        .responses
        .keys()
        .filter(|s| {
            matches!(
                s,
                openapiv3::StatusCode::Code(200..=299) | openapiv3::StatusCode::Range(2)
            )
        })
        .count();
    for (status, r) in &op.responses.responses {
        let (m, key) = match status {
            openapiv3::StatusCode::Code(c @ 200..=299) => (StatusMatch::Code(*c), c.to_string()),
            openapiv3::StatusCode::Range(2) => (StatusMatch::Range(2), "2XX".to_owned()),
            _ => continue,
        };
        let at = pointer_join(ptr, &["responses", &key]);
        // With several success statuses, inline bodies are named by status so the enum
        // over them keeps the plain `<Builder>Response` name.
        let hint = match m {
            _ if successes < 2 => format!("{builder} response"),
            StatusMatch::Code(c) => format!("{builder} {}", status_word(c)),
            _ => format!("{builder} {key}"),
        };
        let resp = lower_response(l, r, &at, &hint);
        cases.push((m, resp));
    }
    cases.sort_by_key(|(m, _)| *m);
    if cases.is_empty() {
        // No 2xx declared: take `default` as the success shape when it has one.
        if let Some(d) = &op.responses.default {
            let resp = lower_response(
                l,
                d,
                &pointer_join(ptr, &["responses", "default"]),
                &format!("{builder} response"),
            );
            return Success::One(resp);
        }
        return Success::One(Response {
            kind: ResponseKind::Empty,
            ty: None,
        });
    }
    let first = cases[0].1.clone();
    if cases.iter().all(|(_, r)| *r == first) {
        return Success::One(first);
    }
    by_status(l, cases, ptr, builder)
}

/// Several 2xx statuses with different bodies: an enum keyed by status.
fn by_status(
    l: &mut Lowerer,
    cases: Vec<(StatusMatch, Response)>,
    ptr: &str,
    builder: &str,
) -> Success {
    let id = l.new_type(&format!("{builder} response"), ptr);
    l.types[id.0].doc.description =
        Some("The successful responses of this operation, by status.".into());
    let mut scope = Scope::with_reserved(&["Unknown"]);
    let mut named_cases = Vec::new();
    let mut variants = Vec::new();
    for (m, resp) in cases {
        let label = match m {
            StatusMatch::Code(c) => status_word(c).to_owned(),
            StatusMatch::Range(r) => format!("Status{r}xx"),
            StatusMatch::Default => "Default".to_owned(),
        };
        let name = scope.claim(&label);
        variants.push(UnionVariant {
            rust_name: name.clone(),
            ty: resp.ty.clone().unwrap_or(Ty::Json),
            tags: Vec::new(),
            keys: Vec::new(),
        });
        named_cases.push((m, name, resp));
    }
    l.types[id.0].kind = TypeKind::Union {
        variants,
        discriminator: None,
        fallback: "Unknown".to_owned(),
    };
    Success::ByStatus {
        type_id: id,
        cases: named_cases,
    }
}

pub(super) fn status_word(code: u16) -> &'static str {
    match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritative",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        _ => "Other",
    }
}
