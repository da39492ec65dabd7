//! Encoding of path segments, query parameters, headers and form bodies.
//!
//! Values are serialised with serde first, so enums, dates and numbers are written exactly
//! as in JSON bodies (dates in RFC 3339), then laid out by the parameter's style.

use super::Error;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// RFC 3986 unreserved characters stay as they are; everything else is escaped.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// How a query parameter is laid out (OpenAPI `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `a=1&a=2`; objects as `key=value` pairs.
    Form,
    /// `a=1,2`.
    Comma,
    /// `a=1%202`.
    Space,
    /// `a=1|2`.
    Pipe,
    /// `a[key]=value`.
    DeepObject,
}

fn invalid(field: &str, rule: impl Into<String>) -> Error {
    Error::InvalidArgument {
        field: field.to_owned(),
        rule: rule.into(),
    }
}

pub(crate) fn to_value<T: Serialize + ?Sized>(field: &str, value: &T) -> Result<Value, Error> {
    super::Secret::reveal_in(|| serde_json::to_value(value))
        .map_err(|e| invalid(field, format!("cannot be encoded: {e}")))
}

/// A scalar as text; `None` for null, arrays and objects.
pub(crate) fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// One percent-encoded path segment. Empty values are refused: they would change the path.
pub fn path_segment<T: Serialize + ?Sized>(field: &str, value: &T) -> Result<String, Error> {
    let text = match to_value(field, value)? {
        // The common case, a string, is used as it is (no copy).
        Value::String(s) => s,
        Value::Array(items) => items
            .iter()
            .filter_map(scalar)
            .collect::<Vec<_>>()
            .join(","),
        other => scalar(&other).unwrap_or_default(),
    };
    if text.is_empty() {
        return Err(invalid(
            field,
            "must not be empty (it is part of the URL path)",
        ));
    }
    Ok(
        match std::borrow::Cow::from(utf8_percent_encode(&text, PATH_SEGMENT)) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(encoded) => encoded,
        },
    )
}

/// The `(name, value)` pairs of one query parameter; none when the value is null or absent.
pub(crate) fn query_pairs(name: &str, value: &Value, style: QueryStyle) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match value {
        Value::Null => {}
        Value::Array(items) => {
            let texts: Vec<String> = items.iter().filter_map(scalar).collect();
            match style {
                QueryStyle::Form | QueryStyle::DeepObject => {
                    out.extend(texts.into_iter().map(|t| (name.to_owned(), t)));
                }
                QueryStyle::Comma if !texts.is_empty() => {
                    out.push((name.to_owned(), texts.join(",")))
                }
                QueryStyle::Space if !texts.is_empty() => {
                    out.push((name.to_owned(), texts.join(" ")))
                }
                QueryStyle::Pipe if !texts.is_empty() => {
                    out.push((name.to_owned(), texts.join("|")))
                }
                _ => {}
            }
        }
        Value::Object(map) => match style {
            QueryStyle::DeepObject => deep_object(name, value, &mut out),
            QueryStyle::Form => {
                for (k, v) in map {
                    out.extend(query_pairs(k, v, QueryStyle::Form));
                }
            }
            _ => {
                let flat: Vec<String> = map
                    .iter()
                    .filter_map(|(k, v)| Some(format!("{k},{}", scalar(v)?)))
                    .collect();
                if !flat.is_empty() {
                    out.push((name.to_owned(), flat.join(",")));
                }
            }
        },
        scalar_value => {
            if let Some(t) = scalar(scalar_value) {
                out.push((name.to_owned(), t));
            }
        }
    }
    out
}

fn deep_object(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                deep_object(&format!("{prefix}[{k}]"), v, out);
            }
        }
        Value::Array(items) => {
            for v in items {
                deep_object(&format!("{prefix}[]"), v, out);
            }
        }
        other => {
            if let Some(t) = scalar(other) {
                out.push((prefix.to_owned(), t));
            }
        }
    }
}

/// A header value: scalars as text, arrays comma-joined; `None` when absent.
pub(crate) fn header_value(field: &str, value: &Value) -> Result<Option<String>, Error> {
    Ok(match value {
        Value::Null => None,
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(scalar)
                .collect::<Vec<_>>()
                .join(","),
        ),
        Value::Object(_) => return Err(invalid(field, "objects cannot be sent in a header")),
        other => scalar(other),
    })
}

