//! Operation-level `x-sdk-*` extensions that add checks the schema language cannot say:
//!
//! - `x-sdk-ordered: [[a, b], ..]`: the required parameters `a` and `b` (by wire name) must be
//!   strictly increasing (`starting_at` before `ending_at`); the SDK refuses the call before
//!   sending otherwise.
//!
//! A malformed extension is a warning naming its pointer, and is ignored.

use super::Lowerer;
use crate::ir::Param;

pub(super) fn ordered(
    l: &mut Lowerer,
    op: &openapiv3::Operation,
    pointer: &str,
    params: &[Param],
) -> Vec<(usize, usize)> {
    let Some(value) = op.extensions.get("x-sdk-ordered") else {
        return Vec::new();
    };
    let at = format!("{pointer}/x-sdk-ordered");
    let Some(pairs) = value.as_array() else {
        l.warn(
            &at,
            "x-sdk-ordered must be a list of [first, second] parameter names; ignored",
        );
        return Vec::new();
    };
    let find = |name: &str| {
        params
            .iter()
            .position(|p| p.wire_name == name && p.required)
    };
    let mut out = Vec::new();
    for (i, pair) in pairs.iter().enumerate() {
        let names: Option<Vec<&str>> = pair
            .as_array()
            .map(|a| a.iter().filter_map(serde_json::Value::as_str).collect());
        let found = match names.as_deref() {
            Some([a, b]) => find(a).zip(find(b)),
            _ => None,
        };
        match found {
            Some(pair) => out.push(pair),
            None => l.warn(
                &format!("{at}/{i}"),
                "expected [first, second], the names of two required parameters of this operation; ignored",
            ),
        }
    }
    out
}
