//! Whether a re-encoded example is the example, up to the normalisations the README allows:
//!
//! 1. numbers compare by value (`1.0` and `1`, `1e3` and `1000`): a Rust float prints `1.0`
//!    and serde_json does not keep the spelling;
//! 2. strings that are both RFC 3339 date-times compare by instant (`...00.000Z`,
//!    `...00+00:00` and `...00Z`): `DateTime<Utc>` keeps the instant, not the spelling.
//!
//! Everything else must be equal: object keys (in any order), array items, strings, null.
//! (The example is compared without the properties its schema does not declare: see
//! [`super::undeclared`].)

use serde_json::Value;

/// `Ok` when `after` equals `before` up to the allowed normalisations; else the pointer of
/// the first difference and what differs.
pub fn same(before: &Value, after: &Value) -> Result<(), String> {
    diff(before, after, "")
}

fn diff(before: &Value, after: &Value, at: &str) -> Result<(), String> {
    let here = || if at.is_empty() { "/" } else { at };
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let child = crate::diag::pointer_join(at, &[k]);
                match b.get(k) {
                    Some(w) => diff(v, w, &child)?,
                    None => return Err(format!("{child}: dropped ({})", short(v))),
                }
            }
            match b.iter().find(|(k, _)| !a.contains_key(*k)) {
                Some((k, w)) => Err(format!(
                    "{}: added ({})",
                    crate::diag::pointer_join(at, &[k]),
                    short(w)
                )),
                None => Ok(()),
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                diff(v, w, &format!("{at}/{i}"))?;
            }
            Ok(())
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => Ok(()),
        (Value::String(a), Value::String(b)) if a == b || same_instant(a, b) => Ok(()),
        _ if before == after => Ok(()),
        _ => Err(format!(
            "{}: {} became {}",
            here(),
            short(before),
            short(after)
        )),
    }
}

fn same_instant(a: &str, b: &str) -> bool {
    use chrono::DateTime;
    match (
        DateTime::parse_from_rfc3339(a),
        DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// A value for a message, cut to 60 characters.
fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() <= 60 {
        return text;
    }
    let cut: String = text.chars().take(57).collect();
    format!("{cut}...")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_number_and_date_time_spellings_are_forgiven() {
        let ok = [
            (json!({"a": 1.0, "b": [1e3]}), json!({"b": [1000], "a": 1})),
            (
                json!("2020-01-02T03:04:05.000Z"),
                json!("2020-01-02T03:04:05Z"),
            ),
            (
                json!("2020-01-02T04:04:05+01:00"),
                json!("2020-01-02T03:04:05Z"),
            ),
        ];
        for (a, b) in ok {
            assert_eq!(same(&a, &b), Ok(()), "{a} vs {b}");
        }
        let bad = [
            (json!({"a": null}), json!({}), "/a: dropped (null)"),
            (json!({}), json!({"a": 1}), "/a: added (1)"),
            (json!([1, 2]), json!([1]), "/: [1,2] became [1]"),
            (
                json!({"d": "2020-01-02"}),
                json!({"d": "2020-1-2"}),
                "/d: \"2020-01-02\" became \"2020-1-2\"",
            ),
            (json!("1"), json!(1), "/: \"1\" became 1"),
        ];
        for (a, b, message) in bad {
            assert_eq!(same(&a, &b), Err(message.to_owned()));
        }
    }
}