/// An `application/x-www-form-urlencoded` body from an object.
pub(crate) fn form_body(value: &Value) -> Result<String, Error> {
    let Value::Object(map) = value else {
        return Err(invalid("body", "a form body must be an object"));
    };
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in map {
        match v {
            Value::Object(_) => {
                for (name, text) in query_pairs(k, v, QueryStyle::DeepObject) {
                    form.append_pair(&name, &text);
                }
            }
            _ => {
                for (name, text) in query_pairs(k, v, QueryStyle::Form) {
                    form.append_pair(&name, &text);
                }
            }
        }
    }
    Ok(form.finish())
}

/// Serde for an optional nullable field, `Option<Option<T>>` (used with `#[serde(default,
/// skip_serializing_if = "Option::is_none", with = "..")]`): absent is `None`, `null` is
/// `Some(None)` and a value is `Some(Some(v))`, both ways. Plain serde reads `null` as `None`,
/// losing the difference a PATCH body needs. (serde_with has the same function; this one
/// spares every generated crate that dependency's build time.)
pub mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(Some(v)) => v.serialize(serializer),
            // `None` is skipped by `skip_serializing_if`; if not, it is written as null too.
            Some(None) | None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        // Called only when the field is present (else `default` gives `None`).
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

/// For an optional field of any JSON value (`#[serde(default, skip_serializing_if =
/// "Option::is_none", deserialize_with = "..")]`): a present `null` is `Some(Value::Null)`, so
/// it is written back, where plain serde would read it as `None` and drop it.
pub fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    // Called only when the field is present (else `default` gives `None`).
    Value::deserialize(deserializer).map(Some)
}

/// `Deserialize` of a string enum (see `string_enum!`): any string, read through the enum's
/// `FromStr`, which keeps a value it does not know in the fallback variant.
pub fn string_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: std::str::FromStr<Err = std::convert::Infallible>,
{
    struct Wire<T>(std::marker::PhantomData<T>);

    impl<T: std::str::FromStr<Err = std::convert::Infallible>> serde::de::Visitor<'_> for Wire<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            let Ok(value) = value.parse();
            Ok(value)
        }

        /// Formats that hand a string over as UTF-8 bytes.
        fn visit_bytes<E: serde::de::Error>(self, value: &[u8]) -> Result<T, E> {
            match std::str::from_utf8(value) {
                Ok(text) => self.visit_str(text),
                Err(_) => Err(E::invalid_value(serde::de::Unexpected::Bytes(value), &self)),
            }
        }
    }

    deserializer.deserialize_str(Wire(std::marker::PhantomData))
}

