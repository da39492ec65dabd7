//! Pagination detection: which list responses are pages the runtime can walk (the shapes are
//! documented in the README and pinned by the table in `rules.rs`).

use super::responses::struct_target;
use super::Lowerer;
use crate::ir::{
    Field, PageStyle, Pagination, Param, ParamLocation, Presence, Response, ResponseKind, Success,
    Ty, TypeKind,
};

/// Recognises the two page shapes the runtime walks (documented in the README).
pub(super) fn detect_pagination(
    l: &Lowerer,
    params: &[Param],
    success: &Success,
) -> Option<Pagination> {
    let Success::One(Response {
        kind: ResponseKind::Json,
        ty: Some(Ty::Named(page)),
    }) = success
    else {
        return None;
    };
    let page = struct_target(l, *page)?;
    let TypeKind::Struct { fields, .. } = &l.types[page.0].kind else {
        return None;
    };
    let field = |name: &str| fields.iter().find(|f| f.wire_name == name);
    let items: Vec<_> = fields
        .iter()
        .filter(|f| matches!(f.ty, Ty::Vec(_)) && f.presence == Presence::Required)
        .collect();
    let items = items.iter().find(|f| f.wire_name == "data").or_else(|| {
        if items.len() == 1 {
            items.first()
        } else {
            None
        }
    })?;
    let Ty::Vec(item_ty) = &items.ty else {
        return None;
    };
    let has_more_field = field("has_more")
        .filter(|f| f.ty == Ty::Bool)
        .map(|f| (f.rust_name.clone(), f.presence != Presence::Required));

    let (style, cursor) = page_style(params, fields)?;
    Some(Pagination {
        style,
        page_type: page,
        items_field: items.rust_name.clone(),
        item_ty: (**item_ty).clone(),
        has_more_field,
        cursor,
    })
}

/// How the page is walked: id cursors (`after_id`/`before_id` with `first_id`/`last_id`) or
/// one opaque cursor parameter fed from a field; and how the cursor fields are present.
fn page_style(params: &[Param], fields: &[Field]) -> Option<(PageStyle, Presence)> {
    let query = |name: &str| {
        params
            .iter()
            .any(|p| p.location == ParamLocation::Query && p.wire_name == name && !p.required)
    };
    let string_field = |name: &str| {
        fields
            .iter()
            .find(|f| f.wire_name == name && f.ty == Ty::String)
    };
    if query("after_id") && query("before_id") {
        let first = string_field("first_id")?;
        let last = string_field("last_id")?;
        if first.presence != last.presence {
            return None;
        }
        let style = PageStyle::IdCursor {
            after_param: "after_id".into(),
            before_param: "before_id".into(),
            first_field: first.rust_name.clone(),
            last_field: last.rust_name.clone(),
        };
        return Some((style, first.presence));
    }
    const PAIRS: &[(&str, &str)] = &[
        ("page", "next_page"),
        ("cursor", "next_cursor"),
        ("page_token", "next_page_token"),
        ("pageToken", "nextPageToken"),
        ("next_token", "next_token"),
    ];
    let (param, next) = PAIRS
        .iter()
        .find(|(p, f)| query(p) && string_field(f).is_some())?;
    let next_field = string_field(next)?;
    let style = PageStyle::Opaque {
        param: (*param).into(),
        next_field: next_field.rust_name.clone(),
    };
    Some((style, next_field.presence))
}