/// The order in which a union without a discriminator tries its branches on `value`. For an
/// object, the branches that declare the most of its keys come first (ties keep the spec's
/// order), so that a branch whose properties are all optional, which any object fits, does
/// not take an object another branch describes better (and drop the keys it does not know);
/// for any other value, the spec's order. `keys[i]` are the properties branch `i` declares.
pub fn union_order(value: &Value, keys: &[&[&str]]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    if let Value::Object(map) = value {
        let fit = |i: &usize| keys[*i].iter().filter(|k| map.contains_key(**k)).count();
        order.sort_by_key(|i| std::cmp::Reverse(fit(i)));
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_union_tries_first_the_branch_that_declares_most_of_the_keys() {
        let keys: &[&[&str]] = &[&["id"], &["id", "tag"], &[]];
        assert_eq!(union_order(&json!({"id": 1, "tag": "x"}), keys), [1, 0, 2]);
        assert_eq!(union_order(&json!({"id": 1}), keys), [0, 1, 2]);
        assert_eq!(union_order(&json!({"other": 1}), keys), [0, 1, 2]);
        assert_eq!(union_order(&json!("text"), keys), [0, 1, 2]);
    }

    #[test]
    fn arrays_repeat_with_form_style() {
        let pairs = query_pairs(
            "applications[]",
            &json!(["adme", "protein_design"]),
            QueryStyle::Form,
        );
        assert_eq!(
            pairs,
            vec![
                ("applications[]".to_owned(), "adme".to_owned()),
                ("applications[]".to_owned(), "protein_design".to_owned())
            ]
        );
        assert_eq!(
            query_pairs("a", &json!([1, 2]), QueryStyle::Comma),
            vec![("a".into(), "1,2".into())]
        );
        assert_eq!(
            query_pairs("a", &json!([1, 2]), QueryStyle::Pipe),
            vec![("a".into(), "1|2".into())]
        );
        assert!(query_pairs("a", &json!(null), QueryStyle::Form).is_empty());
    }

    #[test]
    fn deep_objects_nest_with_brackets() {
        let mut pairs = query_pairs(
            "filter",
            &json!({"name": "x", "tags": ["a"], "at": {"gt": 1}}),
            QueryStyle::DeepObject,
        );
        // Key order follows serde_json's map (sorted, or insertion order with preserve_order).
        pairs.sort();
        assert_eq!(
            pairs,
            vec![
                ("filter[at][gt]".to_owned(), "1".to_owned()),
                ("filter[name]".to_owned(), "x".to_owned()),
                ("filter[tags][]".to_owned(), "a".to_owned())
            ]
        );
    }

    #[test]
    fn path_segments_are_escaped_and_never_empty() {
        assert_eq!(path_segment("id", "a b/c?d").unwrap(), "a%20b%2Fc%3Fd");
        assert_eq!(path_segment("id", "ws_01-AZ.~").unwrap(), "ws_01-AZ.~");
        assert_eq!(path_segment("n", &42).unwrap(), "42");
        let err = path_segment("workspace_id", "").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid argument `workspace_id`: must not be empty (it is part of the URL path)"
        );
    }

    #[test]
    fn form_bodies_encode_fields() {
        let body = form_body(&json!({"a": "x y", "b": [1, 2], "c": {"d": true}})).unwrap();
        assert_eq!(body, "a=x+y&b=1&b=2&c%5Bd%5D=true");
    }

    #[test]
    fn double_option_tells_absent_null_and_value_apart() {
        #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
        struct Patch {
            #[serde(
                default,
                skip_serializing_if = "Option::is_none",
                with = "super::double_option"
            )]
            name: Option<Option<String>>,
        }
        let cases = [
            ("{}", None),
            (r#"{"name":null}"#, Some(None)),
            (r#"{"name":"x"}"#, Some(Some("x".to_owned()))),
        ];
        for (json, name) in cases {
            let patch: Patch = serde_json::from_str(json).unwrap();
            assert_eq!(patch, Patch { name: name.clone() }, "{json}");
            assert_eq!(serde_json::to_string(&patch).unwrap(), json);
        }
        assert!(serde_json::from_str::<Patch>(r#"{"name":1}"#).is_err());
    }

    #[test]
    fn present_keeps_a_null_any_value() {
        #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
        struct Item {
            #[serde(
                default,
                skip_serializing_if = "Option::is_none",
                deserialize_with = "super::present"
            )]
            note: Option<serde_json::Value>,
        }
        for (json, note) in [
            ("{}", None),
            (r#"{"note":null}"#, Some(json!(null))),
            (r#"{"note":[1]}"#, Some(json!([1]))),
        ] {
            let item: Item = serde_json::from_str(json).unwrap();
            assert_eq!(item, Item { note }, "{json}");
            assert_eq!(serde_json::to_string(&item).unwrap(), json);
        }
    }

    /// A string enum reads its known values, keeps an unknown one, and refuses a number.
    #[test]
    fn string_enum_reads_any_string_through_from_str() {
        #[derive(Debug, PartialEq)]
        enum Unit {
            Days,
            Other(String),
        }
        impl std::str::FromStr for Unit {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(match value {
                    "days" => Unit::Days,
                    other => Unit::Other(other.to_owned()),
                })
            }
        }
        let read = |json: &str| {
            let mut de = serde_json::Deserializer::from_str(json);
            string_enum::<_, Unit>(&mut de)
        };
        assert_eq!(read("\"days\"").unwrap(), Unit::Days);
        assert_eq!(read("\"weeks\"").unwrap(), Unit::Other("weeks".into()));
        let from_value = string_enum::<_, Unit>(json!("days")).unwrap();
        assert_eq!(from_value, Unit::Days);
        let bytes = serde::de::value::BytesDeserializer::<serde_json::Error>::new(b"days");
        assert_eq!(string_enum::<_, Unit>(bytes).unwrap(), Unit::Days);
        let err = read("7").unwrap_err().to_string();
        assert!(err.contains("expected a string"), "{err}");
    }
}
